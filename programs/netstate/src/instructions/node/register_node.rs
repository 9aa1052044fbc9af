//! `register_node`: during the startup stage the steward adds a physical hub and names the
//! operator key that co-signs check-ins at its door.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeRegistered};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, is_created, load_if_created, store};
use crate::state::counters::inc;
use crate::state::{Country, Node, NodeSpec, Society};

/// Accounts of `register_node`.
#[derive(Accounts)]
#[instruction(spec: NodeSpec)]
pub struct RegisterNode<'info> {
    /// The steward; pays the Node account.
    #[account(mut)]
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// CHECK: the new Node at its PDA (seeds checked here); created by the handler, so a
    /// taken code gets `NodeCodeTaken` and a pre-funded address cannot block it.
    #[account(
        mut,
        seeds = [NODE_SEED, society.key().as_ref(), seed_bytes(&spec.code)],
        bump,
    )]
    pub node: UncheckedAccount<'info>,

    /// CHECK: the society's record of the hub's country, at its PDA (seeds checked here);
    /// created by the handler with the society's first hub in that country.
    #[account(
        mut,
        seeds = [COUNTRY_SEED, society.key().as_ref(), spec.country.as_ref()],
        bump,
    )]
    pub country: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl RegisterNode<'_> {
    /// Only the steward, a free code and a valid spec.
    pub fn validate(&self, spec: &NodeSpec, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(!is_created(&self.node), NetstateError::NodeCodeTaken);
        spec.validate()
    }

    /// Creates the node.
    pub fn register_node(ctx: Context<Self>, spec: NodeSpec) -> Result<()> {
        let accounts = ctx.accounts;
        create_node(
            &accounts.steward,
            NewNodeAccounts {
                node: &accounts.node,
                node_bump: ctx.bumps.node,
                country: &accounts.country,
                country_bump: ctx.bumps.country,
            },
            &accounts.system_program,
            &mut accounts.society,
            spec,
        )
    }
}

/// The accounts a new hub is written to: its Node PDA and its country's record, each with
/// its canonical bump.
pub(crate) struct NewNodeAccounts<'a, 'info> {
    /// The Node PDA (not yet created).
    pub node: &'a AccountInfo<'info>,
    /// Its canonical bump.
    pub node_bump: u8,
    /// The Country PDA of the hub's country (created with the society's first hub there).
    pub country: &'a AccountInfo<'info>,
    /// Its canonical bump.
    pub country_bump: u8,
}

/// Creates the node described by `spec` (its PDA and, the first time, its country's record),
/// paid by `payer`, counts it on the society and its country and emits `NodeRegistered`.
/// Shared by the steward's `register_node` and an executed `RegisterNode` proposal.
pub(crate) fn create_node<'info>(
    payer: &AccountInfo<'info>,
    accounts: NewNodeAccounts<'_, 'info>,
    system: &AccountInfo<'info>,
    society: &mut Account<'info, Society>,
    spec: NodeSpec,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let society_key = society.key();
    let (node_account, bump) = (accounts.node, accounts.node_bump);
    count_hub_in_country(payer, &accounts, system, society_key, society, spec.country)?;
    create_pda_account(
        payer,
        node_account,
        system,
        8 + Node::INIT_SPACE,
        &[
            NODE_SEED,
            society_key.as_ref(),
            seed_bytes(&spec.code),
            &[bump],
        ],
    )?;
    society.add_node()?;
    let seq = society.next_seq()?;
    let node = Node {
        version: Node::LAYOUT_VERSION,
        bump,
        society: society_key,
        code: spec.code,
        name: spec.name,
        country: spec.country,
        latitude_microdeg: spec.latitude_microdeg,
        longitude_microdeg: spec.longitude_microdeg,
        operator: spec.operator,
        active: true,
        check_in_count: 0,
        resident_count: 0,
        registered_at: now,
        retired_at: 0,
        previous_operator: Pubkey::default(),
        operator_since_day: crate::state::utc_day(now)?,
        latest_day: 0,
        latest_day_present: 0,
        previous_operator_since_day: crate::state::utc_day(now)?,
    };
    store(node_account, &node)?;
    emit_event(NodeRegistered {
        society: society_key,
        seq,
        node: node_account.key(),
        code: node.code,
        name: node.name,
        country: node.country,
        latitude_microdeg: node.latitude_microdeg,
        longitude_microdeg: node.longitude_microdeg,
        operator: node.operator,
    });
    society.invariant()?;
    Ok(())
}

/// Counts one more active hub in `code` on its Country record (created the first time, paid
/// by `payer`) and, when it is the country's first active hub, on the society.
fn count_hub_in_country<'info>(
    payer: &AccountInfo<'info>,
    accounts: &NewNodeAccounts<'_, 'info>,
    system: &AccountInfo<'info>,
    society_key: Pubkey,
    society: &mut Society,
    code: [u8; 2],
) -> Result<()> {
    let mut country = match load_if_created::<Country>(accounts.country)? {
        Some(country) => country,
        None => {
            create_pda_account(
                payer,
                accounts.country,
                system,
                8 + Country::INIT_SPACE,
                &[
                    COUNTRY_SEED,
                    society_key.as_ref(),
                    code.as_ref(),
                    &[accounts.country_bump],
                ],
            )?;
            Country {
                version: ACCOUNT_VERSION,
                bump: accounts.country_bump,
                society: society_key,
                code,
                active_node_count: 0,
                node_count: 0,
            }
        }
    };
    require!(
        country.society == society_key && country.code == code,
        NetstateError::CountryMismatch
    );
    country.active_node_count = society.census.hub_opened_in(country.active_node_count)?;
    country.node_count = inc(country.node_count)?;
    store(accounts.country, &country)
}
