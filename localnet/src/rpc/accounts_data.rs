//! Agave's `AccountsData` group: accounts read by address.

use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use solana_account_decoder_client_types::token::UiTokenAmount;
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding};
use solana_rpc_client_types::config::{RpcAccountInfoConfig, RpcContextConfig};
use solana_rpc_client_types::response::Response;

use super::Rpc;
use super::encoding::{context, encode, invalid, pubkey, token_amount};

/// Most addresses one `getMultipleAccounts` may ask for, as on validators.
pub const MAX_MULTIPLE_ACCOUNTS: usize = 100;

/// Accounts and token balances by address.
#[rpc(server)]
pub trait AccountsData {
    /// One account, in the encoding asked for (base58 by default, as validators do).
    #[method(name = "getAccountInfo")]
    async fn get_account_info(
        &self,
        pubkey_str: String,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Option<UiAccount>>>;

    /// Up to 100 accounts (base64 by default).
    #[method(name = "getMultipleAccounts")]
    async fn get_multiple_accounts(
        &self,
        pubkey_strs: Vec<String>,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Vec<Option<UiAccount>>>>;

    /// The balance of a token account, in base units and UI units.
    #[method(name = "getTokenAccountBalance")]
    async fn get_token_account_balance(
        &self,
        pubkey_str: String,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<UiTokenAmount>>;
}

#[async_trait]
impl AccountsDataServer for Rpc {
    async fn get_account_info(
        &self,
        pubkey_str: String,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Option<UiAccount>>> {
        let address = pubkey(&pubkey_str)?;
        let config = config.unwrap_or_default();
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
        self.on_engine(move |e| {
            let value = match e.account(&address) {
                Some(account) => Some(encode(e, &address, &account, encoding, config.data_slice)?),
                None => None,
            };
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn get_multiple_accounts(
        &self,
        pubkey_strs: Vec<String>,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Vec<Option<UiAccount>>>> {
        if pubkey_strs.len() > MAX_MULTIPLE_ACCOUNTS {
            return Err(invalid(format!(
                "Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}"
            )));
        }
        let addresses = pubkey_strs
            .iter()
            .map(|text| pubkey(text))
            .collect::<RpcResult<Vec<_>>>()?;
        let config = config.unwrap_or_default();
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Base64);
        self.on_engine(move |e| {
            let mut value = Vec::with_capacity(addresses.len());
            for address in &addresses {
                value.push(match e.account(address) {
                    Some(account) => {
                        Some(encode(e, address, &account, encoding, config.data_slice)?)
                    }
                    None => None,
                });
            }
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn get_token_account_balance(
        &self,
        pubkey_str: String,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<UiTokenAmount>> {
        let address = pubkey(&pubkey_str)?;
        self.on_engine(move |e| {
            let account = e
                .account(&address)
                .ok_or_else(|| invalid("Invalid param: could not find account"))?;
            let (_, amount) = token_amount(e, &account)
                .ok_or_else(|| invalid("Invalid param: not a Token account"))?;
            Ok(Response {
                context: context(e.slot()),
                value: amount,
            })
        })
        .await
    }
}
