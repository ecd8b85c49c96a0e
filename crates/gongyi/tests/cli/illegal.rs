//! `gongyi illegal import`, `gongyi screen`, `gongyi admin create-api-key`.

use crate::support::{Env, text};

#[tokio::test]
async fn import_reports_bad_lines_then_publishes_and_screen_exits_like_grep() {
    let env = Env::new().await;
    let list = env.dir.join("batch.csv");
    std::fs::write(
        &list,
        "名称,类别,合法登记的统一社会信用代码,备注\n中国国学文化研究院,涉嫌\n甲\n世界华人慈善总会,取缔,53100000500019795B\n",
    )
    .unwrap();
    let file = list.display().to_string();
    let args = [
        "illegal",
        "import",
        &file,
        "--batch",
        "2026年第1批",
        "--date",
        "2026-03-01",
        "--authority",
        "民政部",
    ];
    let o = env.run(&args);
    let (_, err) = text(&o);
    assert!(!o.status.success());
    assert!(err.contains(&format!("{file}:3: ")), "{err}");
    assert!(err.contains(&format!("{file}:4: ")), "{err}");
    assert!(err.contains("未发布任何名称"), "{err}");
    assert_eq!(env.db.store.illegal_count().await.unwrap(), 0);

    std::fs::write(
        &list,
        "名称,类别,合法登记的统一社会信用代码,备注\n中国国学文化研究院,涉嫌\n世界华人慈善总会,取缔,53100000500019795A\n",
    )
    .unwrap();
    let o = env.run(&args);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("2 个名称"), "{out}");
    assert_eq!(env.db.store.illegal_count().await.unwrap(), 2);
    // The same batch number again stores nothing.
    assert!(!env.run(&args).status.success());
    assert_eq!(env.db.store.illegal_count().await.unwrap(), 2);

    let doc = env.dir.join("doc.txt");
    std::fs::write(&doc, "第一行没有\n据悉，“中國 國學·文化研究院”在招生\n").unwrap();
    let clean = env.dir.join("clean.txt");
    std::fs::write(&clean, "一切正常\n").unwrap();
    let o = env.run(&["screen", &doc.display().to_string()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "found: exit 1 like grep");
    assert_eq!(
        out.trim(),
        format!(
            "{}:2:5: 中國 國學·文化研究院 → 中国国学文化研究院（民政部 2026年第1批）",
            doc.display()
        )
    );
    let o = env.run(&["screen", &clean.display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    let o = env.run(&["screen", &env.dir.join("missing.txt").display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    env.finish().await;
}

#[tokio::test]
async fn create_api_key_prints_the_key_once_and_stores_its_hash() {
    let env = Env::new().await;
    let o = env.run(&[
        "admin",
        "create-api-key",
        "--name",
        "搜索引擎甲",
        "--rate",
        "600",
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let key = out.lines().last().unwrap().trim().to_string();
    assert!(key.starts_with("gyk_"), "{out}");
    use sha2::{Digest, Sha256};
    let hash = hex::encode(Sha256::digest(key.as_bytes()));
    let row = env.db.store.api_key_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!(row.rate_per_minute, 600);
    assert!(env.db.store.api_key_by_hash(&key).await.unwrap().is_none());
    env.finish().await;
}
