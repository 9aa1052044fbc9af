//! `spend_node_budget_token(amount, memo, memo_hash)`: `spend_node_budget` for a budget in a
//! token: from the vault's token account to any token account of the mint.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeBudgetSpent};
use crate::instructions::budget::require_spendable;
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Node, NodeBudget, Society};

/// Accounts of `spend_node_budget_token`.
#[derive(Accounts)]
pub struct SpendNodeBudgetToken<'info> {
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

    /// The hub's vault (owner of its token account).
    #[account(seeds = [VAULT_SEED, node.key().as_ref()], bump = budget.vault_bump)]
    pub vault: SystemAccount<'info>,

    /// The budget's mint (checked against the budget in `validate`).
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The vault's associated token account of the mint.
    #[account(
        mut,
        associated_token::mint = mint,
        associated_token::authority = vault,
        associated_token::token_program = token_program,
    )]
    pub vault_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The token account paid: of the mint, owned by neither the vault nor the treasury.
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub recipient_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
}

impl SpendNodeBudgetToken<'_> {
    /// A budget in this mint in force at an active hub, a receipt, and a recipient outside
    /// the society's own money.
    pub fn validate(
        &self,
        memo: &str,
        memo_hash: &[u8; 32],
        remaining: &[AccountInfo],
    ) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_spendable(
            &self.budget,
            &self.node,
            Some(self.mint.key()),
            memo,
            memo_hash,
        )?;
        let treasury = crate::pda::treasury(&crate::ID, &self.society.key()).0;
        require!(
            self.recipient_token.owner != self.vault.key()
                && self.recipient_token.owner != treasury,
            NetstateError::RecipientIsTreasury
        );
        Ok(())
    }

    /// Records the spend against the allowance and pays, signed by the vault PDA.
    pub fn spend_node_budget_token(
        ctx: Context<Self>,
        amount: u64,
        memo: String,
        memo_hash: [u8; 32],
    ) -> Result<()> {
        let accounts = ctx.accounts;
        accounts.budget.spend(
            &accounts.spender.key(),
            &accounts.node.operator,
            amount,
            accounts.vault_token.amount,
            Clock::get()?.unix_timestamp,
        )?;
        let node_key = accounts.node.key();
        let vault_bump = [accounts.budget.vault_bump];
        let vault_seeds: &[&[u8]] = &[VAULT_SEED, node_key.as_ref(), &vault_bump];
        transfer_checked(
            CpiContext::new(
                accounts.token_program.key(),
                TransferChecked {
                    from: accounts.vault_token.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                    to: accounts.recipient_token.to_account_info(),
                    authority: accounts.vault.to_account_info(),
                },
            )
            .with_signer(&[vault_seeds]),
            amount,
            accounts.mint.decimals,
        )?;
        accounts.vault_token.reload()?;
        let seq = accounts.society.next_seq()?;
        emit_event(NodeBudgetSpent {
            society: accounts.society.key(),
            seq,
            node: node_key,
            mint: Some(accounts.mint.key()),
            spender: accounts.spender.key(),
            recipient: accounts.recipient_token.owner,
            amount,
            memo,
            memo_hash,
            spent_this_period: accounts.budget.spent_this_period,
            vault_balance: accounts.vault_token.amount,
        });
        Ok(())
    }
}
