//! `execute_register_node`: registers the node a `RegisterNode` proposal describes.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::node::register_node::{create_node, NewNodeAccounts};
use crate::instructions::pda_account::is_created;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, ProposalAction};

/// Accounts of `execute_register_node`.
#[derive(Accounts)]
pub struct ExecuteRegisterNode<'info> {
    /// Executor (pays the node's rent), society, proposal.
    pub common: ExecuteCommon<'info>,

    /// CHECK: the new Node at the PDA of the code the proposal names (address checked in
    /// `validate`, `SubjectMismatch`); created by the handler.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,

    /// CHECK: the society's record of the hub's country, at its PDA (address checked in
    /// `validate`, `SubjectMismatch`); created by the handler with the society's first hub
    /// in that country.
    #[account(mut)]
    pub country: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ExecuteRegisterNode<'_> {
    /// A passed `RegisterNode` whose code is still free.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common
            .require_executable(&[ActionKind::RegisterNode])?;
        self.bumps()?;
        require!(!is_created(&self.node), NetstateError::NodeCodeTaken);
        Ok(())
    }

    /// The bumps of the Node and Country PDAs of the hub the action names;
    /// `SubjectMismatch` when the accounts given are not at them.
    fn bumps(&self) -> Result<(u8, u8)> {
        let society = self.common.society.key();
        let action = &self.common.proposal.action;
        let node = ExecuteCommon::require_action_pda(
            &self.node,
            &[NODE_SEED, society.as_ref(), action.node_code_seed()],
        )?;
        let country = ExecuteCommon::require_action_pda(
            &self.country,
            &[COUNTRY_SEED, society.as_ref(), action.node_country_seed()],
        )?;
        Ok((node, country))
    }

    /// Creates the node.
    pub fn execute_register_node(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (node_bump, country_bump) = accounts.bumps()?;
        let ProposalAction::RegisterNode { spec } = accounts.common.proposal.action.clone() else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        create_node(
            &accounts.common.executor,
            NewNodeAccounts {
                node: &accounts.node,
                node_bump,
                country: &accounts.country,
                country_bump,
            },
            &accounts.system_program,
            &mut accounts.common.society,
            spec,
        )?;
        accounts.common.finish()
    }
}
