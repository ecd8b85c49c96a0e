//! One row → [`Organization`]: every cell parsed into its domain type, then the cross-field
//! rules of [`Organization::check`]. Every problem of the row is reported.

use crate::cell::{self, Cell};
use crate::columns::{COLUMN_COUNT, Column, ColumnNames};
use crate::error::RowError;
use crate::seen::Seen;
use chrono::NaiveDate;
use gongyi_types::{
    CreditStatus, DivisionCode, Fen, OrgFlags, OrgKind, Organization, RegStatus, Uscc,
};

/// A row that became an [`Organization`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    /// 1-based line (header = 1), see [`RowError::line`].
    pub line: u64,
    pub org: Organization,
}

/// What one row of a file gave.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "Ok is the common case; boxing it would cost an allocation per row"
)]
pub enum RowOutcome {
    Ok(ParsedRow),
    Bad(Vec<RowError>),
}

struct Row<'a, 'n> {
    line: u64,
    cells: [Cell<'a>; COLUMN_COUNT],
    names: &'n ColumnNames,
    errors: Vec<RowError>,
}

impl<'a> Row<'a, '_> {
    fn cell(&self, col: Column) -> Cell<'a> {
        self.cells[col.index()]
    }

    fn error(&mut self, col: Column, value: &Cell<'_>, code: &'static str, message: String) {
        self.errors.push(RowError {
            line: self.line,
            column: self.names.get(col).to_string(),
            value: value.display().into_owned(),
            code,
            message,
        });
    }

    fn missing(&mut self, col: Column) {
        let msg = format!("“{}”为必填项，不能为空", self.names.get(col));
        self.error(col, &Cell::Empty, "missing_value", msg);
    }

    /// Text of a cell ("" when empty); a wrongly typed JSON value is an error.
    fn text(&mut self, col: Column) -> String {
        match self.cell(col) {
            Cell::Wrong(expected) => {
                self.error(
                    col,
                    &Cell::Wrong(expected),
                    "bad_type",
                    format!("应为{expected}"),
                );
                String::new()
            }
            c => c.display().into_owned(),
        }
    }

    fn required_text(&mut self, col: Column) -> String {
        if self.cell(col).is_empty() {
            self.missing(col);
            return String::new();
        }
        self.text(col)
    }

    fn optional_text(&mut self, col: Column) -> Option<String> {
        Some(self.text(col)).filter(|t| !t.is_empty())
    }

    fn date(&mut self, col: Column) -> Option<NaiveDate> {
        let c = self.cell(col);
        let d = match c {
            Cell::Empty => return None,
            Cell::Date(d) => Some(d),
            Cell::Text(s) => cell::parse_date(s),
            Cell::Number(x) => cell::date_from_number(x),
            _ => None,
        };
        if d.is_none() {
            let msg = format!(
                "日期“{}”无效，应为 2019-03-05、2019/3/5、2019年3月5日 或 20190305 的形式",
                c.display()
            );
            self.error(col, &c, "bad_date", msg);
        }
        d
    }

    fn flag(&mut self, col: Column) -> bool {
        let c = self.cell(col);
        let b = match c {
            Cell::Empty => Some(false),
            Cell::Bool(b) => Some(b),
            Cell::Text(s) => cell::parse_bool(s),
            Cell::Number(x) if x == 0.0 || x == 1.0 => Some(x == 1.0),
            _ => None,
        };
        b.unwrap_or_else(|| {
            let msg = format!("“{}”应为“是”或“否”（也可填 Y/N、1/0、√）", c.display());
            self.error(col, &c, "bad_bool", msg);
            false
        })
    }

    fn money(&mut self, col: Column) -> Fen {
        let c = self.cell(col);
        let r = match c {
            Cell::Empty => Ok(Fen(0)),
            Cell::Fen(f) => Ok(Fen(f)),
            Cell::Number(x) => cell::money_from_number(x),
            Cell::Text(s) => Fen::parse_yuan(s),
            Cell::Wrong(expected) => {
                self.error(col, &c, "bad_type", format!("应为{expected}"));
                return Fen(0);
            }
            Cell::Date(_) | Cell::Bool(_) => Fen::parse_yuan(&c.display()),
        };
        r.unwrap_or_else(|e| {
            self.error(col, &c, "bad_money", e.to_string());
            Fen(0)
        })
    }

    /// An enum cell through its `parse()`; `default` when the cell is empty (None: required).
    fn code<T>(
        &mut self,
        col: Column,
        parse: fn(&str) -> Result<T, gongyi_types::UnknownCode>,
        default: Option<T>,
    ) -> Option<T> {
        let c = self.cell(col);
        if c.is_empty() {
            if default.is_none() {
                self.missing(col);
            }
            return default;
        }
        let text = c.display();
        parse(&cell::normalize_label(&text))
            .map_err(|e| self.error(col, &c, "bad_enum", e.to_string()))
            .ok()
    }

    fn uscc(&mut self) -> Option<Uscc> {
        let c = self.cell(Column::Uscc);
        if c.is_empty() {
            self.missing(Column::Uscc);
            return None;
        }
        let text = c.display();
        Uscc::parse(&cell::normalize_uscc(&text))
            .map_err(|e| self.error(Column::Uscc, &c, e.code(), e.to_string()))
            .ok()
    }

    fn division(&mut self) -> Option<DivisionCode> {
        let c = self.cell(Column::Division);
        if c.is_empty() {
            self.missing(Column::Division);
            return None;
        }
        DivisionCode::parse(c.display().trim())
            .map_err(|e| self.error(Column::Division, &c, e.code(), e.to_string()))
            .ok()
    }
}

/// The cells of a row in [`Column::ALL`] order.
pub(crate) type Cells<'a> = [Cell<'a>; COLUMN_COUNT];

/// Parses one row, checks it, and notes its code in `seen`.
pub(crate) fn parse_row(
    line: u64,
    cells: Cells<'_>,
    names: &ColumnNames,
    seen: &mut Seen,
) -> RowOutcome {
    let mut r = Row {
        line,
        cells,
        names,
        errors: Vec::new(),
    };
    let uscc = r.uscc();
    let name = r.required_text(Column::Name);
    let kind = r.code(Column::Kind, OrgKind::parse, None);
    let status = r.code(Column::Status, RegStatus::parse, Some(RegStatus::Active));
    let division = r.division();
    let authority = r.required_text(Column::Authority);
    let supervisor = r.optional_text(Column::Supervisor);
    let legal_rep = r.required_text(Column::LegalRep);
    let founded = r.date(Column::Founded);
    if founded.is_none() && r.cell(Column::Founded).is_empty() {
        r.missing(Column::Founded);
    }
    let capital = r.money(Column::Capital);
    let address = r.text(Column::Address);
    let scope = r.text(Column::Scope);
    let cert_no = r.text(Column::CertNo);
    let cert_valid_from = r.date(Column::CertValidFrom);
    let cert_valid_to = r.date(Column::CertValidTo);
    let phone = r.optional_text(Column::Phone);
    let email = r.optional_text(Column::Email);
    let website = r.optional_text(Column::Website);
    let flags = OrgFlags {
        charity: r.flag(Column::Charity),
        public_fundraising: r.flag(Column::PublicFundraising),
        volunteer: r.flag(Column::Volunteer),
        trade_association: r.flag(Column::TradeAssociation),
    };
    let credit = r.code(
        Column::Credit,
        CreditStatus::parse,
        Some(CreditStatus::Normal),
    );

    if let Some(u) = &uscc
        && let Some(first) = seen.first(u, line)
    {
        let c = r.cell(Column::Uscc);
        let msg = format!("统一社会信用代码“{u}”与第{first}行重复");
        r.error(Column::Uscc, &c, "duplicate_in_file", msg);
    }
    let (Some(uscc), Some(kind), Some(status), Some(division), Some(founded), Some(credit)) =
        (uscc, kind, status, division, founded, credit)
    else {
        return RowOutcome::Bad(r.errors);
    };
    if !r.errors.is_empty() {
        return RowOutcome::Bad(r.errors);
    }
    let org = Organization {
        uscc,
        name,
        kind,
        status,
        division,
        authority,
        supervisor,
        legal_rep,
        founded,
        capital,
        address,
        scope,
        cert_no,
        cert_valid_from,
        cert_valid_to,
        phone,
        email,
        website,
        flags,
        credit,
    };
    for e in org.check() {
        match check_column(e.field) {
            (Some(col), code) => {
                let value = r.cell(col);
                r.error(col, &value, code, e.message);
            }
            (None, code) => r.errors.push(RowError {
                line,
                column: e.field.to_string(),
                value: String::new(),
                code,
                message: e.message,
            }),
        }
    }
    if r.errors.is_empty() {
        RowOutcome::Ok(ParsedRow { line, org })
    } else {
        RowOutcome::Bad(r.errors)
    }
}

/// The column and code of a [`gongyi_types::RuleViolation`] from [`Organization::check`].
fn check_column(field: &str) -> (Option<Column>, &'static str) {
    match field {
        "名称" => (Some(Column::Name), "name_length"),
        "类型" => (Some(Column::Kind), "kind_mismatch"),
        "法定代表人" => (Some(Column::LegalRep), "missing_value"),
        "登记管理机关" => (Some(Column::Authority), "missing_value"),
        "登记证有效期至" => (Some(Column::CertValidTo), "cert_validity"),
        "注册资金" | "开办资金" | "原始基金" => {
            (Some(Column::Capital), "negative_money")
        }
        _ => (None, "invalid"),
    }
}
