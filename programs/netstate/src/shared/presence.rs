//! Recording one day of presence at a hub: shared by `check_in` (at the door, online) and
//! `redeem_ticket` (a door's signed ticket, later).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::shared::pda_account::{create_pda_account, is_created, load, load_if_created, store};
use crate::state::{presence, Member, Node, Residency, Society, Visitor};

/// What recording a day did.
pub(crate) struct Recorded {
    /// False when the day was already counted for this wallet at this hub (nothing written).
    pub counted: bool,
    /// Distinct days present at the hub.
    pub days_present: u32,
}

/// Where a day of presence is written: the Residency PDA (with its canonical bump), who pays
/// for it the first time, and the system program that creates it.
pub(crate) struct NewResidency<'a, 'info> {
    /// Pays the Residency's rent the first time.
    pub payer: &'a AccountInfo<'info>,
    /// The Residency PDA of this hub and wallet.
    pub account: &'a AccountInfo<'info>,
    /// The system program.
    pub system_program: &'a AccountInfo<'info>,
    /// The PDA's canonical bump.
    pub bump: u8,
}

/// Records `member`'s presence at `node` on `day` in its Residency (created the first time,
/// paid by `payer`), the node's and the member's counters and the society's census tally;
/// each (hub, wallet, day) counts once, and each (wallet, day) once in the census.
pub(crate) fn record_presence<'info>(
    residency: NewResidency<'_, 'info>,
    node: &mut Account<'info, Node>,
    member: &mut Account<'info, Member>,
    society: &mut Society,
    day: u32,
) -> Result<Recorded> {
    let NewResidency {
        payer,
        account: residency_account,
        system_program,
        bump: residency_bump,
    } = residency;
    let node_key = node.key();
    let wallet = member.wallet;
    let new_resident = !is_created(residency_account);
    let mut residency = if new_resident {
        Residency {
            version: ACCOUNT_VERSION,
            bump: residency_bump,
            node: node_key,
            wallet,
            days_present: 0,
            first_day: 0,
            last_day: 0,
            recent_days: [0; 16],
        }
    } else {
        load::<Residency>(residency_account)?
    };
    if !residency.record_day(day)? {
        return Ok(Recorded {
            counted: false,
            days_present: residency.days_present,
        });
    }
    if new_resident {
        create_pda_account(
            payer,
            residency_account,
            system_program,
            8 + Residency::INIT_SPACE,
            &[
                RESIDENCY_SEED,
                node_key.as_ref(),
                wallet.as_ref(),
                &[residency_bump],
            ],
        )?;
    }
    store(residency_account, &residency)?;
    node.record_check_in(new_resident, day)?;
    society
        .census
        .count_presence(&member.recent_days, member.last_check_in_day, day)?;
    member.record_check_in(day)?;
    Ok(Recorded {
        counted: true,
        days_present: residency.days_present,
    })
}

/// Whether the wallet whose Visitor record at this society is `visitor` was counted as a
/// visitor at its hubs on `day`: one person counts once a day, as a member or a visitor.
pub fn counted_as_visitor(visitor: &AccountInfo, day: u32) -> Result<bool> {
    Ok(load_if_created::<Visitor>(visitor)?
        .is_some_and(|v| presence::contains(&v.recent_days, v.last_day, day)))
}
