//! The census: the society's figures kept in O(1) by the instructions that change them,
//! frozen every 30-day epoch into a [`Census`] account chained to the one before by hash.
//!
//! Presence is counted per epoch (`day / 30`). The society holds the tallies of two epochs:
//! the newest one with presence recorded (`current`) and the one before it (`previous`).
//! Presence on a day of a newer epoch rolls them; an epoch that is rolled out of both before
//! it is closed loses its figures, and its census says so (`figures_kept == false`). Closed
//! epochs accept no more presence, so a frozen census never changes under anyone's feet.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::counters::{dec, inc};
use crate::state::presence::{self, RecentDays};

/// The presence counted in one census epoch.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct EpochTally {
    /// The epoch (`day / 30`).
    pub epoch: u32,
    /// Distinct members present in person at any hub on some day of the epoch.
    pub present: u32,
    /// Person-days: for each member, the distinct days present in the epoch, summed.
    pub person_days: u32,
    /// Distinct visitors (citizens of a partner society, under a treaty) present.
    pub visitors: u32,
    /// Their days present, summed.
    pub visitor_days: u32,
}

impl EpochTally {
    /// An empty tally of `epoch`.
    pub fn empty(epoch: u32) -> Self {
        Self {
            epoch,
            ..Self::default()
        }
    }
}

/// The census counters a society keeps (part of [`crate::state::Society`]).
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct CensusCounters {
    /// The newest epoch with presence recorded.
    pub current: EpochTally,
    /// The epoch before it that had presence recorded (or the one before the society's
    /// first, empty).
    pub previous: EpochTally,
    /// Countries with at least one active hub (each has a [`Country`] record).
    pub country_count: u32,
    /// The next epoch to close: epochs are closed in order, from the society's first.
    pub next_epoch_to_close: u32,
    /// Hash of the latest [`Census`]; all zeros before the first.
    pub last_census_hash: [u8; 32],
    /// Presence in the latest closed epoch of members who have left or been expelled since
    /// it closed (`epoch` is that epoch), so that the frozen figures can still be checked
    /// against the members who remain.
    pub departed: EpochTally,
}

/// The epoch of a UTC day.
pub fn epoch_of(day: u32) -> u32 {
    day / CENSUS_EPOCH_DAYS
}

/// The first and last UTC days of an epoch.
pub fn epoch_days(epoch: u32) -> (u32, u32) {
    let first = epoch.saturating_mul(CENSUS_EPOCH_DAYS);
    (first, first.saturating_add(CENSUS_EPOCH_DAYS - 1))
}

/// Distinct days of `epoch` in a recent-days bitmap anchored at `head`.
pub fn days_in_epoch(bits: &RecentDays, head: u32, epoch: u32) -> u32 {
    let (first, last) = epoch_days(epoch);
    presence::count_between(bits, head, first, last)
}

impl CensusCounters {
    /// The counters of a society created on UTC `day`: its first epoch is the one to close
    /// first.
    pub fn new(day: u32) -> Self {
        let epoch = epoch_of(day);
        Self {
            current: EpochTally::empty(epoch),
            previous: EpochTally::empty(epoch.saturating_sub(1)),
            country_count: 0,
            next_epoch_to_close: epoch,
            last_census_hash: [0; 32],
            departed: EpochTally::default(),
        }
    }

    /// Whether presence may still be recorded in `epoch` (it is not closed).
    pub fn is_open(&self, epoch: u32) -> bool {
        epoch >= self.next_epoch_to_close
    }

    /// The tally presence on a day of `epoch` goes into, rolling the tallies when the epoch
    /// is newer than `current`. A closed epoch is refused (`CensusEpochClosed`), and so is an
    /// open epoch older than both tallies (`CensusEpochNotHeld`).
    fn tally_mut(&mut self, epoch: u32) -> Result<&mut EpochTally> {
        require!(self.is_open(epoch), NetstateError::CensusEpochClosed);
        if epoch > self.current.epoch {
            self.previous = self.current;
            self.current = EpochTally::empty(epoch);
        }
        if epoch == self.current.epoch {
            Ok(&mut self.current)
        } else if epoch == self.previous.epoch {
            Ok(&mut self.previous)
        } else {
            err!(NetstateError::CensusEpochNotHeld)
        }
    }

    /// Counts a member's presence on `day`, given the member's recent days *before* it was
    /// recorded: a new day is a person-day, a first day in the epoch a person present. A day
    /// already counted changes nothing.
    pub fn count_presence(
        &mut self,
        bits_before: &RecentDays,
        head_before: u32,
        day: u32,
    ) -> Result<()> {
        self.count_day(bits_before, head_before, day, false)
    }

    /// Counts a visitor's presence on `day`, given their recent days at this host *before*
    /// it was recorded, as [`Self::count_presence`] counts a member's.
    pub fn count_visit(
        &mut self,
        bits_before: &RecentDays,
        head_before: u32,
        day: u32,
    ) -> Result<()> {
        self.count_day(bits_before, head_before, day, true)
    }

    fn count_day(
        &mut self,
        bits_before: &RecentDays,
        head_before: u32,
        day: u32,
        visitor: bool,
    ) -> Result<()> {
        let fresh = bits_before.iter().all(|b| *b == 0);
        if !fresh && presence::contains(bits_before, head_before, day) {
            return Ok(());
        }
        let epoch = epoch_of(day);
        let first_in_epoch = fresh || days_in_epoch(bits_before, head_before, epoch) == 0;
        let tally = self.tally_mut(epoch)?;
        let (people, days) = if visitor {
            (&mut tally.visitors, &mut tally.visitor_days)
        } else {
            (&mut tally.present, &mut tally.person_days)
        };
        *days = inc(*days)?;
        if first_in_epoch {
            *people = inc(*people)?;
        }
        Ok(())
    }

    /// Takes a member who leaves or is expelled out of the open epochs' tallies, and adds
    /// their presence in the latest closed epoch to `departed`.
    pub fn remove_member_presence(&mut self, bits: &RecentDays, head: u32) -> Result<()> {
        let open = self.next_epoch_to_close;
        for tally in [&mut self.current, &mut self.previous] {
            if tally.epoch < open {
                continue;
            }
            let days = days_in_epoch(bits, head, tally.epoch);
            if days > 0 {
                tally.present = dec(tally.present)?;
                tally.person_days = tally
                    .person_days
                    .checked_sub(days)
                    .ok_or(NetstateError::CounterOverflow)?;
            }
        }
        if let Some(closed) = open.checked_sub(1) {
            if self.departed.epoch == closed {
                let days = days_in_epoch(bits, head, closed);
                if days > 0 {
                    self.departed.present = inc(self.departed.present)?;
                    self.departed.person_days = self
                        .departed
                        .person_days
                        .checked_add(days)
                        .ok_or(NetstateError::CounterOverflow)?;
                }
            }
        }
        Ok(())
    }

    /// The figures of `epoch`, or `None` when they are no longer held (rolled out of both
    /// tallies). An epoch between or after the tallies had no presence at all.
    pub fn figures_of(&self, epoch: u32) -> Option<EpochTally> {
        if epoch == self.current.epoch {
            Some(self.current)
        } else if epoch == self.previous.epoch {
            Some(self.previous)
        } else if epoch > self.previous.epoch {
            Some(EpochTally::empty(epoch))
        } else {
            None
        }
    }

    /// Records that `epoch` (the next one) closed into a census with hash `hash`.
    pub fn closed(&mut self, epoch: u32, hash: [u8; 32]) -> Result<()> {
        require!(
            epoch == self.next_epoch_to_close,
            NetstateError::CensusEpochOutOfOrder
        );
        self.next_epoch_to_close = epoch.checked_add(1).ok_or(NetstateError::CounterOverflow)?;
        self.last_census_hash = hash;
        self.departed = EpochTally::empty(epoch);
        Ok(())
    }

    /// A country gained an active hub: returns the country's new count of active hubs.
    pub fn hub_opened_in(&mut self, country_active_before: u32) -> Result<u32> {
        if country_active_before == 0 {
            self.country_count = inc(self.country_count)?;
        }
        inc(country_active_before)
    }

    /// A country lost an active hub: returns the country's new count of active hubs.
    pub fn hub_closed_in(&mut self, country_active_before: u32) -> Result<u32> {
        let after = dec(country_active_before)?;
        if after == 0 {
            self.country_count = dec(self.country_count)?;
        }
        Ok(after)
    }
}

/// The hubs a society has in one country. PDA `["country", society, code]`, created with
/// the society's first hub there and kept (with a count of zero) when its last one retires.
#[account]
#[derive(InitSpace, Debug)]
pub struct Country {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// ISO 3166-1 alpha-2 code (`PT`).
    pub code: [u8; 2],
    /// Active hubs of the society in this country.
    pub active_node_count: u32,
    /// Hubs ever registered here (retired ones included).
    pub node_count: u32,
}

/// One census epoch, frozen. PDA `["census", society, epoch as u32 little-endian]`.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct Census {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The society.
    pub society: Pubkey,
    /// The epoch (`day / 30`); its days are `30 * epoch ..= 30 * epoch + 29`.
    pub epoch: u32,
    /// False when the epoch's presence tallies were rolled out before it was closed: its
    /// presence figures are then zero and unknown, not counted.
    pub figures_kept: bool,
    /// Slot at which the epoch was closed.
    pub slot: u64,
    /// Unix time at which the epoch was closed.
    pub closed_at: i64,
    /// Applicants and citizens at the close.
    pub member_count: u32,
    /// Citizens at the close.
    pub citizen_count: u32,
    /// Distinct members present in person during the epoch.
    pub present: u32,
    /// Person-days present during the epoch.
    pub person_days: u32,
    /// Distinct visitors from partner societies present during the epoch.
    pub visitors: u32,
    /// Their days present.
    pub visitor_days: u32,
    /// Hubs ever registered, at the close.
    pub node_count: u32,
    /// Active hubs at the close.
    pub active_node_count: u32,
    /// Countries with an active hub at the close.
    pub country_count: u32,
    /// The treasury's lamports at the close.
    pub treasury_lamports: u64,
    /// Hash of the census before this one (all zeros for the first).
    pub previous_hash: [u8; 32],
    /// SHA-256 of `previous_hash` and every figure above ([`Census::compute_hash`]).
    pub hash: [u8; 32],
}

impl Census {
    /// The hash chaining this census to the one before: SHA-256 over the previous hash,
    /// the society, the epoch and every figure, each little-endian, in field order.
    pub fn compute_hash(&self) -> [u8; 32] {
        solana_sha256_hasher::hashv(&[
            b"netstate census v1",
            &self.previous_hash,
            self.society.as_ref(),
            &self.epoch.to_le_bytes(),
            &[u8::from(self.figures_kept)],
            &self.slot.to_le_bytes(),
            &self.closed_at.to_le_bytes(),
            &self.member_count.to_le_bytes(),
            &self.citizen_count.to_le_bytes(),
            &self.present.to_le_bytes(),
            &self.person_days.to_le_bytes(),
            &self.visitors.to_le_bytes(),
            &self.visitor_days.to_le_bytes(),
            &self.node_count.to_le_bytes(),
            &self.active_node_count.to_le_bytes(),
            &self.country_count.to_le_bytes(),
            &self.treasury_lamports.to_le_bytes(),
        ])
        .to_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_of(days: &[u32]) -> Result<(RecentDays, u32)> {
        let (mut bits, mut head) = ([0; 16], 0);
        for day in days {
            presence::record(&mut bits, &mut head, *day)?;
        }
        Ok((bits, head))
    }

    /// Counts `day` for a member whose earlier days are `before`.
    fn count(c: &mut CensusCounters, before: &[u32], day: u32) -> Result<()> {
        let (bits, head) = bits_of(before)?;
        c.count_presence(&bits, head, day)
    }

    #[test]
    fn each_person_and_day_counts_once_per_epoch() -> Result<()> {
        let mut c = CensusCounters::new(600);
        assert_eq!(c.current, EpochTally::empty(20));
        count(&mut c, &[], 600)?;
        count(&mut c, &[600], 600)?;
        count(&mut c, &[600], 601)?;
        count(&mut c, &[], 605)?;
        assert_eq!(
            c.current,
            EpochTally {
                epoch: 20,
                present: 2,
                person_days: 3,
                ..Default::default()
            }
        );
        count(&mut c, &[600, 601], 630)?;
        assert_eq!(c.previous.person_days, 3, "epoch 20 rolled into previous");
        assert_eq!((c.current.epoch, c.current.present), (21, 1));
        count(&mut c, &[600, 601, 630], 629)?;
        assert_eq!(
            c.previous.person_days, 4,
            "a late day of the previous epoch"
        );
        assert_eq!(
            c.previous.present, 2,
            "that member was already counted in it"
        );
        Ok(())
    }

    #[test]
    fn closed_epochs_take_no_presence_and_lost_ones_say_so() -> Result<()> {
        let mut c = CensusCounters::new(600);
        count(&mut c, &[], 600)?;
        assert_eq!(c.figures_of(20).map(|t| t.present), Some(1));
        assert_eq!(c.figures_of(25), Some(EpochTally::empty(25)));
        assert!(c.closed(21, [1; 32]).is_err(), "out of order");
        c.closed(20, [1; 32])?;
        assert!(!c.is_open(20) && c.is_open(21));
        assert_eq!(
            count(&mut c, &[], 610),
            Err(NetstateError::CensusEpochClosed.into())
        );
        count(&mut c, &[], 630)?;
        count(&mut c, &[], 700)?;
        assert_eq!(c.figures_of(21).map(|t| t.present), Some(1), "still held");
        assert_eq!(c.figures_of(22), Some(EpochTally::empty(22)), "none then");
        count(&mut c, &[], 730)?;
        assert_eq!(c.figures_of(21), None, "rolled out before it was closed");
        assert_eq!(c.figures_of(22), None, "unknown now");
        assert_eq!(c.figures_of(23).map(|t| t.present), Some(1));
        assert_eq!(
            count(&mut c, &[], 640),
            Err(NetstateError::CensusEpochNotHeld.into())
        );
        Ok(())
    }

    #[test]
    fn a_member_who_goes_takes_their_open_presence_and_leaves_the_closed_on_record() -> Result<()> {
        let mut c = CensusCounters::new(600);
        count(&mut c, &[], 600)?;
        count(&mut c, &[600], 601)?;
        count(&mut c, &[], 602)?;
        c.closed(20, [1; 32])?;
        count(&mut c, &[600, 601], 631)?;
        let (bits, head) = bits_of(&[600, 601, 631])?;
        c.remove_member_presence(&bits, head)?;
        assert_eq!(
            (c.current.present, c.current.person_days),
            (0, 0),
            "the open epoch forgets them"
        );
        assert_eq!(
            c.departed,
            EpochTally {
                epoch: 20,
                present: 1,
                person_days: 2,
                ..Default::default()
            },
            "the closed epoch keeps them as departed"
        );
        assert_eq!(c.previous.person_days, 3, "the frozen tally is untouched");
        Ok(())
    }

    #[test]
    fn visitors_are_counted_apart_from_members() -> Result<()> {
        let mut c = CensusCounters::new(600);
        let (bits, head) = bits_of(&[])?;
        c.count_visit(&bits, head, 601)?;
        let (bits, head) = bits_of(&[601])?;
        c.count_visit(&bits, head, 601)?;
        c.count_visit(&bits, head, 602)?;
        assert_eq!((c.current.visitors, c.current.visitor_days), (1, 2));
        assert_eq!((c.current.present, c.current.person_days), (0, 0));
        Ok(())
    }

    #[test]
    fn countries_count_while_they_have_an_active_hub() {
        let mut c = CensusCounters::new(0);
        assert_eq!(c.hub_opened_in(0), Ok(1));
        assert_eq!(c.hub_opened_in(1), Ok(2));
        assert_eq!(c.country_count, 1);
        assert_eq!(c.hub_closed_in(2), Ok(1));
        assert_eq!(c.hub_closed_in(1), Ok(0));
        assert_eq!(c.country_count, 0);
        assert!(c.hub_closed_in(0).is_err());
    }

    #[test]
    fn the_hash_covers_every_figure_and_the_chain() {
        let census = Census {
            version: 1,
            bump: 255,
            society: Pubkey::new_from_array([7; 32]),
            epoch: 20,
            figures_kept: true,
            slot: 9,
            closed_at: 1,
            member_count: 3,
            citizen_count: 2,
            present: 2,
            person_days: 5,
            visitors: 1,
            visitor_days: 1,
            node_count: 1,
            active_node_count: 1,
            country_count: 1,
            treasury_lamports: 10,
            previous_hash: [0; 32],
            hash: [0; 32],
        };
        let hash = census.compute_hash();
        let changed = [
            Census {
                present: 3,
                ..census
            },
            Census {
                treasury_lamports: 11,
                ..census
            },
            Census {
                previous_hash: [1; 32],
                ..census
            },
            Census {
                figures_kept: false,
                ..census
            },
        ];
        for other in changed {
            assert_ne!(other.compute_hash(), hash, "{other:?}");
        }
        assert_eq!(
            Census {
                hash: [9; 32],
                ..census
            }
            .compute_hash(),
            hash
        );
    }
}
