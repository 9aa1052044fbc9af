//! `cast_vote`: a citizen votes yes, no or abstain, and may change the vote while voting is
//! open. One citizen, one vote: the record is keyed by wallet. A yes on an outflow (a
//! payment or a hub budget) holds the voter's exit with a share until the record is closed
//! (Moloch's guard: no one leaves with their part of money they voted to pay out before it
//! is paid).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, VoteCast};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, load_if_created, store};
use crate::shared::share_account::load_or_create_share;
use crate::state::{Member, Proposal, Society, VoteChoice, VoteRecord};

/// Accounts of `cast_vote`.
#[derive(Accounts)]
pub struct CastVote<'info> {
    /// The voting citizen; pays the vote record's rent (returned when it is closed).
    #[account(mut)]
    pub voter: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposal voted on.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The voter's membership.
    #[account(
        seeds = [MEMBER_SEED, society.key().as_ref(), voter.key().as_ref()],
        bump = member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        constraint = member.wallet == voter.key() @ NetstateError::NotMemberWallet,
    )]
    pub member: Box<Account<'info, Member>>,

    /// CHECK: the vote record at `["vote", proposal, voter]` (seeds checked here); created
    /// by the handler on the first vote, updated on a change.
    #[account(
        mut,
        seeds = [VOTE_SEED, proposal.key().as_ref(), voter.key().as_ref()],
        bump,
    )]
    pub vote: UncheckedAccount<'info>,

    /// CHECK: the voter's Share at `["share", society, voter]` (seeds checked here): its
    /// count of yes votes on outflows moves with this vote; created by the handler (voter
    /// pays) at the wallet's first yes on an outflow (a payment or a hub budget).
    #[account(
        mut,
        seeds = [SHARE_SEED, society.key().as_ref(), voter.key().as_ref()],
        bump,
    )]
    pub share: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CastVote<'_> {
    /// Voting open, a citizen, and one who was a citizen when the proposal was created.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.proposal
            .require_voting_open(Clock::get()?.unix_timestamp)?;
        require!(self.member.is_citizen(), NetstateError::NotACitizen);
        require!(
            self.member.citizen_seq < self.proposal.created_seq,
            NetstateError::NotEligibleToVote
        );
        Ok(())
    }

    /// Records the vote (or the change) and the tallies.
    pub fn cast_vote(ctx: Context<Self>, choice: VoteChoice) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let proposal_key = accounts.proposal.key();
        let voter = accounts.voter.key();
        let bump = ctx.bumps.vote;

        let (previous, held) = match load_if_created::<VoteRecord>(&accounts.vote)? {
            Some(record) => (Some(record.choice), record.holds_exit),
            None => {
                create_pda_account(
                    &accounts.voter,
                    &accounts.vote,
                    &accounts.system_program,
                    8 + VoteRecord::INIT_SPACE,
                    &[VOTE_SEED, proposal_key.as_ref(), voter.as_ref(), &[bump]],
                )?;
                (None, false)
            }
        };
        accounts.proposal.record_vote(previous, choice)?;
        let holds = accounts.proposal.action.is_outflow() && choice == VoteChoice::Yes;
        if holds != held {
            let society_key = accounts.society.key();
            let share_account = accounts.share.to_account_info();
            let mut share = load_or_create_share(
                &accounts.voter.to_account_info(),
                &share_account,
                &accounts.system_program.to_account_info(),
                &society_key,
                &voter,
                ctx.bumps.share,
            )?;
            share.yes_on_outflows = if holds {
                share.yes_on_outflows.checked_add(1)
            } else {
                share.yes_on_outflows.checked_sub(1)
            }
            .ok_or(NetstateError::CounterOverflow)?;
            store(&share_account, &share)?;
        }
        store(
            &accounts.vote,
            &VoteRecord {
                version: ACCOUNT_VERSION,
                bump,
                proposal: proposal_key,
                voter,
                choice,
                voted_at: now,
                holds_exit: holds,
            },
        )?;
        let seq = accounts.society.next_seq()?;
        emit_event(VoteCast {
            society: accounts.society.key(),
            seq,
            proposal: proposal_key,
            voter,
            previous,
            choice,
            tally: accounts.proposal.tally,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
