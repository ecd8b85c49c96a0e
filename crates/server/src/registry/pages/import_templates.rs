//! `/admin/templates/orgs.{xlsx,csv}` — the import template with the registrar's column headers.

use crate::AppState;
use crate::error::{ApiError, PageError};
use crate::web::extract::OfficialPage;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;

pub async fn handler(
    State(_state): State<AppState>,
    OfficialPage(_): OfficialPage,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let (body, mime) = match file.as_str() {
        "orgs.xlsx" => (
            gongyi_interchange::template_xlsx().map_err(ApiError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "orgs.csv" => (
            gongyi_interchange::template_csv(),
            "text/csv; charset=utf-8",
        ),
        _ => return Err(ApiError::new(ErrorCode::TemplateNotFound, "没有这个模板").into()),
    };
    let disposition = format!(
        "attachment; filename=\"orgs-template.{}\"; filename*=UTF-8''%E7%A4%BE%E4%BC%9A%E7%BB%84%E7%BB%87%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.{}",
        &file[5..],
        &file[5..]
    );
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
