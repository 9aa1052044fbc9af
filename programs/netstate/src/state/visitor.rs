//! The Visitor account: a citizen of a partner society present at this society's hubs under
//! a treaty, counted apart from its own members.

use anchor_lang::prelude::*;

use crate::error::NetstateError;
use crate::state::presence;

/// A visitor's presence at one host society's hubs. PDA `["visitor", host society, wallet]`,
/// created at the first visit (the visitor pays).
#[account]
#[derive(InitSpace, Debug)]
pub struct Visitor {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The host society.
    pub society: Pubkey,
    /// The visitor's wallet.
    pub wallet: Pubkey,
    /// The society the visitor is a citizen of (at their latest visit).
    pub home_society: Pubkey,
    /// Distinct days present at the host's hubs.
    pub days_present: u32,
    /// Visits (one per hub and day).
    pub visit_count: u32,
    /// The latest day present; the anchor of `recent_days`.
    pub last_day: u32,
    /// Presence on the last 128 days: bit `i` is the day `last_day - i`.
    pub recent_days: [u8; 16],
}

impl Visitor {
    /// Records a visit on `day`: true when the day is new for this visitor at this host.
    pub fn record_day(&mut self, day: u32) -> Result<bool> {
        self.visit_count = self
            .visit_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        let new_day = presence::record(&mut self.recent_days, &mut self.last_day, day)?;
        if new_day {
            self.days_present = self
                .days_present
                .checked_add(1)
                .ok_or(NetstateError::CounterOverflow)?;
        }
        Ok(new_day)
    }
}
