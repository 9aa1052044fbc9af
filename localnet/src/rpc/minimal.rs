//! Agave's `Minimal` group: what a client asks first (health, version, slot, balance).

use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use solana_account::ReadableAccount;
use solana_rpc_client_types::config::RpcContextConfig;
use solana_rpc_client_types::response::{Response, RpcVersionInfo};

use super::encoding::{context, pubkey};
use super::{Rpc, SOLANA_CORE_VERSION};
use crate::engine::SLOTS_PER_EPOCH;

/// Health, version, genesis, slot, block height, epoch, transaction count and balances.
#[rpc(server)]
pub trait Minimal {
    /// Lamports held by an address (0 when it does not exist).
    #[method(name = "getBalance")]
    async fn get_balance(
        &self,
        pubkey_str: String,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<u64>>;

    /// The epoch, the slot within it, and the block height.
    #[method(name = "getEpochInfo")]
    async fn get_epoch_info(
        &self,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<serde_json::Value>;

    /// The ledger's genesis hash, stable for its whole life.
    #[method(name = "getGenesisHash")]
    async fn get_genesis_hash(&self) -> RpcResult<String>;

    /// `ok` while the node serves.
    #[method(name = "getHealth")]
    async fn get_health(&self) -> RpcResult<String>;

    /// The current slot.
    #[method(name = "getSlot")]
    async fn get_slot(&self, config: Option<RpcContextConfig>) -> RpcResult<u64>;

    /// The current block height (one block per slot here).
    #[method(name = "getBlockHeight")]
    async fn get_block_height(&self, config: Option<RpcContextConfig>) -> RpcResult<u64>;

    /// Transactions confirmed since the ledger was created.
    #[method(name = "getTransactionCount")]
    async fn get_transaction_count(&self, config: Option<RpcContextConfig>) -> RpcResult<u64>;

    /// The Agave version the node behaves as.
    #[method(name = "getVersion")]
    async fn get_version(&self) -> RpcResult<RpcVersionInfo>;
}

#[async_trait]
impl MinimalServer for Rpc {
    async fn get_balance(
        &self,
        pubkey_str: String,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<u64>> {
        let address = pubkey(&pubkey_str)?;
        self.on_engine(move |e| {
            let value = e.account(&address).map_or(0, |a| a.lamports());
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn get_epoch_info(
        &self,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<serde_json::Value> {
        self.on_engine(|e| {
            let slot = e.slot();
            Ok(serde_json::json!({
                "epoch": slot / SLOTS_PER_EPOCH,
                "slotIndex": slot % SLOTS_PER_EPOCH,
                "slotsInEpoch": SLOTS_PER_EPOCH,
                "absoluteSlot": slot,
                "blockHeight": slot,
                "transactionCount": e.transaction_count(),
            }))
        })
        .await
    }

    async fn get_genesis_hash(&self) -> RpcResult<String> {
        self.on_engine(|e| Ok(e.genesis_hash().to_string())).await
    }

    async fn get_health(&self) -> RpcResult<String> {
        Ok("ok".to_string())
    }

    async fn get_slot(&self, _config: Option<RpcContextConfig>) -> RpcResult<u64> {
        self.on_engine(|e| Ok(e.slot())).await
    }

    async fn get_block_height(&self, _config: Option<RpcContextConfig>) -> RpcResult<u64> {
        self.on_engine(|e| Ok(e.slot())).await
    }

    async fn get_transaction_count(&self, _config: Option<RpcContextConfig>) -> RpcResult<u64> {
        self.on_engine(|e| Ok(e.transaction_count())).await
    }

    async fn get_version(&self) -> RpcResult<RpcVersionInfo> {
        // As Agave's `solana-version` reports it: the first four bytes of the feature set's
        // identifier (clients such as web3.js refuse an answer without it).
        let mut first = [0u8; 4];
        first.copy_from_slice(&agave_feature_set::ID.as_ref()[..4]);
        Ok(RpcVersionInfo {
            solana_core: SOLANA_CORE_VERSION.to_string(),
            feature_set: Some(u32::from_le_bytes(first)),
        })
    }
}
