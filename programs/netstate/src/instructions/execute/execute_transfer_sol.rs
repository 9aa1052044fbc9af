//! `execute_transfer_sol`: the treasury pays the lamports a `TransferSol` proposal names to
//! the recipient it names, keeping the treasury's rent reserve.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TreasurySolPaid};
use crate::instructions::execute::execution_steps;
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::{spendable_lamports, AssetOutflow};
use crate::state::actions;
use crate::state::{ExitBasket, Proposal, ProposalAction, Society};

/// Accounts of `execute_transfer_sol`.
#[derive(Accounts)]
pub struct ExecuteTransferSol<'info> {
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

    /// The society's treasury.
    #[account(
        mut,
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's exit basket: what the payment set aside is released.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// SOL's Outflow, created with the society (or here, its sender paying, where a ledger
    /// predates that).
    /// CHECK: at `["outflow", society, SOL_OUTFLOW_MINT]` (seeds checked here).
    #[account(
        mut,
        seeds = [OUTFLOW_SEED, society.key().as_ref(), SOL_OUTFLOW_MINT.as_ref()],
        bump,
    )]
    pub sol_outflow: UncheckedAccount<'info>,

    /// CHECK: must be the recipient the proposal names (checked in `validate`).
    #[account(mut)]
    pub recipient: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteTransferSol);

impl ExecuteTransferSol<'_> {
    /// A passed `TransferSol`, its own recipient, and enough in the treasury.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::transfers::SOL_KINDS)?;
        let (recipient, amount) = self.action()?;
        require_keys_eq!(
            self.recipient.key(),
            recipient,
            NetstateError::RecipientMismatch
        );
        require!(
            amount <= spendable_lamports(&self.treasury)?,
            NetstateError::InsufficientTreasuryFunds
        );
        Ok(())
    }

    fn action(&self) -> Result<(Pubkey, u64)> {
        match self.proposal.action {
            ProposalAction::TransferSol { recipient, amount } => Ok((recipient, amount)),
            _ => err!(NetstateError::WrongExecuteInstruction),
        }
    }

    /// Pays, signed by the treasury PDA.
    pub fn execute_transfer_sol(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (recipient, amount) = accounts.action()?;
        let action = accounts.proposal.action.clone();
        accounts.exit_basket.release(&action)?;
        let balance = spendable_lamports(&accounts.treasury.to_account_info())?;
        let society_key = accounts.society.key();
        AssetOutflow {
            payer: &accounts.executor.to_account_info(),
            outflow: &accounts.sol_outflow.to_account_info(),
            system_program: &accounts.system_program.to_account_info(),
            bump: ctx.bumps.sol_outflow,
        }
        .record(
            &society_key,
            &SOL_OUTFLOW_MINT,
            amount,
            balance,
            &accounts.society.governance,
            Clock::get()?.unix_timestamp,
        )?;
        let bump = accounts.treasury_bump();
        let seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &bump];
        system_program::transfer(
            CpiContext::new(
                accounts.system_program.key(),
                Transfer {
                    from: accounts.treasury.to_account_info(),
                    to: accounts.recipient.to_account_info(),
                },
            )
            .with_signer(&[seeds]),
            amount,
        )?;
        let seq = accounts.society.next_seq()?;
        emit_event(TreasurySolPaid {
            society: society_key,
            seq,
            proposal: accounts.proposal.key(),
            recipient,
            amount,
            treasury_balance: accounts.treasury.lamports(),
        });
        accounts.finish()
    }
}
