//! `pay_dues(periods)`: anyone (the member, a sponsor, a scholarship) pays periods of a
//! member's dues in SOL into the treasury; a lapsed member is a citizen again.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::require_no_remaining_accounts;
use crate::shared::dues::{record_payment, require_payable};
use crate::state::{Member, Society};

/// Accounts of `pay_dues`.
#[derive(Accounts)]
pub struct PayDues<'info> {
    /// Who pays.
    #[account(mut)]
    pub payer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The member paid for.
    #[account(
        mut,
        has_one = society @ NetstateError::MemberNotInSociety,
    )]
    pub member: Box<Account<'info, Member>>,

    /// The society's treasury.
    #[account(
        mut,
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl PayDues<'_> {
    /// SOL dues, 1..=120 periods, a citizen or lapsed citizen.
    pub fn validate(&self, periods: u32, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_payable(&self.society, &self.member, periods, None)
    }

    /// Moves the SOL and records the payment.
    pub fn pay_dues(ctx: Context<Self>, periods: u32) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        // Nothing moves once dues have ended (a lapsed member's return, see
        // `require_payable`).
        let amount = accounts.society.dues.cost(periods)?;
        if amount > 0 {
            system_program::transfer(
                CpiContext::new(
                    accounts.system_program.key(),
                    Transfer {
                        from: accounts.payer.to_account_info(),
                        to: accounts.treasury.to_account_info(),
                    },
                ),
                amount,
            )?;
        }
        let society_key = accounts.society.key();
        record_payment(
            &mut accounts.society,
            society_key,
            &mut accounts.member,
            accounts.payer.key(),
            periods,
            now,
        )
    }
}
