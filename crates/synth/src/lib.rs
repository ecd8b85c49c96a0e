//! Deterministic, realistic synthetic social organizations — for demos, benchmarks and tests.
//! No I/O.
//!
//! [`Synth::org`] is a pure function of `(seed, i)`: callers may generate in parallel and in any
//! order, and the same seed always gives byte-identical data (the generator is our own
//! SplitMix64, not a `rand` algorithm that may change between releases).
//!
//! What the data looks like, and why:
//! - names `<division prefix>[<brand>]<field><suffix>` with the suffix matching the kind
//!   (杭州市西湖区老年人体育协会, 深圳市龙岗区阳光社会工作服务中心, 浙江省慈善联合总会);
//!   ≈ 0.5 % national (`中国…`, registered by 民政部);
//! - registrars weighted by province, ≈ 5 % province, 25 % city, 70 % county level;
//! - kinds ≈ 45 % 社会团体, 52 % 社会服务机构, 3 % 基金会; statuses ≈ 92 % active,
//!   5 % deregistered, 2 % revoked (with a 撤销登记 penalty), 1 % suspended (with a
//!   限期停止活动 penalty, hence on the 严重违法失信名单 as 民政部令第60号 requires);
//! - a unique, valid 统一社会信用代码 (GB 32100-2015) for every `i` below 887,503,681.

mod code;
mod dates;
mod fields;
mod life;
mod naming;
mod places;
mod record;
mod rng;
mod sections;
mod words;

use chrono::NaiveDate;
use gongyi_types::{DivisionCode, OrgKind, Organization, Sections, Uscc};

use crate::dates::ymd;
use crate::life::Life;
use crate::places::Places;
use crate::rng::Rng;

/// The largest index with a guaranteed-unique code; larger indices repeat codes.
pub const MAX_ORGS: u64 = code::CAPACITY;

/// ≈ 45 % 社会团体, 52 % 社会服务机构, 3 % 基金会.
const KINDS: &[(OrgKind, u32)] = &[
    (OrgKind::SocialGroup, 45),
    (OrgKind::SocialService, 52),
    (OrgKind::Foundation, 3),
];

/// Generator over a seed.
pub struct Synth {
    seed: u64,
    today: NaiveDate,
    start: NaiveDate,
    places: Places,
}

impl Synth {
    /// Precomputes the registrar tables. Organizations are founded from 1990-01-01 to `today`,
    /// and no date in the data is after `today`.
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        Synth {
            seed,
            today,
            start: ymd(1990, 1, 1).min(today),
            places: Places::new(),
        }
    }

    /// The i-th organization (i < 100,000,000, indeed < [`MAX_ORGS`]) with its profile sections.
    pub fn org(&self, i: u64) -> (Organization, Sections) {
        let mut rng = Rng::new(self.seed, i, 0);
        let (kind, place) = self.kind_and_place(&mut rng);
        let province = self.places.get(place.province);
        let life = Life::draw(&mut rng, self.start, self.today);
        let profile = naming::profile(&mut rng, kind, place, &self.places);
        let national = place.code == DivisionCode::NATIONAL;
        let (valid_from, valid_to) = record::cert_validity(&life);
        let (website, email) = record::contact(&mut rng, kind);
        let flags = record::flags(&mut rng, &profile, &life);
        let uscc = self.code(i, kind, place);
        let mut org = Organization {
            uscc,
            name: profile.name(place),
            kind,
            status: life.status,
            division: place.code,
            authority: place.authority.clone(),
            supervisor: record::supervisor(&mut rng, &profile, place),
            legal_rep: record::person(&mut rng),
            founded: life.founded,
            capital: record::capital(&mut rng, kind, profile.sub, national),
            address: record::address(&mut rng, place),
            scope: record::scope(&profile),
            cert_no: record::cert_no(&mut rng, kind, place),
            cert_valid_from: Some(valid_from),
            cert_valid_to: Some(valid_to),
            phone: record::phone(&mut rng, place),
            email,
            website,
            flags,
            credit: gongyi_types::CreditStatus::Normal,
        };
        let ctx = sections::Ctx {
            kind,
            profile: &profile,
            place,
            province,
            life: &life,
            org: &org,
        };
        let sections = sections::sections(self.seed, i, &ctx);
        org.credit = sections.credit_status();
        (org, sections)
    }

    /// The 统一社会信用代码 of [`Synth::org`]`(i)`, for a small part of its cost (the first two
    /// draws of its stream): a bulk writer sorts indices by it and generates in code order, so
    /// that every B-tree keyed by the code is appended to instead of updated at random.
    pub fn uscc(&self, i: u64) -> Uscc {
        let mut rng = Rng::new(self.seed, i, 0);
        let (kind, place) = self.kind_and_place(&mut rng);
        self.code(i, kind, place)
    }

    /// The first draws of an organization's stream; [`Synth::uscc`] depends on them alone.
    fn kind_and_place(&self, rng: &mut Rng) -> (OrgKind, &places::Place) {
        let kind = *rng.weighted(KINDS);
        let place = self.places.get(self.places.pick(rng));
        (kind, place)
    }

    fn code(&self, i: u64, kind: OrgKind, place: &places::Place) -> Uscc {
        code::uscc(self.seed, i, kind, place.code)
            // The body is drawn from the GB 32100 alphabet, which GB 11714 also accepts, and the
            // division comes from the table: assembling cannot fail (tested for the extremes).
            .unwrap_or_else(|e| unreachable!("synthetic code {i} rejected: {e}"))
    }

    /// Demo officials, one per level for a few real divisions, as
    /// (username, display name, role code, division code); roles are `admin` | `officer`.
    pub fn demo_officials() -> Vec<(String, String, String, DivisionCode)> {
        [
            ("admin", "系统管理员（民政部）", "admin", "100000"),
            ("mzb", "王建国（民政部社会组织管理局）", "officer", "100000"),
            ("beijing", "李明（北京市民政局）", "officer", "110000"),
            (
                "chaoyang",
                "张芳（北京市朝阳区民政局）",
                "officer",
                "110105",
            ),
            ("zhejiang", "陈静（浙江省民政厅）", "officer", "330000"),
            ("hangzhou", "刘洋（杭州市民政局）", "officer", "330100"),
            ("xihu", "赵磊（杭州市西湖区民政局）", "officer", "330106"),
        ]
        .into_iter()
        .filter_map(|(user, name, role, code)| {
            let code = DivisionCode::parse(code).ok()?;
            Some((user.to_string(), name.to_string(), role.to_string(), code))
        })
        .collect()
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }
}
