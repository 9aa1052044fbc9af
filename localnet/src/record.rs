//! What the node keeps of a confirmed transaction, for `getSignatureStatuses` and
//! `getTransaction`.

use serde::{Deserialize, Serialize};
use solana_transaction_error::TransactionError;

/// A confirmed (executed and stored) transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRecord {
    /// Slot it was executed in.
    pub slot: u64,
    /// Unix time of execution.
    pub block_time: i64,
    /// The transaction as sent (bincode of the `VersionedTransaction`), base64.
    pub wire_base64: String,
    /// `None` on success.
    pub err: Option<TransactionError>,
    /// Program logs.
    pub logs: Vec<String>,
    /// Fee charged, lamports.
    pub fee: u64,
    /// Compute units consumed.
    pub compute_units: u64,
    /// Balances of the message's accounts before.
    pub pre_balances: Vec<u64>,
    /// Balances of the message's accounts after.
    pub post_balances: Vec<u64>,
    /// Return data: program id (base58) and bytes (base64), if any.
    pub return_data: Option<(String, String)>,
    /// Its position among the node's confirmed transactions (1 for the first), which orders
    /// `getSignaturesForAddress`; 0 in records written before it was kept.
    #[serde(default)]
    pub index: u64,
}
