//! A reference model of one society, in plain Rust and independent of the program's code:
//! the rules of `docs/design.md` written again as simply as possible. The stateful property
//! test (`tests/tests/program/model_histories.rs`) drives the model and the program with the
//! same random histories and compares them after every step.
//!
//! Actors are numbered wallets (actor 0 is the founder); hubs are numbered codes. Time is
//! the cluster clock; eligibility to vote is decided by step order (a citizen admitted at an
//! earlier step than a proposal's creation may vote on it), which is what the program's
//! sequence numbers encode.

use std::collections::{BTreeMap, HashMap};

/// Hub codes a history may use: hub 0 is registered before the history starts.
pub const HUB_CODES: [&str; 3] = ["alpha", "beta", "gamma"];
/// Door keys each hub may be handed between (key 0 opens it).
pub const DOOR_KEYS: usize = 2;
/// Sponsors an applicant needs.
pub const SPONSORS_REQUIRED: u8 = 2;
/// Objections that veto a passed proposal, in basis points of its electorate (the
/// histories' `veto_bps`).
pub const VETO_BPS: u16 = 5_000;
/// The oldest ticket a door's signature is good for, days (the program's
/// `TICKET_MAX_AGE_DAYS`).
pub const TICKET_MAX_AGE_DAYS: u32 = 30;
/// The longest window `prove_residency` counts days in (the program's `RECENT_DAYS`).
pub const RESIDENCY_WINDOW_DAYS: u32 = 128;
/// Lamports of a token account's rent (165 bytes).
pub const TOKEN_ACCOUNT_RENT: u64 = (128 + 165) * 3_480 * 2;
/// Lamports of a hub budget account's rent (210 bytes with the discriminator; the harness
/// checks it against the bank).
pub const BUDGET_RENT: u64 = (128 + 210) * 3_480 * 2;
/// Lamports of the treasury's rent reserve (a 0-byte system account).
pub const TREASURY_RESERVE: u64 = 890_880;

/// A citizen's vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts towards quorum only.
    Abstain,
}

/// Governance parameters the model tracks (all in range: the program's validation of
/// ranges is tested elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Share of eligible citizens that must vote, in basis points.
    pub quorum_bps: u16,
    /// Share of yes among yes+no needed, in basis points.
    pub approval_bps: u16,
    /// Voting period, seconds.
    pub voting_secs: i64,
    /// Timelock, seconds.
    pub delay_secs: i64,
    /// Execution window, seconds.
    pub window_secs: i64,
    /// Open proposals per citizen.
    pub max_open: u8,
    /// Share of yes among yes+no a constitutional action needs, in basis points.
    pub supermajority_bps: u16,
    /// Share of eligible citizens that must vote on one, in basis points.
    pub supermajority_quorum_bps: u16,
    /// The outflow rails: at most this share of an asset leaves per window, in basis points.
    pub outflow_cap_bps: u16,
    /// The rails' window, seconds.
    pub outflow_window_secs: i64,
    /// A payment (or a budget's allowance, or a mint's share of the supply after it) above
    /// this share of what is not set aside is judged by the supermajority, in basis points.
    pub large_bps: u16,
}

impl Rules {
    /// The quorum and approval a vote on `action` is judged by under these rules: the
    /// supermajority for constitutional actions, and for a change of rules the stricter of
    /// the current and the proposed one.
    pub fn judged(&self, action: &Action) -> Rules {
        let (quorum_bps, approval_bps) = match action {
            Action::UpdateRules(r) => (
                self.supermajority_quorum_bps
                    .max(RULES[*r].supermajority_quorum_bps),
                self.supermajority_bps.max(RULES[*r].supermajority_bps),
            ),
            Action::Expel(_)
            | Action::Amend(_)
            | Action::SetSteward(_)
            | Action::SetDues { .. }
            | Action::SetBasket(_)
            | Action::ProposeTreaty(_)
            | Action::RatifyTreaty(_)
            | Action::WithdrawTreaty => (self.supermajority_quorum_bps, self.supermajority_bps),
            _ => (self.quorum_bps, self.approval_bps),
        };
        Rules {
            quorum_bps,
            approval_bps,
            ..*self
        }
    }
}

/// The shortest vote on an expulsion (the program's `MIN_EXPULSION_VOTING_SECS`).
pub const MIN_EXPULSION_VOTING_SECS: i64 = 3 * 86_400;

/// The two rule sets a history switches between by proposal.
pub const RULES: [Rules; 2] = [
    Rules {
        quorum_bps: 2_000,
        approval_bps: 6_000,
        voting_secs: 3_600,
        delay_secs: 60,
        window_secs: 86_400,
        max_open: 3,
        supermajority_bps: 6_666,
        supermajority_quorum_bps: 3_334,
        outflow_cap_bps: 10_000,
        outflow_window_secs: 3_600,
        large_bps: 10_000,
    },
    Rules {
        quorum_bps: 5_000,
        approval_bps: 5_001,
        voting_secs: 7_200,
        delay_secs: 0,
        window_secs: 2 * 86_400,
        max_open: 2,
        supermajority_bps: 7_500,
        supermajority_quorum_bps: 5_000,
        // Rails: half of an asset per hour at most leaves, payments, budgets and exits alike.
        outflow_cap_bps: 5_000,
        outflow_window_secs: 3_600,
        // And a payment above half of what is free is large.
        large_bps: 5_000,
    },
];

/// Treaty terms a history may name: whether the partner's citizens visit, whether they are
/// admitted at once (else counted as one sponsor), and the notice a withdrawal takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermsModel {
    /// Visits allowed.
    pub visits: bool,
    /// Admitted at once on applying by treaty (else counted as one sponsor).
    pub immediate: bool,
    /// Seconds from a withdrawal to the end.
    pub notice_secs: i64,
}

/// The two sets of treaty terms; the partner offers the first before a history starts.
pub const TREATY_TERMS: [TermsModel; 2] = [
    TermsModel {
        visits: true,
        immediate: true,
        notice_secs: 3_600,
    },
    TermsModel {
        visits: false,
        immediate: false,
        notice_secs: 0,
    },
];

/// Where the treaty with the partner society stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreatyStatusModel {
    /// Offered, waiting for the other side.
    Proposed,
    /// In force (until `ends_at`, once withdrawn).
    Ratified,
    /// An offer withdrawn before it was ratified.
    Withdrawn,
}

/// The treaty with the partner society.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreatyModel {
    /// Where it stands.
    pub status: TreatyStatusModel,
    /// Whether this society made the current offer (else the partner did).
    pub proposed_by_us: bool,
    /// The terms (`TREATY_TERMS[n]`).
    pub terms: usize,
    /// Whether this society withdrew (None: nobody has).
    pub withdrawn_by_us: Option<bool>,
    /// When a withdrawal ends it (0: none set).
    pub ends_at: i64,
    /// Visits made under it.
    pub visits: u64,
}

impl TreatyModel {
    /// Ratified and not past the end a withdrawal set.
    pub fn in_force(&self, now: i64) -> bool {
        self.status == TreatyStatusModel::Ratified && (self.ends_at == 0 || now < self.ends_at)
    }
}

/// Constitution URIs a history may amend to.
pub const CONSTITUTIONS: [&str; 2] = ["ipfs://QmConstitutionV2", "ar://constitution-v3"];

/// What a proposal does, in the model's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    Signal,
    /// Lamports to an actor.
    TransferSol {
        /// Recipient actor.
        to: usize,
        /// Lamports.
        amount: u64,
    },
    /// Treasury tokens to an actor.
    TransferToken {
        /// Recipient actor.
        to: usize,
        /// Base units.
        amount: u64,
    },
    /// Contribution tokens to an actor.
    MintContribution {
        /// Recipient actor.
        to: usize,
        /// Base units.
        amount: u64,
        /// Seconds over which it vests (0: minted at once).
        vesting: i64,
    },
    /// Admit an applicant.
    Admit(usize),
    /// Expel a member.
    Expel(usize),
    /// Register hub `n`.
    RegisterHub(usize),
    /// Retire hub `n`.
    RetireHub(usize),
    /// Switch to `RULES[n]`.
    UpdateRules(usize),
    /// Switch to `CONSTITUTIONS[n]`.
    Amend(usize),
    /// Appoint an actor as steward, or end stewardship.
    SetSteward(Option<usize>),
    /// Give hub `hub` a budget (or new terms).
    SetBudget {
        /// Hub number.
        hub: usize,
        /// In the test token rather than SOL.
        token: bool,
        /// Lamports per period.
        allowance: u64,
        /// Days of a period.
        period_days: i64,
        /// A keeper actor besides the door key.
        keeper: Option<usize>,
    },
    /// End hub `hub`'s budget.
    EndBudget(usize),
    /// List the basket token in the exit basket (or empty the basket).
    SetBasket(bool),
    /// Put dues in force (whatever can take a citizen's vote is constitutional).
    SetDues {
        /// In the test token rather than SOL.
        token: bool,
        /// Base units per period (0: none).
        amount: u64,
        /// Days of a period.
        period_days: i64,
        /// Days of grace.
        grace_days: i64,
    },
    /// Offer the partner society the treaty terms `TREATY_TERMS[n]`.
    ProposeTreaty(usize),
    /// Ratify the partner's offer, naming terms `TREATY_TERMS[n]` (they must be its own).
    RatifyTreaty(usize),
    /// Withdraw from the treaty with the partner.
    WithdrawTreaty,
    /// Hand hub `hub`'s door to its key `key`, revoking the old one or not.
    SetOperator {
        /// Hub number.
        hub: usize,
        /// Key number (`0..DOOR_KEYS`).
        key: usize,
        /// Void the old key at once.
        revoke: bool,
    },
}

impl Action {
    /// Money leaving the treasury: payments and hub budgets (a yes on one holds the
    /// voter's exit).
    pub fn is_outflow(&self) -> bool {
        matches!(
            self,
            Action::TransferSol { .. } | Action::TransferToken { .. } | Action::SetBudget { .. }
        )
    }
}

/// One step of a history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An actor applies.
    Apply(usize),
    /// `sponsor` sponsors `applicant`.
    Sponsor {
        /// Sponsoring actor.
        sponsor: usize,
        /// Applicant actor.
        applicant: usize,
    },
    /// The steward (or, without one, the founder) admits an actor.
    Admit(usize),
    /// An actor leaves.
    Leave(usize),
    /// An actor checks in at a hub.
    CheckIn {
        /// Actor.
        actor: usize,
        /// Hub number.
        hub: usize,
    },
    /// An actor deposits lamports into the treasury.
    Deposit {
        /// Actor.
        actor: usize,
        /// Lamports.
        amount: u64,
    },
    /// The steward (or the founder) registers a hub.
    RegisterHub(usize),
    /// The steward (or the founder) retires a hub.
    RetireHub(usize),
    /// The steward (or the founder) renounces.
    Renounce,
    /// The steward (or the founder) sets dues (amount 0: none).
    SetDues {
        /// In the test token rather than SOL.
        token: bool,
        /// Base units per period.
        amount: u64,
        /// Days of a period.
        period_days: i64,
        /// Days of grace.
        grace_days: i64,
    },
    /// `payer` pays `periods` periods of `member`'s dues (`pay_dues_token` with `token`).
    PayDues {
        /// With the test token.
        token: bool,
        /// Paying actor.
        payer: usize,
        /// Member actor.
        member: usize,
        /// Periods paid.
        periods: u32,
    },
    /// Anyone marks a citizen whose dues lapsed beyond the grace.
    MarkLapsed(usize),
    /// Anyone settles hub `n`'s budget.
    Settle(usize),
    /// Anyone closes the next census epoch.
    CloseCensus,
    /// Anyone redeems a ticket signed by hub `hub`'s key `key` for `actor`, of the day
    /// `days_ago` days before today.
    RedeemTicket {
        /// The member.
        actor: usize,
        /// Hub number.
        hub: usize,
        /// The door key that signed (`0..DOOR_KEYS`).
        key: usize,
        /// How many days before today the ticket's day is.
        days_ago: u32,
    },
    /// An applicant of a society that admits by presence claims citizenship.
    Claim(usize),
    /// Anyone rewrites hub `n`'s account in the current layout.
    Upgrade(usize),
    /// A citizen of the partner society visits hub `hub` under the treaty.
    Visit {
        /// The visitor.
        actor: usize,
        /// Hub number.
        hub: usize,
    },
    /// A citizen of the partner society applies under the treaty's fast track.
    ApplyByTreaty(usize),
    /// Hub `hub`'s door key (or, with `by`, that actor as keeper) spends from its budget.
    Spend {
        /// Hub number.
        hub: usize,
        /// The spending actor; `None`: the key that holds the door.
        by: Option<usize>,
        /// Recipient actor.
        to: usize,
        /// Lamports.
        amount: u64,
    },
    /// The steward (or the founder) hands a hub's door to another of its keys.
    SetOperator {
        /// Hub number.
        hub: usize,
        /// Key number (`0..DOOR_KEYS`).
        key: usize,
        /// Void the old key at once.
        revoke: bool,
    },
    /// An actor proposes.
    Propose {
        /// Proposer.
        actor: usize,
        /// What it does.
        action: Action,
    },
    /// An actor votes on proposal `proposal` (an index, taken modulo the count).
    Vote {
        /// Voter.
        actor: usize,
        /// Proposal index (modulo the proposals so far).
        proposal: usize,
        /// The choice.
        choice: Choice,
    },
    /// An actor cancels a proposal.
    Cancel {
        /// Who asks.
        actor: usize,
        /// Proposal index (modulo).
        proposal: usize,
    },
    /// An actor deposits test tokens into the treasury.
    DepositToken {
        /// Actor.
        actor: usize,
        /// Base units.
        amount: u64,
    },
    /// A holder burns contribution tokens for their share of the treasury.
    Exit {
        /// Holder actor.
        actor: usize,
        /// Base units burnt.
        amount: u64,
        /// Forgo the basket token (its share stays in the treasury).
        skip: bool,
    },
    /// The basket token's issuer freezes (or thaws) the treasury's account of it.
    Freeze(bool),
    /// A citizen objects to a passed proposal during its timelock.
    Object {
        /// Objector.
        actor: usize,
        /// Proposal index (modulo).
        proposal: usize,
    },
    /// Anyone closes an objection record of a final proposal.
    CloseObjection {
        /// Proposal index (modulo).
        proposal: usize,
        /// Objector actor.
        objector: usize,
    },
    /// The wallet an expulsion names answers it.
    Respond {
        /// Who answers.
        actor: usize,
        /// Proposal index (modulo).
        proposal: usize,
    },
    /// Anyone closes a sponsorship record that can no longer count.
    CloseSponsorship {
        /// Applicant actor.
        applicant: usize,
        /// Sponsor actor.
        sponsor: usize,
    },
    /// Anyone asks whether an actor was present at a hub on `min_days` days among the last
    /// `window_days` (all days with 0).
    ProveResidency {
        /// Actor.
        actor: usize,
        /// Hub number.
        hub: usize,
        /// Days asked for.
        min_days: u32,
        /// The window, days (0: all).
        window_days: u32,
    },
    /// Anyone releases what has vested of a grant (an index among the open grants, newest
    /// first, modulo their count).
    Release(usize),
    /// Anyone finalizes a proposal.
    Finalize(usize),
    /// Anyone executes a proposal.
    Execute(usize),
    /// Anyone closes an actor's vote record on a proposal.
    CloseVote {
        /// Proposal index (modulo).
        proposal: usize,
        /// Voter.
        voter: usize,
    },
    /// Anyone closes a proposal.
    CloseProposal(usize),
    /// The clock moves forward.
    Warp(i64),
}

/// Where a member stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Applied.
    Applicant,
    /// Admitted.
    Citizen,
    /// Expelled (the record stays).
    Expelled,
    /// A citizen marked lapsed for unpaid dues: no vote until paid again.
    Lapsed,
}

/// The society's dues (SOL only in these histories).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DuesModel {
    /// Lamports per period; 0: no dues.
    pub amount: u64,
    /// Seconds of a period.
    pub period: i64,
    /// Seconds of grace after what was paid for.
    pub grace: i64,
    /// When they took effect.
    pub since: i64,
    /// Paid in the test token rather than SOL.
    pub token: bool,
}

impl DuesModel {
    /// Dues terms as the program takes them: none (amount 0), or a period of 1 to 400 days
    /// and a grace of 7 (no one lapses before they can pay) to 365 days.
    pub fn check_terms(amount: u64, period_days: i64, grace_days: i64) -> Result<(), Refusal> {
        if amount == 0 {
            return Ok(());
        }
        if grace_days < 7 {
            return refuse("DuesGraceTooShort");
        }
        if !(1..=400).contains(&period_days) || grace_days > 365 {
            return refuse("DuesOutOfRange");
        }
        Ok(())
    }

    /// Whether a member admitted at `admitted_at`, paid until `paid_until`, has lapsed at
    /// `now`: past what they paid for (or the dues' start, or their admission) by more than
    /// the grace.
    pub fn lapsed(&self, paid_until: i64, admitted_at: i64, now: i64) -> bool {
        self.amount > 0 && now > paid_until.max(self.since).max(admitted_at) + self.grace
    }
}

/// One actor's membership.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberModel {
    /// Where it stands.
    pub standing: Standing,
    /// Which application this is (sponsorships of another do not count).
    pub application: u64,
    /// Step at which it became a citizen.
    pub admitted_step: Option<u64>,
    /// Proposals open for votes held by this membership.
    pub open_proposals: u8,
    /// Sponsors of this application.
    pub sponsor_count: u8,
    /// Check-ins by this membership.
    pub check_in_count: u32,
    /// The days this membership was present at any hub.
    pub days: std::collections::BTreeSet<u32>,
    /// Unix time it became a citizen (0 before).
    pub admitted_at: i64,
    /// The UTC day it joined (applied, or founded).
    pub joined_day: u32,
    /// Unix time its dues are paid until.
    pub paid_until: i64,
}

/// A hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HubModel {
    /// Accepting check-ins.
    pub active: bool,
    /// Check-ins ever.
    pub check_in_count: u32,
    /// Distinct wallets ever checked in.
    pub resident_count: u32,
    /// Which of the hub's door keys co-signs check-ins now (`0..DOOR_KEYS`).
    pub operator: usize,
    /// The key before it, unless it was revoked (or there was none).
    pub previous: Option<usize>,
    /// Its account is still in an earlier layout (written by an earlier build): every
    /// instruction that reads the hub refuses it until `upgrade_account` rewrites it.
    pub old_layout: bool,
    /// The UTC day it was registered.
    pub registered_day: u32,
    /// The day the key that holds the door took it.
    pub operator_since: u32,
    /// The day the previous key took the door (its tickets count from then to
    /// `operator_since`).
    pub previous_since: u32,
    /// Its SOL budget, while the account exists.
    pub budget: Option<BudgetModel>,
    /// Lamports in its vault (rent reserve included).
    pub vault: u64,
    /// Test tokens in its vault's token account.
    pub vault_tokens: u64,
    /// Whether its vault's token account exists.
    pub vault_token_account: bool,
}

/// An outflow rail's bucket for one asset: what left and has not drained yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bucket {
    /// The level at `updated_at`.
    pub level: u64,
    /// When something last left.
    pub updated_at: i64,
}

impl Bucket {
    /// Lets `amount` leave an asset that holds `balance` before it, at `now`, under `rules`:
    /// the bucket holds `outflow_cap_bps` of what the asset held before what is in it, and
    /// drains that much per window.
    pub fn spend(
        &mut self,
        amount: u64,
        balance: u64,
        now: i64,
        rules: &Rules,
    ) -> Result<(), Refusal> {
        let cap = u128::from(rules.outflow_cap_bps);
        let capacity = |level: u128| (u128::from(balance) + level) * cap / 10_000;
        let elapsed = (now - self.updated_at).max(0) as u128;
        let drained =
            capacity(u128::from(self.level)) * elapsed / rules.outflow_window_secs.max(1) as u128;
        let level = u128::from(self.level).saturating_sub(drained);
        let after = level + u128::from(amount);
        if after > capacity(level) {
            return refuse("OutflowCapExceeded");
        }
        self.level = after as u64;
        self.updated_at = now;
        Ok(())
    }
}

/// What the rails of `rules` let out of an asset holding `held` over `secs` seconds: a full
/// bucket now and one per window after.
pub fn rails_payable(held: u64, secs: i64, rules: &Rules) -> u128 {
    let capacity = u128::from(held) * u128::from(rules.outflow_cap_bps) / 10_000;
    capacity + capacity * secs.max(0) as u128 / rules.outflow_window_secs.max(1) as u128
}

/// A closed census epoch's frozen figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CensusModel {
    /// The epoch.
    pub epoch: u32,
    /// Whether the counters still held the epoch's figures when it closed.
    pub figures_kept: bool,
    /// Visitors counted, and their days.
    pub visitors: (u32, u32),
    /// Members present, and their person-days.
    pub present: u32,
    /// Person-days.
    pub person_days: u32,
    /// Members and citizens then.
    pub members: (u32, u32),
    /// Hubs and active hubs then.
    pub hubs: (u32, u32),
    /// Countries with an active hub then.
    pub countries: u32,
    /// The treasury's lamports then.
    pub treasury_lamports: u64,
}

impl HubModel {
    /// Whether door key `key` vouches for `day`: the key that holds the door from the day
    /// it took it, the previous one (unless revoked) for the days of its own term.
    pub fn operator_of_day(&self, key: usize, day: u32) -> bool {
        if day >= self.operator_since {
            key == self.operator
        } else {
            self.previous == Some(key) && day >= self.previous_since
        }
    }
}

/// A hub's budget, in SOL or the test token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetModel {
    /// In the test token rather than SOL (fixed for the budget's life).
    pub token: bool,
    /// Lamports per period.
    pub allowance: u64,
    /// Seconds of a period.
    pub period: i64,
    /// An actor who may spend besides the door key.
    pub keeper: Option<usize>,
    /// False once ended: the next settlement closes it.
    pub active: bool,
    /// When period 0 began.
    pub started_at: i64,
    /// The first period not settled yet.
    pub next_period: i64,
    /// Spent since the last settlement.
    pub spent: u64,
}

impl BudgetModel {
    /// The period `now` falls in.
    pub fn period_at(&self, now: i64) -> i64 {
        (now - self.started_at).max(0) / self.period
    }
}

/// A contribution grant that vests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantModel {
    /// The proposal that opened it.
    pub proposal: usize,
    /// Recipient actor.
    pub to: usize,
    /// Base units granted.
    pub amount: u64,
    /// Base units minted so far.
    pub released: u64,
    /// When it started vesting.
    pub start: i64,
    /// Seconds it vests over.
    pub duration: i64,
    /// Released in full: its account is closed.
    pub closed: bool,
}

impl GrantModel {
    /// What has vested at `now`, rounded down.
    pub fn vested(&self, now: i64) -> u64 {
        let elapsed = (now - self.start).max(0);
        if elapsed >= self.duration {
            return self.amount;
        }
        (u128::from(self.amount) * elapsed as u128 / self.duration as u128) as u64
    }
}

/// The 30-day census epoch of unix time `now`.
pub fn epoch_of(now: i64) -> u32 {
    (now / 86_400) as u32 / 30
}

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Open for votes.
    Voting,
    /// Withdrawn.
    Cancelled,
    /// Lost.
    Defeated,
    /// Won; executable in its window.
    Passed,
    /// Done.
    Executed,
    /// Won, then vetoed by objections during its timelock.
    Vetoed,
    /// Won the vote, but what it pays could not be set aside.
    Unfunded,
}

/// A proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalModel {
    /// Its account was closed.
    pub closed: bool,
    /// Proposer actor.
    pub proposer: usize,
    /// The proposer's application when it proposed.
    pub proposer_application: u64,
    /// What it does.
    pub action: Action,
    /// Where it stands.
    pub status: Status,
    /// Vote records not yet closed, by voter.
    pub records: BTreeMap<usize, Choice>,
    /// Yes, no, abstain.
    pub tally: [u32; 3],
    /// Citizens at creation.
    pub eligible: u32,
    /// Step of creation.
    pub created_step: u64,
    /// Votes accepted while `now < voting_ends_at`.
    pub voting_ends_at: i64,
    /// Rules in force at creation.
    pub rules: Rules,
    /// Executable from.
    pub executable_at: i64,
    /// Executable until (exclusive).
    pub deadline: i64,
    /// Objections ever made.
    pub objections: u32,
    /// Objection records not yet closed, by objector.
    pub objection_records: std::collections::BTreeSet<usize>,
    /// The member it expels answered it.
    pub answered: bool,
}

impl ProposalModel {
    /// Passed but its window closed.
    pub fn expired(&self, now: i64) -> bool {
        self.status == Status::Passed && now >= self.deadline
    }

    /// Nothing more can happen to it.
    pub fn is_final(&self, now: i64) -> bool {
        matches!(
            self.status,
            Status::Cancelled
                | Status::Defeated
                | Status::Executed
                | Status::Vetoed
                | Status::Unfunded
        ) || self.expired(now)
    }
}

/// Whether `tally` out of `eligible` passes: turnout reaches quorum and yes reaches the
/// approval share of yes + no.
pub fn passes(tally: [u32; 3], eligible: u32, rules: &Rules) -> bool {
    let [yes, no, abstain] = tally.map(u64::from);
    let cast = yes + no + abstain;
    let quorum = cast * 10_000 >= u64::from(rules.quorum_bps) * u64::from(eligible);
    let approved = yes + no > 0 && yes * 10_000 >= u64::from(rules.approval_bps) * (yes + no);
    quorum && approved
}

/// The society as the model sees it.
#[derive(Clone, Debug)]
pub struct Model {
    /// Cluster time.
    pub now: i64,
    /// Steps taken (accepted or not).
    pub step: u64,
    /// Steward actor.
    pub steward: Option<usize>,
    /// Rules in force.
    pub rules: Rules,
    /// Constitution URI.
    pub constitution: String,
    /// Membership of each actor.
    pub members: Vec<Option<MemberModel>>,
    /// Applications ever (numbers them).
    pub applications: u64,
    /// Sponsorship records: (applicant, sponsor) → application it was given for.
    pub sponsorships: HashMap<(usize, usize), u64>,
    /// Registered hubs by number.
    pub hubs: BTreeMap<usize, HubModel>,
    /// Days present per (hub, actor), and the last one.
    pub residencies: HashMap<(usize, usize), (u32, u32)>,
    /// The days each actor was present at each hub, by (hub, actor).
    pub days_present: HashMap<(usize, usize), std::collections::BTreeSet<u32>>,
    /// Proposals by index.
    pub proposals: Vec<ProposalModel>,
    /// Treasury lamports.
    pub treasury_lamports: u64,
    /// Treasury balance of the test token.
    pub treasury_tokens: u64,
    /// Each actor's balance of the test token.
    pub tokens: Vec<u64>,
    /// Each actor's balance of the contribution token.
    pub contributions: Vec<u64>,
    /// Lamports set aside for passed, unexecuted SOL payments.
    pub reserved_lamports: u64,
    /// The SOL rail.
    pub sol_outflow: Bucket,
    /// The test token's rail, once something of it left (its Outflow account exists).
    pub token_outflow: Option<Bucket>,
    /// Whether the basket token (a Token-2022 mint with a freeze authority) is in the exit
    /// basket, in slot 0.
    pub basket: bool,
    /// The treasury's balance of the basket token.
    pub treasury_basket: u64,
    /// Whether its issuer froze the treasury's account of it.
    pub basket_frozen: bool,
    /// Each actor's balance of the basket token.
    pub basket_tokens: Vec<u64>,
    /// Whether each actor has a token account of it.
    pub basket_accounts: Vec<bool>,
    /// The basket token's rail, once something of it left.
    pub basket_outflow: Option<Bucket>,
    /// Grants opened by vesting `MintContribution`s, in order.
    pub grants: Vec<GrantModel>,
    /// The treaty with the partner society (offered by it before the history starts).
    pub treaty: Option<TreatyModel>,
    /// Actors who are citizens of the partner society (it never changes).
    pub partner_citizens: Vec<bool>,
    /// The days each actor was counted as a visitor here.
    pub visitor_days: Vec<std::collections::BTreeSet<u32>>,
    /// Days of presence an applicant needs to claim citizenship, in a society that admits
    /// by presence; `None`: it admits by sponsors.
    pub presence_days: Option<u32>,
    /// The dues in force.
    pub dues: DuesModel,
    /// The census epochs the counters hold: the newest with presence recorded, and the one
    /// before it.
    pub census_held: (u32, u32),
    /// The next census epoch to close.
    pub census_next: u32,
    /// Closed census epochs, in order.
    pub censuses: Vec<CensusModel>,
    /// Whether each actor has a Share account (made at their first grant or yes vote on an
    /// outflow).
    pub shares: Vec<bool>,
    /// Whether each actor has a token account of the test token.
    pub token_accounts: Vec<bool>,
    /// Whether each actor has a token account of the contribution token.
    pub contribution_accounts: Vec<bool>,
}

/// Why the model refuses a step (a short name, for messages).
pub type Refusal = &'static str;

fn refuse<T>(why: Refusal) -> Result<T, Refusal> {
    Err(why)
}

impl Model {
    /// The society just after setup: the founder (actor 0) is steward, actors
    /// `0..citizens` are citizens, hub 0 is registered, the treasury holds
    /// `treasury_lamports` and `treasury_tokens`.
    pub fn new(
        actors: usize,
        citizens: usize,
        now: i64,
        treasury_lamports: u64,
        treasury_tokens: u64,
    ) -> Self {
        let mut members = vec![None; actors];
        for (application, member) in members.iter_mut().take(citizens).enumerate() {
            *member = Some(MemberModel {
                standing: Standing::Citizen,
                application: application as u64,
                admitted_step: Some(0),
                open_proposals: 0,
                sponsor_count: 0,
                check_in_count: 0,
                days: Default::default(),
                admitted_at: now,
                joined_day: (now / 86_400) as u32,
                paid_until: 0,
            });
        }
        let mut hubs = BTreeMap::new();
        hubs.insert(
            0,
            HubModel {
                active: true,
                check_in_count: 0,
                resident_count: 0,
                operator: 0,
                previous: None,
                old_layout: false,
                registered_day: (now / 86_400) as u32,
                operator_since: (now / 86_400) as u32,
                previous_since: (now / 86_400) as u32,
                budget: None,
                vault: 0,
                vault_tokens: 0,
                vault_token_account: false,
            },
        );
        Self {
            now,
            step: 1,
            steward: Some(0),
            rules: RULES[0],
            constitution: "ipfs://QmConstitutionOfTheSolarState".into(),
            members,
            applications: citizens as u64,
            sponsorships: HashMap::new(),
            hubs,
            residencies: HashMap::new(),
            days_present: HashMap::new(),
            proposals: Vec::new(),
            treasury_lamports,
            treasury_tokens,
            tokens: vec![0; actors],
            contributions: vec![0; actors],
            reserved_lamports: 0,
            sol_outflow: Bucket::default(),
            token_outflow: None,
            basket: false,
            treasury_basket: 0,
            basket_frozen: false,
            basket_tokens: vec![0; actors],
            basket_accounts: vec![false; actors],
            basket_outflow: None,
            grants: Vec::new(),
            treaty: None,
            partner_citizens: vec![false; actors],
            visitor_days: vec![Default::default(); actors],
            presence_days: None,
            dues: DuesModel::default(),
            census_held: (epoch_of(now), epoch_of(now).saturating_sub(1)),
            census_next: epoch_of(now),
            censuses: Vec::new(),
            shares: vec![false; actors],
            token_accounts: vec![false; actors],
            contribution_accounts: vec![false; actors],
        }
    }

    /// The census of `epoch` (30-day epochs of UTC days) recounted from the memberships:
    /// distinct members present on some day of it, and their days present summed. Expelled
    /// members are not counted.
    pub fn census(&self, epoch: u32) -> (u32, u32) {
        self.members
            .iter()
            .flatten()
            .filter(|m| m.standing != Standing::Expelled)
            .map(|m| m.days.iter().filter(|d| **d / 30 == epoch).count() as u32)
            .filter(|days| *days > 0)
            .fold((0, 0), |(people, days), d| (people + 1, days + d))
    }

    /// Visitors counted in `epoch`, and their days.
    pub fn census_visitors(&self, epoch: u32) -> (u32, u32) {
        self.visitor_days
            .iter()
            .map(|days| days.iter().filter(|d| **d / 30 == epoch).count() as u32)
            .filter(|days| *days > 0)
            .fold((0, 0), |(people, days), d| (people + 1, days + d))
    }

    /// Records `amount` of the test token leaving a treasury that holds `balance` of it.
    fn token_leaves(&mut self, amount: u64, balance: u64) -> Result<(), Refusal> {
        let mut bucket = self.token_outflow.unwrap_or_default();
        bucket.spend(amount, balance, self.now, &self.rules)?;
        self.token_outflow = Some(bucket);
        Ok(())
    }

    /// Passed token payments not yet executed nor closed (any mint).
    pub fn pending_token_grants(&self) -> usize {
        self.proposals
            .iter()
            .filter(|p| {
                !p.closed
                    && p.status == Status::Passed
                    && matches!(p.action, Action::TransferToken { .. })
            })
            .count()
    }

    /// Lamports the treasury may pay out: above its rent reserve.
    pub fn spendable_lamports(&self) -> u64 {
        self.treasury_lamports.saturating_sub(TREASURY_RESERVE)
    }

    /// Whether `actor` voted yes on an outflow whose vote record is still open: that holds
    /// their exit.
    pub fn exit_held(&self, actor: usize) -> bool {
        self.proposals.iter().any(|p| {
            !p.closed && p.action.is_outflow() && p.records.get(&actor) == Some(&Choice::Yes)
        })
    }

    /// Members that are applicants or citizens.
    pub fn member_count(&self) -> u32 {
        self.members
            .iter()
            .flatten()
            .filter(|m| m.standing != Standing::Expelled)
            .count() as u32
    }

    /// Citizens.
    pub fn citizen_count(&self) -> u32 {
        self.members
            .iter()
            .flatten()
            .filter(|m| m.standing == Standing::Citizen)
            .count() as u32
    }

    /// The actor who signs steward instructions: the steward, or the founder without one.
    pub fn steward_signer(&self) -> usize {
        self.steward.unwrap_or(0)
    }

    /// The proposal a step names, by index. A step's number `n` picks the `n`-th most
    /// recent open proposal (whose account exists) among those the step is meant for (votes
    /// and cancels: open for votes; finalize: voting; execute: passed; closes: final), or
    /// among all open ones when none is; `None` when there is no open proposal. The program
    /// side uses the same pick, so both run the same history.
    pub fn target(&self, step: &Step) -> Option<usize> {
        let now = self.now;
        let (n, meant): (usize, fn(&ProposalModel, i64) -> bool) = match *step {
            Step::Vote { proposal, .. } | Step::Cancel { proposal, .. } => (proposal, |p, now| {
                p.status == Status::Voting && now < p.voting_ends_at
            }),
            Step::Respond { proposal, .. } => (proposal, |p, now| {
                p.status == Status::Voting
                    && now < p.voting_ends_at
                    && matches!(p.action, Action::Expel(_))
            }),
            Step::Object { proposal, .. } => (proposal, |p, now| {
                p.status == Status::Passed && now < p.executable_at
            }),
            Step::CloseObjection { proposal, .. } => (proposal, |p, now| {
                p.is_final(now) && !p.objection_records.is_empty()
            }),
            Step::Finalize(n) => (n, |p, _| p.status == Status::Voting),
            Step::Execute(n) => (n, |p, now| p.status == Status::Passed && !p.expired(now)),
            Step::CloseVote { proposal, .. } => {
                (proposal, |p, now| p.is_final(now) && !p.records.is_empty())
            }
            Step::CloseProposal(n) => (n, |p, now| {
                p.is_final(now) && p.records.is_empty() && p.objection_records.is_empty()
            }),
            _ => return None,
        };
        let open: Vec<usize> = (0..self.proposals.len())
            .rev()
            .filter(|i| !self.proposals[*i].closed)
            .collect();
        let preferred: Vec<usize> = open
            .iter()
            .copied()
            .filter(|i| meant(&self.proposals[*i], now))
            .collect();
        let pool = if preferred.is_empty() {
            open
        } else {
            preferred
        };
        (!pool.is_empty()).then(|| pool[n % pool.len()])
    }

    fn citizen(&self, actor: usize) -> Option<&MemberModel> {
        self.members[actor]
            .as_ref()
            .filter(|m| m.standing == Standing::Citizen)
    }

    fn require_steward(&self) -> Result<(), Refusal> {
        match self.steward {
            Some(_) => Ok(()),
            None => refuse("StewardshipEnded"),
        }
    }

    fn admit_now(&mut self, actor: usize) -> Result<(), Refusal> {
        let (step, now) = (self.step, self.now);
        let member = self.members[actor].as_mut().ok_or("NotAMember")?;
        if member.standing != Standing::Applicant {
            return refuse("NotAnApplicant");
        }
        member.standing = Standing::Citizen;
        member.admitted_step = Some(step);
        member.admitted_at = now;
        Ok(())
    }

    /// Frees the proposer's slot if its current membership holds it.
    fn release_slot(&mut self, index: usize) {
        let (proposer, application) = {
            let p = &self.proposals[index];
            (p.proposer, p.proposer_application)
        };
        if let Some(member) = self.members[proposer].as_mut()
            && member.application == application
        {
            member.open_proposals = member.open_proposals.saturating_sub(1);
        }
    }

    /// Applies `step` if the rules allow it; otherwise changes nothing and says why.
    pub fn apply(&mut self, step: &Step) -> Result<(), Refusal> {
        let mut next = self.clone();
        let result = next.apply_in_place(step);
        self.step += 1;
        if let Step::Warp(seconds) = step {
            self.now += seconds;
            return Ok(());
        }
        if result.is_ok() {
            next.step = self.step;
            *self = next;
        }
        result
    }

    fn apply_in_place(&mut self, step: &Step) -> Result<(), Refusal> {
        let now = self.now;
        // Instructions that read a hub refuse one still in an earlier layout.
        let reads_hub = match *step {
            Step::CheckIn { hub, .. }
            | Step::RedeemTicket { hub, .. }
            | Step::SetOperator { hub, .. }
            | Step::RetireHub(hub)
            | Step::ProveResidency { hub, .. }
            | Step::Settle(hub)
            | Step::Spend { hub, .. }
            | Step::Visit { hub, .. } => Some(hub),
            _ => None,
        };
        if reads_hub.is_some_and(|h| self.hubs.get(&h).is_some_and(|n| n.old_layout)) {
            return refuse("AccountNeedsUpgrade");
        }
        let day = (now / 86_400) as u32;
        match *step {
            Step::Warp(_) => Ok(()),
            Step::Apply(actor) => {
                if let Some(member) = &self.members[actor] {
                    return refuse(if member.standing == Standing::Expelled {
                        "MemberExpelled"
                    } else {
                        "AlreadyMember"
                    });
                }
                self.members[actor] = Some(self.new_membership(Standing::Applicant));
                Ok(())
            }
            Step::Sponsor { sponsor, applicant } => {
                if sponsor == applicant {
                    return refuse("CannotSponsorSelf");
                }
                if self.presence_days.is_some() {
                    return refuse("NotASponsoredSociety");
                }
                let Some(applicant_member) = self.members[applicant].clone() else {
                    return refuse("AccountNotInitialized");
                };
                if self.members[sponsor].is_none() {
                    return refuse("AccountNotInitialized");
                }
                if self.citizen(sponsor).is_none() {
                    return refuse("SponsorNotCitizen");
                }
                if applicant_member.standing != Standing::Applicant {
                    return refuse("NotAnApplicant");
                }
                if self.sponsorships.get(&(applicant, sponsor))
                    == Some(&applicant_member.application)
                {
                    return refuse("AlreadySponsored");
                }
                self.sponsorships
                    .insert((applicant, sponsor), applicant_member.application);
                let member = self.members[applicant].as_mut().ok_or("NotAMember")?;
                member.sponsor_count += 1;
                if member.sponsor_count >= SPONSORS_REQUIRED {
                    self.admit_now(applicant)?;
                }
                Ok(())
            }
            Step::Admit(actor) => {
                self.require_steward()?;
                if self.members[actor].is_none() {
                    return refuse("AccountNotInitialized");
                }
                self.admit_now(actor)
            }
            Step::Leave(actor) => {
                let Some(member) = &self.members[actor] else {
                    return refuse("AccountNotInitialized");
                };
                if member.standing == Standing::Expelled {
                    return refuse("MemberExpelled");
                }
                if self.steward == Some(actor) {
                    return refuse("StewardMustRenounceFirst");
                }
                if member.open_proposals > 0 {
                    return refuse("OpenProposalsOutstanding");
                }
                self.members[actor] = None;
                Ok(())
            }
            Step::CheckIn { actor, hub } => {
                self.require_door(hub, actor)?;
                if self.visitor_days[actor].contains(&day) {
                    return refuse("CountedAsVisitorToday");
                }
                if !self.record_presence(hub, actor, day)? {
                    return refuse("AlreadyCheckedInToday");
                }
                Ok(())
            }
            Step::RedeemTicket {
                actor,
                hub,
                key,
                days_ago,
            } => {
                let (node, member) = self.require_door(hub, actor)?;
                if days_ago > TICKET_MAX_AGE_DAYS {
                    return refuse("TicketExpired");
                }
                let ticket_day = day - days_ago;
                if ticket_day < node.registered_day {
                    return refuse("TicketBeforeHubRegistration");
                }
                if ticket_day < member.joined_day {
                    return refuse("TicketBeforeMembership");
                }
                if !node.operator_of_day(key, ticket_day) {
                    return refuse("TicketNotSignedByOperator");
                }
                // A day already counted (here, or as a visitor) changes nothing, and is no
                // error.
                if !self.visitor_days[actor].contains(&ticket_day) {
                    self.record_presence(hub, actor, ticket_day)?;
                }
                Ok(())
            }
            Step::Claim(actor) => {
                let Some(required) = self.presence_days else {
                    return refuse("NotAPresenceSociety");
                };
                let Some(member) = &self.members[actor] else {
                    return refuse("AccountNotInitialized");
                };
                if member.standing != Standing::Applicant {
                    return refuse("NotAnApplicant");
                }
                let recent = member
                    .days
                    .iter()
                    .filter(|d| **d <= day && day - **d < RESIDENCY_WINDOW_DAYS)
                    .count() as u32;
                if recent < required {
                    return refuse("NotPresentEnough");
                }
                self.admit_now(actor)
            }
            Step::Deposit { amount, .. } => {
                if amount == 0 {
                    return refuse("ZeroAmount");
                }
                self.treasury_lamports += amount;
                Ok(())
            }
            Step::RegisterHub(hub) => {
                self.require_steward()?;
                if self.hubs.contains_key(&hub) {
                    return refuse("AccountAlreadyExists");
                }
                self.register(hub);
                Ok(())
            }
            Step::RetireHub(hub) => {
                let Some(node) = self.hubs.get(&hub) else {
                    return refuse("AccountNotInitialized");
                };
                self.require_steward()?;
                if !node.active {
                    return refuse("NodeRetired");
                }
                self.retire(hub);
                Ok(())
            }
            Step::Renounce => {
                self.require_steward()?;
                self.steward = None;
                Ok(())
            }
            Step::SetDues {
                token,
                amount,
                period_days,
                grace_days,
            } => {
                self.require_steward()?;
                DuesModel::check_terms(amount, period_days, grace_days)?;
                self.dues = DuesModel {
                    amount,
                    period: period_days * 86_400,
                    grace: grace_days * 86_400,
                    since: now,
                    token,
                };
                Ok(())
            }
            Step::PayDues {
                token,
                payer,
                member,
                periods,
            } => {
                let dues = self.dues;
                let step_now = self.step;
                let cost = dues.amount * u64::from(periods);
                if token {
                    // The payer's own token account pays.
                    if !self.token_accounts[payer] {
                        return refuse("AccountNotInitialized");
                    }
                    if dues.amount > 0 && cost > self.tokens[payer] {
                        return refuse("InsufficientFunds");
                    }
                }
                let Some(m) = self.members[member].as_mut() else {
                    return refuse("AccountNotInitialized");
                };
                if dues.amount == 0 {
                    // Dues ended: a lapsed member returns for nothing (in SOL's form).
                    if m.standing != Standing::Lapsed || token {
                        return refuse("NoDues");
                    }
                } else {
                    if dues.token != token {
                        return refuse("MintMismatch");
                    }
                    if !(1..=120).contains(&periods) {
                        return refuse("DuesPeriodsOutOfRange");
                    }
                    if !matches!(m.standing, Standing::Citizen | Standing::Lapsed) {
                        return refuse("NotDuesPayer");
                    }
                }
                let lapsed = m.standing == Standing::Lapsed;
                let start = if lapsed {
                    now
                } else {
                    m.paid_until.max(dues.since).max(m.admitted_at)
                };
                m.paid_until = start + dues.period * i64::from(periods);
                if lapsed {
                    m.standing = Standing::Citizen;
                    m.admitted_step = Some(step_now);
                }
                if token {
                    self.tokens[payer] -= cost;
                    self.treasury_tokens += cost;
                } else {
                    self.treasury_lamports += cost;
                }
                Ok(())
            }
            Step::MarkLapsed(actor) => {
                let dues = self.dues;
                let Some(m) = self.members[actor].as_mut() else {
                    return refuse("AccountNotInitialized");
                };
                if dues.amount == 0 {
                    return refuse("NoDues");
                }
                if m.standing != Standing::Citizen {
                    return refuse("NotACitizen");
                }
                if !dues.lapsed(m.paid_until, m.admitted_at, now) {
                    return refuse("DuesNotLapsed");
                }
                m.standing = Standing::Lapsed;
                if self.steward == Some(actor) {
                    self.steward = None;
                }
                Ok(())
            }
            Step::Visit { actor, hub } => {
                let Some(node) = self.hubs.get(&hub) else {
                    return refuse("AccountNotInitialized");
                };
                if !node.active {
                    return refuse("NodeRetired");
                }
                if !self.partner_citizens[actor] {
                    return refuse("AccountNotInitialized");
                }
                if let Some(member) = &self.members[actor] {
                    return refuse(if member.standing == Standing::Expelled {
                        "ExpelledByHost"
                    } else {
                        "HostMemberChecksIn"
                    });
                }
                let treaty = self.treaty.ok_or("TreatyNotInForce")?;
                if !treaty.in_force(now) {
                    return refuse("TreatyNotInForce");
                }
                if !TREATY_TERMS[treaty.terms].visits {
                    return refuse("TreatyGrantsNoVisits");
                }
                if self.visitor_days[actor].contains(&day) {
                    return refuse("AlreadyCheckedInToday");
                }
                let epoch = day / 30;
                if epoch > self.census_held.0 {
                    self.census_held = (epoch, self.census_held.0);
                }
                self.visitor_days[actor].insert(day);
                if let Some(t) = self.treaty.as_mut() {
                    t.visits += 1;
                }
                Ok(())
            }
            Step::ApplyByTreaty(actor) => {
                if let Some(member) = &self.members[actor] {
                    return refuse(if member.standing == Standing::Expelled {
                        "MemberExpelled"
                    } else {
                        "AlreadyMember"
                    });
                }
                if !self.partner_citizens[actor] {
                    return refuse("AccountNotInitialized");
                }
                let treaty = self.treaty.ok_or("TreatyNotInForce")?;
                if !treaty.in_force(now) {
                    return refuse("TreatyNotInForce");
                }
                let mut member = self.new_membership(Standing::Applicant);
                if TREATY_TERMS[treaty.terms].immediate {
                    self.members[actor] = Some(member);
                    self.admit_now(actor)?;
                } else {
                    // Counted as one sponsor: short of the two a sponsored society needs.
                    member.sponsor_count = 1;
                    self.members[actor] = Some(member);
                }
                Ok(())
            }
            Step::Upgrade(hub) => {
                let node = self.hubs.get_mut(&hub).ok_or("AccountNotInitialized")?;
                if !node.old_layout {
                    return refuse("AccountUpToDate");
                }
                // Layout 1 knew no term for the previous key: it starts at registration.
                node.old_layout = false;
                node.previous_since = node.registered_day;
                Ok(())
            }
            Step::CloseCensus => {
                let epoch = self.census_next;
                if epoch >= epoch_of(now) {
                    return refuse("CensusEpochNotOver");
                }
                let (current, previous) = self.census_held;
                let figures_kept = epoch == current || epoch >= previous;
                let (present, person_days) = if epoch == current || epoch == previous {
                    self.census(epoch)
                } else {
                    (0, 0)
                };
                let hubs = self.hubs.len() as u32;
                let active = self.hubs.values().filter(|h| h.active).count() as u32;
                let visitors = if epoch == current || epoch == previous {
                    self.census_visitors(epoch)
                } else {
                    (0, 0)
                };
                self.censuses.push(CensusModel {
                    epoch,
                    visitors,
                    figures_kept,
                    present,
                    person_days,
                    members: (self.member_count(), self.citizen_count()),
                    hubs: (hubs, active),
                    countries: u32::from(active > 0),
                    treasury_lamports: self.treasury_lamports,
                });
                self.census_next += 1;
                Ok(())
            }
            Step::Settle(hub) => {
                let spendable = self.spendable_lamports();
                let free = spendable.saturating_sub(self.reserved_lamports);
                let Some(node) = self.hubs.get_mut(&hub) else {
                    return refuse("AccountNotInitialized");
                };
                let node_active = node.active;
                let Some(mut budget) = node.budget else {
                    return refuse("AccountNotInitialized");
                };
                let closes = !budget.active || !node_active;
                if !closes && budget.period_at(now) < budget.next_period {
                    return refuse("BudgetNotDue");
                }
                if closes && budget.token {
                    // The tokens back, and the vault's token account closed (made first if
                    // missing, the settler paying) with the budget account: their rent to
                    // the treasury.
                    self.treasury_tokens += node.vault_tokens;
                    self.treasury_lamports += TOKEN_ACCOUNT_RENT + BUDGET_RENT;
                    node.vault_tokens = 0;
                    node.vault_token_account = false;
                    node.budget = None;
                    return Ok(());
                }
                if closes {
                    // Everything back, the vault's rent and the budget account's too.
                    self.treasury_lamports += node.vault + BUDGET_RENT;
                    node.vault = 0;
                    node.budget = None;
                    return Ok(());
                }
                if budget.token {
                    node.vault_token_account = true;
                    let held = node.vault_tokens;
                    if held < budget.allowance {
                        let need = budget.allowance - held;
                        if need > self.treasury_tokens {
                            return refuse("InsufficientTreasuryFunds");
                        }
                        let mut rail = self.token_outflow.unwrap_or_default();
                        rail.spend(need, self.treasury_tokens, now, &self.rules)?;
                        self.token_outflow = Some(rail);
                        node.vault_tokens += need;
                        self.treasury_tokens -= need;
                    } else {
                        let excess = held - budget.allowance;
                        node.vault_tokens -= excess;
                        self.treasury_tokens += excess;
                    }
                    budget.next_period = budget.period_at(now) + 1;
                    budget.spent = 0;
                    node.budget = Some(budget);
                    return Ok(());
                }
                // The settler tops the vault up to its rent reserve; then it is levelled.
                node.vault = node.vault.max(TREASURY_RESERVE);
                let held = node.vault - TREASURY_RESERVE;
                if held < budget.allowance {
                    let need = budget.allowance - held;
                    if need > free {
                        return refuse("InsufficientTreasuryFunds");
                    }
                    self.sol_outflow.spend(need, spendable, now, &self.rules)?;
                    node.vault += need;
                    self.treasury_lamports -= need;
                } else {
                    let excess = held - budget.allowance;
                    node.vault -= excess;
                    self.treasury_lamports += excess;
                }
                budget.next_period = budget.period_at(now) + 1;
                budget.spent = 0;
                node.budget = Some(budget);
                Ok(())
            }
            Step::Spend {
                hub,
                by,
                to,
                amount,
            } => {
                let Some(node) = self.hubs.get_mut(&hub) else {
                    return refuse("AccountNotInitialized");
                };
                let Some(mut budget) = node.budget else {
                    return refuse("AccountNotInitialized");
                };
                if !node.active {
                    return refuse("NodeRetired");
                }
                if !budget.active {
                    return refuse("BudgetEnded");
                }
                if by.is_some() && by != budget.keeper {
                    return refuse("NotABudgetSpender");
                }
                if amount == 0 {
                    return refuse("ZeroAmount");
                }
                if budget.period_at(now) >= budget.next_period {
                    return refuse("BudgetPeriodNotSettled");
                }
                let held = if budget.token {
                    node.vault_tokens
                } else {
                    node.vault.saturating_sub(TREASURY_RESERVE)
                };
                if amount > (budget.allowance - budget.spent).min(held) {
                    return refuse("BudgetExceeded");
                }
                budget.spent += amount;
                node.budget = Some(budget);
                if budget.token {
                    // The spender makes the recipient's token account if it has none.
                    node.vault_tokens -= amount;
                    self.tokens[to] += amount;
                    self.token_accounts[to] = true;
                } else {
                    node.vault -= amount;
                }
                Ok(())
            }
            Step::SetOperator { hub, key, revoke } => {
                if !self.hubs.contains_key(&hub) {
                    return refuse("AccountNotInitialized");
                }
                self.require_steward()?;
                self.rotate(hub, key, revoke)
            }
            Step::Propose { actor, ref action } => self.propose(actor, action.clone()),
            Step::Vote { actor, choice, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed {
                    return refuse("AccountNotInitialized");
                }
                if self.members[actor].is_none() {
                    return refuse("AccountNotInitialized");
                }
                if p.status != Status::Voting || now >= p.voting_ends_at {
                    return refuse("VotingClosed");
                }
                let Some(member) = self.citizen(actor) else {
                    return refuse("NotACitizen");
                };
                if member.admitted_step.is_none_or(|s| s >= p.created_step) {
                    return refuse("NotEligibleToVote");
                }
                let p = &mut self.proposals[index];
                match p.records.get(&actor).copied() {
                    Some(old) if old == choice => return refuse("VoteUnchanged"),
                    Some(old) => p.tally[old as usize] -= 1,
                    None => {}
                }
                p.records.insert(actor, choice);
                p.tally[choice as usize] += 1;
                // A yes on an outflow holds the exit, counted on the voter's Share.
                if p.action.is_outflow() && choice == Choice::Yes {
                    self.shares[actor] = true;
                }
                Ok(())
            }
            Step::Cancel { actor, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed {
                    return refuse("AccountNotInitialized");
                }
                if p.proposer != actor {
                    return refuse("NotTheProposer");
                }
                if p.status != Status::Voting || now >= p.voting_ends_at {
                    return refuse("VotingClosed");
                }
                self.proposals[index].status = Status::Cancelled;
                self.release_slot(index);
                Ok(())
            }
            Step::DepositToken { actor, amount } => {
                if amount == 0 {
                    return refuse("ZeroAmount");
                }
                if !self.token_accounts[actor] {
                    return refuse("AccountNotInitialized");
                }
                if amount > self.tokens[actor] {
                    return refuse("InsufficientFunds");
                }
                self.tokens[actor] -= amount;
                self.treasury_tokens += amount;
                Ok(())
            }
            Step::Exit {
                actor,
                amount,
                skip,
            } => {
                if !self.shares[actor] || !self.contribution_accounts[actor] {
                    return refuse("AccountNotInitialized");
                }
                if self.exit_held(actor) {
                    return refuse("ExitHeldByYesVote");
                }
                if amount == 0 || amount > self.contributions[actor] {
                    return refuse("ExitExceedsBalance");
                }
                let supply: u64 = self.contributions.iter().sum();
                let free = self
                    .spendable_lamports()
                    .saturating_sub(self.reserved_lamports);
                let share =
                    |held: u64| (u128::from(held) * u128::from(amount) / u128::from(supply)) as u64;
                let lamports = share(free);
                // What an exit pays leaves through the same rails as payments.
                if lamports > 0 {
                    let balance = self.spendable_lamports();
                    self.sol_outflow
                        .spend(lamports, balance, now, &self.rules)?;
                }
                // The basket token, unless forgone; a frozen one only by the holder's choice.
                let mut tokens = 0;
                if self.basket && !skip {
                    if self.basket_frozen {
                        return refuse("BasketAssetFrozen");
                    }
                    tokens = share(self.treasury_basket);
                    if tokens > 0 {
                        let mut rail = self.basket_outflow.unwrap_or_default();
                        rail.spend(tokens, self.treasury_basket, now, &self.rules)?;
                        self.basket_outflow = Some(rail);
                    }
                }
                if lamports == 0 && tokens == 0 {
                    return refuse("ExitPaysNothing");
                }
                self.contributions[actor] -= amount;
                self.treasury_lamports -= lamports;
                self.treasury_basket -= tokens;
                self.basket_tokens[actor] += tokens;
                if self.basket {
                    // The exit makes the holder's token account of each basket mint.
                    self.basket_accounts[actor] = true;
                }
                Ok(())
            }
            Step::Freeze(freeze) => {
                if self.basket_frozen == freeze {
                    return refuse("InvalidState");
                }
                self.basket_frozen = freeze;
                Ok(())
            }
            Step::Object { actor, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed || self.members[actor].is_none() {
                    return refuse("AccountNotInitialized");
                }
                let Some(member) = self.citizen(actor) else {
                    return refuse("NotACitizen");
                };
                if member.admitted_step.is_none_or(|s| s >= p.created_step) {
                    return refuse("NotEligibleToVote");
                }
                if p.action == Action::Expel(actor) {
                    return refuse("NamedMemberCannotObject");
                }
                if p.status != Status::Passed || now >= p.executable_at {
                    return refuse("ObjectionWindowClosed");
                }
                if p.objection_records.contains(&actor) {
                    return refuse("AccountAlreadyExists");
                }
                let p = &mut self.proposals[index];
                p.objections += 1;
                p.objection_records.insert(actor);
                if u64::from(p.objections) * 10_000 >= u64::from(VETO_BPS) * u64::from(p.eligible) {
                    p.status = Status::Vetoed;
                    if let Action::TransferSol { amount, .. } = p.action {
                        self.reserved_lamports -= amount;
                    }
                }
                Ok(())
            }
            Step::CloseObjection { objector, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed || !p.objection_records.contains(&objector) {
                    return refuse("AccountNotInitialized");
                }
                if !p.is_final(now) {
                    return refuse("ProposalNotFinal");
                }
                self.proposals[index].objection_records.remove(&objector);
                Ok(())
            }
            Step::Respond { actor, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed {
                    return refuse("AccountNotInitialized");
                }
                let Action::Expel(named) = p.action else {
                    return refuse("NotAnExpulsion");
                };
                if named != actor {
                    return refuse("NotTheMemberNamed");
                }
                if p.status != Status::Voting || now >= p.voting_ends_at {
                    return refuse("VotingClosed");
                }
                self.proposals[index].answered = true;
                Ok(())
            }
            Step::CloseSponsorship { applicant, sponsor } => {
                let Some(application) = self.sponsorships.get(&(applicant, sponsor)).copied()
                else {
                    return refuse("AccountNotInitialized");
                };
                let counts = self.members[applicant].as_ref().is_some_and(|m| {
                    m.standing == Standing::Applicant && m.application == application
                });
                if counts {
                    return refuse("SponsorshipStillCounts");
                }
                self.sponsorships.remove(&(applicant, sponsor));
                Ok(())
            }
            Step::ProveResidency {
                actor,
                hub,
                min_days,
                window_days,
            } => {
                if !self.hubs.contains_key(&hub) || !self.residencies.contains_key(&(hub, actor)) {
                    return refuse("AccountNotInitialized");
                }
                if window_days > RESIDENCY_WINDOW_DAYS {
                    return refuse("WindowOutOfRange");
                }
                let days = &self.days_present[&(hub, actor)];
                let counted = if window_days == 0 {
                    days.len() as u32
                } else {
                    days.iter()
                        .filter(|d| **d <= day && day - **d < window_days)
                        .count() as u32
                };
                if counted < min_days {
                    return refuse("NotResidentLongEnough");
                }
                Ok(())
            }
            Step::Release(n) => {
                let open: Vec<usize> = (0..self.grants.len())
                    .rev()
                    .filter(|g| !self.grants[*g].closed)
                    .collect();
                if open.is_empty() {
                    return refuse("NoGrant");
                }
                let grant = &mut self.grants[open[n % open.len()]];
                let releasable = grant.vested(now) - grant.released;
                if releasable == 0 {
                    return refuse("NothingVested");
                }
                grant.released += releasable;
                grant.closed = grant.released == grant.amount;
                let to = grant.to;
                self.contributions[to] += releasable;
                Ok(())
            }
            Step::Finalize(_) => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed {
                    return refuse("AccountNotInitialized");
                }
                if p.status != Status::Voting {
                    return refuse("ProposalNotVoting");
                }
                let passed = settled(p, now).ok_or("OutcomeNotYetDecided")?;
                // What a SOL payment sets aside stays within what the treasury holds (the
                // histories run without outflow rails; the test token is not in the exit
                // basket, so its payments set nothing aside).
                let sets_aside = match p.action {
                    Action::TransferSol { amount, .. } => amount,
                    _ => 0,
                };
                let executable_at = now.min(p.voting_ends_at) + p.rules.delay_secs;
                let deadline = executable_at + p.rules.window_secs;
                let after = u128::from(self.reserved_lamports + sets_aside);
                let held = self.spendable_lamports();
                let fits = sets_aside == 0
                    || (after <= u128::from(held)
                        && after <= rails_payable(held, deadline - now, &self.rules));
                let p = &mut self.proposals[index];
                if passed && fits {
                    p.executable_at = executable_at;
                    p.deadline = deadline;
                    p.status = Status::Passed;
                    self.reserved_lamports += sets_aside;
                } else if passed {
                    p.status = Status::Unfunded;
                } else {
                    p.status = Status::Defeated;
                }
                self.release_slot(index);
                Ok(())
            }
            Step::Execute(_) => {
                let index = self.target(step).ok_or("NoProposal")?;
                self.execute(index)
            }
            Step::CloseVote { voter, .. } => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed || !p.records.contains_key(&voter) {
                    return refuse("AccountNotInitialized");
                }
                if !p.is_final(now) {
                    return refuse("ProposalNotFinal");
                }
                self.proposals[index].records.remove(&voter);
                Ok(())
            }
            Step::CloseProposal(_) => {
                let index = self.target(step).ok_or("NoProposal")?;
                let p = &self.proposals[index];
                if p.closed {
                    return refuse("AccountNotInitialized");
                }
                if !p.is_final(now) {
                    return refuse("ProposalNotFinal");
                }
                if !p.records.is_empty() {
                    return refuse("VoteRecordsStillOpen");
                }
                if !p.objection_records.is_empty() {
                    return refuse("ObjectionsStillOpen");
                }
                // An expired payment releases what it set aside.
                if p.status == Status::Passed
                    && let Action::TransferSol { amount, .. } = p.action
                {
                    self.reserved_lamports -= amount;
                }
                self.proposals[index].closed = true;
                Ok(())
            }
        }
    }

    /// A new membership record, numbered as the next application.
    fn new_membership(&mut self, standing: Standing) -> MemberModel {
        self.applications += 1;
        MemberModel {
            standing,
            application: self.applications - 1,
            admitted_step: None,
            open_proposals: 0,
            sponsor_count: 0,
            check_in_count: 0,
            days: Default::default(),
            admitted_at: 0,
            joined_day: (self.now / 86_400) as u32,
            paid_until: 0,
        }
    }

    fn register(&mut self, hub: usize) {
        let now = self.now;
        self.hubs.insert(
            hub,
            HubModel {
                active: true,
                check_in_count: 0,
                resident_count: 0,
                operator: 0,
                previous: None,
                old_layout: false,
                registered_day: (now / 86_400) as u32,
                operator_since: (now / 86_400) as u32,
                previous_since: (now / 86_400) as u32,
                budget: None,
                vault: 0,
                vault_tokens: 0,
                vault_token_account: false,
            },
        );
    }

    /// A registered, active hub and a member not expelled, as every presence at a door
    /// needs.
    fn require_door(&self, hub: usize, actor: usize) -> Result<(&HubModel, &MemberModel), Refusal> {
        let node = self.hubs.get(&hub).ok_or("AccountNotInitialized")?;
        let member = self.members[actor]
            .as_ref()
            .ok_or("AccountNotInitialized")?;
        if !node.active {
            return refuse("NodeRetired");
        }
        if member.standing == Standing::Expelled {
            return refuse("MemberExpelled");
        }
        Ok((node, member))
    }

    /// Records `actor`'s presence at `hub` on `day` (a check-in, or a ticket of that day):
    /// false when that (hub, wallet, day) was counted already, which changes nothing.
    /// Each (wallet, day) counts once in the census, in the epoch the counters hold.
    fn record_presence(&mut self, hub: usize, actor: usize, day: u32) -> Result<bool, Refusal> {
        if self
            .days_present
            .get(&(hub, actor))
            .is_some_and(|days| days.contains(&day))
        {
            return Ok(false);
        }
        let epoch = day / 30;
        let fresh_day = self.members[actor]
            .as_ref()
            .is_some_and(|m| !m.days.contains(&day));
        if fresh_day {
            if epoch < self.census_next {
                return refuse("CensusEpochClosed");
            }
            if epoch > self.census_held.0 {
                // A newer epoch rolls the counters.
                self.census_held = (epoch, self.census_held.0);
            } else if epoch != self.census_held.0 && epoch != self.census_held.1 {
                return refuse("CensusEpochNotHeld");
            }
        }
        let residency = self.residencies.get(&(hub, actor)).copied();
        let (days, last) = residency.unwrap_or((0, 0));
        self.residencies
            .insert((hub, actor), (days + 1, last.max(day)));
        self.days_present
            .entry((hub, actor))
            .or_default()
            .insert(day);
        let node = self.hubs.get_mut(&hub).ok_or("UnknownNode")?;
        node.check_in_count += 1;
        if residency.is_none() {
            node.resident_count += 1;
        }
        if let Some(member) = self.members[actor].as_mut() {
            member.check_in_count += 1;
            member.days.insert(day);
        }
        Ok(true)
    }

    /// Hands `hub`'s door to key `key` (it must be active and the key a new one).
    fn rotate(&mut self, hub: usize, key: usize, revoke: bool) -> Result<(), Refusal> {
        let node = self.hubs.get_mut(&hub).ok_or("UnknownNode")?;
        if !node.active {
            return refuse("NodeRetired");
        }
        if node.operator == key {
            return refuse("OperatorUnchanged");
        }
        let today = (self.now / 86_400) as u32;
        node.previous = (!revoke).then_some(node.operator);
        node.previous_since = if revoke { today } else { node.operator_since };
        node.operator = key;
        node.operator_since = today;
        Ok(())
    }

    fn retire(&mut self, hub: usize) {
        if let Some(node) = self.hubs.get_mut(&hub) {
            node.active = false;
        }
    }

    fn propose(&mut self, actor: usize, action: Action) -> Result<(), Refusal> {
        let Some(member) = self.members[actor].clone() else {
            return refuse("AccountNotInitialized");
        };
        if member.standing != Standing::Citizen {
            return refuse("NotACitizen");
        }
        if member.open_proposals >= self.rules.max_open {
            return refuse("TooManyOpenProposals");
        }
        match action {
            Action::Signal
            | Action::UpdateRules(_)
            | Action::Amend(_)
            | Action::SetSteward(None)
            | Action::MintContribution { .. }
            | Action::TransferSol { .. }
            | Action::TransferToken { .. } => {}
            Action::Admit(b) => match &self.members[b] {
                None => return refuse("NotAMember"),
                Some(m) if m.standing != Standing::Applicant => return refuse("NotAnApplicant"),
                Some(_) => {}
            },
            Action::Expel(b) => match &self.members[b] {
                None => return refuse("NotAMember"),
                Some(m) if m.standing == Standing::Expelled => return refuse("MemberExpelled"),
                Some(_) => {}
            },
            Action::RegisterHub(h) => {
                if self.hubs.contains_key(&h) {
                    return refuse("NodeCodeTaken");
                }
            }
            Action::SetBudget {
                hub,
                allowance,
                period_days,
                ..
            } => {
                if allowance == 0 {
                    return refuse("ZeroAmount");
                }
                if !(1..=366).contains(&period_days) {
                    return refuse("BudgetPeriodOutOfRange");
                }
                match self.hubs.get(&hub) {
                    None => return refuse("UnknownNode"),
                    Some(node) if !node.active => return refuse("NodeRetired"),
                    Some(_) => {}
                }
            }
            Action::EndBudget(hub) => {
                if self.hubs.get(&hub).is_none_or(|h| h.budget.is_none()) {
                    return refuse("NoNodeBudget");
                }
            }
            Action::ProposeTreaty(_) | Action::RatifyTreaty(_) | Action::WithdrawTreaty => {}
            Action::SetBasket(listed) => {
                if listed && !self.basket && self.pending_token_grants() > 0 {
                    return refuse("TokenGrantsPending");
                }
            }
            Action::SetDues {
                amount,
                period_days,
                grace_days,
                ..
            } => DuesModel::check_terms(amount, period_days, grace_days)?,
            Action::SetOperator { hub, key, .. } => match self.hubs.get(&hub) {
                None => return refuse("UnknownNode"),
                Some(node) if !node.active => return refuse("NodeRetired"),
                Some(node) if node.operator == key => return refuse("OperatorUnchanged"),
                Some(_) => {}
            },
            Action::RetireHub(h) => match self.hubs.get(&h) {
                None => return refuse("UnknownNode"),
                Some(node) if !node.active => return refuse("NodeRetired"),
                Some(_) => {}
            },
            Action::SetSteward(Some(b)) => {
                if self.citizen(b).is_none() {
                    return refuse("StewardNotACitizen");
                }
            }
        }
        let eligible = self.citizen_count();
        let mut rules = self.rules.judged(&action);
        // In a society that admits by presence a door key vouches for the days that make
        // citizens: choosing one is judged by the supermajority.
        let door_of_citizens = self.presence_days.is_some()
            && matches!(action, Action::RegisterHub(_) | Action::SetOperator { .. });
        // A payment above the asset's balance is large (the histories run with the
        // large-transfer share at 100%): judged by the supermajority.
        let free_lamports = self
            .spendable_lamports()
            .saturating_sub(self.reserved_lamports);
        let over = |amount: u64, held: u64| {
            u128::from(amount) * 10_000 > u128::from(self.rules.large_bps) * u128::from(held)
        };
        let large = match action {
            Action::TransferSol { amount, .. } => over(amount, free_lamports),
            Action::TransferToken { amount, .. } => over(amount, self.treasury_tokens),
            // A hub budget is judged by one period's allowance.
            Action::SetBudget {
                allowance, token, ..
            } => over(
                allowance,
                if token {
                    self.treasury_tokens
                } else {
                    free_lamports
                },
            ),
            // New contribution tokens hand over amount / (supply + amount) of every exit.
            Action::MintContribution { amount, .. } => {
                let supply: u64 = self.contributions.iter().sum();
                over(amount, supply + amount)
            }
            _ => false,
        };
        if large || door_of_citizens {
            rules.quorum_bps = rules.quorum_bps.max(rules.supermajority_quorum_bps);
            rules.approval_bps = rules.approval_bps.max(rules.supermajority_bps);
        }
        let voting_secs = match action {
            Action::Expel(_) => rules.voting_secs.max(MIN_EXPULSION_VOTING_SECS),
            _ => rules.voting_secs,
        };
        if let Some(member) = self.members[actor].as_mut() {
            member.open_proposals += 1;
        }
        self.proposals.push(ProposalModel {
            closed: false,
            proposer: actor,
            proposer_application: member.application,
            action,
            status: Status::Voting,
            records: BTreeMap::new(),
            tally: [0; 3],
            eligible,
            created_step: self.step,
            voting_ends_at: self.now + voting_secs,
            rules,
            executable_at: 0,
            deadline: 0,
            objections: 0,
            objection_records: Default::default(),
            answered: false,
        });
        Ok(())
    }

    fn execute(&mut self, index: usize) -> Result<(), Refusal> {
        let now = self.now;
        let p = self.proposals[index].clone();
        if p.closed {
            return refuse("AccountNotInitialized");
        }
        match p.status {
            Status::Executed => return refuse("ProposalAlreadyExecuted"),
            Status::Defeated => return refuse("ProposalDefeated"),
            Status::Cancelled => return refuse("ProposalCancelled"),
            Status::Voting => return refuse("ProposalNotFinalized"),
            Status::Vetoed => return refuse("ProposalVetoed"),
            Status::Unfunded => return refuse("ProposalUnfunded"),
            Status::Passed => {}
        }
        if now < p.executable_at {
            return refuse("ProposalNotYetExecutable");
        }
        if p.expired(now) {
            return refuse("ProposalExpired");
        }
        let hub = match p.action {
            Action::RetireHub(h)
            | Action::SetOperator { hub: h, .. }
            | Action::SetBudget { hub: h, .. }
            | Action::EndBudget(h) => Some(h),
            _ => None,
        };
        if hub.is_some_and(|h| self.hubs.get(&h).is_some_and(|n| n.old_layout)) {
            return refuse("AccountNeedsUpgrade");
        }
        match p.action {
            Action::Signal => {}
            Action::TransferSol { to: _, amount } => {
                let balance = self.spendable_lamports();
                let mut rail = self.sol_outflow;
                rail.spend(amount, balance, now, &self.rules)?;
                if amount > balance {
                    return refuse("InsufficientTreasuryFunds");
                }
                self.sol_outflow = rail;
                self.treasury_lamports -= amount;
                self.reserved_lamports -= amount;
            }
            Action::TransferToken { to, amount } => {
                self.token_leaves(amount, self.treasury_tokens)?;
                if amount > self.treasury_tokens {
                    return refuse("InsufficientTreasuryFunds");
                }
                self.treasury_tokens -= amount;
                self.tokens[to] += amount;
                self.token_accounts[to] = true;
            }
            Action::MintContribution {
                to,
                amount,
                vesting,
            } => {
                self.shares[to] = true;
                self.contribution_accounts[to] = true;
                if vesting > 0 {
                    self.grants.push(GrantModel {
                        proposal: index,
                        to,
                        amount,
                        released: 0,
                        start: now,
                        duration: vesting,
                        closed: false,
                    });
                } else {
                    self.contributions[to] += amount;
                }
            }
            Action::Admit(b) => {
                if self.members[b].is_none() {
                    return refuse("NotAMember");
                }
                self.admit_now(b)?;
            }
            Action::Expel(b) => {
                match self.members[b].as_mut() {
                    Some(m) if m.standing == Standing::Expelled => {
                        return refuse("MemberExpelled");
                    }
                    Some(m) => m.standing = Standing::Expelled,
                    None => self.members[b] = Some(self.new_membership(Standing::Expelled)),
                }
                if self.steward == Some(b) {
                    self.steward = None;
                }
            }
            Action::RegisterHub(h) => {
                if self.hubs.contains_key(&h) {
                    return refuse("AccountAlreadyExists");
                }
                self.register(h);
            }
            Action::RetireHub(h) => {
                if !self.hubs.get(&h).is_some_and(|node| node.active) {
                    return refuse("NodeRetired");
                }
                self.retire(h);
            }
            Action::SetOperator { hub, key, revoke } => self.rotate(hub, key, revoke)?,
            Action::SetDues {
                token,
                amount,
                period_days,
                grace_days,
            } => {
                self.dues = DuesModel {
                    amount,
                    period: period_days * 86_400,
                    grace: grace_days * 86_400,
                    since: now,
                    token,
                };
            }
            Action::SetBasket(listed) => {
                // A mint joins only while no token payment is pending (each reservation is
                // released from the slot it was made in).
                if listed && !self.basket && self.pending_token_grants() > 0 {
                    return refuse("TokenGrantsPending");
                }
                self.basket = listed;
            }
            Action::ProposeTreaty(terms) => {
                let treaty = self.treaty.as_mut().ok_or("TreatyNotProposed")?;
                let ended = match treaty.status {
                    TreatyStatusModel::Withdrawn => true,
                    TreatyStatusModel::Ratified => treaty.ends_at != 0 && now >= treaty.ends_at,
                    TreatyStatusModel::Proposed => false,
                };
                if treaty.status == TreatyStatusModel::Ratified && !ended {
                    return refuse("TreatyAlreadyInForce");
                }
                treaty.status = TreatyStatusModel::Proposed;
                treaty.proposed_by_us = true;
                treaty.terms = terms;
                treaty.withdrawn_by_us = None;
                treaty.ends_at = 0;
            }
            Action::RatifyTreaty(terms) => {
                let treaty = self.treaty.as_mut().ok_or("TreatyNotProposed")?;
                if treaty.status != TreatyStatusModel::Proposed {
                    return refuse("TreatyNotProposed");
                }
                if treaty.proposed_by_us {
                    return refuse("CannotRatifyOwnOffer");
                }
                if treaty.terms != terms {
                    return refuse("TreatyTermsMismatch");
                }
                treaty.status = TreatyStatusModel::Ratified;
            }
            Action::WithdrawTreaty => {
                let treaty = self.treaty.as_mut().ok_or("TreatyNotInForce")?;
                match treaty.status {
                    TreatyStatusModel::Proposed => {
                        treaty.status = TreatyStatusModel::Withdrawn;
                        treaty.ends_at = now;
                    }
                    TreatyStatusModel::Ratified if treaty.ends_at == 0 => {
                        treaty.ends_at = now + TREATY_TERMS[treaty.terms].notice_secs;
                    }
                    _ => return refuse("TreatyNotInForce"),
                }
                treaty.withdrawn_by_us = Some(true);
            }
            Action::SetBudget {
                hub,
                token,
                allowance,
                period_days,
                keeper,
            } => {
                let node = self.hubs.get_mut(&hub).ok_or("AccountNotInitialized")?;
                if !node.active {
                    return refuse("NodeRetired");
                }
                if node.budget.is_some_and(|b| b.token != token) {
                    return refuse("BudgetMintFixed");
                }
                // New terms start a new period 0, due for settlement at once.
                node.budget = Some(BudgetModel {
                    token,
                    allowance,
                    period: period_days * 86_400,
                    keeper,
                    active: true,
                    started_at: now,
                    next_period: 0,
                    spent: node.budget.map_or(0, |b| b.spent),
                });
            }
            Action::EndBudget(hub) => {
                let node = self.hubs.get_mut(&hub).ok_or("AccountNotInitialized")?;
                let budget = node.budget.as_mut().ok_or("NoNodeBudget")?;
                if !budget.active {
                    return refuse("BudgetEnded");
                }
                budget.active = false;
            }
            Action::UpdateRules(r) => self.rules = RULES[r],
            Action::Amend(c) => self.constitution = CONSTITUTIONS[c].into(),
            Action::SetSteward(None) => self.steward = None,
            Action::SetSteward(Some(b)) => {
                if self.citizen(b).is_none() {
                    return refuse("StewardNotACitizen");
                }
                self.steward = Some(b);
            }
        }
        self.proposals[index].status = Status::Executed;
        Ok(())
    }
}

/// The outcome of `p` if it is settled at `now`: at the end of the vote, whatever the votes;
/// before, only if the citizens who have not voted cannot change it. An expulsion never
/// passes early.
pub fn settled(p: &ProposalModel, now: i64) -> Option<bool> {
    if now >= p.voting_ends_at {
        return Some(passes(p.tally, p.eligible, &p.rules));
    }
    let cast: u32 = p.tally.iter().sum();
    let rest = p.eligible.saturating_sub(cast);
    let [yes, no, abstain] = p.tally;
    let if_all_no = passes([yes, no + rest, abstain], p.eligible, &p.rules);
    let if_all_yes = passes([yes + rest, no, abstain], p.eligible, &p.rules);
    let expulsion = matches!(p.action, Action::Expel(_));
    if !expulsion && passes(p.tally, p.eligible, &p.rules) && if_all_no {
        Some(true)
    } else if !if_all_yes {
        Some(false)
    } else {
        None
    }
}
