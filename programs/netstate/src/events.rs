//! One event per state change. Every event carries the society and its new sequence
//! number (`seq`), so an indexer can tell it missed nothing.

use anchor_lang::prelude::*;

use crate::state::{AdmissionPolicy, GovernanceParams};

/// Emits `event` as Anchor's `emit!` does: `sol_log_data` of its discriminator and Borsh
/// bytes, which validators log as `Program data: <base64>`.
///
/// Run natively (tests, the local node), `sol_log_data` is a no-op, so the same bytes go to
/// the runtime's log collector through its syscall stubs instead, as the line
/// `Program log: Program data: <base64>`; indexers and tests read both forms.
pub fn emit_event<E: anchor_lang::Event>(event: E) {
    let data = event.data();
    #[cfg(target_os = "solana")]
    anchor_lang::solana_program::log::sol_log_data(&[&data]);
    #[cfg(not(target_os = "solana"))]
    {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(&data);
        anchor_lang::compat::solana_sysvar::program_stubs::sol_log(&format!(
            "Program data: {encoded}"
        ));
    }
}

/// A society was created.
#[event]
pub struct SocietyCreated {
    /// The Society PDA.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// Its name.
    pub name: String,
    /// The founder, first citizen and steward.
    pub founder: Pubkey,
    /// Constitution URI.
    pub constitution_uri: String,
    /// Constitution SHA-256.
    pub constitution_hash: [u8; 32],
    /// Admission policy.
    pub admission: AdmissionPolicy,
    /// Governance parameters.
    pub governance: GovernanceParams,
    /// Unix time.
    pub created_at: i64,
}

/// The steward gave up its powers; the society governs itself from now on.
#[event]
pub struct StewardRenounced {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The former steward.
    pub former_steward: Pubkey,
}

/// A wallet applied for membership.
#[event]
pub struct MemberApplied {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Member PDA.
    pub member: Pubkey,
    /// The applicant's wallet.
    pub wallet: Pubkey,
    /// Chosen handle.
    pub handle: String,
    /// Unix time.
    pub joined_at: i64,
}

/// A citizen sponsored an applicant.
#[event]
pub struct MemberSponsored {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The applicant's Member PDA.
    pub member: Pubkey,
    /// The sponsoring citizen's wallet.
    pub sponsor: Pubkey,
    /// Sponsors counted so far.
    pub sponsor_count: u8,
    /// Sponsors required by the policy.
    pub sponsors_required: u8,
}

/// How a member was admitted.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdmittedBy {
    /// Founding the society.
    Founding,
    /// The open policy.
    OpenPolicy,
    /// Enough sponsors.
    Sponsors,
    /// The steward.
    Steward,
    /// An executed proposal.
    Proposal,
}

/// An applicant became a citizen.
#[event]
pub struct MemberAdmitted {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Member PDA.
    pub member: Pubkey,
    /// The citizen's wallet.
    pub wallet: Pubkey,
    /// Through what.
    pub admitted_by: AdmittedBy,
    /// Citizens after this admission.
    pub citizen_count: u32,
    /// Unix time.
    pub admitted_at: i64,
}

/// A member left and closed their account.
#[event]
pub struct MemberLeft {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The closed Member PDA.
    pub member: Pubkey,
    /// The wallet that received the rent.
    pub wallet: Pubkey,
    /// Whether they were a citizen.
    pub was_citizen: bool,
    /// Members after leaving.
    pub member_count: u32,
    /// Citizens after leaving.
    pub citizen_count: u32,
}

/// A node joined the archipelago.
#[event]
pub struct NodeRegistered {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Node PDA.
    pub node: Pubkey,
    /// Its code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Country code.
    pub country: [u8; 2],
    /// Latitude, micro-degrees.
    pub latitude_microdeg: i32,
    /// Longitude, micro-degrees.
    pub longitude_microdeg: i32,
    /// The operator key.
    pub operator: Pubkey,
}

/// A node stopped taking check-ins.
#[event]
pub struct NodeRetired {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Node PDA.
    pub node: Pubkey,
    /// Its code.
    pub code: String,
    /// Unix time.
    pub retired_at: i64,
}

/// A member's presence at a node was recorded.
#[event]
pub struct CheckedIn {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Node PDA.
    pub node: Pubkey,
    /// The Member PDA.
    pub member: Pubkey,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// UTC day (days since 1970-01-01).
    pub day: u32,
    /// Distinct days at this node, this one included.
    pub days_present: u32,
    /// Check-ins at this node by anyone.
    pub node_check_in_count: u64,
}
