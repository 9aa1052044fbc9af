//! The Society account: one network state, with its constitution, admission policy,
//! governance parameters and counters.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::census::CensusCounters;
use crate::state::counters::{dec, inc};
use crate::state::dues::Dues;
use crate::state::text::{is_printable_label, is_uri_text};

/// How applicants become citizens.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum AdmissionPolicy {
    /// Anyone who applies is a citizen at once.
    Open,
    /// An applicant becomes a citizen once this many distinct citizens sponsor them.
    Sponsored {
        /// Distinct citizen sponsors needed (1..=16).
        sponsors_required: u8,
    },
    /// Applicants are admitted one by one: by the steward during the startup stage, by an
    /// `AdmitMember` proposal afterwards.
    Vetted,
    /// Citizenship earned by presence: an applicant present at the society's hubs on this
    /// many distinct days of the last 128 claims it (`claim_citizenship`).
    Presence {
        /// Distinct days of presence needed (1..=128).
        days_required: u8,
    },
}

impl AdmissionPolicy {
    /// Checks the policy's own parameters.
    pub fn validate(&self) -> Result<()> {
        match self {
            AdmissionPolicy::Sponsored { sponsors_required } => require!(
                (1..=MAX_SPONSORS_REQUIRED).contains(sponsors_required),
                NetstateError::SponsorsRequiredOutOfRange
            ),
            AdmissionPolicy::Presence { days_required } => require!(
                *days_required >= 1 && u32::from(*days_required) <= RECENT_DAYS,
                NetstateError::PresenceDaysOutOfRange
            ),
            AdmissionPolicy::Open | AdmissionPolicy::Vetted => {}
        }
        Ok(())
    }
}

/// How the society decides: thresholds and timings of proposals.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct GovernanceParams {
    /// Share of eligible citizens that must vote (yes, no or abstain), in basis points.
    pub quorum_bps: u16,
    /// Share of yes among yes+no needed to pass, in basis points (more than half).
    pub approval_bps: u16,
    /// Seconds a proposal stays open for votes.
    pub voting_period_secs: u32,
    /// Seconds between passing and becoming executable (the timelock).
    pub execution_delay_secs: u32,
    /// Seconds after becoming executable during which execution is possible; then it expires.
    pub execution_window_secs: u32,
    /// Most proposals one citizen may have open at once.
    pub max_open_proposals_per_citizen: u8,
    /// Share of yes among yes+no a constitutional action needs (see
    /// [`crate::state::ProposalAction::is_constitutional`]), in basis points; at least
    /// `approval_bps`.
    pub supermajority_bps: u16,
    /// Share of eligible citizens that must vote on a constitutional action, in basis
    /// points; at least `quorum_bps`.
    pub supermajority_quorum_bps: u16,
    /// Most of each treasury asset that executed payments may take per outflow window, in
    /// basis points of what it held before them (the current and the previous window
    /// together: see [`crate::state::OutflowCounter`]).
    pub outflow_cap_bps: u16,
    /// Seconds of an outflow window.
    pub outflow_window_secs: u32,
    /// A payment above this share of the asset's balance (at creation), in basis points,
    /// is judged by the supermajority and its quorum.
    pub large_transfer_bps: u16,
    /// Objections during a passed proposal's timelock by this share of its electorate, in
    /// basis points, veto it.
    pub veto_bps: u16,
}

impl Default for GovernanceParams {
    fn default() -> Self {
        Self {
            quorum_bps: DEFAULT_QUORUM_BPS,
            approval_bps: DEFAULT_APPROVAL_BPS,
            voting_period_secs: DEFAULT_VOTING_PERIOD_SECS,
            execution_delay_secs: DEFAULT_EXECUTION_DELAY_SECS,
            execution_window_secs: DEFAULT_EXECUTION_WINDOW_SECS,
            max_open_proposals_per_citizen: DEFAULT_MAX_OPEN_PROPOSALS,
            supermajority_bps: DEFAULT_SUPERMAJORITY_BPS,
            supermajority_quorum_bps: DEFAULT_SUPERMAJORITY_QUORUM_BPS,
            outflow_cap_bps: DEFAULT_OUTFLOW_CAP_BPS,
            outflow_window_secs: DEFAULT_OUTFLOW_WINDOW_SECS,
            large_transfer_bps: DEFAULT_LARGE_TRANSFER_BPS,
            veto_bps: DEFAULT_VETO_BPS,
        }
    }
}

impl GovernanceParams {
    /// Checks every parameter against its allowed range.
    pub fn validate(&self) -> Result<()> {
        require!(
            (MIN_QUORUM_BPS..=BPS_DENOMINATOR).contains(&self.quorum_bps),
            NetstateError::QuorumOutOfRange
        );
        require!(
            (MIN_APPROVAL_BPS..=BPS_DENOMINATOR).contains(&self.approval_bps),
            NetstateError::ApprovalThresholdOutOfRange
        );
        require!(
            (MIN_VOTING_PERIOD_SECS..=MAX_VOTING_PERIOD_SECS).contains(&self.voting_period_secs),
            NetstateError::VotingPeriodOutOfRange
        );
        require!(
            self.execution_delay_secs <= MAX_EXECUTION_DELAY_SECS,
            NetstateError::ExecutionDelayOutOfRange
        );
        require!(
            (MIN_EXECUTION_WINDOW_SECS..=MAX_EXECUTION_WINDOW_SECS)
                .contains(&self.execution_window_secs),
            NetstateError::ExecutionWindowOutOfRange
        );
        require!(
            (1..=MAX_OPEN_PROPOSALS_LIMIT).contains(&self.max_open_proposals_per_citizen),
            NetstateError::MaxOpenProposalsOutOfRange
        );
        require!(
            (self.approval_bps..=BPS_DENOMINATOR).contains(&self.supermajority_bps),
            NetstateError::SupermajorityOutOfRange
        );
        require!(
            (self.quorum_bps..=BPS_DENOMINATOR).contains(&self.supermajority_quorum_bps),
            NetstateError::SupermajorityQuorumOutOfRange
        );
        require!(
            (1..=BPS_DENOMINATOR).contains(&self.outflow_cap_bps),
            NetstateError::OutflowCapOutOfRange
        );
        require!(
            (MIN_OUTFLOW_WINDOW_SECS..=MAX_OUTFLOW_WINDOW_SECS).contains(&self.outflow_window_secs),
            NetstateError::OutflowWindowOutOfRange
        );
        require!(
            (1..=BPS_DENOMINATOR).contains(&self.large_transfer_bps),
            NetstateError::LargeTransferOutOfRange
        );
        require!(
            (1..=BPS_DENOMINATOR).contains(&self.veto_bps),
            NetstateError::VetoOutOfRange
        );
        Ok(())
    }

    /// The quorum and approval a change from these parameters to `proposed` is judged by:
    /// the stricter of the two supermajorities, so a bare majority can neither lower the bar
    /// and then use it nor raise it to lock itself in.
    pub fn judge_change_to(&self, proposed: &GovernanceParams) -> (u16, u16) {
        (
            self.supermajority_quorum_bps
                .max(proposed.supermajority_quorum_bps),
            self.supermajority_bps.max(proposed.supermajority_bps),
        )
    }
}

/// A network state. PDA `["society", name]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Society {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Canonical bump of the society's treasury PDA `["treasury", society]`.
    pub treasury_bump: u8,
    /// Sequence number of the last state change; every event carries the new value.
    pub seq: u64,
    /// Wallet that created the society.
    pub founder: Pubkey,
    /// Startup-stage administrator; `None` once the society governs itself.
    pub steward: Option<Pubkey>,
    /// Unique name, also the PDA seed (1..=32 bytes of printable UTF-8).
    #[max_len(MAX_SOCIETY_NAME_LEN)]
    pub name: String,
    /// Where the constitution text lives.
    #[max_len(MAX_CONSTITUTION_URI_LEN)]
    pub constitution_uri: String,
    /// SHA-256 of the constitution text, so its content is pinned.
    pub constitution_hash: [u8; 32],
    /// How applicants become citizens.
    pub admission: AdmissionPolicy,
    /// Proposal thresholds and timings.
    pub governance: GovernanceParams,
    /// Member accounts that are applicants or citizens.
    pub member_count: u32,
    /// Members who are citizens.
    pub citizen_count: u32,
    /// Nodes ever registered (retired ones included).
    pub node_count: u32,
    /// Nodes accepting check-ins.
    pub active_node_count: u32,
    /// Proposals ever created; the next proposal's index.
    pub proposal_count: u64,
    /// Unix time of creation.
    pub created_at: i64,
    /// The society's contribution token, minted only by executed proposals (its mint
    /// authority is the treasury PDA).
    pub contribution_mint: Option<Pubkey>,
    /// The census counters: presence in the open epochs, countries with an active hub, the
    /// census chain.
    pub census: CensusCounters,
    /// What citizenship costs per period (none by default).
    pub dues: Dues,
}

impl Society {
    /// Validates a candidate society name.
    pub fn validate_name(name: &str) -> Result<()> {
        require!(!name.is_empty(), NetstateError::SocietyNameEmpty);
        require!(
            name.len() <= MAX_SOCIETY_NAME_LEN,
            NetstateError::SocietyNameTooLong
        );
        require!(
            is_printable_label(name),
            NetstateError::SocietyNameNotPrintable
        );
        Ok(())
    }

    /// Validates a constitution URI.
    pub fn validate_constitution_uri(uri: &str) -> Result<()> {
        require!(
            uri.len() <= MAX_CONSTITUTION_URI_LEN,
            NetstateError::ConstitutionUriTooLong
        );
        require!(
            !uri.is_empty() && is_uri_text(uri),
            NetstateError::ConstitutionUriInvalid
        );
        Ok(())
    }

    /// Validates a constitution hash: all zeros means no text was hashed, so nothing would
    /// be pinned.
    pub fn validate_constitution_hash(hash: &[u8; 32]) -> Result<()> {
        require!(
            hash.iter().any(|b| *b != 0),
            NetstateError::ConstitutionHashMissing
        );
        Ok(())
    }

    /// Fails unless `signer` is the steward of a society still in its startup stage.
    pub fn require_steward(&self, signer: &Pubkey) -> Result<()> {
        match self.steward {
            None => err!(NetstateError::StewardshipEnded),
            Some(steward) if steward == *signer => Ok(()),
            Some(_) => err!(NetstateError::NotTheSteward),
        }
    }

    /// Advances the sequence number and returns the new value for the event.
    pub fn next_seq(&mut self) -> Result<u64> {
        self.seq = self
            .seq
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        Ok(self.seq)
    }

    /// Records a new applicant (and a new citizen when admitted at once).
    pub fn add_member(&mut self, as_citizen: bool) -> Result<()> {
        self.member_count = inc(self.member_count)?;
        if as_citizen {
            self.citizen_count = inc(self.citizen_count)?;
        }
        Ok(())
    }

    /// Records an applicant becoming a citizen.
    pub fn add_citizen(&mut self) -> Result<()> {
        self.citizen_count = inc(self.citizen_count)?;
        Ok(())
    }

    /// Records a citizen ceasing to be one while staying a member (dues lapsed).
    pub fn remove_citizen(&mut self) -> Result<()> {
        self.citizen_count = dec(self.citizen_count)?;
        Ok(())
    }

    /// Records a member account closing.
    pub fn remove_member(&mut self, was_citizen: bool) -> Result<()> {
        self.member_count = dec(self.member_count)?;
        if was_citizen {
            self.citizen_count = dec(self.citizen_count)?;
        }
        Ok(())
    }

    /// Records a node registration.
    pub fn add_node(&mut self) -> Result<()> {
        self.node_count = inc(self.node_count)?;
        self.active_node_count = inc(self.active_node_count)?;
        Ok(())
    }

    /// Records a member being expelled.
    pub fn expel_member(&mut self, was_citizen: bool) -> Result<()> {
        self.remove_member(was_citizen)
    }

    /// Takes the next proposal index.
    pub fn next_proposal_index(&mut self) -> Result<u64> {
        let index = self.proposal_count;
        self.proposal_count = index.checked_add(1).ok_or(NetstateError::CounterOverflow)?;
        Ok(index)
    }

    /// The rules that hold of every society after every instruction, checked at the end of
    /// each instruction that writes one (as Squads v4 checks its multisig):
    /// - its layout version is the current one;
    /// - citizens are members: `citizen_count <= member_count`;
    /// - active hubs are hubs: `active_node_count <= node_count`;
    /// - countries with an active hub are at most the active hubs, and each open epoch
    ///   counts at most its person-days in people, and at most the members in people;
    /// - a steward implies at least one citizen (that the steward *is* a citizen is kept by
    ///   the rules that touch the role: `SetSteward` names only citizens, expelling the
    ///   steward ends stewardship, and the steward cannot leave);
    /// - the name, constitution URI, admission policy and governance parameters are valid.
    pub fn invariant(&self) -> Result<()> {
        let counters_hold = self.version == ACCOUNT_VERSION
            && self.citizen_count <= self.member_count
            && self.active_node_count <= self.node_count
            && (self.steward.is_none() || self.citizen_count >= 1)
            && self.census.country_count <= self.active_node_count
            && [self.census.current, self.census.previous].iter().all(|t| {
                t.present <= t.person_days
                    && (!self.census.is_open(t.epoch) || t.present <= self.member_count)
            });
        let values_hold = Self::validate_name(&self.name).is_ok()
            && Self::validate_constitution_uri(&self.constitution_uri).is_ok()
            && self.admission.validate().is_ok()
            && self.governance.validate().is_ok()
            && self.dues.validate().is_ok();
        require!(
            counters_hold && values_hold,
            NetstateError::SocietyInvariantViolated
        );
        Ok(())
    }

    /// Ends stewardship if `wallet` is the steward (it was expelled, or its dues lapsed);
    /// returns the wallet
    /// whose stewardship ended, for the event.
    pub fn end_stewardship_of(&mut self, wallet: &Pubkey) -> Option<Pubkey> {
        if self.steward == Some(*wallet) {
            self.steward = None;
            return Some(*wallet);
        }
        None
    }

    /// Records a node retirement.
    pub fn retire_node(&mut self) -> Result<()> {
        self.active_node_count = dec(self.active_node_count)?;
        Ok(())
    }
}
