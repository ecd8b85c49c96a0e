//! `POST /api/v1/my/applications/{id}/materials?material=…&name=…` — one file as the raw
//! request body (no multipart, no base64: a partner's portal forwards the bytes it holds).
//! The archive sniffs the type from the bytes (`crate::platform::archive`: PDF, JPEG, PNG, at most 20 MB),
//! so the declared `Content-Type` is informative only; a file it refuses stores nothing.

use crate::AppState;
use crate::applications::api::model::AttachmentInfo;
use crate::applications::materials::{self, clean_file_name};
use crate::error::{ApiError, ErrorBody};
use crate::web::write_auth::ApplicantWrite;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

/// The body limit of an upload: the archive's own limit and a little room, so an oversized
/// file reaches the archive's check (413 with its code) instead of a bare rejection.
pub const MAX_BODY_BYTES: usize = crate::platform::archive::MAX_ATTACHMENT_BYTES + 1024;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MaterialParams {
    /// 申请材料名称，与事项目录中的名称一致（例如 年度工作报告）。
    pub material: String,
    /// 申请人提供的文件名（如含路径，只保留文件名）。
    #[serde(default)]
    pub name: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/my/applications/{id}/materials",
    tag = "services",
    summary = "上传申请材料（请求体为文件本身）",
    description = "会话 Cookie gongyi_session 与请求头 X-CSRF-Token。请求体为文件的原始字节（Content-Type 为文件类型，如 application/pdf）；类型以文件内容为准（PDF、JPEG、PNG，不超过 20 MB）。草稿或需补正时可上传。",
    params(("id" = i64, Path, description = "申请的内部编号"), MaterialParams),
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "文件内容"),
    responses(
        (status = 201, description = "已存入电子档案并关联到申请", body = AttachmentInfo),
        (status = 400, description = "文件为空（attachment_empty）或不完整（attachment_truncated）；未保存", body = ErrorBody),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌", body = ErrorBody),
        (status = 404, description = "没有这个申请，或不是本账号的申请", body = ErrorBody),
        (status = 409, description = "当前状态不能上传（upload_not_allowed）", body = ErrorBody),
        (status = 413, description = "文件过大", body = ErrorBody),
        (status = 415, description = "不支持的文件类型（attachment_type_unsupported）", body = ErrorBody),
        (status = 422, description = "不是该事项的申请材料（material_unknown）", body = ErrorBody),
    )
)]
pub async fn add_material(
    State(state): State<AppState>,
    ApplicantWrite(s): ApplicantWrite,
    Path(id): Path<i64>,
    Query(p): Query<MaterialParams>,
    body: Bytes,
) -> Result<(StatusCode, Json<AttachmentInfo>), ApiError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let material = p.material.trim();
    let meta = materials::add(&state, &s.applicant, &app, material, &p.name, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(AttachmentInfo {
            material: material.to_string(),
            file_name: clean_file_name(&p.name),
            sha256: meta.sha256,
            size: meta.size,
            media_type: meta.media_type,
        }),
    ))
}
