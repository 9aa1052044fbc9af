//! The Solana JSON-RPC methods the node serves, as typed jsonrpsee traits grouped the way
//! Agave groups its own: [`minimal`], [`bank_data`], [`accounts_data`], [`accounts_scan`]
//! and [`full`], the websocket subscriptions of [`pubsub`], plus netstate's [`admin`] call. Request and response shapes are the Solana
//! crates' own types, so every Solana client decodes them unchanged.
//!
//! This is the top layer of the node: it uses the engine (through
//! [`EngineHandle`]) and the server, and neither uses it.

pub mod accounts_data;
pub mod accounts_scan;
pub mod admin;
pub mod bank_data;
mod encoding;
pub mod full;
pub mod minimal;
pub mod pubsub;

use jsonrpsee::Methods;
use jsonrpsee::types::ErrorObjectOwned;

use crate::engine::{Engine, EngineConfig};
use crate::server::{EngineHandle, Localnet, Ports, StartError};
use encoding::RpcResult;

/// Version reported by `getVersion`: the Agave line the node runs.
pub const SOLANA_CORE_VERSION: &str = "3.1.12";

/// What every RPC trait is implemented on: a handle to the engine's thread.
#[derive(Clone, Debug)]
pub struct Rpc {
    engine: EngineHandle,
}

impl Rpc {
    /// Runs `f` on the engine and returns what it returns.
    async fn on_engine<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Engine) -> RpcResult<T> + Send + 'static,
    ) -> Result<T, ErrorObjectOwned> {
        self.engine.call(f).await
    }
}

/// Every method the node serves, bound to `engine`.
pub fn methods(engine: EngineHandle) -> Methods {
    use accounts_data::AccountsDataServer;
    use accounts_scan::AccountsScanServer;
    use admin::AdminServer;
    use bank_data::BankDataServer;
    use full::FullServer;
    use minimal::MinimalServer;
    use pubsub::PubSubServer;

    let rpc = Rpc { engine };
    let mut methods = Methods::new();
    let groups: [Methods; 7] = [
        MinimalServer::into_rpc(rpc.clone()).into(),
        BankDataServer::into_rpc(rpc.clone()).into(),
        AccountsDataServer::into_rpc(rpc.clone()).into(),
        AccountsScanServer::into_rpc(rpc.clone()).into(),
        FullServer::into_rpc(rpc.clone()).into(),
        PubSubServer::into_rpc(rpc.clone()).into(),
        AdminServer::into_rpc(rpc).into(),
    ];
    for group in groups {
        // Method names are unique across the groups (a test lists them all).
        let _ = methods.merge(group);
    }
    methods
}

impl Localnet {
    /// Starts a node serving JSON-RPC on `127.0.0.1:port` (0 picks a free port).
    /// (`ports`: a `u16` is the RPC port, with the websocket API also on the next one; 0
    /// picks free ports.)
    pub async fn start(config: EngineConfig, ports: impl Into<Ports>) -> Result<Self, StartError> {
        Self::serve(config, ports, methods).await
    }
}
