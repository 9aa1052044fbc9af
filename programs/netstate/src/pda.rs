//! Address derivation for every netstate PDA, from the seeds in [`crate::constants`].
//! The program's account constraints use the same seeds; the client crate re-exports
//! these functions, so program and client cannot disagree.
//!
//! Each function takes the id of the program that owns the address: `crate::ID` for this
//! build, or the id of a deployment built from the same source at another address
//! (`anchor keys sync`, see `docs/deploy.md`). The seeds do not change with it; the
//! addresses do.

use anchor_lang::prelude::Pubkey;

use crate::constants::*;

/// `["society", name]`.
pub fn society(program_id: &Pubkey, name: &str) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[SOCIETY_SEED, seed_bytes(name)], program_id)
}

/// `["member", society, wallet]`.
pub fn member(program_id: &Pubkey, society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[MEMBER_SEED, society.as_ref(), wallet.as_ref()],
        program_id,
    )
}

/// `["sponsorship", member, sponsor_wallet]`.
pub fn sponsorship(program_id: &Pubkey, member: &Pubkey, sponsor: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[SPONSORSHIP_SEED, member.as_ref(), sponsor.as_ref()],
        program_id,
    )
}

/// `["node", society, code]`.
pub fn node(program_id: &Pubkey, society: &Pubkey, code: &str) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[NODE_SEED, society.as_ref(), seed_bytes(code)], program_id)
}

/// `["residency", node, wallet]`.
pub fn residency(program_id: &Pubkey, node: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[RESIDENCY_SEED, node.as_ref(), wallet.as_ref()],
        program_id,
    )
}

/// `["treasury", society]`.
pub fn treasury(program_id: &Pubkey, society: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[TREASURY_SEED, society.as_ref()], program_id)
}

/// `["proposal", society, index as u64 little-endian]`.
pub fn proposal(program_id: &Pubkey, society: &Pubkey, index: u64) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[PROPOSAL_SEED, society.as_ref(), &index.to_le_bytes()],
        program_id,
    )
}

/// `["vote", proposal, voter_wallet]`.
pub fn vote(program_id: &Pubkey, proposal: &Pubkey, voter: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[VOTE_SEED, proposal.as_ref(), voter.as_ref()], program_id)
}

/// `["country", society, ISO 3166-1 alpha-2 code]`.
pub fn country(program_id: &Pubkey, society: &Pubkey, code: &[u8; 2]) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[COUNTRY_SEED, society.as_ref(), code], program_id)
}

/// `["census", society, epoch as u32 little-endian]`.
pub fn census(program_id: &Pubkey, society: &Pubkey, epoch: u32) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[CENSUS_SEED, society.as_ref(), &epoch.to_le_bytes()],
        program_id,
    )
}

/// `["treaty", first, second]`, `first` the lower address of the two societies (see
/// [`crate::state::treaty_pair`]).
pub fn treaty(program_id: &Pubkey, first: &Pubkey, second: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[TREATY_SEED, first.as_ref(), second.as_ref()], program_id)
}

/// `["visitor", host society, wallet]`.
pub fn visitor(program_id: &Pubkey, society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[VISITOR_SEED, society.as_ref(), wallet.as_ref()],
        program_id,
    )
}

/// `["share", society, wallet]`.
pub fn share(program_id: &Pubkey, society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[SHARE_SEED, society.as_ref(), wallet.as_ref()], program_id)
}

/// `["grant", proposal]`.
pub fn grant(program_id: &Pubkey, proposal: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[GRANT_SEED, proposal.as_ref()], program_id)
}

/// `["objection", proposal, wallet]`.
pub fn objection(program_id: &Pubkey, proposal: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[OBJECTION_SEED, proposal.as_ref(), wallet.as_ref()],
        program_id,
    )
}

/// `["outflow", society, mint]`.
pub fn outflow(program_id: &Pubkey, society: &Pubkey, mint: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[OUTFLOW_SEED, society.as_ref(), mint.as_ref()], program_id)
}

/// `["outflow", society, SOL_OUTFLOW_MINT]`: SOL's Outflow.
pub fn sol_outflow(program_id: &Pubkey, society: &Pubkey) -> (Pubkey, u8) {
    outflow(program_id, society, &SOL_OUTFLOW_MINT)
}

/// `["exit_basket", society]`.
pub fn exit_basket(program_id: &Pubkey, society: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[EXIT_BASKET_SEED, society.as_ref()], program_id)
}

/// `["budget", node]`.
pub fn node_budget(program_id: &Pubkey, node: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[BUDGET_SEED, node.as_ref()], program_id)
}

/// `["vault", node]`.
pub fn node_vault(program_id: &Pubkey, node: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[VAULT_SEED, node.as_ref()], program_id)
}
