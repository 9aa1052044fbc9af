//! `settle_node_budget_token`: `settle_node_budget` for a budget in a token: the vault's
//! associated token account of the mint (created, paid by the sender, when missing) is
//! levelled to the allowance from the treasury's, or emptied into it and closed.

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{
    close_account, transfer_checked, CloseAccount, Mint, TokenAccount, TokenInterface,
    TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::budget::{
    finish_settlement, require_settlement_due, settlement_closes, Settlement,
};
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::AssetOutflow;
use crate::mint_rules::require_treasury_safe_mint;
use crate::state::{ExitBasket, Node, NodeBudget, Society};

/// Accounts of `settle_node_budget_token`.
#[derive(Accounts)]
pub struct SettleNodeBudgetToken<'info> {
    /// Whoever sends it (pays for the vault's token account and the mint's Outflow when
    /// they are created).
    #[account(mut)]
    pub payer: Signer<'info>,

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

    /// The society's treasury (owner of its token accounts; receives the rent of what
    /// closes).
    #[account(
        mut,
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's exit basket: what passed payments set aside is never settled away.
    #[account(
        seeds = [EXIT_BASKET_SEED, society.key().as_ref()],
        bump = exit_basket.bump,
    )]
    pub exit_basket: Box<Account<'info, ExitBasket>>,

    /// The hub's vault (owner of its token account).
    #[account(seeds = [VAULT_SEED, node.key().as_ref()], bump = budget.vault_bump)]
    pub vault: SystemAccount<'info>,

    /// The budget's mint (checked against the budget in `validate`).
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The treasury's associated token account of the mint.
    #[account(
        mut,
        associated_token::mint = mint,
        associated_token::authority = treasury,
        associated_token::token_program = token_program,
    )]
    pub treasury_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The vault's associated token account of the mint (created when missing).
    #[account(
        init_if_needed,
        payer = payer,
        associated_token::mint = mint,
        associated_token::authority = vault,
        associated_token::token_program = token_program,
    )]
    pub vault_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// CHECK: the mint's Outflow at `["outflow", society, mint]` (seeds checked here);
    /// created at the mint's first payment out of the treasury, paid by the sender.
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

impl SettleNodeBudgetToken<'_> {
    /// A budget in this mint, due for settlement; a mint the treasury may still pay from.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_settlement_due(
            &self.budget,
            &self.node,
            Some(self.mint.key()),
            Clock::get()?.unix_timestamp,
        )?;
        require_treasury_safe_mint(&self.mint.to_account_info())
    }

    /// Levels or empties the vault's token account.
    pub fn settle_node_budget_token(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let now = Clock::get()?.unix_timestamp;
        let society_key = accounts.society.key();
        let node_key = accounts.node.key();
        let mint_key = accounts.mint.key();
        let decimals = accounts.mint.decimals;
        let vault_bump = [accounts.budget.vault_bump];
        let vault_seeds: &[&[u8]] = &[VAULT_SEED, node_key.as_ref(), &vault_bump];
        let treasury_bump = [accounts.society.treasury_bump];
        let treasury_seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &treasury_bump];
        let token_program = accounts.token_program.key();
        let mint = accounts.mint.to_account_info();
        let vault_token = accounts.vault_token.to_account_info();
        let treasury_token = accounts.treasury_token.to_account_info();
        let from_vault = |amount: u64| {
            transfer_checked(
                CpiContext::new(
                    token_program,
                    TransferChecked {
                        from: vault_token.clone(),
                        mint: mint.clone(),
                        to: treasury_token.clone(),
                        authority: accounts.vault.to_account_info(),
                    },
                )
                .with_signer(&[vault_seeds]),
                amount,
                decimals,
            )
        };
        let held = accounts.vault_token.amount;

        let settlement = if settlement_closes(&accounts.budget, &accounts.node) {
            if held > 0 {
                from_vault(held)?;
            }
            let rent_returned = vault_token
                .lamports()
                .checked_add(accounts.budget.to_account_info().lamports())
                .ok_or(NetstateError::CounterOverflow)?;
            close_account(
                CpiContext::new(
                    token_program,
                    CloseAccount {
                        account: vault_token.clone(),
                        destination: accounts.treasury.to_account_info(),
                        authority: accounts.vault.to_account_info(),
                    },
                )
                .with_signer(&[vault_seeds]),
            )?;
            Settlement {
                funded: 0,
                returned: held,
                rent_returned,
                vault_balance: 0,
                closed: true,
            }
        } else {
            let allowance = accounts.budget.terms.allowance;
            let (funded, returned) = if held < allowance {
                let need = allowance - held;
                let balance = accounts.treasury_token.amount;
                // What passed payments set aside in this mint is theirs.
                let exit = &accounts.exit_basket;
                let reserved = exit.slot(&mint_key).map_or(0, |i| exit.reserved_tokens[i]);
                require!(
                    need <= balance.saturating_sub(reserved),
                    NetstateError::InsufficientTreasuryFunds
                );
                let params = accounts.society.governance;
                AssetOutflow {
                    payer: &accounts.payer.to_account_info(),
                    outflow: &accounts.outflow.to_account_info(),
                    system_program: &accounts.system_program.to_account_info(),
                    bump: ctx.bumps.outflow,
                }
                .record(&society_key, &mint_key, need, balance, &params, now)?;
                transfer_checked(
                    CpiContext::new(
                        token_program,
                        TransferChecked {
                            from: treasury_token.clone(),
                            mint: mint.clone(),
                            to: vault_token.clone(),
                            authority: accounts.treasury.to_account_info(),
                        },
                    )
                    .with_signer(&[treasury_seeds]),
                    need,
                    decimals,
                )?;
                (need, 0)
            } else {
                let excess = held - allowance;
                if excess > 0 {
                    from_vault(excess)?;
                }
                (0, excess)
            };
            Settlement {
                funded,
                returned,
                rent_returned: 0,
                vault_balance: allowance,
                closed: false,
            }
        };
        let treasury = accounts.treasury.to_account_info();
        finish_settlement(
            &mut accounts.society,
            &mut accounts.budget,
            treasury,
            settlement,
            now,
        )
    }
}
