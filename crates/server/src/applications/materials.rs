//! Materials of an application: files go into the electronic archive (电子档案, by SHA-256,
//! type sniffed — see `crate::platform::archive`) and are linked to the application with the material
//! they are and the name the applicant gave them, in one transaction with an audit row.
//! Only the applicant (while it is their turn) adds files; the applicant and the officials of
//! the jurisdiction may read them, nobody else.

use crate::AppState;
use crate::auth::applicant::Applicant;
use crate::error::ApiError;
use gongyi_store::AttachmentMeta;
use gongyi_store::applications::ApplicationRow;
use gongyi_types::ErrorCode;
use gongyi_types::applications::ApplicationState as S;

/// The states in which the applicant may add materials.
pub const UPLOAD_STATES: &[S] = &[S::Draft, S::NeedsCorrection];

/// The name of a file as given, without any path, at most 200 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() {
        "未命名文件".to_string()
    } else {
        cleaned
    }
}

/// Checks and keeps one file for `app`; returns what the archive kept (digest, size, sniffed
/// type).
pub async fn add(
    state: &AppState,
    who: &Applicant,
    app: &ApplicationRow,
    material: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<AttachmentMeta, ApiError> {
    if app.account_id != who.id {
        return Err(not_yours());
    }
    if !app.kind.materials().iter().any(|m| m.name == material) {
        return Err(ApiError::new(
            ErrorCode::MaterialUnknown,
            format!("“{material}”不是{}的申请材料", app.kind.label()),
        ));
    }
    if !UPLOAD_STATES.contains(&app.state) {
        return Err(ApiError::new(
            ErrorCode::UploadNotAllowed,
            format!("申请处于“{}”状态，不能上传材料", app.state.label()),
        ));
    }
    let at = state.now_str();
    let stored = state.archive()?.put(bytes, &at)?;
    state
        .store
        .attach_to_application(
            app.id,
            UPLOAD_STATES,
            &stored.meta,
            material,
            &clean_file_name(file_name),
            &who.actor(),
            &at,
        )
        .await?;
    Ok(stored.meta)
}

/// Removes a material the applicant uploaded (a wrong file, to be replaced by uploading the
/// right one), while the application is a draft or awaits 补正.
pub async fn remove(
    state: &AppState,
    who: &Applicant,
    app: &ApplicationRow,
    material: &str,
    sha256: &str,
) -> Result<(), ApiError> {
    if app.account_id != who.id {
        return Err(not_yours());
    }
    if !UPLOAD_STATES.contains(&app.state) {
        return Err(ApiError::new(
            ErrorCode::UploadNotAllowed,
            format!("申请处于“{}”状态，不能删除材料", app.state.label()),
        ));
    }
    state
        .store
        .detach_from_application(
            app.id,
            UPLOAD_STATES,
            material,
            sha256,
            &who.actor(),
            &state.now_str(),
        )
        .await
        .map_err(|e| match e {
            gongyi_store::StoreError::NotFound(_) => {
                ApiError::new(ErrorCode::AttachmentNotFound, "该申请没有这份材料")
            }
            e => e.into(),
        })
}

/// 404 rather than 403 for someone else's application: its existence is not disclosed.
pub fn not_yours() -> ApiError {
    ApiError::new(ErrorCode::ApplicationNotFound, "未找到该申请")
}

/// The bytes and media type of a material of `app`, if `sha256` is one of its materials.
pub async fn read(
    state: &AppState,
    app: &ApplicationRow,
    sha256: &str,
) -> Result<(Vec<u8>, String, String), ApiError> {
    let linked = state.store.application_attachments(app.id).await?;
    let Some(a) = linked.into_iter().find(|a| a.meta.sha256 == sha256) else {
        return Err(ApiError::new(
            ErrorCode::AttachmentNotFound,
            "该申请没有这个附件",
        ));
    };
    let bytes = state.archive()?.get(sha256)?;
    Ok((bytes, a.meta.media_type, a.file_name))
}

/// A download response: see [`crate::platform::archive::download`].
pub fn download(bytes: Vec<u8>, media_type: &str, file_name: &str) -> axum::response::Response {
    crate::platform::archive::download(bytes, media_type, file_name)
}
