//! Reading the Treaty between a host society and a visitor's or applicant's home society.

use anchor_lang::prelude::*;

use crate::error::NetstateError;
use crate::shared::pda_account::{is_created, load};
use crate::state::{treaty_pair, Member, MemberStatus, Treaty};

/// The treaty at `account` between `host` and `home`, in force at `now`: the pair's PDA
/// (`ConstraintSeeds` otherwise), created (`TreatyNotInForce` otherwise), this program's
/// (`AccountOwnedByWrongProgram`), ratified and not past a withdrawal's end.
pub fn treaty_in_force(
    account: &AccountInfo,
    host: &Pubkey,
    home: &Pubkey,
    now: i64,
) -> Result<Treaty> {
    require_keys_neq!(*host, *home, NetstateError::TreatyWithSelf);
    let (first, second) = treaty_pair(host, home);
    require_keys_eq!(
        account.key(),
        crate::pda::treaty(&crate::ID, &first, &second).0,
        ErrorCode::ConstraintSeeds
    );
    require!(is_created(account), NetstateError::TreatyNotInForce);
    let treaty: Treaty = load(account)?;
    require!(
        treaty.first == first && treaty.second == second && treaty.in_force(now),
        NetstateError::TreatyNotInForce
    );
    Ok(treaty)
}

/// The home membership of someone using a treaty: a citizen in good standing.
pub fn require_partner_citizen(member: &Member) -> Result<()> {
    require!(
        member.status != MemberStatus::Expelled,
        NetstateError::MemberExpelled
    );
    require!(member.is_citizen(), NetstateError::NotAPartnerCitizen);
    Ok(())
}
