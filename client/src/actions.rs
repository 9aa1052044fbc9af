//! The accounts a passed proposal executes with, one function per family of actions (as the
//! program keeps one file per family in `netstate::state::actions`), and
//! [`execute_proposal`], which picks the family's instruction for a proposal's action.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey, system_program};
use netstate::{accounts, instruction};

use crate::error::ClientError;
use crate::instructions::{ASSOCIATED_TOKEN_PROGRAM_ID, associated_token_address, build};
use crate::{Proposal, ProposalAction, pda};

/// What executing some actions needs to know beyond the proposal, read from the chain by
/// the caller ([`crate::NetstateClient::execute_context`] reads it over RPC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExecuteContext {
    /// Owner of the mint for `TransferToken` and `MintContribution` (SPL Token or
    /// Token-2022).
    pub token_program: Pubkey,
    /// The society's contribution mint, for `MintContribution`.
    pub contribution_mint: Option<Pubkey>,
    /// The country of the hub a `RetireNode` retires (its Node's `country`).
    pub node_country: Option<[u8; 2]>,
}

impl Default for ExecuteContext {
    /// SPL Token, no contribution mint, no hub.
    fn default() -> Self {
        Self {
            token_program: anchor_spl::token::ID,
            contribution_mint: None,
            node_country: None,
        }
    }
}

/// The accounts every execute instruction starts with, and what the caller read.
struct Execution<'a> {
    program_id: &'a Pubkey,
    executor: Pubkey,
    society: Pubkey,
    proposal: Pubkey,
    treasury: Pubkey,
    with: &'a ExecuteContext,
}

/// The execute instruction for `proposal` (at `address`), sent by `executor`; `with` holds
/// what token and hub actions need. A `MintContribution` without `with.contribution_mint`
/// or a `RetireNode` without `with.node_country` is refused by name
/// ([`ClientError::MissingExecuteContext`]) rather than built against a default address.
pub fn execute_proposal(
    program_id: &Pubkey,
    executor: &Pubkey,
    address: &Pubkey,
    proposal: &Proposal,
    with: &ExecuteContext,
) -> Result<Instruction, ClientError> {
    let society = proposal.society;
    let e = Execution {
        program_id,
        executor: *executor,
        society,
        proposal: *address,
        treasury: pda::treasury(program_id, &society).0,
        with,
    };
    Ok(match &proposal.action {
        ProposalAction::TransferSol { recipient, .. } => transfers::sol(&e, recipient),
        ProposalAction::TransferToken {
            mint, recipient, ..
        } => transfers::token(&e, mint, recipient),
        ProposalAction::MintContribution {
            recipient,
            vesting_secs,
            ..
        } => transfers::mint_contribution(&e, recipient, *vesting_secs)?,
        ProposalAction::AdmitMember { wallet } | ProposalAction::ExpelMember { wallet } => {
            members::member_action(&e, wallet)
        }
        ProposalAction::RegisterNode { spec } => hubs::register(&e, &spec.code, &spec.country),
        ProposalAction::RetireNode { code } => hubs::retire(&e, code)?,
        ProposalAction::SetNodeOperator { code, .. } => hubs::set_operator(&e, code),
        ProposalAction::SetNodeBudget { code, .. } | ProposalAction::EndNodeBudget { code } => {
            budgets::budget(&e, code)
        }
        ProposalAction::ProposeTreaty { partner, .. }
        | ProposalAction::RatifyTreaty { partner, .. }
        | ProposalAction::WithdrawTreaty { partner } => treaties::treaty_action(&e, partner),
        ProposalAction::Signal
        | ProposalAction::UpdateGovernance { .. }
        | ProposalAction::AmendConstitution { .. }
        | ProposalAction::SetSteward { .. }
        | ProposalAction::SetDues { .. }
        | ProposalAction::SetExitBasket { .. } => {
            society::society_action(&e, proposal.action.member_wallet())
        }
    })
}

/// `TransferSol`, `TransferToken`, `MintContribution`.
mod transfers {
    use super::*;

    /// `execute_transfer_sol`.
    pub(super) fn sol(e: &Execution, recipient: &Pubkey) -> Instruction {
        build(
            e.program_id,
            accounts::ExecuteTransferSol {
                executor: e.executor,
                society: e.society,
                exit_basket: pda::exit_basket(e.program_id, &e.society).0,
                sol_outflow: pda::sol_outflow(e.program_id, &e.society).0,
                proposal: e.proposal,
                treasury: e.treasury,
                recipient: *recipient,
                system_program: system_program::ID,
            },
            instruction::ExecuteTransferSol {},
        )
    }

    /// `execute_transfer_token`.
    pub(super) fn token(e: &Execution, mint: &Pubkey, recipient: &Pubkey) -> Instruction {
        let token_program = &e.with.token_program;
        build(
            e.program_id,
            accounts::ExecuteTransferToken {
                executor: e.executor,
                society: e.society,
                exit_basket: pda::exit_basket(e.program_id, &e.society).0,
                proposal: e.proposal,
                treasury: e.treasury,
                mint: *mint,
                treasury_token: associated_token_address(&e.treasury, mint, token_program),
                recipient: *recipient,
                recipient_token: associated_token_address(recipient, mint, token_program),
                outflow: pda::outflow(e.program_id, &e.society, mint).0,
                token_program: *token_program,
                associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
                system_program: system_program::ID,
            },
            instruction::ExecuteTransferToken {},
        )
    }

    /// `execute_mint_contribution`: needs the society's contribution mint.
    pub(super) fn mint_contribution(
        e: &Execution,
        recipient: &Pubkey,
        vesting_secs: u32,
    ) -> Result<Instruction, ClientError> {
        let mint = e
            .with
            .contribution_mint
            .ok_or(ClientError::MissingExecuteContext {
                action: "MintContribution",
                needs: "contribution_mint (the society's contribution mint)",
            })?;
        let token_program = &e.with.token_program;
        Ok(build(
            e.program_id,
            accounts::ExecuteMintContribution {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                treasury: e.treasury,
                mint,
                recipient: *recipient,
                recipient_token: associated_token_address(recipient, &mint, token_program),
                share: pda::share(e.program_id, &e.society, recipient).0,
                grant: (vesting_secs > 0).then(|| pda::grant(e.program_id, &e.proposal).0),
                token_program: *token_program,
                associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
                system_program: system_program::ID,
            },
            instruction::ExecuteMintContribution {},
        ))
    }
}

/// `AdmitMember`, `ExpelMember`.
mod members {
    use super::*;

    /// `execute_member_action` for `wallet`'s membership.
    pub(super) fn member_action(e: &Execution, wallet: &Pubkey) -> Instruction {
        build(
            e.program_id,
            accounts::ExecuteMemberAction {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                member: pda::member(e.program_id, &e.society, wallet).0,
                system_program: system_program::ID,
            },
            instruction::ExecuteMemberAction {},
        )
    }
}

/// `RegisterNode`, `RetireNode`, `SetNodeOperator`.
mod hubs {
    use super::*;

    /// `execute_register_node` of hub `code` in `country`.
    pub(super) fn register(e: &Execution, code: &str, country: &[u8; 2]) -> Instruction {
        build(
            e.program_id,
            accounts::ExecuteRegisterNode {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                node: pda::node(e.program_id, &e.society, code).0,
                country: pda::country(e.program_id, &e.society, country).0,
                system_program: system_program::ID,
            },
            instruction::ExecuteRegisterNode {},
        )
    }

    /// `execute_retire_node` of hub `code`: needs the hub's country.
    pub(super) fn retire(e: &Execution, code: &str) -> Result<Instruction, ClientError> {
        let country = e
            .with
            .node_country
            .ok_or(ClientError::MissingExecuteContext {
                action: "RetireNode",
                needs: "node_country (the country of the hub it retires)",
            })?;
        Ok(build(
            e.program_id,
            accounts::ExecuteRetireNode {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                node: pda::node(e.program_id, &e.society, code).0,
                country: pda::country(e.program_id, &e.society, &country).0,
            },
            instruction::ExecuteRetireNode {},
        ))
    }

    /// `execute_set_node_operator` of hub `code`.
    pub(super) fn set_operator(e: &Execution, code: &str) -> Instruction {
        build(
            e.program_id,
            accounts::ExecuteSetNodeOperator {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                node: pda::node(e.program_id, &e.society, code).0,
            },
            instruction::ExecuteSetNodeOperator {},
        )
    }
}

/// `SetNodeBudget`, `EndNodeBudget`.
mod budgets {
    use super::*;

    /// `execute_node_budget` of hub `code`.
    pub(super) fn budget(e: &Execution, code: &str) -> Instruction {
        let node = pda::node(e.program_id, &e.society, code).0;
        build(
            e.program_id,
            accounts::ExecuteNodeBudget {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                node,
                budget: pda::node_budget(e.program_id, &node).0,
                vault: pda::node_vault(e.program_id, &node).0,
                system_program: system_program::ID,
            },
            instruction::ExecuteNodeBudget {},
        )
    }
}

/// `ProposeTreaty`, `RatifyTreaty`, `WithdrawTreaty`.
mod treaties {
    use super::*;

    /// `execute_treaty_action` with `partner`.
    pub(super) fn treaty_action(e: &Execution, partner: &Pubkey) -> Instruction {
        let (first, second) = netstate::state::treaty_pair(&e.society, partner);
        build(
            e.program_id,
            accounts::ExecuteTreatyAction {
                executor: e.executor,
                society: e.society,
                proposal: e.proposal,
                partner: *partner,
                treaty: pda::treaty(e.program_id, &first, &second).0,
                system_program: system_program::ID,
            },
            instruction::ExecuteTreatyAction {},
        )
    }
}

/// `Signal`, `UpdateGovernance`, `AmendConstitution`, `SetSteward`, `SetDues`,
/// `SetExitBasket`.
mod society {
    use super::*;

    /// `execute_society_action`; a new steward's Member is passed to be checked.
    pub(super) fn society_action(e: &Execution, steward: Option<&Pubkey>) -> Instruction {
        build(
            e.program_id,
            accounts::ExecuteSocietyAction {
                executor: e.executor,
                society: e.society,
                exit_basket: pda::exit_basket(e.program_id, &e.society).0,
                proposal: e.proposal,
                steward_member: steward
                    .map(|wallet| pda::member(e.program_id, &e.society, wallet).0),
            },
            instruction::ExecuteSocietyAction {},
        )
    }
}
