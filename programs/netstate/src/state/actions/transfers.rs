//! Payments out of the treasury and new contribution tokens: `TransferSol`
//! (`execute_transfer_sol`), `TransferToken` (`execute_transfer_token`) and
//! `MintContribution` (`execute_mint_contribution`).

use anchor_lang::prelude::*;

use super::{validate_mint_account, ActionAccounts};
use crate::constants::MAX_VESTING_SECS;
use crate::error::NetstateError;
use crate::state::ActionKind;

/// What `execute_transfer_sol` carries out.
pub const SOL_KINDS: &[ActionKind] = &[ActionKind::TransferSol];
/// What `execute_transfer_token` carries out.
pub const TOKEN_KINDS: &[ActionKind] = &[ActionKind::TransferToken];
/// What `execute_mint_contribution` carries out.
pub const MINT_KINDS: &[ActionKind] = &[ActionKind::MintContribution];

/// `TransferSol`: a positive amount; an address holding nothing is created by the payment,
/// which must then reach the rent-exempt minimum (`AmountBelowRentExempt`), and a program
/// cannot be paid (`RecipientIsExecutable`).
pub fn validate_sol(amount: u64, recipient: Option<&AccountInfo>) -> Result<()> {
    require!(amount > 0, NetstateError::ZeroAmount);
    if let Some(recipient) = recipient {
        require!(
            recipient.lamports() > 0 || amount >= Rent::get()?.minimum_balance(0),
            NetstateError::AmountBelowRentExempt
        );
        require!(!recipient.executable, NetstateError::RecipientIsExecutable);
    }
    Ok(())
}

/// `TransferToken`: a positive amount of a treasury-safe mint, given as the subject.
pub fn validate_token(mint: &Pubkey, amount: u64, accounts: &ActionAccounts) -> Result<()> {
    require!(amount > 0, NetstateError::ZeroAmount);
    validate_mint_account(accounts.subject_at(mint)?)
}

/// `MintContribution`: a positive amount, a vesting period within four years, and the
/// society's contribution mint as the subject (read to judge the dilution, see
/// `create_proposal`).
pub fn validate_mint_contribution(
    amount: u64,
    vesting_secs: u32,
    accounts: &ActionAccounts,
) -> Result<()> {
    require!(amount > 0, NetstateError::ZeroAmount);
    require!(
        vesting_secs <= MAX_VESTING_SECS,
        NetstateError::VestingOutOfRange
    );
    let mint = accounts
        .society
        .contribution_mint
        .ok_or(NetstateError::NoContributionMint)?;
    let subject = accounts.subject_at(&mint)?;
    require!(
        *subject.owner == anchor_spl::token::ID || *subject.owner == anchor_spl::token_2022::ID,
        NetstateError::InvalidMint
    );
    Ok(())
}
