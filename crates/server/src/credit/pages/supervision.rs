//! `/admin/orgs/{uscc}/credit/{rectifications,letters}` — the supervision documents of 活动异常
//! 名录 items (三) and (六) on the credit page: a 整改通知 with its deadline, its completion
//! once checked, a 专用信函 with its fate. The rules run for the organization at once and the
//! notice says what they did.

use super::admin::{Failed, enter, show};
use crate::AppState;
use crate::credit::forms::{parse_completion, parse_letter, parse_rectification};
use crate::credit::supervision::{self, Effect};
use crate::error::PageError;
use crate::web::extract::{AnyForm, OfficialForm};
use axum::extract::{Path, State};
use axum::response::Response;

fn effect_note((listed, removed): Effect) -> String {
    match (listed, removed) {
        (0, 0) => String::new(),
        (l, 0) => format!("依规则列入活动异常名录 {l} 条。"),
        (0, r) => format!("依规则移出名录 {r} 条。"),
        (l, r) => format!("依规则列入 {l} 条、移出 {r} 条。"),
    }
}

/// `POST /admin/orgs/{uscc}/credit/rectifications` — a 整改通知.
pub async fn order(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let r = match parse_rectification(&form, state.clock.today()) {
        Ok(r) => r,
        Err(errs) => {
            return show(
                &state,
                &s,
                &uscc,
                Some(Failed::invalid("r", &form, errs)),
                None,
            )
            .await;
        }
    };
    match supervision::issue_order(&state, &s, &uscc, &r).await {
        Ok(e) => {
            let msg = format!(
                "已登记整改通知 {}（整改期限 {}）。逾期未完成整改的，次日起依规则列入活动异常名录。{}",
                r.doc_no,
                r.deadline,
                effect_note(e)
            );
            show(&state, &s, &uscc, None, Some(msg)).await
        }
        Err(e) => {
            show(
                &state,
                &s,
                &uscc,
                Some(Failed::refused("r", &form, "doc_no", e)?),
                None,
            )
            .await
        }
    }
}

/// `POST /admin/orgs/{uscc}/credit/rectifications/{id}/done` — the order completed.
pub async fn complete(
    State(state): State<AppState>,
    Path((raw, id)): Path<(String, i64)>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let prefix = format!("c{id}");
    let (on, note) = match parse_completion(&form, state.clock.today()) {
        Ok(v) => v,
        Err(errs) => {
            return show(
                &state,
                &s,
                &uscc,
                Some(Failed::invalid(prefix, &form, errs)),
                None,
            )
            .await;
        }
    };
    match supervision::complete_order(&state, &s, &uscc, id, on, &note).await {
        Ok(e) => {
            let msg = format!("已记录整改通知 {id} 完成整改。{}", effect_note(e));
            show(&state, &s, &uscc, None, Some(msg)).await
        }
        Err(e) => {
            let failed = Failed::refused(prefix, &form, "completed_on", e)?;
            show(&state, &s, &uscc, Some(failed), None).await
        }
    }
}

/// `POST /admin/orgs/{uscc}/credit/letters` — a 专用信函 and its fate.
pub async fn letter(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OfficialForm(s, AnyForm(form)): OfficialForm<AnyForm>,
) -> Result<Response, PageError> {
    let uscc = enter(&state, &s, &raw).await?;
    let l = match parse_letter(&form, state.clock.today()) {
        Ok(l) => l,
        Err(errs) => {
            return show(
                &state,
                &s,
                &uscc,
                Some(Failed::invalid("m", &form, errs)),
                None,
            )
            .await;
        }
    };
    match supervision::record_letter(&state, &s, &uscc, &l).await {
        Ok(e) => {
            let fate = if l.returned {
                "无人签收退回"
            } else {
                "已签收"
            };
            let msg = format!(
                "已登记专用信函 {}（{fate}）。{}",
                l.tracking_no,
                effect_note(e)
            );
            show(&state, &s, &uscc, None, Some(msg)).await
        }
        Err(e) => {
            show(
                &state,
                &s,
                &uscc,
                Some(Failed::refused("m", &form, "tracking_no", e)?),
                None,
            )
            .await
        }
    }
}
