//! # netstate
//!
//! One program hosts many network states: online societies that admit members, keep an
//! archipelago of physical hubs, and govern themselves on-chain.
//!
//! ## Who may do what
//! - **Anyone** may `create_society` (becoming its founder, first citizen and steward) and
//!   `apply` to a society.
//! - **Citizens** may `sponsor` applicants of a society with the `Sponsored` policy; an
//!   applicant becomes a citizen once enough distinct citizens have sponsored them.
//! - **The steward** runs the startup stage: `admit_member`, `register_node`, `retire_node`.
//!   `renounce_steward` ends that stage for good; afterwards the same powers belong to
//!   executed proposals only. There is no other admin key, and no upgrade of state by fiat.
//! - **Members** (applicants and citizens) may `leave`, taking their rent back, and
//!   `check_in` at an active hub, co-signed by that hub's **operator** key, once per UTC day.
//!   **Anyone** may `redeem_ticket`: a door's offline ticket, signed by the hub's operator of
//!   that day, counts the member's day there once. In a society that admits by presence, an
//!   applicant present on enough days may `claim_citizenship`.
//! - **The steward** (later, proposals) may `set_node_operator` to hand a door to a new key.
//! - **Societies** make treaties with each other only by executed proposals of each side
//!   (`execute_treaty_action`: offer, ratify with identical terms, withdraw after notice).
//!   Under a treaty in force, a **citizen of the partner** may `visit` a hub (co-signed by
//!   its operator; counted apart from members) and `apply_by_treaty` (admitted at once, or
//!   counted as sponsors, as the terms say).
//! - **Anyone** may `close_census_epoch` once a 30-day census epoch is over: the society's
//!   figures, kept by the instructions that change them, are frozen into a Census account
//!   chained by hash to the one before.
//! - **Anyone** may `deposit_sol` and `deposit_token` into a society's treasury. Nothing but
//!   an executed proposal takes anything out.
//!
//! ## How a proposal flows
//! 1. A citizen calls `create_proposal` with one action; its arguments are validated and the
//!    citizens of that moment become its electorate.
//! 2. Those citizens `cast_vote` (and may change it) until `voting_ends_at`.
//! 3. Anyone calls `finalize_proposal` after the end, or earlier once the citizens who have
//!    not voted can no longer change the outcome: passed (quorum and approval met) or defeated.
//! 4. After the timelock anyone calls the `execute_*` instruction for its action, once,
//!    before the execution window closes (after which the proposal is expired).
//! 5. Once final, anyone may `close_vote` each vote record and then `close_proposal`; the
//!    rent goes back to the voter and the proposer who paid it.
//!
//! Seeds and limits are in [`constants`], accounts in [`state`], errors in [`error`](mod@error),
//! events in [`events`]; each instruction lives in its own file under [`instructions`].

use anchor_lang::prelude::*;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod mint_rules;
#[cfg(not(target_os = "solana"))]
pub mod native;
pub mod pda;
#[cfg(feature = "serde")]
pub mod serde_words;
pub mod shared;
pub mod state;
pub mod ticket;

pub use instructions::*;
pub use state::{AdmissionPolicy, Dues, GovernanceParams, NodeSpec, ProposalAction, VoteChoice};

#[cfg(not(feature = "relocated"))]
declare_id!("6T4i2jdnNx7NezkTzQxpfMSA2vkMDEpUD2g23upnWF2F");
#[cfg(feature = "relocated")]
include!("relocated_id.rs");

#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "netstate",
    project_url: "https://github.com/netstate/netstate",
    contacts: "link:https://github.com/netstate/netstate/security/advisories/new",
    policy: "https://github.com/netstate/netstate/blob/main/SECURITY.md"
}

/// The netstate program.
#[program]
pub mod netstate {
    use super::*;

    // ---- Societies and their steward (`instructions/society/`) ----

    /// Founds a society; the founder becomes its first citizen and its steward.
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn create_society(ctx: Context<CreateSociety>, args: CreateSocietyArgs) -> Result<()> {
        CreateSociety::create_society(ctx, args)
    }

    /// The steward ends the startup stage for good.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn renounce_steward(ctx: Context<RenounceSteward>) -> Result<()> {
        RenounceSteward::renounce_steward(ctx)
    }

    /// The steward sets the society's dues during the startup stage.
    #[access_control(ctx.accounts.validate(&dues, ctx.remaining_accounts))]
    pub fn set_dues(ctx: Context<SetDues>, dues: Dues) -> Result<()> {
        SetDues::set_dues(ctx, dues)
    }

    // ---- Membership, sponsorship and dues (`instructions/member/`) ----

    /// A wallet applies to join a society (a citizen at once under the open policy).
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn apply(ctx: Context<Apply>, args: ApplyArgs) -> Result<()> {
        Apply::apply(ctx, args)
    }

    /// A citizen sponsors an applicant of a sponsored society.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn sponsor(ctx: Context<Sponsor>) -> Result<()> {
        Sponsor::sponsor(ctx)
    }

    /// The steward admits an applicant.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn admit_member(ctx: Context<AdmitMember>) -> Result<()> {
        AdmitMember::admit_member(ctx)
    }

    /// A member leaves and takes the account's rent back.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn leave(ctx: Context<Leave>) -> Result<()> {
        Leave::leave(ctx)
    }

    /// An applicant of a society that admits by presence becomes a citizen, once present at
    /// its hubs on enough distinct days of the last 128.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn claim_citizenship(ctx: Context<ClaimCitizenship>) -> Result<()> {
        ClaimCitizenship::claim_citizenship(ctx)
    }

    /// Anyone closes a spent sponsorship record; the rent goes back to the sponsor.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn close_sponsorship(ctx: Context<CloseSponsorship>) -> Result<()> {
        CloseSponsorship::close_sponsorship(ctx)
    }

    /// Anyone pays `periods` periods of a member's dues into the treasury.
    #[access_control(ctx.accounts.validate(periods, ctx.remaining_accounts))]
    pub fn pay_dues(ctx: Context<PayDues>, periods: u32) -> Result<()> {
        PayDues::pay_dues(ctx, periods)
    }

    /// `pay_dues` for dues in a token.
    #[access_control(ctx.accounts.validate(periods, ctx.remaining_accounts))]
    pub fn pay_dues_token(ctx: Context<PayDuesToken>, periods: u32) -> Result<()> {
        PayDuesToken::pay_dues_token(ctx, periods)
    }

    /// Anyone marks a citizen whose dues lapsed beyond the grace period as lapsed.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn mark_lapsed(ctx: Context<MarkLapsed>) -> Result<()> {
        MarkLapsed::mark_lapsed(ctx)
    }

    /// A citizen of a partner society applies, admitted as the treaty's fast track says.
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn apply_by_treaty(ctx: Context<ApplyByTreaty>, args: ApplyArgs) -> Result<()> {
        ApplyByTreaty::apply_by_treaty(ctx, args)
    }

    // ---- Hubs and their doors (`instructions/node/`) ----

    /// The steward registers a physical hub.
    #[access_control(ctx.accounts.validate(&spec, ctx.remaining_accounts))]
    pub fn register_node(ctx: Context<RegisterNode>, spec: NodeSpec) -> Result<()> {
        RegisterNode::register_node(ctx, spec)
    }

    /// The steward retires a hub: no new check-ins, history kept.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn retire_node(ctx: Context<RetireNode>) -> Result<()> {
        RetireNode::retire_node(ctx)
    }

    /// The steward hands a hub's door to a new operator key.
    #[access_control(ctx.accounts.validate(&operator, ctx.remaining_accounts))]
    pub fn set_node_operator(
        ctx: Context<SetNodeOperator>,
        operator: Pubkey,
        revoke_previous: bool,
    ) -> Result<()> {
        SetNodeOperator::set_node_operator(ctx, operator, revoke_previous)
    }

    // ---- Presence: check-ins, tickets, visits, proofs (`instructions/presence/`) ----

    /// Anyone redeems a door's offline ticket (Ed25519-signed by the hub's operator, checked
    /// in the instruction before); each hub, member and day counts once.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn redeem_ticket(ctx: Context<RedeemTicket>) -> Result<()> {
        RedeemTicket::redeem_ticket(ctx)
    }

    /// A member checks in at a hub, co-signed by its operator; once per UTC day.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn check_in(ctx: Context<CheckIn>) -> Result<()> {
        CheckIn::check_in(ctx)
    }

    /// Succeeds only if the wallet was present at the node on at least `min_days` UTC days,
    /// in all (`window_days` 0) or among the last `window_days` (1..=128); returns that count.
    /// Read-only: for CPI and simulation.
    #[access_control(ctx.accounts.validate(min_days, window_days, ctx.remaining_accounts))]
    pub fn prove_residency(
        ctx: Context<ProveResidency>,
        min_days: u32,
        window_days: u32,
    ) -> Result<u32> {
        let _ = min_days;
        ProveResidency::prove_residency(ctx, window_days)
    }

    /// A citizen of a partner society checks in at one of this society's hubs as a visitor,
    /// under a treaty in force that provides for visits; co-signed by the hub's operator.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn visit(ctx: Context<Visit>) -> Result<()> {
        Visit::visit(ctx)
    }

    // ---- The census (`instructions/census/`) ----

    /// Anyone freezes a census epoch that is over into its Census account, chained by hash
    /// to the one before; epochs close in order, once each.
    #[access_control(ctx.accounts.validate(epoch, ctx.remaining_accounts))]
    pub fn close_census_epoch(ctx: Context<CloseCensusEpoch>, epoch: u32) -> Result<()> {
        CloseCensusEpoch::close_census_epoch(ctx, epoch)
    }

    // ---- The treasury and the earned share (`instructions/treasury/`) ----

    /// Anyone deposits lamports into a society's treasury.
    #[access_control(ctx.accounts.validate(amount, ctx.remaining_accounts))]
    pub fn deposit_sol(ctx: Context<DepositSol>, amount: u64) -> Result<()> {
        DepositSol::deposit_sol(ctx, amount)
    }

    /// Anyone deposits SPL or Token-2022 tokens into a society's treasury.
    #[access_control(ctx.accounts.validate(amount, ctx.remaining_accounts))]
    pub fn deposit_token(ctx: Context<DepositToken>, amount: u64) -> Result<()> {
        DepositToken::deposit_token(ctx, amount)
    }

    /// The steward creates the society's contribution token (minted only by proposals;
    /// non-transferable, an earned share, unless `non_transferable` is false).
    #[access_control(ctx.accounts.validate(decimals, non_transferable, ctx.remaining_accounts))]
    pub fn create_contribution_mint(
        ctx: Context<CreateContributionMint>,
        decimals: u8,
        non_transferable: bool,
    ) -> Result<()> {
        CreateContributionMint::create_contribution_mint(ctx, decimals, non_transferable)
    }

    /// Anyone mints what has vested of a contribution grant to its recipient.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn release_grant(ctx: Context<ReleaseGrant>) -> Result<()> {
        ReleaseGrant::release_grant(ctx)
    }

    /// A holder burns vested contribution tokens for their share of the exit basket.
    #[access_control(ctx.accounts.validate(amount))]
    pub fn exit_with_share<'info>(
        ctx: Context<'info, ExitWithShare<'info>>,
        amount: u64,
        skip: u8,
    ) -> Result<()> {
        ExitWithShare::exit_with_share(ctx, amount, skip)
    }

    // ---- Proposals, votes and objections (`instructions/proposal/`) ----

    /// A citizen puts one action to the vote.
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn create_proposal(ctx: Context<CreateProposal>, args: CreateProposalArgs) -> Result<()> {
        CreateProposal::create_proposal(ctx, args)
    }

    /// An eligible citizen votes, or changes their vote, while voting is open.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn cast_vote(ctx: Context<CastVote>, choice: VoteChoice) -> Result<()> {
        CastVote::cast_vote(ctx, choice)
    }

    /// The member an expulsion names attaches their answer while voting is open.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn respond_to_proposal(ctx: Context<RespondToProposal>, args: RespondArgs) -> Result<()> {
        RespondToProposal::respond_to_proposal(ctx, args)
    }

    /// A citizen of its electorate objects to a passed proposal during its timelock.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn object_to_proposal(ctx: Context<ObjectToProposal>) -> Result<()> {
        ObjectToProposal::object_to_proposal(ctx)
    }

    /// Anyone closes an objection record of a final proposal (rent back to the objector).
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn close_objection(ctx: Context<CloseObjection>) -> Result<()> {
        CloseObjection::close_objection(ctx)
    }

    /// The proposer withdraws a proposal while voting is open.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn cancel_proposal(ctx: Context<CancelProposal>) -> Result<()> {
        CancelProposal::cancel_proposal(ctx)
    }

    /// Anyone closes the vote once the outcome is settled: passed or defeated.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn finalize_proposal(ctx: Context<FinalizeProposal>) -> Result<()> {
        FinalizeProposal::finalize_proposal(ctx)
    }

    /// Anyone closes a vote record of a final proposal; the rent goes back to the voter.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn close_vote(ctx: Context<CloseVote>) -> Result<()> {
        CloseVote::close_vote(ctx)
    }

    /// Anyone closes a final proposal with no open vote records; the rent goes back to the
    /// proposer.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn close_proposal(ctx: Context<CloseProposal>) -> Result<()> {
        CloseProposal::close_proposal(ctx)
    }

    // ---- Executing passed proposals (`instructions/execute/`) ----

    /// Executes a passed `TransferSol` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_transfer_sol(ctx: Context<ExecuteTransferSol>) -> Result<()> {
        ExecuteTransferSol::execute_transfer_sol(ctx)
    }

    /// Executes a passed `TransferToken` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_transfer_token(ctx: Context<ExecuteTransferToken>) -> Result<()> {
        ExecuteTransferToken::execute_transfer_token(ctx)
    }

    /// Executes a passed `MintContribution` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_mint_contribution(ctx: Context<ExecuteMintContribution>) -> Result<()> {
        ExecuteMintContribution::execute_mint_contribution(ctx)
    }

    /// Executes a passed `AdmitMember` or `ExpelMember` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_member_action(ctx: Context<ExecuteMemberAction>) -> Result<()> {
        ExecuteMemberAction::execute_member_action(ctx)
    }

    /// Executes a passed `RegisterNode` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_register_node(ctx: Context<ExecuteRegisterNode>) -> Result<()> {
        ExecuteRegisterNode::execute_register_node(ctx)
    }

    /// Executes a passed `SetNodeOperator` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_set_node_operator(ctx: Context<ExecuteSetNodeOperator>) -> Result<()> {
        ExecuteSetNodeOperator::execute_set_node_operator(ctx)
    }

    /// Executes a passed `RetireNode` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_retire_node(ctx: Context<ExecuteRetireNode>) -> Result<()> {
        ExecuteRetireNode::execute_retire_node(ctx)
    }

    /// Executes a passed `SetNodeBudget` or `EndNodeBudget` proposal.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_node_budget(ctx: Context<ExecuteNodeBudget>) -> Result<()> {
        ExecuteNodeBudget::execute_node_budget(ctx)
    }

    /// Executes a passed `Signal`, `UpdateGovernance`, `AmendConstitution` or `SetSteward`.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_society_action(ctx: Context<ExecuteSocietyAction>) -> Result<()> {
        ExecuteSocietyAction::execute_society_action(ctx)
    }

    /// Executes a passed treaty action: offer, ratify or withdraw.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn execute_treaty_action(ctx: Context<ExecuteTreatyAction>) -> Result<()> {
        ExecuteTreatyAction::execute_treaty_action(ctx)
    }

    // ---- Hub budgets (`instructions/budget/`) ----

    /// Anyone levels a SOL hub budget's vault to its allowance for a new period, or empties
    /// it into the treasury once the budget ended or the hub retired.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn settle_node_budget(ctx: Context<SettleNodeBudget>) -> Result<()> {
        SettleNodeBudget::settle_node_budget(ctx)
    }

    /// `settle_node_budget` for a budget in a token.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn settle_node_budget_token(ctx: Context<SettleNodeBudgetToken>) -> Result<()> {
        SettleNodeBudgetToken::settle_node_budget_token(ctx)
    }

    /// The hub's operator or budget keeper pays from the hub's SOL budget, saying what for,
    /// with the SHA-256 of the receipt.
    #[access_control(ctx.accounts.validate(amount, &memo, &memo_hash, ctx.remaining_accounts))]
    pub fn spend_node_budget(
        ctx: Context<SpendNodeBudget>,
        amount: u64,
        memo: String,
        memo_hash: [u8; 32],
    ) -> Result<()> {
        SpendNodeBudget::spend_node_budget(ctx, amount, memo, memo_hash)
    }

    /// `spend_node_budget` for a budget in a token.
    #[access_control(ctx.accounts.validate(&memo, &memo_hash, ctx.remaining_accounts))]
    pub fn spend_node_budget_token(
        ctx: Context<SpendNodeBudgetToken>,
        amount: u64,
        memo: String,
        memo_hash: [u8; 32],
    ) -> Result<()> {
        SpendNodeBudgetToken::spend_node_budget_token(ctx, amount, memo, memo_hash)
    }

    // ---- Upgrades (`instructions/upgrade/`) ----

    /// Anyone rewrites a society's account from an earlier layout into the current one,
    /// paying the rent of its growth; every field is kept.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn upgrade_account(ctx: Context<UpgradeAccount>) -> Result<()> {
        UpgradeAccount::upgrade_account(ctx)
    }
}
