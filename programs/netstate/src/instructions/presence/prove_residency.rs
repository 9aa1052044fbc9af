//! `prove_residency` (anyone, read-only): succeeds only if a wallet was present at a node on
//! at least `min_days` distinct UTC days, and returns the count. Other programs call it by
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
    )]
    pub node: Box<Account<'info, Node>>,

    /// The wallet's residency at that node.
    #[account(
        seeds = [RESIDENCY_SEED, residency.node.as_ref(), residency.wallet.as_ref()],
        bump = residency.bump,
        has_one = node @ NetstateError::ResidencyNotForNode,
    )]
    pub residency: Box<Account<'info, Residency>>,
}

impl ProveResidency<'_> {
    /// At least `min_days` days present.
    pub fn validate(&self, min_days: u32, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.residency.days_present >= min_days,
            NetstateError::NotResidentLongEnough
        );
        Ok(())
    }

    /// Returns the days present (as return data).
    pub fn prove_residency(ctx: Context<Self>) -> Result<u32> {
        let days = ctx.accounts.residency.days_present;
        // Anchor sets the Borsh bytes of the returned value as return data, a syscall that is
        // a no-op when the program runs natively (tests, the local node); there, set the same
        // bytes through the runtime's syscall stubs.
        #[cfg(not(target_os = "solana"))]
        anchor_lang::compat::solana_sysvar::program_stubs::sol_set_return_data(&days.to_le_bytes());
        Ok(days)
    }
}
