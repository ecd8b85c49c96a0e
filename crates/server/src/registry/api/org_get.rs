//! `GET /api/v1/orgs/{uscc}` — one organization's full public profile.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::registry::api::model::OrgProfile;
use axum::Json;
use axum::extract::{Path, State};
use gongyi_types::ErrorCode;
use gongyi_types::Uscc;

/// Parses a code from a URL; a malformed one is a 400 that says what is wrong with it.
pub fn parse_uscc(raw: &str) -> Result<Uscc, ApiError> {
    let norm = crate::registry::api::search_params::normalize_text(raw).to_uppercase();
    Uscc::parse(&norm)
        .map_err(|e| ApiError::new(ErrorCode::InvalidUscc, format!("统一社会信用代码无效：{e}")))
}

#[utoipa::path(
    get,
    path = "/api/v1/orgs/{uscc}",
    tag = "registry",
    summary = "社会组织详情",
    params(("uscc" = String, Path, description = "统一社会信用代码（18位，GB 32100-2015；大小写均可）", min_length = 18, max_length = 18, pattern = "^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$")),
    responses(
        (status = 200, description = "登记信息及年检、评估、表彰、处罚、变更、名录、年报", body = OrgProfile),
        (status = 400, description = "代码格式或校验位错误", body = ErrorBody),
        (status = 404, description = "未找到该组织", body = ErrorBody),
    )
)]
pub async fn get_org(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<OrgProfile>, ApiError> {
    let uscc = parse_uscc(&raw)?;
    let Some((org, sections)) = state.store.profile(uscc.as_str()).await? else {
        return Err(ApiError::new(
            ErrorCode::OrgNotFound,
            format!("未找到统一社会信用代码为 {uscc} 的社会组织"),
        ));
    };
    Ok(Json(OrgProfile::new(&org, sections)))
}
