//! `/orgs/{uscc}` — an organization's public profile with every section; empty sections say so.

use crate::AppState;
use crate::auth::current_session;
use crate::error::{ApiError, PageError};
use crate::registry::api::org_get::parse_uscc;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use gongyi_types::ErrorCode;
use gongyi_types::{Organization, Sections};

pub struct Table {
    pub id: &'static str,
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub empty: &'static str,
}

#[derive(Template)]
#[template(path = "registry/profile.html")]
struct Profile {
    nav: Nav,
    uscc: String,
    name: String,
    kind_label: String,
    status: String,
    status_label: String,
    credit: String,
    credit_label: String,
    division: String,
    division_name: String,
    flags: Vec<&'static str>,
    basics: Vec<(String, String)>,
    tables: Vec<Table>,
    edit_href: Option<String>,
    /// (date, what happened, receipt link) — the public facts of this record in the ledger.
    records: Vec<(String, &'static str, String)>,
}

/// What an audited action is called on a public page (who did it is not shown).
fn action_label(action: &str) -> &'static str {
    match action {
        "org.create" => "登记信息录入",
        "org.import" => "登记信息批量导入",
        "org.update" => "登记信息变更",
        "org.annual_report" => "年度工作报告",
        "credit.list" => "列入名录",
        "credit.remove" => "移出名录",
        "credit.penalty" => "行政处罚",
        "credit.objection" => "信用信息异议",
        "credit.objection_decided" => "异议处理结果",
        _ => "其他记录",
    }
}

fn or_none(s: &Option<String>) -> String {
    s.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "无".to_string())
}

fn basics(o: &Organization) -> Vec<(String, String)> {
    let validity = match (o.cert_valid_from, o.cert_valid_to) {
        (Some(a), Some(b)) => format!("{a} 至 {b}"),
        (None, Some(b)) => format!("至 {b}"),
        (Some(a), None) => format!("{a} 起"),
        (None, None) => "未登记".to_string(),
    };
    vec![
        ("名称".into(), o.name.clone()),
        ("统一社会信用代码".into(), o.uscc.to_string()),
        ("类型".into(), o.kind.label().into()),
        ("登记管理机关".into(), o.authority.clone()),
        ("业务主管单位".into(), or_none(&o.supervisor)),
        ("法定代表人".into(), o.legal_rep.clone()),
        ("成立登记日期".into(), o.founded.to_string()),
        (o.kind.capital_label().into(), o.capital.display_cn()),
        ("住所".into(), o.address.clone()),
        ("业务范围".into(), o.scope.clone()),
        ("登记状态".into(), o.status.label().into()),
        ("登记证号".into(), o.cert_no.clone()),
        ("登记证有效期".into(), validity),
        ("联系电话".into(), or_none(&o.phone)),
        ("电子邮箱".into(), or_none(&o.email)),
        ("网站".into(), or_none(&o.website)),
    ]
}

fn tables(s: &Sections) -> Vec<Table> {
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    vec![
        Table {
            id: "inspections",
            title: "年检/年报结果",
            headers: vec!["年度", "结论", "作出日期"],
            rows: s
                .inspections
                .iter()
                .rev()
                .map(|i| {
                    vec![
                        format!("{}年度", i.year),
                        i.result.label().into(),
                        d(i.decided_on),
                    ]
                })
                .collect(),
            empty: "暂无年检/年报结果。",
        },
        Table {
            id: "evaluations",
            title: "评估等级",
            headers: vec!["等级", "评定日期", "有效期至", "评估机关"],
            rows: s
                .evaluations
                .iter()
                .rev()
                .map(|e| {
                    vec![
                        e.grade.label().into(),
                        e.awarded_on.to_string(),
                        e.valid_until.to_string(),
                        e.authority.clone(),
                    ]
                })
                .collect(),
            empty: "暂无评估等级。",
        },
        Table {
            id: "honors",
            title: "表彰",
            headers: vec!["名称", "授予单位", "日期"],
            rows: s
                .honors
                .iter()
                .rev()
                .map(|h| vec![h.title.clone(), h.issuer.clone(), h.awarded_on.to_string()])
                .collect(),
            empty: "暂无表彰信息。",
        },
        Table {
            id: "penalties",
            title: "行政处罚",
            headers: vec![
                "决定书文号",
                "违法事由",
                "处罚依据",
                "处罚结果",
                "决定日期",
                "处罚机关",
            ],
            rows: s
                .penalties
                .iter()
                .rev()
                .map(|p| {
                    // The amount once: added only when the decision's text does not give it.
                    let result = match p.fine {
                        Some(f) if !p.result.contains('元') => {
                            format!("{}（罚款{}）", p.result, f.display_cn())
                        }
                        _ => p.result.clone(),
                    };
                    vec![
                        p.doc_no.clone(),
                        p.reason.clone(),
                        p.basis.clone(),
                        result,
                        p.decided_on.to_string(),
                        p.authority.clone(),
                    ]
                })
                .collect(),
            empty: "暂无行政处罚信息。",
        },
        Table {
            id: "changes",
            title: "变更记录",
            headers: vec!["变更日期", "变更事项", "变更前", "变更后"],
            rows: s
                .changes
                .iter()
                .rev()
                .map(|c| {
                    vec![
                        c.changed_on.to_string(),
                        c.field.clone(),
                        c.before.clone(),
                        c.after.clone(),
                    ]
                })
                .collect(),
            empty: "暂无变更记录。",
        },
        Table {
            id: "lists",
            title: "活动异常名录和严重违法失信名单",
            headers: vec![
                "名录",
                "列入日期",
                "列入原因",
                "作出决定机关",
                "移出日期",
                "移出原因",
            ],
            rows: s
                .list_entries
                .iter()
                .rev()
                .map(|l| {
                    vec![
                        l.list.label().into(),
                        l.listed_on.to_string(),
                        l.listed_reason.clone(),
                        l.listed_by.clone(),
                        d(l.removed_on),
                        l.removed_reason.clone().unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
            empty: "未被列入活动异常名录或严重违法失信名单。",
        },
        Table {
            id: "reports",
            title: "年度工作报告",
            headers: vec![
                "年度",
                "报送日期",
                "收入",
                "支出",
                "净资产",
                "专职工作人员",
                "会员数",
                "摘要",
            ],
            rows: s
                .annual_reports
                .iter()
                .rev()
                .map(|a| {
                    vec![
                        format!("{}年度", a.year),
                        a.filed_on.to_string(),
                        a.income.display_cn(),
                        a.expenditure.display_cn(),
                        a.net_assets.display_cn(),
                        a.staff.to_string(),
                        a.members
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| "—".into()),
                        a.summary.clone(),
                    ]
                })
                .collect(),
            empty: "暂无年度工作报告。",
        },
    ]
}

pub async fn handler(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let session = current_session(&state, &headers).await?;
    let uscc = parse_uscc(&raw)?;
    let Some((o, s)) = state.store.profile(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        )
        .into());
    };
    let records = state
        .store
        .audit_for(gongyi_types::EntityKind::Org, uscc.as_str(), 20)
        .await?
        .into_iter()
        .map(|a| {
            (
                crate::web::time::cn(&a.at),
                action_label(&a.action),
                format!("/api/v1/ledger/receipt/{}", a.id),
            )
        })
        .collect();
    let edit_href = session
        .as_ref()
        .filter(|s| s.official.may_edit(o.division).is_ok())
        .map(|_| format!("/admin/orgs/{uscc}/edit"));
    let flags: Vec<&'static str> = o.flags.set().map(gongyi_types::Flag::as_property).collect();
    let orders = state.store.rectifications(o.uscc.as_str()).await?;
    Ok(render(&Profile {
        nav: Nav::public(&state, &headers, &session).await?,
        uscc: o.uscc.to_string(),
        name: o.name.clone(),
        kind_label: o.kind.label().into(),
        status: o.status.code().into(),
        status_label: o.status.label().into(),
        credit: o.credit.code().into(),
        credit_label: o.credit.label().into(),
        division: o.division.to_string(),
        division_name: o.division.full_name(),
        flags,
        basics: basics(&o),
        tables: {
            let mut t = tables(&s);
            t.push(crate::credit::pages::profile_section::credit_table(
                &o, &s, &orders,
            ));
            t
        },
        edit_href,
        records,
    }))
}
