//! `finalize_proposal` (anyone): closes the vote once it has ended, or earlier when the
//! citizens who have not voted can no longer change the outcome. A passed proposal becomes
//! executable after the timelock, and what it will pay is set aside from the exit basket,
//! if it can be: what is set aside of an asset never exceeds what the treasury holds of it
//! nor what the outflow rails let out before the payment expires. A proposal that passed
//! the vote but cannot be set aside is `Unfunded` and never executes (issue 23, class 10:
//! a majority cannot starve exits by passing more payments than the treasury can pay).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ProposalFinalized};
use crate::instructions::proposal::release_proposal_slot;
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::spendable_lamports;
use crate::state::{ExitBasket, Proposal, ProposalAction, Society};
use anchor_spl::associated_token::get_associated_token_address_with_program_id as associated_token_address;

/// Accounts of `finalize_proposal`.
#[derive(Accounts)]
pub struct FinalizeProposal<'info> {
    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The society's treasury: what it holds bounds what passed payments set aside.
    #[account(
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's exit basket: what a passed payment will pay is set aside from it.
    #[account(
        mut,
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// CHECK: for a `TransferToken` of a mint in the exit basket, the treasury's associated
    /// token account of that mint (under the token program that owns it; checked in
    /// `held`); not needed otherwise.
    pub treasury_vault: Option<UncheckedAccount<'info>>,

    /// CHECK: the proposer's Member PDA, given back its open-proposal slot; checked in
    /// `release_proposal_slot` (it may be gone if the proposer left).
    #[account(mut)]
    pub proposer_member: UncheckedAccount<'info>,
}

impl FinalizeProposal<'_> {
    /// Nothing beyond the constraints; timing is checked by `Proposal::finalize`.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)
    }

    /// What the treasury holds of the asset `action` pays, for the reservation bound: SOL
    /// above the rent reserve, or the basket mint's vault (0 when the vault does not exist).
    fn held(&self, action: &ProposalAction) -> Result<u64> {
        let ProposalAction::TransferToken { mint, .. } = action else {
            return spendable_lamports(&self.treasury);
        };
        if self.exit_basket.slot(mint).is_none() {
            // Outside the basket nothing is set aside: the bound does not apply.
            return Ok(u64::MAX);
        }
        let vault = self
            .treasury_vault
            .as_ref()
            .ok_or(NetstateError::TreasuryVaultMismatch)?;
        let program = *vault.owner;
        if vault.data_is_empty() {
            // Not created yet: its address under either token program is accepted.
            let expected = [anchor_spl::token::ID, anchor_spl::token_2022::ID]
                .iter()
                .any(|p| vault.key() == associated_token_address(&self.treasury.key(), mint, p));
            require!(expected, NetstateError::TreasuryVaultMismatch);
            return Ok(0);
        }
        require!(
            program == anchor_spl::token::ID || program == anchor_spl::token_2022::ID,
            NetstateError::TreasuryVaultMismatch
        );
        require_keys_eq!(
            vault.key(),
            associated_token_address(&self.treasury.key(), mint, &program),
            NetstateError::TreasuryVaultMismatch
        );
        let data = vault.try_borrow_data()?;
        Ok(
            anchor_spl::token_interface::TokenAccount::try_deserialize(&mut &data[..])
                .map_err(|_| NetstateError::TreasuryVaultMismatch)?
                .amount,
        )
    }

    /// Decides the proposal.
    pub fn finalize_proposal(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let mut passed = accounts.proposal.finalize(now)?;
        let mut unfunded = false;
        if passed {
            let action = &accounts.proposal.action;
            let held = accounts.held(action)?;
            if accounts.exit_basket.fits(
                action,
                held,
                &accounts.society.governance,
                now,
                accounts.proposal.execution_deadline,
            ) {
                // What it will pay is no longer free for exits.
                accounts.exit_basket.reserve(action)?;
            } else {
                accounts.proposal.mark_unfunded();
                passed = false;
                unfunded = true;
            }
        }
        release_proposal_slot(&accounts.proposal, &accounts.proposer_member)?;
        let seq = accounts.society.next_seq()?;
        let proposal = &accounts.proposal;
        emit_event(ProposalFinalized {
            society: accounts.society.key(),
            seq,
            proposal: proposal.key(),
            passed,
            unfunded,
            tally: proposal.tally,
            eligible_count: proposal.eligible_count,
            executable_at: proposal.executable_at,
            execution_deadline: proposal.execution_deadline,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
