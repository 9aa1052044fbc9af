//! Results of `society …`.

use std::fmt;

use anchor_lang::prelude::Pubkey;
use netstate_client::{AdmissionPolicy, GovernanceParams, Society};
use serde::Serialize;

use crate::output::date;

/// How a society admits members: a stable name, its parameter, and the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Admission {
    /// `open`, `vetted` or `sponsored`.
    pub kind: AdmissionKind,
    /// Sponsors an applicant needs (`sponsored` only).
    pub sponsors_required: Option<u8>,
    /// Days of presence (of the last 128) an applicant needs (`presence` only).
    pub days_required: Option<u8>,
    /// In words.
    pub text: String,
}

/// The admission policies by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AdmissionKind {
    /// Anyone who applies is a citizen.
    Open,
    /// The steward, later proposals, admit applicants.
    Vetted,
    /// Citizens sponsor applicants.
    Sponsored,
    /// Applicants present at the hubs on enough days claim citizenship.
    Presence,
}

impl From<&AdmissionPolicy> for Admission {
    fn from(policy: &AdmissionPolicy) -> Self {
        let (kind, sponsors_required, days_required) = match policy {
            AdmissionPolicy::Open => (AdmissionKind::Open, None, None),
            AdmissionPolicy::Vetted => (AdmissionKind::Vetted, None, None),
            AdmissionPolicy::Sponsored { sponsors_required } => {
                (AdmissionKind::Sponsored, Some(*sponsors_required), None)
            }
            AdmissionPolicy::Presence { days_required } => {
                (AdmissionKind::Presence, None, Some(*days_required))
            }
        };
        let text = netstate_client::describe::admission(policy);
        Admission {
            kind,
            sponsors_required,
            days_required,
            text,
        }
    }
}

impl fmt::Display for Admission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Governance parameters as stored, with their sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Governance {
    /// Votes cast (yes, no, abstain) as a share of eligible citizens, basis points.
    pub quorum_bps: u16,
    /// Yes as a share of yes + no, basis points.
    pub approval_bps: u16,
    /// Voting period, seconds.
    pub voting_period_secs: u32,
    /// Timelock between passing and execution, seconds.
    pub execution_delay_secs: u32,
    /// How long a passed proposal stays executable, seconds.
    pub execution_window_secs: u32,
    /// Open proposals per citizen.
    pub max_open_proposals_per_citizen: u8,
    /// Yes as a share of yes + no that constitutional actions need, basis points.
    pub supermajority_bps: u16,
    /// Quorum of constitutional actions, basis points.
    pub supermajority_quorum_bps: u16,
    /// In words.
    pub text: String,
}

impl From<&GovernanceParams> for Governance {
    fn from(g: &GovernanceParams) -> Self {
        Governance {
            quorum_bps: g.quorum_bps,
            approval_bps: g.approval_bps,
            voting_period_secs: g.voting_period_secs,
            execution_delay_secs: g.execution_delay_secs,
            execution_window_secs: g.execution_window_secs,
            max_open_proposals_per_citizen: g.max_open_proposals_per_citizen,
            supermajority_bps: g.supermajority_bps,
            supermajority_quorum_bps: g.supermajority_quorum_bps,
            text: governance_text(g),
        }
    }
}

impl fmt::Display for Governance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Governance parameters in words.
pub use netstate_client::describe::governance as governance_text;

/// `society show`, and one row of `society list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocietyView {
    /// The Society account.
    pub address: String,
    /// Its name.
    pub name: String,
    /// The steward, while there is one.
    pub steward: Option<String>,
    /// Who founded it.
    pub founder: String,
    /// Where the constitution lives.
    pub constitution_uri: String,
    /// The constitution's SHA-256, hex, when recorded.
    pub constitution_sha256: Option<String>,
    /// How it admits members.
    pub admission: Admission,
    /// How proposals are decided.
    pub governance: Governance,
    /// Members of any status.
    pub members: u32,
    /// Citizens.
    pub citizens: u32,
    /// Hubs ever registered.
    pub nodes: u32,
    /// Hubs not retired.
    pub active_nodes: u32,
    /// Proposals ever created.
    pub proposals: u64,
    /// When it was founded.
    pub created_at: i64,
    /// Its contribution token, once created.
    pub contribution_mint: Option<String>,
    /// Its event sequence number.
    pub seq: u64,
    /// Its dues in words ("none" when it charges none).
    pub dues: String,
    /// Its dues as stored.
    pub dues_terms: DuesView,
}

/// A society's dues as stored.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuesView {
    /// Base units per period (lamports for SOL); 0: none.
    pub amount: u64,
    /// The token, or none for SOL.
    pub mint: Option<String>,
    /// Seconds of a period.
    pub period_secs: u32,
    /// Seconds of grace.
    pub grace_secs: u32,
    /// When they took effect.
    pub since: i64,
}

impl SocietyView {
    /// The society at `address`.
    pub fn new(address: &Pubkey, s: &Society) -> Self {
        SocietyView {
            address: address.to_string(),
            name: s.name.clone(),
            steward: s.steward.map(|k| k.to_string()),
            founder: s.founder.to_string(),
            constitution_uri: s.constitution_uri.clone(),
            constitution_sha256: (s.constitution_hash != [0; 32])
                .then(|| crate::digest::hex(&s.constitution_hash)),
            admission: Admission::from(&s.admission),
            governance: Governance::from(&s.governance),
            members: s.member_count,
            citizens: s.citizen_count,
            nodes: s.node_count,
            active_nodes: s.active_node_count,
            proposals: s.proposal_count,
            created_at: s.created_at,
            contribution_mint: s.contribution_mint.map(|k| k.to_string()),
            seq: s.seq,
            dues: netstate_client::describe::dues(&s.dues),
            dues_terms: DuesView {
                amount: s.dues.amount,
                mint: s.dues.mint.map(|m| m.to_string()),
                period_secs: s.dues.period_secs,
                grace_secs: s.dues.grace_secs,
                since: s.dues.since,
            },
        }
    }

    /// Its row in `society list`.
    pub fn row(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.citizens.to_string(),
            self.nodes.to_string(),
            self.proposals.to_string(),
            date(self.created_at),
        ]
    }
}

impl fmt::Display for SocietyView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let constitution = match &self.constitution_sha256 {
            Some(hash) => format!("{} (sha256 {hash})", self.constitution_uri),
            None => format!("{} (no hash recorded)", self.constitution_uri),
        };
        write!(
            f,
            "{}\n  address:      {}\n  constitution: {constitution}\n  admission:    {}\n  governance:   {}\n  dues:         {}\n  steward:      {}\n  members:      {} ({} citizens)\n  nodes:        {} ({} active)\n  proposals:    {}\n  founded:      {}",
            self.name,
            self.address,
            self.admission,
            self.governance,
            self.dues,
            self.steward
                .as_deref()
                .unwrap_or("none (governed by proposals)"),
            self.members,
            self.citizens,
            self.nodes,
            self.active_nodes,
            self.proposals,
            date(self.created_at),
        )
    }
}

/// `society list`.
pub type SocietyList = super::Listed<SocietyView>;

/// `society list` from the accounts found.
pub fn society_list(all: &[(Pubkey, Society)]) -> SocietyList {
    super::Listed {
        items: all.iter().map(|(a, s)| SocietyView::new(a, s)).collect(),
        header: &["NAME", "CITIZENS", "NODES", "PROPOSALS", "FOUNDED"],
        row: SocietyView::row,
        empty: "No societies yet: found one with `netstate society create`.".into(),
    }
}

/// `society create`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Founded {
    /// The Society account.
    pub society: String,
    /// Its name.
    pub name: String,
}

impl fmt::Display for Founded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Founded {:?} at {}; you are its first citizen and steward.",
            self.name, self.society
        )
    }
}

/// `society renounce-steward`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StewardRenounced {
    /// The Society account.
    pub society: String,
    /// Its name.
    pub name: String,
    /// The steward now: none.
    pub steward: Option<String>,
}

impl fmt::Display for StewardRenounced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} governs itself now: the steward's powers belong to proposals.",
            self.name
        )
    }
}

/// `society set-dues`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuesChanged {
    /// The Society account.
    pub society: String,
    /// Its name.
    pub name: String,
    /// The dues now, in words.
    pub dues: String,
}

impl fmt::Display for DuesChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}'s dues are now: {}.", self.name, self.dues)?;
        if self.dues != "none" {
            write!(
                f,
                " Every citizen owes them from now, the steward too: `netstate member pay-dues`."
            )?;
        }
        Ok(())
    }
}

/// `society use`.
#[derive(Debug, Clone, Serialize)]
pub struct DefaultSociety {
    /// The society's name.
    pub society: String,
}

impl fmt::Display for DefaultSociety {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Default society: {}", self.society)
    }
}

/// One account `society upgrade` rewrote.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpgradedAccount {
    /// Its address.
    pub address: String,
    /// Its type (`Node`).
    pub kind: String,
    /// The layout it was in.
    pub from_version: u8,
    /// The layout it is in now.
    pub to_version: u8,
    /// The transaction.
    pub signature: String,
}

/// `society upgrade`: the accounts rewritten in the current layout (none when all were).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountsUpgraded {
    /// The Society PDA.
    pub society: String,
    /// Its name.
    pub name: String,
    /// What was upgraded.
    pub upgraded: Vec<UpgradedAccount>,
}

impl fmt::Display for AccountsUpgraded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.upgraded.is_empty() {
            return write!(
                f,
                "✓ Every account of {} is in the current layout: nothing to upgrade.",
                self.name
            );
        }
        write!(
            f,
            "✓ {}: upgraded {} account(s) to the current layout",
            self.name,
            self.upgraded.len()
        )?;
        for a in &self.upgraded {
            write!(
                f,
                "\n  {} {}: layout {} → {}  (signature {})",
                a.kind, a.address, a.from_version, a.to_version, a.signature
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admission_is_a_name_with_its_sentence_apart() {
        let json = serde_json::to_value(Admission::from(&AdmissionPolicy::Sponsored {
            sponsors_required: 2,
        }))
        .unwrap();
        assert_eq!(json["kind"], "sponsored");
        assert_eq!(json["sponsorsRequired"], 2);
        assert_eq!(json["text"], "sponsored by 2 citizens");
        let open = serde_json::to_value(Admission::from(&AdmissionPolicy::Open)).unwrap();
        assert_eq!(open["kind"], "open");
        assert!(open["sponsorsRequired"].is_null());
    }
}
