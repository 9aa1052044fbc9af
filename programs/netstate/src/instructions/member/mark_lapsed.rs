//! `mark_lapsed` (anyone, O(1)): a citizen whose dues lapsed beyond the grace period is
//! marked lapsed: not a citizen, so no vote, proposal or sponsorship, and not in new
//! proposals' electorates, until the dues are paid again. A lapsed steward's stewardship
//! ends (a steward is a citizen).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, MemberLapsed, StewardRenounced};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Member, MemberStatus, Society};

/// Accounts of `mark_lapsed`.
#[derive(Accounts)]
pub struct MarkLapsed<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The citizen.
    #[account(
        mut,
        has_one = society @ NetstateError::MemberNotInSociety,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl MarkLapsed<'_> {
    /// Dues, a citizen, lapsed beyond the grace period.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(self.society.dues.active(), NetstateError::NoDues);
        require!(self.member.is_citizen(), NetstateError::NotACitizen);
        let now = Clock::get()?.unix_timestamp;
        require!(
            self.society
                .dues
                .lapsed(self.member.paid_until, self.member.admitted_at, now),
            NetstateError::DuesNotLapsed
        );
        Ok(())
    }

    /// Marks the member lapsed.
    pub fn mark_lapsed(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let society_key = accounts.society.key();
        let member = &mut accounts.member;
        member.status = MemberStatus::Lapsed;
        let society = &mut accounts.society;
        society.remove_citizen()?;
        if let Some(former_steward) = society.end_stewardship_of(&member.wallet) {
            let seq = society.next_seq()?;
            emit_event(StewardRenounced {
                society: society_key,
                seq,
                former_steward,
            });
        }
        let seq = society.next_seq()?;
        emit_event(MemberLapsed {
            society: society_key,
            seq,
            wallet: member.wallet,
            paid_until: member.paid_until,
            citizen_count: society.citizen_count,
        });
        society.invariant()
    }
}
