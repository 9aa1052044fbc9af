//! `claim_citizenship`: in a society that admits by presence, an applicant present at its
//! hubs on enough distinct days of the last 128 becomes a citizen ("citizenship is chosen,
//! earned": this is the earned path).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::AdmittedBy;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{utc_day, AdmissionPolicy, Member, MemberStatus, Society};

/// Accounts of `claim_citizenship`.
#[derive(Accounts)]
pub struct ClaimCitizenship<'info> {
    /// The applicant's wallet.
    pub wallet: Signer<'info>,

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
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump = member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        has_one = wallet @ NetstateError::NotMemberWallet,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl ClaimCitizenship<'_> {
    /// A presence society, an applicant, enough days.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        let AdmissionPolicy::Presence { days_required } = self.society.admission else {
            return err!(NetstateError::NotAPresenceSociety);
        };
        require!(
            self.member.status == MemberStatus::Applicant,
            NetstateError::NotAnApplicant
        );
        let today = utc_day(Clock::get()?.unix_timestamp)?;
        require!(
            self.member.days_within(today, RECENT_DAYS) >= u32::from(days_required),
            NetstateError::NotPresentEnough
        );
        Ok(())
    }

    /// Makes the applicant a citizen.
    pub fn claim_citizenship(ctx: Context<Self>) -> Result<()> {
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
            AdmittedBy::Presence,
        )?;
        society.invariant()?;
        Ok(())
    }
}
