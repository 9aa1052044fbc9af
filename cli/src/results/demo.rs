//! The result of `netstate demo`.

use std::fmt;

use serde::Serialize;

use super::TokenAmount;
use super::proposal::Status;
use crate::output::{sol, table};

/// One step of the story: said, or sent with its signature.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// What happened.
    pub step: String,
    /// The transaction, when one was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// The grant proposal at the end of the story.
#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    /// Where it stands.
    pub status: Status,
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
}

/// One hub at the end of the story.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubCheckIns {
    /// Its code.
    pub code: String,
    /// Check-ins there.
    pub check_ins: u64,
}

/// `netstate demo`: the steps (already printed as they ran) and the society after them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    /// Every step, in order.
    pub steps: Vec<Step>,
    /// The Society account.
    pub society: String,
    /// The society's name.
    #[serde(skip)]
    pub name: String,
    /// Citizens.
    pub citizens: u32,
    /// Hubs.
    pub nodes: u32,
    /// The treasury's SOL.
    pub treasury_lamports: u64,
    /// The treasury's tokens.
    pub treasury_tokens: Vec<TokenAmount>,
    /// The grant proposal.
    pub proposal: Grant,
    /// The hub whose operator received the grant.
    pub grant_hub: String,
    /// What its operator received.
    pub grant_received_lamports: u64,
    /// Check-ins per hub.
    pub hubs: Vec<HubCheckIns>,
    /// Where the map of the society was written.
    pub map: String,
    /// The ledger kept with --ledger, if any.
    pub ledger: Option<String>,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tokens: Vec<String> = self.treasury_tokens.iter().map(|t| t.to_string()).collect();
        let mut rows = vec![
            vec![
                "society".to_string(),
                format!(
                    "{} ({} citizens, {} hubs)",
                    self.name, self.citizens, self.nodes
                ),
            ],
            vec!["treasury SOL".to_string(), sol(self.treasury_lamports)],
            vec!["treasury tokens".to_string(), tokens.join(", ")],
            vec![
                "proposal #0".to_string(),
                format!(
                    "{}: {} yes, {} no",
                    self.proposal.status, self.proposal.yes, self.proposal.no
                ),
            ],
            vec![
                format!("{} operator received", self.grant_hub),
                sol(self.grant_received_lamports),
            ],
        ];
        rows.extend(self.hubs.iter().map(|h| {
            vec![
                format!("hub {}", h.code),
                crate::output::count(h.check_ins, "check-in"),
            ]
        }));
        write!(
            f,
            "\n{}\n\nThe map of its hubs: {}",
            table(&["", "THE SOLAR STATE, AFTER ITS FIRST GRANT"], &rows),
            self.map
        )?;
        if let Some(ledger) = &self.ledger {
            write!(
                f,
                "\nIts ledger is kept in {ledger}: `netstate localnet --ledger {ledger}`, then `netstate -u localhost --society \"The Solar State\" dashboard`."
            )?;
        }
        Ok(())
    }
}
