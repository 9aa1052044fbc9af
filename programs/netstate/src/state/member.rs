//! The Member account: one wallet's membership of one society.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::presence;
use crate::state::text::{is_printable_label, is_uri_text};

/// Where a member stands.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub enum MemberStatus {
    /// Applied, not yet admitted.
    Applicant,
    /// Admitted: may sponsor, propose and vote.
    Citizen,
    /// Removed by the society; the account stays as the record that bars re-applying.
    Expelled,
    /// A citizen whose dues lapsed beyond the grace period: not a citizen (no vote,
    /// proposal or sponsorship, not in electorates) until the dues are paid again.
    Lapsed,
}

/// A wallet's membership. PDA `["member", society, wallet]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Member {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Society this membership belongs to.
    pub society: Pubkey,
    /// Wallet that applied and signs for this member.
    pub wallet: Pubkey,
    /// Applicant, citizen or expelled.
    pub status: MemberStatus,
    /// Display handle (1..=32 bytes of printable UTF-8).
    #[max_len(MAX_HANDLE_LEN)]
    pub handle: String,
    /// Profile URI (0..=64 printable bytes; empty for none).
    #[max_len(MAX_PROFILE_URI_LEN)]
    pub profile_uri: String,
    /// Society sequence number of the application: tells this application from an earlier
    /// one by the same wallet (sponsorships of an old application do not count).
    pub applied_seq: u64,
    /// Society sequence number at admission (0 while an applicant): a citizen may vote
    /// only on proposals created after it.
    pub citizen_seq: u64,
    /// Unix time of the application.
    pub joined_at: i64,
    /// Unix time of admission (0 while an applicant).
    pub admitted_at: i64,
    /// Distinct citizens who sponsored this application.
    pub sponsor_count: u8,
    /// Check-ins at all nodes.
    pub check_in_count: u32,
    /// UTC day (days since 1970-01-01) of the latest day present at any hub; 0 for none.
    /// The anchor of `recent_days`.
    pub last_check_in_day: u32,
    /// Proposals by this member still open for votes (capped by the society's
    /// `max_open_proposals_per_citizen`).
    pub open_proposals: u8,
    /// Presence at any of the society's hubs on the last 128 days: bit `i` is the day
    /// `last_check_in_day - i`.
    pub recent_days: [u8; 16],
    /// Unix time the member's dues are paid until (0: never paid).
    pub paid_until: i64,
}

impl Member {
    /// Validates a handle.
    pub fn validate_handle(handle: &str) -> Result<()> {
        require!(!handle.is_empty(), NetstateError::HandleEmpty);
        require!(handle.len() <= MAX_HANDLE_LEN, NetstateError::HandleTooLong);
        require!(
            is_printable_label(handle),
            NetstateError::HandleNotPrintable
        );
        Ok(())
    }

    /// Validates a profile URI (empty means none).
    pub fn validate_profile_uri(uri: &str) -> Result<()> {
        require!(
            uri.len() <= MAX_PROFILE_URI_LEN,
            NetstateError::ProfileUriTooLong
        );
        require!(is_uri_text(uri), NetstateError::ProfileUriInvalid);
        Ok(())
    }

    /// The record left for a wallet expelled after it had already left: no handle, no
    /// history, status `Expelled`, so that `apply` refuses the wallet from then on.
    pub fn expelled_record(society: Pubkey, wallet: Pubkey, bump: u8, seq: u64) -> Self {
        Self {
            version: ACCOUNT_VERSION,
            bump,
            society,
            wallet,
            status: MemberStatus::Expelled,
            handle: String::new(),
            profile_uri: String::new(),
            applied_seq: seq,
            citizen_seq: 0,
            joined_at: 0,
            admitted_at: 0,
            sponsor_count: 0,
            check_in_count: 0,
            last_check_in_day: 0,
            open_proposals: 0,
            recent_days: [0; 16],
            paid_until: 0,
        }
    }

    /// True for citizens.
    pub fn is_citizen(&self) -> bool {
        self.status == MemberStatus::Citizen
    }

    /// Makes an applicant a citizen at `now` and society sequence `seq`.
    pub fn admit(&mut self, now: i64, seq: u64) -> Result<()> {
        require!(
            self.status == MemberStatus::Applicant,
            NetstateError::NotAnApplicant
        );
        self.status = MemberStatus::Citizen;
        self.admitted_at = now;
        self.citizen_seq = seq;
        Ok(())
    }

    /// Counts one more sponsor; returns true when that reaches `required`.
    pub fn add_sponsor(&mut self, required: u8) -> Result<bool> {
        require!(
            self.status == MemberStatus::Applicant,
            NetstateError::NotAnApplicant
        );
        self.sponsor_count = self
            .sponsor_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        Ok(self.sponsor_count >= required)
    }

    /// Takes one open-proposal slot (the cap is checked in `create_proposal`'s validate).
    pub fn open_proposal(&mut self) -> Result<()> {
        self.open_proposals = self
            .open_proposals
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        Ok(())
    }

    /// Marks this member expelled; returns whether they were a citizen.
    pub fn expel(&mut self) -> Result<bool> {
        require!(
            self.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        let was_citizen = self.is_citizen();
        self.status = MemberStatus::Expelled;
        Ok(was_citizen)
    }

    /// Records a check-in (or a redeemed ticket) on `day` at some hub: counted once per hub
    /// and day in `check_in_count`, once per day in `recent_days`.
    pub fn record_check_in(&mut self, day: u32) -> Result<()> {
        require!(
            self.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        self.check_in_count = self
            .check_in_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        presence::record(&mut self.recent_days, &mut self.last_check_in_day, day)?;
        Ok(())
    }

    /// Distinct days present at the society's hubs among the `window` days ending `today`.
    pub fn days_within(&self, today: u32, window: u32) -> u32 {
        presence::count_within(&self.recent_days, self.last_check_in_day, today, window)
    }
}
