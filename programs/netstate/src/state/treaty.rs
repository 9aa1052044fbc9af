//! The Treaty account: two societies of one deployment recognising each other, made and
//! ended only by executed proposals of each side.
//!
//! One society's executed `ProposeTreaty` offers terms; the partner's executed
//! `RatifyTreaty` with identical terms puts them in force; either side's executed
//! `WithdrawTreaty` ends them after the notice period (an offer not yet ratified is withdrawn
//! at once). A treaty that has ended may be proposed again.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;

/// How a citizen of the partner society is admitted when they apply (`apply_by_treaty`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(
        tag = "kind",
        rename_all = "camelCase",
        rename_all_fields = "camelCase"
    )
)]
pub enum FastTrack {
    /// No faster than anyone else.
    None,
    /// Admitted at once, under any admission policy.
    Immediate,
    /// Counted as this many sponsors (1..=16) towards a sponsored admission.
    Sponsors {
        /// Sponsors the partner's citizenship counts as.
        count: u8,
    },
}

/// What two societies agree to, the same for both sides.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct TreatyTerms {
    /// Citizens of either society may check in at the other's hubs as visitors.
    pub visits: bool,
    /// How the other's citizens are admitted when they apply.
    pub fast_track: FastTrack,
    /// Seconds between a withdrawal and the end of the treaty (0..=365 days).
    pub notice_secs: u32,
}

impl TreatyTerms {
    /// Checks the terms' own values.
    pub fn validate(&self) -> Result<()> {
        require!(
            self.notice_secs <= MAX_TREATY_NOTICE_SECS,
            NetstateError::TreatyNoticeOutOfRange
        );
        if let FastTrack::Sponsors { count } = self.fast_track {
            require!(
                (1..=MAX_SPONSORS_REQUIRED).contains(&count),
                NetstateError::SponsorsRequiredOutOfRange
            );
        }
        Ok(())
    }
}

/// Where a treaty stands.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum TreatyStatus {
    /// Offered by `proposed_by`, waiting for the partner's ratification.
    Proposed,
    /// Ratified: in force until `ends_at` when a withdrawal set one.
    Ratified,
    /// An offer withdrawn before it was ratified.
    Withdrawn,
}

/// A treaty between two societies. PDA `["treaty", lower society address, higher]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Treaty {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society with the lower address.
    pub first: Pubkey,
    /// The society with the higher address.
    pub second: Pubkey,
    /// The society whose executed proposal offered the current terms.
    pub proposed_by: Pubkey,
    /// The terms.
    pub terms: TreatyTerms,
    /// Proposed, ratified or withdrawn.
    pub status: TreatyStatus,
    /// Unix time of the offer.
    pub proposed_at: i64,
    /// Unix time of the ratification (0 before).
    pub ratified_at: i64,
    /// The society that withdrew (the all-zero address while none has).
    pub withdrawn_by: Pubkey,
    /// Unix time from which a withdrawn treaty no longer holds (0 while none is set).
    pub ends_at: i64,
    /// Visits made under it (both ways).
    pub visit_count: u64,
}

/// The pair of societies in seed order: lower address first.
pub fn treaty_pair(a: &Pubkey, b: &Pubkey) -> (Pubkey, Pubkey) {
    if a.to_bytes() <= b.to_bytes() {
        (*a, *b)
    } else {
        (*b, *a)
    }
}

impl Treaty {
    /// Whether the treaty holds at `now`: ratified, and not past the end a withdrawal set.
    pub fn in_force(&self, now: i64) -> bool {
        self.status == TreatyStatus::Ratified && (self.ends_at == 0 || now < self.ends_at)
    }

    /// Whether the treaty is over at `now` (an offer withdrawn, or a withdrawal's end
    /// reached), so that the pair may make a new one.
    pub fn ended(&self, now: i64) -> bool {
        match self.status {
            TreatyStatus::Withdrawn => true,
            TreatyStatus::Ratified => self.ends_at != 0 && now >= self.ends_at,
            TreatyStatus::Proposed => false,
        }
    }

    /// Whether `society` is one of the two parties.
    pub fn is_party(&self, society: &Pubkey) -> bool {
        self.first == *society || self.second == *society
    }

    /// `society` offers `terms` (a new offer replaces one still waiting, from either side);
    /// refused while a ratified treaty holds or is serving its notice.
    pub fn propose(&mut self, society: Pubkey, terms: TreatyTerms, now: i64) -> Result<()> {
        require!(
            self.status != TreatyStatus::Ratified || self.ended(now),
            NetstateError::TreatyAlreadyInForce
        );
        self.proposed_by = society;
        self.terms = terms;
        self.status = TreatyStatus::Proposed;
        self.proposed_at = now;
        self.ratified_at = 0;
        self.withdrawn_by = Pubkey::default();
        self.ends_at = 0;
        Ok(())
    }

    /// `society` ratifies `terms`: the partner's offer, word for word.
    pub fn ratify(&mut self, society: Pubkey, terms: &TreatyTerms, now: i64) -> Result<()> {
        require!(
            self.status == TreatyStatus::Proposed,
            NetstateError::TreatyNotProposed
        );
        require_keys_neq!(
            self.proposed_by,
            society,
            NetstateError::CannotRatifyOwnOffer
        );
        require!(self.terms == *terms, NetstateError::TreatyTermsMismatch);
        self.status = TreatyStatus::Ratified;
        self.ratified_at = now;
        Ok(())
    }

    /// `society` withdraws: an offer at once, a ratified treaty after the notice period.
    pub fn withdraw(&mut self, society: Pubkey, now: i64) -> Result<()> {
        match self.status {
            TreatyStatus::Proposed => {
                self.status = TreatyStatus::Withdrawn;
                self.ends_at = now;
            }
            TreatyStatus::Ratified if self.ends_at == 0 => {
                self.ends_at = now
                    .checked_add(i64::from(self.terms.notice_secs))
                    .ok_or(NetstateError::CounterOverflow)?;
            }
            _ => return err!(NetstateError::TreatyNotInForce),
        }
        self.withdrawn_by = society;
        Ok(())
    }
}
