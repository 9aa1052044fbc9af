//! `execute_retire_node`: retires the node a `RetireNode` proposal names.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::execute::execution_steps;
use crate::instructions::node::retire_node::retire;
use crate::instructions::require_no_remaining_accounts;
use crate::state::actions;
use crate::state::{Country, Node, Proposal, ProposalAction, Society};

/// Accounts of `execute_retire_node`.
#[derive(Accounts)]
pub struct ExecuteRetireNode<'info> {
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

    /// The node the proposal names (checked in `validate`).
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        constraint = node.society == society.key() @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The society's record of the node's country (its seeds come from the node).
    #[account(
        mut,
        seeds = [COUNTRY_SEED, node.society.as_ref(), node.country.as_ref()],
        bump = country.bump,
    )]
    pub country: Box<Account<'info, Country>>,
}

execution_steps!(ExecuteRetireNode);

impl ExecuteRetireNode<'_> {
    /// A passed `RetireNode` about this very node.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::hubs::RETIRE_KINDS)?;
        let ProposalAction::RetireNode { code } = &self.proposal.action else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        require!(self.node.code == *code, NetstateError::SubjectMismatch);
        Ok(())
    }

    /// Retires the node.
    pub fn execute_retire_node(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        retire(
            &mut accounts.society,
            &mut accounts.node,
            &mut accounts.country,
        )?;
        accounts.finish()
    }
}
