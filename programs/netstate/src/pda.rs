//! Address derivation for every netstate PDA, from the seeds in [`crate::constants`].
//! The program's account constraints use the same seeds; the client crate re-exports
//! these functions, so program and client cannot disagree.

use anchor_lang::prelude::Pubkey;

use crate::constants::*;

/// `["society", name]`.
pub fn society(name: &str) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[SOCIETY_SEED, seed_bytes(name)], &crate::ID)
}

/// `["member", society, wallet]`.
pub fn member(society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[MEMBER_SEED, society.as_ref(), wallet.as_ref()],
        &crate::ID,
    )
}

/// `["sponsorship", member, sponsor_wallet]`.
pub fn sponsorship(member: &Pubkey, sponsor: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[SPONSORSHIP_SEED, member.as_ref(), sponsor.as_ref()],
        &crate::ID,
    )
}

/// `["node", society, code]`.
pub fn node(society: &Pubkey, code: &str) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[NODE_SEED, society.as_ref(), seed_bytes(code)], &crate::ID)
}

/// `["residency", node, wallet]`.
pub fn residency(node: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[RESIDENCY_SEED, node.as_ref(), wallet.as_ref()],
        &crate::ID,
    )
}

/// `["treasury", society]`.
pub fn treasury(society: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[TREASURY_SEED, society.as_ref()], &crate::ID)
}

/// `["proposal", society, index as u64 little-endian]`.
pub fn proposal(society: &Pubkey, index: u64) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[PROPOSAL_SEED, society.as_ref(), &index.to_le_bytes()],
        &crate::ID,
    )
}

/// `["vote", proposal, voter_wallet]`.
pub fn vote(proposal: &Pubkey, voter: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[VOTE_SEED, proposal.as_ref(), voter.as_ref()], &crate::ID)
}

/// `["country", society, ISO 3166-1 alpha-2 code]`.
pub fn country(society: &Pubkey, code: &[u8; 2]) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[COUNTRY_SEED, society.as_ref(), code], &crate::ID)
}

/// `["census", society, epoch as u32 little-endian]`.
pub fn census(society: &Pubkey, epoch: u32) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[CENSUS_SEED, society.as_ref(), &epoch.to_le_bytes()],
        &crate::ID,
    )
}

/// `["treaty", first, second]`, `first` the lower address of the two societies (see
/// [`crate::state::treaty_pair`]).
pub fn treaty(first: &Pubkey, second: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[TREATY_SEED, first.as_ref(), second.as_ref()], &crate::ID)
}

/// `["visitor", host society, wallet]`.
pub fn visitor(society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[VISITOR_SEED, society.as_ref(), wallet.as_ref()],
        &crate::ID,
    )
}

/// `["share", society, wallet]`.
pub fn share(society: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[SHARE_SEED, society.as_ref(), wallet.as_ref()], &crate::ID)
}

/// `["grant", proposal]`.
pub fn grant(proposal: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[GRANT_SEED, proposal.as_ref()], &crate::ID)
}

/// `["objection", proposal, wallet]`.
pub fn objection(proposal: &Pubkey, wallet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[OBJECTION_SEED, proposal.as_ref(), wallet.as_ref()],
        &crate::ID,
    )
}

/// `["outflow", society, mint]`.
pub fn outflow(society: &Pubkey, mint: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[OUTFLOW_SEED, society.as_ref(), mint.as_ref()], &crate::ID)
}

/// `["budget", node]`.
pub fn node_budget(node: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[BUDGET_SEED, node.as_ref()], &crate::ID)
}

/// `["vault", node]`.
pub fn node_vault(node: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[VAULT_SEED, node.as_ref()], &crate::ID)
}
