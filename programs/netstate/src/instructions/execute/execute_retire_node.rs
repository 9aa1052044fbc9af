//! `execute_retire_node`: retires the node a `RetireNode` proposal names.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::node::retire_node::retire;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, Country, Node, ProposalAction};

/// Accounts of `execute_retire_node`.
#[derive(Accounts)]
pub struct ExecuteRetireNode<'info> {
    /// Executor, society, proposal.
    pub common: ExecuteCommon<'info>,

    /// The node the proposal names (checked in `validate`).
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        constraint = node.society == common.society.key() @ NetstateError::NodeNotInSociety,
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

impl ExecuteRetireNode<'_> {
    /// A passed `RetireNode` about this very node.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common.require_executable(&[ActionKind::RetireNode])?;
        let ProposalAction::RetireNode { code } = &self.common.proposal.action else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        require!(self.node.code == *code, NetstateError::SubjectMismatch);
        Ok(())
    }

    /// Retires the node.
    pub fn execute_retire_node(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        retire(
            &mut accounts.common.society,
            &mut accounts.node,
            &mut accounts.country,
        )?;
        accounts.common.finish()
    }
}
