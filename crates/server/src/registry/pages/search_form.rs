//! The search form's state, rebuilt from the query string so a results page shows what was
//! asked, and the links that change one parameter (facets, pages).

use crate::registry::api::search_params::RawSearch;
use crate::web::layout::Choice;
use gongyi_types::{CreditStatus, DivisionCode, Flag, OrgKind, RegStatus};

pub struct SearchForm {
    pub q: String,
    pub has_filters: bool,
    pub kinds: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub credits: Vec<Choice>,
    pub divisions: Vec<Choice>,
    pub founded_from: String,
    pub founded_to: String,
    pub flags: Vec<Choice>,
}

fn v(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    cur: &Option<String>,
) -> Vec<Choice> {
    all.iter()
        .map(|x| Choice {
            value: code(*x).into(),
            label: label(*x).into(),
            selected: cur.as_deref() == Some(code(*x)),
        })
        .collect()
}

impl SearchForm {
    pub fn new(raw: &RawSearch) -> Self {
        let cur_div = v(&raw.division);
        // Provinces, and the cities of the selected province, so a user can narrow down
        // without JavaScript; any other code still works through the URL.
        let national = DivisionCode::NATIONAL.to_string();
        let mut divisions = vec![Choice {
            value: national.clone(),
            label: "全国性社会组织（民政部登记）".into(),
            selected: cur_div == national,
        }];
        for p in DivisionCode::provinces()
            .iter()
            .filter(|p| p.has_registrar())
        {
            divisions.push(Choice {
                value: p.to_string(),
                label: p.name().to_string(),
                selected: cur_div == p.to_string(),
            });
            if cur_div.len() == 6 && cur_div.starts_with(&p.to_string()[..2]) {
                for c in p.children() {
                    divisions.push(Choice {
                        value: c.to_string(),
                        label: format!("　{}", c.full_name()),
                        selected: cur_div == c.to_string(),
                    });
                    if cur_div.starts_with(&c.to_string()[..4]) && !c.to_string().ends_with("0000")
                    {
                        for k in c.children() {
                            divisions.push(Choice {
                                value: k.to_string(),
                                label: format!("　　{}", k.name()),
                                selected: cur_div == k.to_string(),
                            });
                        }
                    }
                }
            }
        }
        let flag = |name: &str, label: &str, cur: &Option<String>| Choice {
            value: name.into(),
            label: label.into(),
            selected: matches!(cur.as_deref(), Some("true" | "1" | "on" | "是")),
        };
        let has_filters = [
            &raw.kind,
            &raw.status,
            &raw.credit,
            &raw.division,
            &raw.founded_from,
            &raw.founded_to,
            &raw.charity,
            &raw.public_fundraising,
            &raw.volunteer,
            &raw.trade_association,
        ]
        .iter()
        .any(|x| x.as_deref().is_some_and(|s| !s.is_empty()));
        Self {
            q: v(&raw.q),
            has_filters,
            kinds: choices(OrgKind::ALL, OrgKind::code, OrgKind::label, &raw.kind),
            statuses: choices(
                RegStatus::ALL,
                RegStatus::code,
                RegStatus::label,
                &raw.status,
            ),
            credits: choices(
                CreditStatus::ALL,
                CreditStatus::code,
                CreditStatus::label,
                &raw.credit,
            ),
            divisions,
            founded_from: v(&raw.founded_from),
            founded_to: v(&raw.founded_to),
            flags: Flag::ALL
                .into_iter()
                .map(|f| {
                    let value = match f {
                        Flag::Charity => &raw.charity,
                        Flag::PublicFundraising => &raw.public_fundraising,
                        Flag::Volunteer => &raw.volunteer,
                        Flag::TradeAssociation => &raw.trade_association,
                    };
                    flag(f.code(), f.as_property(), value)
                })
                .collect(),
        }
    }
}

/// Every parameter of `raw` but `except`, as (name, value) pairs — the hidden fields of a form
/// that changes that one parameter (the jump-to-page box).
pub fn hidden_fields(raw: &RawSearch, except: &str) -> Vec<(String, String)> {
    let qs = serde_urlencoded::to_string(raw).unwrap_or_default();
    serde_urlencoded::from_str::<Vec<(String, String)>>(&qs)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, v)| k != except && !v.is_empty())
        .collect()
}

/// `/orgs?…` with one parameter set (or removed with `None`) and the page reset unless it is
/// the parameter being set.
pub fn href_with(raw: &RawSearch, key: &str, value: Option<&str>) -> String {
    let mut r = raw.clone();
    let slot = match key {
        "kind" => &mut r.kind,
        "status" => &mut r.status,
        "credit" => &mut r.credit,
        "division" => &mut r.division,
        "charity" => &mut r.charity,
        "public_fundraising" => &mut r.public_fundraising,
        "volunteer" => &mut r.volunteer,
        "trade_association" => &mut r.trade_association,
        "page" => &mut r.page,
        "sort" => &mut r.sort,
        "view" => &mut r.view,
        _ => &mut r.q,
    };
    *slot = value.map(str::to_string);
    // A new question starts at page 1; another view of the same list stays on its page.
    if key != "page" && key != "view" {
        r.page = None;
    }
    let qs = serde_urlencoded::to_string(&r).unwrap_or_default();
    // Drop empty parameters for readable URLs.
    let qs: Vec<&str> = qs
        .split('&')
        .filter(|kv| !kv.ends_with('=') && !kv.is_empty())
        .collect();
    format!("/orgs?{}", qs.join("&"))
}
