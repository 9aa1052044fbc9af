//! `settle_node_budget`: anyone levels a SOL hub budget's vault to the allowance once a new
//! period begins (the treasury tops it up within the outflow cap, or the vault returns what
//! is above the allowance), or, the budget ended or the hub retired, returns the whole
//! vault to the treasury and closes the budget.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};

use crate::constants::*;
use crate::error::NetstateError;
use crate::instructions::budget::{
    finish_settlement, require_settlement_due, settlement_closes, Settlement,
};
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::{fund_rent_reserve, spendable_lamports, AssetOutflow};
use crate::state::{ExitBasket, Node, NodeBudget, Society};

/// Accounts of `settle_node_budget`.
#[derive(Accounts)]
pub struct SettleNodeBudget<'info> {
    /// Whoever sends it (pays the vault's rent reserve the first time).
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

    /// The society's treasury.
    #[account(
        mut,
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's exit basket: what passed payments set aside is never settled away.
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

    /// The hub's vault.
    #[account(mut, seeds = [VAULT_SEED, node.key().as_ref()], bump = budget.vault_bump)]
    pub vault: SystemAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl SettleNodeBudget<'_> {
    /// A SOL budget, due for settlement.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_settlement_due(&self.budget, &self.node, None, Clock::get()?.unix_timestamp)
    }

    /// Levels or empties the vault.
    pub fn settle_node_budget(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let now = Clock::get()?.unix_timestamp;
        let society_key = accounts.society.key();
        let node_key = accounts.node.key();
        let vault_bump = [accounts.budget.vault_bump];
        let vault_seeds: &[&[u8]] = &[VAULT_SEED, node_key.as_ref(), &vault_bump];
        let treasury = accounts.treasury.to_account_info();
        let vault = accounts.vault.to_account_info();
        let system = accounts.system_program.to_account_info();
        let from_vault = |amount: u64| {
            system_program::transfer(
                CpiContext::new(
                    system.key(),
                    Transfer {
                        from: vault.clone(),
                        to: treasury.clone(),
                    },
                )
                .with_signer(&[vault_seeds]),
                amount,
            )
        };

        let settlement = if settlement_closes(&accounts.budget, &accounts.node) {
            // Everything, the rent reserve too: the vault account goes away.
            let returned = vault.lamports();
            if returned > 0 {
                from_vault(returned)?;
            }
            let rent_returned = accounts.budget.to_account_info().lamports();
            Settlement {
                funded: 0,
                returned,
                rent_returned,
                vault_balance: 0,
                closed: true,
            }
        } else {
            fund_rent_reserve(&accounts.payer.to_account_info(), &vault, &system)?;
            let held = spendable_lamports(&vault)?;
            let allowance = accounts.budget.terms.allowance;
            let (funded, returned) = if held < allowance {
                let need = allowance - held;
                let balance = spendable_lamports(&treasury)?;
                // What passed payments set aside is theirs: a settlement never takes it.
                let free = balance.saturating_sub(accounts.exit_basket.reserved_lamports);
                require!(need <= free, NetstateError::InsufficientTreasuryFunds);
                AssetOutflow {
                    payer: &accounts.payer.to_account_info(),
                    outflow: &accounts.sol_outflow.to_account_info(),
                    system_program: &system,
                    bump: ctx.bumps.sol_outflow,
                }
                .record(
                    &society_key,
                    &SOL_OUTFLOW_MINT,
                    need,
                    balance,
                    &accounts.society.governance,
                    now,
                )?;
                let treasury_bump = [accounts.society.treasury_bump];
                let treasury_seeds: &[&[u8]] =
                    &[TREASURY_SEED, society_key.as_ref(), &treasury_bump];
                system_program::transfer(
                    CpiContext::new(
                        system.key(),
                        Transfer {
                            from: treasury.clone(),
                            to: vault.clone(),
                        },
                    )
                    .with_signer(&[treasury_seeds]),
                    need,
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
        finish_settlement(
            &mut accounts.society,
            &mut accounts.budget,
            treasury,
            settlement,
            now,
        )
    }
}
