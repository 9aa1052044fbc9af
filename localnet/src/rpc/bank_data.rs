//! Agave's `BankData` group: values of the bank itself.

use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use solana_rpc_client_types::config::RpcContextConfig;

use super::Rpc;

/// Rent.
#[rpc(server)]
pub trait BankData {
    /// The rent-exempt minimum for an account of `data_len` bytes.
    #[method(name = "getMinimumBalanceForRentExemption")]
    async fn get_minimum_balance_for_rent_exemption(
        &self,
        data_len: usize,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<u64>;
}

#[async_trait]
impl BankDataServer for Rpc {
    async fn get_minimum_balance_for_rent_exemption(
        &self,
        data_len: usize,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<u64> {
        self.on_engine(move |e| Ok(e.minimum_balance(data_len)))
            .await
    }
}
