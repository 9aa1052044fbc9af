//! The Proposal account: one decision of a society, from creation through the vote, the
//! timelock and execution. The voting and outcome rules are methods here.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::text::{is_printable_label, is_uri_text};
use crate::state::{BudgetTerms, Dues, GovernanceParams, NodeSpec, TreatyTerms};

/// What a proposal does when executed. Arguments are validated when it is created.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(
        tag = "kind",
        rename_all = "camelCase",
        rename_all_fields = "camelCase"
    )
)]
pub enum ProposalAction {
    /// Nothing on-chain: a recorded opinion of the society.
    Signal,
    /// Pay `amount` lamports from the treasury to `recipient`.
    TransferSol {
        /// The wallet paid.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        recipient: Pubkey,
        /// Lamports.
        amount: u64,
    },
    /// Pay `amount` base units of `mint` from the treasury's associated token account to
    /// the associated token account of `recipient` (created if missing).
    TransferToken {
        /// The token mint (SPL Token or Token-2022).
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        mint: Pubkey,
        /// The wallet paid (owner of the receiving associated token account).
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        recipient: Pubkey,
        /// Base units.
        amount: u64,
    },
    /// Grant `amount` base units of the society's contribution token to `recipient`: minted
    /// at execution, or with a vesting period minted as it vests (a Grant account).
    MintContribution {
        /// The wallet credited.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        recipient: Pubkey,
        /// Base units.
        amount: u64,
        /// Seconds over which it vests linearly from execution (0: all at once; at most
        /// 4 years).
        vesting_secs: u32,
    },
    /// Admit the applicant with this wallet.
    AdmitMember {
        /// The applicant's wallet.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        wallet: Pubkey,
    },
    /// Expel the member with this wallet; they can never re-apply.
    ExpelMember {
        /// The member's wallet.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        wallet: Pubkey,
    },
    /// Register a node.
    RegisterNode {
        /// The node to register.
        spec: NodeSpec,
    },
    /// Retire the node with this code.
    RetireNode {
        /// The node's code.
        #[max_len(MAX_NODE_CODE_LEN)]
        code: String,
    },
    /// Replace the governance parameters (proposals already open keep theirs).
    UpdateGovernance {
        /// The new parameters.
        params: GovernanceParams,
    },
    /// Point the society at a new constitution.
    AmendConstitution {
        /// New constitution URI.
        #[max_len(MAX_CONSTITUTION_URI_LEN)]
        uri: String,
        /// Its SHA-256.
        #[cfg_attr(feature = "serde", serde(serialize_with = "crate::serde_words::hex32"))]
        hash: [u8; 32],
    },
    /// Appoint a steward (`Some`) or end stewardship (`None`).
    SetSteward {
        /// The new steward, or none.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::option_pubkey")
        )]
        steward: Option<Pubkey>,
    },
    /// Hand a hub's door to a new operator key.
    SetNodeOperator {
        /// The hub's code.
        #[max_len(MAX_NODE_CODE_LEN)]
        code: String,
        /// The new operator.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        operator: Pubkey,
        /// Void the old key's tickets at once (a key stolen or lost).
        revoke_previous: bool,
    },
    /// Offer a treaty to another society of this deployment.
    ProposeTreaty {
        /// The partner society (its Society account).
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        partner: Pubkey,
        /// The terms offered.
        terms: TreatyTerms,
    },
    /// Ratify the partner's offer: the terms must be the offered ones, word for word.
    RatifyTreaty {
        /// The society that offered.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        partner: Pubkey,
        /// The terms, as offered.
        terms: TreatyTerms,
    },
    /// Withdraw from a treaty (or an offer): it ends after its notice period.
    WithdrawTreaty {
        /// The other society.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::pubkey")
        )]
        partner: Pubkey,
    },
    /// Set the dues (an amount of 0 ends them); they take effect at execution.
    SetDues {
        /// The new terms (`since` is set at execution).
        dues: Dues,
    },
    /// List the token mints an exit with a share pays out besides SOL (up to four;
    /// `Pubkey::default()` for an empty slot).
    SetExitBasket {
        /// The mints, by slot.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::serde_words::filled_slots")
        )]
        mints: [Pubkey; EXIT_BASKET_MINTS],
    },
    /// Grant a hub a budget, or change it (new terms take effect at once, in a new period;
    /// the asset cannot change while the budget is in force).
    SetNodeBudget {
        /// The hub's code.
        #[max_len(MAX_NODE_CODE_LEN)]
        code: String,
        /// What it allows.
        terms: BudgetTerms,
    },
    /// End a hub's budget: no more spending; its settlement returns the vault to the
    /// treasury (a claw-back).
    EndNodeBudget {
        /// The hub's code.
        #[max_len(MAX_NODE_CODE_LEN)]
        code: String,
    },
}

impl ProposalAction {
    /// Short name for events and logs.
    pub fn kind(&self) -> ActionKind {
        match self {
            ProposalAction::Signal => ActionKind::Signal,
            ProposalAction::TransferSol { .. } => ActionKind::TransferSol,
            ProposalAction::TransferToken { .. } => ActionKind::TransferToken,
            ProposalAction::MintContribution { .. } => ActionKind::MintContribution,
            ProposalAction::AdmitMember { .. } => ActionKind::AdmitMember,
            ProposalAction::ExpelMember { .. } => ActionKind::ExpelMember,
            ProposalAction::RegisterNode { .. } => ActionKind::RegisterNode,
            ProposalAction::RetireNode { .. } => ActionKind::RetireNode,
            ProposalAction::UpdateGovernance { .. } => ActionKind::UpdateGovernance,
            ProposalAction::AmendConstitution { .. } => ActionKind::AmendConstitution,
            ProposalAction::SetSteward { .. } => ActionKind::SetSteward,
            ProposalAction::SetNodeOperator { .. } => ActionKind::SetNodeOperator,
            ProposalAction::ProposeTreaty { .. } => ActionKind::ProposeTreaty,
            ProposalAction::RatifyTreaty { .. } => ActionKind::RatifyTreaty,
            ProposalAction::WithdrawTreaty { .. } => ActionKind::WithdrawTreaty,
            ProposalAction::SetExitBasket { .. } => ActionKind::SetExitBasket,
            ProposalAction::SetDues { .. } => ActionKind::SetDues,
            ProposalAction::SetNodeBudget { .. } => ActionKind::SetNodeBudget,
            ProposalAction::EndNodeBudget { .. } => ActionKind::EndNodeBudget,
        }
    }

    /// True for the entrenched articles: actions that need the supermajority and its
    /// quorum. They change the constitution, the rules, who belongs or who administers, the
    /// society's treaties, what an exit pays, or the dues (which can take a citizen's vote,
    /// as an expulsion does). A governance change is judged by the stricter of the current
    /// and the proposed supermajority ([`GovernanceParams::judge_change_to`]).
    pub fn is_constitutional(&self) -> bool {
        matches!(
            self,
            ProposalAction::AmendConstitution { .. }
                | ProposalAction::UpdateGovernance { .. }
                | ProposalAction::ExpelMember { .. }
                | ProposalAction::SetSteward { .. }
                | ProposalAction::ProposeTreaty { .. }
                | ProposalAction::RatifyTreaty { .. }
                | ProposalAction::WithdrawTreaty { .. }
                | ProposalAction::SetExitBasket { .. }
                | ProposalAction::SetDues { .. }
        )
    }

    /// The quorum and approval, in basis points, a vote on this action is judged by under
    /// `params`.
    pub fn thresholds(&self, params: &GovernanceParams) -> (u16, u16) {
        match self {
            ProposalAction::UpdateGovernance { params: proposed } => {
                params.judge_change_to(proposed)
            }
            action if action.is_constitutional() => {
                (params.supermajority_quorum_bps, params.supermajority_bps)
            }
            _ => (params.quorum_bps, params.approval_bps),
        }
    }

    /// Seconds the vote on this action stays open under `params`: an expulsion's is never
    /// shorter than [`MIN_EXPULSION_VOTING_SECS`], so the member named can answer.
    pub fn voting_period_secs(&self, params: &GovernanceParams) -> u32 {
        match self {
            ProposalAction::ExpelMember { .. } => {
                params.voting_period_secs.max(MIN_EXPULSION_VOTING_SECS)
            }
            _ => params.voting_period_secs,
        }
    }

    /// The partner society of a treaty action.
    pub fn treaty_partner(&self) -> Option<&Pubkey> {
        match self {
            ProposalAction::ProposeTreaty { partner, .. }
            | ProposalAction::RatifyTreaty { partner, .. }
            | ProposalAction::WithdrawTreaty { partner } => Some(partner),
            _ => None,
        }
    }

    /// The wallet whose membership the action is about: the applicant or member of
    /// `AdmitMember` and `ExpelMember`, the new steward of `SetSteward`.
    pub fn member_wallet(&self) -> Option<&Pubkey> {
        match self {
            ProposalAction::AdmitMember { wallet } | ProposalAction::ExpelMember { wallet } => {
                Some(wallet)
            }
            ProposalAction::SetSteward { steward } => steward.as_ref(),
            _ => None,
        }
    }

    /// The seed bytes of the member wallet the action names (empty for other actions), for
    /// the execute instructions' seeds constraints.
    pub fn member_wallet_seed(&self) -> &[u8] {
        self.member_wallet().map_or(&[], |wallet| wallet.as_ref())
    }

    /// True for outflows out of the treasury: payments (`TransferSol`, `TransferToken`) and
    /// hub budgets (`SetNodeBudget`, which pays an allowance every period). A yes vote on
    /// one holds the voter's exit until the vote record closes, so no one approves money
    /// leaving and takes their share out before it leaves.
    pub fn is_outflow(&self) -> bool {
        matches!(
            self,
            ProposalAction::TransferSol { .. }
                | ProposalAction::TransferToken { .. }
                | ProposalAction::SetNodeBudget { .. }
        )
    }

    /// The treasury token mint the action pays out of: a `TransferToken`'s, a token
    /// `SetNodeBudget`'s.
    pub fn treasury_mint(&self) -> Option<Pubkey> {
        match self {
            ProposalAction::TransferToken { mint, .. } => Some(*mint),
            ProposalAction::SetNodeBudget { terms, .. } => terms.mint,
            _ => None,
        }
    }

    /// The account paid by `TransferSol`, `TransferToken` and `MintContribution`.
    pub fn recipient(&self) -> Option<&Pubkey> {
        match self {
            ProposalAction::TransferSol { recipient, .. }
            | ProposalAction::TransferToken { recipient, .. }
            | ProposalAction::MintContribution { recipient, .. } => Some(recipient),
            _ => None,
        }
    }

    /// The seed bytes of the hub an action about a hub names (empty for
    /// other actions), for the execute instructions' seeds constraints.
    pub fn node_code_seed(&self) -> &[u8] {
        match self {
            ProposalAction::RegisterNode { spec } => seed_bytes(&spec.code),
            ProposalAction::RetireNode { code }
            | ProposalAction::SetNodeOperator { code, .. }
            | ProposalAction::SetNodeBudget { code, .. }
            | ProposalAction::EndNodeBudget { code } => seed_bytes(code),
            _ => &[],
        }
    }

    /// The country seed of a `RegisterNode` action (its hub's country code; empty for
    /// other actions).
    pub fn node_country_seed(&self) -> &[u8] {
        match self {
            ProposalAction::RegisterNode { spec } => spec.country.as_ref(),
            _ => &[],
        }
    }
}

/// The kind of a [`ProposalAction`], without its arguments.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ActionKind {
    /// See [`ProposalAction::Signal`].
    Signal,
    /// See [`ProposalAction::TransferSol`].
    TransferSol,
    /// See [`ProposalAction::TransferToken`].
    TransferToken,
    /// See [`ProposalAction::MintContribution`].
    MintContribution,
    /// See [`ProposalAction::AdmitMember`].
    AdmitMember,
    /// See [`ProposalAction::ExpelMember`].
    ExpelMember,
    /// See [`ProposalAction::RegisterNode`].
    RegisterNode,
    /// See [`ProposalAction::RetireNode`].
    RetireNode,
    /// See [`ProposalAction::UpdateGovernance`].
    UpdateGovernance,
    /// See [`ProposalAction::AmendConstitution`].
    AmendConstitution,
    /// See [`ProposalAction::SetSteward`].
    SetSteward,
    /// See [`ProposalAction::SetNodeOperator`].
    SetNodeOperator,
    /// See [`ProposalAction::ProposeTreaty`].
    ProposeTreaty,
    /// See [`ProposalAction::RatifyTreaty`].
    RatifyTreaty,
    /// See [`ProposalAction::WithdrawTreaty`].
    WithdrawTreaty,
    /// See [`ProposalAction::SetExitBasket`].
    SetExitBasket,
    /// See [`ProposalAction::SetDues`].
    SetDues,
    /// See [`ProposalAction::SetNodeBudget`].
    SetNodeBudget,
    /// See [`ProposalAction::EndNodeBudget`].
    EndNodeBudget,
}

/// Where a proposal stands. A `Passed` proposal whose execution window has closed is
/// expired: see [`Proposal::is_expired`].
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ProposalStatus {
    /// Open for votes.
    Voting,
    /// Cancelled by its proposer while voting was open.
    Cancelled,
    /// Did not reach quorum or approval.
    Defeated,
    /// Passed; executable from `executable_at` until `execution_deadline`.
    Passed,
    /// Executed.
    Executed,
    /// Passed, then vetoed by objections of its electorate during the timelock; never
    /// executes.
    Vetoed,
    /// Passed, but what it would pay could not be set aside on top of what passed payments
    /// already reserved (more than the treasury holds, or than its outflow rails pay before
    /// the payment expires); never executes.
    Unfunded,
}

/// A citizen's vote.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub enum VoteChoice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts towards quorum only.
    Abstain,
}

/// Yes, no and abstain counts.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct Tally {
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}

impl Tally {
    /// Votes cast.
    pub fn cast(&self) -> u64 {
        u64::from(self.yes) + u64::from(self.no) + u64::from(self.abstain)
    }

    fn slot(&mut self, choice: VoteChoice) -> &mut u32 {
        match choice {
            VoteChoice::Yes => &mut self.yes,
            VoteChoice::No => &mut self.no,
            VoteChoice::Abstain => &mut self.abstain,
        }
    }

    /// Adds one vote.
    pub fn add(&mut self, choice: VoteChoice) -> Result<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_add(1).ok_or(NetstateError::CounterOverflow)?;
        Ok(())
    }

    /// Removes one vote.
    pub fn remove(&mut self, choice: VoteChoice) -> Result<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_sub(1).ok_or(NetstateError::CounterOverflow)?;
        Ok(())
    }
}

/// Whether `tally` out of `eligible` voters passes `quorum_bps` and `approval_bps`:
/// turnout (yes+no+abstain) ≥ quorum of eligible, and yes ≥ approval of yes+no.
pub fn passes(tally: &Tally, eligible: u32, quorum_bps: u16, approval_bps: u16) -> bool {
    let yes = u64::from(tally.yes);
    let decided = yes + u64::from(tally.no);
    let denominator = u64::from(BPS_DENOMINATOR);
    let quorum_met = tally.cast() * denominator >= u64::from(quorum_bps) * u64::from(eligible);
    let approved = decided > 0 && yes * denominator >= u64::from(approval_bps) * decided;
    quorum_met && approved
}

/// A proposal. PDA `["proposal", society, index]` (index as u64 little-endian).
#[account]
#[derive(InitSpace, Debug)]
pub struct Proposal {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society deciding.
    pub society: Pubkey,
    /// Index within the society (0, 1, 2, ...).
    pub index: u64,
    /// The citizen who proposed it and paid its rent.
    pub proposer: Pubkey,
    /// `applied_seq` of the proposer's membership that holds the open-proposal slot.
    pub proposer_applied_seq: u64,
    /// Title (1..=64 bytes).
    #[max_len(MAX_TITLE_LEN)]
    pub title: String,
    /// Where the full text lives (0..=128 bytes).
    #[max_len(MAX_DESCRIPTION_URI_LEN)]
    pub description_uri: String,
    /// SHA-256 of the full text.
    pub description_hash: [u8; 32],
    /// What it does when executed.
    pub action: ProposalAction,
    /// Where it stands.
    pub status: ProposalStatus,
    /// Votes so far.
    pub tally: Tally,
    /// Citizens at creation: the quorum's denominator.
    pub eligible_count: u32,
    /// Vote records not yet closed (the proposal closes after all of them).
    pub open_vote_records: u32,
    /// Quorum in force at creation.
    pub quorum_bps: u16,
    /// Approval threshold in force at creation.
    pub approval_bps: u16,
    /// Timelock in force at creation.
    pub execution_delay_secs: u32,
    /// Execution window in force at creation.
    pub execution_window_secs: u32,
    /// Society sequence number at creation: citizens admitted later may not vote.
    pub created_seq: u64,
    /// Slot of creation: never executable in that slot.
    pub created_slot: u64,
    /// Unix time of creation.
    pub created_at: i64,
    /// Votes are accepted while the clock is before this.
    pub voting_ends_at: i64,
    /// Unix time it was finalized, cancelled (0 before).
    pub finalized_at: i64,
    /// Executable from (0 unless passed).
    pub executable_at: i64,
    /// Executable until, exclusive (0 unless passed).
    pub execution_deadline: i64,
    /// Unix time of execution (0 before).
    pub executed_at: i64,
    /// The answer of the member an expulsion names: where it lives (empty for none).
    #[max_len(MAX_RESPONSE_URI_LEN)]
    pub response_uri: String,
    /// SHA-256 of the answer's text.
    pub response_hash: [u8; 32],
    /// Unix time the answer was attached or last replaced (0 for none).
    pub responded_at: i64,
    /// Objections during the timelock so far.
    pub objections: u32,
    /// Objection records not yet closed (the proposal closes after all of them).
    pub open_objections: u32,
    /// Share of the electorate whose objections veto it, in force at creation.
    pub veto_bps: u16,
}

impl Proposal {
    /// Validates a title.
    pub fn validate_title(title: &str) -> Result<()> {
        require!(!title.is_empty(), NetstateError::TitleEmpty);
        require!(title.len() <= MAX_TITLE_LEN, NetstateError::TitleTooLong);
        require!(is_printable_label(title), NetstateError::TitleNotPrintable);
        Ok(())
    }

    /// Validates a description URI (empty means none).
    pub fn validate_description_uri(uri: &str) -> Result<()> {
        require!(
            uri.len() <= MAX_DESCRIPTION_URI_LEN,
            NetstateError::DescriptionUriTooLong
        );
        require!(is_uri_text(uri), NetstateError::DescriptionUriInvalid);
        Ok(())
    }

    /// Validates a response URI (1..=128 printable ASCII bytes).
    pub fn validate_response_uri(uri: &str) -> Result<()> {
        require!(
            uri.len() <= MAX_RESPONSE_URI_LEN,
            NetstateError::ResponseUriTooLong
        );
        require!(
            !uri.is_empty() && is_uri_text(uri),
            NetstateError::ResponseUriInvalid
        );
        Ok(())
    }

    /// Thresholds and timings are copied from `params` at creation, so a later
    /// `UpdateGovernance` does not move the goalposts of an open vote. A constitutional
    /// action, and a `large` payment, take the supermajority and its quorum
    /// ([`ProposalAction::thresholds`]).
    pub fn snapshot_params(&mut self, params: &GovernanceParams, large: bool) {
        let (quorum_bps, approval_bps) = if large {
            let (q, a) = self.action.thresholds(params);
            (
                q.max(params.supermajority_quorum_bps),
                a.max(params.supermajority_bps),
            )
        } else {
            self.action.thresholds(params)
        };
        self.veto_bps = params.veto_bps;
        self.quorum_bps = quorum_bps;
        self.approval_bps = approval_bps;
        self.execution_delay_secs = params.execution_delay_secs;
        self.execution_window_secs = params.execution_window_secs;
    }

    /// Fails unless votes are accepted at `now`.
    pub fn require_voting_open(&self, now: i64) -> Result<()> {
        require!(
            self.status == ProposalStatus::Voting && now < self.voting_ends_at,
            NetstateError::VotingClosed
        );
        Ok(())
    }

    /// Records a new vote, or a change from `previous`.
    pub fn record_vote(&mut self, previous: Option<VoteChoice>, choice: VoteChoice) -> Result<()> {
        match previous {
            Some(old) => {
                require!(old != choice, NetstateError::VoteUnchanged);
                self.tally.remove(old)?;
            }
            None => {
                self.open_vote_records = self
                    .open_vote_records
                    .checked_add(1)
                    .ok_or(NetstateError::CounterOverflow)?;
            }
        }
        self.tally.add(choice)
    }

    /// The outcome if it is settled at `now`: at the end of voting, whatever the votes; before
    /// it, only when the citizens who have not voted can no longer change it (it passes even
    /// if they all vote no, or fails even if they all vote yes). An expulsion never passes
    /// early: the member named has the whole vote to answer.
    pub fn settled_outcome(&self, now: i64) -> Option<bool> {
        let (eligible, quorum, approval) =
            (self.eligible_count, self.quorum_bps, self.approval_bps);
        if now >= self.voting_ends_at {
            return Some(passes(&self.tally, eligible, quorum, approval));
        }
        let remaining = u32::try_from(u64::from(eligible).saturating_sub(self.tally.cast()))
            .unwrap_or(u32::MAX);
        let all_no = Tally {
            no: self.tally.no.saturating_add(remaining),
            ..self.tally
        };
        // Quorum must already be met by the votes cast: the rest may not vote at all.
        let expulsion = matches!(self.action, ProposalAction::ExpelMember { .. });
        let passes_anyway = !expulsion
            && passes(&self.tally, eligible, quorum, approval)
            && passes(&all_no, eligible, quorum, approval);
        let all_yes = Tally {
            yes: self.tally.yes.saturating_add(remaining),
            ..self.tally
        };
        let fails_anyway = !passes(&all_yes, eligible, quorum, approval);
        if passes_anyway {
            Some(true)
        } else if fails_anyway {
            Some(false)
        } else {
            None
        }
    }

    /// Closes the vote at `now`: passed (with its timelock and window) or defeated.
    pub fn finalize(&mut self, now: i64) -> Result<bool> {
        require!(
            self.status == ProposalStatus::Voting,
            NetstateError::ProposalNotVoting
        );
        let passed = self
            .settled_outcome(now)
            .ok_or(NetstateError::OutcomeNotYetDecided)?;
        self.finalized_at = now;
        if passed {
            // The timelock runs from the end of the vote: the scheduled end, or now when
            // settled early.
            let base = now.min(self.voting_ends_at);
            self.executable_at = base
                .checked_add(i64::from(self.execution_delay_secs))
                .ok_or(NetstateError::CounterOverflow)?;
            self.execution_deadline = self
                .executable_at
                .checked_add(i64::from(self.execution_window_secs))
                .ok_or(NetstateError::CounterOverflow)?;
            self.status = ProposalStatus::Passed;
        } else {
            self.status = ProposalStatus::Defeated;
        }
        Ok(passed)
    }

    /// Marks a proposal that just passed as unfunded: it never executes, and nothing is
    /// set aside for it.
    pub fn mark_unfunded(&mut self) {
        self.status = ProposalStatus::Unfunded;
        self.executable_at = 0;
        self.execution_deadline = 0;
    }

    /// Cancels a proposal still open for votes.
    pub fn cancel(&mut self, now: i64) -> Result<()> {
        self.require_voting_open(now)?;
        self.status = ProposalStatus::Cancelled;
        self.finalized_at = now;
        Ok(())
    }

    /// True when it passed but its execution window closed unexecuted.
    pub fn is_expired(&self, now: i64) -> bool {
        self.status == ProposalStatus::Passed && now >= self.execution_deadline
    }

    /// True when nothing can happen to it any more: its records may be closed.
    pub fn is_final(&self, now: i64) -> bool {
        matches!(
            self.status,
            ProposalStatus::Cancelled
                | ProposalStatus::Defeated
                | ProposalStatus::Executed
                | ProposalStatus::Vetoed
                | ProposalStatus::Unfunded
        ) || self.is_expired(now)
    }

    /// Counts one objection at `now`, during the timelock of a passed proposal; returns
    /// whether it vetoed the proposal (objections reached `veto_bps` of the electorate).
    pub fn object(&mut self, now: i64) -> Result<bool> {
        require!(
            self.status == ProposalStatus::Passed && now < self.executable_at,
            NetstateError::ObjectionWindowClosed
        );
        self.objections = self
            .objections
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        self.open_objections = self
            .open_objections
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        let vetoed = u64::from(self.objections) * u64::from(BPS_DENOMINATOR)
            >= u64::from(self.veto_bps) * u64::from(self.eligible_count);
        if vetoed {
            self.status = ProposalStatus::Vetoed;
            self.finalized_at = now;
        }
        Ok(vetoed)
    }

    /// Fails unless it may be executed at `now` in `slot`, naming why not.
    pub fn require_executable(&self, now: i64, slot: u64) -> Result<()> {
        match self.status {
            ProposalStatus::Executed => return err!(NetstateError::ProposalAlreadyExecuted),
            ProposalStatus::Defeated => return err!(NetstateError::ProposalDefeated),
            ProposalStatus::Cancelled => return err!(NetstateError::ProposalCancelled),
            ProposalStatus::Vetoed => return err!(NetstateError::ProposalVetoed),
            ProposalStatus::Unfunded => return err!(NetstateError::ProposalUnfunded),
            ProposalStatus::Voting => return err!(NetstateError::ProposalNotFinalized),
            ProposalStatus::Passed => {}
        }
        require!(
            now >= self.executable_at && slot > self.created_slot,
            NetstateError::ProposalNotYetExecutable
        );
        require!(!self.is_expired(now), NetstateError::ProposalExpired);
        Ok(())
    }

    /// Attaches (or replaces) the answer of the member an expulsion names, by `wallet`, while
    /// voting is open at `now`.
    pub fn respond(
        &mut self,
        wallet: &Pubkey,
        uri: String,
        hash: [u8; 32],
        now: i64,
    ) -> Result<()> {
        let ProposalAction::ExpelMember { wallet: named } = &self.action else {
            return err!(NetstateError::NotAnExpulsion);
        };
        require_keys_eq!(*wallet, *named, NetstateError::NotTheMemberNamed);
        self.require_voting_open(now)?;
        Self::validate_response_uri(&uri)?;
        self.response_uri = uri;
        self.response_hash = hash;
        self.responded_at = now;
        Ok(())
    }

    /// Marks it executed at `now`.
    pub fn mark_executed(&mut self, now: i64) {
        self.status = ProposalStatus::Executed;
        self.executed_at = now;
    }
}

/// One citizen's objection to a passed proposal during its timelock. PDA
/// `["objection", proposal, wallet]`: once per wallet. The objector pays its rent and gets it
/// back when it is closed after the proposal is final.
#[account]
#[derive(InitSpace, Debug)]
pub struct Objection {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The proposal objected to.
    pub proposal: Pubkey,
    /// The objector's wallet (receives the rent back).
    pub objector: Pubkey,
    /// Unix time of the objection.
    pub objected_at: i64,
}

/// One citizen's vote on one proposal. PDA `["vote", proposal, voter_wallet]`.
///
/// Keyed by wallet, so leaving and re-joining cannot vote twice. The voter pays its rent
/// and gets it back when it is closed after the proposal is final.
#[account]
#[derive(InitSpace, Debug)]
pub struct VoteRecord {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The proposal voted on.
    pub proposal: Pubkey,
    /// The voter's wallet (receives the rent back).
    pub voter: Pubkey,
    /// The current choice.
    pub choice: VoteChoice,
    /// Unix time of the latest vote or change.
    pub voted_at: i64,
    /// A yes on an outflow (a payment or a hub budget): counted in the voter's
    /// `Share::yes_on_outflows`, holding their exit until this record is closed (or the vote
    /// changed).
    pub holds_exit: bool,
}
