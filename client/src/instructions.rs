//! One builder per program instruction: typed arguments in, a ready `Instruction` out.
//! Every PDA is derived here, so callers pass only wallets, names and codes.

use anchor_lang::{
    InstructionData, ToAccountMetas,
    solana_program::{instruction::Instruction, pubkey::Pubkey, system_program},
};
use netstate::{accounts, instruction, pda};

use crate::{ApplyArgs, CreateSocietyArgs, NodeSpec};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: netstate::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// `create_society`, signed and paid by `founder`.
pub fn create_society(founder: &Pubkey, args: CreateSocietyArgs) -> Instruction {
    let society = pda::society(&args.name).0;
    build(
        accounts::CreateSociety {
            founder: *founder,
            society,
            founder_member: pda::member(&society, founder).0,
            system_program: system_program::ID,
        },
        instruction::CreateSociety { args },
    )
}

/// `renounce_steward`, signed by the steward.
pub fn renounce_steward(steward: &Pubkey, society: &Pubkey) -> Instruction {
    build(
        accounts::RenounceSteward {
            steward: *steward,
            society: *society,
        },
        instruction::RenounceSteward {},
    )
}

/// `apply`, signed and paid by the applicant's `wallet`.
pub fn apply(wallet: &Pubkey, society: &Pubkey, args: ApplyArgs) -> Instruction {
    build(
        accounts::Apply {
            wallet: *wallet,
            society: *society,
            member: pda::member(society, wallet).0,
            system_program: system_program::ID,
        },
        instruction::Apply { args },
    )
}

/// `sponsor`: the citizen `sponsor` vouches for `applicant_wallet`.
pub fn sponsor(sponsor: &Pubkey, society: &Pubkey, applicant_wallet: &Pubkey) -> Instruction {
    let applicant = pda::member(society, applicant_wallet).0;
    build(
        accounts::Sponsor {
            sponsor: *sponsor,
            society: *society,
            sponsor_member: pda::member(society, sponsor).0,
            applicant,
            sponsorship: pda::sponsorship(&applicant, sponsor).0,
            system_program: system_program::ID,
        },
        instruction::Sponsor {},
    )
}

/// `admit_member`: the steward admits `applicant_wallet`.
pub fn admit_member(steward: &Pubkey, society: &Pubkey, applicant_wallet: &Pubkey) -> Instruction {
    build(
        accounts::AdmitMember {
            steward: *steward,
            society: *society,
            member: pda::member(society, applicant_wallet).0,
        },
        instruction::AdmitMember {},
    )
}

/// `leave`, signed by the member's `wallet`, which receives the rent.
pub fn leave(wallet: &Pubkey, society: &Pubkey) -> Instruction {
    build(
        accounts::Leave {
            wallet: *wallet,
            society: *society,
            member: pda::member(society, wallet).0,
        },
        instruction::Leave {},
    )
}

/// `register_node`, signed and paid by the steward.
pub fn register_node(steward: &Pubkey, society: &Pubkey, spec: NodeSpec) -> Instruction {
    build(
        accounts::RegisterNode {
            steward: *steward,
            society: *society,
            node: pda::node(society, &spec.code).0,
            system_program: system_program::ID,
        },
        instruction::RegisterNode { spec },
    )
}

/// `retire_node`, signed by the steward.
pub fn retire_node(steward: &Pubkey, society: &Pubkey, code: &str) -> Instruction {
    build(
        accounts::RetireNode {
            steward: *steward,
            society: *society,
            node: pda::node(society, code).0,
        },
        instruction::RetireNode {},
    )
}

/// `check_in`, signed by the member's `wallet` (which pays) and the node's `operator`.
pub fn check_in(wallet: &Pubkey, operator: &Pubkey, society: &Pubkey, code: &str) -> Instruction {
    let node = pda::node(society, code).0;
    build(
        accounts::CheckIn {
            wallet: *wallet,
            operator: *operator,
            society: *society,
            node,
            member: pda::member(society, wallet).0,
            residency: pda::residency(&node, wallet).0,
            system_program: system_program::ID,
        },
        instruction::CheckIn {},
    )
}
