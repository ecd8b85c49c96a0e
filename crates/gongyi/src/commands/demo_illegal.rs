//! The demo's published illegal-organization list: three batches by 民政部 (about 50 names,
//! like the batches 民政部 published while 打击整治非法社会组织), some naming the legally
//! registered organization with a similar name ("合法登记的为……").

use crate::context::Ctx;
use gongyi_store::{NewIllegalBatch, NewIllegalEntry};

const PREFIXES: &[&str] = &["中国", "中华", "全球", "世界", "国际", "亚太", "华夏"];
const TOPICS: &[&str] = &[
    "国学文化",
    "慈善公益",
    "养生保健",
    "扶贫开发",
    "非遗传承",
    "红色文化",
    "教育发展",
    "生态环境",
];
const SUFFIXES: &[&str] = &["研究院", "促进会", "总会", "联合会", "发展中心", "协会"];

pub async fn fill(ctx: &Ctx) -> anyhow::Result<usize> {
    let mut names: Vec<String> = Vec::new();
    let mut i = 0usize;
    while names.len() < 44 {
        let p = PREFIXES[i % PREFIXES.len()];
        let t = TOPICS[(i / PREFIXES.len()) % TOPICS.len()];
        let s = SUFFIXES[(i * 5 + i / 3) % SUFFIXES.len()];
        names.push(format!("{p}{t}{s}"));
        i += 1;
    }
    // Look-alikes of registered organizations: the list names the legal one.
    let legal = ctx.store.orgs_after(None, 6).await?;
    let look_alikes: Vec<NewIllegalEntry> = legal
        .iter()
        .map(|o| {
            let stem: String = o
                .name
                .chars()
                .take(o.name.chars().count().saturating_sub(2))
                .collect();
            NewIllegalEntry {
                name: format!("{stem}总会"),
                kind: "suspected".into(),
                legal_uscc: Some(o.uscc.to_string()),
                notes: "与合法登记组织名称相近".into(),
            }
        })
        .collect();
    let entry = |name: &String, kind: &str| NewIllegalEntry {
        name: name.clone(),
        kind: kind.into(),
        legal_uscc: None,
        notes: String::new(),
    };
    let batches = [
        ("2026年第1批", "2026-03-16", names[..15].to_vec(), "banned"),
        (
            "2026年第2批",
            "2026-06-18",
            names[15..30].to_vec(),
            "suspected",
        ),
        (
            "2026年第3批",
            "2026-09-22",
            names[30..].to_vec(),
            "suspected",
        ),
    ];
    let mut total = 0;
    for (n, (batch_no, date, list, kind)) in batches.into_iter().enumerate() {
        let mut entries: Vec<NewIllegalEntry> = list.iter().map(|x| entry(x, kind)).collect();
        if n == 2 {
            entries.extend(look_alikes.iter().cloned());
        }
        total += entries.len();
        let batch = NewIllegalBatch {
            batch_no: batch_no.into(),
            published_on: date.into(),
            authority: "民政部".into(),
            division: "100000".into(),
            entries,
        };
        ctx.store
            .publish_illegal_batch(&batch, "cli:demo", &crate::context::now())
            .await?;
    }
    Ok(total)
}
