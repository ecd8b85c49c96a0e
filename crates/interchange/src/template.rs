//! The blank form a registrar fills in: the header row plus one example row, and for XLSX a
//! second sheet 填写说明 explaining every column.

use crate::columns::Column;
use crate::error::InterchangeError;
use crate::export::{BOM, SheetFormats, csv_header, csv_row, data_sheet, xlsx_err, xlsx_row};
use chrono::NaiveDate;
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};
use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

/// The example row: a real 统一社会信用代码 of a 基金会 registered with 民政部 (100000);
/// the other values are illustrative.
pub(crate) fn example() -> Option<Organization> {
    let date = NaiveDate::from_ymd_opt;
    Some(Organization {
        uscc: Uscc::parse("53100000500019795A").ok()?,
        name: "示例公益基金会".to_string(),
        kind: OrgKind::Foundation,
        status: RegStatus::Active,
        division: DivisionCode::NATIONAL,
        authority: "中华人民共和国民政部".to_string(),
        supervisor: None,
        legal_rep: "张三".to_string(),
        founded: date(2005, 6, 1)?,
        capital: Fen(800_000_000),
        address: "北京市东城区示例路1号".to_string(),
        scope: "资助公益慈善项目；开展公益慈善活动".to_string(),
        cert_no: "53100000500019795A".to_string(),
        cert_valid_from: date(2023, 6, 1),
        cert_valid_to: date(2028, 5, 31),
        phone: Some("010-12345678".to_string()),
        email: Some("contact@example.org".to_string()),
        website: Some("https://www.example.org".to_string()),
        flags: OrgFlags {
            charity: true,
            public_fundraising: true,
            volunteer: false,
            trade_association: false,
        },
        credit: CreditStatus::Normal,
    })
}

/// The CSV template (UTF-8 with BOM): header and example row.
pub fn template_csv() -> Vec<u8> {
    let build = || -> Result<Vec<u8>, csv::Error> {
        let mut w = csv::Writer::from_writer(BOM.to_vec());
        csv_header(&mut w)?;
        if let Some(o) = example() {
            csv_row(&mut w, &o)?;
        }
        w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    };
    // Writing to memory cannot fail; the header alone is the fallback.
    build().unwrap_or_else(|_| [BOM, header_line().as_bytes()].concat())
}

fn header_line() -> String {
    let mut s = Column::ALL.map(Column::header).join(",");
    s.push('\n');
    s
}

fn labels(all: &[&str]) -> String {
    all.join("、")
}

/// (format, allowed values / notes) of a column, for 填写说明.
fn help(col: Column) -> (&'static str, String) {
    const DATE: &str = "日期，如 2019-03-05、2019/3/5、2019年3月5日 或 20190305";
    const FLAG: &str = "是 或 否（也可填 Y/N、1/0、√）";
    let kinds: Vec<&str> = OrgKind::ALL.iter().map(|k| k.label()).collect();
    let statuses: Vec<&str> = RegStatus::ALL.iter().map(|k| k.label()).collect();
    let credits: Vec<&str> = CreditStatus::ALL.iter().map(|k| k.label()).collect();
    match col {
        Column::Uscc => (
            "18位代码（GB 32100-2015），数字和大写字母，不使用 I、O、Z、S、V",
            "第1位为5（民政），第2位1社会团体、2社会服务机构、3基金会；末位为校验码".to_string(),
        ),
        Column::Name => ("文字，2至100个字符", "登记证书上的全称".to_string()),
        Column::Kind => (
            "从下拉列表中选择",
            format!("{}（“民办非企业单位”也可）", labels(&kinds)),
        ),
        Column::Status => (
            "从下拉列表中选择",
            format!("{}；不填为“正常”", labels(&statuses)),
        ),
        Column::Division => (
            "6位数字（GB/T 2260 行政区划代码）",
            "登记管理机关所在区划，如 110105（北京市朝阳区）；民政部登记的填 100000".to_string(),
        ),
        Column::Authority => ("文字", "如“北京市朝阳区民政局”".to_string()),
        Column::Supervisor => ("文字", "直接登记的可不填".to_string()),
        Column::LegalRep => ("文字", "法定代表人姓名".to_string()),
        Column::Founded => (DATE, "登记证书上的成立登记日期".to_string()),
        Column::Capital => (
            "以元为单位的金额，最多两位小数，也可写“300万”",
            "社会团体填注册资金，社会服务机构填开办资金，基金会填原始基金；不填为0".to_string(),
        ),
        Column::Address | Column::Scope | Column::CertNo => ("文字", "以登记证书为准".to_string()),
        Column::CertValidFrom | Column::CertValidTo => {
            (DATE, "登记证书有效期；截止日期不得早于起始日期".to_string())
        }
        Column::Phone | Column::Email | Column::Website => ("文字", "可不填".to_string()),
        Column::Charity
        | Column::PublicFundraising
        | Column::Volunteer
        | Column::TradeAssociation => (FLAG, "不填为“否”".to_string()),
        Column::Credit => (
            "从下拉列表中选择",
            format!("{}；不填为“正常”", labels(&credits)),
        ),
    }
}

/// Rows of the data sheet that get drop-down lists.
const VALIDATED_ROWS: u32 = 10_000;

fn dropdowns(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let kinds: Vec<&str> = OrgKind::ALL.iter().map(|k| k.label()).collect();
    let statuses: Vec<&str> = RegStatus::ALL.iter().map(|k| k.label()).collect();
    let credits: Vec<&str> = CreditStatus::ALL.iter().map(|k| k.label()).collect();
    for (i, c) in Column::ALL.into_iter().enumerate() {
        let list: &[&str] = match c {
            Column::Kind => &kinds,
            Column::Status => &statuses,
            Column::Credit => &credits,
            Column::Charity
            | Column::PublicFundraising
            | Column::Volunteer
            | Column::TradeAssociation => &["是", "否"],
            _ => continue,
        };
        let dv = DataValidation::new().allow_list_strings(list)?;
        ws.add_data_validation(1, i as u16, VALIDATED_ROWS, i as u16, &dv)?;
    }
    Ok(())
}

fn instructions() -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("填写说明")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (i, (h, w)) in [
        ("列名", 22.0),
        ("是否必填", 10.0),
        ("填写格式", 44.0),
        ("可选值及说明", 60.0),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string_with_format(0, i as u16, h, &bold)?;
        ws.set_column_width(i as u16, w)?;
    }
    for (r, c) in Column::ALL.into_iter().enumerate() {
        let row = r as u32 + 1;
        let (format, notes) = help(c);
        ws.write_string(row, 0, c.header())?;
        ws.write_string(row, 1, if c.required() { "必填" } else { "选填" })?;
        ws.write_string_with_format(row, 2, format, &wrap)?;
        ws.write_string_with_format(row, 3, notes, &wrap)?;
    }
    let notes = [
        "说明：",
        "1. 第1行为表头，请勿修改列名（列的顺序可以调整，多出的列在导入时忽略）；红色列名为必填项。",
        "2. 第2行为示例，导入前请删除或替换为实际数据。",
        "3. 同一文件中统一社会信用代码不得重复。",
        "4. 也可导入 CSV 文件：请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”。",
    ];
    let start = Column::ALL.len() as u32 + 2;
    for (i, n) in notes.into_iter().enumerate() {
        ws.write_string(start + i as u32, 0, n)?;
    }
    Ok(ws)
}

/// The XLSX template: sheet 社会组织 (header, example row, drop-down lists) and sheet 填写说明.
pub fn template_xlsx() -> Result<Vec<u8>, InterchangeError> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let formats = SheetFormats::new();
        let mut data = data_sheet(&formats, rust_xlsxwriter::Worksheet::new())?;
        if let Some(o) = example() {
            xlsx_row(&mut data, 1, &o, &formats)?;
        }
        dropdowns(&mut data)?;
        let mut wb = Workbook::new();
        wb.push_worksheet(data);
        wb.push_worksheet(instructions()?);
        wb.save_to_buffer()
    };
    build().map_err(|e| xlsx_err("社会组织登记信息模板.xlsx", e))
}
