//! The earned share: who holds the society's contribution token and what an exit with it
//! pays. The token is earned by executed proposals only (a Token-2022 mint with the
//! non-transferable extension cannot be bought or sold); `exit_with_share` burns some of it
//! for the same fraction of each asset of the society's exit basket, after setting aside what
//! passed proposals will pay out. Rounding is always in the treasury's favour.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::{GovernanceParams, ProposalAction};

/// What an exit pays from, and what is set aside from it. PDA `["exit_basket", society]`,
/// created with the society (the founder pays its rent); its own account, as the Society's
/// invariant does not need it (`docs/design.md`, "Accounts").
#[account]
#[derive(Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct ExitBasket {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// Token mints paid out besides SOL, in slots; `Pubkey::default()` is an empty slot.
    /// Changed only by an executed `SetExitBasket` proposal.
    pub mints: [Pubkey; EXIT_BASKET_MINTS],
    /// Base units of each slot's mint that passed, unexecuted `TransferToken` proposals will
    /// pay: not paid to exits.
    pub reserved_tokens: [u64; EXIT_BASKET_MINTS],
    /// Lamports that passed, unexecuted `TransferSol` proposals will pay.
    pub reserved_lamports: u64,
    /// Passed `TransferToken` proposals not yet executed nor closed, of any mint: a mint
    /// joins the basket only when there are none, so each reservation is released from the
    /// slot it was made in.
    pub pending_token_grants: u16,
}

impl ExitBasket {
    /// The slot holding `mint`.
    pub fn slot(&self, mint: &Pubkey) -> Option<usize> {
        if *mint == Pubkey::default() {
            return None;
        }
        self.mints.iter().position(|m| m == mint)
    }

    /// The mints listed, in slot order.
    pub fn listed(&self) -> impl Iterator<Item = (usize, &Pubkey)> {
        self.mints
            .iter()
            .enumerate()
            .filter(|(_, m)| **m != Pubkey::default())
    }

    /// Sets aside what a proposal that just passed will pay.
    pub fn reserve(&mut self, action: &ProposalAction) -> Result<()> {
        match action {
            ProposalAction::TransferSol { amount, .. } => {
                self.reserved_lamports = add(self.reserved_lamports, *amount)?;
            }
            ProposalAction::TransferToken { mint, amount, .. } => {
                self.pending_token_grants = self
                    .pending_token_grants
                    .checked_add(1)
                    .ok_or(NetstateError::CounterOverflow)?;
                if let Some(i) = self.slot(mint) {
                    self.reserved_tokens[i] = add(self.reserved_tokens[i], *amount)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether `action`, just passed, can be set aside on top of what is reserved: what
    /// would be reserved of its asset stays within what the treasury holds of it (`held`:
    /// lamports above the rent reserve, or the vault's balance) and within what the outflow
    /// rails of `params` let out from now until the payment's `deadline`. Actions that
    /// reserve nothing always fit.
    pub fn fits(
        &self,
        action: &ProposalAction,
        held: u64,
        params: &GovernanceParams,
        now: i64,
        deadline: i64,
    ) -> bool {
        let (reserved, amount) = match action {
            ProposalAction::TransferSol { amount, .. } => (self.reserved_lamports, *amount),
            ProposalAction::TransferToken { mint, amount, .. } => match self.slot(mint) {
                Some(i) => (self.reserved_tokens[i], *amount),
                None => return true,
            },
            _ => return true,
        };
        let after = u128::from(reserved) + u128::from(amount);
        after <= u128::from(held)
            && after <= rails_payable(held, deadline.saturating_sub(now), params)
    }

    /// Releases what [`Self::reserve`] set aside, when the proposal executes or expires.
    pub fn release(&mut self, action: &ProposalAction) -> Result<()> {
        match action {
            ProposalAction::TransferSol { amount, .. } => {
                self.reserved_lamports = sub(self.reserved_lamports, *amount)?;
            }
            ProposalAction::TransferToken { mint, amount, .. } => {
                self.pending_token_grants = self
                    .pending_token_grants
                    .checked_sub(1)
                    .ok_or(NetstateError::CounterOverflow)?;
                if let Some(i) = self.slot(mint) {
                    self.reserved_tokens[i] = sub(self.reserved_tokens[i], *amount)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks a new list of mints: distinct, not the contribution token, and (so that every
    /// reservation is released where it was made) no reserved slot changed and no mint added
    /// while token grants are pending.
    pub fn validate_change(
        &self,
        mints: &[Pubkey; EXIT_BASKET_MINTS],
        contribution_mint: Option<Pubkey>,
    ) -> Result<()> {
        Self::validate_mints(mints, contribution_mint)?;
        for (i, new) in mints.iter().enumerate() {
            if *new != self.mints[i] {
                require!(
                    self.reserved_tokens[i] == 0,
                    NetstateError::ExitBasketSlotReserved
                );
            }
            let added = *new != Pubkey::default() && !self.mints.contains(new);
            require!(
                !added || self.pending_token_grants == 0,
                NetstateError::TokenGrantsPending
            );
        }
        Ok(())
    }

    /// A list of basket mints is valid: no mint twice, never the contribution token.
    pub fn validate_mints(
        mints: &[Pubkey; EXIT_BASKET_MINTS],
        contribution_mint: Option<Pubkey>,
    ) -> Result<()> {
        for (i, mint) in mints.iter().enumerate() {
            if *mint == Pubkey::default() {
                continue;
            }
            require!(
                Some(*mint) != contribution_mint,
                NetstateError::ExitBasketHasContributionMint
            );
            require!(
                !mints[..i].contains(mint),
                NetstateError::ExitBasketDuplicateMint
            );
        }
        Ok(())
    }

    /// Replaces the mints (after [`Self::validate_change`]); a slot whose mint changed
    /// starts with nothing reserved.
    pub fn set_mints(&mut self, mints: [Pubkey; EXIT_BASKET_MINTS]) {
        for (i, new) in mints.iter().enumerate() {
            if *new != self.mints[i] {
                self.reserved_tokens[i] = 0;
            }
        }
        self.mints = mints;
    }
}

/// The most the outflow rails of `params` let out of an asset holding `held` over `secs`
/// seconds: a full bucket now (`outflow_cap_bps` of `held`) and as much again per
/// `outflow_window_secs` as it drains. An upper bound: it assumes the bucket empty now.
pub fn rails_payable(held: u64, secs: i64, params: &GovernanceParams) -> u128 {
    let capacity =
        u128::from(held) * u128::from(params.outflow_cap_bps) / u128::from(BPS_DENOMINATOR);
    let secs = u128::try_from(secs.max(0)).unwrap_or(0);
    let drained = capacity.saturating_mul(secs) / u128::from(params.outflow_window_secs.max(1));
    capacity.saturating_add(drained)
}

/// `amount / supply` of `available`, rounded down: what an exit burning `amount` of
/// `supply` tokens receives of an asset with `available` units free to pay out.
pub fn pro_rata(available: u64, amount: u64, supply: u64) -> Result<u64> {
    require!(
        amount > 0 && amount <= supply,
        NetstateError::ExitExceedsBalance
    );
    let share = u128::from(available)
        .checked_mul(u128::from(amount))
        .ok_or(NetstateError::CounterOverflow)?
        / u128::from(supply);
    // At most `available`, since amount <= supply.
    u64::try_from(share).map_err(|_| error!(NetstateError::CounterOverflow))
}

/// One holder's earned share of a society. PDA `["share", society, wallet]`. Created the
/// first time the wallet is minted contribution tokens or votes yes on an outflow, and kept
/// (its guard outlives a membership: leaving does not release it).
#[account]
#[derive(InitSpace, Debug)]
pub struct Share {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// The holder's wallet.
    pub wallet: Pubkey,
    /// Yes votes of this wallet on payments from the basket (`TransferSol`,
    /// `TransferToken`) whose vote records are still open: while any is, the wallet cannot
    /// exit with its share (it cannot leave with its part of a payment it voted for).
    /// Changing the vote away from yes, or closing the record once the proposal is final
    /// (executed, defeated, cancelled or expired), releases it.
    pub yes_on_outflows: u32,
    /// Contribution tokens earned (minted to this wallet), base units.
    pub earned: u64,
    /// Contribution tokens burnt in exits, base units.
    pub exited: u64,
    /// Unix time of the last exit (0 for none).
    pub last_exit_at: i64,
}

/// A contribution grant that vests: minted to its recipient as it vests, never before.
/// PDA `["grant", proposal]`, created by `execute_mint_contribution` when the proposal has a
/// vesting period; closed (rent back to whoever paid it) by the release that completes it.
#[account]
#[derive(InitSpace, Debug)]
pub struct Grant {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// The `MintContribution` proposal that granted it.
    pub proposal: Pubkey,
    /// The wallet it vests to.
    pub recipient: Pubkey,
    /// Who paid its rent (the executor), refunded when it closes.
    pub payer: Pubkey,
    /// Base units granted.
    pub amount: u64,
    /// Base units minted so far.
    pub released: u64,
    /// Unix time vesting starts (execution).
    pub start: i64,
    /// Seconds over which it vests linearly.
    pub duration_secs: u32,
}

impl Grant {
    /// Base units vested at `now`: `amount` × elapsed / duration, rounded down, all of it
    /// from `start + duration_secs`.
    pub fn vested(&self, now: i64) -> Result<u64> {
        let elapsed = now.saturating_sub(self.start).max(0);
        let duration = i64::from(self.duration_secs);
        if duration == 0 || elapsed >= duration {
            return Ok(self.amount);
        }
        let vested = u128::from(self.amount)
            .checked_mul(u128::try_from(elapsed).map_err(|_| NetstateError::CounterOverflow)?)
            .ok_or(NetstateError::CounterOverflow)?
            / u128::from(self.duration_secs);
        u64::try_from(vested).map_err(|_| error!(NetstateError::CounterOverflow))
    }

    /// Base units vested and not yet minted at `now`.
    pub fn releasable(&self, now: i64) -> Result<u64> {
        Ok(self.vested(now)?.saturating_sub(self.released))
    }
}

fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| error!(NetstateError::CounterOverflow))
}

fn sub(a: u64, b: u64) -> Result<u64> {
    a.checked_sub(b)
        .ok_or_else(|| error!(NetstateError::CounterOverflow))
}
