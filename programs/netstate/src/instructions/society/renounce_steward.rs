//! `renounce_steward`: the steward ends the startup stage for good. From then on only
//! executed proposals can admit members or register and retire nodes.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::events::{emit_event, StewardRenounced};
use crate::instructions::require_no_remaining_accounts;
use crate::state::Society;

/// Accounts of `renounce_steward`.
#[derive(Accounts)]
pub struct RenounceSteward<'info> {
    /// The current steward.
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,
}

impl RenounceSteward<'_> {
    /// Only the steward may renounce.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())
    }

    /// Clears the steward.
    pub fn renounce_steward(ctx: Context<Self>) -> Result<()> {
        let society = &mut ctx.accounts.society;
        society.steward = None;
        let seq = society.next_seq()?;
        emit_event(StewardRenounced {
            society: society.key(),
            seq,
            former_steward: ctx.accounts.steward.key(),
        });
        society.invariant()?;
        Ok(())
    }
}
