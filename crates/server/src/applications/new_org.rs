//! The record of an organization created by an approved 成立登记, with a new 统一社会信用代码.
//!
//! The code (GB 32100-2015): `5` (民政), the kind's category, the registrar's division, and
//! an organization-code body (GB 11714) from the `MK` segment this platform allocates:
//! `MK` + six characters of the GB 32100 alphabet numbering the application the code is
//! created for (its row id, unique by construction: two approvals decided at the same moment
//! cannot compute the same code, as they could when the number was the count of earlier
//! approvals), skipping any code already in use; both check characters are computed by
//! `Uscc::assemble`, so the code always validates. (The synthetic data uses `MJ`, the test
//! fixtures `TU`, so no allocation collides with them.)

use crate::AppState;
use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use gongyi_types::ErrorCode;
use gongyi_types::applications::forms::EstablishForm;
use gongyi_types::uscc::ALPHABET;
use gongyi_types::{CreditStatus, DivisionCode, OrgFlags, Organization, RegStatus, Uscc};

/// The body `MK` + base-31 digits of `seq`.
pub fn body(seq: u64) -> String {
    let mut out = [b'0'; 6];
    let mut n = seq;
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n % 31) as usize];
        n /= 31;
    }
    format!("MK{}", String::from_utf8_lossy(&out))
}

/// The registration authority of a division by its real name (`DivisionCode::authority_name`);
/// the form refuses divisions without one, so the fallback names the division only.
pub fn authority(d: DivisionCode) -> String {
    d.authority_name()
        .unwrap_or_else(|| format!("{}民政部门", d.full_name()))
}

/// The new organization created by approving application `app_id`, with its code.
pub async fn build(
    state: &AppState,
    app_id: i64,
    f: &EstablishForm,
    today: NaiveDate,
) -> Result<Organization, ApiError> {
    let mut seq = u64::try_from(app_id).unwrap_or(0);
    let uscc = loop {
        let u = Uscc::assemble(
            '5',
            f.kind.uscc_category(),
            &f.division.to_string(),
            &body(seq),
        )
        .map_err(ApiError::internal)?;
        if state.store.org(u.as_str()).await?.is_none() {
            break u;
        }
        seq += 1;
    };
    let valid_to = today
        .with_year(today.year() + 5)
        .unwrap_or(today + chrono::Duration::days(5 * 365));
    let o = Organization {
        cert_no: format!("{}登字第{:06}号", authority(f.division), seq),
        uscc,
        name: f.name.clone(),
        kind: f.kind,
        status: RegStatus::Active,
        division: f.division,
        authority: authority(f.division),
        supervisor: f.supervisor.clone(),
        legal_rep: f.legal_rep.clone(),
        founded: today,
        capital: f.capital,
        address: f.address.clone(),
        scope: f.scope.clone(),
        cert_valid_from: Some(today),
        cert_valid_to: Some(valid_to),
        phone: Some(f.phone.clone()),
        email: None,
        website: None,
        flags: OrgFlags::default(),
        credit: CreditStatus::Normal,
    };
    let errs = o.check();
    if let Some(e) = errs.first() {
        return Err(ApiError::new(
            ErrorCode::RegistryRecordInvalid,
            format!("{}：{}", e.field, e.message),
        ));
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bodies_are_distinct_and_make_valid_codes() {
        assert_eq!(super::body(1), "MK000001");
        assert_eq!(super::body(31), "MK000010");
        let u = gongyi_types::Uscc::assemble('5', '1', "110105", &super::body(7));
        assert!(u.is_ok());
    }
}
