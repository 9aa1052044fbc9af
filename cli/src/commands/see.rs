//! `netstate map` and `netstate dashboard`: the society drawn and served (see the
//! `netstate-dashboard` crate).

use std::path::PathBuf;

use clap::Args;

use crate::{CliError, Context, Output};

/// `netstate map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// Where to write the SVG (default: map.svg in the current directory).
    #[arg(long, value_name = "FILE.svg", default_value = "map.svg")]
    pub out: PathBuf,
    /// Also write a PNG (for chat apps) here.
    #[arg(long, value_name = "FILE.png")]
    pub png: Option<PathBuf>,
}

/// Draws the society's hubs on the world map.
pub async fn map(ctx: &Context, args: MapArgs) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let written = write_map(
        &ctx.client,
        &society,
        &s.name,
        &args.out,
        args.png.as_deref(),
    )
    .await?;
    Ok(Output::new(written))
}

/// Writes the map of `society` to `svg` (and `png`).
pub async fn write_map(
    client: &netstate_client::NetstateClient,
    society: &anchor_lang::prelude::Pubkey,
    name: &str,
    svg: &std::path::Path,
    png: Option<&std::path::Path>,
) -> Result<crate::results::see::MapWritten, CliError> {
    let hubs = netstate_dashboard::data::map_hubs(client, society, |_| None)
        .await
        .map_err(|e| CliError::new(format!("cannot read the hubs: {e}")))?;
    let drawing = netstate_dashboard::map::render_svg(&format!("The hubs of {name}"), &hubs);
    std::fs::write(svg, &drawing)
        .map_err(|e| CliError::new(format!("cannot write {}: {e}", svg.display())))?;
    if let Some(png) = png {
        let image = netstate_dashboard::map::render_png(&drawing).map_err(CliError::new)?;
        std::fs::write(png, image)
            .map_err(|e| CliError::new(format!("cannot write {}: {e}", png.display())))?;
    }
    Ok(crate::results::see::MapWritten {
        society: name.to_string(),
        hubs: hubs.len(),
        active_hubs: hubs.iter().filter(|h| h.active).count(),
        svg: svg.display().to_string(),
        png: png.map(|p| p.display().to_string()),
    })
}

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
