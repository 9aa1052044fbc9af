//! The society's treasury: deposits by anyone, payouts only by executed proposals, and the
//! earned share: grants that vest, and exits with a share.

pub mod create_contribution_mint;
pub mod deposit_sol;
pub mod deposit_token;
pub mod exit_with_share;
pub mod release_grant;

pub use create_contribution_mint::*;
pub use deposit_sol::*;
pub use deposit_token::*;
pub use exit_with_share::*;
pub use release_grant::*;

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

/// Tops the treasury up to the rent-exempt minimum of an empty account, paid by `payer`
/// (nothing when someone already sent at least that much).
pub fn fund_rent_reserve<'info>(
    payer: &AccountInfo<'info>,
    treasury: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
) -> Result<()> {
    let shortfall = Rent::get()?
        .minimum_balance(0)
        .saturating_sub(treasury.lamports());
    if shortfall == 0 {
        return Ok(());
    }
    system_program::transfer(
        CpiContext::new(
            system.key(),
            Transfer {
                from: payer.clone(),
                to: treasury.clone(),
            },
        ),
        shortfall,
    )
}

/// Lamports the treasury may pay out: its balance above the rent-exempt reserve.
pub fn spendable_lamports(treasury: &AccountInfo) -> Result<u64> {
    Ok(treasury
        .lamports()
        .saturating_sub(Rent::get()?.minimum_balance(0)))
}
