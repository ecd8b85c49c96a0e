//! Organization names: `<division prefix>[<brand>]<field><suffix>`, with the suffix matching the
//! kind (社会团体 协会/学会/商会 …, 社会服务机构 服务中心/培训学校/幼儿园 …, 基金会 …基金会).
//!
//! Over 400 lines: mostly the tables of fields and suffixes by kind (data), with their tests.

use crate::fields::{self, Class};
use crate::places::{Place, Places};
use crate::rng::Rng;
use crate::words;
use gongyi_types::{DivisionLevel, OrgKind};

/// The line of work, which decides scope, supervisor, staff and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    Assoc,
    Academic,
    Trade,
    HomeChamber,
    Alumni,
    Fellowship,
    Volunteer,
    CharityFed,
    Kindergarten,
    School,
    Training,
    Welfare,
    SocialWork,
    ElderCare,
    Health,
    Research,
    SportsClub,
    Museum,
    Foundation,
}

/// A generated name and what it says about the organization.
pub(crate) struct Profile {
    pub sub: Sub,
    pub class: Class,
    /// The field the organization works on, as used in scope and report texts.
    pub topic: String,
    pub brand: Option<&'static str>,
    /// Name without prefix and brand, e.g. `青少年发展基金会`.
    pub rest: String,
    pub suffixes: &'static [(&'static str, u32)],
    pub suffix: &'static str,
}

type W = &'static [(&'static str, u32)];

const GROUP_SUBS: &[(Sub, u32)] = &[
    (Sub::Assoc, 105),
    (Sub::Academic, 32),
    (Sub::Trade, 16),
    (Sub::HomeChamber, 4),
    (Sub::Alumni, 4),
    (Sub::Fellowship, 4),
    (Sub::Volunteer, 8),
    (Sub::CharityFed, 1),
];
const SERVICE_SUBS: &[(Sub, u32)] = &[
    (Sub::Kindergarten, 16),
    (Sub::School, 6),
    (Sub::Training, 16),
    (Sub::Welfare, 16),
    (Sub::SocialWork, 10),
    (Sub::ElderCare, 9),
    (Sub::Health, 6),
    (Sub::Research, 7),
    (Sub::SportsClub, 6),
    (Sub::Museum, 3),
];

const ASSOC_CLASSES: &[(Class, u32)] = &[
    (Class::People, 15),
    (Class::Cause, 15),
    (Class::Culture, 25),
    (Class::Sport, 25),
    (Class::Health, 5),
];
/// Who takes part in a hobby association (老年人体育协会).
const MEMBERS: &[&str] = &[
    "老年人",
    "青少年",
    "职工",
    "残疾人",
    "妇女",
    "少儿",
    "退役军人",
    "农民",
    "大学生",
    "教师",
    "机关干部",
    "老干部",
];

/// School subjects taught by 培训学校.
const TRAINING_SUBJECTS: &[&str] = &[
    "外语",
    "计算机",
    "数学",
    "物理",
    "化学",
    "心理学",
    "会计",
    "护理",
    "人工智能",
    "翻译",
    "营养",
    "科普",
    "机器人",
    "编程",
    "英语",
    "日语",
    "韩语",
    "播音主持",
    "演讲与口才",
    "速记",
];
/// Trades taught by 职业技能培训学校.
const VOCATIONS: &[&str] = &[
    "烹饪",
    "家政服务",
    "美容美发",
    "汽车维修",
    "电子商务",
    "养老护理",
    "育婴",
    "电工",
    "焊接",
    "中式面点",
    "西式面点",
    "茶艺",
    "直播电商",
    "物流",
    "保安",
    "母婴护理",
    "中医推拿",
    "服装制作",
    "数控技术",
    "无人机驾驶",
    "园林绿化",
    "农业技术",
    "手工编织",
    "健康管理",
    "物业管理",
];
/// What private museums collect.
const MUSEUM_SUBJECTS: &[&str] = &[
    "收藏",
    "民俗文化",
    "非物质文化遗产",
    "陶瓷艺术",
    "根雕",
    "奇石",
    "刺绣",
    "剪纸",
    "书画",
    "紫砂",
    "茶文化",
    "红色文化",
    "皮影",
    "风筝",
    "古琴",
    "民间艺术",
    "版画",
    "油画",
    "钱币",
    "农耕文化",
    "家具",
    "织锦",
    "木雕",
    "石刻",
    "玉器",
    "红木",
    "老物件",
    "地方戏",
];

const S_PEOPLE: W = &[
    ("协会", 3),
    ("关爱协会", 2),
    ("服务协会", 2),
    ("发展促进会", 2),
    ("权益保护协会", 1),
];
const S_CAUSE: W = &[("协会", 4), ("促进会", 3), ("联合会", 1), ("研究会", 1)];
const S_CULTURE: W = &[("协会", 6), ("研究会", 3), ("学会", 1)];
const S_SPORT: W = &[("协会", 1)];
const S_HEALTH: W = &[("协会", 3), ("学会", 2), ("研究会", 1)];
const S_ACADEMIC: W = &[("学会", 6), ("研究会", 4), ("协会", 2)];
const S_TRADE: W = &[
    ("行业协会", 5),
    ("商会", 3),
    ("协会", 3),
    ("促进会", 1),
    ("同业公会", 1),
];
const S_HOME: W = &[("商会", 1)];
const S_ALUMNI: W = &[("校友会", 1)];
const S_FELLOW: W = &[("联谊会", 1)];
const S_VOLUNTEER: W = &[
    ("志愿者协会", 4),
    ("志愿服务联合会", 2),
    ("青年志愿者协会", 1),
    ("义工联合会", 1),
    ("志愿者联合会", 1),
];
const S_VOLUNTEER_FIELD: W = &[("志愿者协会", 3), ("志愿服务协会", 1)];
const S_CHARITY: W = &[("慈善总会", 3), ("慈善联合总会", 1), ("慈善协会", 1)];
const S_KINDER: W = &[
    ("幼儿园", 6),
    ("双语幼儿园", 1),
    ("艺术幼儿园", 1),
    ("实验幼儿园", 1),
];
const S_SCHOOL: W = &[
    ("实验学校", 3),
    ("外国语学校", 2),
    ("学校", 2),
    ("中学", 2),
    ("小学", 2),
    ("双语学校", 1),
    ("高级中学", 1),
];
const S_TRAINING: W = &[("培训学校", 6), ("培训中心", 1)];
const S_VOCATIONAL: W = &[("职业技能培训学校", 1)];
const S_WELFARE: W = &[
    ("服务中心", 5),
    ("关爱服务中心", 2),
    ("发展中心", 2),
    ("公益服务中心", 2),
];
const S_SOCIALWORK: W = &[
    ("社会工作服务中心", 5),
    ("社工服务中心", 2),
    ("社会工作服务社", 2),
    ("社会工作事务所", 1),
];
const S_ELDER: W = &[
    ("养老院", 4),
    ("颐养院", 1),
    ("养老服务中心", 3),
    ("居家养老服务中心", 2),
    ("护理院", 1),
    ("老年公寓", 1),
];
const S_HEALTH_SVC: W = &[
    ("康复中心", 3),
    ("中医医院", 1),
    ("医院", 1),
    ("中医门诊部", 1),
    ("口腔门诊部", 1),
    ("康复医院", 1),
];
const S_RESEARCH: W = &[
    ("研究院", 3),
    ("发展研究院", 2),
    ("研究中心", 2),
    ("研究所", 2),
    ("发展研究中心", 1),
];
const S_CLUB: W = &[("俱乐部", 5), ("运动俱乐部", 1)];
const S_MUSEUM: W = &[("博物馆", 3), ("艺术馆", 2), ("展览馆", 1)];
const S_FOUNDATION_FIELD: W = &[("发展基金会", 4), ("基金会", 3), ("公益基金会", 1)];
const S_FOUNDATION_BRAND: W = &[
    ("公益基金会", 3),
    ("慈善基金会", 3),
    ("教育基金会", 2),
    ("基金会", 2),
];
const S_FOUNDATION_BARE: W = &[
    ("教育基金会", 3),
    ("慈善基金会", 2),
    ("见义勇为基金会", 1),
    ("扶贫基金会", 1),
];

fn list(class: Class) -> &'static [&'static str] {
    match class {
        Class::People => fields::PEOPLE,
        Class::Cause => fields::CAUSES,
        Class::Culture => fields::CULTURE,
        Class::Sport => fields::SPORT,
        Class::Academic => fields::ACADEMIC,
        Class::Industry => fields::INDUSTRY,
        Class::Health => fields::HEALTH,
    }
}

struct Draft {
    sub: Sub,
    class: Class,
    topic: String,
    brand: Option<&'static str>,
    field: String,
    suffixes: W,
}

impl Draft {
    fn new(sub: Sub, class: Class, field: impl Into<String>, suffixes: W) -> Self {
        let field = field.into();
        Draft {
            sub,
            class,
            topic: field.clone(),
            brand: None,
            field,
            suffixes,
        }
    }
    fn brand(mut self, rng: &mut Rng, p: f64) -> Self {
        if rng.chance(p) {
            self.brand = Some(*rng.pick(words::BRANDS));
        }
        self
    }
    fn topic(mut self, t: &str) -> Self {
        self.topic = t.to_string();
        self
    }
    fn finish(self, rng: &mut Rng) -> Profile {
        let suffix = *rng.weighted(self.suffixes);
        let mut rest = self.field;
        rest.push_str(suffix);
        Profile {
            sub: self.sub,
            class: self.class,
            topic: self.topic,
            brand: self.brand,
            rest,
            suffixes: self.suffixes,
            suffix,
        }
    }
}

impl Profile {
    /// The full name under a registrar.
    pub(crate) fn name(&self, place: &Place) -> String {
        let mut s = String::with_capacity(place.prefix.len() + self.rest.len() + 12);
        s.push_str(&place.prefix);
        if let Some(b) = self.brand {
            s.push_str(b);
        }
        s.push_str(&self.rest);
        s
    }

    /// A plausible earlier name (for a 名称 change): another brand, or another suffix.
    pub(crate) fn former_name(&self, place: &Place, rng: &mut Rng) -> String {
        let field = self.rest.strip_suffix(self.suffix).unwrap_or(&self.rest);
        let other = *rng.weighted(self.suffixes);
        let (brand, suffix) = match self.brand {
            Some(b) => {
                let nb = *rng.pick(words::BRANDS);
                (if nb == b { None } else { Some(nb) }, self.suffix)
            }
            None if other != self.suffix => (None, other),
            None => (Some(*rng.pick(words::BRANDS)), self.suffix),
        };
        format!("{}{}{}{}", place.prefix, brand.unwrap_or(""), field, suffix)
    }
}

pub(crate) fn profile(rng: &mut Rng, kind: OrgKind, place: &Place, places: &Places) -> Profile {
    let local_big = matches!(place.level, DivisionLevel::Province | DivisionLevel::City);
    let draft = match kind {
        OrgKind::SocialGroup => match *rng.weighted(GROUP_SUBS) {
            Sub::Academic => {
                let class = if rng.chance(0.8) {
                    Class::Academic
                } else {
                    Class::Health
                };
                Draft::new(Sub::Academic, class, *rng.pick(list(class)), S_ACADEMIC)
            }
            Sub::HomeChamber if local_big => {
                let stem = rng.pick(&places.city_stems);
                if place.prefix.starts_with(stem.as_str()) {
                    trade(rng)
                } else {
                    Draft::new(Sub::HomeChamber, Class::Industry, stem.as_str(), S_HOME)
                }
            }
            Sub::Trade | Sub::HomeChamber => trade(rng),
            Sub::Alumni if local_big => Draft::new(
                Sub::Alumni,
                Class::Academic,
                *rng.pick(words::UNIVERSITIES),
                S_ALUMNI,
            ),
            Sub::Fellowship => Draft::new(
                Sub::Fellowship,
                Class::People,
                *rng.pick(words::FELLOWSHIPS),
                S_FELLOW,
            ),
            Sub::Volunteer if rng.chance(0.4) => {
                let class = if rng.chance(0.5) {
                    Class::Cause
                } else {
                    Class::People
                };
                let word = *rng.pick(list(class));
                let word = if word.contains("志愿") {
                    "社区"
                } else {
                    word
                };
                Draft::new(Sub::Volunteer, class, word, S_VOLUNTEER_FIELD).topic("志愿服务")
            }
            Sub::Volunteer => Draft::new(Sub::Volunteer, Class::Cause, "", S_VOLUNTEER)
                .topic("志愿服务")
                .brand(rng, 0.75),
            Sub::CharityFed => {
                Draft::new(Sub::CharityFed, Class::Cause, "", S_CHARITY).topic("慈善")
            }
            _ => {
                let class = *rng.weighted(ASSOC_CLASSES);
                let word = *rng.pick(list(class));
                let suffixes = match class {
                    Class::People => S_PEOPLE,
                    Class::Cause => S_CAUSE,
                    Class::Culture => S_CULTURE,
                    Class::Sport => S_SPORT,
                    _ => S_HEALTH,
                };
                if matches!(class, Class::Culture | Class::Sport) && rng.chance(0.45) {
                    let who = *rng.pick(MEMBERS);
                    Draft::new(Sub::Assoc, class, format!("{who}{word}"), suffixes).topic(word)
                } else {
                    Draft::new(Sub::Assoc, class, word, suffixes)
                }
            }
        },
        OrgKind::SocialService => match *rng.weighted(SERVICE_SUBS) {
            Sub::Kindergarten => Draft::new(Sub::Kindergarten, Class::Academic, "", S_KINDER)
                .topic("学前教育")
                .brand(rng, 1.0),
            Sub::School => Draft::new(Sub::School, Class::Academic, "", S_SCHOOL)
                .topic("基础教育")
                .brand(rng, 1.0),
            Sub::Training => {
                let class = *rng.weighted(&[
                    (Class::Culture, 35),
                    (Class::Sport, 20),
                    (Class::Academic, 20),
                    (Class::Industry, 25),
                ]);
                let (words, suffixes) = match class {
                    Class::Industry => (VOCATIONS, S_VOCATIONAL),
                    Class::Academic => (TRAINING_SUBJECTS, S_TRAINING),
                    _ => (list(class), S_TRAINING),
                };
                Draft::new(Sub::Training, class, *rng.pick(words), suffixes).brand(rng, 0.6)
            }
            Sub::Welfare => {
                let class = if rng.chance(0.6) {
                    Class::People
                } else {
                    Class::Cause
                };
                Draft::new(Sub::Welfare, class, *rng.pick(list(class)), S_WELFARE).brand(rng, 0.5)
            }
            Sub::SocialWork => Draft::new(Sub::SocialWork, Class::Cause, "", S_SOCIALWORK)
                .topic("社会工作")
                .brand(rng, 1.0),
            Sub::ElderCare => Draft::new(Sub::ElderCare, Class::People, "", S_ELDER)
                .topic("养老服务")
                .brand(rng, 1.0),
            Sub::Health => Draft::new(Sub::Health, Class::Health, "", S_HEALTH_SVC)
                .topic("医疗康复")
                .brand(rng, 1.0),
            Sub::Research => {
                let class = if rng.chance(0.6) {
                    Class::Academic
                } else {
                    Class::Industry
                };
                Draft::new(Sub::Research, class, *rng.pick(list(class)), S_RESEARCH).brand(rng, 0.2)
            }
            Sub::SportsClub => Draft::new(
                Sub::SportsClub,
                Class::Sport,
                *rng.pick(fields::SPORT),
                S_CLUB,
            )
            .brand(rng, 0.7),
            _ => Draft::new(
                Sub::Museum,
                Class::Culture,
                *rng.pick(MUSEUM_SUBJECTS),
                S_MUSEUM,
            )
            .brand(rng, 0.4),
        },
        OrgKind::Foundation => {
            let roll = rng.below(100);
            if roll < 45 {
                let class = *rng.weighted(&[
                    (Class::People, 5),
                    (Class::Cause, 4),
                    (Class::Culture, 2),
                    (Class::Academic, 1),
                ]);
                Draft::new(
                    Sub::Foundation,
                    class,
                    *rng.pick(list(class)),
                    S_FOUNDATION_FIELD,
                )
                .brand(rng, 0.15)
            } else if roll < 92 {
                Draft::new(Sub::Foundation, Class::Cause, "", S_FOUNDATION_BRAND)
                    .topic("扶贫济困、助学助医")
                    .brand(rng, 1.0)
            } else {
                Draft::new(Sub::Foundation, Class::Cause, "", S_FOUNDATION_BARE)
                    .topic("教育、扶贫济困")
            }
        }
    };
    draft.finish(rng)
}

fn trade(rng: &mut Rng) -> Draft {
    Draft::new(
        Sub::Trade,
        Class::Industry,
        *rng.pick(fields::INDUSTRY),
        S_TRADE,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_matches_kind() {
        let places = Places::new();
        let mut rng = Rng::new(1, 1, 1);
        for _ in 0..2000 {
            let place = places.get(places.pick(&mut rng));
            let p = profile(&mut rng, OrgKind::Foundation, place, &places);
            assert!(p.name(place).ends_with("基金会"));
            let g = profile(&mut rng, OrgKind::SocialGroup, place, &places);
            let n = g.name(place);
            assert!(["会", "总会"].iter().any(|s| n.ends_with(s)), "{n}");
            assert!(g.name(place).starts_with(&place.prefix));
            assert_ne!(g.former_name(place, &mut rng), n);
        }
    }
}
