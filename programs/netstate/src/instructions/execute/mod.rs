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

use crate::error::NetstateError;
use crate::events::{emit_event, ProposalExecuted};
use crate::state::{ActionKind, Proposal, Society};

/// The three accounts every execute instruction starts with, declared in each instruction's
/// accounts (not as a nested group, so that the IDL lists them beside the accounts whose
/// seeds they are: clients resolve seeds among the accounts of one level), and the steps
/// every execution shares on them: [`execution_steps!`] gives each instruction
/// `require_executable`, `treasury_bump` and `finish`.
///
/// ```text
/// executor  signer, writable   whoever sends the transaction (pays for what it creates)
/// society   writable           the society, at its PDA
/// proposal  writable           the passed proposal, of this society (ProposalNotInSociety)
/// ```
macro_rules! execution_steps {
    ($accounts:ident) => {
        impl $accounts<'_> {
            /// Fails unless the proposal carries one of `kinds` and may be executed now.
            pub fn require_executable(
                &self,
                kinds: &[$crate::state::ActionKind],
            ) -> anchor_lang::Result<()> {
                $crate::instructions::execute::require_executable(&self.proposal, kinds)
            }

            /// The bump byte of the society's treasury PDA, for its signer seeds.
            pub fn treasury_bump(&self) -> [u8; 1] {
                [self.society.treasury_bump]
            }

            /// Marks the proposal executed and emits `ProposalExecuted`.
            pub fn finish(&mut self) -> anchor_lang::Result<()> {
                $crate::instructions::execute::finish(
                    &self.executor,
                    &mut self.society,
                    &mut self.proposal,
                )
            }
        }
    };
}
pub(crate) use execution_steps;

/// Fails unless `proposal` carries one of `kinds` and may be executed now.
pub fn require_executable(proposal: &Proposal, kinds: &[ActionKind]) -> Result<()> {
    require!(
        kinds.contains(&proposal.action.kind()),
        NetstateError::WrongExecuteInstruction
    );
    let clock = Clock::get()?;
    proposal.require_executable(clock.unix_timestamp, clock.slot)
}

/// The bump of the PDA at `seeds` under this program, or `SubjectMismatch` when `account`
/// is not at that address. For accounts named inside the proposal's action (the member of
/// an admission, the code of a new hub): the IDL cannot state seeds read from inside an
/// enum, so these accounts are passed by address and checked here.
pub fn require_action_pda(account: &AccountInfo, seeds: &[&[u8]]) -> Result<u8> {
    let (expected, bump) = Pubkey::find_program_address(seeds, &crate::ID);
    require_keys_eq!(account.key(), expected, NetstateError::SubjectMismatch);
    Ok(bump)
}

/// Marks `proposal` executed and emits `ProposalExecuted`.
pub fn finish(
    executor: &Signer,
    society: &mut Account<Society>,
    proposal: &mut Account<Proposal>,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    proposal.mark_executed(now);
    let seq = society.next_seq()?;
    society.invariant()?;
    emit_event(ProposalExecuted {
        society: society.key(),
        seq,
        proposal: proposal.key(),
        action: proposal.action.kind(),
        executor: executor.key(),
    });
    Ok(())
}
