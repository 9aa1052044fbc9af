//! `retire_node`: the steward stops new check-ins at a hub; its history stays.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeRetired};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{Node, Society};

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
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,
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
        retire(&mut ctx.accounts.society, &mut ctx.accounts.node)
    }
}

/// Retires `node`, counts it on the society and emits `NodeRetired`. Shared by the
/// steward's `retire_node` and an executed `RetireNode` proposal.
pub(crate) fn retire(society: &mut Society, node: &mut Account<Node>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    node.retire(now)?;
    society.retire_node()?;
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
