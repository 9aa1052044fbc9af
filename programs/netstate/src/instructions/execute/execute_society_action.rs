//! `execute_society_action`: carries out proposals that change only the society itself:
//! `Signal`, `UpdateGovernance`, `AmendConstitution`, `SetSteward` and `SetExitBasket`.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{
    emit_event, ConstitutionAmended, ExitBasketChanged, GovernanceUpdated, StewardChanged,
};
use crate::instructions::execute::{execution_steps, require_action_pda};
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::society::put_dues_in_force;
use crate::shared::pda_account::load_if_created;
use crate::state::actions;
use crate::state::{ExitBasket, Member, Proposal, ProposalAction, Society};

/// Accounts of `execute_society_action`.
#[derive(Accounts)]
pub struct ExecuteSocietyAction<'info> {
    /// Whoever sends the transaction (pays for any account the action creates).
    #[account(mut)]
    pub executor: Signer<'info>,

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

    /// The society's exit basket: the mints a `SetExitBasket` lists.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// For `SetSteward` naming a wallet, that wallet's Member PDA, read to confirm the new
    /// steward is still a citizen. None for other actions.
    /// CHECK: its address is checked against the named wallet in `validate`
    /// (`SubjectMismatch`); decoded there.
    pub steward_member: Option<UncheckedAccount<'info>>,
}

execution_steps!(ExecuteSocietyAction);

impl ExecuteSocietyAction<'_> {
    /// A passed proposal of one of the kinds it carries out (`actions::society::KINDS`).
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::society::KINDS)?;
        // Payments passed since the vote may have reserved a slot it would change.
        if let ProposalAction::SetExitBasket { mints } = &self.proposal.action {
            self.exit_basket
                .validate_change(mints, self.society.contribution_mint)?;
        }
        // The named steward may have left or been expelled since the vote: a steward must
        // be a citizen when the role is taken.
        if let ProposalAction::SetSteward { steward: Some(_) } = self.proposal.action {
            let account = self
                .steward_member
                .as_ref()
                .ok_or(NetstateError::MissingSubject)?;
            require_action_pda(
                account,
                &[
                    MEMBER_SEED,
                    self.society.key().as_ref(),
                    self.proposal.action.member_wallet_seed(),
                ],
            )?;
            let member: Option<Member> = load_if_created(account)?;
            require!(
                member.is_some_and(|m| m.is_citizen()),
                NetstateError::StewardNotACitizen
            );
        }
        Ok(())
    }

    /// Applies the change.
    pub fn execute_society_action(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let society_key = accounts.society.key();
        let proposal = accounts.proposal.key();
        let society = &mut accounts.society;
        match accounts.proposal.action.clone() {
            ProposalAction::UpdateGovernance { params } => {
                let old = society.governance;
                society.governance = params;
                let seq = society.next_seq()?;
                emit_event(GovernanceUpdated {
                    society: society_key,
                    seq,
                    proposal,
                    old,
                    new: params,
                });
            }
            ProposalAction::AmendConstitution { uri, hash } => {
                let old_uri = std::mem::replace(&mut society.constitution_uri, uri.clone());
                society.constitution_hash = hash;
                let seq = society.next_seq()?;
                emit_event(ConstitutionAmended {
                    society: society_key,
                    seq,
                    proposal,
                    old_uri,
                    new_uri: uri,
                    new_hash: hash,
                });
            }
            ProposalAction::SetSteward { steward } => {
                let old = std::mem::replace(&mut society.steward, steward);
                let seq = society.next_seq()?;
                emit_event(StewardChanged {
                    society: society_key,
                    seq,
                    proposal,
                    old,
                    new: steward,
                });
            }
            ProposalAction::SetExitBasket { mints } => {
                let old = accounts.exit_basket.mints;
                accounts.exit_basket.set_mints(mints);
                let seq = society.next_seq()?;
                emit_event(ExitBasketChanged {
                    society: society_key,
                    seq,
                    proposal,
                    old,
                    new: mints,
                });
            }
            ProposalAction::SetDues { dues } => {
                let since = Clock::get()?.unix_timestamp;
                put_dues_in_force(society, society_key, Some(proposal), dues, since)?;
            }
            // A signal changes nothing but the record that it passed and was executed.
            _ => {}
        }
        accounts.finish()
    }
}
