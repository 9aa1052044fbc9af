//! Executing passed proposals, one instruction per family of actions, each with exactly
//! the accounts its action touches. Anyone may execute, once, after the timelock and
//! before the execution window closes; a failed execution changes nothing and may be
//! retried until then.

pub mod execute_member_action;
pub mod execute_mint_contribution;
pub mod execute_node_budget;
pub mod execute_register_node;
pub mod execute_retire_node;
pub mod execute_set_node_operator;
pub mod execute_society_action;
pub mod execute_transfer_sol;
pub mod execute_transfer_token;
pub mod execute_treaty_action;

pub use execute_member_action::*;
pub use execute_mint_contribution::*;
pub use execute_node_budget::*;
pub use execute_register_node::*;
pub use execute_retire_node::*;
pub use execute_set_node_operator::*;
pub use execute_society_action::*;
pub use execute_transfer_sol::*;
pub use execute_transfer_token::*;
pub use execute_treaty_action::*;

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalExecuted};
use crate::state::{ActionKind, Proposal, Society};

/// The accounts every execute instruction starts with.
#[derive(Accounts)]
pub struct ExecuteCommon<'info> {
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
}

impl ExecuteCommon<'_> {
    /// Fails unless the proposal carries one of `kinds` and may be executed now.
    pub fn require_executable(&self, kinds: &[ActionKind]) -> Result<()> {
        require!(
            kinds.contains(&self.proposal.action.kind()),
            NetstateError::WrongExecuteInstruction
        );
        let clock = Clock::get()?;
        self.proposal
            .require_executable(clock.unix_timestamp, clock.slot)
    }

    /// The bump of the PDA at `seeds` under this program, or `SubjectMismatch` when
    /// `account` is not at that address. For accounts named inside the proposal's action
    /// (the member of an admission, the code of a new hub): the IDL cannot state seeds read
    /// from inside an enum, so these accounts are passed by address and checked here.
    pub fn require_action_pda(account: &AccountInfo, seeds: &[&[u8]]) -> Result<u8> {
        let (expected, bump) = Pubkey::find_program_address(seeds, &crate::ID);
        require_keys_eq!(account.key(), expected, NetstateError::SubjectMismatch);
        Ok(bump)
    }

    /// Signer seeds of the society's treasury PDA, less the bump byte (see `treasury_bump`).
    pub fn treasury_bump(&self) -> [u8; 1] {
        [self.society.treasury_bump]
    }

    /// Marks the proposal executed and emits `ProposalExecuted`.
    pub fn finish(&mut self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.proposal.mark_executed(now);
        let seq = self.society.next_seq()?;
        self.society.invariant()?;
        emit_event(ProposalExecuted {
            society: self.society.key(),
            seq,
            proposal: self.proposal.key(),
            action: self.proposal.action.kind(),
            executor: self.executor.key(),
        });
        Ok(())
    }
}
