//! The public complaint form (投诉举报) in the one form system: its fields in three groups (the
//! organization reported, what happened, who reports), and for each refusal of the intake the
//! field it is shown beside — so a failed post shows the error where the citizen has to act,
//! and keeps everything typed (the evidence files excepted: browsers never refill a file input).

use crate::ErrorCode;
use crate::common::form::{FieldSpec, Input, field};
use crate::enforcement::complaint_category::COMPLAINT_CATEGORIES;

/// The organization reported.
pub const SUBJECT: &[FieldSpec] = &[
    field("reported_name", "组织名称", Input::Text, false).max(100),
    field(
        "reported_uscc",
        "统一社会信用代码（18位）",
        Input::Code,
        false,
    )
    .max(18)
    .hint("名称或代码至少填写一项；代码在组织的登记证书或公示信息上。"),
];

/// What happened. The content's limit is the intake's `MAX_CONTENT_CHARS` (tested).
pub const BODY: &[FieldSpec] = &[
    field(
        "category",
        "举报类型",
        Input::Select(COMPLAINT_CATEGORIES),
        false,
    ),
    field("content", "举报内容", Input::TextArea, true)
        .max(5000)
        .hint("写明什么时间、在哪里、做了什么，10至5000字。"),
];

/// Who reports (both optional: a complaint may be anonymous).
pub const REPORTER: &[FieldSpec] = &[
    field("reporter_name", "姓名", Input::Text, false).max(50),
    field("contact", "联系方式", Input::Text, false)
        .max(100)
        .hint("电话或电子邮箱，仅承办的工作人员可见。"),
];

/// The region selector's and the evidence files' names, for errors shown beside them.
pub const REGION: &str = "region";
pub const ATTACHMENTS: &str = "attachments";
pub const ANONYMOUS: &str = "anonymous";

/// The field a refusal of the intake belongs beside ("" for the form as a whole).
pub fn field_of(code: ErrorCode) -> &'static str {
    use ErrorCode as E;
    match code {
        E::ComplaintNameTooLong | E::ComplaintSubjectMissing => "reported_name",
        E::InvalidUscc => "reported_uscc",
        E::InvalidComplaintCategory => "category",
        E::ComplaintContentLength => "content",
        E::InvalidReporterName => "reporter_name",
        E::InvalidContact => "contact",
        E::ComplaintAnonymousConflict => ANONYMOUS,
        E::InvalidDivision | E::ComplaintUnroutable => REGION,
        E::TooManyAttachments
        | E::AttachmentsTooLarge
        | E::AttachmentTooLarge
        | E::AttachmentEmpty
        | E::AttachmentTruncated
        | E::AttachmentTypeUnsupported
        | E::UnsupportedMediaType => ATTACHMENTS,
        _ => "",
    }
}
