//! `GET /api/v1/services` — the catalogue of online services with each one's materials, form
//! fields and statutory time limits (the 办事指南 as data).

use crate::applications::api::model::{FieldInfo, MaterialInfo, ServiceInfo};
use axum::Json;
use gongyi_types::applications::forms::fields;
use gongyi_types::applications::{ACCEPT_DAYS, ServiceKind};

#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "services",
    summary = "网上办事事项目录（办事指南）",
    responses((status = 200, description = "每个事项的申请材料、填写信息和办理时限（工作日）", body = [ServiceInfo]))
)]
pub async fn list_services() -> Json<Vec<ServiceInfo>> {
    Json(
        ServiceKind::ALL
            .iter()
            .map(|k| ServiceInfo {
                kind: k.code().into(),
                label: k.label().into(),
                for_public: k.for_public(),
                accept_working_days: ACCEPT_DAYS,
                decision_working_days: k.decision_days(),
                materials: k
                    .materials()
                    .iter()
                    .map(|m| MaterialInfo {
                        name: m.name.into(),
                        required: m.required,
                    })
                    .collect(),
                fields: fields(*k)
                    .iter()
                    .map(|f| FieldInfo {
                        name: f.name.into(),
                        label: f.label.into(),
                        required: f.required,
                    })
                    .collect(),
            })
            .collect(),
    )
}
