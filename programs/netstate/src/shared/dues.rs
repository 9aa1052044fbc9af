//! What `pay_dues` and `pay_dues_token` share: the checks, the member's new `paid_until`,
//! and the return of a lapsed member to citizenship.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, DuesPaid};
use crate::state::{Member, MemberStatus, Society};

/// Fails unless `society` charges dues in `mint` (None: SOL), `periods` is 1..=120 and
/// `member` is a citizen or a lapsed citizen. Once dues have ended, a member who lapsed
/// under them is a citizen again by asking (the SOL form, nothing paid): nothing is owed
/// any more, and no payment could ever restore them.
pub fn require_payable(
    society: &Society,
    member: &Member,
    periods: u32,
    mint: Option<Pubkey>,
) -> Result<()> {
    if !society.dues.active() {
        require!(
            member.status == MemberStatus::Lapsed && mint.is_none(),
            NetstateError::NoDues
        );
        return Ok(());
    }
    require!(society.dues.mint == mint, NetstateError::MintMismatch);
    require!(
        (1..=MAX_DUES_PERIODS).contains(&periods),
        NetstateError::DuesPeriodsOutOfRange
    );
    require!(
        matches!(member.status, MemberStatus::Citizen | MemberStatus::Lapsed),
        NetstateError::NotDuesPayer
    );
    Ok(())
}

/// Records a payment of `periods` by `payer` for `member` at `now`, after the money moved:
/// `paid_until` moves on, a lapsed member is a citizen again (with a new `citizen_seq`, so
/// no vote on proposals made while lapsed), and `DuesPaid` is emitted.
pub fn record_payment(
    society: &mut Society,
    society_key: Pubkey,
    member: &mut Member,
    payer: Pubkey,
    periods: u32,
    now: i64,
) -> Result<()> {
    let amount = society.dues.cost(periods)?;
    let lapsed = member.status == MemberStatus::Lapsed;
    member.paid_until = society.dues.paid_until_after(
        member.paid_until,
        member.admitted_at,
        periods,
        now,
        lapsed,
    )?;
    if lapsed {
        society.add_citizen()?;
        member.status = MemberStatus::Citizen;
    }
    let seq = society.next_seq()?;
    if lapsed {
        // Citizen again from this sequence number: no vote on what was proposed before.
        member.citizen_seq = seq;
    }
    emit_event(DuesPaid {
        society: society_key,
        seq,
        wallet: member.wallet,
        payer,
        periods,
        amount,
        mint: society.dues.mint,
        paid_until: member.paid_until,
        restored: lapsed,
    });
    society.invariant()
}
