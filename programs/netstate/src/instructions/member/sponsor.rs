//! `sponsor`: a citizen vouches for an applicant of a `Sponsored` society. The applicant
//! becomes a citizen when enough distinct citizens have sponsored them.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AdmittedBy, MemberSponsored};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, is_created, load_if_created, store};
use crate::state::{AdmissionPolicy, Member, Society, Sponsorship};

/// Accounts of `sponsor`.
#[derive(Accounts)]
pub struct Sponsor<'info> {
    /// The sponsoring citizen; pays the Sponsorship record.
    #[account(mut)]
    pub sponsor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The sponsor's own membership (must be a citizen of this society).
    #[account(
        seeds = [MEMBER_SEED, society.key().as_ref(), sponsor.key().as_ref()],
        bump = sponsor_member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        constraint = sponsor_member.wallet == sponsor.key() @ NetstateError::NotMemberWallet,
    )]
    pub sponsor_member: Box<Account<'info, Member>>,

    /// The applicant's membership.
    #[account(
        mut,
        has_one = society @ NetstateError::MemberNotInSociety,
    )]
    pub applicant: Box<Account<'info, Member>>,

    /// CHECK: the record that this sponsor counted once for this application, at its PDA
    /// (seeds checked here). Created by the handler the first time; a repeat for the same
    /// application gets `AlreadySponsored`, and a record left from an earlier application
    /// by the same wallet is rewritten for the new one.
    #[account(
        mut,
        seeds = [SPONSORSHIP_SEED, applicant.key().as_ref(), sponsor.key().as_ref()],
        bump,
    )]
    pub sponsorship: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl Sponsor<'_> {
    /// A citizen, not the applicant, once per application, under the sponsored policy.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_keys_neq!(
            self.sponsor.key(),
            self.applicant.wallet,
            NetstateError::CannotSponsorSelf
        );
        require!(
            self.sponsor_member.is_citizen(),
            NetstateError::SponsorNotCitizen
        );
        require!(
            matches!(self.society.admission, AdmissionPolicy::Sponsored { .. }),
            NetstateError::SponsorshipNotAccepted
        );
        require!(
            self.applicant.status == crate::state::MemberStatus::Applicant,
            NetstateError::NotAnApplicant
        );
        if let Some(existing) = load_if_created::<Sponsorship>(&self.sponsorship)? {
            require!(
                !existing.counts_for(self.applicant.applied_seq),
                NetstateError::AlreadySponsored
            );
        }
        Ok(())
    }

    /// Counts the sponsorship and admits the applicant when the count is reached.
    pub fn sponsor(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let AdmissionPolicy::Sponsored { sponsors_required } = ctx.accounts.society.admission
        else {
            return err!(NetstateError::SponsorshipNotAccepted);
        };
        let society_key = ctx.accounts.society.key();
        let applicant_key = ctx.accounts.applicant.key();
        let sponsor = ctx.accounts.sponsor.key();
        let bump = ctx.bumps.sponsorship;
        if !is_created(&ctx.accounts.sponsorship) {
            create_pda_account(
                &ctx.accounts.sponsor,
                &ctx.accounts.sponsorship,
                &ctx.accounts.system_program,
                8 + Sponsorship::INIT_SPACE,
                &[
                    SPONSORSHIP_SEED,
                    applicant_key.as_ref(),
                    sponsor.as_ref(),
                    &[bump],
                ],
            )?;
        }
        let applicant = &mut ctx.accounts.applicant;
        store(
            &ctx.accounts.sponsorship,
            &Sponsorship {
                version: ACCOUNT_VERSION,
                bump,
                member: applicant_key,
                sponsor,
                application_seq: applicant.applied_seq,
                sponsored_at: now,
                society: society_key,
            },
        )?;
        let reached = applicant.add_sponsor(sponsors_required)?;

        let society = &mut ctx.accounts.society;
        let seq = society.next_seq()?;
        emit_event(MemberSponsored {
            society: society_key,
            seq,
            member: applicant_key,
            sponsor,
            sponsor_count: applicant.sponsor_count,
            sponsors_required,
        });

        if reached {
            super::admit_citizen(
                society,
                society_key,
                applicant,
                applicant_key,
                now,
                AdmittedBy::Sponsors,
            )?;
        }
        society.invariant()?;
        Ok(())
    }
}
