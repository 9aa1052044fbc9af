//! One event per state change. Every event carries the society and its new sequence
//! number (`seq`), so an indexer can tell it missed nothing.

use anchor_lang::prelude::*;

use crate::state::{
    ActionKind, AdmissionPolicy, GovernanceParams, ProposalAction, Tally, VoteChoice,
};

/// Emits `event` as Anchor's `emit!` does: `sol_log_data` of its discriminator and Borsh
/// bytes, which validators log as `Program data: <base64>`.
///
/// Run natively (tests, the local node), the syscall is a no-op, so the same bytes go
/// through the runtime's syscall stubs, whose native entry (`netstate-localnet`'s
/// `native_builtin!`) writes the same `Program data: <base64>` line.
pub fn emit_event<E: anchor_lang::Event>(event: E) {
    let data = event.data();
    #[cfg(target_os = "solana")]
    anchor_lang::solana_program::log::sol_log_data(&[&data]);
    #[cfg(not(target_os = "solana"))]
    anchor_lang::compat::solana_sysvar::program_stubs::sol_log_data(&[&data]);
}

/// Writes `line` to the transaction's log as `Program log: <line>`, natively too (where
/// `msg!` would print to the host's standard output instead).
pub fn program_log(line: &str) {
    #[cfg(target_os = "solana")]
    msg!(line);
    #[cfg(not(target_os = "solana"))]
    crate::native::log(line);
}

/// A society was created.
#[event]
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
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
    /// Days of presence at the society's hubs (`claim_citizenship`).
    Presence,
    /// A treaty with the applicant's society (`apply_by_treaty`).
    Treaty,
}

/// An applicant became a citizen.
#[event]
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
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
#[derive(Debug)]
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

/// A door's offline ticket was redeemed: its day counted (a day already counted emits
/// nothing).
#[event]
#[derive(Debug)]
pub struct TicketRedeemed {
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
    /// The ticket's UTC day.
    pub day: u32,
    /// Distinct days at this node, this one included.
    pub days_present: u32,
    /// Who sent it.
    pub redeemed_by: Pubkey,
}

/// A hub's operator key changed.
#[event]
#[derive(Debug)]
pub struct NodeOperatorChanged {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Node PDA.
    pub node: Pubkey,
    /// Its code.
    pub code: String,
    /// The new operator.
    pub operator: Pubkey,
    /// The operator before; its tickets for earlier days still count unless revoked.
    pub previous_operator: Pubkey,
    /// True when the previous operator's tickets stopped counting at once.
    pub previous_revoked: bool,
    /// UTC day from which the new operator signs.
    pub since_day: u32,
}

/// A member was expelled by an executed proposal.
#[event]
#[derive(Debug)]
pub struct MemberExpelled {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Member PDA (kept as the record that bars re-applying).
    pub member: Pubkey,
    /// The wallet.
    pub wallet: Pubkey,
    /// The proposal that decided it.
    pub proposal: Pubkey,
    /// Members after.
    pub member_count: u32,
    /// Citizens after.
    pub citizen_count: u32,
}

/// SOL was deposited into the treasury.
#[event]
#[derive(Debug)]
pub struct SolDeposited {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// Who paid.
    pub depositor: Pubkey,
    /// Lamports.
    pub amount: u64,
    /// Treasury lamports after.
    pub treasury_balance: u64,
}

/// Tokens were deposited into the treasury.
#[event]
#[derive(Debug)]
pub struct TokenDeposited {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// Who paid.
    pub depositor: Pubkey,
    /// The mint.
    pub mint: Pubkey,
    /// Base units.
    pub amount: u64,
    /// Treasury token balance after.
    pub treasury_balance: u64,
}

/// The society's contribution token was created.
#[event]
#[derive(Debug)]
pub struct ContributionMintCreated {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The mint.
    pub mint: Pubkey,
    /// Its decimals.
    pub decimals: u8,
    /// Its token program.
    pub token_program: Pubkey,
    /// Whether it carries the non-transferable extension (an earned share).
    pub non_transferable: bool,
}

/// A proposal was created.
#[event]
#[derive(Debug)]
pub struct ProposalCreated {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Proposal PDA.
    pub proposal: Pubkey,
    /// Its index.
    pub index: u64,
    /// The proposer's wallet.
    pub proposer: Pubkey,
    /// Title.
    pub title: String,
    /// The action.
    pub action: ProposalAction,
    /// Citizens eligible to vote.
    pub eligible_count: u32,
    /// Votes accepted until.
    pub voting_ends_at: i64,
}

/// A vote was cast or changed.
#[event]
#[derive(Debug)]
pub struct VoteCast {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The voter's wallet.
    pub voter: Pubkey,
    /// The earlier choice when this is a change.
    pub previous: Option<VoteChoice>,
    /// The choice.
    pub choice: VoteChoice,
    /// Tallies after.
    pub tally: Tally,
}

/// The proposer cancelled a proposal.
#[event]
#[derive(Debug)]
pub struct ProposalCancelled {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
}

/// The member an expulsion names attached (or replaced) their answer.
#[event]
#[derive(Debug)]
pub struct ResponseFiled {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The expulsion.
    pub proposal: Pubkey,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Where the answer lives.
    pub uri: String,
    /// SHA-256 of its text.
    pub hash: [u8; 32],
}

/// A citizen objected to a passed proposal during its timelock.
#[event]
#[derive(Debug)]
pub struct ProposalObjected {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The objector's wallet.
    pub objector: Pubkey,
    /// Objections so far.
    pub objections: u32,
    /// Its electorate.
    pub eligible_count: u32,
    /// Whether this objection vetoed it.
    pub vetoed: bool,
}

/// An objection record was closed and its rent returned.
#[event]
#[derive(Debug)]
pub struct ObjectionClosed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The objector, who got the rent back.
    pub objector: Pubkey,
}

/// Voting closed: passed or defeated.
#[event]
#[derive(Debug)]
pub struct ProposalFinalized {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// Whether it passed and what it pays was set aside: it will execute.
    pub passed: bool,
    /// It passed the vote, but what it would pay could not be set aside: `Unfunded`.
    pub unfunded: bool,
    /// Final tallies.
    pub tally: Tally,
    /// Eligible citizens.
    pub eligible_count: u32,
    /// Executable from (0 if defeated).
    pub executable_at: i64,
    /// Executable until (0 if defeated).
    pub execution_deadline: i64,
}

/// A passed proposal was executed.
#[event]
#[derive(Debug)]
pub struct ProposalExecuted {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// What it did.
    pub action: ActionKind,
    /// Who sent the transaction.
    pub executor: Pubkey,
}

/// The treasury paid SOL by proposal.
#[event]
#[derive(Debug)]
pub struct TreasurySolPaid {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The wallet paid.
    pub recipient: Pubkey,
    /// Lamports.
    pub amount: u64,
    /// Treasury lamports after.
    pub treasury_balance: u64,
}

/// The treasury paid tokens by proposal.
#[event]
#[derive(Debug)]
pub struct TreasuryTokenPaid {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The mint.
    pub mint: Pubkey,
    /// The wallet paid.
    pub recipient: Pubkey,
    /// Base units.
    pub amount: u64,
    /// Treasury token balance after.
    pub treasury_balance: u64,
}

/// Contribution tokens were minted by proposal.
#[event]
#[derive(Debug)]
pub struct ContributionMinted {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The wallet credited.
    pub recipient: Pubkey,
    /// Base units.
    pub amount: u64,
    /// Supply after.
    pub supply: u64,
}

/// A `MintContribution` with a vesting period opened a Grant: its tokens are minted as
/// they vest (`release_grant`, which emits `ContributionMinted`).
#[event]
#[derive(Debug)]
pub struct GrantOpened {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The Grant account.
    pub grant: Pubkey,
    /// The wallet it vests to.
    pub recipient: Pubkey,
    /// Base units granted.
    pub amount: u64,
    /// Seconds over which it vests.
    pub vesting_secs: u32,
}

/// The exit basket's mints changed by proposal.
#[event]
#[derive(Debug)]
pub struct ExitBasketChanged {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The mints before, by slot.
    pub old: [Pubkey; 4],
    /// The mints now, by slot.
    pub new: [Pubkey; 4],
}

/// A holder burnt contribution tokens and received their share of the exit basket.
#[event]
#[derive(Debug)]
pub struct ExitedWithShare {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The holder's wallet.
    pub wallet: Pubkey,
    /// Contribution tokens burnt, base units.
    pub amount: u64,
    /// The token's supply before the burn.
    pub supply_before: u64,
    /// Lamports paid.
    pub lamports: u64,
    /// Base units paid of each basket slot's mint.
    pub tokens: [u64; 4],
    /// The basket's mints, by slot (`Pubkey::default()` for an empty slot).
    pub mints: [Pubkey; 4],
    /// Basket slots the holder chose to forgo (bit `i` for slot `i`): their share stays in
    /// the treasury. A slot whose treasury account is frozen can only exit this way.
    pub skipped: u8,
}

/// The society's dues were set (by the steward, or by a proposal).
#[event]
#[derive(Debug)]
pub struct DuesSet {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal that decided it (None: the steward).
    pub proposal: Option<Pubkey>,
    /// The dues now in force.
    pub dues: crate::state::Dues,
}

/// Dues were paid for a member.
#[event]
#[derive(Debug)]
pub struct DuesPaid {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Who paid.
    pub payer: Pubkey,
    /// Periods paid.
    pub periods: u32,
    /// Base units paid into the treasury.
    pub amount: u64,
    /// The dues token, or `None` for SOL.
    pub mint: Option<Pubkey>,
    /// Paid until, after.
    pub paid_until: i64,
    /// Whether it made a lapsed member a citizen again.
    pub restored: bool,
}

/// A citizen whose dues lapsed beyond the grace period was marked lapsed.
#[event]
#[derive(Debug)]
pub struct MemberLapsed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// What they had paid until.
    pub paid_until: i64,
    /// Citizens after.
    pub citizen_count: u32,
}

/// Governance parameters changed by proposal.
#[event]
#[derive(Debug)]
pub struct GovernanceUpdated {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// Before.
    pub old: GovernanceParams,
    /// After.
    pub new: GovernanceParams,
}

/// The constitution was amended by proposal.
#[event]
#[derive(Debug)]
pub struct ConstitutionAmended {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// Old URI.
    pub old_uri: String,
    /// New URI.
    pub new_uri: String,
    /// New SHA-256.
    pub new_hash: [u8; 32],
}

/// The steward changed by proposal.
#[event]
#[derive(Debug)]
pub struct StewardChanged {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// Before.
    pub old: Option<Pubkey>,
    /// After.
    pub new: Option<Pubkey>,
}

/// A vote record was closed and its rent returned to the voter.
#[event]
#[derive(Debug)]
pub struct VoteRecordClosed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The voter (rent receiver).
    pub voter: Pubkey,
}

/// A final proposal was closed and its rent returned to the proposer.
#[event]
#[derive(Debug)]
pub struct ProposalClosed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal.
    pub proposal: Pubkey,
    /// The proposer (rent receiver).
    pub proposer: Pubkey,
}

/// A spent sponsorship record was closed and its rent returned to the sponsor.
#[event]
#[derive(Debug)]
pub struct SponsorshipClosed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The closed Sponsorship PDA.
    pub sponsorship: Pubkey,
    /// The sponsor (rent receiver).
    pub sponsor: Pubkey,
}

/// A census epoch was frozen into its Census account.
#[event]
#[derive(Debug)]
pub struct CensusClosed {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The Census PDA.
    pub census: Pubkey,
    /// The epoch closed (`day / 30`).
    pub epoch: u32,
    /// False when the epoch's presence tallies were no longer held.
    pub figures_kept: bool,
    /// Slot of the close.
    pub slot: u64,
    /// Applicants and citizens.
    pub member_count: u32,
    /// Citizens.
    pub citizen_count: u32,
    /// Distinct members present in person during the epoch.
    pub present: u32,
    /// Person-days present during the epoch.
    pub person_days: u32,
    /// Distinct visitors from partner societies.
    pub visitors: u32,
    /// Their days present.
    pub visitor_days: u32,
    /// Active hubs.
    pub active_node_count: u32,
    /// Countries with an active hub.
    pub country_count: u32,
    /// The treasury's lamports.
    pub treasury_lamports: u64,
    /// Hash of the census before.
    pub previous_hash: [u8; 32],
    /// This census's hash.
    pub hash: [u8; 32],
}

/// What happened to a treaty.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreatyChange {
    /// Terms offered.
    Proposed,
    /// The offer ratified by the partner: in force.
    Ratified,
    /// Withdrawn: an offer at once, a ratified treaty at `ends_at`.
    Withdrawn,
}

/// A society's executed proposal changed a treaty.
#[event]
#[derive(Debug)]
pub struct TreatyChanged {
    /// The society acting.
    pub society: Pubkey,
    /// Its new sequence number.
    pub seq: u64,
    /// The Treaty PDA.
    pub treaty: Pubkey,
    /// The other society.
    pub partner: Pubkey,
    /// What changed.
    pub change: TreatyChange,
    /// The terms.
    pub terms: crate::state::TreatyTerms,
    /// When a withdrawn treaty ends (0 otherwise).
    pub ends_at: i64,
}

/// A citizen of a partner society visited a hub under a treaty.
#[event]
#[derive(Debug)]
pub struct Visited {
    /// The host society.
    pub society: Pubkey,
    /// Its new sequence number.
    pub seq: u64,
    /// The hub.
    pub node: Pubkey,
    /// The visitor's wallet.
    pub wallet: Pubkey,
    /// The visitor's society.
    pub home_society: Pubkey,
    /// The UTC day.
    pub day: u32,
    /// The visitor's distinct days at this host.
    pub days_present: u32,
}

/// A hub's budget was granted, changed or ended by a proposal.
#[event]
#[derive(Debug)]
pub struct NodeBudgetSet {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The proposal that decided it.
    pub proposal: Pubkey,
    /// The hub.
    pub node: Pubkey,
    /// The terms now in force (the last ones when ended).
    pub terms: crate::state::BudgetTerms,
    /// False when the proposal ended the budget.
    pub active: bool,
}

/// A hub's vault was levelled to its allowance for a new period, or, the budget ended or
/// the hub retired, emptied into the treasury.
#[event]
#[derive(Debug)]
pub struct NodeBudgetSettled {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The hub.
    pub node: Pubkey,
    /// The budget's token, or `None` for SOL.
    pub mint: Option<Pubkey>,
    /// Base units the treasury paid into the vault.
    pub funded: u64,
    /// Base units the vault returned to the treasury.
    pub returned: u64,
    /// Lamports of rent the treasury received from the accounts closed (the budget's, and
    /// a token vault's account).
    pub rent_returned: u64,
    /// What the vault may spend after (0 when closed).
    pub vault_balance: u64,
    /// The period settled (under the terms in force).
    pub period: u64,
    /// Whether the budget was closed (ended, or the hub retired).
    pub closed: bool,
}

/// A hub spent from its budget.
#[event]
#[derive(Debug)]
pub struct NodeBudgetSpent {
    /// The society.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The hub.
    pub node: Pubkey,
    /// The budget's token, or `None` for SOL.
    pub mint: Option<Pubkey>,
    /// The operator or keeper who spent.
    pub spender: Pubkey,
    /// The wallet paid (for a token, the owner of the receiving token account).
    pub recipient: Pubkey,
    /// Base units.
    pub amount: u64,
    /// What it paid for, in words.
    pub memo: String,
    /// SHA-256 of the receipt (a file, or the memo itself).
    pub memo_hash: [u8; 32],
    /// Spent this period, after.
    pub spent_this_period: u64,
    /// What the vault may still spend.
    pub vault_balance: u64,
}

/// An account was rewritten from an earlier layout into the current one.
#[event]
#[derive(Debug)]
pub struct AccountUpgraded {
    /// The Society PDA.
    pub society: Pubkey,
    /// New sequence number.
    pub seq: u64,
    /// The account.
    pub account: Pubkey,
    /// The layout it was in.
    pub from_version: u8,
    /// The layout it is in now.
    pub to_version: u8,
    /// Its size now, bytes.
    pub size: u32,
    /// Lamports the payer added for the rent of the growth.
    pub rent_paid: u64,
}
