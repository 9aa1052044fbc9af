//! `close_vote` (anyone): once a proposal is final, closes one of its vote records and
//! returns the rent to the voter who paid it; a yes on an outflow (a payment or a hub
//! budget) stops holding the voter's exit.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, VoteRecordClosed};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{load, store};
use crate::state::{Proposal, Share, Society, VoteRecord};

/// Accounts of `close_vote`.
#[derive(Accounts)]
pub struct CloseVote<'info> {
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

    /// The vote record to close; its rent goes to `voter`.
    #[account(
        mut,
        close = voter,
        seeds = [VOTE_SEED, proposal.key().as_ref(), voter.key().as_ref()],
        bump = vote.bump,
        has_one = proposal @ NetstateError::VoteNotForProposal,
        has_one = voter @ NetstateError::RecipientMismatch,
    )]
    pub vote: Box<Account<'info, VoteRecord>>,

    /// CHECK: the wallet that paid the record's rent, bound to it by `has_one = voter`.
    #[account(mut)]
    pub voter: UncheckedAccount<'info>,

    /// CHECK: the voter's Share at `["share", society, voter]` (seeds checked here); read
    /// and written only when the record holds the voter's exit (it exists then: the vote
    /// created it).
    #[account(
        mut,
        seeds = [SHARE_SEED, society.key().as_ref(), voter.key().as_ref()],
        bump,
    )]
    pub share: UncheckedAccount<'info>,
}

impl CloseVote<'_> {
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
    pub fn close_vote(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let proposal = &mut accounts.proposal;
        proposal.open_vote_records = proposal
            .open_vote_records
            .checked_sub(1)
            .ok_or(NetstateError::CounterOverflow)?;
        if accounts.vote.holds_exit {
            let share_account = accounts.share.to_account_info();
            let mut share: Share = load(&share_account)?;
            share.yes_on_outflows = share
                .yes_on_outflows
                .checked_sub(1)
                .ok_or(NetstateError::CounterOverflow)?;
            store(&share_account, &share)?;
        }
        let seq = accounts.society.next_seq()?;
        emit_event(VoteRecordClosed {
            society: accounts.society.key(),
            seq,
            proposal: proposal.key(),
            voter: accounts.voter.key(),
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
