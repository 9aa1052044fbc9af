//! The Solana JSON-RPC methods the node serves, over jsonrpsee. Request and response shapes
//! are the Solana crates' own types, so every Solana client decodes them unchanged.

use std::str::FromStr;

use base64::Engine as _;
use jsonrpsee::RpcModule;
use jsonrpsee::types::{ErrorObjectOwned, Params};
use solana_account::{AccountSharedData, ReadableAccount};
use solana_account_decoder::encode_ui_account;
use solana_account_decoder::parse_account_data::{
    AccountAdditionalDataV3, SplTokenAdditionalDataV2,
};
use solana_account_decoder::parse_token::token_amount_to_ui_amount_v3;
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding, UiDataSliceConfig};
use solana_hash::Hash;
use solana_pubkey::Pubkey;
use solana_rpc_client_api::custom_error::{
    JSON_RPC_SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
    JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
};
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcRequestAirdropConfig,
    RpcSendTransactionConfig, RpcSignatureStatusConfig, RpcSimulateTransactionConfig,
    RpcTokenAccountsFilter, RpcTransactionConfig,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_rpc_client_types::response::{
    Response, RpcBlockhash, RpcKeyedAccount, RpcResponseContext, RpcSimulateTransactionResult,
    RpcVersionInfo,
};
use solana_signature::Signature;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_status_client_types::{
    EncodedConfirmedTransactionWithStatusMeta, EncodedTransaction,
    EncodedTransactionWithStatusMeta, TransactionBinaryEncoding, TransactionConfirmationStatus,
    TransactionStatus, UiReturnDataEncoding, UiTransactionEncoding, UiTransactionReturnData,
    UiTransactionStatusMeta, option_serializer::OptionSerializer,
};
use spl_token_2022_interface::extension::StateWithExtensions;
use spl_token_2022_interface::state::{Account as TokenAccount, Mint};

use crate::engine::{Engine, MAX_AIRDROP_LAMPORTS, SendFailure, Simulation};
use crate::server::EngineHandle;

/// Version reported by `getVersion`: the Agave line the node runs.
pub const SOLANA_CORE_VERSION: &str = "3.1.12";

const INVALID_PARAMS: i32 = -32602;
const INTERNAL_ERROR: i32 = -32603;

type RpcResult<T> = Result<T, ErrorObjectOwned>;

fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
    ErrorObjectOwned::owned::<()>(INVALID_PARAMS, message.into(), None)
}

fn internal(message: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned::<()>(INTERNAL_ERROR, message.to_string(), None)
}

fn pubkey(text: &str) -> RpcResult<Pubkey> {
    Pubkey::from_str(text)
        .map_err(|_| invalid(format!("Invalid param: WrongSize or not base58: {text}")))
}

fn signature(text: &str) -> RpcResult<Signature> {
    Signature::from_str(text)
        .map_err(|_| invalid(format!("Invalid param: not a signature: {text}")))
}

fn context(slot: u64) -> RpcResponseContext {
    RpcResponseContext::new(slot)
}

/// Reads positional parameters: required ones first, then optional ones.
struct Args<'a>(jsonrpsee::types::params::ParamsSequence<'a>);

impl<'a> Args<'a> {
    fn new(params: &'a Params<'a>) -> Self {
        Self(params.sequence())
    }
    fn next<T: serde::de::DeserializeOwned>(&mut self) -> RpcResult<T> {
        self.0.next::<T>().map_err(|e| invalid(describe(&e)))
    }
    fn optional<T: serde::de::DeserializeOwned>(&mut self) -> RpcResult<Option<T>> {
        self.0
            .optional_next::<T>()
            .map_err(|e| invalid(describe(&e)))
    }
}

/// "Invalid params: <what serde said>", as validators word it.
fn describe(e: &ErrorObjectOwned) -> String {
    match e.data() {
        Some(data) => format!("Invalid params: {}", data.get().trim_matches('"')),
        None => e.message().to_string(),
    }
}

/// Decimals of `mint`, for token amounts.
fn mint_decimals(engine: &Engine, mint: &Pubkey) -> Option<u8> {
    let account = engine.account(mint)?;
    StateWithExtensions::<Mint>::unpack(account.data())
        .ok()
        .map(|m| m.base.decimals)
}

fn is_token_program(owner: &Pubkey) -> bool {
    spl_token_2022_interface::check_spl_token_program_account(owner).is_ok()
}

/// Encodes one account the way validators do, with token decimals for `jsonParsed`.
fn encode(
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

fn decode_transaction(
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

fn ui_return_data(data: Option<(Pubkey, Vec<u8>)>) -> Option<UiTransactionReturnData> {
    data.map(|(program_id, bytes)| UiTransactionReturnData {
        program_id: program_id.to_string(),
        data: (
            base64::engine::general_purpose::STANDARD.encode(bytes),
            UiReturnDataEncoding::Base64,
        ),
    })
}

fn simulation_result(
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
fn preflight_failure(engine: &Engine, sim: Simulation) -> ErrorObjectOwned {
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

fn send_failure(engine: &Engine, failure: SendFailure) -> ErrorObjectOwned {
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

fn token_amount(
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

/// Registers every method on a module whose context is the engine handle.
pub fn module(handle: EngineHandle) -> RpcModule<EngineHandle> {
    let mut m = RpcModule::new(handle);

    macro_rules! method {
        ($name:literal, |$args:ident, $engine:ident| $body:expr) => {
            m.register_async_method($name, |params, handle, _| async move {
                let owned: Vec<serde_json::Value> = params.parse().unwrap_or_default();
                handle
                    .call(
                        move |$engine: &mut Engine| -> RpcResult<serde_json::Value> {
                            let text = serde_json::to_string(&owned).map_err(internal)?;
                            let params = Params::new(Some(&text));
                            #[allow(unused_mut, unused_variables)]
                            let mut $args = Args::new(&params);
                            let value = $body?;
                            serde_json::to_value(value).map_err(internal)
                        },
                    )
                    .await
            })
            .expect("method names are unique");
        };
    }

    method!("getVersion", |args, e| {
        let _ = e;
        Ok::<_, ErrorObjectOwned>(RpcVersionInfo {
            solana_core: SOLANA_CORE_VERSION.to_string(),
            feature_set: None,
        })
    });
    method!("getHealth", |args, e| {
        let _ = e;
        Ok::<_, ErrorObjectOwned>("ok")
    });
    method!("getGenesisHash", |args, e| Ok::<_, ErrorObjectOwned>(
        e.genesis_hash().to_string()
    ));
    method!("getSlot", |args, e| Ok::<_, ErrorObjectOwned>(e.slot()));
    method!("getBlockHeight", |args, e| Ok::<_, ErrorObjectOwned>(
        e.slot()
    ));
    method!("getTransactionCount", |args, e| Ok::<_, ErrorObjectOwned>(
        e.transaction_count()
    ));
    method!("getEpochInfo", |args, e| {
        let slot = e.slot();
        Ok::<_, ErrorObjectOwned>(serde_json::json!({
            "epoch": slot / crate::engine::SLOTS_PER_EPOCH,
            "slotIndex": slot % crate::engine::SLOTS_PER_EPOCH,
            "slotsInEpoch": crate::engine::SLOTS_PER_EPOCH,
            "absoluteSlot": slot,
            "blockHeight": slot,
            "transactionCount": e.transaction_count(),
        }))
    });
    method!("getLatestBlockhash", |args, e| {
        let (hash, last_valid_block_height) = e.latest_blockhash();
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: RpcBlockhash {
                blockhash: hash.to_string(),
                last_valid_block_height,
            },
        })
    });
    method!("isBlockhashValid", |args, e| {
        let text: String = args.next()?;
        let hash = Hash::from_str(&text)
            .map_err(|_| invalid(format!("Invalid param: not a blockhash: {text}")))?;
        let valid = e.is_blockhash_valid(&hash);
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: valid,
        })
    });
    method!("getFeeForMessage", |args, e| {
        let text: String = args.next()?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&text)
            .map_err(|err| invalid(format!("invalid base64 encoding: {err}")))?;
        let message: solana_message::VersionedMessage = bincode::deserialize(&bytes)
            .map_err(|err| invalid(format!("invalid message: {err}")))?;
        let signatures = usize::from(message.header().num_required_signatures);
        let fee = e.fee_for(signatures);
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: Some(fee),
        })
    });
    method!("getMinimumBalanceForRentExemption", |args, e| {
        let len: usize = args.next()?;
        Ok::<_, ErrorObjectOwned>(e.minimum_balance(len))
    });
    method!("getBalance", |args, e| {
        let address = pubkey(&args.next::<String>()?)?;
        let balance = e.account(&address).map_or(0, |a| a.lamports());
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: balance,
        })
    });
    method!("getAccountInfo", |args, e| {
        let address = pubkey(&args.next::<String>()?)?;
        let config: RpcAccountInfoConfig = args.optional()?.unwrap_or_default();
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
        let value = match e.account(&address) {
            Some(account) => Some(encode(e, &address, &account, encoding, config.data_slice)?),
            None => None,
        };
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value,
        })
    });
    method!("getMultipleAccounts", |args, e| {
        let addresses: Vec<String> = args.next()?;
        if addresses.len() > 100 {
            return Err(invalid("Too many inputs provided; max 100"));
        }
        let config: RpcAccountInfoConfig = args.optional()?.unwrap_or_default();
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Base64);
        let mut value = Vec::with_capacity(addresses.len());
        for text in addresses {
            let address = pubkey(&text)?;
            value.push(match e.account(&address) {
                Some(account) => Some(encode(e, &address, &account, encoding, config.data_slice)?),
                None => None,
            });
        }
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value,
        })
    });
    method!("getProgramAccounts", |args, e| {
        let program = pubkey(&args.next::<String>()?)?;
        let config: RpcProgramAccountsConfig = args.optional()?.unwrap_or_default();
        let mut filters = config.filters.unwrap_or_default();
        if filters.len() > 4 {
            return Err(invalid("Too many filters provided; max 4"));
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
        let accounts = e.program_accounts(&program, |account| {
            filters.iter().all(|filter| match filter {
                RpcFilterType::DataSize(size) => account.data().len() as u64 == *size,
                RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(account.data()),
                RpcFilterType::TokenAccountState => {
                    StateWithExtensions::<TokenAccount>::unpack(account.data()).is_ok()
                }
            })
        });
        let encoding = config
            .account_config
            .encoding
            .unwrap_or(UiAccountEncoding::Binary);
        let mut keyed = Vec::with_capacity(accounts.len());
        for (address, account) in &accounts {
            keyed.push(RpcKeyedAccount {
                pubkey: address.to_string(),
                account: encode(
                    e,
                    address,
                    account,
                    encoding,
                    config.account_config.data_slice,
                )?,
            });
        }
        if config.with_context.unwrap_or(false) {
            serde_json::to_value(Response {
                context: context(e.slot()),
                value: keyed,
            })
            .map_err(internal)
        } else {
            serde_json::to_value(keyed).map_err(internal)
        }
    });
    method!("getTokenAccountBalance", |args, e| {
        let address = pubkey(&args.next::<String>()?)?;
        let account = e
            .account(&address)
            .ok_or_else(|| invalid("Invalid param: could not find account"))?;
        let (_, amount) = token_amount(e, &account)
            .ok_or_else(|| invalid("Invalid param: not a Token account"))?;
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: amount,
        })
    });
    method!("getTokenAccountsByOwner", |args, e| {
        let owner = pubkey(&args.next::<String>()?)?;
        let filter: RpcTokenAccountsFilter = args.next()?;
        let config: RpcAccountInfoConfig = args.optional()?.unwrap_or_default();
        let (programs, mint) = match filter {
            RpcTokenAccountsFilter::Mint(mint) => {
                let mint = pubkey(&mint)?;
                let program = e
                    .account(&mint)
                    .map(|a| *a.owner())
                    .ok_or_else(|| invalid("Invalid param: could not find mint"))?;
                (vec![program], Some(mint))
            }
            RpcTokenAccountsFilter::ProgramId(program) => {
                let program = pubkey(&program)?;
                if !is_token_program(&program) {
                    return Err(invalid("Invalid param: unrecognized Token program id"));
                }
                (vec![program], None)
            }
        };
        let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
        let mut keyed = Vec::new();
        for program in programs {
            let accounts = e.program_accounts(&program, |account| {
                StateWithExtensions::<TokenAccount>::unpack(account.data())
                    .map(|t| t.base.owner == owner && mint.is_none_or(|m| m == t.base.mint))
                    .unwrap_or(false)
            });
            for (address, account) in &accounts {
                keyed.push(RpcKeyedAccount {
                    pubkey: address.to_string(),
                    account: encode(e, address, account, encoding, config.data_slice)?,
                });
            }
        }
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value: keyed,
        })
    });
    method!("sendTransaction", |args, e| {
        let data: String = args.next()?;
        let config: RpcSendTransactionConfig = args.optional()?.unwrap_or_default();
        let tx = decode_transaction(&data, config.encoding)?;
        // Validators check signatures before preflight.
        if tx.verify_with_results().iter().any(|ok| !ok) {
            return Err(send_failure(e, SendFailure::SignatureFailure));
        }
        if !config.skip_preflight {
            let sim = e.simulate(tx.clone(), &[]);
            if sim.err.is_some() {
                return Err(preflight_failure(e, sim));
            }
        }
        e.send(tx)
            .map(|signature| signature.to_string())
            .map_err(|failure| send_failure(e, failure))
    });
    method!("simulateTransaction", |args, e| {
        let data: String = args.next()?;
        let config: RpcSimulateTransactionConfig = args.optional()?.unwrap_or_default();
        let mut tx = decode_transaction(&data, config.encoding)?;
        if config.sig_verify && tx.verify_with_results().iter().any(|ok| !ok) {
            return Err(send_failure(e, SendFailure::SignatureFailure));
        }
        let mut replacement = None;
        if config.replace_recent_blockhash {
            let (hash, last_valid_block_height) = e.latest_blockhash();
            tx.message.set_recent_blockhash(hash);
            replacement = Some(RpcBlockhash {
                blockhash: hash.to_string(),
                last_valid_block_height,
            });
        }
        let (addresses, encoding) = match config.accounts {
            Some(accounts) => (
                accounts
                    .addresses
                    .iter()
                    .map(|a| pubkey(a))
                    .collect::<RpcResult<Vec<_>>>()?,
                accounts.encoding.unwrap_or(UiAccountEncoding::Base64),
            ),
            None => (Vec::new(), UiAccountEncoding::Base64),
        };
        let sim = e.simulate(tx, &addresses);
        let mut value = simulation_result(e, sim, encoding);
        value.replacement_blockhash = replacement;
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value,
        })
    });
    method!("getSignatureStatuses", |args, e| {
        let signatures: Vec<String> = args.next()?;
        if signatures.len() > 256 {
            return Err(invalid("Too many inputs provided; max 256"));
        }
        let _config: Option<RpcSignatureStatusConfig> = args.optional()?;
        let mut value = Vec::with_capacity(signatures.len());
        for text in signatures {
            let record = e.transaction(&signature(&text)?).map_err(internal)?;
            value.push(record.map(|r| TransactionStatus {
                slot: r.slot,
                confirmations: None,
                status: r.err.clone().map_or(Ok(()), Err),
                err: r.err,
                confirmation_status: Some(TransactionConfirmationStatus::Finalized),
            }));
        }
        Ok::<_, ErrorObjectOwned>(Response {
            context: context(e.slot()),
            value,
        })
    });
    method!("getTransaction", |args, e| {
        let sig = signature(&args.next::<String>()?)?;
        // The config is an object, or (the older form RpcClient still sends) an encoding.
        let encoding = match args.optional::<serde_json::Value>()? {
            None | Some(serde_json::Value::Null) => UiTransactionEncoding::Json,
            Some(serde_json::Value::String(text)) => {
                serde_json::from_value(serde_json::Value::String(text))
                    .map_err(|err| invalid(format!("Invalid params: unknown encoding: {err}")))?
            }
            Some(object) => serde_json::from_value::<RpcTransactionConfig>(object)
                .map_err(|err| invalid(format!("Invalid params: {err}")))?
                .encoding
                .unwrap_or(UiTransactionEncoding::Json),
        };
        let Some(record) = e.transaction(&sig).map_err(internal)? else {
            return Ok(serde_json::Value::Null);
        };
        let transaction = match encoding {
            UiTransactionEncoding::Base64 => EncodedTransaction::Binary(
                record.wire_base64.clone(),
                TransactionBinaryEncoding::Base64,
            ),
            UiTransactionEncoding::Base58 => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(&record.wire_base64)
                    .map_err(internal)?;
                EncodedTransaction::Binary(
                    bs58::encode(bytes).into_string(),
                    TransactionBinaryEncoding::Base58,
                )
            }
            _ => {
                return Err(invalid(format!(
                    "unsupported encoding: {encoding}. This node serves transactions as base64 or base58"
                )));
            }
        };
        let value = EncodedConfirmedTransactionWithStatusMeta {
            slot: record.slot,
            block_time: Some(record.block_time),
            transaction: EncodedTransactionWithStatusMeta {
                transaction,
                meta: Some(UiTransactionStatusMeta {
                    err: record.err.clone().map(Into::into),
                    status: record.err.clone().map_or(Ok(()), |err| Err(err.into())),
                    fee: record.fee,
                    pre_balances: record.pre_balances.clone(),
                    post_balances: record.post_balances.clone(),
                    inner_instructions: OptionSerializer::None,
                    log_messages: OptionSerializer::Some(record.logs.clone()),
                    pre_token_balances: OptionSerializer::None,
                    post_token_balances: OptionSerializer::None,
                    rewards: OptionSerializer::None,
                    loaded_addresses: OptionSerializer::Skip,
                    return_data: match &record.return_data {
                        Some((program_id, data)) => {
                            OptionSerializer::Some(UiTransactionReturnData {
                                program_id: program_id.clone(),
                                data: (data.clone(), UiReturnDataEncoding::Base64),
                            })
                        }
                        None => OptionSerializer::Skip,
                    },
                    compute_units_consumed: OptionSerializer::Some(record.compute_units),
                    cost_units: OptionSerializer::Skip,
                }),
                version: None,
            },
        };
        serde_json::to_value(value).map_err(internal)
    });
    method!("requestAirdrop", |args, e| {
        let to = pubkey(&args.next::<String>()?)?;
        let lamports: u64 = args.next()?;
        let _config: Option<RpcRequestAirdropConfig> = args.optional()?;
        if lamports == 0 || lamports > MAX_AIRDROP_LAMPORTS {
            return Err(invalid(format!(
                "airdrop request must be between 1 and {MAX_AIRDROP_LAMPORTS} lamports"
            )));
        }
        e.airdrop(&to, lamports)
            .map(|signature| signature.to_string())
            .map_err(|failure| send_failure(e, failure))
    });
    method!("netstate_warpClock", |args, e| {
        let seconds: i64 = args.next()?;
        if seconds < 0 {
            return Err(invalid(
                "the clock only moves forward: seconds must be >= 0",
            ));
        }
        e.warp(seconds).map_err(internal)?;
        Ok::<_, ErrorObjectOwned>(
            serde_json::json!({ "unixTimestamp": e.unix_time(), "slot": e.slot() }),
        )
    });

    m
}
