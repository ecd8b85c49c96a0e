//! The columns of a registrar's spreadsheet: Chinese headers (with the aliases found in the
//! wild), JSONL keys, which are required, and how a header row maps onto them.

use crate::error::InterchangeError;
use gongyi_types::Flag;

/// One column of the 法人库 spreadsheet, in the order of the registrar's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Uscc,
    Name,
    Kind,
    Status,
    Division,
    Authority,
    Supervisor,
    LegalRep,
    Founded,
    Capital,
    Address,
    Scope,
    CertNo,
    CertValidFrom,
    CertValidTo,
    Phone,
    Email,
    Website,
    Charity,
    PublicFundraising,
    Volunteer,
    TradeAssociation,
    Credit,
}

/// Number of columns.
pub const COLUMN_COUNT: usize = 23;

impl Column {
    /// Every column in export order.
    pub const ALL: [Column; COLUMN_COUNT] = [
        Self::Uscc,
        Self::Name,
        Self::Kind,
        Self::Status,
        Self::Division,
        Self::Authority,
        Self::Supervisor,
        Self::LegalRep,
        Self::Founded,
        Self::Capital,
        Self::Address,
        Self::Scope,
        Self::CertNo,
        Self::CertValidFrom,
        Self::CertValidTo,
        Self::Phone,
        Self::Email,
        Self::Website,
        Self::Charity,
        Self::PublicFundraising,
        Self::Volunteer,
        Self::TradeAssociation,
        Self::Credit,
    ];

    /// The header written on export (CSV/XLSX).
    pub fn header(self) -> &'static str {
        match self {
            Self::Uscc => "统一社会信用代码",
            Self::Name => "名称",
            Self::Kind => "类型",
            Self::Status => "登记状态",
            Self::Division => "登记管理机关区划代码",
            Self::Authority => "登记管理机关",
            Self::Supervisor => "业务主管单位",
            Self::LegalRep => "法定代表人",
            Self::Founded => "成立登记日期",
            Self::Capital => "注册资金（元）",
            Self::Address => "住所",
            Self::Scope => "业务范围",
            Self::CertNo => "登记证号",
            Self::CertValidFrom => "登记证有效期起",
            Self::CertValidTo => "登记证有效期至",
            Self::Phone => "联系电话",
            Self::Email => "电子邮箱",
            Self::Website => "网站",
            Self::Charity => Flag::Charity.label(),
            Self::PublicFundraising => Flag::PublicFundraising.label(),
            Self::Volunteer => Flag::Volunteer.label(),
            Self::TradeAssociation => Flag::TradeAssociation.label(),
            Self::Credit => "信用状态",
        }
    }

    /// The key of the JSONL format.
    pub fn json_key(self) -> &'static str {
        match self {
            Self::Uscc => "uscc",
            Self::Name => "name",
            Self::Kind => "kind",
            Self::Status => "status",
            Self::Division => "division",
            Self::Authority => "authority",
            Self::Supervisor => "supervisor",
            Self::LegalRep => "legal_rep",
            Self::Founded => "founded",
            Self::Capital => "capital_fen",
            Self::Address => "address",
            Self::Scope => "scope",
            Self::CertNo => "cert_no",
            Self::CertValidFrom => "cert_valid_from",
            Self::CertValidTo => "cert_valid_to",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Website => "website",
            Self::Charity => "charity",
            Self::PublicFundraising => "public_fundraising",
            Self::Volunteer => "volunteer",
            Self::TradeAssociation => "trade_association",
            Self::Credit => "credit",
        }
    }

    /// A file without this column is rejected; a row with this cell empty is bad.
    pub fn required(self) -> bool {
        matches!(
            self,
            Self::Uscc
                | Self::Name
                | Self::Kind
                | Self::Division
                | Self::Authority
                | Self::LegalRep
                | Self::Founded
        )
    }

    /// Other headers accepted on import, already normalised (see [`normalize_header`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Capital => &[
                "注册资金",
                "开办资金",
                "原始基金",
                "注册资金/开办资金/原始基金(元)",
                "注册资金/开办资金/原始基金",
                "开办资金(元)",
                "原始基金(元)",
            ],
            Self::Division => &["登记管理机关区划", "登记管理机关行政区划代码"],
            Self::Founded => &["成立日期", "成立登记时间"],
            _ => &[],
        }
    }

    /// The column a header names, after [`normalize_header`].
    pub fn from_header(raw: &str) -> Option<Column> {
        let h = normalize_header(raw);
        Self::ALL
            .into_iter()
            .find(|c| normalize_header(c.header()) == h || c.aliases().contains(&h.as_str()))
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Header normalisation: trim (also a UTF-8 BOM and a required-mark `*` or `＊`), full-width
/// parentheses and slash to half-width, inner spaces removed.
pub fn normalize_header(raw: &str) -> String {
    let t = raw
        .trim_start_matches('\u{feff}')
        .trim()
        .trim_matches(['*', '＊'])
        .trim();
    t.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            c => c,
        })
        .collect()
}

/// What each column is called in a file, for reports: the file's own header (an alias if it
/// used one), the standard header for a column it lacks, or the JSONL key.
#[derive(Debug, Clone)]
pub(crate) struct ColumnNames([String; COLUMN_COUNT]);

impl ColumnNames {
    pub(crate) fn headers() -> Self {
        Self(Column::ALL.map(|c| c.header().to_string()))
    }
    pub(crate) fn json_keys() -> Self {
        Self(Column::ALL.map(|c| c.json_key().to_string()))
    }
    pub(crate) fn get(&self, col: Column) -> &str {
        &self.0[col.index()]
    }
}

/// Where each column is in a file's rows, and what the file calls it.
#[derive(Debug, Clone)]
pub(crate) struct HeaderMap {
    pos: [Option<usize>; COLUMN_COUNT],
    names: ColumnNames,
}

impl HeaderMap {
    pub(crate) fn names(&self) -> &ColumnNames {
        &self.names
    }

    /// Position of `col` in a row, if the file has that column.
    pub(crate) fn get(&self, col: Column) -> Option<usize> {
        self.pos[col.index()]
    }

    /// How many known columns a header row names (to tell a header from a title row).
    pub(crate) fn known<'a>(headers: impl IntoIterator<Item = &'a str>) -> usize {
        headers
            .into_iter()
            .filter(|h| Column::from_header(h).is_some())
            .count()
    }

    /// Maps a header row (position, text). Unknown columns become warnings; a column named
    /// twice is a [`InterchangeError::BadHeader`]; missing required columns are an
    /// [`InterchangeError::MissingColumns`] listing all of them.
    pub(crate) fn build<'a>(
        headers: impl IntoIterator<Item = (usize, &'a str)>,
        file: &str,
        warnings: &mut Vec<String>,
    ) -> Result<Self, InterchangeError> {
        let mut pos = [None; COLUMN_COUNT];
        let mut names = ColumnNames::headers();
        for (i, h) in headers {
            if normalize_header(h).is_empty() {
                continue;
            }
            match Column::from_header(h) {
                Some(c) if pos[c.index()].is_some() => {
                    return Err(InterchangeError::BadHeader {
                        file: file.to_string(),
                        message: format!("“{}”列出现了两次（第{}列）", c.header(), i + 1),
                    });
                }
                Some(c) => {
                    pos[c.index()] = Some(i);
                    names.0[c.index()] = h.trim_start_matches('\u{feff}').trim().to_string();
                }
                None => {
                    let h = h.trim_start_matches('\u{feff}').trim();
                    warnings.push(format!("已忽略未知列“{h}”（第{}列）", i + 1));
                }
            }
        }
        let missing: Vec<String> = Column::ALL
            .into_iter()
            .filter(|c| c.required() && pos[c.index()].is_none())
            .map(|c| c.header().to_string())
            .collect();
        if missing.is_empty() {
            Ok(Self { pos, names })
        } else {
            Err(InterchangeError::MissingColumns {
                file: file.to_string(),
                columns: missing,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_aliases() {
        assert_eq!(
            Column::from_header("\u{feff} 统一社会信用代码 "),
            Some(Column::Uscc)
        );
        assert_eq!(Column::from_header("注册资金(元)"), Some(Column::Capital));
        assert_eq!(Column::from_header("注册资金（元）"), Some(Column::Capital));
        assert_eq!(Column::from_header("开办资金"), Some(Column::Capital));
        assert_eq!(
            Column::from_header("注册资金/开办资金/原始基金（元）"),
            Some(Column::Capital)
        );
        assert_eq!(Column::from_header("*名称"), Some(Column::Name));
        assert_eq!(Column::from_header("备注"), None);
        for (i, c) in Column::ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(Column::from_header(c.header()), Some(c));
        }
    }
}
