//! Who belongs: `AdmitMember` and `ExpelMember` (`execute_member_action`).

use anchor_lang::prelude::*;

use super::ActionAccounts;
use crate::error::NetstateError;
use crate::shared::pda_account::{is_created, load};
use crate::state::{ActionKind, Member, MemberStatus};

/// What `execute_member_action` carries out.
pub const KINDS: &[ActionKind] = &[ActionKind::AdmitMember, ActionKind::ExpelMember];

/// The Member of `wallet` in the society, given as the subject (`NotAMember` when it does
/// not exist).
fn member(wallet: &Pubkey, accounts: &ActionAccounts) -> Result<Member> {
    let address = crate::pda::member(&crate::ID, &accounts.society_key(), wallet).0;
    let subject = accounts.subject_at(&address)?;
    require!(is_created(subject), NetstateError::NotAMember);
    load(subject)
}

/// `AdmitMember`: the wallet applied and is still an applicant (`NotAnApplicant`).
pub fn validate_admission(wallet: &Pubkey, accounts: &ActionAccounts) -> Result<()> {
    require!(
        member(wallet, accounts)?.status == MemberStatus::Applicant,
        NetstateError::NotAnApplicant
    );
    Ok(())
}

/// `ExpelMember`: the wallet is a member not expelled already (`MemberExpelled`).
pub fn validate_expulsion(wallet: &Pubkey, accounts: &ActionAccounts) -> Result<()> {
    require!(
        member(wallet, accounts)?.status != MemberStatus::Expelled,
        NetstateError::MemberExpelled
    );
    Ok(())
}
