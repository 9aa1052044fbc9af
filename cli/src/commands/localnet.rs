//! `netstate localnet warp DURATION`: move the clock of a local ledger (running the node
//! itself is `netstate_localnet::cli::run`).

use crate::{CliError, Context, Output};

/// The refusal to move the clock of a cluster that is not on this machine.
pub fn not_local(url: &str) -> CliError {
    CliError::new(format!(
        "{url} is not a local ledger: only the embedded ledger (-u embedded) and local nodes (-u localhost) have a clock you can move"
    ))
}

/// Moves the cluster clock forward by `seconds` on the embedded ledger or a local node.
pub async fn warp(ctx: &Context, seconds: i64) -> Result<Output, CliError> {
    if !ctx.is_local() {
        return Err(not_local(&ctx.url));
    }
    let now = ctx
        .client
        .warp_clock(seconds)
        .await
        .map_err(|e| ctx.error(e))?;
    let slot = ctx
        .client
        .rpc()
        .get_slot()
        .await
        .map_err(|e| ctx.error(e.into()))?;
    Ok(Output::new(crate::results::Warped {
        warped_seconds: seconds,
        unix_timestamp: now,
        slot,
    }))
}
