//! `execute_set_node_operator`: rotates the operator of the hub a `SetNodeOperator`
//! proposal names.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::node::set_node_operator::rotate;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, Node, ProposalAction};

/// Accounts of `execute_set_node_operator`.
#[derive(Accounts)]
pub struct ExecuteSetNodeOperator<'info> {
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
}

impl ExecuteSetNodeOperator<'_> {
    /// A passed `SetNodeOperator` about this very node.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common
            .require_executable(&[ActionKind::SetNodeOperator])?;
        let ProposalAction::SetNodeOperator { code, .. } = &self.common.proposal.action else {
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
        } = accounts.common.proposal.action.clone()
        else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        rotate(
            &mut accounts.common.society,
            &mut accounts.node,
            operator,
            revoke_previous,
        )?;
        accounts.common.finish()
    }
}
