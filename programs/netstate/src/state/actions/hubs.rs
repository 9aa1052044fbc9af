//! The society's hubs: `RegisterNode` (`execute_register_node`), `RetireNode`
//! (`execute_retire_node`) and `SetNodeOperator` (`execute_set_node_operator`).

use anchor_lang::prelude::*;

use super::{require_active_node, ActionAccounts};
use crate::error::NetstateError;
use crate::shared::pda_account::{is_created, load};
use crate::state::{ActionKind, Node, NodeSpec};

/// What `execute_register_node` carries out.
pub const REGISTER_KINDS: &[ActionKind] = &[ActionKind::RegisterNode];
/// What `execute_retire_node` carries out.
pub const RETIRE_KINDS: &[ActionKind] = &[ActionKind::RetireNode];
/// What `execute_set_node_operator` carries out.
pub const OPERATOR_KINDS: &[ActionKind] = &[ActionKind::SetNodeOperator];

/// `RegisterNode`: a valid spec whose code is free (`NodeCodeTaken`); the subject is the
/// new hub's PDA.
pub fn validate_registration(spec: &NodeSpec, accounts: &ActionAccounts) -> Result<()> {
    spec.validate()?;
    let address = crate::pda::node(&crate::ID, &accounts.society_key(), &spec.code).0;
    require!(
        !is_created(accounts.subject_at(&address)?),
        NetstateError::NodeCodeTaken
    );
    Ok(())
}

/// `RetireNode`: a registered hub, still active.
pub fn validate_retirement(code: &str, accounts: &ActionAccounts) -> Result<()> {
    require_active_node(code, accounts)
}

/// `SetNodeOperator`: an active hub and a new key, not the default address
/// (`InvalidOperator`) and not its operator already (`OperatorUnchanged`).
pub fn validate_operator(code: &str, operator: &Pubkey, accounts: &ActionAccounts) -> Result<()> {
    Node::validate_code(code)?;
    require!(
        *operator != Pubkey::default(),
        NetstateError::InvalidOperator
    );
    let address = crate::pda::node(&crate::ID, &accounts.society_key(), code).0;
    let subject = accounts.subject_at(&address)?;
    require!(is_created(subject), NetstateError::UnknownNode);
    let node: Node = load(subject)?;
    require!(node.active, NetstateError::NodeRetired);
    require!(node.operator != *operator, NetstateError::OperatorUnchanged);
    Ok(())
}
