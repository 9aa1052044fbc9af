//! `deposit_sol`: anyone adds SOL to a society's treasury.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, SolDeposited};
use crate::instructions::require_no_remaining_accounts;
use crate::state::Society;

/// Accounts of `deposit_sol`.
#[derive(Accounts)]
pub struct DepositSol<'info> {
    /// Who pays.
    #[account(mut)]
    pub depositor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The society's treasury.
    #[account(mut, seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl DepositSol<'_> {
    /// A positive amount.
    pub fn validate(&self, amount: u64, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(amount > 0, NetstateError::ZeroAmount);
        Ok(())
    }

    /// Moves the lamports.
    pub fn deposit_sol(ctx: Context<Self>, amount: u64) -> Result<()> {
        system_program::transfer(
            CpiContext::new(
                ctx.accounts.system_program.key(),
                Transfer {
                    from: ctx.accounts.depositor.to_account_info(),
                    to: ctx.accounts.treasury.to_account_info(),
                },
            ),
            amount,
        )?;
        let seq = ctx.accounts.society.next_seq()?;
        emit_event(SolDeposited {
            society: ctx.accounts.society.key(),
            seq,
            depositor: ctx.accounts.depositor.key(),
            amount,
            treasury_balance: ctx.accounts.treasury.lamports(),
        });
        ctx.accounts.society.invariant()?;
        Ok(())
    }
}
