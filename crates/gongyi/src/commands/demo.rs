//! The demo data set of `serve --demo`: written through the same path as real data (the store's
//! batch writes with audit rows), only into an empty database.

use crate::cli::CreateUserArgs;
use crate::context::Ctx;
use anyhow::Context as _;
use gongyi_synth::Synth;
use std::io::Write as _;

/// The seed of the demo's synthetic registry.
const DEMO_SEED: u64 = 2026;

/// Organizations whose names begin with 中国社会 the demo adds to its synthetic ones.
const SHOWCASE: usize = 3;

/// Adds a few national organizations whose names begin with 中国社会, so that the pinyin example
/// of the README and of the registry issue (`zgsh` finds 中国社会…) finds something in the demo:
/// national organizations are 0.5 % of the synthetic registry, and those named 中国社会… so
/// few that the demo's 10,000 held none. They are the next organizations of the same
/// synthetic sequence that qualify (`Synth::uscc` tells a national code cheaply), written the
/// same way as the others.
async fn national_showcase(ctx: &Ctx, from: u64) -> anyhow::Result<()> {
    let picked = tokio::task::spawn_blocking(move || {
        let synth = Synth::new(DEMO_SEED, crate::context::today());
        let mut picked = vec![];
        for i in from..from + 20_000_000 {
            if synth.uscc(i).division() != "100000" {
                continue;
            }
            let (o, s) = synth.org(i);
            if o.name.starts_with("中国社会") {
                picked.push((o, s));
                if picked.len() == SHOWCASE {
                    break;
                }
            }
        }
        picked
    })
    .await?;
    ctx.store
        .create_orgs(&picked, "cli:demo", &crate::context::now())
        .await?;
    Ok(())
}

/// Fills an empty database; returns `false` (and changes nothing) if it already has data.
pub async fn fill(ctx: &Ctx, orgs: u64) -> anyhow::Result<bool> {
    if ctx.store.org_count().await? > 0 || ctx.store.user_count().await? > 0 {
        return Ok(false);
    }
    println!("正在生成演示数据（{orgs} 家社会组织）……");
    super::seed::seed_store(&ctx.store, DEMO_SEED, 0, orgs, "cli:demo").await?;
    national_showcase(ctx, orgs).await?;
    let listed = super::demo_illegal::fill(ctx).await?;
    println!("已发布演示用非法社会组织名单：3 个批次，{listed} 个名称");
    super::demo_cases::fill(ctx).await?;
    let mut logins = String::from("演示账号（用户名 / 密码 / 角色 / 管辖范围）：\n");
    for (username, display_name, role, division) in Synth::demo_officials() {
        let pw = super::admin::random_password();
        let args = CreateUserArgs {
            username: username.clone(),
            division: division.to_string(),
            role: role.clone(),
            display_name: Some(display_name),
            password_stdin: false,
        };
        super::admin::create_user(ctx, &args, &pw, "cli:demo").await?;
        logins.push_str(&format!(
            "  {username} / {pw} / {role} / {}（{division}）\n",
            division.full_name()
        ));
    }
    println!("{logins}");
    let path = ctx.data_dir.join("demo-logins.txt");
    let mut f =
        std::fs::File::create(&path).with_context(|| format!("无法写入 {}", path.display()))?;
    f.write_all(logins.as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    println!("（以上账号也保存在 {}）", path.display());
    super::demo_services::fill(ctx).await?;
    Ok(true)
}
