//! `POST /api/v1/my/applications` (apply: a draft) and `PUT /api/v1/my/applications/{id}/form`
//! (edit a draft or a 需补正 application) — the same checks as the pages
//! (`services::apply`), answered as JSON: a rejected form is a 400 `application_invalid` listing
//! every field error, and nothing is stored.

use crate::AppState;
use crate::applications::api::mine::detail;
use crate::applications::api::model::ApplicationDetail;
use crate::applications::api::write_model::{
    FieldError, FormErrorBody, FormErrorDetail, FormRequest, NewApplicationRequest,
};
use crate::applications::apply::{ApplyError, create, edit_form};
use crate::error::{ApiError, ErrorBody};
use crate::web::write_auth::{ApplicantWrite, JsonBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use gongyi_types::applications::ServiceKind;
use std::collections::BTreeMap;

/// The form as strings: numbers and booleans are read as their text, `null` as absent; arrays
/// and objects are field errors.
fn form_strings(
    form: BTreeMap<String, serde_json::Value>,
) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    use serde_json::Value;
    let mut out = BTreeMap::new();
    let mut errs = vec![];
    for (k, v) in form {
        match v {
            Value::Null => {}
            Value::String(s) => {
                out.insert(k, s);
            }
            Value::Number(n) => {
                out.insert(k, n.to_string());
            }
            Value::Bool(b) => {
                out.insert(k, b.to_string());
            }
            Value::Array(_) | Value::Object(_) => errs.push(FieldError {
                message: format!("字段 {k} 应为文本"),
                field: k,
            }),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// 400 `application_invalid` with every field error.
fn invalid(fields: Vec<FieldError>) -> Response {
    let message = fields
        .iter()
        .map(|f| f.message.clone())
        .collect::<Vec<_>>()
        .join("；");
    let body = FormErrorBody {
        error: FormErrorDetail {
            code: gongyi_types::ErrorCode::ApplicationInvalid,
            message,
            fields,
        },
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn apply_error(e: ApplyError) -> Response {
    match e {
        ApplyError::Form(errs) => invalid(
            errs.into_iter()
                .map(|e| FieldError {
                    field: e.field.to_string(),
                    message: e.message,
                })
                .collect(),
        ),
        ApplyError::Api(e) => e.into_response(),
    }
}

#[utoipa::path(
    post,
    operation_id = "create_application",
    path = "/api/v1/my/applications",
    tag = "services",
    summary = "申请（保存为草稿）",
    description = "以办事账号会话 Cookie gongyi_session 调用，请求头 X-CSRF-Token 携带会话的 CSRF 令牌（GET /api/v1/my/session）。成立登记用个人账号，其余事项用社会组织账号。表单字段见 GET /api/v1/services。",
    request_body = NewApplicationRequest,
    responses(
        (status = 201, description = "草稿已保存", body = ApplicationDetail),
        (status = 400, description = "表单有误（application_invalid，fields 列出每个字段的错误）或请求体无效（invalid_json、invalid_kind）；未保存任何内容", body = FormErrorBody),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌（csrf_header_missing、csrf_failed），或账号类型不符（account_kind_mismatch）", body = ErrorBody),
        (status = 422, description = "不符合事项条件，如公开募捐资格的一年规则", body = ErrorBody),
    )
)]
pub async fn create_handler(
    State(state): State<AppState>,
    ApplicantWrite(s): ApplicantWrite,
    JsonBody(req): JsonBody<NewApplicationRequest>,
) -> Result<Response, ApiError> {
    let kind = ServiceKind::parse(req.service.trim())
        .map_err(|e| ApiError::new(ErrorCode::InvalidKind, e.to_string()))?;
    let raw = match form_strings(req.form) {
        Ok(r) => r,
        Err(fields) => return Ok(invalid(fields)),
    };
    let id = match create(&state, &s.applicant, kind, &raw).await {
        Ok((id, _)) => id,
        Err(e) => return Ok(apply_error(e)),
    };
    let app = crate::applications::load(&state, id).await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &app).await?)).into_response())
}

#[utoipa::path(
    put,
    operation_id = "edit_application_form",
    path = "/api/v1/my/applications/{id}/form",
    tag = "services",
    summary = "修改申请表（草稿或需补正时）",
    description = "会话 Cookie gongyi_session 与请求头 X-CSRF-Token。校验与申请时相同；已提交的申请不能改由其他登记管理机关受理。需补正时的修改记入办理过程（步骤 edit_form，理由列出改动的字段）。",
    params(("id" = i64, Path, description = "申请的内部编号")),
    request_body = FormRequest,
    responses(
        (status = 200, description = "修改后的申请", body = ApplicationDetail),
        (status = 400, description = "表单有误（application_invalid，含 fields）；未修改", body = FormErrorBody),
        (status = 401, description = "未登录办事账号", body = ErrorBody),
        (status = 403, description = "缺少或错误的 CSRF 令牌", body = ErrorBody),
        (status = 404, description = "没有这个申请，或不是本账号的申请", body = ErrorBody),
        (status = 409, description = "当前状态不能修改（edit_not_allowed、conflict），或改变受理机关（division_change_not_allowed）", body = ErrorBody),
    )
)]
pub async fn edit_handler(
    State(state): State<AppState>,
    ApplicantWrite(s): ApplicantWrite,
    Path(id): Path<i64>,
    JsonBody(req): JsonBody<FormRequest>,
) -> Result<Response, ApiError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let raw = match form_strings(req.form) {
        Ok(r) => r,
        Err(fields) => return Ok(invalid(fields)),
    };
    match edit_form(&state, &s.applicant, &app, &raw).await {
        Ok(after) => Ok(Json(detail(&state, &after).await?).into_response()),
        Err(e) => Ok(apply_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::form_strings;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn scalars_become_text_and_structures_are_field_errors() {
        let form: BTreeMap<String, serde_json::Value> = serde_json::from_value(
            json!({"capital": 50000, "name": "协会", "x": null, "flag": true}),
        )
        .unwrap_or_default();
        let out = form_strings(form).unwrap_or_default();
        assert_eq!(out.get("capital").map(String::as_str), Some("50000"));
        assert_eq!(out.get("flag").map(String::as_str), Some("true"));
        assert!(!out.contains_key("x"));
        let bad: BTreeMap<String, serde_json::Value> =
            serde_json::from_value(json!({"name": ["a"], "scope": {"a": 1}})).unwrap_or_default();
        let errs = form_strings(bad).err().unwrap_or_default();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "scope"]);
    }
}
