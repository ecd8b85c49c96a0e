//! `gongyi illegal import` (publish a batch of the illegal-organization list from a file) and
//! `gongyi admin create-api-key` (a partner's key for the lookup).

use crate::cli_illegal::{CreateApiKeyArgs, IllegalCommand, IllegalImportArgs};
use crate::context::{Ctx, now};
use anyhow::{Context as _, bail};
use gongyi_server::legitimacy::publish::{BatchHeader, parse_batch};
use gongyi_types::IllegalKind;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub async fn run(ctx: &Ctx, cmd: IllegalCommand) -> anyhow::Result<()> {
    match cmd {
        IllegalCommand::Import(a) => import(ctx, &a).await,
    }
}

/// Every bad line is printed as `FILE:LINE: reason` (line 0: the batch options) and nothing
/// is stored unless every line is good: a published batch is an official act, never partial.
async fn import(ctx: &Ctx, a: &IllegalImportArgs) -> anyhow::Result<()> {
    let kind = IllegalKind::parse(&a.kind).map_err(|e| anyhow::anyhow!("--kind：{e}"))?;
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("无法读取 {}（应为 UTF-8 文本）", a.file.display()))?;
    let header = BatchHeader {
        batch_no: a.batch.clone(),
        date: a.date.clone(),
        authority: a.authority.clone(),
        division: a.division.clone(),
    };
    let batch = match parse_batch(&header, &text, kind) {
        Ok(b) => b,
        Err(errs) => {
            for e in &errs {
                if e.line == 0 {
                    eprintln!("参数：{}", e.message);
                } else {
                    eprintln!("{}:{}: {}", a.file.display(), e.line, e.message);
                }
            }
            bail!("{} 处错误，未发布任何名称", errs.len());
        }
    };
    ctx.store
        .publish_illegal_batch(&batch, "cli:illegal-import", &now())
        .await?;
    println!(
        "已发布 {} {} {}：{} 个名称",
        batch.authority,
        batch.published_on,
        batch.batch_no,
        batch.entries.len()
    );
    Ok(())
}

pub async fn create_api_key(ctx: &Ctx, a: &CreateApiKeyArgs) -> anyhow::Result<()> {
    if a.rate == 0 {
        bail!("--rate 应大于 0（每分钟请求数）");
    }
    let scopes = gongyi_types::accounts::api_scope::ApiScope::parse_list(&a.scopes)
        .map_err(|e| anyhow::anyhow!("--scopes：{e}"))?;
    if scopes.is_empty() {
        bail!("--scopes 不能为空");
    }
    let scopes: Vec<&str> = scopes.iter().map(|s| s.code()).collect();
    let division = gongyi_types::DivisionCode::parse(a.division.trim())
        .map_err(|e| anyhow::anyhow!("--division：{e}"))?;
    let mut b = [0u8; 24];
    rand::rng().fill_bytes(&mut b);
    let key = format!("gyk_{}", hex::encode(b));
    let hash = hex::encode(Sha256::digest(key.as_bytes()));
    ctx.store
        .create_api_key(&a.name, &hash, i64::from(a.rate), "cli:admin", &now())
        .await?;
    ctx.store
        .set_api_key_scopes(
            &a.name,
            &scopes.join(","),
            &division.to_string(),
            "cli:admin",
            &now(),
        )
        .await?;
    println!(
        "已创建 API 密钥“{}”（每分钟 {} 次；权限 {}；辖区 {}）：",
        a.name,
        a.rate,
        scopes.join("、"),
        division.full_name()
    );
    println!("{key}");
    Ok(())
}
