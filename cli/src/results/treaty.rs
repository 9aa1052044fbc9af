//! Results of `treaty …`.

use std::fmt;

use netstate_client::describe::treaty_terms;
use netstate_client::{FastTrack, Treaty, TreatyStatus, TreatyTerms};
use serde::Serialize;

use crate::output::{date, table};

/// A treaty's terms by stable names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermsView {
    /// Citizens may visit each other's hubs.
    pub visits: bool,
    /// `none`, `immediate` or `sponsors`.
    pub fast_track: &'static str,
    /// The sponsors a partner citizen counts as (`sponsors` only).
    pub sponsors: Option<u8>,
    /// Notice period of a withdrawal, seconds.
    pub notice_secs: u32,
    /// In words.
    pub text: String,
}

impl From<&TreatyTerms> for TermsView {
    fn from(t: &TreatyTerms) -> Self {
        let (fast_track, sponsors) = match t.fast_track {
            FastTrack::None => ("none", None),
            FastTrack::Immediate => ("immediate", None),
            FastTrack::Sponsors { count } => ("sponsors", Some(count)),
        };
        Self {
            visits: t.visits,
            fast_track,
            sponsors,
            notice_secs: t.notice_secs,
            text: treaty_terms(t),
        }
    }
}

/// Where a treaty stands, by a stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TreatyState {
    /// Offered, waiting for the partner's ratification.
    Offered,
    /// Ratified and holding.
    InForce,
    /// Ratified and withdrawn, serving its notice.
    EndingAfterNotice,
    /// Over: an offer withdrawn or a withdrawal's notice served.
    Ended,
}

impl TreatyState {
    /// Where `t` stands at unix time `now`.
    pub fn of(t: &Treaty, now: i64) -> Self {
        match t.status {
            TreatyStatus::Proposed => TreatyState::Offered,
            TreatyStatus::Withdrawn => TreatyState::Ended,
            TreatyStatus::Ratified if t.ended(now) => TreatyState::Ended,
            TreatyStatus::Ratified if t.ends_at != 0 => TreatyState::EndingAfterNotice,
            TreatyStatus::Ratified => TreatyState::InForce,
        }
    }
}

impl fmt::Display for TreatyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TreatyState::Offered => "offered",
            TreatyState::InForce => "in force",
            TreatyState::EndingAfterNotice => "ending after its notice",
            TreatyState::Ended => "ended",
        })
    }
}

/// `treaty show`, and one row of `treaty list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreatyView {
    /// The Treaty account.
    pub address: String,
    /// The other society's name (its address when it cannot be read).
    pub partner: String,
    /// The other society's address.
    pub partner_address: String,
    /// Which side offered the current terms: `us` or `them`.
    pub offered_by: &'static str,
    /// Where it stands.
    pub state: TreatyState,
    /// The terms.
    pub terms: TermsView,
    /// When it was ratified (null before).
    pub ratified_at: Option<String>,
    /// When a withdrawal ends it (null while none).
    pub ends_at: Option<String>,
    /// Visits made under it.
    pub visits: u64,
}

impl fmt::Display for TreatyView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = vec![
            vec![
                "partner".into(),
                format!("{} ({})", self.partner, self.partner_address),
            ],
            vec!["state".into(), self.state.to_string()],
            vec!["offered by".into(), self.offered_by.into()],
            vec!["terms".into(), self.terms.text.clone()],
            vec![
                "ratified".into(),
                self.ratified_at.clone().unwrap_or_else(|| "-".into()),
            ],
            vec![
                "ends".into(),
                self.ends_at.clone().unwrap_or_else(|| "-".into()),
            ],
            vec!["visits".into(), self.visits.to_string()],
            vec!["account".into(), self.address.clone()],
        ];
        write!(f, "{}", table(&["treaty", ""], &rows))
    }
}

impl TreatyView {
    /// `t` at `address`, seen from `us`, with the partner's name, at unix time `now`.
    pub fn new(
        address: String,
        t: &Treaty,
        us: &anchor_lang::prelude::Pubkey,
        partner_name: String,
        now: i64,
    ) -> Self {
        let partner = if t.first == *us { t.second } else { t.first };
        Self {
            address,
            partner: partner_name,
            partner_address: partner.to_string(),
            offered_by: if t.proposed_by == *us { "us" } else { "them" },
            state: TreatyState::of(t, now),
            terms: TermsView::from(&t.terms),
            ratified_at: (t.ratified_at != 0).then(|| date(t.ratified_at)),
            ends_at: (t.ends_at != 0).then(|| date(t.ends_at)),
            visits: t.visit_count,
        }
    }
}

/// `treaty list`: a table of partners, or a JSON array.
pub fn treaty_list(views: Vec<TreatyView>) -> super::Listed<TreatyView> {
    super::Listed {
        items: views,
        header: &["partner", "state", "terms", "visits"],
        row: |t| {
            vec![
                t.partner.clone(),
                t.state.to_string(),
                t.terms.text.clone(),
                t.visits.to_string(),
            ]
        },
        empty: "No treaties: offer one with `netstate treaty propose PARTNER`".into(),
    }
}
