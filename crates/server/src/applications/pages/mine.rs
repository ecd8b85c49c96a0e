//! The applicant's pages: `/services/{kind}/apply` (the form), `/my/applications` (their
//! applications), `/my/applications/{id}` (progress with every step and reason, materials,
//! submit, 补正), `/my/applications/{id}/form` (edit the form of a draft or a 需补正
//! application) and the downloads of their own materials. Every form carries the applicant
//! session's CSRF token; someone else's application is a 404.

use crate::AppState;
use crate::applications::apply::{ApplyError, create, edit_form};
use crate::applications::materials::{self, UPLOAD_STATES};
use crate::applications::pages::guide::parse_kind;
use crate::applications::pages::view::{AppView, build, deadline_of};
use crate::applications::steps::applicant_step;
use crate::auth::applicant::ApplicantSession;
use crate::auth::csrf;
use crate::error::{ApiError, PageError};
use crate::web::extract::{AnyForm, ApplicantForm, ApplicantPage};
use crate::web::form::{FormField, form_fields};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongyi_types::ErrorCode;
use gongyi_types::applications::forms::{FieldError, FieldSpec, fields};
use gongyi_types::applications::{AppAction, ApplicationState as S, ServiceKind};
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "applications/form.html")]
struct NewPage {
    nav: Nav,
    csrf: String,
    kind: ServiceKind,
    specs: &'static [FieldSpec],
    values: BTreeMap<String, String>,
    errors: Vec<FieldError>,
    who: String,
    /// Where the form posts: the new application, or the edit of an existing one.
    action: String,
    /// The number of the application being edited (`None`: a new one).
    editing: Option<String>,
    /// For 移出严重违法失信名单: the organization's open serious entries, to pick from.
    serious: Vec<crate::credit::removal::OpenSerious>,
}

impl NewPage {
    /// The form's fields with the values as typed and each field's error.
    fn form_fields(&self) -> Vec<FormField> {
        form_fields(self.specs, &self.values, &self.errors)
    }
}

#[derive(Template)]
#[template(path = "applications/mine.html")]
struct ListPage {
    nav: Nav,
    csrf: String,
    who: String,
    /// (id, number, kind, title, state, deadline)
    rows: Vec<(i64, String, String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "applications/view.html")]
pub(crate) struct DetailPage {
    pub(crate) nav: Nav,
    pub(crate) csrf: String,
    pub(crate) a: AppView,
    pub(crate) official: bool,
    pub(crate) base: String,
    pub(crate) actions: Vec<(String, String)>,
    pub(crate) can_upload: bool,
    pub(crate) can_submit: bool,
    pub(crate) can_correct: bool,
    pub(crate) materials: Vec<(String, bool)>,
    pub(crate) evaluation: bool,
    pub(crate) annual_report: bool,
    /// What the last post did (redirect after post: `?done=…`).
    pub(crate) notice: Option<&'static str>,
}

/// `?done=…` after a post on an application's page.
#[derive(serde::Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

impl Done {
    /// The notice a page shows after the post that redirected to it.
    pub fn notice(&self) -> Option<&'static str> {
        Some(match self.done.as_deref()? {
            "created" => "草稿已保存。请上传申请材料，然后提交申请。",
            "uploaded" => "材料已上传。",
            "removed" => "材料已删除。上传正确的文件即可替换。",
            "edited" => "申请表已保存。",
            "submitted" => "申请已提交。登记管理机关将在5个工作日内决定是否受理，结果在本页查看。",
            "corrected" => "补正已提交，等待登记管理机关审查。",
            "step" => "已办理，申请人可在其“我的申请”中看到本步骤和理由。",
            _ => return None,
        })
    }
}

/// The application's page after a post, with its notice.
fn back(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/my/applications/{id}?done={done}")).into_response()
}

fn new_page(s: &ApplicantSession, kind: ServiceKind) -> NewPage {
    NewPage {
        nav: Nav::from_applicant(s),
        csrf: s.csrf.clone(),
        kind,
        specs: fields(kind),
        values: BTreeMap::new(),
        errors: vec![],
        who: s.applicant.display_name.clone(),
        action: format!("/services/{}/apply", kind.code()),
        editing: None,
        serious: vec![],
    }
}

/// The page with what its service needs to show beside the form: for 移出严重违法失信名单,
/// the organization's open serious entries and how each may leave.
async fn with_context(state: &AppState, s: &ApplicantSession, mut p: NewPage) -> NewPage {
    if p.kind == ServiceKind::CreditRemoval
        && let Some(uscc) = &s.applicant.uscc
    {
        match crate::credit::removal::open_serious(state, uscc, state.clock.today()).await {
            Ok(v) => p.serious = v,
            Err(e) => tracing::warn!(error = %e.message, "open serious entries not shown"),
        }
    }
    p
}

/// The form page of application `app`, filled with `values`.
fn edit_page(
    s: &ApplicantSession,
    app: &gongyi_store::applications::ApplicationRow,
    values: BTreeMap<String, String>,
) -> NewPage {
    NewPage {
        values,
        action: format!("/my/applications/{}/form", app.id),
        editing: Some(app.number.clone()),
        ..new_page(s, app.kind)
    }
}

/// A form page answered 422 with the field errors, values kept as typed.
fn invalid_form(
    mut p: NewPage,
    errs: Vec<FieldError>,
    mut values: BTreeMap<String, String>,
) -> Response {
    values.remove("csrf");
    p.errors = errs;
    p.values = values;
    let mut res = render(&p);
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res.headers_mut().insert(
        "gongyi-error-code",
        axum::http::HeaderValue::from_static("application_invalid"),
    );
    res
}

pub async fn new_form(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let kind = parse_kind(&raw)?;
    Ok(render(&with_context(&state, &s, new_page(&s, kind)).await))
}

pub async fn create_submit(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    ApplicantForm(s, AnyForm(f)): ApplicantForm<AnyForm>,
) -> Result<Response, PageError> {
    let kind = parse_kind(&raw)?;
    match create(&state, &s.applicant, kind, &f).await {
        Ok((id, _)) => Ok(back(id, "created")),
        Err(ApplyError::Form(errs)) => Ok(invalid_form(
            with_context(&state, &s, new_page(&s, kind)).await,
            errs,
            f,
        )),
        Err(ApplyError::Api(e)) => Err(e.into()),
    }
}

pub async fn list(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
) -> Result<Response, PageError> {
    let today = state.clock.today();
    let rows = state
        .store
        .applications_of(s.applicant.id)
        .await?
        .into_iter()
        .map(|a| {
            let (deadline, _) = deadline_of(&a, today);
            (
                a.id,
                a.number,
                a.kind.label().to_string(),
                a.title,
                a.state.label_in(a.kind).to_string(),
                deadline,
            )
        })
        .collect();
    Ok(render(&ListPage {
        nav: Nav::from_applicant(&s),
        csrf: s.csrf.clone(),
        who: s.applicant.label(),
        rows,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let a = build(&state, &app).await?;
    Ok(render(&DetailPage {
        nav: Nav::from_applicant(&s),
        csrf: s.csrf.clone(),
        official: false,
        base: format!("/my/applications/{id}"),
        actions: vec![],
        can_upload: UPLOAD_STATES.contains(&app.state),
        can_submit: app.state == S::Draft,
        can_correct: app.state == S::NeedsCorrection,
        materials: app
            .kind
            .materials()
            .iter()
            .map(|m| (m.name.to_string(), m.required))
            .collect(),
        evaluation: false,
        annual_report: false,
        notice: done.notice(),
        a,
    }))
}

/// `POST /my/applications/{id}/attachments` — multipart: `csrf`, `material`, `file`.
pub async fn upload(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
    Path(id): Path<i64>,
    mut mp: Multipart,
) -> Result<Response, PageError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::new(ErrorCode::MultipartInvalid, format!("上传的表单无效：{e}"))
    };
    let (mut token, mut material, mut file) = (String::new(), String::new(), None);
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "csrf" => token = field.text().await.map_err(bad)?,
            "material" => material = field.text().await.map_err(bad)?,
            "file" => {
                let name = field.file_name().unwrap_or("").to_string();
                file = Some((name, field.bytes().await.map_err(bad)?));
            }
            _ => {}
        }
    }
    csrf::check(&s.csrf, &token)?;
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let Some((name, bytes)) = file else {
        return Err(ApiError::new(ErrorCode::AttachmentMissing, "请选择要上传的文件").into());
    };
    materials::add(&state, &s.applicant, &app, material.trim(), &name, &bytes).await?;
    Ok(back(id, "uploaded"))
}

async fn step(
    state: &AppState,
    s: ApplicantSession,
    id: i64,
    f: &BTreeMap<String, String>,
    action: AppAction,
) -> Result<Response, PageError> {
    let app = crate::applications::own(state, &s.applicant, id).await?;
    let note = f.get("note").cloned().unwrap_or_default();
    applicant_step(state, &s.applicant, &app, action, &note).await?;
    Ok(back(
        id,
        if action == AppAction::Submit {
            "submitted"
        } else {
            "corrected"
        },
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    ApplicantForm(s, AnyForm(f)): ApplicantForm<AnyForm>,
) -> Result<Response, PageError> {
    step(&state, s, id, &f, AppAction::Submit).await
}

pub async fn correct(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    ApplicantForm(s, AnyForm(f)): ApplicantForm<AnyForm>,
) -> Result<Response, PageError> {
    step(&state, s, id, &f, AppAction::Correct).await
}

/// `GET /my/applications/{id}/form` — the form of a draft or a 需补正 application, to edit.
pub async fn edit_form_page(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    if !UPLOAD_STATES.contains(&app.state) {
        return Err(edit_not_allowed(&app).into());
    }
    let values = crate::applications::form_of(&app)?;
    Ok(render(&edit_page(&s, &app, values)))
}

fn edit_not_allowed(app: &gongyi_store::applications::ApplicationRow) -> ApiError {
    ApiError::new(
        ErrorCode::EditNotAllowed,
        format!("申请处于“{}”状态，不能修改申请表", app.state.label()),
    )
}

/// `POST /my/applications/{id}/form` — saves the edited form (every field checked again); after
/// submission the change is a step of the procedure, with the changed fields.
pub async fn edit_form_submit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    ApplicantForm(s, AnyForm(f)): ApplicantForm<AnyForm>,
) -> Result<Response, PageError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    match edit_form(&state, &s.applicant, &app, &f).await {
        Ok(_) => Ok(back(id, "edited")),
        Err(ApplyError::Form(errs)) => {
            Ok(invalid_form(edit_page(&s, &app, BTreeMap::new()), errs, f))
        }
        Err(ApplyError::Api(e)) => Err(e.into()),
    }
}

/// `POST /my/applications/{id}/attachments/remove` — `csrf`, `material`, `sha256`: a wrong
/// file removed (then the right one uploaded), while a draft or awaiting 补正.
pub async fn remove(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    ApplicantForm(s, AnyForm(f)): ApplicantForm<AnyForm>,
) -> Result<Response, PageError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    materials::remove(&state, &s.applicant, &app, &get("material"), &get("sha256")).await?;
    Ok(back(id, "removed"))
}

pub async fn download(
    State(state): State<AppState>,
    ApplicantPage(s): ApplicantPage,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let app = crate::applications::own(&state, &s.applicant, id).await?;
    let (bytes, media, name) = materials::read(&state, &app, &sha).await?;
    Ok(materials::download(bytes, &media, &name))
}
