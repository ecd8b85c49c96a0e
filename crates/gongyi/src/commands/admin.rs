//! `gongyi admin create-user` (and the dispatch of the other `admin` subcommands).

use crate::cli::{AdminCommand, CreateUserArgs};
use crate::context::{Ctx, now};
use anyhow::{Context as _, bail};
use gongyi_server::auth::{Role, password};
use gongyi_store::NewUser;
use gongyi_types::DivisionCode;
use rand::RngCore;

/// A random password that passes the strength rule (for demo accounts and when none is given).
pub fn random_password() -> String {
    let mut b = [0u8; 9];
    rand::rng().fill_bytes(&mut b);
    format!("Gy-{}", hex::encode(b))
}

pub async fn create_user(
    ctx: &Ctx,
    a: &CreateUserArgs,
    pw: &str,
    actor: &str,
) -> anyhow::Result<()> {
    let Some(role) = Role::parse(&a.role) else {
        bail!("角色“{}”无效，应为 admin、officer 或 viewer", a.role)
    };
    let division =
        DivisionCode::parse(&a.division).map_err(|e| anyhow::anyhow!("--division：{e}"))?;
    if let Err(m) = password::check_strength(pw) {
        bail!("{m}");
    }
    let hash = password::hash(pw).map_err(|e| anyhow::anyhow!("密码哈希失败：{e}"))?;
    let user = NewUser {
        username: a.username.clone(),
        display_name: a.display_name.clone().unwrap_or_else(|| a.username.clone()),
        password_hash: hash,
        role: role.code().to_string(),
        division: division.to_string(),
    };
    ctx.store.create_user(&user, actor, &now()).await?;
    Ok(())
}

pub async fn run(ctx: &Ctx, cmd: AdminCommand) -> anyhow::Result<()> {
    match cmd {
        AdminCommand::CreateUser(a) => {
            let (pw, generated) = if a.password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .context("无法从标准输入读取密码")?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else if let Ok(p) = std::env::var("GONGYI_NEW_PASSWORD") {
                (p, false)
            } else {
                (random_password(), true)
            };
            create_user(ctx, &a, &pw, "cli:admin").await?;
            println!(
                "已创建账号 {}（{}，管辖 {}）",
                a.username, a.role, a.division
            );
            if generated {
                println!("初始密码：{pw}");
            }
            Ok(())
        }
        AdminCommand::CreateApiKey(a) => crate::commands::illegal::create_api_key(ctx, &a).await,
        AdminCommand::CreateOrgAccount(a) => super::org_account::create(ctx, &a).await,
        AdminCommand::IssueActivationCode(a) => super::org_account::issue_code(ctx, &a).await,
    }
}
