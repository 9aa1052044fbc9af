//! The Residency account: one wallet's presence record at one node.

use anchor_lang::prelude::*;

use crate::constants::SECONDS_PER_DAY;
use crate::error::NetstateError;

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
    /// UTC day of the latest check-in.
    pub last_day: u32,
}

impl Residency {
    /// Records presence on `day`, at most once a day; `first` for a new record.
    pub fn record_day(&mut self, day: u32, first: bool) -> Result<()> {
        if first {
            self.first_day = day;
        } else {
            require!(day > self.last_day, NetstateError::AlreadyCheckedInToday);
        }
        self.days_present = self
            .days_present
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        self.last_day = day;
        Ok(())
    }
}

/// The UTC day (days since 1970-01-01) containing `unix_timestamp`.
pub fn utc_day(unix_timestamp: i64) -> Result<u32> {
    u32::try_from(unix_timestamp.div_euclid(SECONDS_PER_DAY))
        .map_err(|_| error!(NetstateError::ClockOutOfRange))
}
