//! The rules on one record, one function each, with the regulation or standard that asks for
//! it. A rule returns at most one [`Problem`]; [`check`] runs them all in table order.
//!
//! Sources: 《社会团体登记管理条例》(国务院令第250号，1998年10月25日施行), 《民办非企业单位登记管理
//! 暂行条例》(国务院令第251号), 《基金会管理条例》(国务院令第400号，2004年6月1日施行),
//! 《社会组织名称管理办法》(民政部令第69号，2024年5月1日施行), 《中华人民共和国慈善法》,
//! GB 32100-2015 and GB/T 2260.

use super::{Problem, Rule};
use crate::{DivisionCode, Fen, OrgKind, Organization, RegStatus, Uscc};
use chrono::NaiveDate;

/// The founding of the People's Republic: no registration of this registry is older.
pub const FOUNDING_OF_THE_PRC: NaiveDate = ymd(1949, 10, 1);
/// 《社会团体登记管理条例》(国务院令第250号) took effect: its minimum funds apply from then.
const SOCIAL_GROUP_REGULATION: NaiveDate = ymd(1998, 10, 25);
/// 《基金会管理条例》(国务院令第400号) took effect: its minimum original fund applies from then.
const FOUNDATION_REGULATION: NaiveDate = ymd(2004, 6, 1);

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

type RecordRule = fn(&Organization, NaiveDate) -> Option<Problem>;

/// The rules on one record, in the order of [`Rule::ALL`].
const RECORD_RULES: &[RecordRule] = &[
    legal_rep_missing,
    address_missing,
    scope_missing,
    authority_missing,
    capital_missing,
    cert_no_missing,
    cert_validity_missing,
    uscc_division_unknown,
    division_without_registrar,
    founded_in_future,
    founded_too_early,
    capital_below_minimum,
    phone_invalid,
    email_invalid,
    kind_uscc_mismatch,
    division_uscc_mismatch,
    authority_division_mismatch,
    cert_expired,
    cert_period_reversed,
    cert_before_founding,
    foundation_name,
    fundraising_without_charity,
    fundraising_after_end,
];

/// Every problem of one record on `today` (duplicates need the other records: see
/// [`super::duplicate_groups`]).
pub fn check(org: &Organization, today: NaiveDate) -> Vec<Problem> {
    RECORD_RULES
        .iter()
        .filter_map(|rule| rule(org, today))
        .collect()
}

/// The two refusing rules, on the codes of an incoming record as typed (import, sync): a
/// 统一社会信用代码 that fails GB 32100-2015 (character set, department and category, both
/// check characters) and a 登记管理机关区划代码 not in GB/T 2260. A stored record has passed
/// both ([`Uscc`] and [`DivisionCode`] are parsed), so the report never counts them.
pub fn check_codes(uscc: &str, division: &str) -> Vec<Problem> {
    let mut out = vec![];
    if let Err(e) = Uscc::parse(uscc.trim()) {
        out.push(Problem::new(
            Rule::UsccInvalid,
            "统一社会信用代码",
            format!("统一社会信用代码“{}”无效：{e}", uscc.trim()),
        ));
    }
    if let Err(e) = DivisionCode::parse(division.trim()) {
        out.push(Problem::new(
            Rule::DivisionInvalid,
            "登记管理机关区划",
            e.to_string(),
        ));
    }
    out
}

/// Empty, or a placeholder a registrar typed for "nothing" (无、暂无、/、-).
fn blank(s: &str) -> bool {
    matches!(
        s.trim(),
        "" | "无" | "暂无" | "/" | "-" | "—" | "——" | "null" | "NULL"
    )
}

fn missing(rule: Rule, field: &'static str, blank_value: bool) -> Option<Problem> {
    blank_value.then(|| Problem::new(rule, field, format!("{field}为空")))
}

/// 法定代表人 is a 登记事项 of every kind: 《社会团体登记管理条例》第十二条第二款,
/// 《民办非企业单位登记管理暂行条例》第十二条, 《基金会管理条例》第十一条.
fn legal_rep_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    missing(Rule::LegalRepMissing, "法定代表人", blank(&o.legal_rep))
}

/// 住所 is a 登记事项 (same articles); the credit rules' 专用信函 go to it.
fn address_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    missing(Rule::AddressMissing, "住所", blank(&o.address))
}

/// 业务范围 is a 登记事项 (same articles); an organization acts only within it.
fn scope_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    missing(Rule::ScopeMissing, "业务范围", blank(&o.scope))
}

/// The registration authority (登记管理机关) issues the certificate and keeps the record
/// (《社会团体登记管理条例》第六条, 《民办非企业单位登记管理暂行条例》第五条).
fn authority_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    missing(Rule::AuthorityMissing, "登记管理机关", blank(&o.authority))
}

/// 活动资金 / 开办资金 / 原始基金数额 are 登记事项 (same articles as 法定代表人): zero means the
/// amount was never recorded.
fn capital_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let label = o.kind.capital_label();
    (o.capital.0 <= 0)
        .then(|| Problem::new(Rule::CapitalMissing, label, format!("{label}为空或为零")))
}

/// A registered organization holds a 登记证书 (《社会团体登记管理条例》第十二条: 准予登记的，
/// 发给《社会团体法人登记证书》; likewise 《民办非企业单位登记管理暂行条例》第十二条 and
/// 《基金会管理条例》第十一条); its number identifies it on every later filing.
fn cert_no_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    missing(Rule::CertNoMissing, "登记证号", blank(&o.cert_no))
}

/// The certificate carries its validity period; while the organization exists (正常 or
/// 限期停止活动) the registry must know it, or [`cert_expired`] cannot be checked.
fn cert_validity_missing(o: &Organization, _: NaiveDate) -> Option<Problem> {
    if !matches!(o.status, RegStatus::Active | RegStatus::Suspended) {
        return None;
    }
    let field = match (o.cert_valid_from, o.cert_valid_to) {
        (Some(_), Some(_)) => return None,
        (None, _) => "登记证有效期起",
        (Some(_), None) => "登记证有效期至",
    };
    Some(Problem::new(
        Rule::CertValidityMissing,
        field,
        format!("登记状态为{}，但{field}为空", o.status.label()),
    ))
}

/// GB 32100-2015: positions 3–8 are the GB/T 2260 code of the registering authority's
/// division. A code issued before a division was merged or renamed keeps its old digits (the
/// code never changes), so this warns rather than refuses.
fn uscc_division_unknown(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let digits = o.uscc.division();
    DivisionCode::parse(digits).err().map(|_| {
        Problem::new(
            Rule::UsccDivisionUnknown,
            "统一社会信用代码",
            format!("代码第3–8位“{digits}”不在现行 GB/T 2260 区划表中（可能为已撤并区划）"),
        )
    })
}

/// GB/T 2260 has codes for 台湾、香港、澳门, where no mainland registration authority exists
/// (the registration regulations apply on the mainland): a record filed there is misplaced.
fn division_without_registrar(o: &Organization, _: NaiveDate) -> Option<Problem> {
    (!o.division.has_registrar()).then(|| {
        Problem::new(
            Rule::DivisionWithoutRegistrar,
            "登记管理机关区划",
            format!(
                "{}（{}）没有内地登记管理机关",
                o.division.full_name(),
                o.division
            ),
        )
    })
}

/// A registration cannot have happened after today.
fn founded_in_future(o: &Organization, today: NaiveDate) -> Option<Problem> {
    (o.founded > today).then(|| {
        Problem::new(
            Rule::FoundedInFuture,
            "成立登记日期",
            format!("成立登记日期{}晚于今天（{today}）", o.founded),
        )
    })
}

/// No registration of this registry predates the People's Republic (its first registration
/// rules, 《社会团体登记暂行办法》, date from 1950): an earlier date is a typing error or a
/// founding date of history entered as the registration date.
fn founded_too_early(o: &Organization, _: NaiveDate) -> Option<Problem> {
    (o.founded < FOUNDING_OF_THE_PRC).then(|| {
        Problem::new(
            Rule::FoundedTooEarly,
            "成立登记日期",
            format!("成立登记日期{}早于1949年10月1日", o.founded),
        )
    })
}

/// The legal minimum of the registered money for an organization of `kind` registered in
/// `division` on `founded`, if the law sets one for it then:
/// - 社会团体: 《社会团体登记管理条例》第十条第一款第（五）项 — 全国性 10万元, 地方性和跨行政
///   区域 3万元 (from 1998-10-25);
/// - 基金会: 《基金会管理条例》第八条第（二）项 — 全国性公募 800万元, 地方性公募 400万元, 非公募
///   200万元 (from 2004-06-01); the record does not say 公募 or not, so the lowest, 200万元;
/// - 民办非企业单位 (社会服务机构): no amount in 《民办非企业单位登记管理暂行条例》.
pub fn minimum_capital(kind: OrgKind, division: DivisionCode, founded: NaiveDate) -> Option<Fen> {
    const WAN: i64 = 10_000 * 100;
    match kind {
        OrgKind::SocialGroup if founded >= SOCIAL_GROUP_REGULATION => {
            Some(Fen(if division == DivisionCode::NATIONAL {
                10
            } else {
                3
            } * WAN))
        }
        OrgKind::Foundation if founded >= FOUNDATION_REGULATION => Some(Fen(200 * WAN)),
        _ => None,
    }
}

/// See [`minimum_capital`]. Zero is [`capital_missing`]'s, not this rule's.
fn capital_below_minimum(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let min = minimum_capital(o.kind, o.division, o.founded)?;
    let label = o.kind.capital_label();
    (o.capital.0 > 0 && o.capital < min).then(|| {
        Problem::new(
            Rule::CapitalBelowMinimum,
            label,
            format!(
                "{label}{}低于法定最低限额{}",
                o.capital.display_cn(),
                min.display_cn()
            ),
        )
    })
}

/// A telephone number as people write one: digits with `-`, spaces, brackets, a leading `+`
/// and an extension after `转`; 7 to 20 digits (a local number without area code up to an
/// international number with extension).
pub fn phone_is_valid(s: &str) -> bool {
    let t = s.trim();
    let body = t.strip_prefix('+').unwrap_or(t);
    let allowed =
        |c: char| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '转');
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars().all(allowed) && (7..=20).contains(&digits)
}

/// The contact the 一网通查 profile publishes and the registrar calls: a number that cannot be
/// dialled is as good as none. (Not a 登记事项, so a missing phone is not a problem.)
fn phone_invalid(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let p = o.phone.as_deref().filter(|p| !blank(p))?;
    (!phone_is_valid(p)).then(|| {
        Problem::new(
            Rule::PhoneInvalid,
            "联系电话",
            format!("联系电话“{p}”不是有效的电话号码"),
        )
    })
}

/// An address of the form `local@domain.tld`: one `@`, no spaces, a dot in the domain that
/// neither starts nor ends it (RFC 5322's addr-spec, as far as a registry needs).
pub fn email_is_valid(s: &str) -> bool {
    let t = s.trim();
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !t.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// As [`phone_invalid`], for the e-mail address.
fn email_invalid(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let e = o.email.as_deref().filter(|e| !blank(e))?;
    (!email_is_valid(e)).then(|| {
        Problem::new(
            Rule::EmailInvalid,
            "电子邮箱",
            format!("电子邮箱“{e}”格式无效"),
        )
    })
}

/// GB 32100-2015 Table 1: a 民政 code starts with `5`, and its second character is the kind
/// (1 社会团体, 2 民办非企业单位, 3 基金会).
fn kind_uscc_mismatch(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let message = if o.uscc.department() != '5' {
        format!(
            "代码第1位登记管理部门为“{}”（{}），不是民政部门",
            o.uscc.department(),
            o.uscc.department_name()
        )
    } else {
        match o.uscc.org_kind() {
            Some(k) if k == o.kind => return None,
            Some(k) => format!("代码第2位表示{}，与类型“{}”不符", k.label(), o.kind.label()),
            None => format!(
                "代码第2位机构类别“{}”不是社会团体、民办非企业单位或基金会",
                o.uscc.category()
            ),
        }
    };
    Some(Problem::new(Rule::KindUsccMismatch, "类型", message))
}

/// GB 32100-2015: positions 3–8 name the division of the authority that registered the
/// organization, which is the record's registrar division unless the organization moved to
/// another authority (rare; the code stays).
fn division_uscc_mismatch(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let d = DivisionCode::parse(o.uscc.division()).ok()?;
    (d != o.division).then(|| {
        Problem::new(
            Rule::DivisionUsccMismatch,
            "登记管理机关区划",
            format!(
                "登记管理机关区划为{}（{}），代码第3–8位为{}（{d}）",
                o.division.full_name(),
                o.division,
                d.full_name()
            ),
        )
    })
}

/// The authority is the civil-affairs department of the registrar division (《社会团体登记管理
/// 条例》第六条: 县级以上人民政府民政部门是登记管理机关): its name, or at least the division's,
/// belongs in the field (`浙江省民政厅`, `杭州市西湖区民政局`, `民政部`).
fn authority_division_mismatch(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let expected = o.division.authority_name()?;
    let a = o.authority.trim();
    if blank(a) || a.contains(&expected) || a.contains(o.division.name()) {
        return None;
    }
    Some(Problem::new(
        Rule::AuthorityDivisionMismatch,
        "登记管理机关",
        format!(
            "登记管理机关“{a}”与区划{}（应为{expected}）不符",
            o.division
        ),
    ))
}

/// A certificate past its validity while the status is still 正常: either the renewal was not
/// recorded or the organization kept operating on an expired certificate — both for the
/// registrar to resolve (the certificate is renewed at the end of its period).
fn cert_expired(o: &Organization, today: NaiveDate) -> Option<Problem> {
    let to = o.cert_valid_to?;
    (o.status == RegStatus::Active && to < today).then(|| {
        Problem::new(
            Rule::CertExpired,
            "登记证有效期至",
            format!("登记证有效期至{to}，已过期，登记状态仍为正常"),
        )
    })
}

/// A period that ends before it starts (also refused by the record's own check on import).
fn cert_period_reversed(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let (from, to) = (o.cert_valid_from?, o.cert_valid_to?);
    (to < from).then(|| {
        Problem::new(
            Rule::CertPeriodReversed,
            "登记证有效期至",
            format!("登记证有效期至{to}早于起始日{from}"),
        )
    })
}

/// The certificate is issued on registration (《社会团体登记管理条例》第十二条): it cannot be
/// valid from before the registration date.
fn cert_before_founding(o: &Organization, _: NaiveDate) -> Option<Problem> {
    let from = o.cert_valid_from?;
    (from < o.founded).then(|| {
        Problem::new(
            Rule::CertBeforeFounding,
            "登记证有效期起",
            format!("登记证有效期起{from}早于成立登记日期{}", o.founded),
        )
    })
}

/// 《社会组织名称管理办法》第八条: a foundation's name ends with its organizational form; as
/// 《基金会名称管理规定》(民政部令第26号，2004–2024) 第三条 put it, 以“基金会”字样结束.
fn foundation_name(o: &Organization, _: NaiveDate) -> Option<Problem> {
    (o.kind == OrgKind::Foundation && !o.name.trim_end().ends_with("基金会")).then(|| {
        Problem::new(
            Rule::FoundationName,
            "名称",
            format!("类型为基金会，名称“{}”未以“基金会”结尾", o.name),
        )
    })
}

/// 《中华人民共和国慈善法》第二十二条: 公开募捐资格 is granted to 慈善组织 only.
fn fundraising_without_charity(o: &Organization, _: NaiveDate) -> Option<Problem> {
    (o.flags.public_fundraising && !o.flags.charity).then(|| {
        Problem::new(
            Rule::FundraisingWithoutCharity,
            "公开募捐资格",
            "标记具有公开募捐资格，但未认定为慈善组织",
        )
    })
}

/// An organization that no longer exists (注销 or 撤销) cannot raise funds from the public: a
/// 公开募捐资格 still flagged misleads every reader of the 一网通查 profile (《慈善法》第二十二条).
fn fundraising_after_end(o: &Organization, _: NaiveDate) -> Option<Problem> {
    (o.flags.public_fundraising && matches!(o.status, RegStatus::Deregistered | RegStatus::Revoked))
        .then(|| {
            Problem::new(
                Rule::FundraisingAfterEnd,
                "公开募捐资格",
                format!("登记状态为{}，仍标记具有公开募捐资格", o.status.label()),
            )
        })
}

#[cfg(test)]
pub(super) fn record_rule_count() -> usize {
    RECORD_RULES.len()
}
