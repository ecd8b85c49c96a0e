//! File-level errors ([`InterchangeError`]) and row-level problems ([`RowError`]).
//!
//! A file-level error stops an import before any row is read (or, for [`InterchangeError::Io`],
//! while writing); a row-level problem is reported per row and the import goes on.

use serde::Serialize;
use std::fmt;
use std::path::Path;

/// Why a file cannot be read or written at all. Messages are in Chinese and name the file.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("读写文件“{file}”失败：{source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("文件“{file}”缺少必填列：{}", columns.join("、"))]
    MissingColumns { file: String, columns: Vec<String> },
    #[error("文件“{file}”的表头有误：{message}")]
    BadHeader { file: String, message: String },
    #[error("无法识别文件“{file}”的格式：仅支持 .csv、.xlsx 和 .jsonl 文件")]
    UnknownFormat { file: String },
    #[error(
        "文件“{file}”第{line}行不是 UTF-8 编码的文本（也不是 GBK/GB18030）：请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新导入"
    )]
    Encoding { file: String, line: u64 },
    #[error("文件“{file}”不是可读取的 Excel（.xlsx）工作簿：{message}")]
    Xlsx { file: String, message: String },
    #[error("文件“{file}”超出 Excel 的行数上限（{max}行），请改用 CSV 或 JSONL 格式")]
    TooManyRows { file: String, max: u32 },
}

impl InterchangeError {
    /// Stable machine code, for APIs and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "io",
            Self::MissingColumns { .. } => "missing_columns",
            Self::BadHeader { .. } => "bad_header",
            Self::UnknownFormat { .. } => "unknown_format",
            Self::Encoding { .. } => "encoding",
            Self::Xlsx { .. } => "xlsx",
            Self::TooManyRows { .. } => "too_many_rows",
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            file: file_name(path),
            source,
        }
    }
}

/// The name a user knows the file by (its last path component).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// One problem of one row. A bad row yields all of its problems, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// 1-based line as a person sees it in Excel or an editor: the header is line 1 (for a CSV
    /// record spanning several lines, the line it starts on).
    pub line: u64,
    /// Column header as in the file's format (Chinese header for CSV/XLSX, key for JSONL).
    pub column: String,
    /// The cell's value as read.
    pub value: String,
    /// Stable snake_case code: `missing_value`, `bad_date`, `bad_enum`, `bad_money`,
    /// `bad_bool`, `bad_type`, `bad_json`, `encoding`, `duplicate_in_file`, `read_failed`, the
    /// codes of `UsccError`/`DivisionError` (`uscc_check`, `division_unknown`, …) and those of
    /// [`Organization::check`](gongyi_types::Organization::check) (`name_length`,
    /// `kind_mismatch`, `negative_money`, `cert_validity`).
    pub code: &'static str,
    /// Human message in Chinese.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "第{}行：{}", self.line, self.message)
        } else {
            write!(f, "第{}行“{}”列：{}", self.line, self.column, self.message)
        }
    }
}
