//! A complaint (投诉举报) from the form or the API: every field checked before anything is
//! written, the case routed — to the registrar of the organization named (by 统一社会信用代码
//! or its exact registered name), otherwise to the division where the activity takes place —
//! the evidence files checked and kept in the archive, then the complaint and its case in one
//! transaction. A refused complaint stores nothing in the database.

use crate::AppState;
use crate::error::ApiError;
use crate::platform::archive::{self, MAX_ATTACHMENT_BYTES};
use crate::registry::api::org_get::parse_uscc;
use chrono::Datelike;
use gongyi_screen::normalize_name;
use gongyi_store::enforcement::cases::NewCase;
use gongyi_store::enforcement::complaints::{NewComplaint, NewComplaintFile};
use gongyi_types::DivisionCode;
use gongyi_types::ErrorCode;
use gongyi_types::enforcement::complaint_category::category_label;
use gongyi_types::enforcement::tracking_no::TrackingNo;

/// Characters of the complaint text.
pub const MIN_CONTENT_CHARS: usize = 10;
pub const MAX_CONTENT_CHARS: usize = 5000;
/// Evidence files per complaint, and their total size (one file's limit of the archive).
pub const MAX_FILES: usize = 5;
pub const MAX_TOTAL_BYTES: usize = MAX_ATTACHMENT_BYTES;

/// A complaint as typed, from either edge.
#[derive(Debug, Default, Clone)]
pub struct ComplaintInput {
    pub reported_uscc: Option<String>,
    pub reported_name: Option<String>,
    pub division: Option<String>,
    pub content: String,
    pub reporter_name: Option<String>,
    pub contact: Option<String>,
    pub anonymous: bool,
    /// 举报类型: a code of `complaint_category` (optional; a code not in the list is refused).
    pub category: Option<String>,
    /// (file name as given, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

/// What the reporter is told after filing.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub tracking_no: String,
    pub case_no: String,
    pub division: DivisionCode,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn too_long(code: ErrorCode, label: &str, max: usize) -> ApiError {
    ApiError::new(code, format!("{label}不能超过{max}个字符"))
}

/// The name a file is listed under: its last path component, at most 100 characters.
fn file_name(given: &str, i: usize) -> String {
    let base = given
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect::<String>();
    if base.is_empty() {
        format!("附件{}", i + 1)
    } else {
        base
    }
}

/// Checks a complaint, routes it, keeps its files and opens its case.
pub async fn submit(state: &AppState, input: ComplaintInput) -> Result<Receipt, ApiError> {
    let content = input.content.trim().to_string();
    let n = content.chars().count();
    if !(MIN_CONTENT_CHARS..=MAX_CONTENT_CHARS).contains(&n) {
        return Err(ApiError::new(
            ErrorCode::ComplaintContentLength,
            format!(
                "举报内容应为{MIN_CONTENT_CHARS}至{MAX_CONTENT_CHARS}个字符（写明什么组织、在哪里、做了什么），实际为{n}个"
            ),
        ));
    }
    let reported_name = opt(&input.reported_name);
    if reported_name
        .as_ref()
        .is_some_and(|s| s.chars().count() > 100)
    {
        return Err(too_long(
            ErrorCode::ComplaintNameTooLong,
            "被举报组织名称",
            100,
        ));
    }
    let reporter_name = opt(&input.reporter_name);
    if reporter_name
        .as_ref()
        .is_some_and(|s| s.chars().count() > 50)
    {
        return Err(too_long(ErrorCode::InvalidReporterName, "举报人姓名", 50));
    }
    let contact = opt(&input.contact);
    if contact.as_ref().is_some_and(|s| s.chars().count() > 100) {
        return Err(too_long(ErrorCode::InvalidContact, "联系方式", 100));
    }
    if input.anonymous && (reporter_name.is_some() || contact.is_some()) {
        return Err(ApiError::new(
            ErrorCode::ComplaintAnonymousConflict,
            "选择匿名举报时请不要填写姓名和联系方式；如希望被联系，请取消匿名",
        ));
    }
    let anonymous = reporter_name.is_none() && contact.is_none();
    let uscc = opt(&input.reported_uscc)
        .map(|u| parse_uscc(&u))
        .transpose()?;
    let division = opt(&input.division)
        .map(|d| {
            DivisionCode::parse(&d).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidDivision,
                    format!("所在地区划代码无效：{e}"),
                )
            })
        })
        .transpose()?;
    let category = opt(&input.category);
    if let Some(c) = &category
        && category_label(c).is_none()
    {
        return Err(ApiError::new(
            ErrorCode::InvalidComplaintCategory,
            format!("举报类型“{c}”不在可选范围内"),
        ));
    }
    if uscc.is_none() && reported_name.is_none() {
        return Err(ApiError::new(
            ErrorCode::ComplaintSubjectMissing,
            "请填写被举报组织的名称或统一社会信用代码",
        ));
    }
    if input.files.len() > MAX_FILES {
        return Err(ApiError::new(
            ErrorCode::TooManyAttachments,
            format!("附件最多{MAX_FILES}个"),
        ));
    }
    let total: usize = input.files.iter().map(|(_, b)| b.len()).sum();
    if total > MAX_TOTAL_BYTES {
        return Err(ApiError::new(
            ErrorCode::AttachmentsTooLarge,
            format!(
                "附件合计 {total} 字节，超过上限 {} MB",
                MAX_TOTAL_BYTES / (1024 * 1024)
            ),
        ));
    }
    // Every file is checked before any is written: a bad second file leaves nothing behind.
    for (_, bytes) in &input.files {
        archive::check(bytes)?;
    }

    // Routing: the registered organization's registrar, else the place of the activity.
    let mut org = None;
    if let Some(u) = &uscc {
        org = state.store.org(u.as_str()).await?;
    }
    if org.is_none()
        && let Some(name) = &reported_name
    {
        let names = state.legitimacy.names(&state.store).await?;
        let found = names
            .read()
            .map_err(ApiError::internal)?
            .by_normalized(&normalize_name(name));
        let pick = match (found.as_slice(), division) {
            ([one], _) => Some(one.uscc.clone()),
            (many, Some(d)) => many
                .iter()
                .find(|b| DivisionCode::parse(&b.division).is_ok_and(|bd| d.contains(bd)))
                .map(|b| b.uscc.clone()),
            _ => None,
        };
        if let Some(code) = pick {
            org = state.store.org(&code).await?;
        }
    }
    let (route, subject) = match (&org, division) {
        (Some(o), _) => (o.division, o.name.clone()),
        (None, Some(d)) => (
            d,
            reported_name
                .clone()
                .or_else(|| uscc.as_ref().map(|u| u.to_string()))
                .unwrap_or_default(),
        ),
        (None, None) => {
            return Err(ApiError::new(
                ErrorCode::ComplaintUnroutable,
                if uscc.is_some() {
                    "该统一社会信用代码未在本平台登记，请填写活动所在地的区划代码，以便转交当地登记管理机关"
                } else {
                    "未找到该名称的已登记社会组织，请填写活动所在地的区划代码，以便转交当地登记管理机关"
                },
            ));
        }
    };

    let at = state.now_str();
    let mut files = Vec::with_capacity(input.files.len());
    if !input.files.is_empty() {
        let archive = state.archive()?;
        for (i, (name, bytes)) in input.files.iter().enumerate() {
            let stored = archive.put(bytes, &at)?;
            files.push(NewComplaintFile {
                meta: stored.meta,
                file_name: file_name(name, i),
            });
        }
    }
    let today = state.clock.today();
    let tracking_no = TrackingNo::new(today, rand::random::<[u8; 10]>());
    let complaint = NewComplaint {
        tracking_no: tracking_no.to_string(),
        reported_uscc: uscc.as_ref().map(|u| u.to_string()),
        reported_name: reported_name.unwrap_or_else(|| subject.clone()),
        location_division: division.map(|d| d.to_string()),
        content: content.clone(),
        reporter_name,
        contact,
        anonymous,
        submitted_at: at.clone(),
        category,
    };
    let case = NewCase {
        uscc: org.as_ref().map(|o| o.uscc.to_string()),
        subject_name: subject,
        division: route.to_string(),
        source: "complaint".into(),
        summary: content.chars().take(60).collect(),
    };
    let filed = state
        .store
        .file_complaint(&complaint, &files, &case, today.year())
        .await?;
    Ok(Receipt {
        tracking_no: complaint.tracking_no,
        case_no: filed.case_no,
        division: route,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_keep_the_last_component() {
        assert_eq!(super::file_name("C:\\证据\\照片.jpg", 0), "照片.jpg");
        assert_eq!(super::file_name("../../etc/passwd", 0), "passwd");
        assert_eq!(super::file_name("  ", 1), "附件2");
    }

    #[test]
    fn the_form_limits_content_as_the_intake_does() {
        use gongyi_types::enforcement::complaint_form::BODY;
        let content = BODY.iter().find(|f| f.name == "content").unwrap();
        assert_eq!(content.max_chars as usize, super::MAX_CONTENT_CHARS);
        assert!(content.hint.contains(&format!(
            "{}至{}字",
            super::MIN_CONTENT_CHARS,
            super::MAX_CONTENT_CHARS
        )));
    }
}
