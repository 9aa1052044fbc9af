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

use crate::constants::*;
use crate::shared::pda_account::{create_pda_account, load_if_created, store};
use crate::state::{GovernanceParams, Outflow, OutflowCounter};

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

/// Where a payment out of the treasury is recorded against the outflow cap: the asset's
/// Outflow PDA (`outflow`, with its canonical `bump`; a token's under its mint, SOL's under
/// [`SOL_OUTFLOW_MINT`]), created at the asset's first payment with `payer` paying the rent.
pub struct AssetOutflow<'a, 'info> {
    /// Pays the Outflow's rent when it is created.
    pub payer: &'a AccountInfo<'info>,
    /// The Outflow PDA `["outflow", society, mint]`.
    pub outflow: &'a AccountInfo<'info>,
    /// The system program.
    pub system_program: &'a AccountInfo<'info>,
    /// Its canonical bump.
    pub bump: u8,
}

impl AssetOutflow<'_, '_> {
    /// Records a payment of `amount` of `mint` out of a treasury balance of `balance`
    /// (before it) at `now` under `params`, or fails with `OutflowCapExceeded`.
    pub fn record(
        &self,
        society: &Pubkey,
        mint: &Pubkey,
        amount: u64,
        balance: u64,
        params: &GovernanceParams,
        now: i64,
    ) -> Result<()> {
        let mut outflow = match load_if_created::<Outflow>(self.outflow)? {
            Some(outflow) => outflow,
            None => {
                create_pda_account(
                    self.payer,
                    self.outflow,
                    self.system_program,
                    8 + Outflow::INIT_SPACE,
                    &[OUTFLOW_SEED, society.as_ref(), mint.as_ref(), &[self.bump]],
                )?;
                Outflow {
                    version: ACCOUNT_VERSION,
                    bump: self.bump,
                    society: *society,
                    mint: *mint,
                    counter: OutflowCounter::default(),
                }
            }
        };
        outflow.counter.spend(
            amount,
            balance,
            now,
            params.outflow_cap_bps,
            params.outflow_window_secs,
        )?;
        store(self.outflow, &outflow)
    }
}
