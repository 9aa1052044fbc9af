//! netstate's own admin call, for local ledgers only: moving the clock.

use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;

use super::Rpc;
use super::encoding::{internal, invalid};

/// Local-ledger administration.
#[rpc(server)]
pub trait Admin {
    /// Moves the cluster clock forward by `seconds` (and the slot by one); returns the new
    /// `{unixTimestamp, slot}`.
    #[method(name = "netstate_warpClock")]
    async fn warp_clock(&self, seconds: i64) -> RpcResult<serde_json::Value>;
}

#[async_trait]
impl AdminServer for Rpc {
    async fn warp_clock(&self, seconds: i64) -> RpcResult<serde_json::Value> {
        if seconds < 0 {
            return Err(invalid(
                "the clock only moves forward: seconds must be >= 0",
            ));
        }
        self.on_engine(move |e| {
            e.warp(seconds).map_err(internal)?;
            Ok(serde_json::json!({ "unixTimestamp": e.unix_time(), "slot": e.slot() }))
        })
        .await
    }
}
