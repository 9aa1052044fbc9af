//! `exit_with_share(amount)`: a holder burns `amount` of their vested contribution tokens and
//! receives `amount / supply` of each asset of the society's exit basket: SOL above the
//! treasury's rent reserve, and each listed mint, each after setting aside what passed,
//! unexecuted payments will take. Rounded down, in the treasury's favour. Membership does
//! not matter (an expelled or departed holder keeps the right); a yes vote on an outflow that
//! is not final holds it (`ExitHeldByYesVote`).
//!
//! Everything that leaves the treasury is an outflow (issue 23, class 4): what an exit pays
//! of each asset counts against the same rails as payments and hub budgets
//! (`OutflowCapExceeded` past them; exit a smaller amount, or later, as the bucket drains).
//! So a majority that mints itself tokens cannot empty the treasury in one transaction.
//!
//! SOL's payment counts in SOL's Outflow (`["outflow", society, SOL_OUTFLOW_MINT]`, created
//! the holder paying when it does not exist yet).
//!
//! Remaining accounts, for each listed mint in slot order: the mint, the treasury's
//! associated token account for it (may not exist: nothing to pay), a token account of
//! the holder for it (read only when something is paid), and the mint's Outflow PDA
//! `["outflow", society, mint]` (created, the holder paying, when something is paid and it
//! does not exist yet).
//!
//! One frozen asset never blocks the others: `skip` (bit `i` for basket slot `i`) names
//! the slots the holder forgoes, their share staying in the treasury; a slot whose treasury
//! account its issuer froze is refused unless skipped (`BasketAssetFrozen`), so nothing is
//! lost without the holder saying so.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_2022::spl_token_2022::extension::{
    non_transferable::NonTransferable, BaseStateWithExtensions, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::Mint as MintState;
use anchor_spl::token_interface::{
    burn, transfer_checked, Burn, Mint, Token2022, TokenAccount, TransferChecked,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ExitedWithShare};
use crate::instructions::treasury::{spendable_lamports, AssetOutflow};
use crate::mint_rules::require_treasury_safe_mint;
use crate::state::{pro_rata, ExitBasket, Share, Society};

/// Accounts of `exit_with_share`.
#[derive(Accounts)]
pub struct ExitWithShare<'info> {
    /// The holder: burns the tokens, receives the share.
    #[account(mut)]
    pub holder: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The holder's Share (created when they were first minted tokens).
    #[account(
        mut,
        seeds = [SHARE_SEED, society.key().as_ref(), holder.key().as_ref()],
        bump = share.bump,
    )]
    pub share: Box<Account<'info, Share>>,

    /// The society's treasury.
    #[account(
        mut,
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's exit basket: the mints an exit pays, and what passed payments set aside.
    #[account(
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

    /// The society's contribution mint (checked in `validate`), on Token-2022.
    #[account(mut, mint::token_program = token_2022_program)]
    pub contribution_mint: Box<InterfaceAccount<'info, Mint>>,

    /// The holder's account of the contribution token, the tokens burnt.
    #[account(
        mut,
        token::mint = contribution_mint,
        token::authority = holder,
        token::token_program = token_2022_program,
    )]
    pub holder_contribution: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The Token-2022 program (the contribution token's).
    pub token_2022_program: Program<'info, Token2022>,
    /// CHECK: the SPL Token program, for basket mints it owns (its key checked in
    /// `validate`).
    pub token_program: UncheckedAccount<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl ExitWithShare<'_> {
    /// The society's own non-transferable token, no yes vote holding the exit, and an
    /// amount the holder has.
    pub fn validate(&self, amount: u64) -> Result<()> {
        require!(
            self.society.contribution_mint == Some(self.contribution_mint.key()),
            NetstateError::MintMismatch
        );
        require_keys_eq!(
            self.token_program.key(),
            anchor_spl::token::ID,
            NetstateError::InvalidMint
        );
        {
            let info = self.contribution_mint.to_account_info();
            let data = info.try_borrow_data()?;
            let mint = StateWithExtensions::<MintState>::unpack(&data)
                .map_err(|_| NetstateError::InvalidMint)?;
            require!(
                mint.get_extension::<NonTransferable>().is_ok(),
                NetstateError::ExitNeedsNonTransferableMint
            );
        }
        require!(
            self.share.yes_on_outflows == 0,
            NetstateError::ExitHeldByYesVote
        );
        require!(
            amount > 0 && amount <= self.holder_contribution.amount,
            NetstateError::ExitExceedsBalance
        );
        Ok(())
    }

    /// Pays the share of each asset, then burns the tokens.
    pub fn exit_with_share<'info>(
        ctx: Context<'info, ExitWithShare<'info>>,
        amount: u64,
        skip: u8,
    ) -> Result<()> {
        let accounts = ctx.accounts;
        let remaining = ctx.remaining_accounts;
        let society_key = accounts.society.key();
        let treasury_key = accounts.treasury.key();
        let holder_key = accounts.holder.key();
        let supply = accounts.contribution_mint.supply;
        let basket: ExitBasket = **accounts.exit_basket;
        let listed: Vec<(usize, Pubkey)> = basket.listed().map(|(i, m)| (i, *m)).collect();
        require!(
            remaining.len() == EXIT_ACCOUNTS_PER_MINT * listed.len(),
            NetstateError::ExitBasketAccountsMismatch
        );
        let now = Clock::get()?.unix_timestamp;
        let params = accounts.society.governance;
        let bump = [accounts.society.treasury_bump];
        let seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &bump];

        let spendable = spendable_lamports(&accounts.treasury.to_account_info())?;
        let free_lamports = spendable.saturating_sub(basket.reserved_lamports);
        let lamports = pro_rata(free_lamports, amount, supply)?;
        if lamports > 0 {
            AssetOutflow {
                payer: &accounts.holder.to_account_info(),
                outflow: &accounts.sol_outflow.to_account_info(),
                system_program: &accounts.system_program.to_account_info(),
                bump: ctx.bumps.sol_outflow,
            }
            .record(
                &society_key,
                &SOL_OUTFLOW_MINT,
                lamports,
                spendable,
                &params,
                now,
            )?;
        }
        let mut tokens = [0u64; EXIT_BASKET_MINTS];
        let mut skipped = 0u8;
        for ((slot, mint_key), group) in listed.iter().zip(remaining.chunks(EXIT_ACCOUNTS_PER_MINT))
        {
            let [mint, treasury_token, holder_token, outflow] = group else {
                return err!(NetstateError::ExitBasketAccountsMismatch);
            };
            require_keys_eq!(
                mint.key(),
                *mint_key,
                NetstateError::ExitBasketAccountsMismatch
            );
            let program = *mint.owner;
            require_treasury_safe_mint(mint)?;
            require_keys_eq!(
                treasury_token.key(),
                get_associated_token_address_with_program_id(&treasury_key, mint_key, &program),
                NetstateError::ExitBasketAccountsMismatch
            );
            // No vault yet: nothing of this mint to pay.
            if treasury_token.data_is_empty() {
                continue;
            }
            let vault = token_account(treasury_token, &program)?;
            let bit = 1u8
                .checked_shl(u32::try_from(*slot).unwrap_or(u32::MAX))
                .unwrap_or(0);
            if skip & bit != 0 {
                // Forgone by the holder: its share stays in the treasury.
                skipped |= bit;
                continue;
            }
            require!(!vault.is_frozen(), NetstateError::BasketAssetFrozen);
            let held = vault.amount;
            let free = held.saturating_sub(basket.reserved_tokens[*slot]);
            let pay = pro_rata(free, amount, supply)?;
            if pay == 0 {
                continue;
            }
            let to = token_account(holder_token, &program)?;
            require!(
                to.mint == *mint_key && to.owner == holder_key,
                NetstateError::ExitBasketAccountsMismatch
            );
            let (outflow_key, outflow_bump) = Pubkey::find_program_address(
                &[OUTFLOW_SEED, society_key.as_ref(), mint_key.as_ref()],
                &crate::ID,
            );
            require_keys_eq!(
                outflow.key(),
                outflow_key,
                NetstateError::ExitBasketAccountsMismatch
            );
            AssetOutflow {
                payer: &accounts.holder.to_account_info(),
                outflow,
                system_program: &accounts.system_program.to_account_info(),
                bump: outflow_bump,
            }
            .record(&society_key, mint_key, pay, held, &params, now)?;
            let decimals = InterfaceAccount::<Mint>::try_from(mint)?.decimals;
            transfer_checked(
                CpiContext::new(
                    program,
                    TransferChecked {
                        from: treasury_token.clone(),
                        mint: mint.clone(),
                        to: holder_token.clone(),
                        authority: accounts.treasury.to_account_info(),
                    },
                )
                .with_signer(&[seeds]),
                pay,
                decimals,
            )?;
            tokens[*slot] = pay;
        }
        require!(
            lamports > 0 || tokens.iter().any(|t| *t > 0),
            NetstateError::ExitPaysNothing
        );
        if lamports > 0 {
            system_program::transfer(
                CpiContext::new(
                    accounts.system_program.key(),
                    Transfer {
                        from: accounts.treasury.to_account_info(),
                        to: accounts.holder.to_account_info(),
                    },
                )
                .with_signer(&[seeds]),
                lamports,
            )?;
        }
        burn(
            CpiContext::new(
                accounts.token_2022_program.key(),
                Burn {
                    mint: accounts.contribution_mint.to_account_info(),
                    from: accounts.holder_contribution.to_account_info(),
                    authority: accounts.holder.to_account_info(),
                },
            ),
            amount,
        )?;
        let share = &mut accounts.share;
        share.exited = share
            .exited
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        share.last_exit_at = now;
        let seq = accounts.society.next_seq()?;
        emit_event(ExitedWithShare {
            society: society_key,
            seq,
            wallet: holder_key,
            amount,
            supply_before: supply,
            lamports,
            tokens,
            mints: basket.mints,
            skipped,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}

/// Remaining accounts of `exit_with_share` per listed basket mint: the mint, the
/// treasury's account of it, the holder's account of it, and the mint's Outflow PDA.
pub const EXIT_ACCOUNTS_PER_MINT: usize = 4;

/// A token account owned by `program` (SPL Token or Token-2022).
fn token_account(account: &AccountInfo, program: &Pubkey) -> Result<TokenAccount> {
    require_keys_eq!(
        *account.owner,
        *program,
        NetstateError::ExitBasketAccountsMismatch
    );
    let data = account.try_borrow_data()?;
    TokenAccount::try_deserialize(&mut &data[..])
        .map_err(|_| error!(NetstateError::ExitBasketAccountsMismatch))
}
