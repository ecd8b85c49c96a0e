//! `/services` — the list of online services, and `/services/{kind}/guide` — each one's
//! 办事指南 (materials, time limits, procedure, legal basis), as a printable page and as a
//! downloadable Markdown file (`/services/{kind}/guide.md`).

use crate::AppState;
use crate::auth::applicant::current_applicant;
use crate::error::{ApiError, PageError};
use crate::web::layout::{Nav, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use gongyi_types::applications::{ACCEPT_DAYS, ServiceKind};

/// What a guide says about one service.
pub struct Guide {
    pub code: &'static str,
    pub label: &'static str,
    pub applicant: &'static str,
    pub authority: &'static str,
    pub accept_days: u32,
    pub decision_days: u32,
    pub materials: Vec<(&'static str, bool)>,
    pub fields: Vec<&'static str>,
    pub basis: &'static str,
}

impl Guide {
    pub fn of(kind: ServiceKind) -> Guide {
        Guide {
            code: kind.code(),
            label: kind.label(),
            applicant: if kind.for_public() {
                "拟设立社会组织的发起人（个人账号）"
            } else {
                "已登记的社会组织（以统一社会信用代码注册的账号）"
            },
            authority: "该组织的登记管理机关（成立登记：拟登记的登记管理机关）",
            accept_days: ACCEPT_DAYS,
            decision_days: kind.decision_days(),
            materials: kind.materials().to_vec(),
            fields: gongyi_types::applications::forms::fields(kind)
                .iter()
                .map(|f| f.label)
                .collect(),
            basis: match kind {
                ServiceKind::Establish => {
                    "《社会团体登记管理条例》第九条至第十二条；《基金会管理条例》；《民办非企业单位登记管理暂行条例》；《行政许可法》第三十二条"
                }
                ServiceKind::Change => "《社会团体登记管理条例》第二十条及相应条例",
                ServiceKind::Deregister => "《社会团体登记管理条例》第十九条、第二十一条及相应条例",
                ServiceKind::AnnualReport => {
                    "《社会团体登记管理条例》第二十八条；《社会组织信用信息管理办法》（民政部令第60号）第七条"
                }
                ServiceKind::Evaluation => "《社会组织评估管理办法》（民政部令第39号）",
                ServiceKind::Fundraising => {
                    "《慈善法》第二十二条；《慈善组织公开募捐管理办法》第五条至第七条"
                }
                ServiceKind::CreditRemoval => {
                    "《社会组织信用信息管理办法》（民政部令第60号）：列入严重违法失信名单满2年且期间未再出现应当列入的情形，方可申请移出；因列入活动异常名录满2年而列入的，须先履行相关义务或者完成整改；因被吊销登记证书、撤销成（设）立登记而列入的，完成注销登记后由登记管理机关移出，无需申请"
                }
            },
        }
    }

    /// The guide as Markdown, for download and printing.
    pub fn markdown(&self) -> String {
        let mut s = format!("# 办事指南：{}\n\n", self.label);
        s.push_str(&format!(
            "- 申请人：{}\n- 受理机关：{}\n",
            self.applicant, self.authority
        ));
        s.push_str(&format!(
            "- 办理时限：收到申请后 {} 个工作日内决定是否受理（材料不齐的一次性告知补正）；受理后 {} 个工作日内作出决定（补正时间不计入）\n- 收费：不收费\n\n",
            self.accept_days, self.decision_days
        ));
        s.push_str("## 申请材料\n\n");
        for (m, required) in &self.materials {
            s.push_str(&format!(
                "- {m}（{}）\n",
                if *required { "必需" } else { "如有" }
            ));
        }
        s.push_str("\n## 在线填写的信息\n\n");
        for f in &self.fields {
            s.push_str(&format!("- {f}\n"));
        }
        s.push_str("\n## 办理流程\n\n1. 注册并登录办事账号\n2. 在线填写申请表、上传申请材料（PDF、JPEG 或 PNG）\n3. 提交申请，登记管理机关审查是否受理\n4. 需补正的，按告知内容一次性补正\n5. 受理后审查，作出准予或不予的决定并说明理由\n6. 在“我的申请”中查看每一步的办理进度和理由\n\n");
        s.push_str(&format!("## 依据\n\n{}\n", self.basis));
        s
    }
}

#[derive(Template)]
#[template(path = "applications/catalogue.html")]
struct ServicesPage {
    nav: Nav,
    guides: Vec<Guide>,
    applicant: Option<String>,
    csrf: String,
}

#[derive(Template)]
#[template(path = "applications/guide.html")]
struct GuidePage {
    nav: Nav,
    g: Guide,
}

pub fn parse_kind(raw: &str) -> Result<ServiceKind, ApiError> {
    ServiceKind::parse(raw).map_err(|e| ApiError::new(ErrorCode::ServiceNotFound, e.to_string()))
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let a = current_applicant(&state, &headers).await?;
    Ok(render(&ServicesPage {
        nav: Nav::of(&state, &headers).await?,
        guides: ServiceKind::ALL.iter().map(|k| Guide::of(*k)).collect(),
        applicant: a.as_ref().map(|a| a.applicant.display_name.clone()),
        csrf: a.map(|a| a.csrf).unwrap_or_default(),
    }))
}

pub async fn guide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    Ok(render(&GuidePage {
        nav: Nav::of(&state, &headers).await?,
        g: Guide::of(parse_kind(&raw)?),
    }))
}

/// The same guide as a Markdown file.
pub async fn guide_md(Path(raw): Path<String>) -> Result<Response, PageError> {
    let g = Guide::of(parse_kind(&raw)?);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/markdown; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"guide-{}.md\"", g.code),
            ),
        ],
        g.markdown(),
    )
        .into_response())
}
