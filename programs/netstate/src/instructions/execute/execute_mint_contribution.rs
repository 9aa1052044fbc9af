//! `execute_mint_contribution`: mints the society's contribution token to the member a
//! `MintContribution` proposal names, or with a vesting period opens a Grant that
//! `release_grant` mints as it vests. Executed proposals are the only way the token is ever
//! minted. The recipient's Share is created on first need.

use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{mint_to, Mint, MintTo, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ContributionMinted, GrantOpened};
use crate::instructions::execute::execution_steps;
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, store};
use crate::shared::share_account::load_or_create_share;
use crate::state::actions;
use crate::state::{Grant, Proposal, ProposalAction, Society};

/// Accounts of `execute_mint_contribution`.
#[derive(Accounts)]
pub struct ExecuteMintContribution<'info> {
    /// Whoever sends the transaction (pays for any account the action creates).
    #[account(mut)]
    pub executor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The passed proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The society's treasury: the mint authority.
    #[account(
        seeds = [TREASURY_SEED, society.key().as_ref()],
        bump = society.treasury_bump,
    )]
    pub treasury: SystemAccount<'info>,

    /// The society's contribution mint (checked in `validate`).
    #[account(mut, mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: must be the recipient the proposal names (checked in `validate`).
    pub recipient: UncheckedAccount<'info>,

    /// The recipient's associated token account for the mint.
    #[account(
        init_if_needed,
        payer = executor,
        associated_token::mint = mint,
        associated_token::authority = recipient,
        associated_token::token_program = token_program,
    )]
    pub recipient_token: Box<InterfaceAccount<'info, TokenAccount>>,

    /// CHECK: the recipient's Share at `["share", society, recipient]` (seeds checked
    /// here); created by the handler the first time, paid by the executor.
    #[account(
        mut,
        seeds = [SHARE_SEED, society.key().as_ref(), recipient.key().as_ref()],
        bump,
    )]
    pub share: UncheckedAccount<'info>,

    /// CHECK: with a vesting period, the new Grant at `["grant", proposal]` (seeds checked
    /// here), created by the handler and paid by the executor; None without one.
    #[account(mut, seeds = [GRANT_SEED, proposal.key().as_ref()], bump)]
    pub grant: Option<UncheckedAccount<'info>>,

    /// SPL Token or Token-2022: the mint's owner.
    pub token_program: Interface<'info, TokenInterface>,
    /// The associated token account program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteMintContribution);

impl ExecuteMintContribution<'_> {
    /// A passed `MintContribution`, the society's own mint, its own recipient.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::transfers::MINT_KINDS)?;
        let (recipient, _, vesting_secs) = self.action()?;
        require!(
            vesting_secs == 0 || self.grant.is_some(),
            NetstateError::GrantMismatch
        );
        require!(
            self.society.contribution_mint == Some(self.mint.key()),
            NetstateError::MintMismatch
        );
        require_keys_eq!(
            self.recipient.key(),
            recipient,
            NetstateError::RecipientMismatch
        );
        Ok(())
    }

    fn action(&self) -> Result<(Pubkey, u64, u32)> {
        match self.proposal.action {
            ProposalAction::MintContribution {
                recipient,
                amount,
                vesting_secs,
            } => Ok((recipient, amount, vesting_secs)),
            _ => err!(NetstateError::WrongExecuteInstruction),
        }
    }

    /// Mints, signed by the treasury PDA; or opens the vesting Grant.
    pub fn execute_mint_contribution(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        let (recipient, amount, vesting_secs) = accounts.action()?;
        let society_key = accounts.society.key();
        let executor = accounts.executor.to_account_info();
        let system = accounts.system_program.to_account_info();
        let mut share = load_or_create_share(
            &executor,
            &accounts.share.to_account_info(),
            &system,
            &society_key,
            &recipient,
            ctx.bumps.share,
        )?;
        if vesting_secs > 0 {
            let grant_account = accounts
                .grant
                .as_ref()
                .ok_or(NetstateError::GrantMismatch)?
                .to_account_info();
            let bump = ctx.bumps.grant.ok_or(NetstateError::GrantMismatch)?;
            let proposal = accounts.proposal.key();
            create_pda_account(
                &executor,
                &grant_account,
                &system,
                8 + Grant::INIT_SPACE,
                &[GRANT_SEED, proposal.as_ref(), &[bump]],
            )?;
            let start = Clock::get()?.unix_timestamp;
            store(
                &grant_account,
                &Grant {
                    version: ACCOUNT_VERSION,
                    bump,
                    society: society_key,
                    proposal,
                    recipient,
                    payer: executor.key(),
                    amount,
                    released: 0,
                    start,
                    duration_secs: vesting_secs,
                },
            )?;
            store(&accounts.share.to_account_info(), &share)?;
            let seq = accounts.society.next_seq()?;
            emit_event(GrantOpened {
                society: society_key,
                seq,
                proposal,
                grant: grant_account.key(),
                recipient,
                amount,
                vesting_secs,
            });
            return accounts.finish();
        }
        share.earned = share
            .earned
            .checked_add(amount)
            .ok_or(NetstateError::CounterOverflow)?;
        store(&accounts.share.to_account_info(), &share)?;
        let bump = accounts.treasury_bump();
        let seeds: &[&[u8]] = &[TREASURY_SEED, society_key.as_ref(), &bump];
        mint_to(
            CpiContext::new(
                accounts.token_program.key(),
                MintTo {
                    mint: accounts.mint.to_account_info(),
                    to: accounts.recipient_token.to_account_info(),
                    authority: accounts.treasury.to_account_info(),
                },
            )
            .with_signer(&[seeds]),
            amount,
        )?;
        accounts.mint.reload()?;
        let seq = accounts.society.next_seq()?;
        emit_event(ContributionMinted {
            society: society_key,
            seq,
            proposal: accounts.proposal.key(),
            recipient,
            amount,
            supply: accounts.mint.supply,
        });
        accounts.finish()
    }
}
