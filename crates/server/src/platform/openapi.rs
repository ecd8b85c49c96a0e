//! `GET /api/openapi.json` — the OpenAPI 3.1 document of every endpoint (utoipa). Each
//! domain's router registers its API routes with `utoipa_axum::routes!`, which adds the route
//! and its `#[utoipa::path]` entry together; this file holds only the document's title and tags,
//! and `router::api_document` is the document the domains' routers assembled.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "gongyi 社会组织信息平台 API", description = "社会组织法人库、一网通查。错误统一为 {\"error\": {\"code\", \"message\"}}。"),
    tags(
        (name = "registry", description = "社会组织法人库"),
        (name = "services", description = "网上办事（一网通办）：事项目录与办事指南、我的申请与办理进度、工作人员办件工作台；写操作（申请、修改、上传材料、提交、办理）以会话 Cookie 认证并须在请求头 X-CSRF-Token 中携带会话的 CSRF 令牌（见 /api/v1/my/session、/api/v1/admin/session）"),
        (name = "credit", description = "信用信息与活动异常名录、严重违法失信名单（民政部令第60号）"),
        (name = "ledger", description = "公开账本（透明日志）：条目、包含证明、一致性证明、回执、检查点、验证密钥、见证联署（C2SP tlog-witness）。瓦片见 /ledger/tile/…（C2SP tlog-tiles）"),
        (name = "enforcement", description = "执法监察：投诉举报（可匿名，自动立为案件线索，凭查询码查看结果）、非法社会组织名单、合法性查询、文本筛查"),
        (name = "exchange", description = "数据融通：按顺序的公开变更流（游标分页），供上级节点、相关部门和平台同步"),
        (name = "operations", description = "运维"),
    )
)]
pub struct ApiDoc;

pub async fn openapi_document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(crate::router::api_document())
}
