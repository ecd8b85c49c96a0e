//! `gongyi admin create-org-account`: an organization's account for the online services,
//! created by the bureau; `gongyi admin issue-activation-code`: the code with which the
//! organization opens (or takes back) the account itself at `/account/register` — the same as
//! an official's button on `/admin/orgs/{uscc}/account`, for a bureau that issues them in bulk.

use crate::cli::{CreateOrgAccountArgs, IssueActivationCodeArgs};
use crate::context::{Ctx, now};
use anyhow::{Context as _, bail};
use gongyi_server::auth::password;
use gongyi_store::accounts::applicants::{KIND_ORG, NewApplicant};
use gongyi_types::Uscc;

pub async fn create(ctx: &Ctx, a: &CreateOrgAccountArgs) -> anyhow::Result<()> {
    let uscc = Uscc::parse(a.uscc.trim()).map_err(|e| anyhow::anyhow!("--uscc：{e}"))?;
    let Some(org) = ctx.store.org(uscc.as_str()).await? else {
        bail!("登记信息中没有统一社会信用代码为 {uscc} 的社会组织");
    };
    if a.contact_name.trim().is_empty() || a.phone.trim().is_empty() {
        bail!("--contact-name 和 --phone 不能为空");
    }
    let (pw, generated) = if a.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("无法从标准输入读取密码")?;
        (line.trim_end_matches(['\r', '\n']).to_string(), false)
    } else if let Ok(p) = std::env::var("GONGYI_NEW_PASSWORD") {
        (p, false)
    } else {
        (super::admin::random_password(), true)
    };
    if let Err(m) = password::check_strength(&pw) {
        bail!("{m}");
    }
    let hash = password::hash(&pw).map_err(|e| anyhow::anyhow!("密码哈希失败：{e}"))?;
    let new = NewApplicant {
        kind: KIND_ORG,
        login: uscc.to_string(),
        uscc: Some(uscc.to_string()),
        display_name: org.name.clone(),
        contact_name: a.contact_name.trim().to_string(),
        phone: a.phone.trim().to_string(),
        password_hash: hash,
    };
    ctx.store
        .create_applicant(&new, "cli:admin", &now())
        .await?;
    println!(
        "已为 {}（{uscc}）创建网上办事账号，登录名为统一社会信用代码",
        org.name
    );
    if generated {
        println!("初始密码：{pw}");
    }
    Ok(())
}

pub async fn issue_code(ctx: &Ctx, a: &IssueActivationCodeArgs) -> anyhow::Result<()> {
    use gongyi_server::auth::activation;
    let uscc = Uscc::parse(a.uscc.trim()).map_err(|e| anyhow::anyhow!("--uscc：{e}"))?;
    let Some(org) = ctx.store.org(uscc.as_str()).await? else {
        bail!("登记信息中没有统一社会信用代码为 {uscc} 的社会组织");
    };
    let code = activation::generate();
    let Some(normalized) = activation::normalize(&code) else {
        bail!("生成的激活码无效");
    };
    let now = chrono::Utc::now();
    let expires = gongyi_store::timestamp(now + chrono::Duration::days(activation::VALID_DAYS));
    ctx.store
        .issue_activation_code(
            uscc.as_str(),
            &activation::digest(&normalized),
            "cli:admin",
            &gongyi_store::timestamp(now),
            &expires,
        )
        .await?;
    println!("{uscc}\t{code}\t{expires}\t{}", org.name);
    Ok(())
}
