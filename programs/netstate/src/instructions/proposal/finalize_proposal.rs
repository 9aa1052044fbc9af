//! `finalize_proposal` (anyone): closes the vote once it has ended, or earlier when the
//! citizens who have not voted can no longer change the outcome. A passed proposal becomes
//! executable after the timelock, and what it will pay is set aside from the exit basket.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalFinalized};
use crate::instructions::proposal::release_proposal_slot;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Proposal, Society};

/// Accounts of `finalize_proposal`.
#[derive(Accounts)]
pub struct FinalizeProposal<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: the proposer's Member PDA, given back its open-proposal slot; checked in
    /// `release_proposal_slot` (it may be gone if the proposer left).
    #[account(mut)]
    pub proposer_member: UncheckedAccount<'info>,
}

impl FinalizeProposal<'_> {
    /// Nothing beyond the constraints; timing is checked by `Proposal::finalize`.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)
    }

    /// Decides the proposal.
    pub fn finalize_proposal(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let passed = accounts.proposal.finalize(now)?;
        if passed {
            // What it will pay is no longer free for exits.
            accounts.society.exit.reserve(&accounts.proposal.action)?;
        }
        release_proposal_slot(&accounts.proposal, &accounts.proposer_member)?;
        let seq = accounts.society.next_seq()?;
        let proposal = &accounts.proposal;
        emit_event(ProposalFinalized {
            society: accounts.society.key(),
            seq,
            proposal: proposal.key(),
            passed,
            tally: proposal.tally,
            eligible_count: proposal.eligible_count,
            executable_at: proposal.executable_at,
            execution_deadline: proposal.execution_deadline,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
