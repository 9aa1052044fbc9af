//! The society itself: `Signal`, `UpdateGovernance`, `AmendConstitution`, `SetSteward` and
//! `SetDues`, all carried out by `execute_society_action` (with `SetExitBasket`, whose home
//! is [`super::exit_basket`]).

use anchor_lang::prelude::*;

use super::{validate_mint_account, ActionAccounts};
use crate::error::NetstateError;
use crate::shared::pda_account::load_if_created;
use crate::state::{ActionKind, Dues, Member, Society};

/// What `execute_society_action` carries out.
pub const KINDS: &[ActionKind] = &[
    ActionKind::Signal,
    ActionKind::UpdateGovernance,
    ActionKind::AmendConstitution,
    ActionKind::SetSteward,
    ActionKind::SetExitBasket,
    ActionKind::SetDues,
];

/// `AmendConstitution`: a valid URI and a hash that is not all zeros.
pub fn validate_constitution(uri: &str, hash: &[u8; 32]) -> Result<()> {
    Society::validate_constitution_uri(uri)?;
    Society::validate_constitution_hash(hash)
}

/// `SetSteward`: ending stewardship always may; a new steward must be a citizen now, their
/// Member given as the subject (`StewardNotACitizen`).
pub fn validate_steward(steward: &Option<Pubkey>, accounts: &ActionAccounts) -> Result<()> {
    let Some(wallet) = steward else {
        return Ok(());
    };
    let address = crate::pda::member(&crate::ID, &accounts.society_key(), wallet).0;
    let member: Option<Member> = load_if_created(accounts.subject_at(&address)?)?;
    require!(
        member.is_some_and(|m| m.is_citizen()),
        NetstateError::StewardNotACitizen
    );
    Ok(())
}

/// `SetDues`: dues within range; for a token, a treasury-safe mint given as the subject.
pub fn validate_dues(dues: &Dues, accounts: &ActionAccounts) -> Result<()> {
    dues.validate()?;
    match dues.mint {
        None => Ok(()),
        Some(mint) => validate_mint_account(accounts.subject_at(&mint)?),
    }
}
