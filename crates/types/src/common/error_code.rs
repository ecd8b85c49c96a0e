//! The one table of error codes: every stable snake_case code a client can receive in
//! `{"error": {"code", "message"}}`, with its HTTP status, in one enum (meilisearch's `Code`
//! table is the model). Clients branch on these strings, so a code, once published, keeps its
//! spelling; a new failure gets a new row here, never a string written at the call site.
//!
//! The status is data of the code (a client may rely on it), so it lives here; the server only
//! turns the number into its `StatusCode`.

macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $status:literal; )*) => {
        /// A stable error code (see the module documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in the table's order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as clients see it.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $name,)* }
            }

            /// The HTTP status a response with this code carries.
            pub const fn http_status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status,)* }
            }
        }
    };
}

error_codes! {
    // 通用
    /// 请求格式错误（axum 拒绝的路径、查询或请求体）
    InvalidRequest = "invalid_request", 400;
    /// 请求参数无法解析
    MalformedRequest = "malformed_request", 400;
    /// JSON 请求体无法解析或字段不符
    InvalidJson = "invalid_json", 400;
    /// 写操作的请求体须为 application/json
    UnsupportedMediaType = "unsupported_media_type", 415;
    /// 请求体超过上限
    BodyTooLarge = "body_too_large", 413;
    /// 文本超过上限
    TextTooLarge = "text_too_large", 413;
    /// 一次提交的条目过多
    TooManyItems = "too_many_items", 413;
    /// 没有这个地址或记录
    NotFound = "not_found", 404;
    /// 没有这个地址
    RouteNotFound = "route_not_found", 404;
    /// 该地址不支持这种请求方法
    MethodNotAllowed = "method_not_allowed", 405;
    /// 并发的另一请求已改变了这项数据
    Conflict = "conflict", 409;
    /// 办理期间状态已被他人改变
    StateChanged = "state_changed", 409;
    /// 请求过于频繁
    RateLimited = "rate_limited", 429;
    /// 数据库暂不可用
    DatabaseUnavailable = "database_unavailable", 503;
    /// 电子档案库暂不可用
    ArchiveUnavailable = "archive_unavailable", 503;
    /// 服务器内部错误（原因写入日志）
    InternalError = "internal_error", 500;
    // 账号与权限
    /// 需要登录
    LoginRequired = "login_required", 401;
    /// API 密钥无效
    InvalidApiKey = "invalid_api_key", 401;
    /// API 密钥无权访问该接口
    ApiKeyScope = "api_key_scope", 403;
    /// 缺少 CSRF 令牌
    CsrfHeaderMissing = "csrf_header_missing", 403;
    /// CSRF 令牌不符
    CsrfFailed = "csrf_failed", 403;
    /// 不在本人管辖范围内
    OutsideJurisdiction = "outside_jurisdiction", 403;
    /// 只读账号不能办理
    RoleForbidden = "role_forbidden", 403;
    /// 账号类型不能办理该事项
    AccountKindMismatch = "account_kind_mismatch", 403;
    // 登记信息与查询
    /// 没有这个统一社会信用代码的登记记录
    OrgNotFound = "org_not_found", 404;
    /// 组织不在正常登记状态
    OrgNotActive = "org_not_active", 409;
    /// 统一社会信用代码无效
    InvalidUscc = "invalid_uscc", 400;
    /// 行政区划代码无效
    InvalidDivision = "invalid_division", 400;
    /// 组织类型无效
    InvalidKind = "invalid_kind", 400;
    /// 排序方式无效
    InvalidSort = "invalid_sort", 400;
    /// 状态参数无效
    InvalidState = "invalid_state", 400;
    /// 登记状态参数无效
    InvalidStatus = "invalid_status", 400;
    /// 信用状态参数无效
    InvalidCredit = "invalid_credit", 400;
    /// 成立日期范围无效
    InvalidFoundedRange = "invalid_founded_range", 400;
    /// founded_from 不是有效日期
    InvalidFoundedFrom = "invalid_founded_from", 400;
    /// founded_to 不是有效日期
    InvalidFoundedTo = "invalid_founded_to", 400;
    /// page 不是允许范围内的整数
    InvalidPage = "invalid_page", 400;
    /// per_page 不是允许范围内的整数
    InvalidPerPage = "invalid_per_page", 400;
    /// 变更流游标无效
    InvalidCursor = "invalid_cursor", 400;
    /// 条数参数无效
    InvalidLimit = "invalid_limit", 400;
    /// 没有该数据字典
    SchemaNotFound = "schema_not_found", 404;
    /// 尚未生成开放数据文件
    OpenDataNotReady = "open_data_not_ready", 404;
    /// 开放数据清单中没有该文件
    DataFileNotFound = "data_file_not_found", 404;
    /// charity 不是布尔值
    InvalidCharity = "invalid_charity", 400;
    /// public_fundraising 不是布尔值
    InvalidPublicFundraising = "invalid_public_fundraising", 400;
    /// volunteer 不是布尔值
    InvalidVolunteer = "invalid_volunteer", 400;
    /// trade_association 不是布尔值
    InvalidTradeAssociation = "invalid_trade_association", 400;
    /// 查询内容过长
    QueryTooLong = "query_too_long", 400;
    /// 名称过长
    NameTooLong = "name_too_long", 400;
    /// names 和 codes 均为空
    EmptyLookup = "empty_lookup", 400;
    /// 该项只能通过变更登记修改
    EditNotAllowed = "edit_not_allowed", 409;
    /// 登记管理机关不能在此修改
    DivisionChangeNotAllowed = "division_change_not_allowed", 409;
    /// 登记记录不完整或不合规
    RegistryRecordInvalid = "registry_record_invalid", 422;
    /// 编号无效
    InvalidId = "invalid_id", 400;
    /// 范围参数无效
    InvalidRange = "invalid_range", 400;
    /// 操作对象无效
    InvalidTarget = "invalid_target", 400;
    /// 操作无效
    InvalidAction = "invalid_action", 400;
    /// 没有选择任何对象
    NothingSelected = "nothing_selected", 400;
    // 网上办事
    /// 没有这个办事事项
    ServiceNotFound = "service_not_found", 404;
    /// 没有这个申请
    ApplicationNotFound = "application_not_found", 404;
    /// 申请表填写有误（逐项见 fields）
    ApplicationInvalid = "application_invalid", 400;
    /// 表单内容无效
    InvalidForm = "invalid_form", 400;
    /// 举报类型不在可选范围内
    InvalidComplaintCategory = "invalid_complaint_category", 400;
    /// 缺少必需的申请材料
    MaterialsMissing = "materials_missing", 422;
    /// 该事项没有这种材料
    MaterialUnknown = "material_unknown", 422;
    /// 当前状态不能上传材料
    UploadNotAllowed = "upload_not_allowed", 409;
    /// 上传的请求体无效
    MultipartInvalid = "multipart_invalid", 400;
    /// 没有这个材料模板
    TemplateNotFound = "template_not_found", 404;
    /// 当前状态不能办理这一步
    TransitionNotAllowed = "transition_not_allowed", 409;
    /// 这一步应由另一方办理
    ActorNotAllowed = "actor_not_allowed", 403;
    /// 这一步须说明理由
    ReasonRequired = "reason_required", 422;
    /// 评估等级无效
    GradeInvalid = "grade_invalid", 422;
    /// 年检结论无效
    InspectionResultInvalid = "inspection_result_invalid", 422;
    /// 登记未满一年，不能申请公开募捐资格
    FundraisingTooEarly = "fundraising_too_early", 422;
    /// 未认定为慈善组织，不能申请公开募捐资格
    FundraisingNotCharity = "fundraising_not_charity", 422;
    /// 已具有公开募捐资格
    FundraisingAlreadyGranted = "fundraising_already_granted", 422;
    // 附件
    /// 没有这个附件
    AttachmentNotFound = "attachment_not_found", 404;
    /// 附件编号无效
    AttachmentIdInvalid = "attachment_id_invalid", 400;
    /// 缺少附件内容
    AttachmentMissing = "attachment_missing", 400;
    /// 附件为空
    AttachmentEmpty = "attachment_empty", 400;
    /// 附件不完整
    AttachmentTruncated = "attachment_truncated", 400;
    /// 附件过大
    AttachmentTooLarge = "attachment_too_large", 413;
    /// 附件合计过大
    AttachmentsTooLarge = "attachments_too_large", 413;
    /// 附件类型不受支持
    AttachmentTypeUnsupported = "attachment_type_unsupported", 415;
    /// 附件的 base64 无效
    AttachmentBase64Invalid = "attachment_base64_invalid", 400;
    /// 附件过多
    TooManyAttachments = "too_many_attachments", 400;
    // 信用
    /// 没有这个异议
    ObjectionNotFound = "objection_not_found", 404;
    /// 理由无效
    InvalidReason = "invalid_reason", 400;
    /// 联系方式无效
    InvalidContact = "invalid_contact", 400;
    /// 不符合申请移出严重违法失信名单的条件（未满2年、须先履行义务、应在注销后移出等）
    CreditRemovalNotAllowed = "credit_removal_not_allowed", 422;
    /// 作出处罚决定时须填写处罚信息
    PenaltyRequired = "penalty_required", 400;
    // 投诉举报与执法
    /// 没有这个投诉举报
    ComplaintNotFound = "complaint_not_found", 404;
    /// 未填写被举报组织
    ComplaintSubjectMissing = "complaint_subject_missing", 400;
    /// 举报内容长度不符
    ComplaintContentLength = "complaint_content_length", 400;
    /// 匿名举报不应填写姓名和联系方式
    ComplaintAnonymousConflict = "complaint_anonymous_conflict", 400;
    /// 无法确定受理机关
    ComplaintUnroutable = "complaint_unroutable", 400;
    /// 被举报组织名称过长
    ComplaintNameTooLong = "complaint_name_too_long", 400;
    /// 举报人姓名过长
    InvalidReporterName = "invalid_reporter_name", 400;
    /// 查询码格式不正确
    InvalidTrackingNo = "invalid_tracking_no", 400;
    /// 没有这个案件
    CaseNotFound = "case_not_found", 404;
    /// 案件未关联已登记的组织
    CaseOrgUnknown = "case_org_unknown", 400;
    /// 办理期间案件状态已被他人改变
    CaseStateChanged = "case_state_changed", 409;
    /// 案件当前状态不能办理这一步
    CaseStepNotAllowed = "case_step_not_allowed", 400;
    /// 这一步须说明理由
    CaseReasonRequired = "case_reason_required", 400;
    /// 没有这条审计记录
    AuditNotFound = "audit_not_found", 404;
    /// 审计记录编号无效
    InvalidAuditId = "invalid_audit_id", 400;
    // 透明日志
    /// 本节点未开启透明日志
    LedgerDisabled = "ledger_disabled", 404;
    /// 没有这个条目
    EntryNotFound = "entry_not_found", 404;
    /// 该记录尚未写入透明日志
    NotYetLogged = "not_yet_logged", 404;
    /// 树大小超过日志当前大小
    SizeBeyondLog = "size_beyond_log", 404;
    /// 没有这个瓦片
    TileNotFound = "tile_not_found", 404;
    /// 瓦片路径无效
    InvalidTilePath = "invalid_tile_path", 404;
    /// 树大小不是非负整数
    InvalidSize = "invalid_size", 400;
    /// 条目序号不是非负整数
    InvalidIndex = "invalid_index", 400;
    /// 旧树大小大于新树大小
    OldSizeTooLarge = "old_size_too_large", 400;
    /// 一致性证明不成立
    ConsistencyProofInvalid = "consistency_proof_invalid", 422;
    /// 检查点未由本日志签名
    CheckpointNotSigned = "checkpoint_not_signed", 403;
    /// 不是本日志的检查点
    UnknownLog = "unknown_log", 404;
    /// 本节点未配置见证
    WitnessNotConfigured = "witness_not_configured", 404;
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_snake_case_with_an_error_status() {
        let mut seen = HashSet::new();
        for c in ErrorCode::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{s} is not snake_case"
            );
            assert!((400..600).contains(&c.http_status()), "{s}");
        }
        assert_eq!(ErrorCode::InvalidUscc.as_str(), "invalid_uscc");
        assert_eq!(ErrorCode::Conflict.http_status(), 409);
    }
}
