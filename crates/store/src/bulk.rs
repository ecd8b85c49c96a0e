//! Multi-row INSERT: one statement per chunk of rows, so that seeding and importing a million
//! organizations costs thousands of statements, not millions.

use crate::StoreError;
use crate::rows::Val;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

/// Bind-parameter budget per statement: below SQLite's 32,766 and PostgreSQL's 65,535, and
/// small enough that parsing a statement stays cheap.
const MAX_PARAMS: usize = 8_000;

pub(crate) fn bind<'q>(
    q: Query<'q, Any, AnyArguments<'q>>,
    v: Val,
) -> Query<'q, Any, AnyArguments<'q>> {
    match v {
        Val::Text(s) => q.bind(s),
        Val::OptText(s) => q.bind(s),
        Val::Int(i) => q.bind(i),
        Val::OptInt(i) => q.bind(i),
    }
}

/// Inserts `rows` (each with `columns.len()` values) into `table` in as few statements as the
/// parameter limits allow. Runs on the caller's connection, so inside its transaction.
pub(crate) async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Val>>,
) -> Result<u64, StoreError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let per_stmt = (MAX_PARAMS / columns.len()).max(1);
    // SQLite keeps `$n` and `?n` parameters in a list it scans linearly, both when parsing and
    // when a value is bound by position, which makes a statement with thousands of them
    // quadratic; anonymous `?` parameters are bound by position without that list.
    // PostgreSQL only knows `$n`.
    let sqlite = conn.backend_name() == "SQLite";
    let mut done = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Val>> = rows.by_ref().take(per_stmt).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..columns.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                if sqlite {
                    sql.push('?');
                } else {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for v in row {
                q = bind(q, v);
            }
        }
        done += q.execute(&mut *conn).await?.rows_affected();
    }
    Ok(done)
}
