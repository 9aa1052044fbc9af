//! `pay_dues_token(periods)`: `pay_dues` for dues in a token: the payer's tokens go to the
//! treasury's associated account of the dues mint (created, paid by the payer, if missing).

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::require_no_remaining_accounts;
use crate::mint_rules::require_treasury_safe_mint;
use crate::shared::dues::{record_payment, require_payable};
use crate::state::{Member, Society};

/// Accounts of `pay_dues_token`.
#[derive(Accounts)]
pub struct PayDuesToken<'info> {
    /// Who pays (and pays the treasury token account's rent if it is created).
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

    /// The society's treasury (owner of its token accounts).
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The dues mint (checked against the society's in `validate`).
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The payer's token account.
    #[account(
        mut,
        token::mint = mint,
        token::authority = payer,
        token::token_program = token_program,
    )]
    pub payer_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The treasury's associated token account for the mint (created when missing).
    #[account(
        init_if_needed,
        payer = payer,
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

impl PayDuesToken<'_> {
    /// Dues in this mint, 1..=120 periods, a citizen or lapsed citizen.
    pub fn validate(&self, periods: u32, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_payable(&self.society, &self.member, periods, Some(self.mint.key()))?;
        require_treasury_safe_mint(&self.mint.to_account_info())
    }

    /// Moves the tokens with `transfer_checked` and records the payment.
    pub fn pay_dues_token(ctx: Context<Self>, periods: u32) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let amount = accounts.society.dues.cost(periods)?;
        transfer_checked(
            CpiContext::new(
                accounts.token_program.key(),
                TransferChecked {
                    from: accounts.payer_token.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                    to: accounts.treasury_token.to_account_info(),
                    authority: accounts.payer.to_account_info(),
                },
            ),
            amount,
            accounts.mint.decimals,
        )?;
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
