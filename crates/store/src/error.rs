//! The store's error type: callers map these to HTTP codes and CLI messages.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("不支持的数据库地址“{0}”：应以 sqlite:// 或 postgres:// 开头")]
    UnsupportedUrl(String),
    #[error("无法连接数据库 {0}: {1}")]
    Connect(String, #[source] sqlx::Error),
    #[error("数据库迁移 {version} 失败: {source}")]
    Migration {
        version: i64,
        #[source]
        source: sqlx::Error,
    },
    #[error("数据库中的值无效（{table}.{column}）: {message}")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        message: String,
    },
    #[error("记录已存在: {0}")]
    Conflict(String),
    #[error("未找到: {0}")]
    NotFound(String),
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
}

impl StoreError {
    pub(crate) fn corrupt(
        table: &'static str,
        column: &'static str,
        e: impl std::fmt::Display,
    ) -> Self {
        Self::Corrupt {
            table,
            column,
            message: e.to_string(),
        }
    }
    /// Whether the error is a unique-constraint violation (mapped to 409 at the edge).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Self::Conflict(_) => true,
            Self::Sql(sqlx::Error::Database(d)) => d.is_unique_violation(),
            _ => false,
        }
    }
    /// Whether PostgreSQL gave up a transaction another one conflicted with (serialization
    /// failure 40001, deadlock 40P01): the same request may succeed when repeated.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Sql(sqlx::Error::Database(d)) => {
                matches!(d.code().as_deref(), Some("40001") | Some("40P01"))
            }
            _ => false,
        }
    }
}
