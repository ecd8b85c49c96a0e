//! The `gongyi` binary. See `gongyi --help`; the code tour is in README.md.

mod cli;
mod cli_illegal;
mod commands;
mod context;

use clap::Parser;

/// mimalloc instead of glibc's allocator: a search allocates and frees many blocks of a few
/// kilobytes (decompressed stored documents, facet counters, posting decoders) from many
/// threads, and under 16 concurrent searches glibc's `malloc`/`free` (with
/// `malloc_consolidate`) took about a sixth of the server's CPU (perf, 1,000,000
/// organizations).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GONGYI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("错误：无法启动运行时：{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(commands::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }
}
