//! Index build time and query latency on synthetic organizations.
//!
//! `BENCH_DOCS=1000000 cargo bench -p gongyi-search --bench search` (default 200,000 docs).
//! Prints the build time (rebuild into a directory index), then p50/p99 latency per query
//! type over varied queries, after a warm-up pass. Also:
//! - `BENCH_INDEX_DIR=dir` keeps the index there and reuses it when it has `BENCH_DOCS` docs;
//! - `BENCH_ONLY=label` runs one query group, `BENCH_VERBOSE=1` prints every query's time;
//! - `BENCH_Q=text` times that one query instead of the groups.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gongyi_search::{OrgDoc, SearchError, SearchIndex, SearchQuery};
use gongyi_types::uscc::ALPHABET;
use gongyi_types::{CreditStatus, DivisionCode, DivisionLevel, OrgFlags, OrgKind, RegStatus, Uscc};

const TOPICS: &[&str] = &[
    "青少年",
    "老年人",
    "养老",
    "教育",
    "文化",
    "体育",
    "科技",
    "环保",
    "慈善",
    "志愿者",
    "社区",
    "妇女儿童",
    "残疾人",
    "医疗",
    "法律援助",
    "心理健康",
    "乡村振兴",
    "非遗保护",
    "书法",
    "摄影",
    "足球",
    "围棋",
    "音乐",
    "舞蹈",
    "创业",
    "人才",
    "物流",
    "餐饮",
    "旅游",
    "电子商务",
    "软件",
    "汽车",
    "建筑",
    "农业",
    "茶叶",
    "中医药",
    "扶贫",
    "助学",
    "公益",
    "社会工作",
    "家政",
    "信息化",
    "民俗",
    "诗词",
    "收藏",
    "钓鱼",
    "登山",
    "武术",
    "象棋",
    "戏曲",
];
const MODIFIERS: &[&str] = &[
    "", "", "", "发展", "服务", "促进", "研究", "交流", "互助", "联合", "爱心", "阳光",
];
const GROUP_SUFFIXES: &[&str] = &[
    "协会",
    "学会",
    "研究会",
    "商会",
    "联合会",
    "促进会",
    "联谊会",
];
const SERVICE_SUFFIXES: &[&str] = &[
    "服务中心",
    "研究院",
    "培训学校",
    "幼儿园",
    "养老院",
    "社会工作服务站",
    "发展中心",
];
const FOUNDATION_SUFFIXES: &[&str] = &["基金会", "慈善基金会", "教育基金会", "发展基金会"];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "建国", "晓明",
    "海燕",
];
const SCOPES: &[&str] = &[
    "开展行业交流",
    "组织培训活动",
    "提供咨询服务",
    "开展学术研究",
    "举办展览展示",
    "资助困难群众",
    "开展志愿服务",
    "推动行业自律",
    "编辑出版刊物",
    "开展国际合作",
    "提供日间照料",
    "开展助学活动",
    "承接政府购买服务",
    "维护会员合法权益",
];

/// splitmix64: a deterministic stream without a dependency.
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
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn body(i: u64) -> String {
    let mut n = i;
    let mut out = [b'0'; 8];
    for c in out.iter_mut().rev() {
        *c = ALPHABET[(n % 31) as usize];
        n /= 31;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Organization number `i`, the same on every call.
fn synthetic(i: u64, divisions: &[DivisionCode]) -> OrgDoc {
    let mut r = Rng(i.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let kind = match r.below(10) {
        0..=5 => OrgKind::SocialGroup,
        6..=8 => OrgKind::SocialService,
        _ => OrgKind::Foundation,
    };
    let national = r.chance(2);
    let division = if national {
        DivisionCode::NATIONAL
    } else {
        divisions[r.below(divisions.len())]
    };
    let place = if national {
        "中国".to_string()
    } else {
        division.full_name()
    };
    let suffixes = match kind {
        OrgKind::SocialGroup => GROUP_SUFFIXES,
        OrgKind::SocialService => SERVICE_SUFFIXES,
        OrgKind::Foundation => FOUNDATION_SUFFIXES,
    };
    let name = format!(
        "{place}{}{}{}",
        r.pick(TOPICS),
        r.pick(MODIFIERS),
        r.pick(suffixes)
    );
    let code = format!("{:06}", division.as_u32());
    let uscc = Uscc::assemble('5', kind.uscc_category(), &code, &body(i))
        .map(|u| u.as_str().to_string())
        .unwrap_or_default();
    let status = match r.below(20) {
        0 => RegStatus::Deregistered,
        1 => RegStatus::Revoked,
        2 => RegStatus::Suspended,
        _ => RegStatus::Active,
    };
    let credit = match r.below(50) {
        0 => CreditStatus::Serious,
        1..=3 => CreditStatus::Abnormal,
        _ => CreditStatus::Normal,
    };
    let flags = OrgFlags {
        charity: r.chance(15),
        public_fundraising: r.chance(3),
        volunteer: r.chance(20),
        trade_association: kind == OrgKind::SocialGroup && r.chance(30),
    };
    let founded =
        NaiveDate::from_num_days_from_ce_opt(722_815 + r.below(16_400) as i32).unwrap_or_default();
    let scope = (0..3)
        .map(|_| r.pick(SCOPES))
        .collect::<Vec<_>>()
        .join("、");
    OrgDoc {
        uscc,
        name,
        kind,
        status,
        credit,
        division,
        authority: format!("{place}民政局"),
        legal_rep: format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN)),
        founded,
        address: format!("{place}人民路{}号", r.below(999) + 1),
        scope,
        flags,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, in clock
/// ticks of 10 ms: measure over enough searches).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

fn measure(idx: &SearchIndex, label: &str, queries: &[SearchQuery]) -> Result<(), SearchError> {
    // BENCH_ONLY=<label prefix> runs one group (for profiling).
    if std::env::var("BENCH_ONLY").is_ok_and(|only| !label.starts_with(&only)) && label != "BENCH_Q"
    {
        return Ok(());
    }
    for q in queries {
        idx.search(q)?;
    }
    let verbose = std::env::var_os("BENCH_VERBOSE").is_some();
    let cpu_before = cpu_seconds();
    let mut times = Vec::new();
    let mut totals = 0u64;
    for _ in 0..3 {
        for q in queries {
            let t = Instant::now();
            let total = idx.search(q)?.total;
            let took = t.elapsed();
            times.push(took);
            totals += total;
            if verbose {
                println!("  {took:>10.2?} total {total:>7}  {:?}", q.q);
            }
        }
    }
    // CPU time of all threads per search: what bounds throughput when clients outnumber
    // cores (a search's segments run in parallel, so its wall time is less).
    let cpu_ms = (cpu_seconds() - cpu_before) * 1e3 / times.len() as f64;
    times.sort();
    let avg_total = totals / times.len() as u64;
    println!(
        "{label:<28} p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}  cpu {cpu_ms:.2}ms  (n={}, avg total {avg_total})",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1],
        times.len(),
    );
    Ok(())
}

fn text(q: &str) -> SearchQuery {
    SearchQuery {
        q: Some(q.to_string()),
        ..SearchQuery::default()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let divisions: Vec<DivisionCode> = DivisionCode::all()
        .iter()
        .copied()
        .filter(|d| d.level() == DivisionLevel::County || d.level() == DivisionLevel::Province)
        .collect();
    // BENCH_INDEX_DIR keeps the index between runs (rebuilt only if its size differs).
    let kept = std::env::var_os("BENCH_INDEX_DIR").map(std::path::PathBuf::from);
    let dir = kept.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("gongyi-search-bench-{}", std::process::id()))
    });
    // Every search is measured, not the result cache.
    let idx = SearchIndex::open_or_create(&dir)?.with_result_cache(0);
    if idx.num_docs() != n {
        let t = Instant::now();
        let count = idx.rebuild((0..n).map(|i| synthetic(i, &divisions)))?;
        let threads = std::thread::available_parallelism()?.get();
        println!(
            "indexed {count} docs in {:.1?} ({threads} threads)",
            t.elapsed()
        );
    }

    // BENCH_Q="text" times that one query (repeated) instead of the groups.
    if let Ok(q) = std::env::var("BENCH_Q") {
        measure(&idx, "BENCH_Q", &vec![text(&q); 100])?;
        return Ok(());
    }

    let two_char = [
        "养老", "教育", "文化", "体育", "科技", "环保", "慈善", "社区", "医疗", "书法", "足球",
        "协会", "海淀", "浦东", "爱心", "扶贫",
    ];
    let queries: Vec<SearchQuery> = two_char.iter().map(|w| text(w)).collect();
    measure(&idx, "2-char word", &queries)?;

    let full: Vec<SearchQuery> = (0..40)
        .map(|k| text(&synthetic(k * 7919 % n, &divisions).name))
        .collect();
    measure(&idx, "full name", &full)?;

    let pinyin = [
        "bjs",
        "zg",
        "gds",
        "shs",
        "zhejiang",
        "beijingshichaoyang",
        "sz",
        "hbsw",
        "jiangsusheng",
        "xj",
    ];
    measure(
        &idx,
        "pinyin prefix",
        &pinyin.iter().map(|q| text(q)).collect::<Vec<_>>(),
    )?;

    let provinces = DivisionCode::provinces();
    let filters: Vec<SearchQuery> = (0..16)
        .map(|k| match k % 4 {
            0 => SearchQuery {
                kind: Some(OrgKind::ALL[k % 3]),
                ..SearchQuery::default()
            },
            1 => SearchQuery {
                division: Some(provinces[k % provinces.len()]),
                ..SearchQuery::default()
            },
            2 => SearchQuery {
                status: Some(RegStatus::Active),
                charity: Some(true),
                ..SearchQuery::default()
            },
            _ => SearchQuery::default(),
        })
        .collect();
    measure(&idx, "filter only", &filters)?;

    let codes: Vec<SearchQuery> = (0..20)
        .map(|k| {
            let u = synthetic(k * 104_729 % n, &divisions).uscc;
            text(if k % 2 == 0 { &u } else { &u[..8] })
        })
        .collect();
    measure(&idx, "uscc full / 8-char prefix", &codes)?;

    let mixed = [
        "北京 养老",
        "朝阳区 青少年 基金会",
        "上海市科技促进会",
        "社会工作服务站",
        "zgcs",
        "王建国",
    ];
    let mixed: Vec<SearchQuery> = mixed
        .iter()
        .map(|q| SearchQuery {
            status: Some(RegStatus::Active),
            ..text(q)
        })
        .collect();
    measure(&idx, "multi-word + filter", &mixed)?;

    drop(idx);
    if kept.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
