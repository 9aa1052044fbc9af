//! Results of `node …` and `check-in`.

use std::fmt;

use anchor_lang::prelude::Pubkey;
use netstate_client::Node;
use serde::Serialize;

use crate::output::{date, units};

/// Micro-degrees as degrees, exactly (`-9.139337`).
pub fn degrees(microdeg: i32) -> String {
    let sign = if microdeg < 0 { "-" } else { "" };
    format!("{sign}{}", units(u64::from(microdeg.unsigned_abs()), 6))
}

/// A hub's state by a stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HubStatus {
    /// Open for check-ins.
    Active,
    /// Retired by the society.
    Retired,
}

impl fmt::Display for HubStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HubStatus::Active => "active",
            HubStatus::Retired => "retired",
        })
    }
}

/// `node show`, and one row of `node list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubView {
    /// The Node account.
    pub address: String,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude, micro-degrees as stored.
    pub latitude_microdeg: i32,
    /// Longitude, micro-degrees as stored.
    pub longitude_microdeg: i32,
    /// The door's key.
    pub operator: String,
    /// Active or retired.
    pub status: HubStatus,
    /// Whether it is active (the same as `status`, for older scripts).
    pub active: bool,
    /// Check-ins ever.
    pub check_ins: u64,
    /// Members who ever checked in.
    pub residents: u32,
    /// When it was registered.
    pub registered_at: i64,
    /// When it was retired.
    pub retired_at: Option<i64>,
    /// Its budget in words, when it has one (`node show` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<String>,
}

impl HubView {
    /// The hub at `address`.
    pub fn new(address: &Pubkey, n: &Node) -> Self {
        HubView {
            address: address.to_string(),
            code: n.code.clone(),
            name: n.name.clone(),
            country: String::from_utf8_lossy(&n.country).into_owned(),
            latitude_microdeg: n.latitude_microdeg,
            longitude_microdeg: n.longitude_microdeg,
            operator: n.operator.to_string(),
            status: if n.active {
                HubStatus::Active
            } else {
                HubStatus::Retired
            },
            active: n.active,
            check_ins: n.check_in_count,
            residents: n.resident_count,
            registered_at: n.registered_at,
            retired_at: super::when(n.retired_at),
            budget: None,
        }
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.code.clone(),
            self.name.clone(),
            self.country.clone(),
            self.status.to_string(),
            self.check_ins.to_string(),
        ]
    }
}

impl fmt::Display for HubView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}) {}\n  country:   {}\n  location:  {}, {}\n  operator:  {}\n  check-ins: {} by {} residents\n  since:     {}",
            self.name,
            self.code,
            self.status,
            self.country,
            degrees(self.latitude_microdeg),
            degrees(self.longitude_microdeg),
            self.operator,
            self.check_ins,
            self.residents,
            date(self.registered_at),
        )?;
        match &self.budget {
            Some(budget) => write!(
                f,
                "\n  budget:    {budget} (`netstate node budget {}`)",
                self.code
            ),
            None => Ok(()),
        }
    }
}

/// `node list`.
pub fn hub_list(all: &[(Pubkey, Node)]) -> super::Listed<HubView> {
    super::Listed {
        items: all.iter().map(|(a, n)| HubView::new(a, n)).collect(),
        header: &["CODE", "NAME", "COUNTRY", "STATUS", "CHECK-INS"],
        row: HubView::row,
        empty: "No hubs yet: `netstate node register` adds one.".into(),
    }
}

/// A hub registered or retired by the steward.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "camelCase")]
pub enum HubChange {
    /// Registered.
    Registered {
        /// Its code.
        code: String,
        /// Its name.
        name: String,
    },
    /// Retired.
    Retired {
        /// Its code.
        code: String,
    },
    /// Handed to a new operator key.
    #[serde(rename_all = "camelCase")]
    OperatorChanged {
        /// Its code.
        code: String,
        /// The new operator.
        operator: String,
        /// The operator before.
        previous_operator: String,
        /// Whether the old key's tickets stopped counting at once.
        previous_revoked: bool,
    },
}

impl fmt::Display for HubChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HubChange::Registered { code, name } => write!(f, "Registered hub {code} ({name})."),
            HubChange::Retired { code } => write!(f, "Retired hub {code}."),
            HubChange::OperatorChanged {
                code,
                operator,
                previous_revoked,
                ..
            } => write!(
                f,
                "Hub {code}'s door is now {operator}; the old key's tickets {}.",
                if *previous_revoked {
                    "no longer count"
                } else {
                    "still count for days before today"
                }
            ),
        }
    }
}

/// `check-in`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedIn {
    /// The hub's code.
    pub code: String,
    /// Who checked in.
    pub member: String,
}

impl fmt::Display for CheckedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Checked in at {}.", self.code)
    }
}

/// `node prove-residency`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResidencyProof {
    /// The hub's code.
    pub hub: String,
    /// Whose presence.
    pub wallet: String,
    /// Distinct days present.
    pub days_present: u32,
    /// The days asked for.
    pub min_days: u32,
    /// The window counted (the last N days), or `null` for every day.
    pub window_days: Option<u32>,
    /// Whether the program accepted the proof (a refusal is an error, so always true here).
    pub proven: bool,
}

impl fmt::Display for ResidencyProof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let within = match self.window_days {
            Some(w) => format!(" of the last {w}"),
            None => String::new(),
        };
        write!(
            f,
            "{} was present at {} on {} day(s){within}: at least {}, proven.",
            self.wallet, self.hub, self.days_present, self.min_days
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_are_exact() {
        assert_eq!(degrees(-9_139_337), "-9.139337");
        assert_eq!(degrees(38_722_252), "38.722252");
        assert_eq!(degrees(0), "0");
        assert_eq!(degrees(i32::MIN), "-2147.483648");
    }
}
