//! Screening throughput: 10,000 illegal-organization names against ≥ 50 MB of
//! Chinese text with names and their disguises in it, single-threaded.
//!
//! `cargo bench -p gongyi-screen` prints MB/s (10^6 bytes of UTF-8 input per
//! second) and checks that every name planted in the text was found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::time::Instant;

use gongyi_screen::Screener;

const NAMES: usize = 10_000;
const TEXT_BYTES: usize = 50 * 1024 * 1024;
const RUNS: usize = 5;

/// splitmix64: the same sequence on every machine and every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "中国", "中华", "世界", "全球", "国际", "亚洲", "华夏", "环球", "东方", "亚太", "中外", "海峡两岸", "一带一路", "全国", "中央",
    "国家", "联合国", "华人", "北京", "香港",
];
#[rustfmt::skip]
const STEMS: &[&str] = &[
    "国学", "书画", "慈善", "经济", "科技", "艺术", "健康", "养生", "传统", "企业家", "华商", "老年", "青少年", "生态", "乡村",
    "红色", "茶叶", "收藏", "非遗", "中医药", "武术", "太极", "佛教", "道德", "孝道", "礼仪", "诗词", "楹联", "玉石", "珠宝", "能源",
    "金融", "扶贫", "教育", "体育", "旅游", "航天", "环保", "文物", "民族",
];
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "文化", "发展", "交流", "研究", "促进", "产业", "教育", "保护", "合作", "振兴", "创新", "传承", "复兴", "管理", "服务",
];
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "协会", "研究院", "联合会", "促进会", "基金会", "委员会", "总会", "商会", "研究会", "发展中心", "联盟", "学会", "理事会", "俱乐部",
    "组委会", "工作委员会", "研究中心", "专业委员会", "总部", "集团",
];

/// Ordinary words of news and notices; many share characters with the names.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "我们", "今天", "中国", "国际", "世界", "发展", "文化", "经济", "社会", "组织", "工作", "会议", "研究", "教育", "政府", "部门",
    "活动", "人民", "群众", "服务", "管理", "建设", "企业", "公司", "市场", "技术", "创新", "合作", "交流", "地区", "城市", "农村",
    "学生", "老师", "学校", "医院", "健康", "生活", "问题", "情况", "通知", "要求", "规定", "办法", "法律", "登记", "民政", "部署",
    "积极", "推进", "加强", "落实", "开展", "举办", "参加", "成立", "宣布", "表示", "认为", "指出", "已经", "正在", "进一步", "全面",
    "重要", "主要", "基本", "有关", "相关", "各级", "广大", "依法", "非法", "取缔", "协会", "联合", "总体", "基金", "委员", "华人",
    "亚洲", "全球", "东方", "传统", "艺术", "书画", "慈善", "公益", "志愿", "捐款", "项目", "资金", "年度", "报告", "检查", "结果",
    "的", "了", "在", "是", "和", "与", "对", "将", "把", "被", "从", "向", "为", "以", "及", "等", "这", "那", "一个",
    "一些", "我国", "本市", "全省", "2024年", "3月", "15日", "APP", "CEO", "网站", "平台", "微信", "公众号", "直播", "网络",
    "信息", "数据", "安全", "风险", "提醒",
];
const PUNCT: &[&str] = &["，", "，", "，", "、", "。", "；", "：", "“", "”"];

fn names(rng: &mut Rng) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(NAMES);
    while names.len() < NAMES {
        let name = format!(
            "{}{}{}{}",
            rng.pick(PREFIXES),
            rng.pick(STEMS),
            rng.pick(TOPICS),
            rng.pick(SUFFIXES)
        );
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

/// Traditional spellings of characters the names use, for planted variants.
#[rustfmt::skip]
const TRADITIONAL: &[(char, char)] = &[
    ('国', '國'), ('华', '華'), ('协', '協'), ('会', '會'), ('联', '聯'), ('发', '發'), ('展', '展'), ('进', '進'),
    ('员', '員'), ('总', '總'), ('商', '商'), ('学', '學'), ('书', '書'), ('画', '畫'), ('经', '經'), ('济', '濟'),
    ('艺', '藝'), ('术', '術'), ('传', '傳'), ('统', '統'), ('业', '業'), ('乡', '鄉'), ('药', '藥'), ('礼', '禮'),
    ('仪', '儀'), ('诗', '詩'), ('词', '詞'), ('宝', '寶'), ('扶', '扶'), ('贫', '貧'), ('育', '育'), ('体', '體'),
    ('游', '遊'), ('环', '環'), ('护', '護'), ('兴', '興'), ('产', '產'), ('东', '東'), ('亚', '亞'), ('带', '帶'),
    ('两', '兩'), ('岸', '岸'),
];

fn disguise(name: &str, kind: usize) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        match kind {
            1 if i > 0 => out.push(' '),
            2 if i > 0 => out.push('·'),
            3 if i > 0 && i % 2 == 0 => out.push('\u{3000}'),
            _ => {}
        }
        let c = if kind == 4 {
            TRADITIONAL
                .iter()
                .find(|(s, _)| *s == c)
                .map_or(c, |(_, t)| *t)
        } else {
            c
        };
        out.push(c);
    }
    out
}

/// The text and the planted names as `(start char, entry)`.
fn corpus(rng: &mut Rng, names: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(TEXT_BYTES + 1024);
    let mut chars = 0usize;
    let mut planted = Vec::new();
    while text.len() < TEXT_BYTES {
        let words = 6 + rng.below(14);
        for w in 0..words {
            if rng.below(400) == 0 {
                let entry = rng.below(names.len());
                let variant = disguise(&names[entry], rng.below(5));
                planted.push((chars, entry));
                chars += variant.chars().count();
                text.push_str(&variant);
            } else {
                let word = rng.pick(WORDS);
                chars += word.chars().count();
                text.push_str(word);
            }
            if w + 1 < words && rng.below(5) == 0 {
                let p = rng.pick(PUNCT);
                chars += p.chars().count();
                text.push_str(p);
            }
        }
        text.push('。');
        chars += 1;
        if rng.below(8) == 0 {
            text.push('\n');
            chars += 1;
        }
    }
    (text, planted)
}

/// CPU time of this thread in seconds (Linux schedstat: nanoseconds on a CPU), so
/// that the figure holds on a machine shared with other work; wall time is
/// printed beside it.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut rng = Rng(2024);
    let names = names(&mut rng);
    let (text, planted) = corpus(&mut rng, &names);
    let mb = text.len() as f64 / 1e6;
    println!(
        "corpus: {:.1} MB, {} chars, {} names planted (plain, spaced, dotted, U+3000, traditional)",
        mb,
        text.chars().count(),
        planted.len()
    );

    let t = Instant::now();
    let screener = Screener::new(names.iter().enumerate().map(|(i, n)| (i, n.as_str()))).unwrap();
    println!(
        "build: {} names in {:.0} ms, tables {:.1} MiB",
        names.len(),
        t.elapsed().as_secs_f64() * 1e3,
        screener.heap_bytes() as f64 / (1024.0 * 1024.0)
    );

    // The floor: decoding the UTF-8 alone, as the scanner does.
    let cpu = thread_cpu_seconds();
    let sum = std::hint::black_box(&text)
        .chars()
        .fold(0u32, |a, c| a.wrapping_add(u32::from(c)));
    if let (Some(before), Some(after)) = (cpu, thread_cpu_seconds()) {
        println!(
            "UTF-8 decoding alone: {:.0} MB/s CPU time ({sum})",
            mb / (after - before)
        );
    }

    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let cpu = thread_cpu_seconds();
        let t = Instant::now();
        let matches = screener.find(&text);
        let secs = t.elapsed().as_secs_f64();
        rates.push(mb / secs);
        if let (Some(before), Some(after)) = (cpu, thread_cpu_seconds()) {
            cpu_rates.push(mb / (after - before));
        }
        if found == 0 {
            let hits: HashSet<(usize, usize)> =
                matches.iter().map(|m| (m.start, m.entry.id)).collect();
            let missed = planted.iter().filter(|p| !hits.contains(p)).count();
            assert_eq!(missed, 0, "{missed} planted names not found");
        }
        found = matches.len();
    }
    rates.sort_by(f64::total_cmp);
    cpu_rates.sort_by(f64::total_cmp);
    println!(
        "screen: {found} matches ({} planted, all found), 1 thread",
        planted.len()
    );
    println!(
        "  wall time: {:.0} MB/s median, {:.0} MB/s best of {RUNS}",
        rates[RUNS / 2],
        rates[RUNS - 1]
    );
    if cpu_rates.len() == RUNS {
        println!(
            "  CPU time:  {:.0} MB/s median, {:.0} MB/s best of {RUNS}",
            cpu_rates[RUNS / 2],
            cpu_rates[RUNS - 1]
        );
    }
}
