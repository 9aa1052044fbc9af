//! A society's treasury history, read from its transactions' events the way an indexer
//! would: `getSignaturesForAddress` on the treasury, then `getTransaction` for each.

use anchor_lang::prelude::Pubkey;
use solana_client::rpc_request::RpcRequest;

use crate::events::{SolDeposited, TokenDeposited, TreasurySolPaid, TreasuryTokenPaid};
use crate::{ClientError, NetstateClient, event_log, pda};

/// Which way an amount moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Into the treasury (a deposit).
    In,
    /// Out of the treasury (an executed grant).
    Out,
}

/// One movement of a treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryFlow {
    /// The transaction.
    pub signature: String,
    /// When it was confirmed.
    pub block_time: Option<i64>,
    /// In or out.
    pub direction: Direction,
    /// The depositor, or the recipient of a grant.
    pub counterparty: Pubkey,
    /// The token, or `None` for SOL.
    pub mint: Option<Pubkey>,
    /// Lamports or base units.
    pub amount: u64,
}

impl NetstateClient {
    /// The newest movements of `society`'s treasury, newest first, from at most `limit`
    /// of its transactions.
    pub async fn treasury_flows(
        &self,
        society: &Pubkey,
        limit: usize,
    ) -> Result<Vec<TreasuryFlow>, ClientError> {
        let treasury = pda::treasury(society).0;
        let signatures: Vec<serde_json::Value> = self
            .rpc()
            .send(
                RpcRequest::GetSignaturesForAddress,
                serde_json::json!([treasury.to_string(), { "limit": limit }]),
            )
            .await?;
        let mut flows = Vec::new();
        for entry in signatures.iter().filter(|e| e["err"].is_null()) {
            let Some(signature) = entry["signature"].as_str() else {
                continue;
            };
            let tx: serde_json::Value = self
                .rpc()
                .send(
                    RpcRequest::GetTransaction,
                    serde_json::json!([signature, { "encoding": "base64", "maxSupportedTransactionVersion": 0 }]),
                )
                .await?;
            let logs: Vec<String> = tx["meta"]["logMessages"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let block_time = tx["blockTime"].as_i64();
            let flow = |direction, counterparty, mint, amount| TreasuryFlow {
                signature: signature.to_string(),
                block_time,
                direction,
                counterparty,
                mint,
                amount,
            };
            for e in event_log::decode::<SolDeposited>(&logs) {
                if e.society == *society {
                    flows.push(flow(Direction::In, e.depositor, None, e.amount));
                }
            }
            for e in event_log::decode::<TokenDeposited>(&logs) {
                if e.society == *society {
                    flows.push(flow(Direction::In, e.depositor, Some(e.mint), e.amount));
                }
            }
            for e in event_log::decode::<TreasurySolPaid>(&logs) {
                if e.society == *society {
                    flows.push(flow(Direction::Out, e.recipient, None, e.amount));
                }
            }
            for e in event_log::decode::<TreasuryTokenPaid>(&logs) {
                if e.society == *society {
                    flows.push(flow(Direction::Out, e.recipient, Some(e.mint), e.amount));
                }
            }
        }
        Ok(flows)
    }
}
