//! The census as a government would read it: a society's figures for one epoch, and their
//! verification against the accounts themselves.
//!
//! [`CensusData`] is every account the figures come from, read once ([`crate::NetstateClient::census_data`]).
//! [`report`] turns it into a [`CensusReport`] for an epoch (frozen or still open), and
//! [`verify`] recounts every on-chain counter and checks the census chain, returning each
//! [`Discrepancy`].

use std::collections::BTreeMap;

use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::constants::RECENT_DAYS;
pub use netstate::state::census::{days_in_epoch, epoch_days, epoch_of};
use serde::Serialize;

use crate::{Census, Country, Member, MemberStatus, Node, Residency, Society, Visitor, pda};

/// Every account a society's census is made of, read at one time.
#[derive(Debug, Clone)]
pub struct CensusData {
    /// The netstate deployment the accounts were read from.
    pub program_id: Pubkey,
    /// The Society PDA.
    pub address: Pubkey,
    /// The society.
    pub society: Society,
    /// Every Member account (expelled records included).
    pub members: Vec<(Pubkey, Member)>,
    /// Every hub.
    pub nodes: Vec<(Pubkey, Node)>,
    /// Every Country record.
    pub countries: Vec<(Pubkey, Country)>,
    /// Every frozen census, by epoch.
    pub censuses: Vec<(Pubkey, Census)>,
    /// Every Residency at the society's hubs.
    pub residencies: Vec<(Pubkey, Residency)>,
    /// Every visitor the society hosted under treaties.
    pub visitors: Vec<(Pubkey, Visitor)>,
    /// The treasury's lamports.
    pub treasury_lamports: u64,
    /// The cluster's UTC day.
    pub today: u32,
}

/// Presence in one place during an epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacePresence {
    /// A hub's code, or an ISO 3166-1 alpha-2 country code.
    pub place: String,
    /// Distinct members present there on some day of the epoch.
    pub present: u32,
    /// Their days there, summed.
    pub person_days: u32,
}

/// Citizens admitted in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YearCount {
    /// The year (UTC).
    pub year: i32,
    /// Citizens admitted in it who are citizens today.
    pub citizens: u32,
}

/// A society's figures for one census epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CensusReport {
    /// The society's name.
    pub society: String,
    /// The epoch (`day / 30`).
    pub epoch: u32,
    /// Its first UTC day (days since 1970-01-01).
    pub first_day: u32,
    /// Its last UTC day.
    pub last_day: u32,
    /// True when the figures are a frozen Census account, false when the epoch is still
    /// open and they are the live counters.
    pub frozen: bool,
    /// False when a frozen epoch's presence figures were not kept.
    pub figures_kept: bool,
    /// The slot of the close (frozen epochs).
    pub slot: Option<u64>,
    /// The census's hash, hex (frozen epochs).
    pub hash: Option<String>,
    /// Applicants and citizens.
    pub members: u32,
    /// Citizens.
    pub citizens: u32,
    /// Applicants.
    pub applicants: u32,
    /// Today's citizens by the year of their admission (UTC), oldest first.
    pub citizens_by_year: Vec<YearCount>,
    /// Distinct members present in person during the epoch.
    pub present: u32,
    /// Person-days present during the epoch.
    pub person_days: u32,
    /// Distinct visitors from partner societies, counted apart.
    pub visitors: u32,
    /// Their days present.
    pub visitor_days: u32,
    /// Presence by country, from today's members' records at each hub.
    pub by_country: Vec<PlacePresence>,
    /// Presence by hub, from the same records.
    pub by_hub: Vec<PlacePresence>,
    /// Hubs ever registered.
    pub hubs: u32,
    /// Active hubs.
    pub active_hubs: u32,
    /// Countries with an active hub.
    pub countries: u32,
    /// The treasury's lamports.
    pub treasury_lamports: u64,
}

/// A figure whose on-chain value is not what the accounts recount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Discrepancy {
    /// Which figure, in words (`citizens`, `presence in epoch 692`, `census 690 hash`).
    pub figure: String,
    /// What the chain says.
    pub on_chain: String,
    /// What the accounts recount.
    pub recounted: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Figures checked and found equal.
    pub checked: u32,
    /// Figures that differ.
    pub discrepancies: Vec<Discrepancy>,
    /// What could not be checked, and why.
    pub unchecked: Vec<String>,
}

/// The year (UTC, proleptic Gregorian) of a Unix time.
pub fn year_of(unix_time: i64) -> i32 {
    let year = crate::calendar::civil_date(unix_time.div_euclid(86_400)).0;
    i32::try_from(year).unwrap_or(i32::MAX)
}

/// Whether members' recent-days records still hold every day of `epoch`: they keep the last
/// 128 days up to each member's latest, never after today.
pub fn epoch_recountable(epoch: u32, today: u32) -> bool {
    epoch_days(epoch).0 + RECENT_DAYS > today
}

fn counted(member: &Member) -> bool {
    member.status != MemberStatus::Expelled
}

/// Distinct members and person-days of `epoch`, recounted from today's members.
pub fn recount_presence(members: &[(Pubkey, Member)], epoch: u32) -> (u32, u32) {
    members
        .iter()
        .filter(|(_, m)| counted(m))
        .map(|(_, m)| days_in_epoch(&m.recent_days, m.last_check_in_day, epoch))
        .filter(|days| *days > 0)
        .fold((0, 0), |(people, days), d| (people + 1, days + d))
}

/// Distinct visitors and their days in `epoch`, recounted from the Visitor records.
pub fn recount_visitors(visitors: &[(Pubkey, Visitor)], epoch: u32) -> (u32, u32) {
    visitors
        .iter()
        .map(|(_, v)| days_in_epoch(&v.recent_days, v.last_day, epoch))
        .filter(|days| *days > 0)
        .fold((0, 0), |(people, days), d| (people + 1, days + d))
}

fn country_code(code: &[u8; 2]) -> String {
    String::from_utf8_lossy(code).into_owned()
}

/// The report of `epoch`: the frozen census when it is closed, the live counters when it is
/// open; `None` for an epoch before the society's first or not yet begun.
pub fn report(data: &CensusData, epoch: u32) -> Option<CensusReport> {
    let s = &data.society;
    let today_epoch = epoch_of(data.today);
    let first_epoch = epoch_of(u32::try_from(s.created_at.div_euclid(86_400)).unwrap_or(0));
    if epoch < first_epoch || epoch > today_epoch {
        return None;
    }
    let frozen = data.censuses.iter().find(|(_, c)| c.epoch == epoch);
    let members_now: Vec<&Member> = data
        .members
        .iter()
        .map(|(_, m)| m)
        .filter(|m| counted(m))
        .collect();
    let mut years = BTreeMap::new();
    for m in members_now.iter().filter(|m| m.is_citizen()) {
        *years.entry(year_of(m.admitted_at)).or_insert(0u32) += 1;
    }
    let wallets: std::collections::HashSet<Pubkey> = members_now.iter().map(|m| m.wallet).collect();
    let mut by_hub = Vec::new();
    let mut by_country: BTreeMap<String, (std::collections::HashSet<Pubkey>, u32)> =
        BTreeMap::new();
    for (address, node) in &data.nodes {
        let (mut present, mut person_days) = (0, 0);
        for (_, r) in data.residencies.iter().filter(|(_, r)| r.node == *address) {
            let days = days_in_epoch(&r.recent_days, r.last_day, epoch);
            if days == 0 || !wallets.contains(&r.wallet) {
                continue;
            }
            present += 1;
            person_days += days;
            let entry = by_country.entry(country_code(&node.country)).or_default();
            entry.0.insert(r.wallet);
            entry.1 += days;
        }
        by_hub.push(PlacePresence {
            place: node.code.clone(),
            present,
            person_days,
        });
    }
    let by_country = by_country
        .into_iter()
        .map(|(place, (people, person_days))| PlacePresence {
            place,
            present: u32::try_from(people.len()).unwrap_or(u32::MAX),
            person_days,
        })
        .collect();
    let (first_day, last_day) = epoch_days(epoch);
    let years: Vec<YearCount> = years
        .into_iter()
        .map(|(year, citizens)| YearCount { year, citizens })
        .collect();
    Some(match frozen {
        Some((_, c)) => CensusReport {
            society: s.name.clone(),
            epoch,
            first_day,
            last_day,
            frozen: true,
            figures_kept: c.figures_kept,
            slot: Some(c.slot),
            hash: Some(hex(&c.hash)),
            members: c.member_count,
            citizens: c.citizen_count,
            applicants: c.member_count.saturating_sub(c.citizen_count),
            citizens_by_year: years,
            present: c.present,
            person_days: c.person_days,
            visitors: c.visitors,
            visitor_days: c.visitor_days,
            by_country,
            by_hub,
            hubs: c.node_count,
            active_hubs: c.active_node_count,
            countries: c.country_count,
            treasury_lamports: c.treasury_lamports,
        },
        None => {
            let tally = s.census.figures_of(epoch);
            CensusReport {
                society: s.name.clone(),
                epoch,
                first_day,
                last_day,
                frozen: false,
                figures_kept: tally.is_some(),
                slot: None,
                hash: None,
                members: s.member_count,
                citizens: s.citizen_count,
                applicants: s.member_count.saturating_sub(s.citizen_count),
                citizens_by_year: years,
                present: tally.map_or(0, |t| t.present),
                person_days: tally.map_or(0, |t| t.person_days),
                visitors: tally.map_or(0, |t| t.visitors),
                visitor_days: tally.map_or(0, |t| t.visitor_days),
                by_country,
                by_hub,
                hubs: s.node_count,
                active_hubs: s.active_node_count,
                countries: s.census.country_count,
                treasury_lamports: data.treasury_lamports,
            }
        }
    })
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Recounts every on-chain counter of the society from its accounts, and checks every
/// frozen census's hash and link and the last one's presence figures.
pub fn verify(data: &CensusData) -> Verification {
    let mut v = Verification {
        checked: 0,
        discrepancies: Vec::new(),
        unchecked: Vec::new(),
    };
    let mut compare = |figure: String, on_chain: String, recounted: String| {
        if on_chain == recounted {
            v.checked += 1;
        } else {
            v.discrepancies.push(Discrepancy {
                figure,
                on_chain,
                recounted,
            });
        }
    };
    let s = &data.society;
    let members = data.members.iter().filter(|(_, m)| counted(m)).count();
    let citizens = data.members.iter().filter(|(_, m)| m.is_citizen()).count();
    compare(
        "members".into(),
        s.member_count.to_string(),
        members.to_string(),
    );
    compare(
        "citizens".into(),
        s.citizen_count.to_string(),
        citizens.to_string(),
    );
    compare(
        "hubs".into(),
        s.node_count.to_string(),
        data.nodes.len().to_string(),
    );
    let active = data.nodes.iter().filter(|(_, n)| n.active).count();
    compare(
        "active hubs".into(),
        s.active_node_count.to_string(),
        active.to_string(),
    );

    // Countries: each record against the hubs there, and the count of those with one.
    let mut hubs_by_country: BTreeMap<[u8; 2], (u32, u32)> = BTreeMap::new();
    for (_, n) in &data.nodes {
        let entry = hubs_by_country.entry(n.country).or_default();
        entry.0 += 1;
        entry.1 += u32::from(n.active);
    }
    for (code, (all, active)) in &hubs_by_country {
        let record = data.countries.iter().find(|(_, c)| c.code == *code);
        let (rec_all, rec_active) =
            record.map_or((0, 0), |(_, c)| (c.node_count, c.active_node_count));
        let name = country_code(code);
        compare(
            format!("hubs in {name}"),
            rec_all.to_string(),
            all.to_string(),
        );
        compare(
            format!("active hubs in {name}"),
            rec_active.to_string(),
            active.to_string(),
        );
    }
    for (_, c) in data
        .countries
        .iter()
        .filter(|(_, c)| !hubs_by_country.contains_key(&c.code))
    {
        compare(
            format!("hubs in {}", country_code(&c.code)),
            c.node_count.to_string(),
            "0".into(),
        );
    }
    let countries = hubs_by_country.values().filter(|(_, a)| *a > 0).count();
    compare(
        "countries with an active hub".into(),
        s.census.country_count.to_string(),
        countries.to_string(),
    );

    // The open epochs' tallies.
    for tally in [s.census.current, s.census.previous] {
        if !s.census.is_open(tally.epoch) {
            continue;
        }
        if !epoch_recountable(tally.epoch, data.today) {
            v.unchecked.push(format!(
                "presence in epoch {}: older than the 128 days members' records keep",
                tally.epoch
            ));
            continue;
        }
        let (present, person_days) = recount_presence(&data.members, tally.epoch);
        compare(
            format!("people present in epoch {}", tally.epoch),
            tally.present.to_string(),
            present.to_string(),
        );
        compare(
            format!("person-days in epoch {}", tally.epoch),
            tally.person_days.to_string(),
            person_days.to_string(),
        );
        let (visitors, visitor_days) = recount_visitors(&data.visitors, tally.epoch);
        compare(
            format!("visitors in epoch {}", tally.epoch),
            tally.visitors.to_string(),
            visitors.to_string(),
        );
        compare(
            format!("visitor-days in epoch {}", tally.epoch),
            tally.visitor_days.to_string(),
            visitor_days.to_string(),
        );
    }

    // The chain: every census at its address, hashed right, linked to the one before, in
    // order from the society's first epoch, ending at the society's last hash.
    let first_epoch = epoch_of(u32::try_from(s.created_at.div_euclid(86_400)).unwrap_or(0));
    let mut censuses: Vec<&(Pubkey, Census)> = data.censuses.iter().collect();
    censuses.sort_by_key(|(_, c)| c.epoch);
    let mut previous_hash = [0u8; 32];
    let mut expected_epoch = first_epoch;
    for (address, c) in &censuses {
        let label = format!("census {}", c.epoch);
        compare(
            format!("{label} address"),
            address.to_string(),
            pda::census(&data.program_id, &data.address, c.epoch)
                .0
                .to_string(),
        );
        compare(
            format!("{label} epoch"),
            c.epoch.to_string(),
            expected_epoch.to_string(),
        );
        compare(
            format!("{label} hash"),
            hex(&c.hash),
            hex(&c.compute_hash()),
        );
        compare(
            format!("{label} link to the census before"),
            hex(&c.previous_hash),
            hex(&previous_hash),
        );
        previous_hash = c.hash;
        expected_epoch = c.epoch + 1;
    }
    compare(
        "next epoch to close".into(),
        s.census.next_epoch_to_close.to_string(),
        expected_epoch.to_string(),
    );
    compare(
        "hash of the last census".into(),
        hex(&s.census.last_census_hash),
        hex(&previous_hash),
    );

    // The last census's presence: today's members plus those who went since.
    if let Some((_, last)) = censuses.last() {
        if !last.figures_kept {
            v.unchecked.push(format!(
                "presence in census {}: its figures were not kept",
                last.epoch
            ));
        } else if !epoch_recountable(last.epoch, data.today) {
            v.unchecked.push(format!(
                "presence in census {}: older than the 128 days members' records keep",
                last.epoch
            ));
        } else {
            let (present, person_days) = recount_presence(&data.members, last.epoch);
            let departed = s.census.departed;
            let (gone_people, gone_days) = if departed.epoch == last.epoch {
                (departed.present, departed.person_days)
            } else {
                (0, 0)
            };
            compare(
                format!("people present in census {}", last.epoch),
                last.present.to_string(),
                (present + gone_people).to_string(),
            );
            compare(
                format!("person-days in census {}", last.epoch),
                last.person_days.to_string(),
                (person_days + gone_days).to_string(),
            );
            let (visitors, visitor_days) = recount_visitors(&data.visitors, last.epoch);
            compare(
                format!("visitors in census {}", last.epoch),
                last.visitors.to_string(),
                visitors.to_string(),
            );
            compare(
                format!("visitor-days in census {}", last.epoch),
                last.visitor_days.to_string(),
                visitor_days.to_string(),
            );
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_follow_the_civil_calendar() {
        assert_eq!(year_of(0), 1970);
        assert_eq!(year_of(-1), 1969);
        assert_eq!(year_of(951_782_400), 2000, "2000-02-29");
        assert_eq!(year_of(1_798_761_599), 2026, "2026-12-31 23:59:59");
        assert_eq!(year_of(1_798_761_600), 2027, "2027-01-01");
    }

    #[test]
    fn an_epoch_is_recountable_while_its_first_day_is_within_128_days() {
        assert!(epoch_recountable(10, 300 + 127));
        assert!(!epoch_recountable(10, 300 + 128));
    }
}
