//! The demo's complaints and enforcement cases (执法监察): complaints about registered
//! organizations in 北京市 and an unregistered one in 朝阳区, cases in every state of the
//! procedure (线索, 立案, 不予立案, 调查, 处罚决定, 撤案, 结案), one opened from an
//! inspection, and a penalty decided in a case — which the daily credit job then applies
//! (民政部令第60号: a fine of ¥50,000 or more → 严重违法失信名单). The tracking numbers are
//! printed so the status page can be tried.

use crate::context::{Ctx, now, today};
use chrono::Datelike;
use gongyi_store::credit::NewPenalty;
use gongyi_store::enforcement::cases::{CaseRow, NewCase};
use gongyi_store::enforcement::complaints::{NewComplaint, NewComplaintFile};
use gongyi_types::credit::PenaltyKind;
use gongyi_types::enforcement::case_rules::CaseState::{self, *};
use gongyi_types::enforcement::tracking_no::TrackingNo;
use gongyi_types::{Fen, Organization};

const ACTOR: &str = "cli:demo";

/// (the steps after 线索, what the reporter wrote).
const PLANS: &[(&[CaseState], &str)] = &[
    (
        &[],
        "该组织在小区内以会员费名义向老人收取费用，未出具收据。",
    ),
    (&[Filed], "该组织负责人长期不召开会员大会，财务不公开。"),
    (&[NotFiled], "该组织活动扰民，晚间音响声音过大。"),
    (
        &[Filed, Investigating],
        "该组织以培训为名收取高额费用，疑似超出业务范围。",
    ),
    (
        &[Filed, Investigating, Withdrawn],
        "该组织冒用政府部门名义开展评比。",
    ),
    (
        &[Filed, Investigating, Penalty],
        "该组织违规设立分支机构并收取挂靠费。",
    ),
    (
        &[Filed, Investigating, Penalty, Closed],
        "该组织超出章程规定的业务范围开展营利活动。",
    ),
];

fn reason(to: CaseState) -> &'static str {
    match to {
        Filed => "举报线索具体，符合立案条件，决定立案",
        NotFiled => "所反映问题不属于社会组织登记管理机关职责，已告知向城市管理部门反映",
        Investigating => "调取财务账册，询问负责人并制作笔录",
        Withdrawn => "经调查，未发现违法事实，撤销案件",
        Penalty => "违法事实清楚，证据确凿，作出行政处罚决定",
        Closed => "处罚决定已执行完毕，结案",
        Clue => "",
    }
}

/// Fills the cases and prints the tracking numbers given out.
pub async fn fill(ctx: &Ctx) -> anyhow::Result<()> {
    let at = now();
    let today = today();
    let year = today.year();
    // Beijing's organizations first (the demo's 北京 officials see them), then any others.
    let mut orgs: Vec<Organization> = ctx.store.orgs_after(None, 5000).await?;
    orgs.sort_by_key(|o| !o.division.to_string().starts_with("11"));
    let beijing: Vec<Organization> = orgs.into_iter().take(PLANS.len()).collect();
    let mut numbers = vec![];
    for (i, ((steps, content), org)) in PLANS.iter().zip(&beijing).enumerate() {
        let no = TrackingNo::new(today, rand::random::<[u8; 10]>()).to_string();
        let complaint = NewComplaint {
            tracking_no: no.clone(),
            reported_uscc: Some(org.uscc.to_string()),
            reported_name: org.name.clone(),
            location_division: None,
            content: content.to_string(),
            reporter_name: None,
            contact: (i % 2 == 0).then(|| format!("1390000{:04}", i)),
            anonymous: i % 2 == 1,
            submitted_at: at.clone(),
            category: Some(
                if content.contains("收") {
                    "fees"
                } else {
                    "other"
                }
                .into(),
            ),
        };
        let case = NewCase {
            uscc: Some(org.uscc.to_string()),
            subject_name: org.name.clone(),
            division: org.division.to_string(),
            source: "complaint".into(),
            summary: content.to_string(),
        };
        let files: Vec<NewComplaintFile> = vec![];
        let filed = ctx
            .store
            .file_complaint(&complaint, &files, &case, year)
            .await?;
        walk(ctx, filed.case_id, steps, org, &at).await?;
        numbers.push(no);
    }
    // An unregistered organization, routed by where it acts.
    let no = TrackingNo::new(today, rand::random::<[u8; 10]>()).to_string();
    ctx.store
        .file_complaint(
            &NewComplaint {
                tracking_no: no.clone(),
                reported_uscc: None,
                reported_name: "中华国学复兴总会".into(),
                location_division: Some("110105".into()),
                content: "在朝阳区租用写字楼举办收费国学讲座，自称全国性社团，查不到登记信息。"
                    .into(),
                reporter_name: None,
                contact: None,
                anonymous: true,
                submitted_at: at.clone(),
                category: Some("illegal_org".into()),
            },
            &[],
            &NewCase {
                uscc: None,
                subject_name: "中华国学复兴总会".into(),
                division: "110105".into(),
                source: "complaint".into(),
                summary: "未登记组织以社团名义活动".into(),
            },
            year,
        )
        .await?;
    numbers.push(no);
    // A case from an inspection.
    if let Some(org) = beijing.first() {
        ctx.store
            .open_case(
                &NewCase {
                    uscc: Some(org.uscc.to_string()),
                    subject_name: org.name.clone(),
                    division: org.division.to_string(),
                    source: "inspection".into(),
                    summary: "年度检查发现未按章程按期换届".into(),
                },
                year,
                ACTOR,
                &at,
            )
            .await?;
    }
    // Every complaint has a tracking number; the inspection's case has none (no reporter).
    println!(
        "已生成演示用执法案件 {} 件：投诉举报 {} 件（查询码：{}），监督检查发现 1 件",
        numbers.len() + 1,
        numbers.len(),
        numbers.join("、")
    );
    Ok(())
}

async fn walk(
    ctx: &Ctx,
    case_id: i64,
    steps: &[CaseState],
    org: &Organization,
    at: &str,
) -> anyhow::Result<()> {
    for to in steps {
        let case: CaseRow = ctx
            .store
            .case(case_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("演示案件 {case_id} 不存在"))?;
        let penalty = (*to == Penalty).then(|| NewPenalty {
            doc_no: format!("{}民罚字〔{}〕{}号", org.division.name(), &at[..4], case_id),
            reason: "违规设立分支机构，超出章程规定的业务范围开展营利活动".into(),
            basis: "《社会团体登记管理条例》第三十条".into(),
            result: "罚款6万元".into(),
            kind: PenaltyKind::Fine,
            fine: Some(Fen(6_000_000)),
            decided_on: today(),
            authority: format!("{}民政局", org.division.full_name()),
        });
        let why = match &penalty {
            Some(p) => format!(
                "{}（行政处罚决定书 {}：{}）",
                reason(*to),
                p.doc_no,
                p.result
            ),
            None => reason(*to).to_string(),
        };
        ctx.store
            .case_step(&case, *to, &why, penalty.as_ref(), ACTOR, at)
            .await?;
    }
    Ok(())
}
