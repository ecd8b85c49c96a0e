//! 评估等级 (valid 5 years, 社会组织评估管理办法) and 表彰.

use super::Ctx;
use crate::dates::{add_days, add_years, ymd};
use crate::naming::Sub;
use crate::rng::Rng;
use gongyi_types::{DivisionLevel, EvalGrade, Evaluation, Honor};

const GRADES: &[(EvalGrade, u32)] = &[
    (EvalGrade::A1, 2),
    (EvalGrade::A2, 8),
    (EvalGrade::A3, 45),
    (EvalGrade::A4, 32),
    (EvalGrade::A5, 13),
];

/// Grades were first awarded under the 2007 rules; an organization is evaluated after two years.
pub(crate) fn evaluations(rng: &mut Rng, c: &Ctx) -> Vec<Evaluation> {
    let mut out = vec![];
    let p = if c.place.level == DivisionLevel::National {
        0.4
    } else {
        0.14
    };
    if !rng.chance(p) {
        return out;
    }
    let from = add_years(c.life.founded, 2).max(ymd(2008, 1, 1));
    let Some(mut on) = c.life.day_from(rng, from) else {
        return out;
    };
    let mut grade = *rng.weighted(GRADES);
    loop {
        let valid_until = add_years(on, EvalGrade::VALID_YEARS as u32);
        out.push(Evaluation {
            grade,
            awarded_on: on,
            valid_until,
            authority: c.place.authority.clone(),
        });
        // Re-evaluated near expiry, usually at the same grade or one higher.
        let next = add_days(valid_until, -rng.range(0, 120));
        if next > c.life.end() || !rng.chance(0.6) {
            break;
        }
        on = next;
        let idx = EvalGrade::ALL.iter().position(|g| *g == grade).unwrap_or(2);
        grade = EvalGrade::ALL[(idx + rng.below(2) as usize).min(4)];
    }
    out
}

/// Honors from the registrar, the province, or the nation.
pub(crate) fn honors(rng: &mut Rng, c: &Ctx, evaluated: bool) -> Vec<Honor> {
    let p = if evaluated { 0.3 } else { 0.03 };
    if !rng.chance(p) {
        return vec![];
    }
    let n = if rng.chance(0.25) { 2 } else { 1 };
    let mut out: Vec<Honor> = (0..n)
        .filter_map(|_| {
            let awarded_on = c.life.day_from(rng, add_years(c.life.founded, 1))?;
            let (title, issuer) = title(rng, c);
            Some(Honor {
                title,
                issuer,
                awarded_on,
            })
        })
        .collect();
    out.sort_by_key(|h| h.awarded_on);
    out.dedup_by(|a, b| a.title == b.title);
    out
}

fn title(rng: &mut Rng, c: &Ctx) -> (String, String) {
    let f = c.org.flags;
    let national = c.place.level == DivisionLevel::National;
    let prov = &c.province.prefix;
    let pick = rng.below(100);
    if national || pick < 5 {
        return match (f.charity, f.volunteer) {
            (true, _) if rng.chance(0.5) => ("中华慈善奖".into(), "民政部".into()),
            (_, true) if rng.chance(0.5) => (
                "全国最佳志愿服务组织".into(),
                "中央精神文明建设指导委员会办公室".into(),
            ),
            _ => ("全国先进社会组织".into(), "民政部".into()),
        };
    }
    if f.charity && pick < 25 {
        return (format!("{prov}慈善奖"), format!("{prov}人民政府"));
    }
    if f.volunteer && pick < 35 {
        return (
            format!("{prov}优秀志愿服务组织"),
            format!("{prov}精神文明建设委员会办公室"),
        );
    }
    if c.profile.sub == crate::naming::Sub::Trade && pick < 45 {
        return (
            format!("{prov}优秀行业协会商会"),
            format!("{prov}工商业联合会"),
        );
    }
    if c.profile.sub == Sub::Academic && pick < 45 {
        return (format!("{prov}优秀学会"), format!("{prov}科学技术协会"));
    }
    if pick < 60 || c.place.level == DivisionLevel::Province {
        return (format!("{prov}先进社会组织"), c.province.authority.clone());
    }
    let local = &c.place.prefix;
    if rng.chance(0.5) {
        (format!("{local}优秀社会组织"), c.place.authority.clone())
    } else {
        (format!("{local}先进集体"), format!("{local}人民政府"))
    }
}
