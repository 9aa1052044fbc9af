//! `release_grant` (anyone): mints what has vested of a contribution grant to its recipient,
//! never more; the release that completes the grant closes it, its rent back to whoever paid
//! it.

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{mint_to, Mint, MintTo, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ContributionMinted};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Grant, Share, Society};

/// Accounts of `release_grant`.
#[derive(Accounts)]
pub struct ReleaseGrant<'info> {
    /// Whoever sends it; pays the recipient's token account if it is missing.
    #[account(mut)]
    pub payer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The grant.
    #[account(
        mut,
        has_one = society @ NetstateError::GrantMismatch,
        has_one = recipient @ NetstateError::RecipientMismatch,
    )]
    pub grant: Box<Account<'info, Grant>>,

    /// CHECK: who paid the grant's rent (refunded when it completes), bound by the check in
    /// `validate`.
    #[account(mut)]
    pub grant_payer: UncheckedAccount<'info>,

    /// The society's treasury: the mint authority.
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The society's contribution mint (checked in `validate`).
    #[account(mut, mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: the grant's recipient, bound by `has_one`.
    pub recipient: UncheckedAccount<'info>,

    /// The recipient's associated token account for the mint.
    #[account(
        init_if_needed,
        payer = payer,
        associated_token::mint = mint,
        associated_token::authority = recipient,
        associated_token::token_program = token_program,
    )]
    pub recipient_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The recipient's Share (created when the grant was opened).
    #[account(
        mut,
        seeds = [SHARE_SEED, society.key().as_ref(), recipient.key().as_ref()],
        bump = share.bump,
    )]
    pub share: Box<Account<'info, Share>>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
    /// The associated token account program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ReleaseGrant<'_> {
    /// The society's own mint, the grant's payer, and something vested to release.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            self.society.contribution_mint == Some(self.mint.key()),
            NetstateError::MintMismatch
        );
        require_keys_eq!(
            self.grant_payer.key(),
            self.grant.payer,
            NetstateError::RecipientMismatch
        );
        require!(
            self.grant.releasable(Clock::get()?.unix_timestamp)? > 0,
            NetstateError::NothingVested
        );
        Ok(())
    }

    /// Mints the vested part, signed by the treasury PDA.
    pub fn release_grant(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let amount = accounts.grant.releasable(now)?;
        let society_key = accounts.society.key();
        let seeds: &[&[u8]] = &[
            TREASURY_SEED,
            society_key.as_ref(),
            &[accounts.society.treasury_bump],
        ];
        mint_to(
            CpiContext::new(
                accounts.token_program.key(),
                MintTo {
                    mint: accounts.mint.to_account_info(),
                    to: accounts.recipient_token.to_account_info(),
                    authority: accounts.treasury.to_account_info(),
                },
            )
            .with_signer(&[seeds]),
            amount,
        )?;
        accounts.mint.reload()?;
        let grant = &mut accounts.grant;
        grant.released = grant
            .released
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        let share = &mut accounts.share;
        share.earned = share
            .earned
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        if grant.released == grant.amount {
            grant.close(accounts.grant_payer.to_account_info())?;
        }
        let seq = accounts.society.next_seq()?;
        emit_event(ContributionMinted {
            society: society_key,
            seq,
            proposal: accounts.grant.proposal,
            recipient: accounts.recipient.key(),
            amount,
            supply: accounts.mint.supply,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
