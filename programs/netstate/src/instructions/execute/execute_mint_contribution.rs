//! `execute_mint_contribution`: mints the society's contribution token to the member a
//! `MintContribution` proposal names. The only way the token is ever minted.

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{mint_to, Mint, MintTo, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ContributionMinted};
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, ProposalAction};

/// Accounts of `execute_mint_contribution`.
#[derive(Accounts)]
pub struct ExecuteMintContribution<'info> {
    /// Executor, society, proposal.
    pub common: ExecuteCommon<'info>,

    /// The society's treasury: the mint authority.
    #[account(
        seeds = [TREASURY_SEED, common.society.key().as_ref()],
        bump = common.society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's contribution mint (checked in `validate`).
    #[account(mut, mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: must be the recipient the proposal names (checked in `validate`).
    pub recipient: UncheckedAccount<'info>,

    /// The recipient's associated token account for the mint.
    #[account(
        init_if_needed,
        payer = common.executor,
        associated_token::mint = mint,
        associated_token::authority = recipient,
        associated_token::token_program = token_program,
    )]
    pub recipient_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
    /// The associated token account program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ExecuteMintContribution<'_> {
    /// A passed `MintContribution`, the society's own mint, its own recipient.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common
            .require_executable(&[ActionKind::MintContribution])?;
        let (recipient, _) = self.action()?;
        require!(
            self.common.society.contribution_mint == Some(self.mint.key()),
            NetstateError::MintMismatch
        );
        require_keys_eq!(
            self.recipient.key(),
            recipient,
            NetstateError::RecipientMismatch
        );
        Ok(())
    }

    fn action(&self) -> Result<(Pubkey, u64)> {
        match self.common.proposal.action {
            ProposalAction::MintContribution { recipient, amount } => Ok((recipient, amount)),
            _ => err!(NetstateError::WrongExecuteInstruction),
        }
    }

    /// Mints, signed by the treasury PDA.
    pub fn execute_mint_contribution(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (recipient, amount) = accounts.action()?;
        let society_key = accounts.common.society.key();
        let bump = accounts.common.treasury_bump();
        let seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &bump];
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
        let seq = accounts.common.society.next_seq()?;
        emit_event(ContributionMinted {
            society: society_key,
            seq,
            proposal: accounts.common.proposal.key(),
            recipient,
            amount,
            supply: accounts.mint.supply,
        });
        accounts.common.finish()
    }
}
