//! `object_to_proposal`: during a passed proposal's timelock, a citizen of its electorate
//! objects; objections by `veto_bps` of the electorate veto it, so it never executes (the
//! time to stop a takeover vote nobody objected to in time).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalObjected};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, store};
use crate::state::{ExitBasket, Member, Objection, Proposal, ProposalAction, Society};

/// Accounts of `object_to_proposal`.
#[derive(Accounts)]
pub struct ObjectToProposal<'info> {
    /// The objecting citizen; pays the objection's rent (returned when it is closed).
    #[account(mut)]
    pub objector: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The passed proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The society's exit basket: a veto frees what the proposal set aside.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// The objector's membership.
    #[account(
        seeds = [MEMBER_SEED, society.key().as_ref(), objector.key().as_ref()],
        bump = member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        constraint = member.wallet == objector.key() @ NetstateError::NotMemberWallet,
    )]
    pub member: Box<Account<'info, Member>>,

    /// CHECK: the new Objection at `["objection", proposal, objector]` (seeds checked
    /// here); created by the handler, once per wallet.
    #[account(
        mut,
        seeds = [OBJECTION_SEED, proposal.key().as_ref(), objector.key().as_ref()],
        bump,
    )]
    pub objection: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ObjectToProposal<'_> {
    /// A citizen of the proposal's electorate (a citizen before it was created), and not
    /// the member it expels: no one judges their own case (they answer it instead).
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(self.member.is_citizen(), NetstateError::NotACitizen);
        require!(
            self.member.citizen_seq < self.proposal.created_seq,
            NetstateError::NotEligibleToVote
        );
        if let ProposalAction::ExpelMember { wallet } = &self.proposal.action {
            require_keys_neq!(
                *wallet,
                self.objector.key(),
                NetstateError::NamedMemberCannotObject
            );
        }
        Ok(())
    }

    /// Records the objection; at the veto share, vetoes the proposal.
    pub fn object_to_proposal(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let proposal_key = accounts.proposal.key();
        let objector = accounts.objector.key();
        let bump = ctx.bumps.objection;
        let vetoed = accounts.proposal.object(now)?;
        // Once per wallet: a second objection finds the account and is refused.
        create_pda_account(
            &accounts.objector.to_account_info(),
            &accounts.objection.to_account_info(),
            &accounts.system_program.to_account_info(),
            8 + Objection::INIT_SPACE,
            &[
                OBJECTION_SEED,
                proposal_key.as_ref(),
                objector.as_ref(),
                &[bump],
            ],
        )?;
        store(
            &accounts.objection.to_account_info(),
            &Objection {
                version: ACCOUNT_VERSION,
                bump,
                proposal: proposal_key,
                objector,
                objected_at: now,
            },
        )?;
        if vetoed {
            // It will never pay: what it set aside is free again.
            let action = accounts.proposal.action.clone();
            accounts.exit_basket.release(&action)?;
        }
        let seq = accounts.society.next_seq()?;
        emit_event(ProposalObjected {
            society: accounts.society.key(),
            seq,
            proposal: proposal_key,
            objector,
            objections: accounts.proposal.objections,
            eligible_count: accounts.proposal.eligible_count,
            vetoed,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
