//! Demo data of the online services (一网通办) for `serve --demo`: accounts of a few Beijing
//! organizations and one person, and applications in every state of the procedure, written
//! through the store's own steps (each with its event and audit row). The approved one is an
//! annual report, so the registry shows it too. Logins are printed and appended to
//! `demo-logins.txt` like the officials'.

use crate::context::Ctx;
use anyhow::Context as _;
use chrono::{Duration, Utc};
use gongyi_server::platform::archive::Archive;
use gongyi_store::accounts::applicants::{KIND_ORG, KIND_PERSON, NewApplicant};
use gongyi_store::applications::{NewApplication, RegistryEffect, Step};
use gongyi_types::applications::{AppAction, ApplicationState as S, ServiceKind, deadline_days};
use gongyi_types::working_days::add_working_days;
use gongyi_types::{AnnualReport, Fen, Inspection, InspectionResult, Organization, RegStatus};
use std::collections::BTreeMap;
use std::io::Write as _;

const ACTOR_OFFICIAL: &str = "user:beijing";
const OFFICIAL_LABEL: &str = "李明（北京市）";

fn form(kv: &[(&str, &str)]) -> String {
    let m: BTreeMap<&str, &str> = kv.iter().copied().collect();
    serde_json::to_string(&m).unwrap_or_else(|_| "{}".into())
}

fn report_form(year: &str) -> String {
    form(&[
        ("year", year),
        ("income", "386000"),
        ("expenditure", "352400.5"),
        ("net_assets", "120000"),
        ("staff", "6"),
        ("members", "132"),
        ("activities", "开展社区服务项目 14 个，培训志愿者 300 人次"),
    ])
}

/// The steps from 草稿 to `target` (officials' reasons are demo text).
fn path_to(target: S) -> Vec<(AppAction, S)> {
    use AppAction as A;
    let mut p = vec![(A::Submit, S::Submitted)];
    let rest: &[(AppAction, S)] = match target {
        S::Draft => return vec![],
        S::Submitted => &[],
        S::Accepted => &[(A::Accept, S::Accepted)],
        S::NotAccepted => &[(A::RefuseIntake, S::NotAccepted)],
        S::NeedsCorrection => &[(A::RequestCorrection, S::NeedsCorrection)],
        S::Corrected => &[
            (A::RequestCorrection, S::NeedsCorrection),
            (A::Correct, S::Corrected),
        ],
        S::UnderReview => &[(A::Accept, S::Accepted), (A::StartReview, S::UnderReview)],
        S::Approved => &[
            (A::Accept, S::Accepted),
            (A::StartReview, S::UnderReview),
            (A::Approve, S::Approved),
        ],
        S::Denied => &[
            (A::Accept, S::Accepted),
            (A::StartReview, S::UnderReview),
            (A::Deny, S::Denied),
        ],
    };
    p.extend_from_slice(rest);
    p
}

fn reason(a: AppAction) -> &'static str {
    match a {
        AppAction::Submit | AppAction::Correct => "",
        AppAction::Accept => "材料齐全，符合法定形式，予以受理",
        AppAction::RefuseIntake => "申请事项不属于本机关职权范围，请向业务所在地登记管理机关申请",
        AppAction::RequestCorrection => "请补充理事会决议原件扫描件",
        AppAction::StartReview => "进入实质审查",
        AppAction::Approve => "经审查，符合规定，准予",
        AppAction::Deny => "自评材料与实际情况不符，不予评估",
    }
}

/// A small valid PDF for the demo's materials.
fn demo_pdf(title: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% gongyi demo: {title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        .into_bytes()
}

/// Adds the demo's accounts and applications and prints their logins.
pub async fn fill(ctx: &Ctx) -> anyhow::Result<()> {
    let store = &ctx.store;
    let archive = Archive::open(&ctx.data_dir.join("archive")).context("无法打开电子档案目录")?;
    let now = Utc::now();
    let at = gongyi_store::timestamp(now);
    let today = (now + Duration::hours(8)).date_naive();
    // A few active organizations, Beijing's first (the demo official `beijing` has
    // jurisdiction there; `mzb` sees every one).
    let mut beijing: Vec<Organization> = vec![];
    let mut others: Vec<Organization> = vec![];
    let mut after: Option<String> = None;
    while beijing.len() < 3 {
        let page = store.orgs_after(after.as_deref(), 2000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.uscc.to_string());
        for o in page.into_iter().filter(|o| o.status == RegStatus::Active) {
            if o.division.to_string().starts_with("11") {
                beijing.push(o);
            } else if others.len() < 4 {
                others.push(o);
            }
        }
    }
    let mut orgs = beijing;
    orgs.extend(others);
    // One more organization without an account, with an activation code: what a registration
    // authority hands an organization so that it opens its own account.
    let spare = orgs.get(3).cloned();
    orgs.truncate(3);
    if orgs.len() < 3 {
        println!("（演示数据中正常状态的社会组织不足 3 家，未生成网上办事演示数据）");
        return Ok(());
    }
    let mut logins = String::from("网上办事演示账号（账号 / 密码 / 名称）：\n");
    let mut accounts = vec![];
    for o in &orgs {
        let pw = super::admin::random_password();
        let hash = gongyi_server::auth::password::hash(&pw).map_err(anyhow::Error::msg)?;
        let id = store
            .create_applicant(
                &NewApplicant {
                    kind: KIND_ORG,
                    login: o.uscc.to_string(),
                    uscc: Some(o.uscc.to_string()),
                    display_name: o.name.clone(),
                    contact_name: "演示经办人".into(),
                    phone: "010-65000000".into(),
                    password_hash: hash,
                },
                "cli:demo",
                &at,
            )
            .await?;
        logins.push_str(&format!("  {} / {pw} / {}\n", o.uscc, o.name));
        accounts.push((id, o.clone()));
    }
    let person_pw = super::admin::random_password();
    let person = store
        .create_applicant(
            &NewApplicant {
                kind: KIND_PERSON,
                login: "13800000000".into(),
                uscc: None,
                display_name: "王发起".into(),
                contact_name: "王发起".into(),
                phone: "13800000000".into(),
                password_hash: gongyi_server::auth::password::hash(&person_pw)
                    .map_err(anyhow::Error::msg)?,
            },
            "cli:demo",
            &at,
        )
        .await?;
    logins.push_str(&format!(
        "  13800000000 / {person_pw} / 王发起（个人，成立登记）\n"
    ));
    if let Some(o) = &spare {
        use gongyi_server::auth::activation;
        let code = activation::generate();
        let digest = activation::normalize(&code)
            .map(|n| activation::digest(&n))
            .unwrap_or_default();
        let expires = gongyi_store::timestamp(now + Duration::days(activation::VALID_DAYS));
        store
            .issue_activation_code(o.uscc.as_str(), &digest, "cli:demo", &at, &expires)
            .await?;
        logins.push_str(&format!(
            "激活码（在 /account/register 填写统一社会信用代码和激活码，开通该组织的账号）：\n  {} / {code} / {}\n",
            o.uscc, o.name
        ));
    }

    let last_year = (today - Duration::days(365)).format("%Y").to_string();
    let prev_year = (today - Duration::days(730)).format("%Y").to_string();
    // (account index or None for the person, kind, form, target state)
    let plan: Vec<(Option<usize>, ServiceKind, String, S)> = vec![
        (
            None,
            ServiceKind::Establish,
            form(&[
                ("name", "北京市朝阳区社区围棋协会"),
                ("org_kind", "social_group"),
                ("division", "110105"),
                ("address", "北京市朝阳区建国路 88 号"),
                ("scope", "围棋培训、交流与比赛"),
                ("legal_rep", "王发起"),
                ("capital", "50000"),
                ("phone", "13800000000"),
            ]),
            S::Submitted,
        ),
        (
            Some(0),
            ServiceKind::AnnualReport,
            report_form(&last_year),
            S::Approved,
        ),
        (
            Some(1),
            ServiceKind::AnnualReport,
            report_form(&last_year),
            S::Submitted,
        ),
        (
            Some(2),
            ServiceKind::AnnualReport,
            report_form(&prev_year),
            S::Draft,
        ),
        (
            Some(0),
            ServiceKind::Evaluation,
            form(&[("grade", "4A"), ("self_assessment", "自评得分 860 分")]),
            S::Denied,
        ),
        (
            Some(1),
            ServiceKind::Change,
            form(&[
                ("field", "address"),
                ("new_value", "北京市东城区新址 6 号"),
                ("reason", "办公场所搬迁"),
            ]),
            S::NeedsCorrection,
        ),
        (
            Some(2),
            ServiceKind::Change,
            form(&[
                ("field", "phone"),
                ("new_value", "010-88886666"),
                ("reason", "更换联系电话"),
            ]),
            S::Corrected,
        ),
        (
            Some(0),
            ServiceKind::Fundraising,
            form(&[
                ("purpose", "助学项目"),
                ("governance", "理事会决策、财务公开"),
            ]),
            S::NotAccepted,
        ),
        (
            Some(1),
            ServiceKind::Evaluation,
            form(&[("grade", "3A"), ("self_assessment", "自评得分 720 分")]),
            S::Accepted,
        ),
        (
            Some(2),
            ServiceKind::Deregister,
            form(&[
                ("reason", "宗旨已实现，理事会决议注销"),
                ("liquidation", "清算组已完成清算"),
            ]),
            S::UnderReview,
        ),
    ];
    let mut made = 0;
    for (who, kind, form_json, target) in plan {
        let (account_id, uscc, division, title, actor, label) = match who {
            None => (
                person,
                None,
                "110105".to_string(),
                "北京市朝阳区社区围棋协会".to_string(),
                "applicant:13800000000".to_string(),
                "申请人 王发起".to_string(),
            ),
            Some(i) => {
                let (id, o) = &accounts[i];
                (
                    *id,
                    Some(o.uscc.to_string()),
                    o.division.to_string(),
                    o.name.clone(),
                    format!("applicant:{}", o.uscc),
                    format!("申请人 {}（经办人 演示经办人）", o.name),
                )
            }
        };
        let new = NewApplication {
            kind,
            account_id,
            uscc: uscc.clone(),
            division,
            title,
            form_json: form_json.clone(),
        };
        let (app_id, _) = store
            .create_application(&new, &actor, &label, &at, today)
            .await?;
        for m in kind.materials() {
            if m.required {
                let m = m.name;
                let stored = archive
                    .put(&demo_pdf(m), &at)
                    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
                store
                    .attach_to_application(
                        app_id,
                        &[S::Draft],
                        &stored.meta,
                        m,
                        &format!("{m}.pdf"),
                        &actor,
                        &at,
                    )
                    .await?;
            }
        }
        let mut from = S::Draft;
        for (action, to) in path_to(target) {
            let official = action.actor() == gongyi_types::applications::Actor::Official;
            let effect = match (to, kind, &uscc) {
                (S::Approved, ServiceKind::AnnualReport, Some(u)) => {
                    let f: BTreeMap<String, String> = serde_json::from_str(&form_json)?;
                    let money =
                        |k: &str| Fen::parse_yuan(f.get(k).map(String::as_str).unwrap_or("0"));
                    Some(RegistryEffect::AnnualReport {
                        uscc: u.clone(),
                        inspection: Inspection {
                            year: last_year.parse().unwrap_or(2025),
                            result: InspectionResult::Qualified,
                            decided_on: Some(today),
                        },
                        report: AnnualReport {
                            year: last_year.parse().unwrap_or(2025),
                            filed_on: today,
                            income: money("income")?,
                            expenditure: money("expenditure")?,
                            net_assets: money("net_assets")?,
                            staff: 6,
                            members: Some(132),
                            summary: f.get("activities").cloned().unwrap_or_default(),
                        },
                    })
                }
                _ => None,
            };
            let deadline = match deadline_days(kind, to) {
                Some(n) => Some(add_working_days(today, n)),
                None if to == S::UnderReview => Some(add_working_days(today, kind.decision_days())),
                None => None,
            };
            let step = Step {
                from,
                to,
                action: action.code().to_string(),
                actor: if official {
                    ACTOR_OFFICIAL.to_string()
                } else {
                    actor.clone()
                },
                actor_label: if official {
                    OFFICIAL_LABEL.to_string()
                } else {
                    label.clone()
                },
                reason: reason(action).to_string(),
                deadline,
                at: at.clone(),
                today,
            };
            store
                .application_step(app_id, &step, effect.as_ref())
                .await?;
            from = to;
        }
        made += 1;
    }
    println!("已生成网上办事演示申请 {made} 件（覆盖每一种办理状态）");
    println!("{logins}");
    let path = ctx.data_dir.join("demo-logins.txt");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .with_context(|| format!("无法写入 {}", path.display()))?;
    f.write_all(logins.as_bytes())?;
    Ok(())
}
