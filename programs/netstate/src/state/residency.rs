//! The Residency account: one wallet's presence record at one node.

use anchor_lang::prelude::*;

use crate::constants::SECONDS_PER_DAY;
use crate::error::NetstateError;
use crate::state::presence;

/// Days a wallet was present at a node. PDA `["residency", node, wallet]`.
///
/// Keyed by wallet, not by Member account, so the history survives leaving and re-joining.
/// Fixed size: a check-in costs the same on day 1 and day 10 000.
#[account]
#[derive(InitSpace, Debug)]
pub struct Residency {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The node.
    pub node: Pubkey,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Distinct UTC days checked in here.
    pub days_present: u32,
    /// UTC day of the first check-in.
    pub first_day: u32,
    /// UTC day of the latest day present (the anchor of `recent_days`).
    pub last_day: u32,
    /// Presence on the last 128 days: bit `i` is the day `last_day - i`.
    pub recent_days: [u8; 16],
}

impl Residency {
    /// Records presence on `day`; true when the day is newly counted, false when it was
    /// counted already (a second check-in, or a ticket for a day already present). A new
    /// record (all zero) takes any day.
    pub fn record_day(&mut self, day: u32) -> Result<bool> {
        let first = self.days_present == 0;
        if !presence::record(&mut self.recent_days, &mut self.last_day, day)? {
            return Ok(false);
        }
        self.days_present = self
            .days_present
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        if first || day < self.first_day {
            self.first_day = day;
        }
        Ok(true)
    }

    /// Days present among the `window` days ending on `today`.
    pub fn days_within(&self, today: u32, window: u32) -> u32 {
        presence::count_within(&self.recent_days, self.last_day, today, window)
    }

    /// Whether `day` (within the last 128 days recorded) is counted already.
    pub fn was_present(&self, day: u32) -> bool {
        presence::contains(&self.recent_days, self.last_day, day)
    }
}

/// The UTC day (days since 1970-01-01) containing `unix_timestamp`.
pub fn utc_day(unix_timestamp: i64) -> Result<u32> {
    u32::try_from(unix_timestamp.div_euclid(SECONDS_PER_DAY))
        .map_err(|_| error!(NetstateError::ClockOutOfRange))
}
