//! `leave`: a member closes their membership and takes its rent back. Expelled members
//! cannot: their account is the record that bars them from applying again.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, MemberLeft};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Member, MemberStatus, Society};

/// Accounts of `leave`.
#[derive(Accounts)]
pub struct Leave<'info> {
    /// The member's wallet; receives the rent.
    #[account(mut)]
    pub wallet: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The membership to close.
    #[account(
        mut,
        close = wallet,
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump = member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        has_one = wallet @ NetstateError::NotMemberWallet,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl Leave<'_> {
    /// Expelled members, the steward and members with proposals open for votes cannot leave.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.member.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        require!(
            self.society.steward != Some(self.wallet.key()),
            NetstateError::StewardMustRenounceFirst
        );
        // The open-proposal cap lives on this account: closing it with proposals still
        // open would let a re-joined wallet open a fresh set of them.
        require!(
            self.member.open_proposals == 0,
            NetstateError::OpenProposalsOutstanding
        );
        Ok(())
    }

    /// Updates the counters; Anchor closes the account into the wallet on exit.
    pub fn leave(ctx: Context<Self>) -> Result<()> {
        let was_citizen = ctx.accounts.member.is_citizen();
        let society_key = ctx.accounts.society.key();
        let society = &mut ctx.accounts.society;
        society.remove_member(was_citizen)?;
        let member = &ctx.accounts.member;
        society
            .census
            .remove_member_presence(&member.recent_days, member.last_check_in_day)?;
        let seq = society.next_seq()?;
        society.invariant()?;
        emit_event(MemberLeft {
            society: society_key,
            seq,
            member: ctx.accounts.member.key(),
            wallet: ctx.accounts.wallet.key(),
            was_citizen,
            member_count: society.member_count,
            citizen_count: society.citizen_count,
        });
        Ok(())
    }
}
