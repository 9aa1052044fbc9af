//! Proposals and votes: create, vote, answer an expulsion, cancel, finalize, object during
//! the timelock, and close the records afterwards.

pub mod cancel_proposal;
pub mod cast_vote;
pub mod close_objection;
pub mod close_proposal;
pub mod close_vote;
pub mod create_proposal;
pub mod finalize_proposal;
pub mod object_to_proposal;
pub mod respond_to_proposal;

pub use cancel_proposal::*;
pub use cast_vote::*;
pub use close_objection::*;
pub use close_proposal::*;
pub use close_vote::*;
pub use create_proposal::*;
pub use finalize_proposal::*;
pub use object_to_proposal::*;
pub use respond_to_proposal::*;

use anchor_lang::prelude::*;

use crate::error::NetstateError;
use crate::shared::pda_account::{is_created, load, store};
use crate::state::{Member, Proposal};

/// Gives the proposer back the open-proposal slot this proposal held. The proposer may have
/// left (the account is then empty: its address is checked to be the proposer's Member PDA)
/// or left and re-joined (a new membership, whose count this proposal is not part of).
pub fn release_proposal_slot(proposal: &Proposal, proposer_member: &AccountInfo) -> Result<()> {
    if !is_created(proposer_member) {
        let expected = crate::pda::member(&crate::ID, &proposal.society, &proposal.proposer).0;
        require_keys_eq!(
            proposer_member.key(),
            expected,
            NetstateError::SubjectMismatch
        );
        return Ok(());
    }
    let mut member: Member = load(proposer_member)?;
    require!(
        member.society == proposal.society && member.wallet == proposal.proposer,
        NetstateError::SubjectMismatch
    );
    if member.applied_seq == proposal.proposer_applied_seq {
        member.open_proposals = member.open_proposals.saturating_sub(1);
        store(proposer_member, &member)?;
    }
    Ok(())
}
