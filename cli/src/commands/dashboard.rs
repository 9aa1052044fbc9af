//! `netstate dashboard`: the society's public pages served over HTTP (the
//! `netstate-dashboard` crate).

use clap::Args;

use crate::{CliError, Context, Output};

/// `netstate dashboard`.
#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Where to listen (port 0 picks a free port).
    #[arg(long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:8090")]
    pub bind: String,
}

/// Serves the dashboard until Ctrl-C or SIGTERM.
pub async fn dashboard(ctx: &Context, args: DashboardArgs, json: bool) -> Result<Output, CliError> {
    let (_, s) = ctx.society().await?;
    let (listener, bound) = super::listen(&args.bind).await?;
    let explorer_cluster = if crate::config::is_mainnet(&ctx.url) {
        Some("mainnet-beta".to_string())
    } else if ctx.url.contains("devnet") {
        Some("devnet".to_string())
    } else if ctx.url.contains("testnet") {
        Some("testnet".to_string())
    } else {
        None
    };
    // The pages read the deployment this command was pointed at (`--program-id`, an
    // Anchor.toml), not the compiled-in one.
    let dashboard = netstate_dashboard::Dashboard::new(netstate_dashboard::DashboardConfig {
        client: ctx.client.clone(),
        society: s.name.clone(),
        explorer_cluster,
    });
    let opened = crate::results::see::DashboardOpened {
        society: s.name.clone(),
        url: format!("http://{bound}/"),
    };
    let line = if json {
        serde_json::to_string(&opened).map_err(|e| CliError::new(e.to_string()))?
    } else {
        opened.to_string()
    };
    crate::output::print_line(&line)
        .map_err(|e| CliError::new(format!("cannot write the output: {e}")))?;
    // While the dashboard holds the embedded ledger, other commands use its node.
    let _shared = ctx.share_embedded()?;
    dashboard
        .serve(listener, super::door::closed())
        .await
        .map_err(|e| CliError::new(format!("the dashboard stopped: {e}")))?;
    Ok(Output::new(crate::results::Nothing))
}
