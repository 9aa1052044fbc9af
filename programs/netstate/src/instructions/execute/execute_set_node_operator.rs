//! `execute_set_node_operator`: rotates the operator of the hub a `SetNodeOperator`
//! proposal names.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::execute::execution_steps;
use crate::instructions::node::set_node_operator::rotate;
use crate::instructions::require_no_remaining_accounts;
use crate::state::actions;
use crate::state::{Node, Proposal, ProposalAction, Society};

/// Accounts of `execute_set_node_operator`.
#[derive(Accounts)]
pub struct ExecuteSetNodeOperator<'info> {
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
}

execution_steps!(ExecuteSetNodeOperator);

impl ExecuteSetNodeOperator<'_> {
    /// A passed `SetNodeOperator` about this very node.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::hubs::OPERATOR_KINDS)?;
        let ProposalAction::SetNodeOperator { code, .. } = &self.proposal.action else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        require!(self.node.code == *code, NetstateError::SubjectMismatch);
        Ok(())
    }

    /// Rotates the operator.
    pub fn execute_set_node_operator(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let ProposalAction::SetNodeOperator {
            operator,
            revoke_previous,
            ..
        } = accounts.proposal.action.clone()
        else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        rotate(
            &mut accounts.society,
            &mut accounts.node,
            operator,
            revoke_previous,
        )?;
        accounts.finish()
    }
}
