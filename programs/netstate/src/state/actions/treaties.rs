//! Treaties with other societies: `ProposeTreaty`, `RatifyTreaty` and `WithdrawTreaty`
//! (`execute_treaty_action`).

use anchor_lang::prelude::*;

use super::ActionAccounts;
use crate::error::NetstateError;
use crate::shared::pda_account::{is_created, load};
use crate::state::{ActionKind, Society, TreatyTerms};

/// What `execute_treaty_action` carries out.
pub const KINDS: &[ActionKind] = &[
    ActionKind::ProposeTreaty,
    ActionKind::RatifyTreaty,
    ActionKind::WithdrawTreaty,
];

/// `ProposeTreaty` and `RatifyTreaty`: valid terms with another society of this deployment.
pub fn validate_terms(
    partner: &Pubkey,
    terms: &TreatyTerms,
    accounts: &ActionAccounts,
) -> Result<()> {
    terms.validate()?;
    validate_partner(partner, accounts)
}

/// A treaty's partner is another society of this deployment (`TreatyWithSelf`,
/// `UnknownSociety`), given as the subject: also `WithdrawTreaty`'s whole check.
pub fn validate_partner(partner: &Pubkey, accounts: &ActionAccounts) -> Result<()> {
    require_keys_neq!(
        *partner,
        accounts.society_key(),
        NetstateError::TreatyWithSelf
    );
    let subject = accounts.subject_at(partner)?;
    require!(is_created(subject), NetstateError::UnknownSociety);
    load::<Society>(subject).map_err(|_| error!(NetstateError::UnknownSociety))?;
    Ok(())
}
