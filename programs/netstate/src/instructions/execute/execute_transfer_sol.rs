//! `execute_transfer_sol`: the treasury pays the lamports a `TransferSol` proposal names to
//! the recipient it names, keeping the treasury's rent reserve.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TreasurySolPaid};
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::spendable_lamports;
use crate::state::{ActionKind, ProposalAction};

/// Accounts of `execute_transfer_sol`.
#[derive(Accounts)]
pub struct ExecuteTransferSol<'info> {
    /// Executor, society, proposal.
    pub common: ExecuteCommon<'info>,

    /// The society's treasury.
    #[account(
        mut,
        seeds = [TREASURY_SEED, common.society.key().as_ref()],
        bump = common.society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// CHECK: must be the recipient the proposal names (checked in `validate`).
    #[account(mut)]
    pub recipient: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ExecuteTransferSol<'_> {
    /// A passed `TransferSol`, its own recipient, and enough in the treasury.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common.require_executable(&[ActionKind::TransferSol])?;
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
        match self.common.proposal.action {
            ProposalAction::TransferSol { recipient, amount } => Ok((recipient, amount)),
            _ => err!(NetstateError::WrongExecuteInstruction),
        }
    }

    /// Pays, signed by the treasury PDA.
    pub fn execute_transfer_sol(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (recipient, amount) = accounts.action()?;
        let action = accounts.common.proposal.action.clone();
        accounts.common.society.exit.release(&action)?;
        let balance = spendable_lamports(&accounts.treasury.to_account_info())?;
        let society = &mut accounts.common.society;
        let params = society.governance;
        society.sol_outflow.spend(
            amount,
            balance,
            Clock::get()?.unix_timestamp,
            params.outflow_cap_bps,
            params.outflow_window_secs,
        )?;
        let society_key = accounts.common.society.key();
        let bump = accounts.common.treasury_bump();
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
        let seq = accounts.common.society.next_seq()?;
        emit_event(TreasurySolPaid {
            society: society_key,
            seq,
            proposal: accounts.common.proposal.key(),
            recipient,
            amount,
            treasury_balance: accounts.treasury.lamports(),
        });
        accounts.common.finish()
    }
}
