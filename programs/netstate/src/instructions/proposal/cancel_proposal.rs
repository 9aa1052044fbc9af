//! `cancel_proposal`: the proposer withdraws a proposal while voting is open.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalCancelled};
use crate::instructions::proposal::release_proposal_slot;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Proposal, Society};

/// Accounts of `cancel_proposal`.
#[derive(Accounts)]
pub struct CancelProposal<'info> {
    /// The proposer.
    pub proposer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposal to cancel.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
        has_one = proposer @ NetstateError::NotTheProposer,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: the proposer's Member PDA, given back its open-proposal slot; checked in
    /// `release_proposal_slot` (it may be gone if the proposer left).
    #[account(mut)]
    pub proposer_member: UncheckedAccount<'info>,
}

impl CancelProposal<'_> {
    /// Nothing beyond the constraints; the voting window is checked by `Proposal::cancel`.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)
    }

    /// Cancels it and frees the proposer's slot.
    pub fn cancel_proposal(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        accounts.proposal.cancel(now)?;
        release_proposal_slot(&accounts.proposal, &accounts.proposer_member)?;
        let seq = accounts.society.next_seq()?;
        emit_event(ProposalCancelled {
            society: accounts.society.key(),
            seq,
            proposal: accounts.proposal.key(),
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
