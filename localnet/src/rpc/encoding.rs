//! What the RPC methods share: parsing addresses and signatures, encoding accounts and
//! transactions the way validators do, and the validators' error shapes.

use std::str::FromStr;

use base64::Engine as _;
use jsonrpsee::types::ErrorObjectOwned;
use solana_account::{AccountSharedData, ReadableAccount};
use solana_account_decoder::encode_ui_account;
use solana_account_decoder::parse_account_data::{
    AccountAdditionalDataV3, SplTokenAdditionalDataV2,
};
use solana_account_decoder::parse_token::token_amount_to_ui_amount_v3;
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding, UiDataSliceConfig};
use solana_pubkey::Pubkey;
use solana_rpc_client_api::custom_error::{
    JSON_RPC_SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
    JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
};
use solana_rpc_client_types::response::{RpcResponseContext, RpcSimulateTransactionResult};
use solana_signature::Signature;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_status_client_types::{
    UiReturnDataEncoding, UiTransactionEncoding, UiTransactionReturnData,
};
use spl_token_2022_interface::extension::StateWithExtensions;
use spl_token_2022_interface::state::{Account as TokenAccount, Mint};

use crate::engine::{Engine, SendFailure, Simulation};

const INVALID_PARAMS: i32 = -32602;
const INTERNAL_ERROR: i32 = -32603;

pub(crate) type RpcResult<T> = Result<T, ErrorObjectOwned>;

pub(crate) fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned::<()>(INVALID_PARAMS, message.into(), None)
}

pub(crate) fn internal(message: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned::<()>(INTERNAL_ERROR, message.to_string(), None)
}

pub(crate) fn pubkey(text: &str) -> RpcResult<Pubkey> {
    Pubkey::from_str(text)
        .map_err(|_| invalid(format!("Invalid param: WrongSize or not base58: {text}")))
}

pub(crate) fn signature(text: &str) -> RpcResult<Signature> {
    Signature::from_str(text)
        .map_err(|_| invalid(format!("Invalid param: not a signature: {text}")))
}

pub(crate) fn context(slot: u64) -> RpcResponseContext {
    RpcResponseContext::new(slot)
}

/// Decimals of `mint`, for token amounts.
pub(crate) fn mint_decimals(engine: &Engine, mint: &Pubkey) -> Option<u8> {
    let account = engine.account(mint)?;
    StateWithExtensions::<Mint>::unpack(account.data())
        .ok()
        .map(|m| m.base.decimals)
}

pub(crate) fn is_token_program(owner: &Pubkey) -> bool {
    spl_token_2022_interface::check_spl_token_program_account(owner).is_ok()
}

/// Encodes one account the way validators do, with token decimals for `jsonParsed`.
pub(crate) fn encode(
    engine: &Engine,
    address: &Pubkey,
    account: &AccountSharedData,
    encoding: UiAccountEncoding,
    slice: Option<UiDataSliceConfig>,
) -> RpcResult<UiAccount> {
    if matches!(
        encoding,
        UiAccountEncoding::Binary | UiAccountEncoding::Base58
    ) && account.data().len() > 128
    {
        return Err(invalid(
            "Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.",
        ));
    }
    let additional = (encoding == UiAccountEncoding::JsonParsed
        && is_token_program(account.owner()))
    .then(|| {
        StateWithExtensions::<TokenAccount>::unpack(account.data())
            .ok()
            .and_then(|t| mint_decimals(engine, &t.base.mint))
            .map(|decimals| AccountAdditionalDataV3 {
                spl_token_additional_data: Some(SplTokenAdditionalDataV2::with_decimals(decimals)),
            })
    })
    .flatten();
    Ok(encode_ui_account(
        address, account, encoding, additional, slice,
    ))
}

pub(crate) fn decode_transaction(
    data: &str,
    encoding: Option<UiTransactionEncoding>,
) -> RpcResult<VersionedTransaction> {
    let bytes = match encoding.unwrap_or(UiTransactionEncoding::Base58) {
        UiTransactionEncoding::Base58 => bs58::decode(data)
            .into_vec()
            .map_err(|e| invalid(format!("invalid base58 encoding: {e}")))?,
        UiTransactionEncoding::Base64 => base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| invalid(format!("invalid base64 encoding: {e}")))?,
        other => {
            return Err(invalid(format!(
                "unsupported encoding: {other}. Supported encodings: base58, base64"
            )));
        }
    };
    bincode::deserialize::<VersionedTransaction>(&bytes).map_err(|e| {
        invalid(format!(
            "failed to deserialize solana_transaction::versioned::VersionedTransaction: {e}"
        ))
    })
}

pub(crate) fn ui_return_data(data: Option<(Pubkey, Vec<u8>)>) -> Option<UiTransactionReturnData> {
    data.map(|(program_id, bytes)| UiTransactionReturnData {
        program_id: program_id.to_string(),
        data: (
            base64::engine::general_purpose::STANDARD.encode(bytes),
            UiReturnDataEncoding::Base64,
        ),
    })
}

pub(crate) fn simulation_result(
    engine: &Engine,
    sim: Simulation,
    encoding: UiAccountEncoding,
) -> RpcSimulateTransactionResult {
    let accounts = (!sim.accounts.is_empty()).then(|| {
        sim.accounts
            .iter()
            .map(|(k, a)| encode(engine, k, a, encoding, None).ok())
            .collect()
    });
    RpcSimulateTransactionResult {
        err: sim.err.map(Into::into),
        logs: Some(sim.logs),
        accounts,
        units_consumed: Some(sim.units),
        loaded_accounts_data_size: None,
        return_data: ui_return_data(sim.return_data),
        inner_instructions: None,
        replacement_blockhash: None,
        fee: Some(sim.fee),
        pre_balances: None,
        post_balances: None,
        pre_token_balances: None,
        post_token_balances: None,
        loaded_addresses: None,
    }
}

/// The error a validator returns when preflight fails: code -32002, the simulation as data.
pub(crate) fn preflight_failure(engine: &Engine, sim: Simulation) -> ErrorObjectOwned {
    let message = match &sim.err {
        Some(err) => format!("Transaction simulation failed: {err}"),
        None => "Transaction simulation failed".to_string(),
    };
    let data = simulation_result(engine, sim, UiAccountEncoding::Base64);
    ErrorObjectOwned::owned(
        JSON_RPC_SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE as i32,
        message,
        Some(data),
    )
}

pub(crate) fn send_failure(engine: &Engine, failure: SendFailure) -> ErrorObjectOwned {
    match failure {
        SendFailure::SignatureFailure => ErrorObjectOwned::owned::<()>(
            JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE as i32,
            "Transaction signature verification failure".to_string(),
            None,
        ),
        SendFailure::Failed(sim) => preflight_failure(engine, *sim),
        SendFailure::LedgerWrite(detail) => internal(format!(
            "the transaction ran but the ledger could not be written ({detail}); the node is stopping"
        )),
    }
}

pub(crate) fn token_amount(
    engine: &Engine,
    account: &AccountSharedData,
) -> Option<(
    Pubkey,
    solana_account_decoder_client_types::token::UiTokenAmount,
)> {
    if !is_token_program(account.owner()) {
        return None;
    }
    let state = StateWithExtensions::<TokenAccount>::unpack(account.data()).ok()?;
    let decimals = mint_decimals(engine, &state.base.mint)?;
    Some((
        state.base.mint,
        token_amount_to_ui_amount_v3(
            state.base.amount,
            &SplTokenAdditionalDataV2::with_decimals(decimals),
        ),
    ))
}
