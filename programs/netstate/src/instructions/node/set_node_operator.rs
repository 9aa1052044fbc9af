//! `set_node_operator`: the steward hands a hub's door to a new key (a new device, or a key
//! lost or stolen). `revoke_previous` voids the old key's tickets at once; otherwise its
//! tickets for days before today still count.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, NodeOperatorChanged};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{utc_day, Node, Society};

/// Accounts of `set_node_operator`.
#[derive(Accounts)]
pub struct SetNodeOperator<'info> {
    /// The steward.
    pub steward: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The hub.
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,
}

impl SetNodeOperator<'_> {
    /// Only the steward; an active hub; a real, different key.
    pub fn validate(&self, operator: &Pubkey, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.society.require_steward(&self.steward.key())?;
        require!(self.node.active, NetstateError::NodeRetired);
        require!(
            *operator != Pubkey::default(),
            NetstateError::InvalidOperator
        );
        require!(
            *operator != self.node.operator,
            NetstateError::OperatorUnchanged
        );
        Ok(())
    }

    /// Rotates the operator.
    pub fn set_node_operator(
        ctx: Context<Self>,
        operator: Pubkey,
        revoke_previous: bool,
    ) -> Result<()> {
        rotate(
            &mut ctx.accounts.society,
            &mut ctx.accounts.node,
            operator,
            revoke_previous,
        )
    }
}

/// Hands `node` to `operator` from today and emits `NodeOperatorChanged`. Shared by the
/// steward's `set_node_operator` and an executed `SetNodeOperator` proposal.
pub(crate) fn rotate(
    society: &mut Society,
    node: &mut Account<Node>,
    operator: Pubkey,
    revoke_previous: bool,
) -> Result<()> {
    let today = utc_day(Clock::get()?.unix_timestamp)?;
    let previous = node.operator;
    node.rotate_operator(operator, revoke_previous, today)?;
    let seq = society.next_seq()?;
    emit_event(NodeOperatorChanged {
        society: node.society,
        seq,
        node: node.key(),
        code: node.code.clone(),
        operator,
        previous_operator: previous,
        previous_revoked: revoke_previous,
        since_day: today,
    });
    society.invariant()?;
    Ok(())
}
