//! Seeds, limits and defaults: every number the program checks against lives here, so the
//! program, the client crate and the docs read them from one place.

use anchor_lang::prelude::*;

/// Seed of the Society PDA: `["society", name]`.
#[constant]
pub const SOCIETY_SEED: &[u8] = b"society";
/// Seed of a Member PDA: `["member", society, wallet]`.
#[constant]
pub const MEMBER_SEED: &[u8] = b"member";
/// Seed of a Sponsorship PDA: `["sponsorship", member, sponsor_wallet]`.
#[constant]
pub const SPONSORSHIP_SEED: &[u8] = b"sponsorship";
/// Seed of a Node PDA: `["node", society, code]`.
#[constant]
pub const NODE_SEED: &[u8] = b"node";
/// Seed of a Residency PDA: `["residency", node, wallet]`.
#[constant]
pub const RESIDENCY_SEED: &[u8] = b"residency";
/// Seed of the treasury PDA: `["treasury", society]` (its bump is stored on the Society).
#[constant]
pub const TREASURY_SEED: &[u8] = b"treasury";

/// Seed of a Proposal PDA: `["proposal", society, index as u64 little-endian]`.
#[constant]
pub const PROPOSAL_SEED: &[u8] = b"proposal";
/// Seed of a VoteRecord PDA: `["vote", proposal, voter_wallet]`.
#[constant]
pub const VOTE_SEED: &[u8] = b"vote";

/// Seed of a Country PDA: `["country", society, ISO 3166-1 alpha-2 code]`.
#[constant]
pub const COUNTRY_SEED: &[u8] = b"country";
/// Seed of a Census PDA: `["census", society, epoch as u32 little-endian]`.
#[constant]
pub const CENSUS_SEED: &[u8] = b"census";

/// Seed of a Treaty PDA: `["treaty", lower society address, higher society address]`.
#[constant]
pub const TREATY_SEED: &[u8] = b"treaty";
/// Seed of a Visitor PDA: `["visitor", host society, wallet]`.
#[constant]
pub const VISITOR_SEED: &[u8] = b"visitor";
/// Seed of a Share PDA: `["share", society, wallet]`: one holder's earned share.
#[constant]
pub const SHARE_SEED: &[u8] = b"share";
/// Seed of a Grant PDA: `["grant", proposal]`: a vesting contribution grant.
#[constant]
pub const GRANT_SEED: &[u8] = b"grant";
/// Seed of an Objection PDA: `["objection", proposal, wallet]`.
#[constant]
pub const OBJECTION_SEED: &[u8] = b"objection";
/// Seed of an Outflow PDA: `["outflow", society, mint]`: what left the treasury of a mint
/// (of SOL under [`SOL_OUTFLOW_MINT`]).
#[constant]
pub const OUTFLOW_SEED: &[u8] = b"outflow";
/// The mint address SOL's Outflow is kept under: the native mint's (wrapped SOL), which no
/// exit basket or treasury payment can name as a token of its own.
pub const SOL_OUTFLOW_MINT: Pubkey =
    Pubkey::from_str_const("So11111111111111111111111111111111111111112");
/// Seed of the ExitBasket PDA: `["exit_basket", society]`: what an exit pays from, and what
/// passed payments set aside from it.
#[constant]
pub const EXIT_BASKET_SEED: &[u8] = b"exit_basket";
/// Seed of a NodeBudget PDA: `["budget", node]`: a hub's allowance from the treasury.
#[constant]
pub const BUDGET_SEED: &[u8] = b"budget";
/// Seed of a hub's vault PDA: `["vault", node]`: the system account holding its budget in
/// SOL, and the owner of its token accounts.
#[constant]
pub const VAULT_SEED: &[u8] = b"vault";
/// Token mints an exit basket may list besides SOL.
pub const EXIT_BASKET_MINTS: usize = 4;
/// Longest vesting period of a contribution grant: 4 years.
#[constant]
pub const MAX_VESTING_SECS: u32 = 4 * 365 * 86_400;
/// Longest notice period of a treaty withdrawal (365 days).
#[constant]
pub const MAX_TREATY_NOTICE_SECS: u32 = 365 * 86_400;

/// Days in a census epoch: epoch `e` is the UTC days `30e ..= 30e + 29`.
#[constant]
pub const CENSUS_EPOCH_DAYS: u32 = 30;

/// Longest proposal title in bytes.
pub const MAX_TITLE_LEN: usize = 64;
/// Longest proposal description URI in bytes.
pub const MAX_DESCRIPTION_URI_LEN: usize = 128;
/// Most decimals a contribution token may have.
#[constant]
pub const MAX_CONTRIBUTION_DECIMALS: u8 = 9;

/// Layout version written into every account this program creates.
pub const ACCOUNT_VERSION: u8 = 1;

/// Longest society name in bytes (it is a PDA seed, and seeds are at most 32 bytes).
pub const MAX_SOCIETY_NAME_LEN: usize = 32;
/// Longest constitution URI in bytes.
pub const MAX_CONSTITUTION_URI_LEN: usize = 128;
/// Longest member handle in bytes.
pub const MAX_HANDLE_LEN: usize = 32;
/// Longest member profile URI in bytes (`ipfs://` + a CIDv0, an `ar://` id, a short URL);
/// kept small so a Member stays under 224 bytes of rent.
pub const MAX_PROFILE_URI_LEN: usize = 64;
/// Longest node code in bytes (a PDA seed such as `lisbon`).
pub const MAX_NODE_CODE_LEN: usize = 16;
/// Longest node display name in bytes.
pub const MAX_NODE_NAME_LEN: usize = 48;

/// Most sponsors a `Sponsored` admission policy may require.
#[constant]
pub const MAX_SPONSORS_REQUIRED: u8 = 16;

/// Latitude bound in micro-degrees (±90°).
pub const MAX_LATITUDE_MICRODEG: i32 = 90_000_000;
/// Longitude bound in micro-degrees (±180°).
pub const MAX_LONGITUDE_MICRODEG: i32 = 180_000_000;

/// Days a recent-days presence bitmap covers (Residency and Member): 128 bits, 16 bytes.
#[constant]
pub const RECENT_DAYS: u32 = 128;

/// Oldest ticket accepted, in days before the cluster's current UTC day.
#[constant]
pub const TICKET_MAX_AGE_DAYS: u32 = 30;

/// Seconds in a UTC day: check-ins are counted per `unix_timestamp / 86_400`.
pub const SECONDS_PER_DAY: i64 = 86_400;
/// Seconds in an hour.
pub const SECONDS_PER_HOUR: u32 = 3_600;
/// Basis points in 100%.
pub const BPS_DENOMINATOR: u16 = 10_000;

/// Quorum (share of eligible citizens who must vote) bounds, in basis points.
pub const MIN_QUORUM_BPS: u16 = 1;
/// Lowest approval threshold: strictly more than half of yes+no.
pub const MIN_APPROVAL_BPS: u16 = 5_001;
/// Shortest voting period: one hour, so a proposal can never be decided inside one slot.
pub const MIN_VOTING_PERIOD_SECS: u32 = SECONDS_PER_HOUR;
/// Longest voting period: 90 days.
pub const MAX_VOTING_PERIOD_SECS: u32 = 90 * 24 * SECONDS_PER_HOUR;
/// Longest timelock between a proposal passing and becoming executable: 30 days.
pub const MAX_EXECUTION_DELAY_SECS: u32 = 30 * 24 * SECONDS_PER_HOUR;
/// Shortest window in which a passed proposal may be executed: one day.
pub const MIN_EXECUTION_WINDOW_SECS: u32 = 24 * SECONDS_PER_HOUR;
/// Longest execution window: 90 days.
pub const MAX_EXECUTION_WINDOW_SECS: u32 = 90 * 24 * SECONDS_PER_HOUR;
/// Most proposals one citizen may have open at once, at the highest setting.
pub const MAX_OPEN_PROPOSALS_LIMIT: u8 = 16;

/// Default quorum: 20% of eligible citizens vote.
pub const DEFAULT_QUORUM_BPS: u16 = 2_000;
/// Default approval: 60% of yes+no.
pub const DEFAULT_APPROVAL_BPS: u16 = 6_000;
/// Default voting period: 3 days.
pub const DEFAULT_VOTING_PERIOD_SECS: u32 = 3 * 24 * SECONDS_PER_HOUR;
/// Default timelock: 1 day.
pub const DEFAULT_EXECUTION_DELAY_SECS: u32 = 24 * SECONDS_PER_HOUR;
/// Default execution window: 7 days.
pub const DEFAULT_EXECUTION_WINDOW_SECS: u32 = 7 * 24 * SECONDS_PER_HOUR;
/// Default cap on open proposals per citizen.
pub const DEFAULT_MAX_OPEN_PROPOSALS: u8 = 3;
/// Default supermajority for constitutional actions: two thirds of yes+no (exactly two
/// of three passes).
pub const DEFAULT_SUPERMAJORITY_BPS: u16 = 6_666;
/// Default quorum for constitutional actions: a third of eligible citizens vote.
pub const DEFAULT_SUPERMAJORITY_QUORUM_BPS: u16 = 3_334;
/// Default outflow cap: at most 20% of each treasury asset leaves by proposal per window.
pub const DEFAULT_OUTFLOW_CAP_BPS: u16 = 2_000;
/// Default outflow window: 7 days.
pub const DEFAULT_OUTFLOW_WINDOW_SECS: u32 = 7 * 24 * SECONDS_PER_HOUR;
/// Shortest outflow window: one hour.
pub const MIN_OUTFLOW_WINDOW_SECS: u32 = SECONDS_PER_HOUR;
/// Longest outflow window: 90 days.
pub const MAX_OUTFLOW_WINDOW_SECS: u32 = 90 * 24 * SECONDS_PER_HOUR;
/// Default large transfer: a payment above 10% of the asset's balance needs the
/// supermajority.
pub const DEFAULT_LARGE_TRANSFER_BPS: u16 = 1_000;
/// Default veto: objections by 30% of a passed proposal's electorate during its timelock
/// veto it.
pub const DEFAULT_VETO_BPS: u16 = 3_000;
/// Shortest dues period: one day.
pub const MIN_DUES_PERIOD_SECS: u32 = 24 * SECONDS_PER_HOUR;
/// Longest dues period: 400 days (a year and some).
pub const MAX_DUES_PERIOD_SECS: u32 = 400 * 24 * SECONDS_PER_HOUR;
/// Shortest grace period after dues fall due: 7 days. Dues can take a citizen's vote; the
/// floor gives every citizen a week to pay new or changed dues before they can lapse.
pub const MIN_DUES_GRACE_SECS: u32 = 7 * 24 * SECONDS_PER_HOUR;
/// Longest grace period after dues fall due: 365 days.
pub const MAX_DUES_GRACE_SECS: u32 = 365 * 24 * SECONDS_PER_HOUR;
/// Most periods one `pay_dues` pays for.
pub const MAX_DUES_PERIODS: u32 = 120;
/// Longest memo of a hub budget's spend, bytes: what it paid for, in words.
#[constant]
pub const MAX_BUDGET_MEMO_LEN: u32 = 64;
/// Shortest period of a hub budget: one day.
#[constant]
pub const MIN_BUDGET_PERIOD_SECS: u32 = 24 * SECONDS_PER_HOUR;
/// Longest period of a hub budget: 366 days.
#[constant]
pub const MAX_BUDGET_PERIOD_SECS: u32 = 366 * 24 * SECONDS_PER_HOUR;
/// The shortest vote on an expulsion, whatever the governance parameters say: 3 days, so
/// the member named can answer (`respond_to_proposal`) and be heard.
pub const MIN_EXPULSION_VOTING_SECS: u32 = 3 * 24 * SECONDS_PER_HOUR;
/// Longest response URI a member named by a proposal may attach.
pub const MAX_RESPONSE_URI_LEN: usize = 128;

/// Longest seed the runtime accepts.
pub const MAX_SEED_LEN: usize = 32;

/// The bytes of `text` used as a PDA seed, cut at 32 bytes so that deriving an address
/// from an over-long argument cannot abort the program; the handler then rejects the
/// argument with its named error (`SocietyNameTooLong`, `NodeCodeTooLong`).
pub fn seed_bytes(text: &str) -> &[u8] {
    let bytes = text.as_bytes();
    &bytes[..bytes.len().min(MAX_SEED_LEN)]
}
