//! 年检 and 年度工作报告 of the last three years: the report for year Y is filed in the spring
//! of Y+1 and the inspection concluded by early summer.

use super::Ctx;
use crate::dates::{add_days, day_of_year};
use crate::naming::Sub;
use crate::rng::Rng;
use chrono::Datelike;
use gongyi_types::{AnnualReport, Fen, Inspection, InspectionResult, OrgKind, RegStatus};

const RESULTS: &[(InspectionResult, u32)] = &[
    (InspectionResult::Qualified, 88),
    (InspectionResult::BasicallyQualified, 8),
    (InspectionResult::Unqualified, 3),
    (InspectionResult::NotFiled, 1),
];

pub(crate) fn reports(
    rng: &mut Rng,
    c: &Ctx,
    unfiled: Option<i32>,
) -> (Vec<Inspection>, Vec<AnnualReport>) {
    let life = c.life;
    let today = life.today;
    let (mut inspections, mut reports) = (vec![], vec![]);
    let capital = c.org.capital.0.max(3_000_000);
    let mut net = scale(rng, capital, 0.9, 1.6);
    let members = members(rng, c.profile.sub);
    for y in today.year() - 3..today.year() {
        if y < life.founded.year() || (y == life.founded.year() && life.founded.ordinal() > 300) {
            continue;
        }
        let decided = day_of_year(y + 1, rng.range(120, 200) as u32);
        let filed = add_days(decided, -rng.range(20, 80));
        if filed > today || filed > life.end() {
            continue;
        }
        // A revoked organization stopped reporting before it was revoked.
        let lapsed = life.status == RegStatus::Revoked && (life.end() - filed).num_days() < 600;
        let result = if unfiled == Some(y) || lapsed {
            InspectionResult::NotFiled
        } else if life.suspended.is_some_and(|s| s <= decided) {
            InspectionResult::Unqualified
        } else {
            *rng.weighted(RESULTS)
        };
        if decided <= today && decided <= life.end() {
            inspections.push(Inspection {
                year: y,
                result,
                decided_on: Some(decided),
            });
        }
        if result == InspectionResult::NotFiled {
            continue;
        }
        let income = income(rng, c, capital);
        let expenditure = scale(rng, income, 0.75, 1.1);
        net = (net + income - expenditure).max(0);
        let staff = staff(rng, c);
        let served = rng.range(50, 5000);
        reports.push(AnnualReport {
            year: y,
            filed_on: filed,
            income: Fen(income),
            expenditure: Fen(expenditure),
            net_assets: Fen(net),
            staff,
            members: members.map(|m| (m + rng.range(-m / 10, m / 5)).max(1) as i32),
            summary: summary(rng, c, y, served),
        });
    }
    (inspections, reports)
}

/// `v` times a factor uniform in `[lo, hi)`, to the fen.
fn scale(rng: &mut Rng, v: i64, lo: f64, hi: f64) -> i64 {
    (v as f64 * (lo + (hi - lo) * rng.unit())) as i64
}

fn income(rng: &mut Rng, c: &Ctx, capital: i64) -> i64 {
    match (c.kind, c.profile.sub) {
        (OrgKind::Foundation, _) => scale(rng, capital, 0.05, 1.5),
        (_, Sub::Kindergarten | Sub::School | Sub::Health | Sub::ElderCare) => {
            scale(rng, capital, 0.8, 6.0)
        }
        (OrgKind::SocialService, _) => scale(rng, capital, 0.3, 4.0),
        _ => scale(rng, capital, 0.2, 3.0),
    }
}

fn staff(rng: &mut Rng, c: &Ctx) -> i32 {
    let (lo, hi) = match (c.kind, c.profile.sub) {
        (OrgKind::Foundation, _) => (1, 12),
        (_, Sub::School) => (30, 200),
        (_, Sub::Kindergarten | Sub::ElderCare | Sub::Health) => (8, 60),
        (OrgKind::SocialService, _) => (2, 20),
        _ => (0, 6),
    };
    rng.range(lo, hi) as i32
}

fn members(rng: &mut Rng, sub: Sub) -> Option<i64> {
    let (lo, hi) = match sub {
        Sub::Trade | Sub::HomeChamber => (30, 600),
        Sub::Academic => (80, 2000),
        Sub::Assoc | Sub::Volunteer | Sub::Alumni => (50, 3000),
        Sub::Fellowship | Sub::CharityFed => (30, 500),
        _ => return None,
    };
    Some(rng.range(lo, hi))
}

fn summary(rng: &mut Rng, c: &Ctx, y: i32, served: i64) -> String {
    let t = &c.profile.topic;
    let n = rng.range(3, 60);
    match (c.kind, c.profile.sub) {
        (OrgKind::SocialGroup, _) => format!(
            "{y}年度，本会围绕{t}开展活动{n}场次，服务{served}人次，召开理事会{}次，按章程完成换届、会费收缴等工作。",
            rng.range(1, 4)
        ),
        (OrgKind::Foundation, _) => format!(
            "{y}年度，本基金会资助{t}相关公益项目{}个，受益{served}人次，按规定公开年度工作报告和财务会计报告。",
            rng.range(1, 20)
        ),
        (_, Sub::Kindergarten) => format!(
            "{y}年度，本园开设{}个班，在园幼儿{}人，开展保育教育和家园共育活动{n}场次。",
            rng.range(3, 15),
            rng.range(60, 450)
        ),
        (_, Sub::School) => format!(
            "{y}年度，本校开设{}个教学班，在校学生{}人，教育教学工作正常开展。",
            rng.range(6, 60),
            rng.range(200, 3000)
        ),
        _ => format!(
            "{y}年度，本单位围绕{t}开展服务{n}项，服务{served}人次，内部治理和财务管理规范。"
        ),
    }
}
