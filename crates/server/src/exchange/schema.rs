//! The data dictionary (元数据标准) of what this node exchanges: `GET /api/v1/schema/org.json`
//! — a JSON Schema (2020-12) of an organization as the change feed gives it (`record`), with
//! Chinese titles and the code lists of the national standards: GB 32100's 统一社会信用代码
//! (18 characters, no I O S V Z), GB/T 2260's six-digit division codes, and the platform's
//! codes of kinds, registration statuses and credit standings (each with its Chinese label).
//! The code lists come from the types themselves, so the schema cannot disagree with them.

use crate::error::ApiError;
use axum::Json;
use axum::extract::Path;
use gongyi_types::{CreditStatus, ErrorCode, OrgKind, RegStatus};
use serde_json::{Value, json};

/// An enum's codes as a schema: `enum` with a `oneOf` of `const` + Chinese `title` each.
fn codes<T: Copy>(
    title: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Value {
    json!({
        "title": title,
        "type": "string",
        "oneOf": all.iter().map(|x| json!({"const": code(*x), "title": label(*x)})).collect::<Vec<_>>(),
    })
}

/// The schema of an exchanged organization.
pub fn org_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/api/v1/schema/org.json",
        "title": "社会组织登记信息（交换格式）",
        "description": "变更流 /api/v1/changes 中 record 的结构，与 /api/v1/orgs/{uscc} 相同（不含档案各节）。",
        "type": "object",
        "required": ["uscc", "name", "kind", "status", "credit", "division", "authority", "legal_rep", "founded"],
        "properties": properties(),
    })
}

/// The properties of [`org_schema`] (one `json!` for all would pass the macro's recursion
/// limit).
fn properties() -> Value {
    let text = |title: &str| json!({"title": title, "type": "string"});
    let opt_text = |title: &str| json!({"title": title, "type": ["string", "null"]});
    let date = |title: &str| json!({"title": title, "type": "string", "format": "date"});
    let opt_date =
        |title: &str| json!({"title": title, "type": ["string", "null"], "format": "date"});
    let division = |title: &str| json!({"title": title, "type": "string", "pattern": "^[0-9]{6}$"});
    let mut p = serde_json::Map::new();
    p.insert(
        "uscc".into(),
        json!({
            "title": "统一社会信用代码",
            "description": "GB 32100-2015：18位，不含 I、O、S、V、Z，第18位为校验码",
            "type": "string",
            "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
        }),
    );
    p.insert(
        "uscc_decoded".into(),
        json!({"title": "统一社会信用代码的组成", "type": "object"}),
    );
    p.insert("name".into(), text("名称"));
    p.insert(
        "kind".into(),
        codes("类型", OrgKind::ALL, OrgKind::code, OrgKind::label),
    );
    p.insert("kind_label".into(), text("类型（中文）"));
    p.insert(
        "status".into(),
        codes(
            "登记状态",
            RegStatus::ALL,
            RegStatus::code,
            RegStatus::label,
        ),
    );
    p.insert("status_label".into(), text("登记状态（中文）"));
    p.insert(
        "credit".into(),
        codes(
            "信用状态",
            CreditStatus::ALL,
            CreditStatus::code,
            CreditStatus::label,
        ),
    );
    p.insert("credit_label".into(), text("信用状态（中文）"));
    p.insert(
        "division".into(),
        division("登记管理机关所在行政区划代码（GB/T 2260，100000 为全国）"),
    );
    p.insert("division_name".into(), text("行政区划名称"));
    p.insert("authority".into(), text("登记管理机关"));
    p.insert("supervisor".into(), opt_text("业务主管单位"));
    p.insert("legal_rep".into(), text("法定代表人"));
    p.insert("founded".into(), date("成立登记日期"));
    p.insert("capital_fen".into(), json!({"title": "注册资金（开办资金、原始基金），单位为分", "type": "integer", "minimum": 0}));
    p.insert("capital_label".into(), text("资金名称"));
    p.insert("address".into(), text("住所"));
    p.insert("scope".into(), text("业务范围"));
    p.insert("cert_no".into(), text("登记证号"));
    p.insert("cert_valid_from".into(), opt_date("登记证书有效期起"));
    p.insert("cert_valid_to".into(), opt_date("登记证书有效期止"));
    p.insert("phone".into(), opt_text("联系电话"));
    p.insert("email".into(), opt_text("电子邮箱"));
    p.insert("website".into(), opt_text("网站"));
    p.insert(
        "flags".into(),
        json!({
            "title": "标识",
            "type": "object",
            "properties": {
                "charity": {"title": "慈善组织", "type": "boolean"},
                "public_fundraising": {"title": "具有公开募捐资格", "type": "boolean"},
                "volunteer": {"title": "志愿服务组织", "type": "boolean"},
                "trade_association": {"title": "行业协会商会", "type": "boolean"}
            }
        }),
    );
    Value::Object(p)
}

#[utoipa::path(
    get,
    path = "/api/v1/schema/{type}",
    tag = "exchange",
    summary = "数据字典：交换记录的 JSON Schema（2020-12）",
    params(("type" = String, Path, description = "记录类型的文件名：org.json")),
    responses(
        (status = 200, description = "JSON Schema，含中文标题和代码表", body = Object),
        (status = 404, description = "没有该类型（schema_not_found）", body = crate::error::ErrorBody)
    )
)]
pub async fn get_schema(Path(name): Path<String>) -> Result<Json<Value>, ApiError> {
    match name.as_str() {
        "org.json" => Ok(Json(org_schema())),
        other => Err(ApiError::new(
            ErrorCode::SchemaNotFound,
            format!("没有“{other}”这一数据字典；现有：org.json"),
        )),
    }
}
