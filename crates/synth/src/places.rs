//! Registrars: every division of the GB/T 2260 table with the strings derived from it,
//! computed once in [`Places::new`] so that generating an organization allocates little.

use crate::rng::Rng;
use gongyi_types::{DivisionCode, DivisionLevel};

/// One registration authority (登记管理机关) and what names and addresses under it look like.
pub(crate) struct Place {
    pub code: DivisionCode,
    pub level: DivisionLevel,
    /// How organization names begin: `杭州市西湖区`, `桐庐县`, `浙江省`, `中国`.
    pub prefix: String,
    /// `杭州市西湖区民政局`, `浙江省民政厅`, `民政部`.
    pub authority: String,
    /// Addresses begin with this: the full name (`北京市` for national).
    pub addr_base: String,
    /// One of these follows `addr_base` (districts of a city, or of the capital); may be empty.
    pub localities: Vec<String>,
    /// Telephone area code, e.g. `0571`.
    pub area_code: &'static str,
    /// One-character abbreviation of the province (`浙`), empty for national.
    pub abbr: &'static str,
    /// Index of the province-level place (itself for provinces and national).
    pub province: usize,
    /// A province-level municipality or a place inside one (北京, 天津, 上海, 重庆).
    pub municipal: bool,
}

struct Province {
    place: usize,
    weight: u32,
    cities: Vec<usize>,
    counties: Vec<usize>,
}

pub(crate) struct Places {
    pub places: Vec<Place>,
    provinces: Vec<Province>,
    total_weight: u32,
    pub national: usize,
    /// City names without `市` (`温州`), for 异地商会.
    pub city_stems: Vec<String>,
}

/// Rough relative numbers of registered social organizations per province (thousands; order of
/// magnitude from the statistical bulletins of 民政部), so that 江苏 and 广东 dominate and 西藏
/// is rare. 台湾, 香港 and 澳门 have GB/T 2260 codes but no mainland registration authority:
/// no organization is generated there.
const PROVINCE_WEIGHTS: &[(&str, u32, &str)] = &[
    ("11", 13, "京"),
    ("12", 6, "津"),
    ("13", 30, "冀"),
    ("14", 15, "晋"),
    ("15", 17, "蒙"),
    ("21", 27, "辽"),
    ("22", 15, "吉"),
    ("23", 15, "黑"),
    ("31", 17, "沪"),
    ("32", 97, "苏"),
    ("33", 72, "浙"),
    ("34", 32, "皖"),
    ("35", 33, "闽"),
    ("36", 22, "赣"),
    ("37", 70, "鲁"),
    ("41", 45, "豫"),
    ("42", 32, "鄂"),
    ("43", 38, "湘"),
    ("44", 72, "粤"),
    ("45", 28, "桂"),
    ("46", 7, "琼"),
    ("50", 18, "渝"),
    ("51", 45, "川"),
    ("52", 15, "黔"),
    ("53", 25, "滇"),
    ("54", 2, "藏"),
    ("61", 30, "陕"),
    ("62", 20, "甘"),
    ("63", 5, "青"),
    ("64", 7, "宁"),
    ("65", 15, "新"),
];

/// Telephone area codes by city name; other cities use their province capital's.
const AREA_CODES: &[(&str, &str)] = &[
    ("北京市", "010"),
    ("天津市", "022"),
    ("上海市", "021"),
    ("重庆市", "023"),
    ("石家庄市", "0311"),
    ("太原市", "0351"),
    ("呼和浩特市", "0471"),
    ("沈阳市", "024"),
    ("长春市", "0431"),
    ("哈尔滨市", "0451"),
    ("南京市", "025"),
    ("杭州市", "0571"),
    ("合肥市", "0551"),
    ("福州市", "0591"),
    ("南昌市", "0791"),
    ("济南市", "0531"),
    ("郑州市", "0371"),
    ("武汉市", "027"),
    ("长沙市", "0731"),
    ("广州市", "020"),
    ("南宁市", "0771"),
    ("海口市", "0898"),
    ("成都市", "028"),
    ("贵阳市", "0851"),
    ("昆明市", "0871"),
    ("拉萨市", "0891"),
    ("西安市", "029"),
    ("兰州市", "0931"),
    ("西宁市", "0971"),
    ("银川市", "0951"),
    ("乌鲁木齐市", "0991"),
    ("台北市", "00886-2"),
    ("苏州市", "0512"),
    ("无锡市", "0510"),
    ("常州市", "0519"),
    ("南通市", "0513"),
    ("徐州市", "0516"),
    ("扬州市", "0514"),
    ("镇江市", "0511"),
    ("盐城市", "0515"),
    ("泰州市", "0523"),
    ("连云港市", "0518"),
    ("淮安市", "0517"),
    ("宿迁市", "0527"),
    ("宁波市", "0574"),
    ("温州市", "0577"),
    ("绍兴市", "0575"),
    ("嘉兴市", "0573"),
    ("金华市", "0579"),
    ("台州市", "0576"),
    ("湖州市", "0572"),
    ("丽水市", "0578"),
    ("衢州市", "0570"),
    ("舟山市", "0580"),
    ("深圳市", "0755"),
    ("东莞市", "0769"),
    ("佛山市", "0757"),
    ("珠海市", "0756"),
    ("汕头市", "0754"),
    ("中山市", "0760"),
    ("惠州市", "0752"),
    ("江门市", "0750"),
    ("青岛市", "0532"),
    ("烟台市", "0535"),
    ("潍坊市", "0536"),
    ("临沂市", "0539"),
    ("淄博市", "0533"),
    ("济宁市", "0537"),
    ("厦门市", "0592"),
    ("泉州市", "0595"),
    ("漳州市", "0596"),
    ("大连市", "0411"),
    ("鞍山市", "0412"),
    ("唐山市", "0315"),
    ("保定市", "0312"),
    ("邯郸市", "0310"),
    ("洛阳市", "0379"),
    ("宜昌市", "0717"),
    ("襄阳市", "0710"),
    ("绵阳市", "0816"),
    ("桂林市", "0773"),
    ("柳州市", "0772"),
    ("三亚市", "0898"),
    ("芜湖市", "0553"),
    ("赣州市", "0797"),
    ("宝鸡市", "0917"),
    ("包头市", "0472"),
    ("吉林市", "0432"),
    ("大庆市", "0459"),
    ("齐齐哈尔市", "0452"),
    ("株洲市", "0731"),
    ("湘潭市", "0731"),
];

fn area_code(city_name: &str) -> Option<&'static str> {
    AREA_CODES
        .iter()
        .find(|(n, _)| *n == city_name)
        .map(|(_, c)| *c)
}

impl Places {
    pub(crate) fn new() -> Self {
        let mut places = Vec::new();
        let mut provinces = Vec::new();
        let beijing_districts: Vec<String> = DivisionCode::parse("110100")
            .map(|c| {
                c.children()
                    .iter()
                    .take(8)
                    .map(|d| d.name().to_string())
                    .collect()
            })
            .unwrap_or_default();
        places.push(Place {
            code: DivisionCode::NATIONAL,
            level: DivisionLevel::National,
            prefix: "中国".to_string(),
            authority: "民政部".to_string(),
            addr_base: "北京市".to_string(),
            localities: beijing_districts,
            area_code: "010",
            abbr: "",
            province: 0,
            municipal: true,
        });
        let mut city_stems = Vec::new();
        for &p in DivisionCode::provinces() {
            if !p.has_registrar() {
                continue;
            }
            let pcode = format!("{:06}", p.as_u32());
            let (weight, abbr) = PROVINCE_WEIGHTS
                .iter()
                .find(|(c, _, _)| pcode.starts_with(c))
                .map_or((1, ""), |(_, w, a)| (*w, *a));
            let municipal = p.is_municipality();
            let pidx = places.len();
            let mut prov = Province {
                place: pidx,
                weight,
                cities: vec![],
                counties: vec![],
            };
            // The capital is the first city-level child (GB/T 2260 lists it first as xx01).
            let capital = p
                .children()
                .iter()
                .copied()
                .find(|c| c.level() == DivisionLevel::City);
            let capital_area = capital.and_then(|c| area_code(c.name())).unwrap_or("010");
            let localities: Vec<String> = match capital {
                Some(c) => c
                    .children()
                    .iter()
                    .take(6)
                    .map(|d| {
                        if municipal {
                            d.name().to_string()
                        } else {
                            format!("{}{}", c.name(), d.name())
                        }
                    })
                    .collect(),
                None => vec![],
            };
            let authority = p.authority_name().unwrap_or_default();
            places.push(Place {
                code: p,
                level: DivisionLevel::Province,
                prefix: p.name().to_string(),
                authority,
                addr_base: p.full_name(),
                localities,
                area_code: capital_area,
                abbr,
                province: pidx,
                municipal,
            });
            for &c in p.children() {
                match c.level() {
                    DivisionLevel::City => {
                        let pseudo = c.name() == p.name();
                        if !pseudo && let Some(stem) = c.name().strip_suffix('市') {
                            city_stems.push(stem.to_string());
                        }
                        let area = area_code(c.name()).unwrap_or(capital_area);
                        if !pseudo {
                            prov.cities.push(places.len());
                            let full = c.full_name();
                            places.push(Place {
                                code: c,
                                level: DivisionLevel::City,
                                prefix: c.name().to_string(),
                                authority: format!("{full}民政局"),
                                addr_base: full,
                                localities: c
                                    .children()
                                    .iter()
                                    .map(|d| d.name().to_string())
                                    .collect(),
                                area_code: area,
                                abbr,
                                province: pidx,
                                municipal,
                            });
                        }
                        for &d in c.children() {
                            prov.counties.push(places.len());
                            places.push(county(d, Some(c), area, abbr, pidx, municipal));
                        }
                    }
                    _ => {
                        prov.counties.push(places.len());
                        places.push(county(c, None, capital_area, abbr, pidx, municipal));
                    }
                }
            }
            provinces.push(prov);
        }
        let total_weight = provinces.iter().map(|p| p.weight).sum();
        Places {
            places,
            provinces,
            total_weight,
            national: 0,
            city_stems,
        }
    }

    /// A registrar: national ≈ 0.5 %, otherwise a province by weight and then province ≈ 5 %,
    /// city ≈ 25 %, county ≈ 70 % (a municipality's city share goes to the province level).
    pub(crate) fn pick(&self, rng: &mut Rng) -> usize {
        if rng.chance(0.005) {
            return self.national;
        }
        let mut r = rng.below(u64::from(self.total_weight)) as u32;
        let mut prov = &self.provinces[0];
        for p in &self.provinces {
            if r < p.weight {
                prov = p;
                break;
            }
            r -= p.weight;
        }
        let roll = rng.below(100);
        if roll >= 30 && !prov.counties.is_empty() {
            *rng.pick(&prov.counties)
        } else if roll >= 5 && !prov.cities.is_empty() {
            *rng.pick(&prov.cities)
        } else {
            prov.place
        }
    }

    pub(crate) fn get(&self, i: usize) -> &Place {
        &self.places[i]
    }
}

fn county(
    d: DivisionCode,
    city: Option<DivisionCode>,
    area_code: &'static str,
    abbr: &'static str,
    province: usize,
    municipal: bool,
) -> Place {
    let full = d.full_name();
    // Districts are named with their city (杭州市西湖区), counties and county-level cities alone
    // (桐庐县, 义乌市).
    let prefix = match city {
        Some(c) if d.name().ends_with('区') => format!("{}{}", c.name(), d.name()),
        _ => d.name().to_string(),
    };
    Place {
        code: d,
        level: DivisionLevel::County,
        authority: format!("{full}民政局"),
        prefix,
        addr_base: full,
        localities: vec![],
        area_code,
        abbr,
        province,
        municipal,
    }
}

#[cfg(test)]
#[path = "places_tests.rs"]
mod tests;
