//! `execute_register_node`: registers the node a `RegisterNode` proposal describes.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::execute::{execution_steps, require_action_pda};
use crate::instructions::node::register_node::{create_node, NewNodeAccounts};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::is_created;
use crate::state::actions;
use crate::state::{Proposal, ProposalAction, Society};

/// Accounts of `execute_register_node`.
#[derive(Accounts)]
pub struct ExecuteRegisterNode<'info> {
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

execution_steps!(ExecuteRegisterNode);

impl ExecuteRegisterNode<'_> {
    /// A passed `RegisterNode` whose code is still free.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::hubs::REGISTER_KINDS)?;
        self.bumps()?;
        require!(!is_created(&self.node), NetstateError::NodeCodeTaken);
        Ok(())
    }

    /// The bumps of the Node and Country PDAs of the hub the action names;
    /// `SubjectMismatch` when the accounts given are not at them.
    fn bumps(&self) -> Result<(u8, u8)> {
        let society = self.society.key();
        let action = &self.proposal.action;
        let node = require_action_pda(
            &self.node,
            &[NODE_SEED, society.as_ref(), action.node_code_seed()],
        )?;
        let country = require_action_pda(
            &self.country,
            &[COUNTRY_SEED, society.as_ref(), action.node_country_seed()],
        )?;
        Ok((node, country))
    }

    /// Creates the node.
    pub fn execute_register_node(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (node_bump, country_bump) = accounts.bumps()?;
        let ProposalAction::RegisterNode { spec } = accounts.proposal.action.clone() else {
            return err!(NetstateError::WrongExecuteInstruction);
        };
        create_node(
            &accounts.executor,
            NewNodeAccounts {
                node: &accounts.node,
                node_bump,
                country: &accounts.country,
                country_bump,
            },
            &accounts.system_program,
            &mut accounts.society,
            spec,
        )?;
        accounts.finish()
    }
}
