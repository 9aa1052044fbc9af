//! # netstate-client
//!
//! What other Rust tools embed to talk to the netstate program: PDA derivation
//! ([`pda`]), one typed builder per instruction ([`instructions`]) and the program's own
//! account and argument types, re-exported from the program crate so that client and
//! program never disagree on layouts or seeds.

pub mod accounts;
pub mod amounts;
pub mod census;
pub mod client;
pub mod describe;
pub mod error;
pub mod event_log;
pub mod fees;
pub mod history;
pub mod instructions;
pub mod layouts;
pub mod nonce;
pub mod share;
pub mod tickets;

pub use client::{NetstateClient, TreasuryBalances};

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
