//! The treasury's outflow cap, as a leaky bucket per asset: each executed payment fills it,
//! and it drains at the cap per outflow window. A payment that would overflow it is refused
//! (`OutflowCapExceeded`) and becomes possible as the bucket drains, inside its execution
//! window. Over long spans at most the cap leaves per window; over any one window at most
//! twice the cap (a full bucket and what drained meanwhile).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;

/// What executed payments took of one asset and has not drained yet.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct OutflowCounter {
    /// The bucket's level at `updated_at`, base units (lamports for SOL).
    pub level: u64,
    /// Unix time of the last payment.
    pub updated_at: i64,
}

impl OutflowCounter {
    /// Records a payment of `amount` from a balance of `balance` (before it) at `now`, or
    /// fails with `OutflowCapExceeded` when the bucket would overflow. Its capacity is
    /// `cap_bps` of what the asset held before what is in the bucket (`balance + level`), and
    /// it drains by that capacity per `window_secs`.
    pub fn spend(
        &mut self,
        amount: u64,
        balance: u64,
        now: i64,
        cap_bps: u16,
        window_secs: u32,
    ) -> Result<()> {
        let (level, capacity) = self.drained(balance, now, cap_bps, window_secs);
        let after = level + u128::from(amount);
        require!(after <= capacity, NetstateError::OutflowCapExceeded);
        self.level = u64::try_from(after).map_err(|_| NetstateError::CounterOverflow)?;
        self.updated_at = now;
        Ok(())
    }

    /// What may leave now of an asset holding `balance`: the bucket's room at `now`.
    /// A payment or exit of at most this (above 0) passes [`Self::spend`].
    pub fn room(&self, balance: u64, now: i64, cap_bps: u16, window_secs: u32) -> u64 {
        let (level, capacity) = self.drained(balance, now, cap_bps, window_secs);
        u64::try_from(capacity.saturating_sub(level)).unwrap_or(u64::MAX)
    }

    /// The bucket's level at `now` and its capacity then. It drains at the capacity it
    /// had; the capacity is judged by what the asset held before what is still in it.
    fn drained(&self, balance: u64, now: i64, cap_bps: u16, window_secs: u32) -> (u128, u128) {
        let elapsed = u128::try_from(now.saturating_sub(self.updated_at).max(0)).unwrap_or(0);
        let capacity_with = |level: u128| {
            (u128::from(balance) + level) * u128::from(cap_bps) / u128::from(BPS_DENOMINATOR)
        };
        let drained = capacity_with(u128::from(self.level)).saturating_mul(elapsed)
            / u128::from(window_secs.max(1));
        let level = u128::from(self.level).saturating_sub(drained);
        (level, capacity_with(level))
    }
}

/// What executed payments took of one token mint from the treasury. PDA
/// `["outflow", society, mint]`, created by the first `execute_transfer_token` of the mint
/// (its executor pays).
#[account]
#[derive(InitSpace, Debug)]
pub struct Outflow {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// The mint.
    pub mint: Pubkey,
    /// Its counters.
    pub counter: OutflowCounter,
}
