//! Times as people in China write them: the store keeps RFC 3339 in UTC (and the APIs give
//! RFC 3339), pages show Beijing time (UTC+8, no daylight saving) as `2026年12月3日 14:29`.

use chrono::{DateTime, FixedOffset};

/// Beijing time: UTC+8, no daylight saving.
const BEIJING_SECS: i32 = 8 * 3600;

/// A stored timestamp (`2026-12-03T06:29:10Z`) in Beijing time, `2026年12月3日 14:29`; text
/// that is not a timestamp (a date, an empty value) is shown as it is.
pub fn cn(ts: &str) -> String {
    in_beijing(ts).map_or_else(
        || ts.to_string(),
        |t| t.format("%Y年%-m月%-d日 %H:%M").to_string(),
    )
}

/// A stored RFC 3339 timestamp in Beijing time; `None` for text that is not one.
fn in_beijing(ts: &str) -> Option<DateTime<FixedOffset>> {
    let tz = FixedOffset::east_opt(BEIJING_SECS)?;
    DateTime::parse_from_rfc3339(ts.trim())
        .ok()
        .map(|t| t.with_timezone(&tz))
}

/// A stored timestamp as the APIs give it: RFC 3339 with the Beijing offset
/// (`2026-12-03T14:29:10+08:00`, the same instant as `2026-12-03T06:29:10Z`); other text as it is.
pub fn rfc3339(ts: &str) -> String {
    in_beijing(ts).map_or_else(
        || ts.to_string(),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
    )
}

/// `#[serde(serialize_with = "crate::web::time::beijing")]` on an API model's timestamp.
pub fn beijing<S: serde::Serializer>(ts: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(ts))
}

/// [`beijing`] for an optional timestamp.
pub fn beijing_opt<S: serde::Serializer>(ts: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(t) => s.serialize_some(&rfc3339(t)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_timestamps_show_in_beijing_time() {
        assert_eq!(cn("2026-12-03T06:29:10Z"), "2026年12月3日 14:29");
        assert_eq!(cn("2026-12-31T17:05:00Z"), "2027年1月1日 01:05");
        assert_eq!(cn("2026-12-03"), "2026-12-03");
    }

    #[test]
    fn api_timestamps_carry_the_beijing_offset() {
        assert_eq!(rfc3339("2026-12-03T06:29:10Z"), "2026-12-03T14:29:10+08:00");
        assert_eq!(
            rfc3339("2026-12-31T17:05:00.250Z"),
            "2027-01-01T01:05:00.250+08:00"
        );
        assert_eq!(rfc3339("2026-12-03"), "2026-12-03");
    }
}
