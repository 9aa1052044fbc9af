//! `execute_transfer_token`: the treasury pays the tokens a `TransferToken` proposal names,
//! from its associated token account for the named mint to the named recipient's
//! associated token account (created, paid by the executor, when missing).

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TreasuryTokenPaid};
use crate::instructions::execute::execution_steps;
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::AssetOutflow;
use crate::mint_rules::require_treasury_safe_mint;
use crate::state::actions;
use crate::state::{ExitBasket, Proposal, ProposalAction, Society};

/// Accounts of `execute_transfer_token`.
#[derive(Accounts)]
pub struct ExecuteTransferToken<'info> {
    /// Whoever sends the transaction (pays for any account the action creates).
    #[account(mut)]
    pub executor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The passed proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The society's treasury (owner of the paying token account).
    #[account(
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The mint the proposal names (checked in `validate`), owned by `token_program`.
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The treasury's associated token account for the mint.
    #[account(
        mut,
        associated_token::mint = mint,
        associated_token::authority = treasury,
        associated_token::token_program = token_program,
    )]
    pub treasury_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The society's exit basket: what the payment set aside is released.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// CHECK: must be the recipient the proposal names (checked in `validate`).
    pub recipient: UncheckedAccount<'info>,

    /// The recipient's associated token account for the mint.
    #[account(
        init_if_needed,
        payer = executor,
        associated_token::mint = mint,
        associated_token::authority = recipient,
        associated_token::token_program = token_program,
    )]
    pub recipient_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// CHECK: the mint's Outflow at `["outflow", society, mint]` (seeds checked here);
    /// created by the handler at the mint's first payment, paid by the executor.
    #[account(
        mut,
        seeds = [OUTFLOW_SEED, society.key().as_ref(), mint.key().as_ref()],
        bump,
    )]
    pub outflow: UncheckedAccount<'info>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
    /// The associated token account program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteTransferToken);

impl ExecuteTransferToken<'_> {
    /// A passed `TransferToken`, its own mint and recipient, and enough in the treasury.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::transfers::TOKEN_KINDS)?;
        let (mint, recipient, amount) = self.action()?;
        require_keys_eq!(self.mint.key(), mint, NetstateError::MintMismatch);
        require_keys_eq!(
            self.recipient.key(),
            recipient,
            NetstateError::RecipientMismatch
        );
        require!(
            amount <= self.treasury_token.amount,
            NetstateError::InsufficientTreasuryFunds
        );
        // An extension's authority may have changed since the vote (a pause, a new hook).
        require_treasury_safe_mint(&self.mint.to_account_info())
    }

    fn action(&self) -> Result<(Pubkey, Pubkey, u64)> {
        match self.proposal.action {
            ProposalAction::TransferToken {
                mint,
                recipient,
                amount,
            } => Ok((mint, recipient, amount)),
            _ => err!(NetstateError::WrongExecuteInstruction),
        }
    }

    /// Pays with `transfer_checked`, signed by the treasury PDA.
    pub fn execute_transfer_token(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (mint, recipient, amount) = accounts.action()?;
        let action = accounts.proposal.action.clone();
        accounts.exit_basket.release(&action)?;
        let society_key = accounts.society.key();
        let params = accounts.society.governance;
        AssetOutflow {
            payer: &accounts.executor.to_account_info(),
            outflow: &accounts.outflow.to_account_info(),
            system_program: &accounts.system_program.to_account_info(),
            bump: ctx.bumps.outflow,
        }
        .record(
            &society_key,
            &mint,
            amount,
            accounts.treasury_token.amount,
            &params,
            Clock::get()?.unix_timestamp,
        )?;
        let bump = accounts.treasury_bump();
        let seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &bump];
        transfer_checked(
            CpiContext::new(
                accounts.token_program.key(),
                TransferChecked {
                    from: accounts.treasury_token.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                    to: accounts.recipient_token.to_account_info(),
                    authority: accounts.treasury.to_account_info(),
                },
            )
            .with_signer(&[seeds]),
            amount,
            accounts.mint.decimals,
        )?;
        // The CPI changed the balance under us: read it again.
        accounts.treasury_token.reload()?;
        let seq = accounts.society.next_seq()?;
        emit_event(TreasuryTokenPaid {
            society: society_key,
            seq,
            proposal: accounts.proposal.key(),
            mint,
            recipient,
            amount,
            treasury_balance: accounts.treasury_token.amount,
        });
        accounts.finish()
    }
}
