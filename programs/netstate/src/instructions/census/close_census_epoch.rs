//! `close_census_epoch`: anyone freezes a census epoch that is over into a Census account
//! (`["census", society, epoch]`) with the slot, the society's figures and the treasury's
//! balance, chained to the census before it by hash. Epochs close in order, each once.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, CensusClosed};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, is_created, store};
use crate::state::census::epoch_of;
use crate::state::{utc_day, Census, EpochTally, Society};

/// Accounts of `close_census_epoch`.
#[derive(Accounts)]
#[instruction(epoch: u32)]
pub struct CloseCensusEpoch<'info> {
    /// Whoever closes the epoch; pays the Census account's rent.
    #[account(mut)]
    pub payer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The society's treasury, read for its balance.
    #[account(seeds = [TREASURY_SEED, society.key().as_ref()], bump = society.treasury_bump)]
    pub treasury: SystemAccount<'info>,

    /// CHECK: the epoch's Census PDA (seeds checked here), created by the handler (a
    /// pre-funded address cannot block it).
    #[account(
        mut,
        seeds = [CENSUS_SEED, society.key().as_ref(), epoch.to_le_bytes().as_ref()],
        bump,
    )]
    pub census: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CloseCensusEpoch<'_> {
    /// The next epoch to close, and over by the cluster's clock.
    pub fn validate(&self, epoch: u32, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(
            epoch == self.society.census.next_epoch_to_close && !is_created(&self.census),
            NetstateError::CensusEpochOutOfOrder
        );
        let today = utc_day(Clock::get()?.unix_timestamp)?;
        require!(epoch < epoch_of(today), NetstateError::CensusEpochNotOver);
        Ok(())
    }

    /// Freezes the epoch's figures, chains them and advances the next epoch to close.
    pub fn close_census_epoch(ctx: Context<Self>, epoch: u32) -> Result<()> {
        let clock = Clock::get()?;
        let accounts = ctx.accounts;
        let society_key = accounts.society.key();
        let society = &mut accounts.society;
        let figures = society.census.figures_of(epoch);
        let tally = figures.unwrap_or(EpochTally::empty(epoch));
        let mut census = Census {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.census,
            society: society_key,
            epoch,
            figures_kept: figures.is_some(),
            slot: clock.slot,
            closed_at: clock.unix_timestamp,
            member_count: society.member_count,
            citizen_count: society.citizen_count,
            present: tally.present,
            person_days: tally.person_days,
            visitors: tally.visitors,
            visitor_days: tally.visitor_days,
            node_count: society.node_count,
            active_node_count: society.active_node_count,
            country_count: society.census.country_count,
            treasury_lamports: accounts.treasury.lamports(),
            previous_hash: society.census.last_census_hash,
            hash: [0; 32],
        };
        census.hash = census.compute_hash();
        create_pda_account(
            &accounts.payer,
            &accounts.census,
            &accounts.system_program,
            8 + Census::INIT_SPACE,
            &[
                CENSUS_SEED,
                society_key.as_ref(),
                epoch.to_le_bytes().as_ref(),
                &[census.bump],
            ],
        )?;
        store(&accounts.census, &census)?;
        society.census.closed(epoch, census.hash)?;
        let seq = society.next_seq()?;
        emit_event(CensusClosed {
            society: society_key,
            seq,
            census: accounts.census.key(),
            epoch,
            figures_kept: census.figures_kept,
            slot: census.slot,
            member_count: census.member_count,
            citizen_count: census.citizen_count,
            present: census.present,
            person_days: census.person_days,
            visitors: census.visitors,
            visitor_days: census.visitor_days,
            active_node_count: census.active_node_count,
            country_count: census.country_count,
            treasury_lamports: census.treasury_lamports,
            previous_hash: census.previous_hash,
            hash: census.hash,
        });
        society.invariant()?;
        Ok(())
    }
}
