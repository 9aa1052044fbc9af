//! `execute_node_budget`: grants, changes or ends the hub budget a `SetNodeBudget` or
//! `EndNodeBudget` proposal names. No money moves here: `settle_node_budget` (or its token
//! form) levels or empties the vault, and the CLI sends it in the same transaction.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeBudgetSet};
use crate::instructions::execute::execution_steps;
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, load_if_created, store};
use crate::state::actions;
use crate::state::{Node, NodeBudget, Proposal, ProposalAction, Society};

/// Accounts of `execute_node_budget`.
#[derive(Accounts)]
pub struct ExecuteNodeBudget<'info> {
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

    /// The hub the proposal names (checked in `validate`).
    #[account(
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        constraint = node.society == society.key() @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: the hub's NodeBudget at `["budget", node]` (seeds checked here); created by
    /// the hub's first `SetNodeBudget`.
    #[account(mut, seeds = [BUDGET_SEED, node.key().as_ref()], bump)]
    pub budget: UncheckedAccount<'info>,

    /// CHECK: the hub's vault at `["vault", node]` (seeds checked here); only its bump is
    /// read, to be stored.
    #[account(seeds = [VAULT_SEED, node.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteNodeBudget);

impl ExecuteNodeBudget<'_> {
    /// A passed `SetNodeBudget` or `EndNodeBudget` about this very hub.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::budgets::KINDS)?;
        let code = match &self.proposal.action {
            ProposalAction::SetNodeBudget { code, .. } | ProposalAction::EndNodeBudget { code } => {
                code
            }
            _ => return err!(NetstateError::WrongExecuteInstruction),
        };
        require!(self.node.code == *code, NetstateError::SubjectMismatch);
        Ok(())
    }

    /// Creates the budget or puts the new terms in force; or ends it.
    pub fn execute_node_budget(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let now = Clock::get()?.unix_timestamp;
        let node_key = accounts.node.key();
        let budget_account = accounts.budget.to_account_info();
        let existing = load_if_created::<NodeBudget>(&budget_account)?;
        let budget = match (accounts.proposal.action.clone(), existing) {
            (ProposalAction::SetNodeBudget { terms, .. }, Some(mut budget)) => {
                require!(accounts.node.active, NetstateError::NodeRetired);
                budget.apply_terms(terms, now)?;
                budget
            }
            (ProposalAction::SetNodeBudget { terms, .. }, None) => {
                require!(accounts.node.active, NetstateError::NodeRetired);
                let bump = ctx.bumps.budget;
                create_pda_account(
                    &accounts.executor.to_account_info(),
                    &budget_account,
                    &accounts.system_program.to_account_info(),
                    8 + NodeBudget::INIT_SPACE,
                    &[BUDGET_SEED, node_key.as_ref(), &[bump]],
                )?;
                NodeBudget {
                    version: ACCOUNT_VERSION,
                    bump,
                    vault_bump: ctx.bumps.vault,
                    society: accounts.society.key(),
                    node: node_key,
                    terms,
                    active: true,
                    started_at: now,
                    next_period: 0,
                    spent_this_period: 0,
                    spent_total: 0,
                    spend_count: 0,
                    funded_total: 0,
                    returned_total: 0,
                }
            }
            (ProposalAction::EndNodeBudget { .. }, Some(mut budget)) => {
                require!(budget.active, NetstateError::BudgetEnded);
                budget.active = false;
                budget
            }
            (ProposalAction::EndNodeBudget { .. }, None) => {
                return err!(NetstateError::NoNodeBudget);
            }
            _ => return err!(NetstateError::WrongExecuteInstruction),
        };
        store(&budget_account, &budget)?;
        let seq = accounts.society.next_seq()?;
        emit_event(NodeBudgetSet {
            society: accounts.society.key(),
            seq,
            proposal: accounts.proposal.key(),
            node: node_key,
            terms: budget.terms,
            active: budget.active,
        });
        accounts.finish()
    }
}
