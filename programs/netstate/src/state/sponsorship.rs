//! The Sponsorship account: one citizen vouching for one application.

use anchor_lang::prelude::*;

/// A citizen's sponsorship of an applicant. PDA `["sponsorship", member, sponsor_wallet]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Sponsorship {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The applicant's Member account.
    pub member: Pubkey,
    /// The sponsoring citizen's wallet.
    pub sponsor: Pubkey,
    /// `applied_seq` of the application this sponsorship counted for. A later application
    /// by the same wallet has a new `applied_seq`, so the sponsor may sponsor it again.
    pub application_seq: u64,
    /// Unix time of the sponsorship.
    pub sponsored_at: i64,
    /// The society of the application.
    pub society: Pubkey,
}

impl Sponsorship {
    /// True once the record can no longer count: the applicant was admitted or expelled,
    /// left (`None`), or applied again (a new `applied_seq`).
    pub fn is_spent(&self, applicant: Option<&crate::state::Member>) -> bool {
        match applicant {
            None => true,
            Some(member) => {
                member.applied_seq != self.application_seq
                    || member.status != crate::state::MemberStatus::Applicant
            }
        }
    }

    /// True when this record already counted for the application with `applied_seq`.
    pub fn counts_for(&self, applied_seq: u64) -> bool {
        self.version != 0 && self.application_seq == applied_seq
    }
}
