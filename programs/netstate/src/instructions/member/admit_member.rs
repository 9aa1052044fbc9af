//! `admit_member`: during the startup stage the steward admits an applicant, whatever the
//! admission policy (so a young society can bootstrap its first sponsors).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::AdmittedBy;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Member, MemberStatus, Society};

/// Accounts of `admit_member`.
#[derive(Accounts)]
pub struct AdmitMember<'info> {
    /// The steward.
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The applicant's membership.
    #[account(
        mut,
        has_one = society @ NetstateError::MemberNotInSociety,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl AdmitMember<'_> {
    /// Only the steward, only applicants.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(
            self.member.status == MemberStatus::Applicant,
            NetstateError::NotAnApplicant
        );
        Ok(())
    }

    /// Makes the applicant a citizen.
    pub fn admit_member(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let society_key = ctx.accounts.society.key();
        let member_key = ctx.accounts.member.key();
        let society = &mut ctx.accounts.society;
        super::admit_citizen(
            society,
            society_key,
            &mut ctx.accounts.member,
            member_key,
            now,
            AdmittedBy::Steward,
        )?;
        society.invariant()?;
        Ok(())
    }
}
