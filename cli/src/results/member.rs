//! Results of `member …`.

use std::fmt;

use anchor_lang::prelude::Pubkey;
use netstate_client::{AdmissionPolicy, Member, MemberStatus};
use serde::Serialize;

use crate::output::date;

/// An applicant's progress towards admission ("1 of 2 sponsors"); `None` for others.
pub fn progress(m: &Member, admission: &AdmissionPolicy, today: u32) -> Option<String> {
    match (m.status, admission) {
        (MemberStatus::Applicant, AdmissionPolicy::Presence { days_required }) => {
            let present = m.days_within(today, netstate_client::constants::RECENT_DAYS);
            Some(if present >= u32::from(*days_required) {
                format!(
                    "{present} of {days_required} days present: claim citizenship with `netstate member claim-citizenship`"
                )
            } else {
                format!("{present} of {days_required} days present at the society's hubs")
            })
        }
        (MemberStatus::Applicant, AdmissionPolicy::Sponsored { sponsors_required }) => Some(
            format!("{} of {sponsors_required} sponsors", m.sponsor_count),
        ),
        (MemberStatus::Applicant, _) => {
            Some("waiting for admission by the steward or a proposal".into())
        }
        (MemberStatus::Lapsed, _) => {
            Some("dues lapsed: a citizen again once paid (`netstate member pay-dues`)".into())
        }
        _ => None,
    }
}

/// `member show`, and one row of `member list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    /// The Member account.
    pub address: String,
    /// The member's wallet.
    pub wallet: String,
    /// Their handle.
    pub handle: String,
    /// Their standing.
    pub status: MemberStatus,
    /// Their standing in a sentence, with an applicant's progress.
    pub status_text: String,
    /// An applicant's progress towards admission.
    pub progress: Option<String>,
    /// When they applied.
    pub joined_at: i64,
    /// When they were admitted.
    pub admitted_at: Option<i64>,
    /// Sponsorships received.
    pub sponsors: u8,
    /// Check-ins at hubs.
    pub check_ins: u32,
    /// Distinct days present at any of the society's hubs in the last 30 (today included).
    pub days_present_last_30: u32,
    /// Their proposals still open.
    pub open_proposals: u8,
    /// When their dues are paid until (none when never paid).
    pub paid_until: Option<i64>,
}

impl MemberView {
    /// The member at `address` of a society admitting by `admission`.
    pub fn new(address: &Pubkey, m: &Member, admission: &AdmissionPolicy, today: u32) -> Self {
        let status = m.status;
        let word = netstate_client::describe::standing(status);
        let progress = progress(m, admission, today);
        MemberView {
            address: address.to_string(),
            wallet: m.wallet.to_string(),
            handle: m.handle.clone(),
            status,
            status_text: match &progress {
                Some(p) => format!("{word} ({p})"),
                None => word.to_string(),
            },
            progress,
            joined_at: m.joined_at,
            admitted_at: super::when(m.admitted_at),
            sponsors: m.sponsor_count,
            check_ins: m.check_in_count,
            days_present_last_30: m.days_within(today, 30),
            open_proposals: m.open_proposals,
            paid_until: super::when(m.paid_until),
        }
    }

    /// Its row in the members table: handle, standing, wallet, check-ins.
    pub fn row(&self) -> Vec<String> {
        vec![
            self.handle.clone(),
            self.status_text.clone(),
            self.wallet.clone(),
            self.check_ins.to_string(),
        ]
    }
}

impl fmt::Display for MemberView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})\n  wallet:    {}\n  joined:    {}\n  admitted:  {}\n  check-ins: {}\n  presence:  {} of the last 30 days",
            self.handle,
            netstate_client::describe::standing(self.status),
            self.wallet,
            date(self.joined_at),
            date(self.admitted_at.unwrap_or(0)),
            self.check_ins,
            self.days_present_last_30
        )?;
        if let Some(paid) = self.paid_until {
            write!(f, "\n  dues:      paid until {}", date(paid))?;
        }
        if let Some(progress) = &self.progress {
            write!(f, "\n  progress:  {progress}")?;
        }
        Ok(())
    }
}

/// `member list`.
pub fn member_list(
    all: &[(Pubkey, Member)],
    admission: &AdmissionPolicy,
    today: u32,
) -> super::Listed<MemberView> {
    super::Listed {
        items: all
            .iter()
            .map(|(a, m)| MemberView::new(a, m, admission, today))
            .collect(),
        header: &["HANDLE", "STATUS", "WALLET", "CHECK-INS"],
        row: MemberView::row,
        empty: "No members yet.".into(),
    }
}

/// `member list`: one page of members by handle, with where it sits in the whole list.
/// As JSON it is the page's array of members, as before paging.
#[derive(Debug)]
pub struct MemberPage {
    /// The page.
    pub listed: super::Listed<MemberView>,
    /// Members skipped before it.
    pub offset: usize,
    /// Members in the society.
    pub total: usize,
}

impl Serialize for MemberPage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.listed.serialize(serializer)
    }
}

impl fmt::Display for MemberPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total == 0 {
            return f.write_str("No members yet.");
        }
        let shown = self.listed.items.len();
        if shown == 0 {
            return write!(
                f,
                "No members past {}: the society has {}.",
                self.offset, self.total
            );
        }
        write!(f, "{}", self.listed)?;
        let (first, last) = (self.offset + 1, self.offset + shown);
        if first > 1 || last < self.total {
            write!(f, "\nmembers {first}-{last} of {}", self.total)?;
            if last < self.total {
                write!(f, "; next: --offset {last}")?;
            }
        }
        Ok(())
    }
}

/// `member list` by wallet: one page from a cursor, and the cursor of the next. As JSON it
/// is the page's array of members.
#[derive(Debug)]
pub struct WalletPage {
    /// The page.
    pub listed: super::Listed<MemberView>,
    /// The wallet to continue after (`--after`), when the page is full.
    pub next: Option<String>,
    /// Applicants and citizens in the society.
    pub members: u32,
}

impl Serialize for WalletPage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.listed.serialize(serializer)
    }
}

impl fmt::Display for WalletPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.listed.items.is_empty() {
            return f.write_str("No members after that wallet.");
        }
        write!(
            f,
            "{}\n{} members by wallet, of {} (by handle: --offset N, which reads every handle)",
            self.listed,
            self.listed.items.len(),
            self.members
        )?;
        if let Some(next) = &self.next {
            write!(f, "; next: --after {next}")?;
        }
        Ok(())
    }
}

/// A change of membership sent by `member apply|sponsor|admit|leave`.
#[derive(Debug, Clone, Serialize)]
#[serde(
    tag = "change",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Membership {
    /// Applied to the society.
    Applied {
        /// The Society account.
        society: String,
        /// The society's name.
        name: String,
        /// The handle applied with.
        handle: String,
        /// Whether the application made the wallet a citizen at once (open admission, or a
        /// treaty that admits directly), rather than an applicant.
        admitted: bool,
    },
    /// Sponsored an applicant.
    Sponsored {
        /// The Society account.
        society: String,
        /// The applicant.
        wallet: String,
    },
    /// Admitted an applicant (steward).
    Admitted {
        /// The Society account.
        society: String,
        /// The new citizen.
        wallet: String,
    },
    /// Became a citizen by presence.
    Claimed {
        /// The Society account.
        society: String,
        /// The society's name.
        name: String,
    },
    /// Left the society.
    Left {
        /// The Society account.
        society: String,
        /// The society's name.
        name: String,
    },
    /// Paid dues for a member.
    DuesPaid {
        /// The Society account.
        society: String,
        /// The society's name.
        name: String,
        /// The member paid for.
        wallet: String,
        /// Periods paid.
        periods: u32,
        /// Paid until, after.
        paid_until: i64,
        /// Whether it made a lapsed member a citizen again.
        restored: bool,
        /// The society's dues have ended: nothing was paid, a lapsed member came back.
        dues_ended: bool,
    },
    /// Marked a citizen lapsed.
    Lapsed {
        /// The Society account.
        society: String,
        /// The society's name.
        name: String,
        /// The lapsed member.
        wallet: String,
    },
}

impl fmt::Display for Membership {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Membership::Applied {
                name,
                handle,
                admitted: true,
                ..
            } => write!(f, "Joined {name} as {handle:?}: a citizen at once."),
            Membership::Applied { name, handle, .. } => write!(
                f,
                "Applied to {name} as {handle:?}: an applicant until admitted (`netstate member show`)."
            ),
            Membership::Sponsored { wallet, .. } => write!(f, "Sponsored {wallet}."),
            Membership::Admitted { wallet, .. } => {
                write!(f, "Admitted {wallet} as a citizen.")
            }
            Membership::Claimed { name, .. } => {
                write!(f, "Citizen of {name} by presence: earned at its hubs.")
            }
            Membership::Left { name, .. } => write!(f, "Left {name}."),
            Membership::DuesPaid {
                name,
                wallet,
                periods,
                paid_until,
                restored,
                dues_ended,
                ..
            } => {
                if *dues_ended {
                    return write!(
                        f,
                        "{name}'s dues have ended: nothing to pay. {wallet} is a citizen again (no vote on proposals made before now)."
                    );
                }
                write!(
                    f,
                    "Paid {periods} period(s) of {name}'s dues for {wallet}: paid until {}.",
                    date(*paid_until)
                )?;
                if *restored {
                    write!(
                        f,
                        " A citizen again (no vote on proposals made before now)."
                    )?;
                }
                Ok(())
            }
            Membership::Lapsed { name, wallet, .. } => write!(
                f,
                "Marked {wallet} lapsed in {name}: a citizen again once the dues are paid."
            ),
        }
    }
}

/// Days present at one hub, in `member residency`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubResidency {
    /// The hub's code.
    pub hub: String,
    /// Distinct UTC days checked in.
    pub days_present: u32,
    /// The first such day (`YYYY-MM-DD`, UTC).
    pub first_day: String,
    /// The last such day.
    pub last_day: String,
    /// Distinct days present in the last 30 (today included).
    pub days_last_30: u32,
}

impl HubResidency {
    /// `r` at the hub `code`.
    pub fn new(code: &str, r: &netstate_client::Residency, today: u32) -> Self {
        let day = |d: u32| date(i64::from(d) * 86_400)[..10].to_string();
        HubResidency {
            hub: code.to_string(),
            days_present: r.days_present,
            first_day: day(r.first_day),
            last_day: day(r.last_day),
            days_last_30: r.days_within(today, 30),
        }
    }
}

/// `member residency`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Residencies {
    /// Whose.
    pub wallet: String,
    /// The society's name.
    #[serde(skip)]
    pub society: String,
    /// One per hub checked in at.
    pub residencies: Vec<HubResidency>,
}

impl fmt::Display for Residencies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.residencies.is_empty() {
            return write!(
                f,
                "{} has not checked in at any hub of {} yet.",
                self.wallet, self.society
            );
        }
        let rows: Vec<Vec<String>> = self
            .residencies
            .iter()
            .map(|r| {
                vec![
                    r.hub.clone(),
                    r.days_present.to_string(),
                    r.days_last_30.to_string(),
                    r.first_day.clone(),
                    r.last_day.clone(),
                ]
            })
            .collect();
        f.write_str(&crate::output::table(
            &[
                "HUB",
                "DAYS PRESENT",
                "LAST 30 DAYS",
                "FIRST DAY",
                "LAST DAY",
            ],
            &rows,
        ))
    }
}

/// `member close-sponsorships`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SponsorshipsClosed {
    /// The society's name.
    #[serde(skip)]
    pub society: String,
    /// Sponsorship records closed.
    pub closed: usize,
    /// Rent returned to the sponsor.
    pub lamports: u64,
    /// The last transaction sent, if any was needed.
    pub signature: Option<String>,
}

impl fmt::Display for SponsorshipsClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.signature {
            None => write!(f, "No spent sponsorships of yours in {}.", self.society),
            Some(signature) => write!(
                f,
                "Closed {} spent sponsorship(s): {} back to you.\n  signature: {signature}",
                self.closed,
                crate::output::sol(self.lamports)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_changes_are_tagged_by_name() {
        let applied = |admitted| Membership::Applied {
            society: "S".into(),
            name: "Sun".into(),
            handle: "ana".into(),
            admitted,
        };
        let json = serde_json::to_value(applied(false)).unwrap();
        assert_eq!(json["change"], "applied");
        assert_eq!(json["handle"], "ana");
        assert_eq!(json["admitted"], false);
        // In words, what happened: admitted at once, or waiting as an applicant.
        assert_eq!(
            applied(true).to_string(),
            "Joined Sun as \"ana\": a citizen at once."
        );
        assert!(
            applied(false)
                .to_string()
                .starts_with("Applied to Sun as \"ana\": an applicant")
        );
        assert_eq!(
            serde_json::to_value(MemberStatus::Citizen).unwrap(),
            "citizen"
        );
    }
}
