//! The earned share, read from the chain: what an exit would pay (computed with the
//! program's own [`netstate::state::pro_rata`], so the quote is what the program pays at the
//! same state), the vote records that hold a holder's exit, and the grants vesting to them.

use anchor_lang::solana_program::pubkey::Pubkey;
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, StateWithExtensions, non_transferable::NonTransferable,
};
use anchor_spl::token_2022::spl_token_2022::state::{
    Account as TokenAccountState, Mint as MintState,
};

use crate::accounts::{PARENT_OFFSET, WALLET_OFFSET, query};
use crate::error::ClientError;
use crate::instructions::{BasketMint, associated_token_address};
use crate::{ExitBasket, Grant, NetstateClient, Proposal, Share, Society, VoteRecord, pda};

/// Where a Grant's recipient sits: after its society and proposal.
pub const GRANT_RECIPIENT_OFFSET: usize = PARENT_OFFSET + 32 + 32;

/// The contribution token as an exit sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShareToken {
    /// The mint.
    pub mint: Pubkey,
    /// Its token program.
    pub token_program: Pubkey,
    /// Its decimals.
    pub decimals: u8,
    /// Tokens in existence (vested and minted), base units.
    pub supply: u64,
    /// Whether it carries the non-transferable extension (only then can it exit).
    pub non_transferable: bool,
}

/// One asset of the exit basket: what is free to pay out and what an exit takes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasketAsset {
    /// The mint (`None` for SOL).
    pub mint: Option<Pubkey>,
    /// Its token program (`None` for SOL).
    pub token_program: Option<Pubkey>,
    /// Its decimals (9 for SOL).
    pub decimals: u8,
    /// Held by the treasury (SOL: above the rent reserve), base units.
    pub held: u64,
    /// Set aside for passed payments, base units.
    pub reserved: u64,
    /// Held less reserved: what exits share, base units.
    pub free: u64,
    /// What the quoted exit pays of it, base units.
    pub paid: u64,
    /// Whether its issuer froze the treasury's account of it: it cannot be paid now, and an
    /// exit goes through only by forgoing it (see [`ExitQuote::frozen_slots`]).
    pub frozen: bool,
    /// Its slot in the exit basket (`None` for SOL).
    pub slot: Option<usize>,
    /// What the outflow rails let out of it now, base units: an exit paying more of it is
    /// refused (`OutflowCapExceeded`) until the bucket drains.
    pub room: u64,
}

impl BasketAsset {
    /// Whether the quoted exit pays more of it than the rails let out now.
    pub fn over_rails(&self) -> bool {
        !self.frozen && self.paid > self.room
    }
}

/// What burning `amount` of the contribution token would pay now.
#[derive(Clone, Debug)]
pub struct ExitQuote {
    /// The token.
    pub token: ShareToken,
    /// Base units quoted.
    pub amount: u64,
    /// The holder's vested tokens (their balance), base units.
    pub balance: u64,
    /// SOL first, then each listed mint in slot order.
    pub assets: Vec<BasketAsset>,
    /// Vote records that hold the exit: (proposal address, proposal if it still exists).
    pub held_by: Vec<(Pubkey, Option<Proposal>)>,
}

impl ExitQuote {
    /// The basket slots whose treasury account is frozen, as `exit_with_share`'s `skip`
    /// mask (bit `i` for slot `i`).
    pub fn frozen_slots(&self) -> u8 {
        self.assets
            .iter()
            .filter(|a| a.frozen)
            .filter_map(|a| a.slot)
            .fold(0u8, |mask, slot| mask | (1u8 << slot))
    }

    /// The most tokens (at most the holder's balance) whose exit the outflow rails let out
    /// now, each asset's payment within its room. Frozen assets are left out (an exit
    /// skips them).
    pub fn most_within_rails(&self) -> u64 {
        let supply = u128::from(self.token.supply);
        self.assets
            .iter()
            .filter(|a| !a.frozen && a.free > 0)
            .map(|a| u128::from(a.room) * supply / u128::from(a.free))
            .fold(u128::from(self.balance), u128::min)
            .try_into()
            .unwrap_or(self.balance)
    }

    /// The basket mints as `exit_with_share` takes them.
    pub fn basket(&self) -> Vec<BasketMint> {
        self.assets
            .iter()
            .filter_map(|a| {
                Some(BasketMint {
                    mint: a.mint?,
                    token_program: a.token_program?,
                })
            })
            .collect()
    }
}

impl NetstateClient {
    /// The society's contribution token, if it has one.
    pub async fn share_token(&self, society: &Society) -> Result<Option<ShareToken>, ClientError> {
        let Some(mint) = society.contribution_mint else {
            return Ok(None);
        };
        let account = self.rpc().get_account(&mint).await?;
        let state = StateWithExtensions::<MintState>::unpack(&account.data)
            .map_err(|_| ClientError::AccountNotFound(mint))?;
        Ok(Some(ShareToken {
            mint,
            token_program: account.owner,
            decimals: state.base.decimals,
            supply: state.base.supply,
            non_transferable: state.get_extension::<NonTransferable>().is_ok(),
        }))
    }

    /// The treasury's free assets: SOL above the rent reserve and each basket mint, each less
    /// what passed payments set aside; `paid` is what `amount` of `supply` takes.
    pub async fn basket_assets(
        &self,
        society_address: &Pubkey,
        society: &Society,
        amount: u64,
        supply: u64,
    ) -> Result<Vec<BasketAsset>, ClientError> {
        let treasury = pda::treasury(&self.program_id, society_address).0;
        let reserve = self.rpc().get_minimum_balance_for_rent_exemption(0).await?;
        let held = self
            .rpc()
            .get_balance(&treasury)
            .await?
            .saturating_sub(reserve);
        let share = |free: u64| {
            if amount == 0 || amount > supply {
                0
            } else {
                netstate::state::pro_rata(free, amount, supply).unwrap_or(0)
            }
        };
        let exit = self.exit_basket(society_address).await?;
        let sol_outflow = self.sol_outflow(society_address).await?;
        let now = self.unix_time().await?;
        let rails = &society.governance;
        let room = |counter: &netstate::state::OutflowCounter, held: u64| {
            counter.room(held, now, rails.outflow_cap_bps, rails.outflow_window_secs)
        };
        let free = held.saturating_sub(exit.reserved_lamports);
        let mut assets = vec![BasketAsset {
            mint: None,
            token_program: None,
            decimals: 9,
            held,
            reserved: exit.reserved_lamports,
            free,
            paid: share(free),
            frozen: false,
            slot: None,
            room: room(&sol_outflow, held),
        }];
        for (slot, mint) in exit.listed() {
            let account = self.rpc().get_account(mint).await?;
            let program = account.owner;
            let decimals = StateWithExtensions::<MintState>::unpack(&account.data)
                .map(|m| m.base.decimals)
                .map_err(|_| ClientError::AccountNotFound(*mint))?;
            let vault = associated_token_address(&treasury, mint, &program);
            let (held, frozen) = match self.rpc().get_account(&vault).await {
                Ok(a) => StateWithExtensions::<TokenAccountState>::unpack(&a.data)
                    .map(|t| (t.base.amount, t.base.is_frozen()))
                    .unwrap_or((0, false)),
                Err(_) => (0, false),
            };
            let reserved = exit.reserved_tokens[slot];
            let free = held.saturating_sub(reserved);
            let outflow: Option<crate::Outflow> = crate::accounts::fetch_optional(
                self.rpc(),
                &self.program_id,
                &pda::outflow(&self.program_id, society_address, mint).0,
            )
            .await?;
            assets.push(BasketAsset {
                mint: Some(*mint),
                token_program: Some(program),
                decimals,
                held,
                reserved,
                free,
                paid: if frozen { 0 } else { share(free) },
                frozen,
                slot: Some(slot),
                room: room(&outflow.map(|o| o.counter).unwrap_or_default(), held),
            });
        }
        Ok(assets)
    }

    /// The society's exit basket: the mints an exit pays besides SOL, and what passed
    /// payments set aside.
    pub async fn exit_basket(&self, society: &Pubkey) -> Result<ExitBasket, ClientError> {
        self.account(&pda::exit_basket(&self.program_id, society).0)
            .await
    }

    /// What the outflow rails hold of SOL paid out recently (empty before the first SOL
    /// payment, when SOL's Outflow does not exist yet).
    pub async fn sol_outflow(
        &self,
        society: &Pubkey,
    ) -> Result<netstate::state::OutflowCounter, ClientError> {
        let outflow: Option<crate::Outflow> = crate::accounts::fetch_optional(
            self.rpc(),
            &self.program_id,
            &pda::sol_outflow(&self.program_id, society).0,
        )
        .await?;
        Ok(outflow.map(|o| o.counter).unwrap_or_default())
    }

    /// What `holder` would receive for `amount` (all they hold with `None`) of the
    /// society's contribution token, and what holds their exit.
    pub async fn exit_quote(
        &self,
        society_address: &Pubkey,
        society: &Society,
        holder: &Pubkey,
        amount: Option<u64>,
    ) -> Result<Option<ExitQuote>, ClientError> {
        let Some(token) = self.share_token(society).await? else {
            return Ok(None);
        };
        let account = associated_token_address(holder, &token.mint, &token.token_program);
        let balance = match self.rpc().get_account(&account).await {
            Ok(a) => StateWithExtensions::<TokenAccountState>::unpack(&a.data)
                .map(|t| t.base.amount)
                .unwrap_or(0),
            Err(_) => 0,
        };
        let amount = amount.unwrap_or(balance);
        let assets = self
            .basket_assets(society_address, society, amount, token.supply)
            .await?;
        let held_by = self.exit_holds(society_address, holder).await?;
        Ok(Some(ExitQuote {
            token,
            amount,
            balance,
            assets,
            held_by,
        }))
    }

    /// The vote records of `holder` that hold their exit (a yes on an outflow, a payment or
    /// a hub budget, not yet closed), with their proposals (`None` once closed).
    pub async fn exit_holds(
        &self,
        society: &Pubkey,
        holder: &Pubkey,
    ) -> Result<Vec<(Pubkey, Option<Proposal>)>, ClientError> {
        let share: Option<Share> = crate::accounts::fetch_optional(
            self.rpc(),
            &self.program_id,
            &pda::share(&self.program_id, society, holder).0,
        )
        .await?;
        if share.is_none_or(|s| s.yes_on_outflows == 0) {
            return Ok(Vec::new());
        }
        let records =
            query::<VoteRecord>(self.rpc(), &self.program_id, Some((WALLET_OFFSET, holder)))
                .await?;
        let mut out = Vec::new();
        for (_, record) in records.into_iter().filter(|(_, r)| r.holds_exit) {
            let proposal: Option<Proposal> =
                crate::accounts::fetch_optional(self.rpc(), &self.program_id, &record.proposal)
                    .await?;
            if proposal.as_ref().is_some_and(|p| p.society != *society) {
                continue;
            }
            out.push((record.proposal, proposal));
        }
        Ok(out)
    }

    /// The grants vesting to `recipient` in `society`.
    pub async fn grants_to(
        &self,
        society: &Pubkey,
        recipient: &Pubkey,
    ) -> Result<Vec<(Pubkey, Grant)>, ClientError> {
        let all = query::<Grant>(
            self.rpc(),
            &self.program_id,
            Some((GRANT_RECIPIENT_OFFSET, recipient)),
        )
        .await?;
        Ok(all
            .into_iter()
            .filter(|(_, g)| g.society == *society)
            .collect())
    }

    /// Every grant of `society` still vesting.
    pub async fn grants(&self, society: &Pubkey) -> Result<Vec<(Pubkey, Grant)>, ClientError> {
        query::<Grant>(self.rpc(), &self.program_id, Some((PARENT_OFFSET, society))).await
    }
}
