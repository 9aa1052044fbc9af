//! `set_dues`: during the startup stage the steward sets the society's dues (after it, a
//! `SetDues` proposal does). An amount of 0 ends them.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::events::{emit_event, DuesSet};
use crate::instructions::require_no_remaining_accounts;
use crate::mint_rules::require_treasury_safe_mint;
use crate::state::{Dues, Society};

/// Accounts of `set_dues`.
#[derive(Accounts)]
pub struct SetDues<'info> {
    /// The steward.
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// CHECK: for dues in a token, its mint (checked in `validate`); None for SOL.
    pub mint: Option<UncheckedAccount<'info>>,
}

impl SetDues<'_> {
    /// The steward, valid terms, and for a token its own mint, one the treasury may hold.
    pub fn validate(&self, dues: &Dues, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        dues.validate()?;
        if let Some(mint) = dues.mint {
            let account = self
                .mint
                .as_ref()
                .ok_or(crate::error::NetstateError::MissingSubject)?;
            require_keys_eq!(
                account.key(),
                mint,
                crate::error::NetstateError::MintMismatch
            );
            require_treasury_safe_mint(account)?;
        }
        Ok(())
    }

    /// Records the dues, in effect from now.
    pub fn set_dues(ctx: Context<Self>, dues: Dues) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let society = &mut ctx.accounts.society;
        let key = society.key();
        put_dues_in_force(society, key, None, dues, now)
    }
}

/// Puts `dues` in force on `society` from `since` (decided by `proposal`, or by the steward
/// with `None`) and emits `DuesSet`.
pub fn put_dues_in_force(
    society: &mut Society,
    society_key: Pubkey,
    proposal: Option<Pubkey>,
    dues: Dues,
    since: i64,
) -> Result<()> {
    society.dues = Dues { since, ..dues };
    let seq = society.next_seq()?;
    emit_event(DuesSet {
        society: society_key,
        seq,
        proposal,
        dues: society.dues,
    });
    society.invariant()
}
