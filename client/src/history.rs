//! A society's treasury history, read from its transactions' events the way an indexer
//! would: `getSignaturesForAddress` on the treasury, then `getTransaction` for each.

use anchor_lang::prelude::Pubkey;
use solana_client::rpc_request::RpcRequest;

use crate::events::{
    DuesPaid, ExitedWithShare, NodeBudgetSet, NodeBudgetSettled, NodeBudgetSpent, SolDeposited,
    TokenDeposited, TreasurySolPaid, TreasuryTokenPaid,
};
use crate::{ClientError, NetstateClient, event_log, pda};

/// Which way an amount moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Into the treasury (a deposit).
    In,
    /// Out of the treasury (an executed grant).
    Out,
}

/// What moved money in or out of a treasury.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FlowKind {
    /// A deposit by anyone.
    Deposit,
    /// Dues paid for a member.
    Dues,
    /// An executed payment (a grant).
    Grant,
    /// A holder's exit with their share.
    Exit,
    /// A hub budget's settlement: the treasury filling a hub's vault, or the vault returning
    /// what is above the allowance (or everything, with the rent of what closed, at its end).
    HubBudget,
}

impl FlowKind {
    /// A stable lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            FlowKind::Deposit => "deposit",
            FlowKind::Dues => "dues",
            FlowKind::Grant => "grant",
            FlowKind::Exit => "exit",
            FlowKind::HubBudget => "hubBudget",
        }
    }
}

/// What one transaction did to a hub's budget.
pub enum BudgetRecord {
    /// A proposal granted, changed or ended it.
    Set(NodeBudgetSet),
    /// Its vault was settled.
    Settled(NodeBudgetSettled),
    /// It was spent.
    Spent(NodeBudgetSpent),
}

/// One entry of a hub budget's history.
pub struct BudgetEntry {
    /// The transaction.
    pub signature: String,
    /// When it was confirmed.
    pub block_time: Option<i64>,
    /// What it did.
    pub record: BudgetRecord,
}

/// A transaction's signature, time and log, as `getTransaction` returns them.
struct LoggedTransaction {
    signature: String,
    block_time: Option<i64>,
    logs: Vec<String>,
}

/// One movement of a treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryFlow {
    /// What moved it.
    pub kind: FlowKind,
    /// The transaction.
    pub signature: String,
    /// When it was confirmed.
    pub block_time: Option<i64>,
    /// In or out.
    pub direction: Direction,
    /// The depositor, the recipient of a grant, or the hub of a budget.
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
        let signatures = self.treasury_signatures(society, limit, None).await?;
        self.flows_of(society, &signatures).await
    }

    /// Every movement of `society`'s treasury confirmed at or after unix time `since`,
    /// newest first, read a page of 1 000 transactions at a time.
    pub async fn treasury_history(
        &self,
        society: &Pubkey,
        since: i64,
    ) -> Result<Vec<TreasuryFlow>, ClientError> {
        const PAGE: usize = 1_000;
        let mut flows = Vec::new();
        let mut before: Option<String> = None;
        loop {
            let page = self
                .treasury_signatures(society, PAGE, before.as_deref())
                .await?;
            let Some(last) = page.last() else { break };
            before = last["signature"].as_str().map(String::from);
            let older = page
                .iter()
                .any(|e| e["blockTime"].as_i64().is_some_and(|t| t < since));
            let recent: Vec<serde_json::Value> = page
                .iter()
                .filter(|e| e["blockTime"].as_i64().is_none_or(|t| t >= since))
                .cloned()
                .collect();
            flows.extend(self.flows_of(society, &recent).await?);
            if older || page.len() < PAGE || before.is_none() {
                break;
            }
        }
        Ok(flows)
    }

    /// The history of hub `node`'s budget, newest first, from at most `limit` transactions
    /// that touched its NodeBudget account (a budget ended and granted again keeps one
    /// history).
    pub async fn node_budget_history(
        &self,
        node: &Pubkey,
        limit: usize,
    ) -> Result<Vec<BudgetEntry>, ClientError> {
        let address = pda::node_budget(&self.program_id, node).0;
        let signatures = self.signatures_of(&address, limit, None).await?;
        let mut entries = Vec::new();
        for tx in self.logged_transactions(&signatures).await? {
            let entry = |record| BudgetEntry {
                signature: tx.signature.clone(),
                block_time: tx.block_time,
                record,
            };
            // In the order the program emits them within one transaction.
            for e in event_log::decode::<NodeBudgetSet>(&tx.logs) {
                if e.node == *node {
                    entries.push(entry(BudgetRecord::Set(e)));
                }
            }
            for e in event_log::decode::<NodeBudgetSettled>(&tx.logs) {
                if e.node == *node {
                    entries.push(entry(BudgetRecord::Settled(e)));
                }
            }
            for e in event_log::decode::<NodeBudgetSpent>(&tx.logs) {
                if e.node == *node {
                    entries.push(entry(BudgetRecord::Spent(e)));
                }
            }
        }
        Ok(entries)
    }

    /// A page of the treasury's transaction signatures, newest first, before `before`.
    async fn treasury_signatures(
        &self,
        society: &Pubkey,
        limit: usize,
        before: Option<&str>,
    ) -> Result<Vec<serde_json::Value>, ClientError> {
        self.signatures_of(&pda::treasury(&self.program_id, society).0, limit, before)
            .await
    }

    /// A page of `address`'s transaction signatures, newest first, before `before`.
    async fn signatures_of(
        &self,
        address: &Pubkey,
        limit: usize,
        before: Option<&str>,
    ) -> Result<Vec<serde_json::Value>, ClientError> {
        let mut config = serde_json::json!({ "limit": limit });
        if let Some(before) = before {
            config["before"] = serde_json::Value::String(before.to_string());
        }
        Ok(self
            .rpc()
            .send(
                RpcRequest::GetSignaturesForAddress,
                serde_json::json!([address.to_string(), config]),
            )
            .await?)
    }

    /// The log lines the node recorded for the landed transaction `signature` (netstate's
    /// events are in them as `Program data:` lines: see [`Self::events`]).
    pub async fn transaction_logs(
        &self,
        signature: &solana_signature::Signature,
    ) -> Result<Vec<String>, ClientError> {
        Ok(self.logged(&signature.to_string()).await?.logs)
    }

    /// Every event of type `E` (one of [`crate::events`]) the landed transaction
    /// `signature` emitted, in order: what a command did, read back as a program emitted it.
    pub async fn events<E>(
        &self,
        signature: &solana_signature::Signature,
    ) -> Result<Vec<E>, ClientError>
    where
        E: anchor_lang::AnchorDeserialize + anchor_lang::Discriminator,
    {
        Ok(event_log::decode(&self.transaction_logs(signature).await?))
    }

    /// The landed transaction `signature`, with its logs.
    async fn logged(&self, signature: &str) -> Result<LoggedTransaction, ClientError> {
        let tx: serde_json::Value = self
            .rpc()
            .send(
                RpcRequest::GetTransaction,
                serde_json::json!([signature, {
                    "encoding": "base64",
                    "maxSupportedTransactionVersion": 0,
                    "commitment": "confirmed",
                }]),
            )
            .await?;
        let logs = tx["meta"]["logMessages"]
            .as_array()
            .ok_or_else(|| ClientError::UnexpectedAnswer {
                request: "getTransaction",
                answer: format!("no transaction {signature} with its logs"),
            })?
            .iter()
            .filter_map(|s| s.as_str().map(String::from))
            .collect();
        Ok(LoggedTransaction {
            signature: signature.to_string(),
            block_time: tx["blockTime"].as_i64(),
            logs,
        })
    }

    /// The successful transactions of `signatures`, with their logs, in their order.
    async fn logged_transactions(
        &self,
        signatures: &[serde_json::Value],
    ) -> Result<Vec<LoggedTransaction>, ClientError> {
        let mut out = Vec::new();
        for entry in signatures.iter().filter(|e| e["err"].is_null()) {
            let Some(signature) = entry["signature"].as_str() else {
                continue;
            };
            out.push(self.logged(signature).await?);
        }
        Ok(out)
    }

    /// The movements the events of the transactions `signatures` record, in their order.
    async fn flows_of(
        &self,
        society: &Pubkey,
        signatures: &[serde_json::Value],
    ) -> Result<Vec<TreasuryFlow>, ClientError> {
        let mut flows = Vec::new();
        for tx in self.logged_transactions(signatures).await? {
            let logs = &tx.logs;
            let flow = |kind, direction, counterparty, mint, amount| TreasuryFlow {
                kind,
                signature: tx.signature.clone(),
                block_time: tx.block_time,
                direction,
                counterparty,
                mint,
                amount,
            };
            for e in event_log::decode::<SolDeposited>(logs) {
                if e.society == *society {
                    flows.push(flow(
                        FlowKind::Deposit,
                        Direction::In,
                        e.depositor,
                        None,
                        e.amount,
                    ));
                }
            }
            for e in event_log::decode::<TokenDeposited>(logs) {
                if e.society == *society {
                    flows.push(flow(
                        FlowKind::Deposit,
                        Direction::In,
                        e.depositor,
                        Some(e.mint),
                        e.amount,
                    ));
                }
            }
            for e in event_log::decode::<TreasurySolPaid>(logs) {
                if e.society == *society {
                    flows.push(flow(
                        FlowKind::Grant,
                        Direction::Out,
                        e.recipient,
                        None,
                        e.amount,
                    ));
                }
            }
            for e in event_log::decode::<TreasuryTokenPaid>(logs) {
                if e.society == *society {
                    flows.push(flow(
                        FlowKind::Grant,
                        Direction::Out,
                        e.recipient,
                        Some(e.mint),
                        e.amount,
                    ));
                }
            }
            for e in event_log::decode::<DuesPaid>(logs) {
                if e.society == *society {
                    flows.push(flow(
                        FlowKind::Dues,
                        Direction::In,
                        e.payer,
                        e.mint,
                        e.amount,
                    ));
                }
            }
            for e in event_log::decode::<NodeBudgetSettled>(logs) {
                if e.society != *society {
                    continue;
                }
                if e.funded > 0 {
                    flows.push(flow(
                        FlowKind::HubBudget,
                        Direction::Out,
                        e.node,
                        e.mint,
                        e.funded,
                    ));
                }
                if e.returned > 0 {
                    flows.push(flow(
                        FlowKind::HubBudget,
                        Direction::In,
                        e.node,
                        e.mint,
                        e.returned,
                    ));
                }
                if e.rent_returned > 0 {
                    flows.push(flow(
                        FlowKind::HubBudget,
                        Direction::In,
                        e.node,
                        None,
                        e.rent_returned,
                    ));
                }
            }
            for e in event_log::decode::<ExitedWithShare>(logs) {
                if e.society != *society {
                    continue;
                }
                if e.lamports > 0 {
                    flows.push(flow(
                        FlowKind::Exit,
                        Direction::Out,
                        e.wallet,
                        None,
                        e.lamports,
                    ));
                }
                for (mint, amount) in e.mints.iter().zip(e.tokens) {
                    if amount > 0 {
                        flows.push(flow(
                            FlowKind::Exit,
                            Direction::Out,
                            e.wallet,
                            Some(*mint),
                            amount,
                        ));
                    }
                }
            }
        }
        Ok(flows)
    }
}
