#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod actions;
pub mod amounts;
pub mod calendar;
pub mod census;
pub mod client;
#[cfg(feature = "describe")]
pub mod describe;
pub mod error;
pub mod event_log;
pub mod fees;
pub mod history;
pub mod instructions;
pub mod layouts;
pub mod nonce;
pub mod proposals;
pub mod scan;
pub mod share;
pub mod tickets;

pub use anchor_lang;
pub use client::{NetstateClient, TreasuryBalances};
pub use solana_client;

/// What a program embedding the client needs in scope: the client, its errors, the
/// instruction builders and PDAs, the program's argument types, and the Solana types that
/// go with them.
pub mod prelude {
    pub use crate::{
        AdmissionPolicy, ApplyArgs, ClientError, CreateProposalArgs, CreateSocietyArgs,
        NetstateClient, NetstateError, PROGRAM_ID, ProposalAction, VoteChoice, events,
        instructions, pda,
    };
    pub use anchor_lang::solana_program::instruction::Instruction;
    pub use anchor_lang::solana_program::pubkey::Pubkey;
    pub use solana_keypair::Keypair;
    pub use solana_signature::Signature;
    pub use solana_signer::Signer;
}

/// The SHA-256 of `bytes`: what a society pins its constitution's text by
/// (`CreateSocietyArgs::constitution_hash`, `AmendConstitution`), and a proposal its
/// description (`CreateProposalArgs::description_hash`).
///
/// ```
/// let digest = netstate_client::sha256(b"abc");
/// assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
/// ```
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    solana_sha256_hasher::hash(bytes).to_bytes()
}
pub use error::{ClientError, ProgramError, describe_program_error};
pub use fees::ComputeUnitPrice;

pub use netstate::pda;
pub use netstate::{
    ID as PROGRAM_ID, constants,
    error::NetstateError,
    events,
    instructions::{ApplyArgs, CreateProposalArgs, CreateSocietyArgs},
    state::{
        ActionKind, AdmissionPolicy, BudgetTerms, Census, CensusCounters, Country, Dues,
        EpochTally, ExitBasket, FastTrack, GovernanceParams, Grant, Member, MemberStatus, Node,
        NodeBudget, NodeSpec, Objection, Outflow, OutflowCounter, Proposal, ProposalAction,
        ProposalStatus, Residency, Share, Society, Sponsorship, Tally, Treaty, TreatyStatus,
        TreatyTerms, Visitor, VoteChoice, VoteRecord,
    },
};
