//! Agave's `RpcSolPubSub`: the websocket API that Solana clients confirm with
//! (`signatureSubscribe`) and that wallets and indexers watch accounts, programs, logs and
//! slots through. Every notification has the shape of Agave's own response types.
//!
//! The node confirms a transaction durably before it answers anything, so what is
//! `processed` is already `confirmed` and `finalized`: every commitment level is notified at
//! once, and a slot is its own root. The node keeps no failed transactions (it refuses them
//! at `sendTransaction`), so logs and signature notifications are of successes only.

use std::future::Future;
use std::pin::Pin;

use jsonrpsee::PendingSubscriptionSink;
use jsonrpsee::core::{SubscriptionResult, async_trait};
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::server::SubscriptionSink;
use jsonrpsee::types::ErrorObjectOwned;
use serde::Serialize;
use solana_account::{AccountSharedData, ReadableAccount};
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding};
use solana_pubkey::Pubkey;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSignatureSubscribeConfig,
    RpcTransactionLogsConfig, RpcTransactionLogsFilter,
};
use solana_rpc_client_types::response::{
    ProcessedSignatureResult, ReceivedSignatureResult, Response, RpcKeyedAccount, RpcLogsResponse,
    RpcSignatureResult, SlotInfo,
};
use tokio::sync::broadcast::error::RecvError;

use super::Rpc;
use super::accounts_scan::{checked_filters, passes};
use super::encoding::{context, encode, invalid, pubkey, signature};
use crate::engine::{Confirmed, Notice};
use crate::server::SignatureWatch;
use solana_signature::Signature;

/// Subscriptions to confirmations, accounts, programs, logs, slots and roots.
#[rpc(server)]
pub trait PubSub {
    /// Notifies once when the transaction with this signature is confirmed (at once if it
    /// already is), after a `receivedSignature` notification when asked for; then ends.
    #[subscription(
        name = "signatureSubscribe" => "signatureNotification",
        unsubscribe = "signatureUnsubscribe",
        item = Response<RpcSignatureResult>
    )]
    async fn signature_subscribe(
        &self,
        signature_str: String,
        config: Option<RpcSignatureSubscribeConfig>,
    ) -> SubscriptionResult;

    /// Notifies the account each time a confirmed transaction writes it.
    #[subscription(
        name = "accountSubscribe" => "accountNotification",
        unsubscribe = "accountUnsubscribe",
        item = Response<UiAccount>
    )]
    async fn account_subscribe(
        &self,
        pubkey_str: String,
        config: Option<RpcAccountInfoConfig>,
    ) -> SubscriptionResult;

    /// Notifies each account owned by the program that a confirmed transaction writes and
    /// that passes the filters.
    #[subscription(
        name = "programSubscribe" => "programNotification",
        unsubscribe = "programUnsubscribe",
        item = Response<RpcKeyedAccount>
    )]
    async fn program_subscribe(
        &self,
        program_id_str: String,
        config: Option<RpcProgramAccountsConfig>,
    ) -> SubscriptionResult;

    /// Notifies the logs of every confirmed transaction, or of those that mention one
    /// address.
    #[subscription(
        name = "logsSubscribe" => "logsNotification",
        unsubscribe = "logsUnsubscribe",
        item = Response<RpcLogsResponse>
    )]
    async fn logs_subscribe(
        &self,
        filter: RpcTransactionLogsFilter,
        config: Option<RpcTransactionLogsConfig>,
    ) -> SubscriptionResult;

    /// Notifies each new slot.
    #[subscription(
        name = "slotSubscribe" => "slotNotification",
        unsubscribe = "slotUnsubscribe",
        item = SlotInfo
    )]
    async fn slot_subscribe(&self) -> SubscriptionResult;

    /// Notifies each new root (here every slot is final at once).
    #[subscription(
        name = "rootSubscribe" => "rootNotification",
        unsubscribe = "rootUnsubscribe",
        item = u64
    )]
    async fn root_subscribe(&self) -> SubscriptionResult;
}

/// Sends `item` on `sink`; `false` once the subscriber is gone.
async fn notify(sink: &SubscriptionSink, item: &impl Serialize) -> bool {
    match serde_json::value::to_raw_value(item) {
        Ok(raw) => sink.send(raw).await.is_ok(),
        Err(_) => false,
    }
}

/// One notification, serialized.
type Item = Box<serde_json::value::RawValue>;

/// The items to send for one notice.
type Items = Pin<Box<dyn Future<Output = Vec<Item>> + Send>>;

/// What a subscription does with each notice.
type Watch = Box<dyn FnMut(Notice) -> Items + Send>;

/// A watch that needs nothing from the engine.
fn sync_watch(mut each: impl FnMut(&Notice) -> Vec<Item> + Send + 'static) -> Watch {
    Box::new(move |notice| {
        let items = each(&notice);
        Box::pin(async move { items })
    })
}

fn raw(item: &impl Serialize) -> Option<Item> {
    serde_json::value::to_raw_value(item).ok()
}

/// Each account `confirmed` wrote that `keep` selects, as it left it (a closed one as an
/// empty system account, as validators notify it).
fn written(
    confirmed: &Confirmed,
    keep: impl Fn(&Pubkey, &AccountSharedData) -> bool,
) -> Vec<(Pubkey, AccountSharedData)> {
    confirmed
        .accounts
        .iter()
        .filter_map(|(address, account)| {
            let account = account.clone().unwrap_or_default();
            keep(address, &account).then_some((*address, account))
        })
        .collect()
}

/// Rejects `pending` with `error` (the subscription never starts).
async fn refuse(pending: PendingSubscriptionSink, error: ErrorObjectOwned) -> SubscriptionResult {
    pending.reject(error).await;
    Ok(())
}

impl Rpc {
    /// Accepts `pending` and sends what `watch` makes of each notice until the subscriber
    /// leaves or the node stops. `notices` must be subscribed before anything the
    /// subscription reads first, so that nothing between is missed.
    async fn run_watch(
        &self,
        pending: PendingSubscriptionSink,
        mut notices: tokio::sync::broadcast::Receiver<Notice>,
        mut watch: Watch,
    ) -> SubscriptionResult {
        let sink = pending.accept().await?;
        loop {
            tokio::select! {
                _ = sink.closed() => return Ok(()),
                notice = notices.recv() => match notice {
                    Ok(notice) => {
                        for item in watch(notice).await {
                            if sink.send(item).await.is_err() {
                                return Ok(());
                            }
                        }
                    }
                    // A subscriber this far behind has missed notices: say so and end, as a
                    // validator drops a subscriber it cannot keep up with.
                    Err(RecvError::Lagged(missed)) => {
                        return Err(format!(
                            "the subscriber fell {missed} notices behind; subscribe again"
                        )
                        .into());
                    }
                    Err(RecvError::Closed) => return Ok(()),
                },
            }
        }
    }

    /// Sends, as `item` makes them, the accounts each confirmed transaction writes that
    /// `keep` selects, encoded as `config` asks (token decimals need the engine for
    /// `jsonParsed`).
    async fn watch_accounts<T: Serialize + Send + 'static>(
        &self,
        pending: PendingSubscriptionSink,
        config: RpcAccountInfoConfig,
        keep: impl Fn(&Pubkey, &AccountSharedData) -> bool + Clone + Send + Sync + 'static,
        item: fn(Pubkey, UiAccount) -> T,
    ) -> SubscriptionResult {
        let notices = self.engine.notices();
        let rpc = self.clone();
        let watch: Watch = Box::new(move |notice| {
            let (rpc, config, keep) = (rpc.clone(), config.clone(), keep.clone());
            Box::pin(async move {
                let Notice::Confirmed(confirmed) = notice else {
                    return Vec::new();
                };
                let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
                let slice = config.data_slice;
                let mut items = Vec::new();
                for (address, account) in written(&confirmed, keep) {
                    let encoded = rpc
                        .on_engine(move |e| encode(e, &address, &account, encoding, slice))
                        .await;
                    if let Ok(ui) = encoded {
                        items.extend(raw(&Response {
                            context: context(confirmed.slot),
                            value: item(address, ui),
                        }));
                    }
                }
                items
            })
        });
        self.run_watch(pending, notices, watch).await
    }
}

/// The slot the transaction with `signature` landed in, asked of the engine (for a
/// signature the node may have confirmed before it started).
async fn landed_before(rpc: &Rpc, signature: Signature) -> Result<Option<u64>, ErrorObjectOwned> {
    rpc.on_engine(move |e| Ok(e.transaction(&signature).ok().flatten().map(|r| r.slot)))
        .await
}

#[async_trait]
impl PubSubServer for Rpc {
    async fn signature_subscribe(
        &self,
        pending: PendingSubscriptionSink,
        signature_str: String,
        config: Option<RpcSignatureSubscribeConfig>,
    ) -> SubscriptionResult {
        let wanted = match signature(&signature_str) {
            Ok(s) => s,
            Err(e) => return refuse(pending, e).await,
        };
        let received = config
            .and_then(|c| c.enable_received_notification)
            .unwrap_or(false);
        // Wait first, then answer the subscription: a signature that lands after the
        // first step wakes this waiter (and no other subscription), one that landed before
        // is known at once; only a ledger older than this run asks the engine.
        let Some(watch) = self.engine.recent().watch(wanted) else {
            return Err("the node is shutting down".into());
        };
        let sink = pending.accept().await?;
        let processed = |slot| Response {
            context: context(slot),
            value: RpcSignatureResult::ProcessedSignature(ProcessedSignatureResult { err: None }),
        };
        let (mut landing, ask_engine) = match watch {
            SignatureWatch::Landed(slot) => {
                notify(&sink, &processed(slot)).await;
                return Ok(());
            }
            SignatureWatch::Waiting {
                landing,
                ask_engine,
            } => (landing, ask_engine),
        };
        let before = landed_before(self, wanted);
        tokio::pin!(before);
        let mut looked = !ask_engine;
        loop {
            tokio::select! {
                _ = sink.closed() => return Ok(()),
                found = &mut before, if !looked => {
                    looked = true;
                    if let Some(slot) = found? {
                        notify(&sink, &processed(slot)).await;
                        return Ok(());
                    }
                }
                slot = &mut landing => {
                    // A closed channel: the node stopped.
                    let Ok(slot) = slot else { return Ok(()) };
                    if received {
                        let note = Response {
                            context: context(slot),
                            value: RpcSignatureResult::ReceivedSignature(
                                ReceivedSignatureResult::ReceivedSignature,
                            ),
                        };
                        notify(&sink, &note).await;
                    }
                    notify(&sink, &processed(slot)).await;
                    return Ok(());
                }
            }
        }
    }

    async fn account_subscribe(
        &self,
        pending: PendingSubscriptionSink,
        pubkey_str: String,
        config: Option<RpcAccountInfoConfig>,
    ) -> SubscriptionResult {
        let address = match pubkey(&pubkey_str) {
            Ok(a) => a,
            Err(e) => return refuse(pending, e).await,
        };
        let keep = move |key: &Pubkey, _: &AccountSharedData| *key == address;
        self.watch_accounts(pending, config.unwrap_or_default(), keep, |_, ui| ui)
            .await
    }

    async fn program_subscribe(
        &self,
        pending: PendingSubscriptionSink,
        program_id_str: String,
        config: Option<RpcProgramAccountsConfig>,
    ) -> SubscriptionResult {
        let config = config.unwrap_or_default();
        let program = match pubkey(&program_id_str) {
            Ok(p) => p,
            Err(e) => return refuse(pending, e).await,
        };
        let filters = match checked_filters(config.filters.unwrap_or_default()) {
            Ok(f) => std::sync::Arc::new(f),
            Err(e) => return refuse(pending, e).await,
        };
        let keep = move |_: &Pubkey, account: &AccountSharedData| {
            *account.owner() == program && passes(&filters, account)
        };
        let item = |address: Pubkey, account| RpcKeyedAccount {
            pubkey: address.to_string(),
            account,
        };
        self.watch_accounts(pending, config.account_config, keep, item)
            .await
    }

    async fn logs_subscribe(
        &self,
        pending: PendingSubscriptionSink,
        filter: RpcTransactionLogsFilter,
        _config: Option<RpcTransactionLogsConfig>,
    ) -> SubscriptionResult {
        let mentions: Option<Pubkey> = match filter {
            RpcTransactionLogsFilter::All | RpcTransactionLogsFilter::AllWithVotes => None,
            RpcTransactionLogsFilter::Mentions(addresses) => match addresses.as_slice() {
                [one] => match pubkey(one) {
                    Ok(address) => Some(address),
                    Err(e) => return refuse(pending, e).await,
                },
                _ => {
                    let e = invalid("Invalid Request: Only 1 address supported in mentions");
                    return refuse(pending, e).await;
                }
            },
        };
        let notices = self.engine.notices();
        let watch = sync_watch(move |notice| match notice {
            Notice::Confirmed(c) if mentions.is_none_or(|a| c.keys.contains(&a)) => {
                raw(&Response {
                    context: context(c.slot),
                    value: RpcLogsResponse {
                        signature: c.signature.to_string(),
                        err: None,
                        logs: c.logs.clone(),
                    },
                })
                .into_iter()
                .collect()
            }
            _ => Vec::new(),
        });
        self.run_watch(pending, notices, watch).await
    }

    async fn slot_subscribe(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        let notices = self.engine.notices();
        let watch = sync_watch(|notice| match notice {
            Notice::Slot(slot) => raw(&SlotInfo {
                slot: *slot,
                parent: slot.saturating_sub(1),
                root: *slot,
            })
            .into_iter()
            .collect(),
            Notice::Confirmed(_) => Vec::new(),
        });
        self.run_watch(pending, notices, watch).await
    }

    async fn root_subscribe(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        let notices = self.engine.notices();
        let watch = sync_watch(|notice| match notice {
            Notice::Slot(slot) => raw(slot).into_iter().collect(),
            Notice::Confirmed(_) => Vec::new(),
        });
        self.run_watch(pending, notices, watch).await
    }
}
