//! CSV import: exact line/column/code of bad rows, headers, encodings.

use crate::support::{TempFile, date, read_all, summary, uscc};
use gongyi_interchange::{Format, InterchangeError, OrgReader, RowOutcome};
use gongyi_types::{Fen, OrgKind, RegStatus};

const HEADER: &str = "统一社会信用代码,名称,类型,登记管理机关区划代码,登记管理机关,法定代表人,成立登记日期,注册资金（元）,住所,慈善组织";

#[test]
fn every_problem_of_every_bad_row_is_reported_with_its_line() {
    let u1 = uscc(OrgKind::Foundation, "110105", 1);
    let u2 = uscc(OrgKind::Foundation, "110105", 2).to_string();
    let bad_check = format!("{}{}", &u2[..17], if u2.ends_with('A') { 'B' } else { 'A' });
    let u3 = uscc(OrgKind::SocialGroup, "110105", 3);
    let u4 = uscc(OrgKind::SocialService, "310115", 4);
    let group = uscc(OrgKind::SocialGroup, "110105", 5);
    let u6 = uscc(OrgKind::SocialGroup, "110105", 6);
    let u7 = uscc(OrgKind::SocialGroup, "440305", 7);
    let dup = format!(" {} ", u1.as_str().to_lowercase());
    let lines = [
        HEADER.to_string(),
        format!("{u1},示例基金会,基金会,110105,北京市朝阳区民政局,张三,2019-03-05,1000,北京,是"), // 2 ok
        format!("{bad_check},示例基金会二,基金会,110105,北京市朝阳区民政局,张三,2019-13-01,,,"), // 3
        format!("{u3},,公司,110105,北京市朝阳区民政局,张三,2019/3/5,abc,,也许"), // 4
        format!(
            "{u4},社会服务机构甲,民办非企业单位,310115,上海市浦东新区民政局,王五,20190305,12.5万,\"上海市\n浦东新区\",否"
        ), // 5–6 ok
        format!("{group},类型不符协会,基金会,110105,北京市朝阳区民政局,赵六,2019年3月5日,0,,"), // 7
        format!("{dup},重复基金会,基金会,110105,北京市朝阳区民政局,张三,2019-03-05,0,,"), // 8
        ",,,,,,,,,".to_string(),                                                 // 9 blank
        format!("{u6},区划错误协会,社会团体,119999,某民政局,,2019-03-05,0,,"),   // 10
        format!(
            "{u7},深圳某协会,社会团体,440305,深圳市南山区民政局,钱七,2020-01-02,\"1,234.50\",,√"
        ), // 11 ok
    ];
    let f = TempFile::with("csv", lines.join("\r\n"));
    let (ok, bad, warnings) = read_all(f.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(ok.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 5, 11]);
    assert_eq!(ok[0].org.capital, Fen(100_000));
    assert!(ok[0].org.flags.charity);
    assert_eq!(ok[1].org.kind, OrgKind::SocialService);
    assert_eq!(ok[1].org.address, "上海市\n浦东新区");
    assert_eq!(ok[1].org.capital, Fen(12_500_000));
    assert_eq!(ok[1].org.status, RegStatus::Active);
    assert_eq!(ok[2].org.capital, Fen(123_450));
    assert!(ok[2].org.flags.charity);
    assert_eq!(
        summary(&bad),
        [
            (3, "统一社会信用代码", "uscc_check"),
            (3, "成立登记日期", "bad_date"),
            (4, "名称", "missing_value"),
            (4, "类型", "bad_enum"),
            (4, "注册资金（元）", "bad_money"),
            (4, "慈善组织", "bad_bool"),
            (7, "类型", "kind_mismatch"),
            (8, "统一社会信用代码", "duplicate_in_file"),
            (10, "登记管理机关区划代码", "division_unknown"),
            (10, "法定代表人", "missing_value"),
        ]
    );
    let dup_err = &bad[7];
    assert!(dup_err.message.contains("第2行"), "{}", dup_err.message);
    assert_eq!(dup_err.value, u1.as_str().to_lowercase());
    assert_eq!(bad[1].value, "2019-13-01");
    assert!(
        bad[3].message.contains("社会团体"),
        "lists allowed values: {}",
        bad[3].message
    );
    assert_eq!(
        bad[0].to_string(),
        format!("第3行“统一社会信用代码”列：{}", bad[0].message)
    );
}

#[test]
fn aliases_reordered_columns_bom_and_unknown_columns() {
    let u = uscc(OrgKind::SocialService, "110105", 11);
    let text = format!(
        "\u{feff}备注, 成立登记日期 ,法定代表人,开办资金,登记管理机关,登记管理机关区划代码,类型,名称,统一社会信用代码,公开募捐资格,登记状态,信用状态\n\
         随便,2018/12/1,孙八,50万,北京市朝阳区民政局,110105,社会服务机构,朝阳某服务中心,{},Y,已注销,活动异常名录\n",
        u.as_str().to_lowercase()
    );
    let f = TempFile::with("csv", text);
    let (ok, bad, warnings) = read_all(f.path());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(warnings, ["已忽略未知列“备注”（第1列）"]);
    let o = &ok[0].org;
    assert_eq!(o.uscc, u);
    assert_eq!(o.founded, date(2018, 12, 1));
    assert_eq!(o.capital, Fen(50_000_000));
    assert_eq!(o.status, RegStatus::Deregistered);
    assert_eq!(o.credit, gongyi_types::CreditStatus::Abnormal);
    assert!(o.flags.public_fundraising && !o.flags.charity);
    assert_eq!(o.supervisor, None);

    for alias in [
        "注册资金",
        "原始基金",
        "注册资金/开办资金/原始基金（元）",
        "注册资金(元)",
        "注册资金（元）",
    ] {
        let text = format!(
            "统一社会信用代码,名称,类型,登记管理机关区划代码,登记管理机关,法定代表人,成立登记日期,{alias}\n\
             {u},朝阳某服务中心,社会服务机构,110105,北京市朝阳区民政局,孙八,2018-12-01,x\n"
        );
        let f = TempFile::with("csv", text);
        let (_, bad, _) = read_all(f.path());
        assert_eq!(summary(&bad), [(2, alias, "bad_money")], "{alias}");
    }
}

#[test]
fn dates_in_every_accepted_form() {
    let forms = [
        "2019-03-05",
        "2019/3/5",
        "2019年3月5日",
        "20190305",
        "2019-3-5",
        "2019.03.05",
    ];
    let mut text = format!("{HEADER}\n");
    for (i, d) in forms.iter().enumerate() {
        let u = uscc(OrgKind::SocialGroup, "110105", 100 + i as u32);
        text.push_str(&format!(
            "{u},日期测试协会,社会团体,110105,北京市朝阳区民政局,张三,{d},,,\n"
        ));
    }
    let f = TempFile::with("csv", text);
    let (ok, bad, _) = read_all(f.path());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), forms.len());
    assert!(ok.iter().all(|p| p.org.founded == date(2019, 3, 5)));
}

#[test]
fn missing_required_columns_are_a_file_error_naming_them() {
    let f = TempFile::with(
        "csv",
        "统一社会信用代码,名称,类型,登记管理机关区划代码,登记管理机关\n",
    );
    let Err(e) = OrgReader::open(f.path()) else {
        panic!("opened")
    };
    let InterchangeError::MissingColumns { columns, file } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(columns, &["法定代表人", "成立登记日期"]);
    assert!(f.path().ends_with(file));
    assert!(
        e.to_string()
            .contains("缺少必填列：法定代表人、成立登记日期"),
        "{e}"
    );
    assert!(e.to_string().contains(file.as_str()), "{e}");
    assert_eq!(e.code(), "missing_columns");
}

#[test]
fn a_column_named_twice_is_a_bad_header() {
    let f = TempFile::with("csv", format!("{HEADER},注册资金\n"));
    let e = OrgReader::open(f.path()).err().unwrap();
    assert_eq!(e.code(), "bad_header", "{e}");
}

#[test]
fn a_title_row_above_the_header_is_skipped() {
    let u = uscc(OrgKind::SocialGroup, "110105", 7);
    let text = format!(
        "社会组织登记信息表,,,\n{HEADER}\n{u},某协会,社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,,\n"
    );
    let f = TempFile::with("csv", text);
    let (ok, bad, warnings) = read_all(f.path());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok[0].line, 3);
    assert_eq!(warnings, ["表头在第2行，已跳过它之前的行"]);
}

#[test]
fn gbk_files_are_read_and_other_encodings_rejected_with_the_line() {
    let u = uscc(OrgKind::SocialGroup, "110105", 8);
    let text =
        format!("{HEADER}\n{u},某协会,社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,,\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let f = TempFile::with("csv", &gbk);
    let (ok, bad, warnings) = read_all(f.path());
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok[0].org.name, "某协会");
    assert!(warnings[0].contains("GB18030"), "{warnings:?}");

    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\xff,x\n");
    let f = TempFile::with("csv", &bytes);
    let e = OrgReader::open(f.path()).err().unwrap();
    assert!(
        matches!(e, InterchangeError::Encoding { line: 2, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn a_non_utf8_row_far_into_a_utf8_file_is_a_bad_row() {
    let mut text = format!("{HEADER}\n");
    for i in 0..2000 {
        let u = uscc(OrgKind::SocialGroup, "110105", 1000 + i);
        text.push_str(&format!(
            "{u},某协会,社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,,\n"
        ));
    }
    let mut bytes = text.into_bytes();
    let u = uscc(OrgKind::SocialGroup, "110105", 9999);
    bytes.extend_from_slice(format!("{u},").as_bytes());
    bytes.extend_from_slice(&encoding_rs::GB18030.encode("某协会").0);
    bytes.extend_from_slice(",社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,,\n".as_bytes());
    let f = TempFile::with("csv", &bytes);
    let (ok, bad, _) = read_all(f.path());
    assert_eq!(ok.len(), 2000);
    assert_eq!(summary(&bad), [(2002, "名称", "encoding")]);
}

#[test]
fn formats_by_extension_and_progress() {
    assert_eq!(Format::from_path("a/b.CSV".as_ref()).unwrap(), Format::Csv);
    assert_eq!(Format::from_path("b.xlsx".as_ref()).unwrap(), Format::Xlsx);
    assert_eq!(
        Format::from_path("b.jsonl".as_ref()).unwrap(),
        Format::Jsonl
    );
    let e = Format::from_path("报表.xls".as_ref()).unwrap_err();
    assert_eq!(e.code(), "unknown_format");
    assert!(e.to_string().contains("报表.xls"));
    let e = OrgReader::open("/nonexistent/gongyi/x.csv".as_ref())
        .err()
        .unwrap();
    assert_eq!(e.code(), "io");

    let u = uscc(OrgKind::SocialGroup, "110105", 9);
    let f = TempFile::with(
        "csv",
        format!("{HEADER}\n{u},某协会,社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,,\n"),
    );
    let mut r = OrgReader::open(f.path()).unwrap();
    assert!(matches!(r.next(), Some(RowOutcome::Ok(_))));
    assert!(r.next().is_none());
    assert_eq!(r.bytes_read(), r.total_bytes());
    assert_eq!(r.total_bytes(), std::fs::metadata(f.path()).unwrap().len());
}

#[test]
fn lines_count_blank_lines_crlf_and_a_missing_final_newline() {
    let row = |i: u32| {
        let u = uscc(OrgKind::SocialGroup, "110105", 200 + i);
        format!("{u},某协会,社会团体,110105,北京市朝阳区民政局,张三,2019-03-05,,\"多行\n住所\",")
    };
    for (eol, bom) in [("\n", false), ("\r\n", true)] {
        let text = [
            HEADER.to_string(),
            String::new(),
            String::new(),
            row(1),
            String::new(),
            row(2),
            row(3),
        ]
        .join(eol);
        let text = if bom { format!("\u{feff}{text}") } else { text };
        let f = TempFile::with("csv", &text);
        let (ok, bad, _) = read_all(f.path());
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(
            ok.iter().map(|p| p.line).collect::<Vec<_>>(),
            [4, 7, 9],
            "{eol:?}"
        );
        let f = TempFile::with("csv", format!("{text}{eol}{eol}"));
        let (ok, _, _) = read_all(f.path());
        assert_eq!(
            ok.iter().map(|p| p.line).collect::<Vec<_>>(),
            [4, 7, 9],
            "{eol:?}"
        );
    }
}
