//! The registry fields of one organization besides its name and code: people, money, address,
//! contact, certificate, scope, supervisor and flags.

use crate::dates::{CHARITY_LAW, add_days, add_years, years_between};
use crate::fields::Class;
use crate::life::Life;
use crate::naming::{Profile, Sub};
use crate::places::Place;
use crate::rng::Rng;
use crate::words;
use gongyi_types::{DivisionLevel, Fen, OrgFlags, OrgKind, RegStatus};

/// A realistic Chinese personal name: a surname by frequency and one or two given characters.
pub(crate) fn person(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(12);
    let surname: &&str = rng.weighted(words::SURNAMES);
    s.push_str(surname);
    s.push_str(rng.word(words::GIVEN));
    if rng.chance(0.65) {
        s.push_str(rng.word(words::GIVEN));
    }
    s
}

const WAN: i64 = 1_000_000; // fen in 1万元

/// 注册资金 / 开办资金 / 原始基金. Legal minimums: 社会团体 3万元 (national 10万元); 基金会
/// 200万元 locally, 800万元 nationally (基金会管理条例 第八条).
pub(crate) fn capital(rng: &mut Rng, kind: OrgKind, sub: Sub, national: bool) -> Fen {
    let wan: i64 = match (kind, national) {
        (OrgKind::SocialGroup, true) => {
            *rng.weighted(&[(10, 30), (20, 20), (30, 15), (50, 20), (100, 15)])
        }
        (OrgKind::SocialGroup, false) if rng.chance(0.1) => rng.range(3, 50),
        (OrgKind::SocialGroup, false) => {
            *rng.weighted(&[(3, 30), (5, 20), (10, 20), (20, 10), (30, 8), (50, 7)])
        }
        (OrgKind::Foundation, true) => {
            *rng.weighted(&[(800, 40), (1000, 25), (2000, 15), (5000, 10), (10000, 5)])
        }
        (OrgKind::Foundation, false) => *rng.weighted(&[
            (200, 25),
            (400, 20),
            (500, 15),
            (800, 10),
            (1000, 15),
            (2000, 8),
            (5000, 5),
        ]),
        (OrgKind::SocialService, _) => match sub {
            Sub::School => rng.range(10, 50) * 10,
            Sub::Kindergarten | Sub::Health => {
                *rng.weighted(&[(30, 20), (50, 30), (100, 30), (200, 15), (300, 5)])
            }
            _ => *rng.weighted(&[
                (3, 20),
                (5, 20),
                (10, 20),
                (20, 12),
                (30, 8),
                (50, 8),
                (100, 6),
                (200, 3),
                (500, 1),
            ]),
        },
    };
    Fen(wan * WAN)
}

/// 住所: the registrar's full name, a district for city- and province-level registrars, a street.
pub(crate) fn address(rng: &mut Rng, place: &Place) -> String {
    let mut s = String::with_capacity(96);
    s.push_str(&place.addr_base);
    if !place.localities.is_empty() {
        let l: &String = rng.pick(&place.localities);
        s.push_str(l);
    }
    s.push_str(rng.word(words::STREETS));
    s.push_str(&rng.range(1, 999).to_string());
    s.push('号');
    match rng.below(10) {
        0..=2 => {
            s.push_str(rng.word(words::BUILDINGS));
            s.push_str(&rng.range(1, 22).to_string());
            s.push('层');
        }
        3 | 4 => {
            s.push_str(&rng.range(1, 6).to_string());
            s.push_str(&format!("{:02}室", rng.range(1, 30)));
        }
        _ => {}
    }
    s
}

/// A landline with the city's area code (8-digit local number), sometimes a mobile number.
pub(crate) fn phone(rng: &mut Rng, place: &Place) -> Option<String> {
    match rng.below(100) {
        0..=4 => None,
        5..=19 => {
            let p = *rng.pick(&["13", "15", "18", "17", "19"]);
            Some(format!("{p}{:09}", rng.below(1_000_000_000)))
        }
        _ => Some(format!(
            "{}-{}{:07}",
            place.area_code,
            rng.range(2, 8),
            rng.below(10_000_000)
        )),
    }
}

fn letters(rng: &mut Rng, n: i64) -> String {
    (0..n)
        .map(|_| char::from(*rng.pick(words::INITIALS)))
        .collect()
}

/// Website (some, foundations more often) and e-mail (about a third).
pub(crate) fn contact(rng: &mut Rng, kind: OrgKind) -> (Option<String>, Option<String>) {
    let p_web = if kind == OrgKind::Foundation {
        0.4
    } else {
        0.1
    };
    let domain = rng.chance(p_web).then(|| {
        let n = rng.range(4, 8);
        format!("{}.{}", letters(rng, n), rng.pick(words::WEB_TLDS))
    });
    let email = match &domain {
        Some(d) if rng.chance(0.6) => Some(format!(
            "{}@{d}",
            rng.pick(&["info", "office", "contact", "admin"])
        )),
        _ if rng.chance(0.35) => Some(if rng.chance(0.4) {
            format!("{}@qq.com", rng.range(10_000_000, 3_999_999_999))
        } else {
            let n = rng.range(3, 7);
            let l = letters(rng, n);
            let digits = if rng.chance(0.5) {
                rng.range(1, 2025).to_string()
            } else {
                String::new()
            };
            format!("{l}{digits}@{}", rng.pick(words::MAIL_DOMAINS))
        }),
        _ => None,
    };
    (domain.map(|d| format!("http://www.{d}")), email)
}

/// 登记证号, e.g. `浙民证字第0123456号` (national: `社证字第4349号`).
pub(crate) fn cert_no(rng: &mut Rng, kind: OrgKind, place: &Place) -> String {
    let k = match kind {
        OrgKind::SocialGroup => "社",
        OrgKind::SocialService => "民",
        OrgKind::Foundation => "基",
    };
    if place.level == DivisionLevel::National {
        format!("{k}证字第{}号", rng.range(1000, 9999))
    } else {
        format!("{}{k}证字第{:07}号", place.abbr, rng.below(10_000_000))
    }
}

/// The certificate is renewed every 5 years from founding; the current one runs from the last
/// renewal (up to the end of the organization's life) for 5 years.
pub(crate) fn cert_validity(life: &Life) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let k = years_between(life.founded, life.end()) / 5;
    let from = add_years(life.founded, 5 * k);
    (from, add_days(add_years(from, 5), -1))
}

/// 业务范围, built from the line of work.
pub(crate) fn scope(p: &Profile) -> String {
    let t = p.topic.as_str();
    match p.sub {
        Sub::Assoc if matches!(p.class, Class::People) => format!(
            "宣传{t}相关政策法规，组织开展{t}关爱服务、调查研究、交流合作和公益活动，反映{t}诉求，维护会员合法权益。"
        ),
        Sub::Assoc if matches!(p.class, Class::Cause) => {
            format!("开展{t}宣传教育、调查研究、业务培训、交流合作和公益服务，承办政府及有关部门委托的事项。")
        }
        Sub::Assoc => format!("团结和组织{t}爱好者，开展{t}交流、培训、比赛、展览和普及推广活动，承办有关部门委托的事项。"),
        Sub::Academic => format!("开展{t}学术交流和研讨，组织科学研究与科普宣传，编辑学术资料，开展业务培训和咨询服务。"),
        Sub::Trade => format!(
            "制定{t}行业自律规范，开展行业调研、统计分析、业务培训、信息交流和展览展示，反映会员诉求，维护会员合法权益。"
        ),
        Sub::HomeChamber => format!("联络{t}籍在本地投资创业的企业和人士，开展经贸交流、投资咨询、法律服务和公益活动，促进两地经济合作。"),
        Sub::Alumni => format!("联络{t}校友，开展校友联谊、学术交流、职业发展和公益活动，支持母校建设与发展。"),
        Sub::Fellowship => format!("联系和团结{t}，开展联谊交流、考察学习、建言献策和公益活动。"),
        Sub::Volunteer => "招募、培训和管理志愿者，组织开展扶贫济困、助老助残、社区服务、应急救援等志愿服务活动。".to_string(),
        Sub::CharityFed => "募集和接受社会捐赠，开展扶贫济困、助医助学、扶老助残、救灾救助等慈善活动，推动慈善事业发展。".to_string(),
        Sub::Kindergarten => "实施学前教育，开展3至6周岁幼儿的保育和教育工作。".to_string(),
        Sub::School => match p.suffix {
            "小学" => "实施小学学历教育。".to_string(),
            "高级中学" => "实施普通高中学历教育。".to_string(),
            "中学" => "实施初中、高中学历教育。".to_string(),
            _ => "实施小学、初中学历教育（九年一贯制）。".to_string(),
        },
        Sub::Training => format!("开展{t}类非学历培训，组织教学交流和成果展示。"),
        Sub::Welfare if matches!(p.class, Class::People) => {
            format!("为{t}提供生活照料、心理疏导、能力提升、资源链接等服务，承接{t}相关公益服务项目。")
        }
        Sub::Welfare => format!("开展{t}宣传倡导、志愿服务、社区活动和公益项目，提供{t}相关咨询服务。"),
        Sub::SocialWork => "提供个案、小组、社区等专业社会工作服务，承接政府购买社会工作服务项目，开展社会工作培训和督导。".to_string(),
        Sub::ElderCare => "为老年人提供生活照料、康复护理、精神慰藉、文化娱乐等养老服务。".to_string(),
        Sub::Health => match p.suffix {
            "康复中心" | "康复医院" => "提供康复评估、康复训练、康复护理和康复咨询服务。".to_string(),
            "口腔门诊部" => "提供口腔科诊疗服务。".to_string(),
            "中医医院" | "中医门诊部" => "提供中医内科、针灸推拿、中医康复等诊疗服务。".to_string(),
            _ => "提供内科、外科、预防保健科等诊疗服务。".to_string(),
        },
        Sub::Research => format!("开展{t}领域的政策研究、咨询服务、学术交流和成果推广。"),
        Sub::SportsClub => format!("组织开展{t}运动训练、比赛、交流和普及推广活动。"),
        Sub::Museum => format!("收藏、保护、研究和展示{t}相关藏品，开展社会教育和文化交流活动。"),
        Sub::Foundation => format!("接受社会捐赠，资助{t}相关公益项目，开展{t}领域的宣传、交流与合作。"),
    }
}

#[derive(Clone, Copy)]
enum Dept {
    Education,
    Culture,
    Sport,
    Health,
    Science,
    Commerce,
    Labour,
    Women,
    Youth,
    Disabled,
    Civil,
}

impl Dept {
    /// (county, city, province, municipality, national) names.
    fn names(self) -> [&'static str; 5] {
        match self {
            Dept::Education => ["教育局", "教育局", "教育厅", "教育委员会", "教育部"],
            Dept::Culture => [
                "文化和旅游局",
                "文化广电旅游局",
                "文化和旅游厅",
                "文化和旅游局",
                "文化和旅游部",
            ],
            Dept::Sport => ["体育局", "体育局", "体育局", "体育局", "国家体育总局"],
            Dept::Health => [
                "卫生健康局",
                "卫生健康委员会",
                "卫生健康委员会",
                "卫生健康委员会",
                "国家卫生健康委员会",
            ],
            Dept::Science => [
                "科学技术协会",
                "科学技术协会",
                "科学技术协会",
                "科学技术协会",
                "中国科学技术协会",
            ],
            Dept::Commerce => [
                "工商业联合会",
                "工商业联合会",
                "工商业联合会",
                "工商业联合会",
                "中华全国工商业联合会",
            ],
            Dept::Labour => [
                "人力资源和社会保障局",
                "人力资源和社会保障局",
                "人力资源和社会保障厅",
                "人力资源和社会保障局",
                "人力资源和社会保障部",
            ],
            Dept::Women => [
                "妇女联合会",
                "妇女联合会",
                "妇女联合会",
                "妇女联合会",
                "中华全国妇女联合会",
            ],
            Dept::Youth => ["", "", "", "", "共青团中央"],
            Dept::Disabled => [
                "残疾人联合会",
                "残疾人联合会",
                "残疾人联合会",
                "残疾人联合会",
                "中国残疾人联合会",
            ],
            Dept::Civil => ["民政局", "民政局", "民政厅", "民政局", "民政部"],
        }
    }

    fn at(self, place: &Place) -> String {
        let col = match place.level {
            DivisionLevel::National => return self.names()[4].to_string(),
            DivisionLevel::County => 0,
            DivisionLevel::City => 1,
            DivisionLevel::Province if place.municipal => 3,
            DivisionLevel::Province => 2,
        };
        match self {
            Dept::Youth => format!("共青团{}委员会", place.prefix),
            _ => format!("{}{}", place.prefix, self.names()[col]),
        }
    }
}

/// 业务主管单位 for organizations under dual management (schools, hospitals, most academic
/// societies …); directly registered ones (行业协会商会, 公益慈善, 城乡社区服务 since 2016) have none.
pub(crate) fn supervisor(rng: &mut Rng, p: &Profile, place: &Place) -> Option<String> {
    let people = [Dept::Civil, Dept::Women, Dept::Youth, Dept::Disabled];
    let (prob, dept) = match p.sub {
        Sub::Kindergarten | Sub::School => (1.0, Dept::Education),
        Sub::Training if p.class == Class::Industry => (0.6, Dept::Labour),
        Sub::Training => (0.6, Dept::Education),
        Sub::Health => (0.7, Dept::Health),
        Sub::ElderCare => (0.6, Dept::Civil),
        Sub::Museum => (0.6, Dept::Culture),
        Sub::Research => (0.4, Dept::Science),
        Sub::SportsClub => (0.4, Dept::Sport),
        Sub::Academic if p.class == Class::Health => (0.35, Dept::Health),
        Sub::Academic => (0.35, Dept::Science),
        Sub::Alumni => (0.5, Dept::Education),
        Sub::Trade | Sub::HomeChamber => (0.2, Dept::Commerce),
        Sub::Volunteer => (0.5, Dept::Youth),
        Sub::CharityFed => (0.3, Dept::Civil),
        Sub::Assoc | Sub::Welfare => match p.class {
            Class::Culture => (0.35, Dept::Culture),
            Class::Sport => (0.4, Dept::Sport),
            Class::Health => (0.35, Dept::Health),
            Class::People => (0.25, *rng.pick(&people)),
            _ => (0.2, Dept::Civil),
        },
        Sub::Foundation => (
            0.3,
            if rng.chance(0.3) {
                Dept::Education
            } else {
                Dept::Civil
            },
        ),
        Sub::SocialWork | Sub::Fellowship => (0.1, Dept::Civil),
    };
    rng.chance(prob).then(|| dept.at(place))
}

/// 慈善组织 (mostly foundations), 公开募捐资格 (a subset of charities registered ≥ 1 year),
/// 志愿服务组织, 行业协会商会.
pub(crate) fn flags(rng: &mut Rng, p: &Profile, life: &Life) -> OrgFlags {
    let p_charity = match p.sub {
        Sub::Foundation => 0.55,
        Sub::CharityFed => 1.0,
        Sub::SocialWork | Sub::Welfare | Sub::Volunteer => 0.02,
        _ => 0.001,
    };
    let charity =
        life.today >= CHARITY_LAW && life.status != RegStatus::Revoked && rng.chance(p_charity);
    let p_public = match p.sub {
        Sub::CharityFed => 0.9,
        Sub::Foundation => 0.3,
        _ => 0.1,
    };
    let public_fundraising = charity
        && life.status == RegStatus::Active
        && add_years(life.founded, 1) <= life.today
        && add_years(CHARITY_LAW, 1) <= life.today
        && rng.chance(p_public);
    let p_volunteer = match p.sub {
        Sub::Volunteer => 1.0,
        Sub::CharityFed => 0.5,
        Sub::Welfare | Sub::SocialWork => 0.25,
        _ => 0.03,
    };
    OrgFlags {
        charity,
        public_fundraising,
        volunteer: rng.chance(p_volunteer),
        trade_association: matches!(p.sub, Sub::Trade | Sub::HomeChamber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_have_two_to_four_characters() {
        let mut r = Rng::new(0, 0, 0);
        for _ in 0..1000 {
            let n = person(&mut r).chars().count();
            assert!((2..=4).contains(&n));
        }
    }
}
