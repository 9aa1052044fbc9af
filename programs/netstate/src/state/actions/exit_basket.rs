//! What an exit pays: `SetExitBasket`, carried out by `execute_society_action` (which checks
//! the change again, as payments passed since the vote may have reserved a slot).

use anchor_lang::prelude::*;

use super::{validate_mint_account, ActionAccounts};
use crate::constants::EXIT_BASKET_MINTS;
use crate::error::NetstateError;

/// `SetExitBasket`: a change the basket allows now (no contribution token, no mint twice, no
/// slot with tokens set aside, no new mint while token payments are pending), and each
/// listed mint passed after the declared accounts, in slot order, as a treasury-safe mint
/// (`ExitBasketAccountsMismatch`).
pub fn validate(listed: &[Pubkey; EXIT_BASKET_MINTS], accounts: &ActionAccounts) -> Result<()> {
    accounts
        .exit_basket
        .validate_change(listed, accounts.society.contribution_mint)?;
    let expected: Vec<&Pubkey> = listed.iter().filter(|m| **m != Pubkey::default()).collect();
    require!(
        expected.len() == accounts.mints.len(),
        NetstateError::ExitBasketAccountsMismatch
    );
    for (mint, account) in expected.into_iter().zip(accounts.mints) {
        require_keys_eq!(
            account.key(),
            *mint,
            NetstateError::ExitBasketAccountsMismatch
        );
        validate_mint_account(account)?;
    }
    Ok(())
}
