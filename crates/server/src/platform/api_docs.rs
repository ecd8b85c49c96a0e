//! `/api` — a browsable page of every endpoint, rendered on the server from the same OpenAPI
//! document as `/api/openapi.json` (no CDN, no JavaScript).

use crate::AppState;
use crate::auth::current_session;
use crate::error::PageError;
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

pub struct Op {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    /// (name, in, required, description)
    pub params: Vec<(String, String, String, String)>,
    pub responses: Vec<String>,
    pub example: Option<String>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocs {
    nav: Nav,
    ops: Vec<Op>,
}

fn s(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Every operation of the document, in path order.
pub fn operations() -> Vec<Op> {
    let doc = serde_json::to_value(crate::router::api_document()).unwrap_or(Value::Null);
    let mut ops = vec![];
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return ops;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            if !matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete") {
                continue;
            }
            let params = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            let req = if p.get("required").and_then(Value::as_bool).unwrap_or(false)
                            {
                                "是"
                            } else {
                                "否"
                            };
                            (
                                s(p, "name"),
                                s(p, "in"),
                                req.to_string(),
                                s(p, "description"),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .map(|r| {
                    r.iter()
                        .map(|(code, v)| format!("{code} {}", s(v, "description")))
                        .collect()
                })
                .unwrap_or_default();
            let example = match (method.as_str(), path.as_str()) {
                ("get", "/api/v1/orgs") => Some("/api/v1/orgs?q=社会&per_page=5".to_string()),
                ("get", p) if !p.contains('{') => Some(p.to_string()),
                _ => None,
            };
            ops.push(Op {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: s(op, "summary"),
                description: s(op, "description"),
                params,
                responses,
                example,
            });
        }
    }
    ops
}

pub async fn handler(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let session = current_session(&state, &headers).await?;
    Ok(render(&ApiDocs {
        nav: Nav::public(&state, &headers, &session).await?,
        ops: operations(),
    }))
}
