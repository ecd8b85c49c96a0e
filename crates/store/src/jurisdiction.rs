//! A jurisdiction in SQL: every query of "what lies in this official's division" filters a
//! division column with this one `LIKE` pattern (the division's prefix, see
//! [`DivisionCode::prefix`]).

use gongyi_types::DivisionCode;

/// The `LIKE` pattern of every division code inside `d` (`%` for national).
pub fn like(d: DivisionCode) -> String {
    format!("{}%", d.prefix())
}

#[cfg(test)]
mod tests {
    use super::like;
    use gongyi_types::DivisionCode;

    #[test]
    fn patterns_by_level() {
        let p = |c: &str| like(DivisionCode::parse(c).unwrap());
        assert_eq!(p("100000"), "%");
        assert_eq!(p("110000"), "11%");
        assert_eq!(p("330100"), "3301%");
        assert_eq!(p("110105"), "110105%");
    }
}
