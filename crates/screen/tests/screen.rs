//! The screener against real-looking texts: every kind of disguise, offsets in
//! characters, overlaps, the Latin word rule, and a property test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongyi_screen::{BuildError, Screener, normalize_name};
use proptest::prelude::*;

fn screener(names: &[&str]) -> Screener<usize> {
    Screener::new(names.iter().copied().enumerate()).expect("valid names")
}

/// `(start, end, matched, entry id)` of every match.
fn found(s: &Screener<usize>, text: &str) -> Vec<(usize, usize, String, usize)> {
    s.find(text)
        .into_iter()
        .map(|m| (m.start, m.end, m.matched.to_owned(), m.entry.id))
        .collect()
}

fn hit(start: usize, end: usize, matched: &str, id: usize) -> (usize, usize, String, usize) {
    (start, end, matched.to_owned(), id)
}

const NAMES: &[&str] = &[
    "中国国学文化研究院",
    "世界华人联合总会",
    "国学文化研究院",
    "ABC国际协会",
];

#[test]
fn plain_name() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "近日，世界华人联合总会在京举办活动。"),
        vec![hit(3, 11, "世界华人联合总会", 1)]
    );
}

#[test]
fn inserted_spaces_and_punctuation() {
    let s = screener(NAMES);
    for text in [
        "有人自称世 界 华 人 联 合 总 会的代表",
        "有人自称世·界·华·人·联·合·总·会的代表",
        "有人自称世界\u{3000}华人\u{200B}联合——总会的代表",
        "有人自称【世界】《华人》（联合）“总会”的代表",
        "有人自称世界华人\n联合总会的代表",
        "有人自称世.界-华_人/联\\合|总,会的代表",
    ] {
        let m = s.find(text);
        assert_eq!(m.len(), 1, "{text}");
        assert_eq!(
            Some(m[0].start),
            text.chars().position(|c| c == '世'),
            "{text}"
        );
        assert_eq!(m[0].matched.chars().next(), Some('世'), "{text}");
        assert_eq!(m[0].matched.chars().next_back(), Some('会'), "{text}");
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(span, m[0].matched, "{text}");
        assert_eq!(&text[m[0].byte_start..m[0].byte_end], m[0].matched);
    }
}

#[test]
fn separators_around_a_name_are_not_part_of_it() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "「世界华人联合总会」"),
        vec![hit(1, 9, "世界华人联合总会", 1)]
    );
    assert_eq!(
        found(&s, " ·世界华人联合总会· "),
        vec![hit(2, 10, "世界华人联合总会", 1)]
    );
}

#[test]
fn traditional_characters() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "關於世界華人聯合總會的聲明"),
        vec![hit(2, 10, "世界華人聯合總會", 1)]
    );
    // A name listed in traditional characters is found in simplified text too.
    let t = screener(&["世界華人聯合總會"]);
    assert_eq!(
        found(&t, "世界华人联合总会"),
        vec![hit(0, 8, "世界华人联合总会", 0)]
    );
}

#[test]
fn full_width_and_case() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "加入ＡＢＣ国际协会！"),
        vec![hit(2, 9, "ＡＢＣ国际协会", 3)]
    );
    assert_eq!(
        found(&s, "加入abc國際協會"),
        vec![hit(2, 9, "abc國際協會", 3)]
    );
    assert_eq!(
        found(&s, "加入Ａ b Ｃ 国 际 协 会"),
        vec![hit(2, 15, "Ａ b Ｃ 国 际 协 会", 3)]
    );
}

#[test]
fn offsets_count_characters_not_bytes() {
    let s = screener(NAMES);
    // An emoji and a CJK Extension B character (4 bytes each in UTF-8) before
    // the name, and ASCII: offsets count each as one character.
    let text = "😀𠀀ok 世界华人联合总会";
    assert_eq!(found(&s, text), vec![hit(5, 13, "世界华人联合总会", 1)]);
    let m = &s.find(text)[0];
    assert_eq!((m.byte_start, m.byte_end), (11, 35));
    // Emoji inside a name are separators too.
    assert_eq!(
        found(&s, "世界😀华人联合总会"),
        vec![hit(0, 9, "世界😀华人联合总会", 1)]
    );
}

#[test]
fn nested_and_overlapping_names_are_all_reported_in_order() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "中国国学文化研究院和国学文化研究院"),
        vec![
            hit(0, 9, "中国国学文化研究院", 0),
            hit(2, 9, "国学文化研究院", 2),
            hit(10, 17, "国学文化研究院", 2),
        ]
    );
    // Two names sharing characters: 研究会联合 / 联合总会.
    let o = screener(&["研究会联合", "联合总会"]);
    assert_eq!(
        found(&o, "研究会联合总会"),
        vec![hit(0, 5, "研究会联合", 0), hit(3, 7, "联合总会", 1)]
    );
    // The same name listed twice is reported for both entries.
    let d = screener(&["世界华人联合总会", "世界華人聯合總會"]);
    assert_eq!(
        found(&d, "世界华人联合总会"),
        vec![
            hit(0, 8, "世界华人联合总会", 0),
            hit(0, 8, "世界华人联合总会", 1)
        ]
    );
    // A repeated name is found at each occurrence.
    assert_eq!(found(&o, "联合总会联合总会").len(), 2);
}

#[test]
fn a_different_character_breaks_the_name() {
    let s = screener(NAMES);
    assert!(s.find("世界华人的联合总会").is_empty());
    assert!(s.find("世界华人联合会").is_empty());
    assert!(s.find("").is_empty());
    assert!(s.find("   ，。").is_empty());
}

/// Long texts are scanned in several lanes at once; names cut by a lane's end
/// are found once, with their offsets.
#[test]
fn long_texts_find_every_name_once() {
    let s = screener(NAMES);
    for unit in [
        "世界华人联合总会，",
        "世 界·华 人 联 合 总 会",
        "中国国学文化研究院",
        "世界华人联合总会😀ok",
    ] {
        for pad in 0..4 {
            let text = format!("{}{}", "x".repeat(pad), unit.repeat(200_000 / unit.len()));
            let matches = s.find(&text);
            let unit_chars = unit.chars().count();
            let repeats = text.len() / unit.len();
            let names_per_unit = if unit.starts_with("中国") { 2 } else { 1 };
            assert_eq!(matches.len(), repeats * names_per_unit, "{unit} {pad}");
            for (k, m) in matches.iter().enumerate().step_by(names_per_unit) {
                assert_eq!(
                    m.start,
                    pad + k / names_per_unit * unit_chars,
                    "{unit} {pad}"
                );
                assert_eq!(m.entry.normalized, normalize_name(m.matched));
            }
        }
    }
}

/// The documented choice: separators join, even sentence punctuation.
#[test]
fn sentence_punctuation_does_not_split_a_name() {
    let s = screener(NAMES);
    assert_eq!(
        found(&s, "我爱中国。国学文化研究院成立"),
        vec![
            hit(2, 12, "中国。国学文化研究院", 0),
            hit(5, 12, "国学文化研究院", 2)
        ]
    );
}

#[test]
fn latin_names_do_not_match_inside_latin_words() {
    let s = screener(NAMES);
    assert!(s.find("XABC国际协会").is_empty());
    assert!(s.find("１ABC国际协会").is_empty());
    assert_eq!(found(&s, "X ABC国际协会").len(), 1);
    assert_eq!(found(&s, "中文ABC国际协会").len(), 1);
    let t = screener(&["协会ABC"]);
    assert!(t.find("协会ABCD").is_empty());
    assert_eq!(found(&t, "协会ABC。"), vec![hit(0, 5, "协会ABC", 0)]);
}

#[test]
fn names_shorter_than_two_characters_are_refused() {
    let err = Screener::new([(1, "世界华人联合总会"), (2, " 会 ")]).unwrap_err();
    assert_eq!(
        err,
        BuildError::NameTooShort {
            index: 1,
            name: " 会 ".into()
        }
    );
    assert!(Screener::new([(1, "·、")]).is_err());
    assert!(Screener::new([(1, "协会")]).is_ok());
    assert!(Screener::<u8>::new(Vec::<(u8, &str)>::new()).is_ok_and(|s| s.find("协会").is_empty()));
}

// ---- property test -------------------------------------------------------

const FILLER: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研";
const SEPARATORS: &[char] = &[
    ' ', '\u{3000}', '\u{200B}', '·', '•', '・', '-', '_', '.', ',', '，', '。', '、', '/', '(',
    '）', '【', '》', '“', '\n', '\t', '★',
];

fn to_full_width(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

prop_compose! {
    fn filler()(picks in proptest::collection::vec(0usize..400, 0..30), emoji in any::<bool>()) -> String {
        let chars: Vec<char> = FILLER.chars().collect();
        let mut s: String = picks.iter().map(|&i| chars[i % chars.len()]).collect();
        if emoji { s.insert(0, '😀'); }
        s
    }
}

proptest! {
    /// A listed name disguised by random separators between its characters,
    /// random full-width letters and traditional characters, inside random
    /// text, is found at the right character offsets.
    #[test]
    fn disguised_name_is_found_at_its_offsets(
        before in filler(),
        after in filler(),
        which in 0usize..3,
        seps in proptest::collection::vec(proptest::option::of(0usize..SEPARATORS.len()), 16),
        widths in proptest::collection::vec(any::<bool>(), 16),
    ) {
        let names = ["Abc世界華人联合总会", "中国国学文化研究院", "全球XY2促进会"];
        let s = Screener::new(names.iter().copied().enumerate()).expect("valid names");
        let name = names[which];
        let mut disguised = String::new();
        for (k, c) in name.chars().enumerate() {
            if k > 0
                && let Some(sep) = seps[k]
            {
                disguised.push(SEPARATORS[sep]);
            }
            disguised.push(if widths[k] { to_full_width(c) } else { c });
        }
        // A Latin name must not touch Latin text: the filler has none.
        let text = format!("{before}{disguised}{after}");
        let start = before.chars().count();
        let end = start + disguised.chars().count();
        let matches = s.find(&text);
        prop_assert!(
            matches.iter().any(|m| m.entry.id == which && m.start == start && m.end == end && m.matched == disguised),
            "{text:?}: {matches:?}"
        );
        for m in &matches {
            prop_assert_eq!(normalize_name(m.matched), m.entry.normalized.clone());
        }
    }
}

/// A name whose first character is the last one before the middle of a long text (where
/// the scan splits into two lanes) is found: the first lane reads on past its end.
#[test]
fn a_name_across_the_lanes_border_is_found() {
    let s = Screener::new([(0usize, "會国")]).expect("a name");
    for filler in ["的", "的 ", "的，", "😀"] {
        let half = filler.repeat(40_000 / filler.len());
        for (before, after) in [("會", "國"), ("會 ", "國"), ("", "會國")] {
            let text = format!("{half}{before}{after}{half}");
            let found = s.find(&text);
            assert_eq!(found.len(), 1, "{filler:?} {before:?}|{after:?}");
            assert_eq!(found[0].matched.replace(' ', ""), "會國");
        }
    }
}

// ---- against a naive model ------------------------------------------------

/// Every occurrence by brute force: fold the text, keep each kept character's
/// original index, compare every name at every position.
fn naive(names: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
    let kept: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .filter_map(|(i, c)| gongyi_screen::fold_char(c).map(|f| (i, f)))
        .collect();
    let mut out = Vec::new();
    for (id, name) in names.iter().enumerate() {
        let key: Vec<char> = normalize_name(name).chars().collect();
        for start in 0..kept.len() {
            if kept.len() - start >= key.len()
                && kept[start..start + key.len()]
                    .iter()
                    .map(|&(_, c)| c)
                    .eq(key.iter().copied())
            {
                out.push((kept[start].0, kept[start + key.len() - 1].0 + 1, id));
            }
        }
    }
    out.sort_by(|a, b| (a.0, b.1, a.2).cmp(&(b.0, a.1, b.2)));
    out
}

const ALPHABET: &[char] = &[
    '中', '国', '國', '华', '華', '会', '會', '协', ' ', '·', '，', '😀', '的',
];

fn alphabet_text(picks: &[usize]) -> String {
    picks
        .iter()
        .map(|&i| ALPHABET[i % ALPHABET.len()])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Short texts (one lane) over a tiny alphabet, so names overlap, nest and
    /// repeat: the screener finds exactly what brute force finds.
    #[test]
    fn agrees_with_brute_force(
        names in proptest::collection::vec(proptest::collection::vec(0usize..8, 2..5), 1..6),
        text in proptest::collection::vec(0usize..ALPHABET.len(), 0..200),
    ) {
        let names: Vec<String> = names.iter().map(|n| alphabet_text(n)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = alphabet_text(&text);
        let s = Screener::new(names.iter().copied().enumerate()).expect("names of 2+ characters");
        let got: Vec<_> = s.find(&text).iter().map(|m| (m.start, m.end, m.entry.id)).collect();
        prop_assert_eq!(got, naive(&names, &text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// Long texts (two lanes, names cut at the lanes' border) agree too.
    #[test]
    fn agrees_with_brute_force_on_long_texts(
        names in proptest::collection::vec(proptest::collection::vec(0usize..8, 2..6), 1..6),
        text in proptest::collection::vec(0usize..ALPHABET.len(), 12_000..14_000),
    ) {
        let names: Vec<String> = names.iter().map(|n| alphabet_text(n)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = alphabet_text(&text);
        prop_assert!(text.len() > 32 * 1024);
        let s = Screener::new(names.iter().copied().enumerate()).expect("names of 2+ characters");
        let got: Vec<_> = s.find(&text).iter().map(|m| (m.start, m.end, m.entry.id)).collect();
        prop_assert_eq!(got, naive(&names, &text));
    }
}
