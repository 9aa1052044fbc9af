//! `deposit_token`: anyone adds SPL or Token-2022 tokens to a society's treasury, creating
//! the treasury's associated token account for the mint when missing.

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TokenDeposited};
use crate::instructions::require_no_remaining_accounts;
use crate::mint_rules::require_treasury_safe_mint;
use crate::state::Society;

/// Accounts of `deposit_token`.
#[derive(Accounts)]
pub struct DepositToken<'info> {
    /// Who pays (and pays the treasury token account's rent if it is created).
    #[account(mut)]
    pub depositor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The society's treasury (owner of its token accounts).
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The token's mint.
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The depositor's token account.
    #[account(
        mut,
        token::mint = mint,
        token::authority = depositor,
        token::token_program = token_program,
    )]
    pub depositor_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The treasury's associated token account for the mint (created when missing).
    #[account(
        init_if_needed,
        payer = depositor,
        associated_token::mint = mint,
        associated_token::authority = treasury,
        associated_token::token_program = token_program,
    )]
    pub treasury_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
    /// The associated token account program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl DepositToken<'_> {
    /// A positive amount.
    pub fn validate(&self, amount: u64, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(amount > 0, NetstateError::ZeroAmount);
        require_treasury_safe_mint(&self.mint.to_account_info())
    }

    /// Moves the tokens with `transfer_checked`.
    pub fn deposit_token(ctx: Context<Self>, amount: u64) -> Result<()> {
        let accounts = ctx.accounts;
        transfer_checked(
            CpiContext::new(
                accounts.token_program.key(),
                TransferChecked {
                    from: accounts.depositor_token.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                    to: accounts.treasury_token.to_account_info(),
                    authority: accounts.depositor.to_account_info(),
                },
            ),
            amount,
            accounts.mint.decimals,
        )?;
        // The CPI changed the balance under us: read it again.
        accounts.treasury_token.reload()?;
        let seq = accounts.society.next_seq()?;
        emit_event(TokenDeposited {
            society: accounts.society.key(),
            seq,
            depositor: accounts.depositor.key(),
            mint: accounts.mint.key(),
            amount,
            treasury_balance: accounts.treasury_token.amount,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
