//! Results of `census …`.

use std::fmt;

use netstate_client::census::{CensusReport, Verification};
use netstate_client::describe::day;
use serde::Serialize;

use crate::output::{sol, table};

/// `census [--epoch N]`: the State of the Network for one epoch.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct CensusView(pub CensusReport);

impl fmt::Display for CensusView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.0;
        let state = if r.frozen {
            format!(
                "frozen at slot {}, hash {}",
                r.slot.unwrap_or_default(),
                r.hash.as_deref().unwrap_or("-")
            )
        } else {
            "open: live figures".to_string()
        };
        writeln!(
            f,
            "State of the Network: {}, census epoch {} ({} to {}, {state})",
            r.society,
            r.epoch,
            day(i64::from(r.first_day)),
            day(i64::from(r.last_day))
        )?;
        let presence = |n: u32| {
            if r.figures_kept {
                n.to_string()
            } else {
                "not kept".to_string()
            }
        };
        let rows = vec![
            vec!["Population (members)".into(), r.members.to_string()],
            vec!["Citizens".into(), r.citizens.to_string()],
            vec!["Applicants".into(), r.applicants.to_string()],
            vec!["Present in person".into(), presence(r.present)],
            vec!["Person-days".into(), presence(r.person_days)],
            vec![
                "Visitors under treaties (people / days)".into(),
                format!("{} / {}", presence(r.visitors), presence(r.visitor_days)),
            ],
            vec![
                "Hubs (active / ever)".into(),
                format!("{} / {}", r.active_hubs, r.hubs),
            ],
            vec!["Countries with a hub".into(), r.countries.to_string()],
            vec!["Treasury".into(), sol(r.treasury_lamports)],
        ];
        writeln!(f, "{}", table(&["figure", "value"], &rows))?;
        let years: Vec<Vec<String>> = r
            .citizens_by_year
            .iter()
            .map(|y| vec![y.year.to_string(), y.citizens.to_string()])
            .collect();
        writeln!(
            f,
            "\nToday's citizens by year of admission\n{}",
            table(&["year", "citizens"], &years)
        )?;
        let places = |list: &[netstate_client::census::PlacePresence]| -> Vec<Vec<String>> {
            list.iter()
                .map(|p| {
                    vec![
                        p.place.clone(),
                        p.present.to_string(),
                        p.person_days.to_string(),
                    ]
                })
                .collect()
        };
        writeln!(
            f,
            "\nPresent by country (today's members)\n{}",
            table(
                &["country", "people", "person-days"],
                &places(&r.by_country)
            )
        )?;
        write!(
            f,
            "\nPresent by hub (today's members)\n{}",
            table(&["hub", "people", "person-days"], &places(&r.by_hub))
        )
    }
}

/// `census verify`: what was recounted and what differs.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationView {
    /// The society's name.
    pub society: String,
    /// Today's census epoch.
    pub epoch: u32,
    /// The figures checked, differing and left unchecked.
    #[serde(flatten)]
    pub verification: Verification,
}

impl fmt::Display for VerificationView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.verification;
        if v.discrepancies.is_empty() {
            write!(
                f,
                "✓ {}: all {} figures recounted from the accounts agree with the chain",
                self.society, v.checked
            )?;
        } else {
            let rows: Vec<Vec<String>> = v
                .discrepancies
                .iter()
                .map(|d| vec![d.figure.clone(), d.on_chain.clone(), d.recounted.clone()])
                .collect();
            write!(
                f,
                "✗ {}: {} discrepancies ({} figures agree)\n{}",
                self.society,
                v.discrepancies.len(),
                v.checked,
                table(&["figure", "on chain", "recounted"], &rows)
            )?;
        }
        for note in &v.unchecked {
            write!(f, "\n  not checked: {note}")?;
        }
        Ok(())
    }
}

/// One epoch `census close` froze.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CensusClosed {
    /// The epoch.
    pub epoch: u32,
    /// The transaction.
    pub signature: String,
    /// People present in it.
    pub present: u32,
    /// Person-days in it.
    pub person_days: u32,
    /// Whether its presence figures were kept.
    pub figures_kept: bool,
    /// The census's hash, hex.
    pub hash: String,
}

/// `census close`: the epochs frozen, in order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CensusClosings {
    /// The society's name.
    #[serde(skip)]
    pub society: String,
    /// What was closed.
    pub closed: Vec<CensusClosed>,
    /// The next epoch to close.
    pub next_epoch: u32,
    /// Today's epoch, still open.
    pub open_epoch: u32,
}

impl fmt::Display for CensusClosings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.closed.is_empty() {
            return write!(
                f,
                "{}: nothing to close; epoch {} is still open",
                self.society, self.open_epoch
            );
        }
        let rows: Vec<Vec<String>> = self
            .closed
            .iter()
            .map(|c| {
                vec![
                    c.epoch.to_string(),
                    if c.figures_kept {
                        c.present.to_string()
                    } else {
                        "not kept".into()
                    },
                    c.person_days.to_string(),
                    c.hash.chars().take(16).collect(),
                    c.signature.clone(),
                ]
            })
            .collect();
        write!(
            f,
            "✓ {}: closed {} census epoch(s)\n{}",
            self.society,
            self.closed.len(),
            table(
                &["epoch", "present", "person-days", "hash", "signature"],
                &rows
            )
        )?;
        if self.next_epoch < self.open_epoch {
            write!(
                f,
                "\n  epochs {} to {} are over too: run `netstate census close` again",
                self.next_epoch,
                self.open_epoch - 1
            )?;
        }
        Ok(())
    }
}
