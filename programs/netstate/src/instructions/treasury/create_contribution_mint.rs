//! `create_contribution_mint`: during the startup stage the steward creates the society's
//! contribution token. Its mint and freeze authority is the treasury PDA, so only executed
//! `MintContribution` proposals can ever mint it. Created non-transferable (a Token-2022
//! mint with the non-transferable extension), it is an earned share: it can be burnt in an
//! exit (`exit_with_share`) but never bought or sold. (After the startup stage a
//! `SetSteward` proposal can appoint someone to do this.)

use anchor_lang::prelude::*;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_lang::system_program::{create_account, CreateAccount};
use anchor_spl::token_2022::spl_token_2022::{extension::ExtensionType, state::Mint as MintState};
use anchor_spl::token_interface::{
    initialize_mint2, non_transferable_mint_initialize, InitializeMint2,
    NonTransferableMintInitialize, TokenInterface,
};

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, ContributionMintCreated};
use crate::instructions::require_no_remaining_accounts;
use crate::state::Society;

/// Accounts of `create_contribution_mint`.
#[derive(Accounts)]
pub struct CreateContributionMint<'info> {
    /// The steward; pays the mint's rent.
    #[account(mut)]
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The society's treasury: mint and freeze authority.
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// The new mint: a fresh keypair that signs (so its address cannot be pre-funded by
    /// anyone else); created by the handler.
    #[account(mut)]
    pub mint: Signer<'info>,

    /// SPL Token or Token-2022 (Token-2022 for a non-transferable token).
    pub token_program: Interface<'info, TokenInterface>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CreateContributionMint<'_> {
    /// Only the steward, only once, at most 9 decimals; non-transferable only on Token-2022.
    pub fn validate(
        &self,
        decimals: u8,
        non_transferable: bool,
        remaining: &[AccountInfo],
    ) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(
            self.society.contribution_mint.is_none(),
            NetstateError::ContributionMintExists
        );
        require!(
            decimals <= MAX_CONTRIBUTION_DECIMALS,
            NetstateError::DecimalsOutOfRange
        );
        require!(
            !non_transferable || self.token_program.key() == anchor_spl::token_2022::ID,
            NetstateError::NonTransferableNeedsToken2022
        );
        Ok(())
    }

    /// Creates the mint (with the extension first when non-transferable) and records it on
    /// the society.
    pub fn create_contribution_mint(
        ctx: Context<Self>,
        decimals: u8,
        non_transferable: bool,
    ) -> Result<()> {
        let accounts = ctx.accounts;
        let token_program = accounts.token_program.key();
        let space = if non_transferable {
            ExtensionType::try_calculate_account_len::<MintState>(&[ExtensionType::NonTransferable])
                .map_err(|_| NetstateError::InvalidMint)?
        } else {
            MintState::LEN
        };
        let lamports = Rent::get()?.minimum_balance(space);
        create_account(
            CpiContext::new(
                accounts.system_program.key(),
                CreateAccount {
                    from: accounts.steward.to_account_info(),
                    to: accounts.mint.to_account_info(),
                },
            ),
            lamports,
            u64::try_from(space).map_err(|_| NetstateError::CounterOverflow)?,
            &token_program,
        )?;
        if non_transferable {
            non_transferable_mint_initialize(CpiContext::new(
                token_program,
                NonTransferableMintInitialize {
                    token_program_id: accounts.token_program.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                },
            ))?;
        }
        let treasury = accounts.treasury.key();
        initialize_mint2(
            CpiContext::new(
                token_program,
                InitializeMint2 {
                    mint: accounts.mint.to_account_info(),
                },
            ),
            decimals,
            &treasury,
            Some(&treasury),
        )?;
        let mint = accounts.mint.key();
        let society = &mut accounts.society;
        society.contribution_mint = Some(mint);
        let seq = society.next_seq()?;
        emit_event(ContributionMintCreated {
            society: society.key(),
            seq,
            mint,
            decimals,
            token_program,
            non_transferable,
        });
        society.invariant()?;
        Ok(())
    }
}
