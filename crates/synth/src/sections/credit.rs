//! 行政处罚 and the two credit lists of 社会组织信用信息管理办法 (民政部令第60号): 活动异常名录
//! (removed on rectification, or after 6 months for a warning or small fine; 2 years on it
//! moves an organization to the serious list) and 严重违法失信名单 (removed after 2 years).

use super::Ctx;
use crate::dates::{CREDIT_RULES, add_days, add_years, between, day_of_year};
use crate::rng::Rng;
use chrono::{Datelike, NaiveDate};
use gongyi_types::{Fen, ListEntry, ListKind, OrgKind, Penalty, RegStatus};

/// What the credit history implies for the rest of the profile.
pub(crate) struct Credit {
    pub penalties: Vec<Penalty>,
    pub entries: Vec<ListEntry>,
    /// A year whose annual report was never filed (the reason of an 异常名录 entry).
    pub unfiled_year: Option<i32>,
}

const REASONS: &[(&str, u32)] = &[
    ("未按照规定接受年度检查", 6),
    ("超出章程规定的宗旨和业务范围进行活动", 2),
    ("不按照规定办理变更登记", 2),
    ("涂改、出租、出借登记证书", 1),
    (
        "违反国家有关规定收取费用、筹集资金或者接受、使用捐赠、资助",
        2,
    ),
    ("从事营利性的经营活动", 1),
    ("侵占、私分、挪用社会组织资产或者所接受的捐赠、资助", 1),
];
const FOUNDATION_REASONS: &[(&str, u32)] = &[
    ("未按照规定接受年度检查", 6),
    ("未按照章程规定的宗旨和公益活动的业务范围进行活动", 2),
    ("不按照规定办理变更登记", 2),
    ("未按照规定完成公益事业支出额度", 2),
    ("不履行信息公布义务或者公布虚假信息", 2),
];

const ABNORMAL_REASONS: &[(Abnormal, u32)] = &[
    (Abnormal::AnnualReport, 6),
    (Abnormal::Unreachable, 3),
    (Abnormal::Rectification, 1),
    (Abnormal::NoFundraising, 1),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Abnormal {
    AnnualReport,
    Unreachable,
    Rectification,
    NoFundraising,
}

impl Abnormal {
    fn reason(self) -> &'static str {
        match self {
            Abnormal::AnnualReport => "未按照规定时限报送年度工作报告",
            Abnormal::Unreachable => "通过登记的住所无法与社会组织取得联系",
            Abnormal::Rectification => "登记管理机关发放整改文书要求限期整改，未按期完成整改",
            Abnormal::NoFundraising => "具有公开募捐资格的慈善组织连续6个月不开展公开募捐活动",
        }
    }
    fn removal(self) -> &'static str {
        match self {
            Abnormal::AnnualReport => "已补报年度工作报告，经申请移出活动异常名录",
            Abnormal::Unreachable => "已恢复与登记管理机关的联系，经申请移出活动异常名录",
            Abnormal::Rectification => "已完成整改，经申请移出活动异常名录",
            Abnormal::NoFundraising => "已恢复开展公开募捐活动，经申请移出活动异常名录",
        }
    }
}

const SERIOUS_REMOVAL: &str = "列入严重违法失信名单满2年且期间未再出现应当列入的情形，经申请移出";
const SMALL_PENALTY: &str = "受到警告或者不满5万元罚款处罚";

fn basis(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::SocialGroup => "《社会团体登记管理条例》第三十条",
        OrgKind::SocialService => "《民办非企业单位登记管理暂行条例》第二十五条",
        OrgKind::Foundation => "《基金会管理条例》第四十二条",
    }
}

pub(crate) fn credit(rng: &mut Rng, c: &Ctx) -> Credit {
    let mut out = Credit {
        penalties: vec![],
        entries: vec![],
        unfiled_year: None,
    };
    let life = c.life;
    let today = life.today;
    match (life.status, life.ended, life.suspended) {
        (RegStatus::Revoked, Some(on), _) => {
            let p = penalty(rng, c, on, "撤销登记", None);
            let reason = cite("被登记管理机关撤销登记", &p);
            out.penalties.push(p);
            if on >= CREDIT_RULES {
                // Leaves only after 注销登记, which a revoked organization has not completed.
                out.serious(rng, c, on, &reason, 0.0);
            }
            return out;
        }
        (RegStatus::Suspended, _, Some(on)) => {
            let p = penalty(rng, c, on, "限期停止活动", None);
            let reason = cite("受到限期停止活动行政处罚", &p);
            out.penalties.push(p);
            if on >= CREDIT_RULES {
                out.serious(rng, c, on, &reason, 0.0);
            }
            return out;
        }
        _ => {}
    }
    // Warnings and fines.
    if rng.chance(0.012)
        && let Some(on) = life.day_from(rng, add_years(life.founded, 1))
    {
        let fine = (c.kind != OrgKind::Foundation && rng.chance(0.45)).then(|| {
            if rng.chance(0.85) {
                rng.range(10, 499) * 10_000
            } else {
                rng.range(50, 300) * 100_000
            }
        });
        let result = if fine.is_some() { "罚款" } else { "警告" };
        let p = penalty(rng, c, on, result, fine.map(Fen));
        let (large, small) = (cite("受到5万元以上罚款处罚", &p), cite(SMALL_PENALTY, &p));
        out.penalties.push(p);
        if on >= CREDIT_RULES {
            match fine {
                Some(f) if f >= 5_000_000 => out.serious(rng, c, on, &large, 0.9),
                _ => {
                    let listed = listing_day(rng, on, today);
                    let auto = add_days(listed, 183);
                    out.entries.push(ListEntry {
                        list: ListKind::Abnormal,
                        listed_on: listed,
                        listed_reason: small,
                        listed_by: c.place.authority.clone(),
                        removed_on: (auto <= today).then_some(auto),
                        removed_reason: (auto <= today)
                            .then(|| "列入活动异常名录满6个月，自动移出".to_string()),
                    });
                }
            }
        }
    }
    // Other reasons for the 异常名录, only for organizations still in business.
    if life.status == RegStatus::Active && today >= CREDIT_RULES && rng.chance(0.10) {
        out.abnormal(rng, c);
    }
    out
}

/// A listing's reason naming the decision it follows (so the credit rules, which list each
/// penalty once, recognize it: `store::registry::sections::link_entries_to_penalties`).
fn cite(reason: &str, p: &Penalty) -> String {
    format!("{reason}（{}）", p.doc_no)
}

/// Entered within 5 working days of the decision.
fn listing_day(rng: &mut Rng, decided: NaiveDate, today: NaiveDate) -> NaiveDate {
    add_days(decided, rng.range(0, 7)).min(today)
}

fn penalty(rng: &mut Rng, c: &Ctx, on: NaiveDate, result: &str, fine: Option<Fen>) -> Penalty {
    let reasons = if c.kind == OrgKind::Foundation {
        FOUNDATION_REASONS
    } else {
        REASONS
    };
    let reason = match fine {
        Some(_) => *rng.pick(&[
            "从事营利性的经营活动",
            "违反国家有关规定收取费用、筹集资金或者接受、使用捐赠、资助",
            "侵占、私分、挪用社会组织资产或者所接受的捐赠、资助",
        ]),
        None => *rng.weighted(reasons),
    };
    Penalty {
        doc_no: format!(
            "{}民罚字〔{}〕第{}号",
            c.place.abbr,
            on.year(),
            rng.range(1, 60)
        ),
        reason: reason.to_string(),
        basis: basis(c.kind).to_string(),
        result: result.to_string(),
        fine,
        decided_on: on,
        authority: c.place.authority.clone(),
    }
}

impl Credit {
    /// A 严重违法失信名单 entry from `decided`, removed after 2 years with probability `p_remove`.
    fn serious(&mut self, rng: &mut Rng, c: &Ctx, decided: NaiveDate, reason: &str, p_remove: f64) {
        let today = c.life.today;
        let listed = listing_day(rng, decided, today);
        let out = add_days(add_years(listed, 2), rng.range(0, 30));
        let removed = (out <= today && rng.chance(p_remove)).then_some(out);
        self.entries.push(ListEntry {
            list: ListKind::Serious,
            listed_on: listed,
            listed_reason: reason.to_string(),
            listed_by: c.place.authority.clone(),
            removed_on: removed,
            removed_reason: removed.map(|_| SERIOUS_REMOVAL.to_string()),
        });
    }

    /// An 异常名录 entry, most within the last two years; older ones were either removed after
    /// rectification or, after 2 years, moved to the serious list.
    fn abnormal(&mut self, rng: &mut Rng, c: &Ctx) {
        let life = c.life;
        let today = life.today;
        let mut why = *rng.weighted(ABNORMAL_REASONS);
        if why == Abnormal::NoFundraising && !c.org.flags.public_fundraising {
            why = Abnormal::Unreachable;
        }
        let earliest = CREDIT_RULES.max(add_years(life.founded, 1));
        if earliest > today {
            return;
        }
        let recent = add_days(today, -730).max(earliest);
        let mut listed = if rng.chance(0.6) {
            between(rng, recent, today)
        } else {
            between(rng, earliest, recent)
        };
        if why == Abnormal::AnnualReport {
            // Listed in the second half of the year after the report was due.
            let mut y = listed.year() - 1;
            let mut l = day_of_year(y + 1, rng.range(182, 273) as u32);
            if l > today {
                y -= 1;
                l = day_of_year(y + 1, rng.range(182, 273) as u32);
            }
            if y < life.founded.year() || l < earliest {
                why = Abnormal::Unreachable;
            } else {
                listed = l;
                self.unfiled_year = Some(y);
            }
        }
        let age = (today - listed).num_days();
        let two_years = add_years(listed, 2);
        let (removed_on, removed_reason) = if two_years <= today {
            if rng.chance(0.85) {
                (
                    Some(add_days(listed, rng.range(30, 700))),
                    Some(why.removal().to_string()),
                )
            } else {
                self.serious(rng, c, two_years, "被列入活动异常名录满2年", 0.9);
                (
                    Some(two_years),
                    Some("列入活动异常名录满2年，移入严重违法失信名单".to_string()),
                )
            }
        } else if age > 30 && rng.chance(0.45) {
            (
                Some(add_days(listed, rng.range(30, age))),
                Some(why.removal().to_string()),
            )
        } else {
            (None, None)
        };
        self.entries.insert(
            0,
            ListEntry {
                list: ListKind::Abnormal,
                listed_on: listed,
                listed_reason: why.reason().to_string(),
                listed_by: c.place.authority.clone(),
                removed_on,
                removed_reason,
            },
        );
    }
}
