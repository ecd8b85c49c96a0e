//! The key under which two spellings of one name are the same.

use crate::fold::fold;

/// The name with every character folded and every separator dropped (see
/// [`fold_char`](crate::fold_char) and [`is_separator`](crate::is_separator)): `"中國 國學·文化研究院"`,
/// `"中国国学文化研究院"` and `"中　国　国　学　文　化　研　究　院"` all give
/// `"中国国学文化研究院"`; `"ＡＢＣ协会"` gives `"abc协会"`.
///
/// The lookup API compares names by this key; the screener matches the same keys
/// inside text. `normalize_name(&normalize_name(s)) == normalize_name(s)`.
pub fn normalize_name(name: &str) -> String {
    name.chars().filter_map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn variants_share_one_key() {
        let key = "中国国学文化研究院";
        for variant in [
            "中国国学文化研究院",
            "中國國學文化研究院",
            "中 国 国 学 文 化 研 究 院",
            "中　国·国学-文化_研究院",
            "【中国国学文化研究院】",
            "中\u{200B}国国\u{FEFF}学文化研究院",
        ] {
            assert_eq!(normalize_name(variant), key, "{variant}");
        }
        assert_eq!(normalize_name("ＡＢＣ国际协会"), "abc国际协会");
        assert_eq!(normalize_name(""), "");
        assert_eq!(normalize_name(" ·、"), "");
    }
}
