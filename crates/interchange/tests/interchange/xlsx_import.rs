//! XLSX import: typed cells (dates, numbers, booleans), title rows, physical line numbers.

use crate::support::{TempFile, date, read_all, summary, uscc};
use gongyi_interchange::OrgReader;
use gongyi_types::{DivisionCode, Fen, OrgKind};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[test]
fn typed_cells_title_row_and_lines() {
    let headers = [
        "统一社会信用代码",
        "名称",
        "类型",
        "登记管理机关区划代码",
        "登记管理机关",
        "法定代表人",
        "成立登记日期",
        "原始基金",
        "慈善组织",
        "备注",
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2024年社会组织名录").unwrap();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(1, i as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy年m月d日");
    let f1 = uscc(OrgKind::Foundation, "100000", 1);
    // row 3: real date cell, numeric money and division, boolean flag
    ws.write_string(2, 0, f1.as_str()).unwrap();
    ws.write_string(2, 1, "全国某基金会").unwrap();
    ws.write_string(2, 2, "基金会").unwrap();
    ws.write_number(2, 3, 100000).unwrap();
    ws.write_string(2, 4, "民政部").unwrap();
    ws.write_string(2, 5, "张三").unwrap();
    ws.write_date_with_format(
        2,
        6,
        ExcelDateTime::from_ymd(2019, 3, 5).unwrap(),
        &date_fmt,
    )
    .unwrap();
    ws.write_number(2, 7, 8_000_000.5).unwrap();
    ws.write_boolean(2, 8, true).unwrap();
    ws.write_string(2, 9, "备注随便写").unwrap();
    // row 4 left blank; row 5: text forms
    let g = uscc(OrgKind::SocialGroup, "110105", 2);
    for (c, v) in [
        g.as_str(),
        "某协会",
        "社会团体",
        "110105",
        "北京市朝阳区民政局",
        "李四",
        "2019年3月5日",
        "300万",
        "否",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(4, c as u16, *v).unwrap();
    }
    // row 6: a date typed as digits, a serial without date format
    let s = uscc(OrgKind::SocialService, "310115", 3);
    for (c, v) in [
        s.as_str(),
        "某服务中心",
        "社会服务机构",
        "310115",
        "上海市浦东新区民政局",
        "王五",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(5, c as u16, *v).unwrap();
    }
    ws.write_number(5, 6, 20190305).unwrap();
    ws.write_number(5, 8, 1).unwrap();
    // row 7: bad date, bad money, missing legal representative
    let b = uscc(OrgKind::SocialGroup, "110105", 4);
    for (c, v) in [
        b.as_str(),
        "坏数据协会",
        "社会团体",
        "110105",
        "北京市朝阳区民政局",
        "",
        "昨天",
        "很多",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(6, c as u16, *v).unwrap();
    }
    let f = TempFile::new("xlsx");
    wb.save(f.path()).unwrap();

    let (ok, bad, warnings) = read_all(f.path());
    assert_eq!(
        warnings,
        [
            "表头在第2行，已跳过它之前的行",
            "已忽略未知列“备注”（第10列）"
        ]
    );
    assert_eq!(
        ok.iter().map(|p| p.line).collect::<Vec<_>>(),
        [3, 5, 6],
        "{bad:?}"
    );
    let o = &ok[0].org;
    assert_eq!(
        (o.uscc.clone(), o.division, o.founded),
        (f1, DivisionCode::NATIONAL, date(2019, 3, 5))
    );
    assert_eq!(o.capital, Fen(800_000_050));
    assert!(o.flags.charity);
    assert_eq!(ok[1].org.capital, Fen(300_000_000));
    assert_eq!(ok[1].org.founded, date(2019, 3, 5));
    assert!(!ok[1].org.flags.charity);
    assert_eq!(ok[2].org.founded, date(2019, 3, 5));
    assert!(ok[2].org.flags.charity);
    assert_eq!(
        summary(&bad),
        [
            (7, "法定代表人", "missing_value"),
            (7, "成立登记日期", "bad_date"),
            (7, "原始基金", "bad_money")
        ]
    );

    let mut r = OrgReader::open(f.path()).unwrap();
    assert_eq!(r.total_bytes(), 7, "xlsx progress counts rows");
    r.by_ref().for_each(drop);
    assert_eq!(r.bytes_read(), 7);
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_xlsx_error() {
    let f = TempFile::with("xlsx", "统一社会信用代码,名称\n");
    let e = OrgReader::open(f.path()).err().unwrap();
    assert_eq!(e.code(), "xlsx", "{e}");
    assert!(e.to_string().contains(".xlsx"), "{e}");
}
