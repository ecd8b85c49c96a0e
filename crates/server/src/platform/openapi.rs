//! `GET /api/openapi.json` — the OpenAPI 3.1 document of every endpoint (utoipa).

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "gongyi 社会组织信息平台 API", description = "社会组织法人库、一网通查。错误统一为 {\"error\": {\"code\", \"message\"}}。"),
    paths(
        crate::registry::api::orgs_search::search_orgs,
        crate::registry::api::org_get::get_org,
        crate::legitimacy::api::illegal_orgs::list_illegal_orgs,
        crate::legitimacy::api::lookup::lookup_names,
        crate::legitimacy::api::screen::screen_text,
        crate::credit::api::org_credit::get_org_credit,
        crate::credit::api::org_credit::objection_handler,
        crate::enforcement::api::complaints::create,
        crate::enforcement::api::complaints::status,
        crate::applications::api::catalog::list_services,
        crate::applications::api::mine::list,
        crate::applications::api::mine::get_one,
        crate::accounts::api::sessions::applicant,
        crate::applications::api::my_forms::create_handler,
        crate::applications::api::my_forms::edit_handler,
        crate::applications::api::my_materials::add_material,
        crate::applications::api::my_steps::submit,
        crate::applications::api::my_steps::resubmit,
        crate::applications::api::admin_queue::list_application_queue,
        crate::accounts::api::sessions::official,
        crate::applications::api::admin_steps::step,
        crate::applications::api::admin_steps::batch,
        crate::ledger::entry_get::get_entry,
        crate::ledger::proof_inclusion::get_inclusion_proof,
        crate::ledger::proof_consistency::get_consistency_proof,
        crate::ledger::receipt_get::get_receipt,
        crate::ledger::checkpoint_get::get_checkpoint,
        crate::ledger::vkey_get::get_vkey,
        crate::ledger::witness_vkey_get::get_witness_vkey,
        crate::ledger::add_checkpoint::add_checkpoint,
        crate::platform::health::healthz,
        crate::platform::health::metrics,
    ),
    tags(
        (name = "registry", description = "社会组织法人库"),
        (name = "services", description = "网上办事（一网通办）：事项目录与办事指南、我的申请与办理进度、工作人员办件工作台；写操作（申请、修改、上传材料、提交、办理）以会话 Cookie 认证并须在请求头 X-CSRF-Token 中携带会话的 CSRF 令牌（见 /api/v1/my/session、/api/v1/admin/session）"),
        (name = "credit", description = "信用信息与活动异常名录、严重违法失信名单（民政部令第60号）"),
        (name = "ledger", description = "公开账本（透明日志）：条目、包含证明、一致性证明、回执、检查点、验证密钥、见证联署（C2SP tlog-witness）。瓦片见 /ledger/tile/…（C2SP tlog-tiles）"),
        (name = "enforcement", description = "执法监察：投诉举报（可匿名，自动立为案件线索，凭查询码查看结果）、非法社会组织名单、合法性查询、文本筛查"),
        (name = "operations", description = "运维"),
    )
)]
pub struct ApiDoc;

pub async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
