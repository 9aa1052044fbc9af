//! Joining, sponsoring, admitting and leaving; dues and lapsing.

pub mod admit_member;
pub mod apply;
pub mod apply_by_treaty;
pub mod claim_citizenship;
pub mod close_sponsorship;
pub mod leave;
pub mod mark_lapsed;
pub mod pay_dues;
pub mod pay_dues_token;
pub mod sponsor;

pub use admit_member::*;
pub use apply::*;
pub use apply_by_treaty::*;
pub use claim_citizenship::*;
pub use close_sponsorship::*;
pub use leave::*;
pub use mark_lapsed::*;
pub use pay_dues::*;
pub use pay_dues_token::*;
pub use sponsor::*;

use anchor_lang::prelude::*;

use crate::events::{emit_event, AdmittedBy, MemberAdmitted};
use crate::state::{Member, Society};

/// Makes the applicant `member` (at `member_key`) a citizen of `society` (at
/// `society_key`) at unix time `now`, and emits `MemberAdmitted` with how (`by`). Every way in
/// shares it: the open policy, sponsors, the steward, presence, a treaty.
pub(crate) fn admit_citizen(
    society: &mut Society,
    society_key: Pubkey,
    member: &mut Member,
    member_key: Pubkey,
    now: i64,
    by: AdmittedBy,
) -> Result<()> {
    let seq = society.next_seq()?;
    member.admit(now, seq)?;
    society.add_citizen()?;
    emit_event(MemberAdmitted {
        society: society_key,
        seq,
        member: member_key,
        wallet: member.wallet,
        admitted_by: by,
        citizen_count: society.citizen_count,
        admitted_at: now,
    });
    Ok(())
}
