//! `apply_by_treaty`: a citizen of a partner society applies, and the treaty's fast track
//! applies: admitted at once (`Immediate`), or counted as some sponsors (`Sponsors`),
//! reaching a sponsored society's threshold or leaving the rest to citizens' sponsorships.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::AdmittedBy;
use crate::instructions::member::apply::{enrol, require_new_applicant, ApplyArgs};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::store;
use crate::shared::treaty_account::{require_partner_citizen, treaty_in_force};
use crate::state::{AdmissionPolicy, FastTrack, Member, MemberStatus, Society};

/// Accounts of `apply_by_treaty`.
#[derive(Accounts)]
pub struct ApplyByTreaty<'info> {
    /// The applicant's wallet; pays the Member record.
    #[account(mut)]
    pub wallet: Signer<'info>,

    /// The society applied to.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// CHECK: the new Member PDA (seeds checked here), created by the handler.
    #[account(
        mut,
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub member: UncheckedAccount<'info>,

    /// The applicant's own society.
    #[account(
        seeds = [SOCIETY_SEED, seed_bytes(&home_society.name)],
        bump = home_society.bump,
    )]
    pub home_society: Box<Account<'info, Society>>,

    /// The applicant's citizenship at home.
    #[account(
        seeds = [MEMBER_SEED, home_society.key().as_ref(), wallet.key().as_ref()],
        bump = home_member.bump,
        constraint = home_member.society == home_society.key() @ NetstateError::MemberNotInSociety,
        constraint = home_member.wallet == wallet.key() @ NetstateError::NotMemberWallet,
    )]
    pub home_member: Box<Account<'info, Member>>,

    /// CHECK: the two societies' Treaty (address, owner and standing checked in
    /// `validate`).
    pub treaty: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ApplyByTreaty<'_> {
    /// Not a member yet, a partner citizen, a treaty in force with a fast track.
    pub fn validate(&self, args: &ApplyArgs, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_new_applicant(&self.member, args)?;
        require_partner_citizen(&self.home_member)?;
        let now = Clock::get()?.unix_timestamp;
        let treaty = treaty_in_force(
            &self.treaty,
            &self.society.key(),
            &self.home_society.key(),
            now,
        )?;
        require!(
            treaty.terms.fast_track != FastTrack::None,
            NetstateError::TreatyGrantsNoFastTrack
        );
        Ok(())
    }

    /// Enrols the applicant and admits them as far as the fast track goes.
    pub fn apply_by_treaty(ctx: Context<Self>, args: ApplyArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let treaty: crate::state::Treaty = crate::shared::pda_account::load(&accounts.treaty)?;
        let mut member = enrol(
            &accounts.wallet,
            &accounts.member,
            &accounts.system_program,
            &mut accounts.society,
            ctx.bumps.member,
            args,
        )?;
        let society_key = accounts.society.key();
        let admit = match treaty.terms.fast_track {
            FastTrack::Immediate => true,
            FastTrack::Sponsors { count } => {
                member.sponsor_count = count;
                matches!(accounts.society.admission,
                    AdmissionPolicy::Sponsored { sponsors_required } if count >= sponsors_required)
            }
            FastTrack::None => false,
        };
        if admit && member.status == MemberStatus::Applicant {
            super::admit_citizen(
                &mut accounts.society,
                society_key,
                &mut member,
                accounts.member.key(),
                now,
                AdmittedBy::Treaty,
            )?;
        }
        accounts.society.invariant()?;
        store(&accounts.member, &member)
    }
}
