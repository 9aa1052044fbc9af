//! A hub's budget: an allowance per period from the treasury, in SOL or one token, held in
//! the hub's vault and spent by its operator or keeper, each spend with a receipt hash.
//!
//! Settling (`settle_node_budget`, anyone, once per period) levels the vault to exactly the
//! allowance: the treasury tops it up, or the vault returns what is above it. So unspent
//! allowance never carries into a second period, and an operator can spend at most the
//! allowance per period. A budget that is ended (or whose hub is retired) settles by
//! returning everything to the treasury and closing.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;

/// What a hub's budget allows: the terms of a `SetNodeBudget` proposal.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct BudgetTerms {
    /// The token it is paid in; `None` for SOL.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_words::option_pubkey")
    )]
    pub mint: Option<Pubkey>,
    /// Base units per period (lamports for SOL).
    pub allowance: u64,
    /// Seconds of one period (1 to 366 days).
    pub period_secs: u32,
    /// A second key that may spend besides the hub's operator (a hub keeper).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_words::option_pubkey")
    )]
    pub keeper: Option<Pubkey>,
}

impl BudgetTerms {
    /// Checks the terms: an allowance, a period of 1 to 366 days, real keys.
    pub fn validate(&self) -> Result<()> {
        require!(self.allowance > 0, NetstateError::ZeroAmount);
        require!(
            (MIN_BUDGET_PERIOD_SECS..=MAX_BUDGET_PERIOD_SECS).contains(&self.period_secs),
            NetstateError::BudgetPeriodOutOfRange
        );
        require!(
            self.mint != Some(Pubkey::default()),
            NetstateError::InvalidMint
        );
        require!(
            self.keeper != Some(Pubkey::default()),
            NetstateError::InvalidKeeper
        );
        Ok(())
    }
}

/// A hub's budget. PDA `["budget", node]`, created by the first executed `SetNodeBudget`
/// of the hub (its executor pays the rent), closed by the settlement after an
/// `EndNodeBudget` or the hub's retirement (the rent goes to the treasury).
#[account]
#[derive(InitSpace, Debug)]
pub struct NodeBudget {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Canonical bump of the hub's vault PDA `["vault", node]`.
    pub vault_bump: u8,
    /// The society.
    pub society: Pubkey,
    /// The hub.
    pub node: Pubkey,
    /// What it allows.
    pub terms: BudgetTerms,
    /// False once an `EndNodeBudget` executed: no more spending; the next settlement
    /// returns the vault to the treasury and closes this account.
    pub active: bool,
    /// Unix time period 0 began: the execution of the terms in force.
    pub started_at: i64,
    /// The first period not settled yet (0 under new terms).
    pub next_period: u64,
    /// Spent since the last settlement.
    pub spent_this_period: u64,
    /// Spent in all, under any terms.
    pub spent_total: u64,
    /// Spends recorded.
    pub spend_count: u64,
    /// Paid into the vault by the treasury, in all.
    pub funded_total: u64,
    /// Returned from the vault to the treasury, in all.
    pub returned_total: u64,
}

impl NodeBudget {
    /// The period `now` falls in (0 before `started_at`).
    pub fn period_at(&self, now: i64) -> u64 {
        let elapsed = u64::try_from(now.saturating_sub(self.started_at)).unwrap_or(0);
        elapsed / u64::from(self.terms.period_secs.max(1))
    }

    /// Unix time from which the next settlement under the terms in force is due: the start
    /// of the first period not settled yet.
    pub fn next_settlement_at(&self) -> i64 {
        let period = i64::from(self.terms.period_secs);
        let periods = i64::try_from(self.next_period).unwrap_or(i64::MAX);
        self.started_at
            .saturating_add(period.saturating_mul(periods))
    }

    /// What may still be spent at `now` from a vault that holds `held`: what is left of the
    /// allowance, at most what the vault holds; nothing in a period not settled yet, since
    /// what was spent counts from the last settlement (a period is a period: spending an
    /// allowance before its period's settlement and another after would be two).
    pub fn left_to_spend(&self, held: u64, now: i64) -> u64 {
        if self.period_at(now) >= self.next_period {
            return 0;
        }
        self.terms
            .allowance
            .saturating_sub(self.spent_this_period)
            .min(held)
    }

    /// Whether a settlement at `now` would level the vault (a new period began), or end
    /// the budget.
    pub fn settlement_due(&self, now: i64, node_active: bool) -> bool {
        !self.active || !node_active || self.period_at(now) >= self.next_period
    }

    /// Puts new terms in force at `now`: a new period 0, due for settlement at once.
    pub fn apply_terms(&mut self, terms: BudgetTerms, now: i64) -> Result<()> {
        require!(
            terms.mint == self.terms.mint,
            NetstateError::BudgetMintFixed
        );
        self.terms = terms;
        self.active = true;
        self.started_at = now;
        self.next_period = 0;
        Ok(())
    }

    /// Records a settlement at `now` that paid `funded` into the vault and `returned` out.
    pub fn record_settlement(&mut self, now: i64, funded: u64, returned: u64) -> Result<()> {
        self.next_period = self
            .period_at(now)
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        self.spent_this_period = 0;
        self.funded_total = self
            .funded_total
            .checked_add(funded)
            .ok_or(NetstateError::CounterOverflow)?;
        self.returned_total = self
            .returned_total
            .checked_add(returned)
            .ok_or(NetstateError::CounterOverflow)?;
        Ok(())
    }

    /// Checks a spend of `amount` by `spender` at `now` from a vault holding `held`, for a
    /// hub run by `operator`, and records it.
    pub fn spend(
        &mut self,
        spender: &Pubkey,
        operator: &Pubkey,
        amount: u64,
        held: u64,
        now: i64,
    ) -> Result<()> {
        require!(self.active, NetstateError::BudgetEnded);
        require!(
            spender == operator || Some(*spender) == self.terms.keeper,
            NetstateError::NotABudgetSpender
        );
        require!(amount > 0, NetstateError::ZeroAmount);
        require!(
            self.period_at(now) < self.next_period,
            NetstateError::BudgetPeriodNotSettled
        );
        require!(
            amount <= self.left_to_spend(held, now),
            NetstateError::BudgetExceeded
        );
        self.spent_this_period = self
            .spent_this_period
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        self.spent_total = self
            .spent_total
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        self.spend_count = self
            .spend_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        Ok(())
    }
}
