//! A record of the change feed read back into an [`Organization`], by the data dictionary
//! (`/api/v1/schema/org.json`): every field typed and checked — a 统一社会信用代码 with its GB
//! 32100 check character, a GB/T 2260 division that exists, the code lists — so that a
//! record a higher node accepts is one its own registry could hold.

use chrono::NaiveDate;
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct FlagsIn {
    charity: bool,
    public_fundraising: bool,
    volunteer: bool,
    trade_association: bool,
}

#[derive(Debug, Deserialize)]
struct RecordIn {
    uscc: String,
    name: String,
    kind: String,
    status: String,
    credit: String,
    division: String,
    authority: String,
    supervisor: Option<String>,
    legal_rep: String,
    founded: String,
    capital_fen: i64,
    address: String,
    scope: String,
    cert_no: String,
    cert_valid_from: Option<String>,
    cert_valid_to: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    flags: FlagsIn,
}

fn date(field: &str, s: &str) -> Result<NaiveDate, String> {
    s.parse()
        .map_err(|_| format!("{field} 不是日期（YYYY-MM-DD）：{s}"))
}

/// The organization a feed record describes, or why it does not conform.
pub fn org_from_record(v: &serde_json::Value) -> Result<Organization, String> {
    let r: RecordIn =
        serde_json::from_value(v.clone()).map_err(|e| format!("记录不符合数据字典：{e}"))?;
    let name = r.name.trim().to_string();
    if name.is_empty() {
        return Err("名称为空".into());
    }
    Ok(Organization {
        uscc: Uscc::parse(&r.uscc).map_err(|e| format!("统一社会信用代码无效：{e}"))?,
        name,
        kind: OrgKind::parse(&r.kind).map_err(|e| format!("kind：{e}"))?,
        status: RegStatus::parse(&r.status).map_err(|e| format!("status：{e}"))?,
        division: DivisionCode::parse(&r.division)
            .map_err(|e| format!("登记管理机关行政区划无效：{e}"))?,
        authority: r.authority,
        supervisor: r.supervisor,
        legal_rep: r.legal_rep,
        founded: date("founded", &r.founded)?,
        capital: Fen(r.capital_fen),
        address: r.address,
        scope: r.scope,
        cert_no: r.cert_no,
        cert_valid_from: r
            .cert_valid_from
            .as_deref()
            .map(|d| date("cert_valid_from", d))
            .transpose()?,
        cert_valid_to: r
            .cert_valid_to
            .as_deref()
            .map(|d| date("cert_valid_to", d))
            .transpose()?,
        phone: r.phone,
        email: r.email,
        website: r.website,
        flags: OrgFlags {
            charity: r.flags.charity,
            public_fundraising: r.flags.public_fundraising,
            volunteer: r.flags.volunteer,
            trade_association: r.flags.trade_association,
        },
        credit: CreditStatus::parse(&r.credit).map_err(|e| format!("credit：{e}"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::open_data::public_record;

    #[test]
    fn a_feed_record_reads_back_into_the_same_organization() {
        let s = gongyi_synth::Synth::new(3, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        for i in 0..50 {
            let (o, _) = s.org(i);
            assert_eq!(org_from_record(&public_record(&o)).unwrap(), o);
        }
        let (o, _) = s.org(1);
        let mut v = public_record(&o);
        v["uscc"] = "51110000MJ0000000X".into();
        assert!(
            org_from_record(&v)
                .unwrap_err()
                .contains("统一社会信用代码")
        );
        v = public_record(&o);
        v["division"] = "999999".into();
        assert!(org_from_record(&v).is_err());
        v = public_record(&o);
        v.as_object_mut().unwrap().remove("legal_rep");
        assert!(org_from_record(&v).unwrap_err().contains("数据字典"));
    }
}
