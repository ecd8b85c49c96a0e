//! `/services` — the list of online services, and `/services/{kind}/guide` — each one's
//! 办事指南 with the elements a Chinese service guide has (事项名称、事项类型、设定依据、受理条件、
//! 申请材料 with 原件/复印件、份数 and 必要 or not、办理流程、法定时限与承诺时限、收费标准、办理地点、
//! 咨询与监督电话、办理结果), from `gongyi_types::applications::guide`. The same guide downloads
//! as a PDF with the Chinese font embedded (`/services/{kind}/guide.pdf`, `web/pdf.rs`) and as
//! Markdown (`guide.md`); both are made from one list of blocks, so they never disagree.

use crate::AppState;
use crate::auth::applicant::current_applicant;
use crate::error::{ApiError, PageError};
use crate::web::layout::{Nav, render};
use crate::web::pdf::{self, Block};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use gongyi_types::applications::guide::{
    CONSULT_PHONE, FEE, Material, PLACE, SUPERVISE_PHONE, ServiceGuide,
};
use gongyi_types::applications::{ACCEPT_DAYS, ServiceKind};

/// What a guide says about one service.
pub struct Guide {
    pub code: &'static str,
    pub label: &'static str,
    pub g: &'static ServiceGuide,
    pub applicant: &'static str,
    pub accept_days: u32,
    /// 承诺时限: the deadline the platform keeps (working days from 受理).
    pub decision_days: u32,
    pub fields: Vec<&'static str>,
}

impl Guide {
    pub fn of(kind: ServiceKind) -> Guide {
        Guide {
            code: kind.code(),
            label: kind.label(),
            g: ServiceGuide::of(kind),
            applicant: if kind.for_public() {
                "拟设立社会组织的发起人（个人账号）"
            } else {
                "已登记的社会组织（以统一社会信用代码注册的账号）"
            },
            accept_days: ACCEPT_DAYS,
            decision_days: kind.decision_days(),
            fields: gongyi_types::applications::forms::fields(kind)
                .iter()
                .map(|f| f.label)
                .collect(),
        }
    }

    pub fn statutory(&self) -> String {
        match self.g.statutory_days {
            Some(d) => format!("{d} 个工作日（受理之日起）"),
            None => "法律法规未规定办结时限".into(),
        }
    }

    pub fn promised(&self) -> String {
        format!(
            "收到申请后 {} 个工作日内决定是否受理；受理后 {} 个工作日内办结（补正材料的时间不计入）",
            self.accept_days, self.decision_days
        )
    }

    /// A material as one line: 登记申请书（原件，1份，必要）：说明.
    pub fn material_line(m: &Material) -> String {
        let head = format!(
            "{}（{}，{}份，{}）",
            m.name,
            m.form.label(),
            m.copies,
            if m.required {
                "必要"
            } else {
                "视情形提交"
            }
        );
        if m.note.is_empty() {
            head
        } else {
            format!("{head}：{}", m.note)
        }
    }

    /// The guide as blocks, for the PDF and the Markdown file.
    pub fn blocks(&self) -> Vec<Block> {
        let field = |l: &str, v: String| Block::Field(l.into(), v);
        let numbered = |items: &[&str]| -> Vec<Block> {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| Block::Item(format!("{}.", i + 1), (*t).to_string()))
                .collect()
        };
        let mut b = vec![
            Block::Title(format!("办事指南：{}", self.label)),
            Block::Heading("一、基本信息".into()),
            field("事项名称", self.label.into()),
            field("事项类型", self.g.item_type.into()),
            field("申请人", self.applicant.into()),
            field(
                "实施机关",
                "该组织的登记管理机关（成立登记：拟登记的登记管理机关）".into(),
            ),
            field("法定办结时限", self.statutory()),
            field("承诺办结时限", self.promised()),
            field("收费标准", FEE.into()),
            field("办理地点", PLACE.into()),
            field("咨询电话", format!("{CONSULT_PHONE}（政务服务便民热线）")),
            field(
                "监督投诉电话",
                format!("{SUPERVISE_PHONE}（政务服务便民热线）"),
            ),
            Block::Heading("二、设定依据".into()),
        ];
        b.extend(numbered(self.g.basis));
        b.push(Block::Heading("三、受理条件".into()));
        b.extend(numbered(self.g.conditions));
        b.push(Block::Heading("四、申请材料".into()));
        b.extend(
            self.g
                .materials
                .iter()
                .enumerate()
                .map(|(i, m)| Block::Item(format!("{}.", i + 1), Self::material_line(m))),
        );
        b.push(Block::Para(
            "网上办理的，材料以 PDF、JPEG 或 PNG 文件上传，单个文件不超过 20 MB。".into(),
        ));
        b.push(Block::Heading("五、办理流程".into()));
        b.extend(numbered(self.g.steps));
        b.push(Block::Heading("六、办理结果".into()));
        b.push(field("办理结果", self.g.result.into()));
        b.push(field("结果送达", self.g.result_delivery.into()));
        b
    }

    /// The guide as Markdown, for download.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        for b in self.blocks() {
            match b {
                Block::Title(t) => s.push_str(&format!("# {t}\n\n")),
                Block::Heading(t) => s.push_str(&format!("\n## {t}\n\n")),
                Block::Para(t) => s.push_str(&format!("\n{t}\n")),
                Block::Field(l, v) => s.push_str(&format!("- {l}：{v}\n")),
                Block::Item(n, t) => s.push_str(&format!("{n} {t}\n")),
            }
        }
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

fn download(content_type: &str, file_name: String, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The same guide as a Markdown file.
pub async fn guide_md(Path(raw): Path<String>) -> Result<Response, PageError> {
    let g = Guide::of(parse_kind(&raw)?);
    Ok(download(
        "text/markdown; charset=utf-8",
        format!("guide-{}.md", g.code),
        g.markdown(),
    ))
}

/// The same guide as a PDF (A4, Chinese font embedded).
pub async fn guide_pdf(Path(raw): Path<String>) -> Result<Response, PageError> {
    let g = Guide::of(parse_kind(&raw)?);
    let title = format!("办事指南：{}", g.label);
    let bytes = pdf::render(&title, "社会组织网上办事", &g.blocks())?;
    Ok(download(
        "application/pdf",
        format!("guide-{}.pdf", g.code),
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_every_guide_is_in_the_pdf_font() {
        let mut text = ServiceGuide::all_text();
        for k in ServiceKind::ALL {
            text.push_str(&Guide::of(*k).markdown());
        }
        assert_eq!(pdf::missing_chars(&text), Vec::<char>::new());
    }
}
