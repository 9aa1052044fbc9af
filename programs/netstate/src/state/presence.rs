//! Recent days of presence: a bitmap of the last [`RECENT_DAYS`] UTC days, anchored at the
//! newest day recorded (`head`). Bit `i` is the day `head - i`. Residency keeps one per hub,
//! Member one across all the society's hubs, so "present on N of the last W days" is a count
//! of bits, and a late ticket for an earlier day is counted exactly once.

use anchor_lang::prelude::*;

use crate::constants::RECENT_DAYS;
use crate::error::NetstateError;

/// The bitmap's bytes, little-endian (bit 0 of byte 0 is `head`).
pub type RecentDays = [u8; 16];

/// Records `day` in `bits` anchored at `head`: true when the day is newly counted, false
/// when it was already. A day after `head` moves the anchor; a day more than the window
/// before it is refused (`DayOutsideRecentWindow`). An empty bitmap takes any day.
pub fn record(bits: &mut RecentDays, head: &mut u32, day: u32) -> Result<bool> {
    let mut value = u128::from_le_bytes(*bits);
    if value == 0 {
        *bits = 1u128.to_le_bytes();
        *head = day;
        return Ok(true);
    }
    if day > *head {
        let by = day - *head;
        value = if by >= RECENT_DAYS { 0 } else { value << by };
        *head = day;
    }
    let offset = head
        .checked_sub(day)
        .ok_or(NetstateError::DayOutsideRecentWindow)?;
    require!(offset < RECENT_DAYS, NetstateError::DayOutsideRecentWindow);
    let bit = 1u128 << offset;
    let counted = value & bit == 0;
    value |= bit;
    *bits = value.to_le_bytes();
    Ok(counted)
}

/// Whether `day` is recorded in `bits` anchored at `head` (false for days outside the
/// window).
pub fn contains(bits: &RecentDays, head: u32, day: u32) -> bool {
    match head.checked_sub(day) {
        Some(offset) if offset < RECENT_DAYS => u128::from_le_bytes(*bits) & (1u128 << offset) != 0,
        _ => false,
    }
}

/// Days present among the `window` days ending on `today` (today included), for a bitmap
/// anchored at `head` (never after `today`: the clock only moves forward).
pub fn count_within(bits: &RecentDays, head: u32, today: u32, window: u32) -> u32 {
    let behind = today.saturating_sub(head);
    if window <= behind {
        return 0;
    }
    let span = (window - behind).min(RECENT_DAYS);
    let value = u128::from_le_bytes(*bits);
    let mask = if span >= RECENT_DAYS {
        u128::MAX
    } else {
        (1u128 << span) - 1
    };
    (value & mask).count_ones()
}

/// Days recorded from `first` to `last` (both included) in a bitmap anchored at `head`;
/// days outside the window are not known and not counted.
pub fn count_between(bits: &RecentDays, head: u32, first: u32, last: u32) -> u32 {
    if last < first || head < first {
        return 0;
    }
    // Offsets from head: `last` is the nearest (smallest offset), `first` the farthest.
    let near = head.saturating_sub(last);
    if near >= RECENT_DAYS {
        return 0;
    }
    let far = (head - first).min(RECENT_DAYS - 1);
    let width = far - near + 1;
    let mask = if width >= RECENT_DAYS {
        u128::MAX
    } else {
        ((1u128 << width) - 1) << near
    };
    (u128::from_le_bytes(*bits) & mask).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_day_counts_once_in_any_order() {
        let (mut bits, mut head) = ([0; 16], 0);
        assert_eq!(record(&mut bits, &mut head, 100), Ok(true));
        assert_eq!(record(&mut bits, &mut head, 100), Ok(false));
        assert_eq!(record(&mut bits, &mut head, 95), Ok(true));
        assert_eq!(record(&mut bits, &mut head, 103), Ok(true));
        assert_eq!(head, 103);
        assert_eq!(record(&mut bits, &mut head, 95), Ok(false));
        assert_eq!(record(&mut bits, &mut head, 100), Ok(false));
        assert_eq!(count_within(&bits, head, 103, 128), 3);
        assert_eq!(count_within(&bits, head, 103, 4), 2, "days 100 and 103");
        assert_eq!(count_within(&bits, head, 103, 1), 1);
        assert_eq!(
            count_within(&bits, head, 110, 7),
            0,
            "nothing in the last week"
        );
        assert_eq!(count_within(&bits, head, 110, 8), 1, "day 103");
        assert!(contains(&bits, head, 95) && contains(&bits, head, 103));
        assert!(!contains(&bits, head, 96) && !contains(&bits, head, 104));
    }

    #[test]
    fn days_between_two_dates_are_counted_inside_the_window_only() {
        let (mut bits, mut head) = ([0; 16], 0);
        for day in [100, 101, 110, 129, 130] {
            assert_eq!(record(&mut bits, &mut head, day), Ok(true));
        }
        assert_eq!(count_between(&bits, head, 90, 119), 3);
        assert_eq!(count_between(&bits, head, 120, 149), 2);
        assert_eq!(count_between(&bits, head, 131, 160), 0, "after the head");
        assert_eq!(count_between(&bits, head, 101, 101), 1);
        assert_eq!(count_between(&bits, head, 102, 101), 0, "an empty range");
        assert_eq!(count_between(&bits, head, 0, u32::MAX), 5);
        assert_eq!(
            record(&mut bits, &mut head, 250),
            Ok(true),
            "window 123..=250"
        );
        assert_eq!(
            count_between(&bits, head, 90, 119),
            0,
            "fell off the window"
        );
        assert_eq!(count_between(&bits, head, 101, 130), 2, "days 129 and 130");
    }

    #[test]
    fn the_window_forgets_and_refuses_what_it_cannot_know() {
        let (mut bits, mut head) = ([0; 16], 0);
        assert_eq!(record(&mut bits, &mut head, 1_000), Ok(true));
        assert_eq!(record(&mut bits, &mut head, 873), Ok(true), "127 days back");
        assert!(record(&mut bits, &mut head, 872).is_err(), "128 days back");
        assert_eq!(record(&mut bits, &mut head, 1_200), Ok(true));
        assert_eq!(
            count_within(&bits, head, 1_200, 128),
            1,
            "older days fell off"
        );
        assert!(record(&mut bits, &mut head, 1_000).is_err());
    }
}
