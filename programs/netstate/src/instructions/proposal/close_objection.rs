//! `close_objection` (anyone): once a proposal is final, closes one of its objection records
//! and returns the rent to the objector who paid it.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ObjectionClosed};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Objection, Proposal, Society};

/// Accounts of `close_objection`.
#[derive(Accounts)]
pub struct CloseObjection<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The final proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The objection to close; its rent goes to `objector`.
    #[account(
        mut,
        close = objector,
        seeds = [OBJECTION_SEED, proposal.key().as_ref(), objector.key().as_ref()],
        bump = objection.bump,
        has_one = proposal @ NetstateError::VoteNotForProposal,
        has_one = objector @ NetstateError::RecipientMismatch,
    )]
    pub objection: Box<Account<'info, Objection>>,

    /// CHECK: the wallet that paid the record's rent, bound to it by `has_one = objector`.
    #[account(mut)]
    pub objector: UncheckedAccount<'info>,
}

impl CloseObjection<'_> {
    /// Only once the proposal can no longer change.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.proposal.is_final(Clock::get()?.unix_timestamp),
            NetstateError::ProposalNotFinal
        );
        Ok(())
    }

    /// Counts the record closed; Anchor returns its rent on exit.
    pub fn close_objection(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let proposal = &mut accounts.proposal;
        proposal.open_objections = proposal
            .open_objections
            .checked_sub(1)
            .ok_or(NetstateError::CounterOverflow)?;
        let seq = accounts.society.next_seq()?;
        emit_event(ObjectionClosed {
            society: accounts.society.key(),
            seq,
            proposal: proposal.key(),
            objector: accounts.objector.key(),
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
