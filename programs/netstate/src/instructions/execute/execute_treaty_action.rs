//! `execute_treaty_action`: executes a passed `ProposeTreaty`, `RatifyTreaty` or
//! `WithdrawTreaty`. A treaty is made and ended only this way, by each society's own vote:
//! the steward has no instruction for it. The first offer between two societies creates
//! their Treaty account (the executor pays its rent).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TreatyChange, TreatyChanged};
use crate::instructions::execute::execution_steps;
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, is_created, load, store};
use crate::state::actions;
use crate::state::{
    treaty_pair, Proposal, ProposalAction, Society, Treaty, TreatyStatus, TreatyTerms,
};

/// Accounts of `execute_treaty_action`.
#[derive(Accounts)]
pub struct ExecuteTreatyAction<'info> {
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

    /// The partner society named by the action.
    #[account(
        seeds = [SOCIETY_SEED, seed_bytes(&partner.name)],
        bump = partner.bump,
    )]
    pub partner: Box<Account<'info, Society>>,

    /// CHECK: the two societies' Treaty PDA (its address is checked against the pair in
    /// `validate`); created by the first offer between them.
    #[account(mut)]
    pub treaty: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteTreatyAction);

impl ExecuteTreatyAction<'_> {
    /// A passed treaty action, its own partner, and the pair's Treaty address.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::treaties::KINDS)?;
        let partner = self
            .proposal
            .action
            .treaty_partner()
            .ok_or(NetstateError::WrongExecuteInstruction)?;
        require_keys_eq!(self.partner.key(), *partner, NetstateError::SubjectMismatch);
        require_keys_neq!(*partner, self.society.key(), NetstateError::TreatyWithSelf);
        let (first, second) = treaty_pair(&self.society.key(), partner);
        require_keys_eq!(
            self.treaty.key(),
            crate::pda::treaty(&crate::ID, &first, &second).0,
            ErrorCode::ConstraintSeeds
        );
        Ok(())
    }

    /// Offers, ratifies or withdraws, then marks the proposal executed.
    pub fn execute_treaty_action(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let society = accounts.society.key();
        let partner = accounts.partner.key();
        let (first, second) = treaty_pair(&society, &partner);
        let action = accounts.proposal.action.clone();
        let (treaty, change) = match action {
            ProposalAction::ProposeTreaty { terms, .. } => {
                let mut treaty = if is_created(&accounts.treaty) {
                    load::<Treaty>(&accounts.treaty)?
                } else {
                    let bump = crate::pda::treaty(&crate::ID, &first, &second).1;
                    create_pda_account(
                        &accounts.executor,
                        &accounts.treaty,
                        &accounts.system_program,
                        8 + Treaty::INIT_SPACE,
                        &[TREATY_SEED, first.as_ref(), second.as_ref(), &[bump]],
                    )?;
                    new_treaty(bump, first, second, society, terms, now)
                };
                treaty.propose(society, terms, now)?;
                (treaty, TreatyChange::Proposed)
            }
            ProposalAction::RatifyTreaty { terms, .. } => {
                require!(
                    is_created(&accounts.treaty),
                    NetstateError::TreatyNotProposed
                );
                let mut treaty = load::<Treaty>(&accounts.treaty)?;
                treaty.ratify(society, &terms, now)?;
                (treaty, TreatyChange::Ratified)
            }
            ProposalAction::WithdrawTreaty { .. } => {
                require!(
                    is_created(&accounts.treaty),
                    NetstateError::TreatyNotInForce
                );
                let mut treaty = load::<Treaty>(&accounts.treaty)?;
                treaty.withdraw(society, now)?;
                (treaty, TreatyChange::Withdrawn)
            }
            _ => return err!(NetstateError::WrongExecuteInstruction),
        };
        require!(
            treaty.first == first && treaty.second == second,
            NetstateError::TreatyNotInForce
        );
        store(&accounts.treaty, &treaty)?;
        let seq = accounts.society.next_seq()?;
        emit_event(TreatyChanged {
            society,
            seq,
            treaty: accounts.treaty.key(),
            partner,
            change,
            terms: treaty.terms,
            ends_at: treaty.ends_at,
        });
        accounts.finish()
    }
}

fn new_treaty(
    bump: u8,
    first: Pubkey,
    second: Pubkey,
    proposed_by: Pubkey,
    terms: TreatyTerms,
    now: i64,
) -> Treaty {
    Treaty {
        version: ACCOUNT_VERSION,
        bump,
        first,
        second,
        proposed_by,
        terms,
        status: TreatyStatus::Proposed,
        proposed_at: now,
        ratified_at: 0,
        withdrawn_by: Pubkey::default(),
        ends_at: 0,
        visit_count: 0,
    }
}
