//! Dues: what citizenship costs per period, in SOL or one token, with a grace period. A
//! citizen whose dues lapsed beyond the grace period can be marked lapsed by anyone
//! (`mark_lapsed`): not a citizen until paid again (`pay_dues`).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;

/// A society's dues. `amount` 0 means none. Part of the Society.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Dues {
    /// Base units per period (lamports for SOL); 0: no dues.
    pub amount: u64,
    /// The token they are paid in; `None` for SOL.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_words::option_pubkey")
    )]
    pub mint: Option<Pubkey>,
    /// Seconds of one period.
    pub period_secs: u32,
    /// Seconds after `paid_until` before a citizen can be marked lapsed.
    pub grace_secs: u32,
    /// Unix time these dues took effect: nobody owes for the time before.
    pub since: i64,
}

impl Dues {
    /// Checks the terms: none, or an amount with a period of 1 to 400 days and a grace of
    /// 7 to 365 days.
    pub fn validate(&self) -> Result<()> {
        if self.amount == 0 {
            return Ok(());
        }
        require!(
            self.grace_secs >= MIN_DUES_GRACE_SECS,
            NetstateError::DuesGraceTooShort
        );
        require!(
            (MIN_DUES_PERIOD_SECS..=MAX_DUES_PERIOD_SECS).contains(&self.period_secs)
                && self.grace_secs <= MAX_DUES_GRACE_SECS
                && self.mint != Some(Pubkey::default()),
            NetstateError::DuesOutOfRange
        );
        Ok(())
    }

    /// Whether the society charges dues.
    pub fn active(&self) -> bool {
        self.amount > 0
    }

    /// Whether a citizen paid until `paid_until` and admitted at `admitted_at` has lapsed
    /// at `now`: past what they paid for (or, never having paid, past these dues' start or
    /// their admission) by more than the grace period.
    pub fn lapsed(&self, paid_until: i64, admitted_at: i64, now: i64) -> bool {
        let covered = paid_until.max(self.since).max(admitted_at);
        self.active() && now > covered.saturating_add(i64::from(self.grace_secs))
    }

    /// What paying `periods` periods costs, base units.
    pub fn cost(&self, periods: u32) -> Result<u64> {
        self.amount
            .checked_mul(u64::from(periods))
            .ok_or_else(|| error!(NetstateError::CounterOverflow))
    }

    /// The new `paid_until` after paying `periods` periods at `now`: counted on from what was
    /// paid (or these dues' start, or the admission), or from `now` for a lapsed member.
    pub fn paid_until_after(
        &self,
        paid_until: i64,
        admitted_at: i64,
        periods: u32,
        now: i64,
        lapsed: bool,
    ) -> Result<i64> {
        let start = if lapsed {
            now
        } else {
            paid_until.max(self.since).max(admitted_at)
        };
        let added = i64::from(self.period_secs)
            .checked_mul(i64::from(periods))
            .ok_or(NetstateError::CounterOverflow)?;
        start
            .checked_add(added)
            .ok_or_else(|| error!(NetstateError::CounterOverflow))
    }
}
