//! `spend_node_budget(amount, memo, memo_hash)`: the hub's operator or budget keeper pays
//! `amount` lamports from the hub's vault to a recipient, saying what for (`memo`) with the
//! SHA-256 of its receipt;
//! at most the allowance per period, and never more than the vault holds.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeBudgetSpent};
use crate::instructions::budget::require_spendable;
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::spendable_lamports;
use crate::state::{Node, NodeBudget, Society};

/// Accounts of `spend_node_budget`.
#[derive(Accounts)]
pub struct SpendNodeBudget<'info> {
    /// The hub's operator or the budget's keeper.
    pub spender: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The hub.
    #[account(
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        constraint = node.society == society.key() @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The hub's budget.
    #[account(mut, seeds = [BUDGET_SEED, node.key().as_ref()], bump = budget.bump)]
    pub budget: Box<Account<'info, NodeBudget>>,

    /// The hub's vault.
    #[account(mut, seeds = [VAULT_SEED, node.key().as_ref()], bump = budget.vault_bump)]
    pub vault: SystemAccount<'info>,

    /// CHECK: the wallet paid: not the vault nor the treasury, not executable, and
    /// rent-exempt after (checked in `validate`).
    #[account(mut)]
    pub recipient: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl SpendNodeBudget<'_> {
    /// A SOL budget in force at an active hub, a receipt, and a recipient that can take it.
    pub fn validate(
        &self,
        amount: u64,
        memo: &str,
        memo_hash: &[u8; 32],
        remaining: &[AccountInfo],
    ) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_spendable(&self.budget, &self.node, None, memo, memo_hash)?;
        let treasury = crate::pda::treasury(&crate::ID, &self.society.key()).0;
        require!(
            self.recipient.key() != self.vault.key() && self.recipient.key() != treasury,
            NetstateError::RecipientIsTreasury
        );
        require!(
            !self.recipient.executable,
            NetstateError::RecipientIsExecutable
        );
        // Lamports paid into one of netstate's own accounts (a society, a member, a
        // proposal) would be stuck there or land with whoever closes it: a spend pays
        // someone outside. (Another hub's vault is a system account: what lands there goes
        // back to the treasury at that hub's next settlement.)
        require!(
            *self.recipient.owner != crate::ID,
            NetstateError::RecipientIsNetstateAccount
        );
        require!(
            self.recipient.lamports() > 0 || amount >= Rent::get()?.minimum_balance(0),
            NetstateError::AmountBelowRentExempt
        );
        Ok(())
    }

    /// Records the spend against the allowance and pays, signed by the vault PDA.
    pub fn spend_node_budget(
        ctx: Context<Self>,
        amount: u64,
        memo: String,
        memo_hash: [u8; 32],
    ) -> Result<()> {
        let accounts = ctx.accounts;
        let held = spendable_lamports(&accounts.vault.to_account_info())?;
        accounts.budget.spend(
            &accounts.spender.key(),
            &accounts.node.operator,
            amount,
            held,
            Clock::get()?.unix_timestamp,
        )?;
        let node_key = accounts.node.key();
        let vault_bump = [accounts.budget.vault_bump];
        let vault_seeds: &[&[u8]] = &[VAULT_SEED, node_key.as_ref(), &vault_bump];
        system_program::transfer(
            CpiContext::new(
                accounts.system_program.key(),
                Transfer {
                    from: accounts.vault.to_account_info(),
                    to: accounts.recipient.to_account_info(),
                },
            )
            .with_signer(&[vault_seeds]),
            amount,
        )?;
        let seq = accounts.society.next_seq()?;
        emit_event(NodeBudgetSpent {
            society: accounts.society.key(),
            seq,
            node: node_key,
            mint: None,
            spender: accounts.spender.key(),
            recipient: accounts.recipient.key(),
            amount,
            memo,
            memo_hash,
            spent_this_period: accounts.budget.spent_this_period,
            vault_balance: spendable_lamports(&accounts.vault.to_account_info())?,
        });
        Ok(())
    }
}
