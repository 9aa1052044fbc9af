//! Hub budgets from the treasury: `SetNodeBudget` and `EndNodeBudget`
//! (`execute_node_budget`).

use anchor_lang::prelude::*;

use super::{require_active_node, validate_mint_account, ActionAccounts};
use crate::error::NetstateError;
use crate::shared::pda_account::is_created;
use crate::state::{ActionKind, BudgetTerms, Node};

/// What `execute_node_budget` carries out.
pub const KINDS: &[ActionKind] = &[ActionKind::SetNodeBudget, ActionKind::EndNodeBudget];

/// `SetNodeBudget`: valid terms for an active hub (the subject); a token budget's mint
/// passed after the declared accounts, treasury-safe (`MissingSubject`, `MintMismatch`).
pub fn validate_budget(code: &str, terms: &BudgetTerms, accounts: &ActionAccounts) -> Result<()> {
    terms.validate()?;
    require_active_node(code, accounts)?;
    match terms.mint {
        None => crate::instructions::require_no_remaining_accounts(accounts.mints),
        Some(mint) => {
            let [account] = accounts.mints else {
                return err!(NetstateError::MissingSubject);
            };
            require_keys_eq!(account.key(), mint, NetstateError::MintMismatch);
            validate_mint_account(account)
        }
    }
}

/// `EndNodeBudget`: the hub has a budget to end, its NodeBudget given as the subject
/// (`NoNodeBudget`).
pub fn validate_end(code: &str, accounts: &ActionAccounts) -> Result<()> {
    Node::validate_code(code)?;
    let node = crate::pda::node(&crate::ID, &accounts.society_key(), code).0;
    let address = crate::pda::node_budget(&crate::ID, &node).0;
    require!(
        is_created(accounts.subject_at(&address)?),
        NetstateError::NoNodeBudget
    );
    Ok(())
}
