//! The fixture shared by the search tests: seven realistic organizations.

#![allow(clippy::unwrap_used, dead_code)]

use chrono::NaiveDate;
use gongyi_search::{OrgDoc, SearchIndex, SearchQuery};
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};

struct Spec {
    body: &'static str,
    name: &'static str,
    kind: OrgKind,
    division: &'static str,
    founded: (i32, u32, u32),
    legal_rep: &'static str,
    scope: &'static str,
}

fn org(s: &Spec) -> Organization {
    let division = DivisionCode::parse(s.division).unwrap();
    let (y, m, d) = s.founded;
    Organization {
        uscc: Uscc::assemble('5', s.kind.uscc_category(), s.division, s.body).unwrap(),
        name: s.name.to_string(),
        kind: s.kind,
        status: RegStatus::Active,
        division,
        authority: format!("{}民政局", division.full_name()),
        supervisor: None,
        legal_rep: s.legal_rep.to_string(),
        founded: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        capital: Fen(30_000_000),
        address: format!("{}人民路1号", division.full_name()),
        scope: s.scope.to_string(),
        cert_no: String::new(),
        cert_valid_from: None,
        cert_valid_to: None,
        phone: None,
        email: None,
        website: None,
        flags: OrgFlags::default(),
        credit: CreditStatus::Normal,
    }
}

/// Seven organizations; see each one's role in the tests below.
pub fn orgs() -> Vec<Organization> {
    use OrgKind::*;
    let spec = |body, name, kind, division, founded, legal_rep, scope| Spec {
        body,
        name,
        kind,
        division,
        founded,
        legal_rep,
        scope,
    };
    let mut v: Vec<Organization> = [
        spec(
            "MJ0000A1",
            "中国社会工作联合会",
            SocialGroup,
            "100000",
            (1991, 7, 5),
            "王建国",
            "社会工作理论研究、行业交流、培训",
        ),
        spec(
            "MJ0000B2",
            "北京市朝阳区青少年发展基金会",
            Foundation,
            "110105",
            (2015, 3, 2),
            "李华",
            "资助青少年教育、助学",
        ),
        spec(
            "MJ0000C3",
            "北京市海淀区养老服务中心",
            SocialService,
            "110108",
            (2018, 9, 1),
            "张建国",
            "为老年人提供日间照料",
        ),
        spec(
            "MJ0000D4",
            "北京市朝阳区社区服务中心",
            SocialService,
            "110105",
            (2012, 1, 10),
            "赵敏",
            "社区居民服务、养老照护、家政培训",
        ),
        spec(
            "MJ0000E5",
            "上海市浦东新区社区服务协会",
            SocialGroup,
            "310115",
            (2005, 6, 18),
            "陈晨",
            "社区服务行业自律、交流",
        ),
        spec(
            "MJ0000F6",
            "广东省慈善总会",
            SocialGroup,
            "440000",
            (1994, 12, 1),
            "黄伟",
            "募集善款、扶贫济困",
        ),
        spec(
            "MJ0000G7",
            "深圳市南山区爱心志愿者协会",
            SocialGroup,
            "440305",
            (2020, 4, 20),
            "刘洋",
            "志愿服务、关爱留守儿童",
        ),
    ]
    .iter()
    .map(org)
    .collect();
    v[1].flags = OrgFlags {
        charity: true,
        public_fundraising: true,
        ..OrgFlags::default()
    };
    v[2].flags.volunteer = true;
    v[4].status = RegStatus::Deregistered;
    v[4].flags.trade_association = true;
    v[5].flags.charity = true;
    v[5].credit = CreditStatus::Abnormal;
    v[6].flags.volunteer = true;
    v
}

pub fn index() -> SearchIndex {
    let idx = SearchIndex::in_memory().unwrap();
    assert_eq!(idx.rebuild(orgs().iter().map(OrgDoc::from_org)).unwrap(), 7);
    idx
}

pub fn text(q: &str) -> SearchQuery {
    SearchQuery {
        q: Some(q.to_string()),
        ..SearchQuery::default()
    }
}

pub fn find(idx: &SearchIndex, q: &str) -> Vec<String> {
    let r = idx.search(&text(q)).unwrap();
    assert_eq!(r.total, r.hits.len() as u64, "{q}");
    r.hits.iter().map(|h| h.name.clone()).collect()
}
