//! Results of the hub budget commands: `node budget`, `node settle`, `node spend`.

use std::fmt;

use netstate_client::events::NodeBudgetSettled;
use netstate_client::history::{BudgetEntry, BudgetRecord};
use netstate_client::{Node, NodeBudget};
use serde::Serialize;

use super::TokenAmount;
use crate::output::{date, duration, table};

/// What one transaction did to a budget, by a stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BudgetEntryKind {
    /// A proposal granted or changed it.
    Granted,
    /// A proposal ended it.
    Ended,
    /// The vault was levelled to the allowance.
    Settled,
    /// The vault went back to the treasury and the budget closed.
    Closed,
    /// The operator or keeper spent from it.
    Spent,
}

impl BudgetEntryKind {
    /// A stable lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            BudgetEntryKind::Granted => "granted",
            BudgetEntryKind::Ended => "ended",
            BudgetEntryKind::Settled => "settled",
            BudgetEntryKind::Closed => "closed",
            BudgetEntryKind::Spent => "spent",
        }
    }
}

/// One line of a budget's history.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetEntryView {
    /// When it was confirmed (`YYYY-MM-DD`).
    pub date: String,
    /// What happened.
    pub kind: BudgetEntryKind,
    /// Spent, or paid into the vault (a settlement), or returned (a closing settlement).
    pub amount: Option<TokenAmount>,
    /// Returned to the treasury by a settlement.
    pub returned: Option<TokenAmount>,
    /// Who spent.
    pub spender: Option<String>,
    /// Who was paid.
    pub recipient: Option<String>,
    /// What a spend paid for.
    pub memo: Option<String>,
    /// SHA-256 of the spend's receipt, hex.
    pub memo_sha256: Option<String>,
    /// The proposal that granted, changed or ended it.
    pub proposal: Option<String>,
    /// The transaction.
    pub signature: String,
}

impl BudgetEntryView {
    /// `entry`, amounts with `decimals`.
    pub fn new(entry: &BudgetEntry, decimals: u8) -> Self {
        let amount = |a: u64| Some(TokenAmount::new(a, decimals));
        let mut view = BudgetEntryView {
            date: entry.block_time.map(date).unwrap_or_default(),
            kind: BudgetEntryKind::Spent,
            amount: None,
            returned: None,
            spender: None,
            recipient: None,
            memo: None,
            memo_sha256: None,
            proposal: None,
            signature: entry.signature.clone(),
        };
        match &entry.record {
            BudgetRecord::Set(e) => {
                view.kind = if e.active {
                    BudgetEntryKind::Granted
                } else {
                    BudgetEntryKind::Ended
                };
                view.amount = amount(e.terms.allowance);
                view.proposal = Some(e.proposal.to_string());
            }
            BudgetRecord::Settled(e) => {
                view.kind = if e.closed {
                    BudgetEntryKind::Closed
                } else {
                    BudgetEntryKind::Settled
                };
                view.amount = amount(e.funded);
                view.returned = amount(e.returned);
            }
            BudgetRecord::Spent(e) => {
                view.amount = amount(e.amount);
                view.spender = Some(e.spender.to_string());
                view.recipient = Some(e.recipient.to_string());
                view.memo = Some(e.memo.clone());
                view.memo_sha256 = Some(crate::digest::hex(&e.memo_hash));
            }
        }
        view
    }

    fn row(&self) -> Vec<String> {
        let detail = match self.kind {
            BudgetEntryKind::Spent => format!(
                "{:?} to {} (receipt {})",
                self.memo.as_deref().unwrap_or(""),
                self.recipient.as_deref().unwrap_or(""),
                self.memo_sha256.as_deref().unwrap_or("")
            ),
            BudgetEntryKind::Granted => "allowance per period".into(),
            BudgetEntryKind::Ended => "no more spending".into(),
            BudgetEntryKind::Settled | BudgetEntryKind::Closed => format!(
                "in from the treasury; {} back",
                self.returned
                    .as_ref()
                    .map(|r| r.to_string())
                    .unwrap_or_default()
            ),
        };
        vec![
            self.date.clone(),
            self.kind.name().into(),
            self.amount
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_default(),
            detail,
        ]
    }
}

/// `node budget CODE`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
    /// The hub's code.
    pub hub: String,
    /// `SOL`, or the mint.
    pub asset: String,
    /// The token, or none for SOL.
    pub mint: Option<String>,
    /// Per period.
    pub allowance: TokenAmount,
    /// Seconds of a period.
    pub period_secs: u32,
    /// The hub's operator, who spends it.
    pub operator: String,
    /// The keeper who may spend it too.
    pub keeper: Option<String>,
    /// False once ended (or the hub retired): the next settlement returns the vault.
    pub active: bool,
    /// What the vault may spend now.
    pub vault_balance: TokenAmount,
    /// Spent since the last settlement.
    pub spent_this_period: TokenAmount,
    /// What may still be spent this period.
    pub left_this_period: TokenAmount,
    /// Unix time from which the next settlement is possible (a new period).
    pub next_settlement_at: i64,
    /// Whether a settlement is possible now.
    pub settlement_due: bool,
    /// Spent in all.
    pub spent_total: TokenAmount,
    /// Spends in all.
    pub spend_count: u64,
    /// Paid into the vault by the treasury, in all.
    pub funded_total: TokenAmount,
    /// Returned to the treasury, in all.
    pub returned_total: TokenAmount,
    /// The newest entries of its history, newest first.
    pub history: Vec<BudgetEntryView>,
}

impl BudgetView {
    /// Hub `code`'s `budget`, in a token of `decimals`, with `held` in the vault at `now`.
    pub fn new(
        code: &str,
        node: &Node,
        budget: &NodeBudget,
        decimals: u8,
        held: u64,
        now: i64,
        history: Vec<BudgetEntryView>,
    ) -> Self {
        let amount = |a: u64| TokenAmount::new(a, decimals);
        let active = budget.active && node.active;
        let left = if active {
            budget.left_to_spend(held, now)
        } else {
            0
        };
        BudgetView {
            hub: code.to_string(),
            asset: budget
                .terms
                .mint
                .map_or_else(|| "SOL".to_string(), |m| m.to_string()),
            mint: budget.terms.mint.map(|m| m.to_string()),
            allowance: amount(budget.terms.allowance),
            period_secs: budget.terms.period_secs,
            operator: node.operator.to_string(),
            keeper: budget.terms.keeper.map(|k| k.to_string()),
            active,
            vault_balance: amount(held),
            spent_this_period: amount(budget.spent_this_period),
            left_this_period: amount(left),
            next_settlement_at: budget.next_settlement_at(),
            settlement_due: budget.settlement_due(now, node.active),
            spent_total: amount(budget.spent_total),
            spend_count: budget.spend_count,
            funded_total: amount(budget.funded_total),
            returned_total: amount(budget.returned_total),
            history,
        }
    }
}

impl fmt::Display for BudgetView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let asset = if self.mint.is_some() {
            format!(" of {}", self.asset)
        } else {
            " SOL".into()
        };
        let state = if self.active {
            "in force"
        } else {
            "ended: `netstate node settle` returns the vault to the treasury"
        };
        let next = if self.settlement_due {
            "due now (`netstate node settle`)".to_string()
        } else {
            date(self.next_settlement_at)
        };
        let unit = if self.mint.is_some() { "" } else { " SOL" };
        let spends = if self.spend_count == 1 {
            "spend"
        } else {
            "spends"
        };
        write!(
            f,
            "Budget of hub {} ({state})\n  allowance:         {}{asset} per {}\n  spent by:          operator {}{}\n  in the vault:      {}{unit}\n  spent this period: {}{unit} ({}{unit} left)\n  next settlement:   {next}\n  in all:            {}{unit} spent in {} {spends}; {}{unit} from the treasury, {}{unit} returned",
            self.hub,
            self.allowance,
            duration(u64::from(self.period_secs)),
            self.operator,
            self.keeper
                .as_ref()
                .map(|k| format!(", keeper {k}"))
                .unwrap_or_default(),
            self.vault_balance,
            self.spent_this_period,
            self.left_this_period,
            self.spent_total,
            self.spend_count,
            self.funded_total,
            self.returned_total,
        )?;
        if self.history.is_empty() {
            return Ok(());
        }
        let rows: Vec<Vec<String>> = self.history.iter().map(BudgetEntryView::row).collect();
        write!(
            f,
            "\n{}",
            table(&["DATE", "WHAT", "AMOUNT", "DETAIL"], &rows)
        )
    }
}

/// `node budget CODE` for a hub whose budget ended and was closed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastBudget {
    /// The hub's code.
    pub hub: String,
    /// The newest entries of its history, newest first.
    pub history: Vec<BudgetEntryView>,
}

impl fmt::Display for PastBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<Vec<String>> = self.history.iter().map(BudgetEntryView::row).collect();
        write!(
            f,
            "Hub {} has no budget now: it was ended and its vault returned to the treasury.\n{}",
            self.hub,
            table(&["DATE", "WHAT", "AMOUNT", "DETAIL"], &rows)
        )
    }
}

/// `node settle CODE`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settled {
    /// The hub's code.
    pub hub: String,
    /// The token, or none for SOL.
    pub mint: Option<String>,
    /// Paid into the vault by the treasury.
    pub funded: Option<TokenAmount>,
    /// Returned to the treasury.
    pub returned: Option<TokenAmount>,
    /// Whether the budget closed (it was ended, or the hub retired).
    pub closed: bool,
}

impl Settled {
    /// What the settlement's `event` says (none when the event could not be read back).
    pub fn new(
        code: &str,
        mint: Option<anchor_lang::prelude::Pubkey>,
        decimals: u8,
        event: Option<&NodeBudgetSettled>,
    ) -> Self {
        Settled {
            hub: code.to_string(),
            mint: mint.map(|m| m.to_string()),
            funded: event.map(|e| TokenAmount::new(e.funded, decimals)),
            returned: event.map(|e| TokenAmount::new(e.returned, decimals)),
            closed: event.is_some_and(|e| e.closed),
        }
    }
}

impl fmt::Display for Settled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.mint.is_some() { "" } else { " SOL" };
        match (&self.funded, &self.returned, self.closed) {
            (_, Some(returned), true) => write!(
                f,
                "Hub {}'s budget closed: {returned}{unit} back in the treasury.",
                self.hub
            ),
            (Some(funded), Some(returned), false) => write!(
                f,
                "Settled hub {}'s budget for this period: {funded}{unit} from the treasury, {returned}{unit} returned.",
                self.hub
            ),
            _ => write!(f, "Settled hub {}'s budget.", self.hub),
        }
    }
}

/// `node spend CODE AMOUNT`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spent {
    /// The hub's code.
    pub hub: String,
    /// The wallet paid.
    pub to: String,
    /// How much.
    pub amount: TokenAmount,
    /// The token, or none for SOL.
    pub mint: Option<String>,
    /// What it paid for.
    pub memo: String,
    /// The receipt file whose SHA-256 was recorded (none: the memo's).
    pub receipt: Option<String>,
    /// The recorded SHA-256, hex.
    pub memo_sha256: String,
    /// What may still be spent this period.
    pub left_this_period: TokenAmount,
}

impl fmt::Display for Spent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = if self.mint.is_some() { "" } else { " SOL" };
        let of = match &self.receipt {
            Some(file) => format!(" (of {file})"),
            None => String::new(),
        };
        write!(
            f,
            "Hub {} paid {}{unit} to {} for {:?}\n  receipt SHA-256: {}{of}\n  left this period: {}{unit}",
            self.hub, self.amount, self.to, self.memo, self.memo_sha256, self.left_this_period
        )
    }
}
