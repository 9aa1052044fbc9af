//! `close_sponsorship` (anyone): once a sponsorship can no longer count (the applicant was
//! admitted, expelled, left, or applied again), closes the record and returns its rent to
//! the sponsor who paid it.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, SponsorshipClosed};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::load_if_created;
use crate::state::{Member, Society, Sponsorship};

/// Accounts of `close_sponsorship`.
#[derive(Accounts)]
pub struct CloseSponsorship<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The record to close; its rent goes to `sponsor`.
    #[account(
        mut,
        close = sponsor,
        seeds = [SPONSORSHIP_SEED, applicant.key().as_ref(), sponsor.key().as_ref()],
        bump = sponsorship.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        has_one = sponsor @ NetstateError::RecipientMismatch,
    )]
    pub sponsorship: Box<Account<'info, Sponsorship>>,

    /// CHECK: the applicant's Member PDA the record names (address checked here); it may
    /// be gone if the applicant left.
    #[account(address = sponsorship.member @ NetstateError::SubjectMismatch)]
    pub applicant: UncheckedAccount<'info>,

    /// CHECK: the sponsor who paid the rent, bound to the record by `has_one`.
    #[account(mut)]
    pub sponsor: UncheckedAccount<'info>,
}

impl CloseSponsorship<'_> {
    /// Only a spent sponsorship.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        let applicant: Option<Member> = load_if_created(&self.applicant)?;
        require!(
            self.sponsorship.is_spent(applicant.as_ref()),
            NetstateError::SponsorshipStillCounts
        );
        Ok(())
    }

    /// Anchor closes the record on exit.
    pub fn close_sponsorship(ctx: Context<Self>) -> Result<()> {
        let seq = ctx.accounts.society.next_seq()?;
        emit_event(SponsorshipClosed {
            society: ctx.accounts.society.key(),
            seq,
            sponsorship: ctx.accounts.sponsorship.key(),
            sponsor: ctx.accounts.sponsor.key(),
        });
        ctx.accounts.society.invariant()?;
        Ok(())
    }
}
