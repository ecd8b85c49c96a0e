//! `/data/` — the open-data page; `GET /data/manifest` — the signed manifest of the current
//! extracts (key at `GET /ledger/vkey`); `GET /data/{file}` — an extract, streamed from disk
//! (a full registry is hundreds of megabytes), only a file the manifest names. See
//! [`super::open_data`].

use super::open_data::{Current, DATASETS, OpenData};
use crate::AppState;
use crate::error::{ApiError, ErrorBody, PageError};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use tokio::io::AsyncReadExt;

/// The node's open data, or a 404 when it has none (a node started without a data
/// directory, or before the first extract was written).
async fn current(state: &AppState) -> Result<(OpenData, Current), ApiError> {
    let open = state.open_data.clone().ok_or_else(not_ready)?;
    let o = open.clone();
    let cur = tokio::task::spawn_blocking(move || o.current())
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
        .map_err(|e| ApiError::internal(e.to_string()))?
        .ok_or_else(not_ready)?;
    Ok(((*open).clone(), cur))
}

fn not_ready() -> ApiError {
    ApiError::new(
        ErrorCode::OpenDataNotReady,
        "本节点尚未生成开放数据文件（每日生成一次；管理员可运行 gongyi export open-data）",
    )
}

#[utoipa::path(
    get,
    path = "/data/manifest",
    tag = "exchange",
    summary = "开放数据清单（签名的 note：每个文件的名称、字节数、SHA-256、行数）",
    responses(
        (status = 200, description = "C2SP signed note，以 GET /ledger/vkey 的密钥验证", body = String, content_type = "text/plain"),
        (status = 404, description = "尚未生成开放数据（open_data_not_ready）", body = ErrorBody),
    )
)]
pub async fn manifest(State(state): State<AppState>) -> Result<Response, ApiError> {
    let (_, cur) = current(&state).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        cur.signed,
    )
        .into_response())
}

#[utoipa::path(
    get,
    path = "/data/{file}",
    tag = "exchange",
    summary = "开放数据文件（gzip 压缩的 CSV 或 JSON Lines）",
    params(("file" = String, Path, description = "清单中的文件名，如 orgs.csv.gz")),
    responses(
        (status = 200, description = "文件内容；ETag 为其 SHA-256", content_type = "application/gzip"),
        (status = 404, description = "清单中没有该文件（data_file_not_found）或尚未生成（open_data_not_ready）", body = ErrorBody),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let (_, cur) = current(&state).await?;
    let Some(f) = cur.manifest.file(&name).cloned() else {
        return Err(ApiError::new(
            ErrorCode::DataFileNotFound,
            format!("开放数据中没有文件“{name}”：可下载的文件见 /data/manifest"),
        ));
    };
    let file = tokio::fs::File::open(cur.dir.join(&f.name))
        .await
        .map_err(|e| ApiError::internal(format!("{}: {e}", f.name)))?;
    // 64 KiB at a time; the file was complete before CURRENT named it and is never rewritten.
    let stream = futures_util::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(buf), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/gzip"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(f.size));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", f.sha256)) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", f.name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok((headers, Body::from_stream(stream)).into_response())
}

/// A row of the page: one file.
struct FileRow {
    name: String,
    format: &'static str,
    size: String,
    sha256: String,
    rows: u64,
}

struct DatasetRow {
    title: &'static str,
    about: &'static str,
    files: Vec<FileRow>,
}

#[derive(Template)]
#[template(path = "exchange/data.html")]
struct DataPage {
    nav: Nav,
    generated: Option<String>,
    datasets: Vec<DatasetRow>,
    vkey: Option<String>,
}

fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{n} 字节"),
    }
}

/// `GET /data/` — what can be downloaded, how big, how to verify it.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = crate::auth::session::current_session(&state, &headers).await?;
    let cur = match current(&state).await {
        Ok((_, cur)) => Some(cur),
        Err(e) if e.code == ErrorCode::OpenDataNotReady => None,
        Err(e) => return Err(e.into()),
    };
    let datasets = DATASETS
        .iter()
        .map(|d| DatasetRow {
            title: d.title,
            about: d.about,
            files: cur
                .iter()
                .flat_map(|c| &c.manifest.files)
                .filter(|f| {
                    f.name
                        .strip_prefix(d.stem)
                        .is_some_and(|rest| rest.starts_with('.'))
                })
                .map(|f| FileRow {
                    name: f.name.clone(),
                    format: if f.name.contains(".jsonl") {
                        "JSON Lines"
                    } else {
                        "CSV"
                    },
                    size: human_size(f.size),
                    sha256: f.sha256.clone(),
                    rows: f.rows,
                })
                .collect(),
        })
        .collect();
    Ok(render(&DataPage {
        nav: Nav::public(&state, &headers, &session).await?,
        generated: cur
            .as_ref()
            .map(|c| crate::web::time::cn(&c.manifest.generated_at)),
        datasets,
        vkey: state.ledger.as_ref().map(|l| l.vkey.to_string()),
    }))
}
