//! Agave's `AccountsScan` group: accounts found by owner, filtered on the node.

use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use solana_account::ReadableAccount;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTokenAccountsFilter,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_rpc_client_types::response::{OptionalContext, Response, RpcKeyedAccount};
use spl_token_2022_interface::extension::StateWithExtensions;
use spl_token_2022_interface::state::Account as TokenAccount;

use super::Rpc;
use super::encoding::{context, encode, invalid, is_token_program, pubkey};

/// Most filters one `getProgramAccounts` may carry, as on validators.
pub const MAX_FILTERS: usize = 4;

/// Program accounts and token accounts by owner.
#[rpc(server)]
pub trait AccountsScan {
    /// Accounts owned by a program that pass every filter (memcmp, dataSize, token state).
    #[method(name = "getProgramAccounts")]
    async fn get_program_accounts(
        &self,
        program_id_str: String,
        config: Option<RpcProgramAccountsConfig>,
    ) -> RpcResult<OptionalContext<Vec<RpcKeyedAccount>>>;

    /// Token accounts of an owner, for one mint or one token program.
    #[method(name = "getTokenAccountsByOwner")]
    async fn get_token_accounts_by_owner(
        &self,
        owner_str: String,
        token_account_filter: RpcTokenAccountsFilter,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Vec<RpcKeyedAccount>>>;
}

#[async_trait]
impl AccountsScanServer for Rpc {
    async fn get_program_accounts(
        &self,
        program_id_str: String,
        config: Option<RpcProgramAccountsConfig>,
    ) -> RpcResult<OptionalContext<Vec<RpcKeyedAccount>>> {
        let program = pubkey(&program_id_str)?;
        let config = config.unwrap_or_default();
        let filters = checked_filters(config.filters.unwrap_or_default())?;
        let account_config = config.account_config;
        let encoding = account_config.encoding.unwrap_or(UiAccountEncoding::Binary);
        let with_context = config.with_context.unwrap_or(false);
        self.on_engine(move |e| {
            let accounts = e.program_accounts(&program, |account| passes(&filters, account));
            let mut keyed = Vec::with_capacity(accounts.len());
            for (address, account) in &accounts {
                keyed.push(RpcKeyedAccount {
                    pubkey: address.to_string(),
                    account: encode(e, address, account, encoding, account_config.data_slice)?,
                });
            }
            Ok(if with_context {
                OptionalContext::Context(Response {
                    context: context(e.slot()),
                    value: keyed,
                })
            } else {
                OptionalContext::NoContext(keyed)
            })
        })
        .await
    }

    async fn get_token_accounts_by_owner(
        &self,
        owner_str: String,
        token_account_filter: RpcTokenAccountsFilter,
        config: Option<RpcAccountInfoConfig>,
    ) -> RpcResult<Response<Vec<RpcKeyedAccount>>> {
        let owner = pubkey(&owner_str)?;
        let config = config.unwrap_or_default();
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
        let filter = match token_account_filter {
            RpcTokenAccountsFilter::Mint(mint) => TokenFilter::Mint(pubkey(&mint)?),
            RpcTokenAccountsFilter::ProgramId(program) => {
                let program = pubkey(&program)?;
                if !is_token_program(&program) {
                    return Err(invalid("Invalid param: unrecognized Token program id"));
                }
                TokenFilter::Program(program)
            }
        };
        self.on_engine(move |e| {
            let (program, mint) = match filter {
                TokenFilter::Mint(mint) => {
                    let program = e
                        .account(&mint)
                        .map(|a| *a.owner())
                        .ok_or_else(|| invalid("Invalid param: could not find mint"))?;
                    (program, Some(mint))
                }
                TokenFilter::Program(program) => (program, None),
            };
            let accounts = e.program_accounts(&program, |account| {
                StateWithExtensions::<TokenAccount>::unpack(account.data())
                    .map(|t| t.base.owner == owner && mint.is_none_or(|m| m == t.base.mint))
                    .unwrap_or(false)
            });
            let mut keyed = Vec::with_capacity(accounts.len());
            for (address, account) in &accounts {
                keyed.push(RpcKeyedAccount {
                    pubkey: address.to_string(),
                    account: encode(e, address, account, encoding, config.data_slice)?,
                });
            }
            Ok(Response {
                context: context(e.slot()),
                value: keyed,
            })
        })
        .await
    }
}

/// `filters` as a validator takes them (at most [`MAX_FILTERS`], memcmp bytes decoded), or
/// what is wrong with them.
pub(crate) fn checked_filters(mut filters: Vec<RpcFilterType>) -> RpcResult<Vec<RpcFilterType>> {
    if filters.len() > MAX_FILTERS {
        return Err(invalid(format!(
            "Too many filters provided; max {MAX_FILTERS}"
        )));
    }
    for filter in &mut filters {
        if let RpcFilterType::Memcmp(memcmp) = filter {
            memcmp
                .convert_to_raw_bytes()
                .map_err(|err| invalid(format!("Invalid param: {err}")))?;
        }
        filter
            .verify()
            .map_err(|err| invalid(format!("Invalid param: {err:?}")))?;
    }
    Ok(filters)
}

/// Whether `account` passes every one of `filters` (memcmp, dataSize, token state).
pub(crate) fn passes(filters: &[RpcFilterType], account: &impl ReadableAccount) -> bool {
    filters.iter().all(|filter| match filter {
        RpcFilterType::DataSize(size) => account.data().len() as u64 == *size,
        RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(account.data()),
        RpcFilterType::TokenAccountState => {
            StateWithExtensions::<TokenAccount>::unpack(account.data()).is_ok()
        }
    })
}

/// Which token accounts of an owner are asked for.
enum TokenFilter {
    /// Of one mint (under whichever token program owns it).
    Mint(solana_pubkey::Pubkey),
    /// Of every mint of one token program.
    Program(solana_pubkey::Pubkey),
}
