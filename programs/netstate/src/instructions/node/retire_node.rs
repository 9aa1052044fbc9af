//! `retire_node`: the steward stops new check-ins at a hub; its history stays.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeRetired};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Country, Node, Society};

/// Accounts of `retire_node`.
#[derive(Accounts)]
pub struct RetireNode<'info> {
    /// The steward.
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The node to retire.
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The society's record of the node's country (its seeds come from the node).
    #[account(
        mut,
        seeds = [COUNTRY_SEED, node.society.as_ref(), node.country.as_ref()],
        bump = country.bump,
    )]
    pub country: Box<Account<'info, Country>>,
}

impl RetireNode<'_> {
    /// Only the steward, only active nodes.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(self.node.active, NetstateError::NodeRetired);
        Ok(())
    }

    /// Marks the node retired.
    pub fn retire_node(ctx: Context<Self>) -> Result<()> {
        let accounts = ctx.accounts;
        retire(
            &mut accounts.society,
            &mut accounts.node,
            &mut accounts.country,
        )
    }
}

/// Retires `node`, counts it on the society and emits `NodeRetired`. Shared by the
/// steward's `retire_node` and an executed `RetireNode` proposal.
pub(crate) fn retire(
    society: &mut Society,
    node: &mut Account<Node>,
    country: &mut Country,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    node.retire(now)?;
    society.retire_node()?;
    country.active_node_count = society.census.hub_closed_in(country.active_node_count)?;
    let seq = society.next_seq()?;
    emit_event(NodeRetired {
        society: node.society,
        seq,
        node: node.key(),
        code: node.code.clone(),
        retired_at: now,
    });
    society.invariant()?;
    Ok(())
}
