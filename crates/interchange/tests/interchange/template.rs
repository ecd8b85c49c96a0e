//! The templates import as their example row.

use crate::support::{TempFile, read_all};
use gongyi_interchange::{Column, template_csv, template_xlsx};
use gongyi_types::{DivisionCode, OrgKind};

#[test]
fn csv_template_has_the_header_and_a_valid_example() {
    let bytes = template_csv();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let header = Column::ALL.map(Column::header).join(",");
    assert!(text.starts_with(&format!("\u{feff}{header}\n")), "{text}");
    let f = TempFile::with("csv", bytes);
    let (ok, bad, _) = read_all(f.path());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 1);
    let o = &ok[0].org;
    assert_eq!(o.uscc.as_str(), "53100000500019795A");
    assert_eq!(
        (o.kind, o.division),
        (OrgKind::Foundation, DivisionCode::NATIONAL)
    );
}

#[test]
fn xlsx_template_imports_and_explains_every_column() {
    let bytes = template_xlsx().unwrap();
    let f = TempFile::with("xlsx", &bytes);
    let (ok, bad, warnings) = read_all(f.path());
    assert!(
        bad.is_empty() && warnings.is_empty(),
        "{bad:?} {warnings:?}"
    );
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].org.uscc.as_str(), "53100000500019795A");

    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(f.path()).unwrap();
    assert_eq!(wb.sheet_names(), ["社会组织", "填写说明"]);
    let help = wb.worksheet_range("填写说明").unwrap();
    for (i, c) in Column::ALL.into_iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(help.get_value((row, 0)).unwrap().to_string(), c.header());
        let required = help.get_value((row, 1)).unwrap().to_string();
        assert_eq!(required == "必填", c.required(), "{}", c.header());
    }
    let kind_row = help.get_value((3, 3)).unwrap().to_string();
    assert!(
        kind_row.contains("社会团体、社会服务机构、基金会"),
        "{kind_row}"
    );
}
