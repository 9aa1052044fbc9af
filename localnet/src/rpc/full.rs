//! Agave's `Full` group: transactions (send, simulate, statuses, history), blockhashes,
//! fees and airdrops.

use std::str::FromStr;

use base64::Engine as _;
use jsonrpsee::core::{RpcResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_hash::Hash;
use solana_rpc_client_types::config::{
    RpcContextConfig, RpcEncodingConfigWrapper, RpcRequestAirdropConfig, RpcSendTransactionConfig,
    RpcSignatureStatusConfig, RpcSignaturesForAddressConfig, RpcSimulateTransactionConfig,
    RpcTransactionConfig,
};
use solana_rpc_client_types::response::{
    Response, RpcBlockhash, RpcConfirmedTransactionStatusWithSignature, RpcPrioritizationFee,
    RpcSimulateTransactionResult,
};
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_status_client_types::{
    EncodedConfirmedTransactionWithStatusMeta, EncodedTransaction,
    EncodedTransactionWithStatusMeta, TransactionBinaryEncoding, TransactionConfirmationStatus,
    TransactionStatus, UiAddressTableLookup, UiCompiledInstruction, UiMessage, UiRawMessage,
    UiReturnDataEncoding, UiTransaction, UiTransactionEncoding, UiTransactionReturnData,
    UiTransactionStatusMeta, option_serializer::OptionSerializer,
};

use super::Rpc;
use super::encoding::{
    context, decode_transaction, internal, invalid, pubkey, send_failure, signature,
    simulation_result,
};
use crate::engine::{MAX_AIRDROP_LAMPORTS, SendFailure, SignedTransaction};
use crate::record::TransactionRecord;

/// Most signatures one `getSignaturesForAddress` returns, as on validators.
const MAX_SIGNATURES_FOR_ADDRESS: usize = 1_000;

/// Most signatures one `getSignatureStatuses` may ask for, as on validators.
pub const MAX_SIGNATURE_STATUSES: usize = 256;

/// Transactions, blockhashes, fees and airdrops.
#[rpc(server)]
pub trait Full {
    /// The status of up to 256 transactions (`null` for unknown ones).
    #[method(name = "getSignatureStatuses")]
    async fn get_signature_statuses(
        &self,
        signature_strs: Vec<String>,
        config: Option<RpcSignatureStatusConfig>,
    ) -> RpcResult<Response<Vec<Option<TransactionStatus>>>>;

    /// Sends lamports from the ledger's faucet (at most 1 000 SOL at a time).
    #[method(name = "requestAirdrop")]
    async fn request_airdrop(
        &self,
        pubkey_str: String,
        lamports: u64,
        config: Option<RpcRequestAirdropConfig>,
    ) -> RpcResult<String>;

    /// Runs a signed transaction and, if it succeeds, confirms it durably before answering.
    #[method(name = "sendTransaction")]
    async fn send_transaction(
        &self,
        data: String,
        config: Option<RpcSendTransactionConfig>,
    ) -> RpcResult<String>;

    /// Runs a transaction without keeping its effects.
    #[method(name = "simulateTransaction")]
    async fn simulate_transaction(
        &self,
        data: String,
        config: Option<RpcSimulateTransactionConfig>,
    ) -> RpcResult<Response<RpcSimulateTransactionResult>>;

    /// The signatures of confirmed transactions that loaded an address, newest first (at most
    /// `limit`, default and maximum 1 000; older than `before`; down to `until`, exclusive).
    #[method(name = "getSignaturesForAddress")]
    async fn get_signatures_for_address(
        &self,
        address: String,
        config: Option<RpcSignaturesForAddressConfig>,
    ) -> RpcResult<Vec<RpcConfirmedTransactionStatusWithSignature>>;

    /// A confirmed transaction with its metadata (base64 or base58), or `null`: an
    /// `EncodedConfirmedTransactionWithStatusMeta` (serialized here, as that type is not
    /// `Clone`, which jsonrpsee asks of responses).
    #[method(name = "getTransaction")]
    async fn get_transaction(
        &self,
        signature_str: String,
        config: Option<RpcEncodingConfigWrapper<RpcTransactionConfig>>,
    ) -> RpcResult<Option<serde_json::Value>>;

    /// The newest blockhash and the last block height at which it is valid.
    #[method(name = "getLatestBlockhash")]
    async fn get_latest_blockhash(
        &self,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<RpcBlockhash>>;

    /// Whether a blockhash is still accepted.
    #[method(name = "isBlockhashValid")]
    async fn is_blockhash_valid(
        &self,
        blockhash: String,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<bool>>;

    /// The fee of a message (base64): 5 000 lamports per signature, plus its prioritization
    /// fee (its compute unit limit times its price).
    #[method(name = "getFeeForMessage")]
    async fn get_fee_for_message(
        &self,
        data: String,
        config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<Option<u64>>>;

    /// For each recent slot with transactions, the lowest compute unit price paid, or with
    /// accounts, what writing them cost (at most 128 accounts).
    #[method(name = "getRecentPrioritizationFees")]
    async fn get_recent_prioritization_fees(
        &self,
        pubkey_strs: Option<Vec<String>>,
    ) -> RpcResult<Vec<RpcPrioritizationFee>>;
}

#[async_trait]
impl FullServer for Rpc {
    async fn get_signature_statuses(
        &self,
        signature_strs: Vec<String>,
        _config: Option<RpcSignatureStatusConfig>,
    ) -> RpcResult<Response<Vec<Option<TransactionStatus>>>> {
        if signature_strs.len() > MAX_SIGNATURE_STATUSES {
            return Err(invalid(format!(
                "Too many inputs provided; max {MAX_SIGNATURE_STATUSES}"
            )));
        }
        let signatures = signature_strs
            .iter()
            .map(|text| signature(text))
            .collect::<RpcResult<Vec<_>>>()?;
        // Signatures the node remembers as landed (every one it confirmed since it started,
        // up to the newest 100 000) are answered here, without a trip to the engine: the
        // node keeps no failed transaction, so a remembered one succeeded.
        if let Some((slots, newest)) = self.engine.recent().landed(&signatures) {
            return Ok(Response {
                context: context(newest),
                value: slots
                    .into_iter()
                    .map(|slot| {
                        Some(TransactionStatus {
                            slot,
                            confirmations: None,
                            status: Ok(()),
                            err: None,
                            confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                        })
                    })
                    .collect(),
            });
        }
        self.on_engine(move |e| {
            let mut value = Vec::with_capacity(signatures.len());
            for signature in &signatures {
                let record = e.transaction(signature).map_err(internal)?;
                value.push(record.map(|r| TransactionStatus {
                    slot: r.slot,
                    confirmations: None,
                    status: r.err.clone().map_or(Ok(()), Err),
                    err: r.err,
                    confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                }));
            }
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn request_airdrop(
        &self,
        pubkey_str: String,
        lamports: u64,
        _config: Option<RpcRequestAirdropConfig>,
    ) -> RpcResult<String> {
        let to = pubkey(&pubkey_str)?;
        if lamports == 0 || lamports > MAX_AIRDROP_LAMPORTS {
            return Err(invalid(format!(
                "airdrop request must be between 1 and {MAX_AIRDROP_LAMPORTS} lamports"
            )));
        }
        self.on_engine(move |e| {
            e.airdrop(&to, lamports)
                .map(|signature| signature.to_string())
                .map_err(|failure| send_failure(e, failure))
        })
        .await
    }

    async fn send_transaction(
        &self,
        data: String,
        config: Option<RpcSendTransactionConfig>,
    ) -> RpcResult<String> {
        let config = config.unwrap_or_default();
        let tx = decode_transaction(&data, config.encoding)?;
        // Preflight and not: the signatures are checked first, as validators do before
        // preflight (here, on this RPC worker rather than the engine's one thread), and the
        // engine refuses a transaction that fails with its simulation, which is what
        // preflight answers; it keeps nothing of a failure. Simulating separately would run
        // every transaction twice.
        let signed = SignedTransaction::check(tx);
        self.on_engine(move |e| {
            signed
                .and_then(|tx| e.send_signed(tx))
                .map(|signature| signature.to_string())
                .map_err(|failure| send_failure(e, failure))
        })
        .await
    }

    async fn simulate_transaction(
        &self,
        data: String,
        config: Option<RpcSimulateTransactionConfig>,
    ) -> RpcResult<Response<RpcSimulateTransactionResult>> {
        let config = config.unwrap_or_default();
        let mut tx = decode_transaction(&data, config.encoding)?;
        let (addresses, encoding) = match &config.accounts {
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
        self.on_engine(move |e| {
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
            let sim = e.simulate(tx, &addresses);
            let mut value = simulation_result(e, sim, encoding);
            value.replacement_blockhash = replacement;
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn get_signatures_for_address(
        &self,
        address: String,
        config: Option<RpcSignaturesForAddressConfig>,
    ) -> RpcResult<Vec<RpcConfirmedTransactionStatusWithSignature>> {
        let address = pubkey(&address)?;
        let config = config.unwrap_or_default();
        let limit = config.limit.unwrap_or(MAX_SIGNATURES_FOR_ADDRESS);
        if limit == 0 || limit > MAX_SIGNATURES_FOR_ADDRESS {
            return Err(invalid(format!(
                "Invalid limit; max {MAX_SIGNATURES_FOR_ADDRESS}"
            )));
        }
        let before = config.before.as_deref().map(signature).transpose()?;
        let until = config.until.as_deref().map(signature).transpose()?;
        let found = self
            .on_engine(move |e| {
                e.signatures_for_address(&address, before.as_ref(), limit)
                    .map_err(internal)
            })
            .await?;
        Ok(found
            .into_iter()
            .take_while(|(s, _)| Some(*s) != until)
            .map(|(s, record)| RpcConfirmedTransactionStatusWithSignature {
                signature: s.to_string(),
                slot: record.slot,
                err: record.err.map(Into::into),
                memo: None,
                block_time: Some(record.block_time),
                confirmation_status: Some(TransactionConfirmationStatus::Finalized),
            })
            .collect())
    }

    async fn get_transaction(
        &self,
        signature_str: String,
        config: Option<RpcEncodingConfigWrapper<RpcTransactionConfig>>,
    ) -> RpcResult<Option<serde_json::Value>> {
        let signature = signature(&signature_str)?;
        // The config is an object, or (the older form RpcClient still sends) an encoding.
        let config = config.map(|c| c.convert_to_current());
        let max_version = config
            .as_ref()
            .and_then(|c| c.max_supported_transaction_version);
        let encoding = config
            .and_then(|c| c.encoding)
            .unwrap_or(UiTransactionEncoding::Json);
        let Some(record) = self
            .on_engine(move |e| e.transaction(&signature).map_err(internal))
            .await?
        else {
            return Ok(None);
        };
        let value = match encoding {
            UiTransactionEncoding::JsonParsed => json_parsed(record, max_version)?,
            _ => encoded(record, encoding)?,
        };
        serde_json::to_value(value).map(Some).map_err(internal)
    }

    async fn get_latest_blockhash(
        &self,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<RpcBlockhash>> {
        self.on_engine(|e| {
            let (hash, last_valid_block_height) = e.latest_blockhash();
            Ok(Response {
                context: context(e.slot()),
                value: RpcBlockhash {
                    blockhash: hash.to_string(),
                    last_valid_block_height,
                },
            })
        })
        .await
    }

    async fn is_blockhash_valid(
        &self,
        blockhash: String,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<bool>> {
        let hash = Hash::from_str(&blockhash)
            .map_err(|_| invalid(format!("Invalid param: not a blockhash: {blockhash}")))?;
        self.on_engine(move |e| {
            let value = e.is_blockhash_valid(&hash);
            Ok(Response {
                context: context(e.slot()),
                value,
            })
        })
        .await
    }

    async fn get_fee_for_message(
        &self,
        data: String,
        _config: Option<RpcContextConfig>,
    ) -> RpcResult<Response<Option<u64>>> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&data)
            .map_err(|err| invalid(format!("invalid base64 encoding: {err}")))?;
        let message: solana_message::VersionedMessage = bincode::deserialize(&bytes)
            .map_err(|err| invalid(format!("invalid message: {err}")))?;
        self.on_engine(move |e| {
            Ok(Response {
                context: context(e.slot()),
                value: Some(e.fee_for(&message)),
            })
        })
        .await
    }

    async fn get_recent_prioritization_fees(
        &self,
        pubkey_strs: Option<Vec<String>>,
    ) -> RpcResult<Vec<RpcPrioritizationFee>> {
        let pubkey_strs = pubkey_strs.unwrap_or_default();
        if pubkey_strs.len() > crate::fees::MAX_ACCOUNTS {
            return Err(invalid(format!(
                "Too many inputs provided; max {}",
                crate::fees::MAX_ACCOUNTS
            )));
        }
        let accounts = pubkey_strs
            .iter()
            .map(|s| pubkey(s))
            .collect::<Result<Vec<_>, _>>()?;
        self.on_engine(move |e| {
            Ok(e.recent_prioritization_fees(&accounts)
                .into_iter()
                .map(|(slot, prioritization_fee)| RpcPrioritizationFee {
                    slot,
                    prioritization_fee,
                })
                .collect())
        })
        .await
    }
}

/// A stored transaction as `getTransaction` serves it, in `encoding`: base64, base58, or
/// JSON (the raw message with its keys and instructions, as validators serve `json`).
fn encoded(
    record: TransactionRecord,
    encoding: UiTransactionEncoding,
) -> RpcResult<EncodedConfirmedTransactionWithStatusMeta> {
    let wire = || {
        base64::engine::general_purpose::STANDARD
            .decode(&record.wire_base64)
            .map_err(internal)
    };
    let transaction = match encoding {
        UiTransactionEncoding::Base64 => EncodedTransaction::Binary(
            record.wire_base64.clone(),
            TransactionBinaryEncoding::Base64,
        ),
        UiTransactionEncoding::Base58 => EncodedTransaction::Binary(
            bs58::encode(wire()?).into_string(),
            TransactionBinaryEncoding::Base58,
        ),
        UiTransactionEncoding::Json => {
            let transaction: VersionedTransaction =
                bincode::deserialize(&wire()?).map_err(internal)?;
            EncodedTransaction::Json(json_transaction(&transaction))
        }
        _ => {
            return Err(invalid(format!(
                "unsupported encoding: {encoding}. This node serves transactions as json, jsonParsed, base64 or base58"
            )));
        }
    };
    Ok(EncodedConfirmedTransactionWithStatusMeta {
        slot: record.slot,
        block_time: Some(record.block_time),
        transaction: EncodedTransactionWithStatusMeta {
            transaction,
            meta: Some(UiTransactionStatusMeta {
                err: record.err.clone().map(Into::into),
                status: record.err.clone().map_or(Ok(()), |err| Err(err.into())),
                fee: record.fee,
                pre_balances: record.pre_balances,
                post_balances: record.post_balances,
                inner_instructions: OptionSerializer::None,
                log_messages: OptionSerializer::Some(record.logs),
                pre_token_balances: OptionSerializer::None,
                post_token_balances: OptionSerializer::None,
                rewards: OptionSerializer::None,
                loaded_addresses: OptionSerializer::Skip,
                return_data: match record.return_data {
                    Some((program_id, data)) => OptionSerializer::Some(UiTransactionReturnData {
                        program_id,
                        data: (data, UiReturnDataEncoding::Base64),
                    }),
                    None => OptionSerializer::Skip,
                },
                compute_units_consumed: OptionSerializer::Some(record.compute_units),
                cost_units: OptionSerializer::Skip,
            }),
            version: None,
        },
    })
}

/// The `jsonParsed` form of a confirmed transaction, built by Agave's own encoder (which
/// parses System, SPL Token, Token-2022, Associated Token, Memo and other known programs'
/// instructions, as explorers and wallets read them). Versions are refused as validators
/// refuse them (`maxSupportedTransactionVersion`).
// solana-transaction-status marks its API for Agave's unstable API; pinned to the 3.1 line.
#[allow(deprecated)]
fn json_parsed(
    record: TransactionRecord,
    max_version: Option<u8>,
) -> RpcResult<EncodedConfirmedTransactionWithStatusMeta> {
    use solana_transaction_status::{
        ConfirmedTransactionWithStatusMeta, TransactionStatusMeta, TransactionWithStatusMeta,
        VersionedTransactionWithStatusMeta,
    };
    let wire = base64::engine::general_purpose::STANDARD
        .decode(&record.wire_base64)
        .map_err(internal)?;
    let transaction: VersionedTransaction = bincode::deserialize(&wire).map_err(internal)?;
    if transaction
        .message
        .address_table_lookups()
        .is_some_and(|lookups| !lookups.is_empty())
    {
        return Err(invalid(
            "this node does not keep the addresses a v0 transaction loaded through lookup tables, which jsonParsed lists; use json, base64 or base58",
        ));
    }
    let return_data = match &record.return_data {
        Some((program_id, data)) => Some(solana_transaction_context::TransactionReturnData {
            program_id: pubkey(program_id)?,
            data: base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(internal)?,
        }),
        None => None,
    };
    let meta = TransactionStatusMeta {
        status: record.err.clone().map_or(Ok(()), Err),
        fee: record.fee,
        pre_balances: record.pre_balances,
        post_balances: record.post_balances,
        log_messages: Some(record.logs),
        return_data,
        compute_units_consumed: Some(record.compute_units),
        ..TransactionStatusMeta::default()
    };
    let confirmed = ConfirmedTransactionWithStatusMeta {
        slot: record.slot,
        tx_with_meta: TransactionWithStatusMeta::Complete(VersionedTransactionWithStatusMeta {
            transaction,
            meta,
        }),
        block_time: Some(record.block_time),
    };
    confirmed
        .encode(UiTransactionEncoding::JsonParsed, max_version)
        .map_err(|error| match error {
            solana_transaction_status::EncodeError::UnsupportedTransactionVersion(version) => {
                jsonrpsee::types::ErrorObjectOwned::owned::<()>(
                    solana_rpc_client_api::custom_error::JSON_RPC_SERVER_ERROR_UNSUPPORTED_TRANSACTION_VERSION as i32,
                    format!(
                        "Transaction version ({version}) is not supported by the requesting client. Please try the request again with the following configuration parameter: \"maxSupportedTransactionVersion\": {version}"
                    ),
                    None,
                )
            }
        })
}

/// `transaction` as the `json` encoding shows it: signatures, and the raw message with its
/// header, keys, blockhash and compiled instructions (data in base58).
fn json_transaction(transaction: &VersionedTransaction) -> UiTransaction {
    let message = &transaction.message;
    UiTransaction {
        signatures: transaction
            .signatures
            .iter()
            .map(ToString::to_string)
            .collect(),
        message: UiMessage::Raw(UiRawMessage {
            header: *message.header(),
            account_keys: message
                .static_account_keys()
                .iter()
                .map(ToString::to_string)
                .collect(),
            recent_blockhash: message.recent_blockhash().to_string(),
            instructions: message
                .instructions()
                .iter()
                .map(|ix| UiCompiledInstruction::from(ix, None))
                .collect(),
            address_table_lookups: message
                .address_table_lookups()
                .map(|lookups| lookups.iter().map(UiAddressTableLookup::from).collect()),
        }),
    }
}
