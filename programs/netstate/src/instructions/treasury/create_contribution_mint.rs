//! `create_contribution_mint`: during the startup stage the steward creates the society's
//! contribution token. Its mint and freeze authority is the treasury PDA, so only executed
//! `MintContribution` proposals can ever mint it. (After the startup stage a `SetSteward`
//! proposal can appoint someone to do this.)

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenInterface};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ContributionMintCreated};
use crate::instructions::require_no_remaining_accounts;
use crate::state::Society;

/// Accounts of `create_contribution_mint`.
#[derive(Accounts)]
#[instruction(decimals: u8)]
pub struct CreateContributionMint<'info> {
    /// The steward; pays the mint's rent.
    #[account(mut)]
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The society's treasury: mint and freeze authority.
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The new mint: a fresh keypair (so its address cannot be pre-funded by anyone).
    #[account(
        init,
        payer = steward,
        mint::decimals = decimals,
        mint::authority = treasury,
        mint::freeze_authority = treasury,
        mint::token_program = token_program,
    )]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// SPL Token or Token-2022.
    pub token_program: Interface<'info, TokenInterface>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CreateContributionMint<'_> {
    /// Only the steward, only once, at most 9 decimals.
    pub fn validate(&self, decimals: u8, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(
            self.society.contribution_mint.is_none(),
            NetstateError::ContributionMintExists
        );
        require!(
            decimals <= MAX_CONTRIBUTION_DECIMALS,
            NetstateError::DecimalsOutOfRange
        );
        Ok(())
    }

    /// Records the mint on the society.
    pub fn create_contribution_mint(ctx: Context<Self>, decimals: u8) -> Result<()> {
        let mint = ctx.accounts.mint.key();
        let society = &mut ctx.accounts.society;
        society.contribution_mint = Some(mint);
        let seq = society.next_seq()?;
        emit_event(ContributionMintCreated {
            society: society.key(),
            seq,
            mint,
            decimals,
            token_program: ctx.accounts.token_program.key(),
        });
        society.invariant()?;
        Ok(())
    }
}
