//! `netstate map`: the society's hubs drawn on a world map, as SVG (and PNG with `--png`), by
//! the `netstate-dashboard` crate.

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
