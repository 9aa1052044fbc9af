//! `prove_residency` (anyone, read-only): succeeds only if a wallet was present at a node on
//! at least `min_days` distinct UTC days (in all, or with `window_days` 1..=128, among the
//! last `window_days` days, today included), and returns that count. Other programs call it by
//! CPI, and apps by simulation, to gate access on residency ("41 days at the Lisbon hub").

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Node, Residency};

/// Accounts of `prove_residency`.
#[derive(Accounts)]
pub struct ProveResidency<'info> {
    /// The node.
    #[account(
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The wallet's residency at that node.
    #[account(
        has_one = node @ NetstateError::ResidencyNotForNode,
    )]
    pub residency: Box<Account<'info, Residency>>,
}

impl ProveResidency<'_> {
    /// The days counted: all of them (`window_days` 0) or those of the last `window_days`.
    fn days(&self, window_days: u32) -> Result<u32> {
        if window_days == 0 {
            return Ok(self.residency.days_present);
        }
        require!(window_days <= RECENT_DAYS, NetstateError::WindowOutOfRange);
        let today = crate::state::utc_day(Clock::get()?.unix_timestamp)?;
        Ok(self.residency.days_within(today, window_days))
    }

    /// At least `min_days` days present (in the window, if one is given).
    pub fn validate(
        &self,
        min_days: u32,
        window_days: u32,
        remaining: &[AccountInfo],
    ) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.days(window_days)? >= min_days,
            NetstateError::NotResidentLongEnough
        );
        Ok(())
    }

    /// Returns the days present (as return data).
    pub fn prove_residency(ctx: Context<Self>, window_days: u32) -> Result<u32> {
        let days = ctx.accounts.days(window_days)?;
        // Anchor sets the Borsh bytes of the returned value as return data, a syscall that is
        // a no-op when the program runs natively (tests, the local node); there, set the same
        // bytes through the runtime's syscall stubs.
        #[cfg(not(target_os = "solana"))]
        anchor_lang::compat::solana_sysvar::program_stubs::sol_set_return_data(&days.to_le_bytes());
        Ok(days)
    }
}
