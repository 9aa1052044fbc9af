//! Hub budgets: settling a hub's vault to its allowance each period (anyone), and spending
//! from it (the hub's operator or keeper, with a receipt hash). Granting, changing and
//! ending a budget are proposals (`execute_node_budget`).

pub mod settle_node_budget;
pub mod settle_node_budget_token;
pub mod spend_node_budget;
pub mod spend_node_budget_token;

pub use settle_node_budget::*;
pub use settle_node_budget_token::*;
pub use spend_node_budget::*;
pub use spend_node_budget_token::*;

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeBudgetSettled};
use crate::state::{Node, NodeBudget, Society};

// Every budget instruction's accounts hold the society, the hub and its budget, declared in
// each (not as a nested group) so that the IDL lists them beside the treasury and vault
// whose seeds they are: clients resolve seeds among the accounts of one level.

/// Fails unless `budget` is in the asset this instruction moves (`mint`, `None` for SOL)
/// and a settlement is due at `now`.
pub fn require_settlement_due(
    budget: &NodeBudget,
    node: &Node,
    mint: Option<Pubkey>,
    now: i64,
) -> Result<()> {
    require!(
        budget.terms.mint == mint,
        NetstateError::BudgetAssetMismatch
    );
    require!(
        budget.settlement_due(now, node.active),
        NetstateError::BudgetNotDue
    );
    Ok(())
}

/// Whether this settlement closes the budget: it was ended, or its hub retired.
pub fn settlement_closes(budget: &NodeBudget, node: &Node) -> bool {
    !budget.active || !node.active
}

/// Fails unless a spend of the budget is allowed at all: the asset (`mint`) is the
/// budget's, the hub is active, the memo says what it pays for and the receipt hash is set.
pub fn require_spendable(
    budget: &NodeBudget,
    node: &Node,
    mint: Option<Pubkey>,
    memo: &str,
    memo_hash: &[u8; 32],
) -> Result<()> {
    require!(
        budget.terms.mint == mint,
        NetstateError::BudgetAssetMismatch
    );
    require!(node.active, NetstateError::NodeRetired);
    require!(budget.active, NetstateError::BudgetEnded);
    require!(
        !memo.is_empty()
            && memo.len() <= MAX_BUDGET_MEMO_LEN as usize
            && crate::state::text::is_printable_label(memo),
        NetstateError::BudgetMemoInvalid
    );
    require!(
        memo_hash.iter().any(|b| *b != 0),
        NetstateError::ReceiptHashMissing
    );
    Ok(())
}

/// What a settlement did, for its event.
pub struct Settlement {
    /// Paid into the vault by the treasury.
    pub funded: u64,
    /// Returned by the vault to the treasury.
    pub returned: u64,
    /// Rent of closed accounts paid to the treasury.
    pub rent_returned: u64,
    /// What the vault may spend after.
    pub vault_balance: u64,
    /// Whether the budget was closed.
    pub closed: bool,
}

/// Records `settlement` in the budget, or closes the budget (its rent to `treasury`) when
/// the settlement emptied it; emits `NodeBudgetSettled` and checks the society.
pub fn finish_settlement<'info>(
    society: &mut Account<'info, Society>,
    budget: &mut Account<'info, NodeBudget>,
    treasury: AccountInfo<'info>,
    settlement: Settlement,
    now: i64,
) -> Result<()> {
    let society_key = society.key();
    let period = budget.period_at(now);
    if !settlement.closed {
        budget.record_settlement(now, settlement.funded, settlement.returned)?;
    }
    let seq = society.next_seq()?;
    emit_event(NodeBudgetSettled {
        society: society_key,
        seq,
        node: budget.node,
        mint: budget.terms.mint,
        funded: settlement.funded,
        returned: settlement.returned,
        rent_returned: settlement.rent_returned,
        vault_balance: settlement.vault_balance,
        period,
        closed: settlement.closed,
    });
    if settlement.closed {
        budget.close(treasury)?;
    }
    society.invariant()
}
