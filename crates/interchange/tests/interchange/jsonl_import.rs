//! JSONL import: per-line errors, types, unknown keys.

use crate::support::{TempFile, read_all, summary, uscc};
use gongyi_types::{Fen, OrgKind};

#[test]
fn lines_keys_and_types() {
    let u = uscc(OrgKind::SocialGroup, "110105", 1);
    let v = uscc(OrgKind::SocialGroup, "110105", 2);
    let good = format!(
        r#"{{"uscc":"{u}","name":"某协会","kind":"social_group","division":"110105","authority":"北京市朝阳区民政局","legal_rep":"张三","founded":"2019-03-05","capital_fen":12345,"charity":true,"extra":1}}"#
    );
    let bad = format!(
        r#"{{"uscc":"{v}","name":"某协会","kind":"company","division":110105,"authority":"北京市朝阳区民政局","founded":"2019-03-05","capital_fen":1.5}}"#
    );
    let text = format!("{good}\n\n{{not json\n{bad}\n");
    let f = TempFile::with("jsonl", text);
    let (ok, errs, warnings) = read_all(f.path());
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].line, 1);
    assert_eq!(ok[0].org.capital, Fen(12345));
    assert!(ok[0].org.flags.charity);
    assert_eq!(warnings, ["已忽略未知字段“extra”（首次出现于第1行）"]);
    assert_eq!(
        summary(&errs),
        [
            (3, "", "bad_json"),
            (4, "kind", "bad_enum"),
            (4, "legal_rep", "missing_value"),
            (4, "capital_fen", "bad_type")
        ]
    );
}
