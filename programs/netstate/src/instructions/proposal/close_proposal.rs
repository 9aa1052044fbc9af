//! `close_proposal` (anyone): once a proposal is final and its vote records are closed,
//! closes it and returns the rent to the proposer who paid it.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalClosed};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ExitBasket, Proposal, ProposalStatus, Society};

/// Accounts of `close_proposal`.
#[derive(Accounts)]
pub struct CloseProposal<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposal to close; its rent goes to `proposer`.
    #[account(
        mut,
        close = proposer,
        has_one = society @ NetstateError::ProposalNotInSociety,
        has_one = proposer @ NetstateError::RecipientMismatch,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The society's exit basket: an expired payment frees what it set aside.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// CHECK: the wallet that paid the proposal's rent, bound to it by `has_one`.
    #[account(mut)]
    pub proposer: UncheckedAccount<'info>,
}

impl CloseProposal<'_> {
    /// Only a final proposal with no open vote records.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.proposal.is_final(Clock::get()?.unix_timestamp),
            NetstateError::ProposalNotFinal
        );
        require!(
            self.proposal.open_vote_records == 0,
            NetstateError::VoteRecordsStillOpen
        );
        require!(
            self.proposal.open_objections == 0,
            NetstateError::ObjectionsStillOpen
        );
        Ok(())
    }

    /// Releases what an expired payment had set aside; Anchor closes the account on exit.
    pub fn close_proposal(ctx: Context<Self>) -> Result<()> {
        // Final and still `Passed` means expired unexecuted (execution releases its own).
        if ctx.accounts.proposal.status == ProposalStatus::Passed {
            let action = ctx.accounts.proposal.action.clone();
            ctx.accounts.exit_basket.release(&action)?;
        }
        let seq = ctx.accounts.society.next_seq()?;
        emit_event(ProposalClosed {
            society: ctx.accounts.society.key(),
            seq,
            proposal: ctx.accounts.proposal.key(),
            proposer: ctx.accounts.proposer.key(),
        });
        ctx.accounts.society.invariant()?;
        Ok(())
    }
}
