//! Results of `netstate door`.

use std::fmt;

use serde::Serialize;

/// Printed when the door opens: where the kiosk and the Solana Pay link are.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoorOpened {
    /// The hub's code.
    pub hub: String,
    /// The hub's name.
    pub name: String,
    /// The society's name.
    pub society: String,
    /// The door's key (the hub's operator).
    pub operator: String,
    /// The kiosk page.
    pub kiosk: String,
    /// What wallets scan.
    pub solana_pay: String,
    /// The daily fee budget when the door pays fees; `null` when members pay their own.
    pub fee_budget_lamports: Option<u64>,
    /// Where offline tickets are queued for `door sync`.
    pub ticket_queue: String,
}

impl fmt::Display for DoorOpened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fees = match self.fee_budget_lamports {
            Some(budget) => format!(
                "paid by the door, at most {} a day",
                crate::output::sol(budget)
            ),
            None => "paid by each member".to_string(),
        };
        write!(
            f,
            "Door of hub {} ({}, {}) is open.\n  kiosk:      {}\n  Solana Pay: {}\n  operator:   {}\n  fees:       {fees}\n  tickets:    {} (offline check-ins, for `netstate door sync`)\nCtrl-C closes it.",
            self.hub,
            self.name,
            self.society,
            self.kiosk,
            self.solana_pay,
            self.operator,
            self.ticket_queue
        )
    }
}

/// Printed when the door closes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoorClosed {
    /// The hub's code.
    pub hub: String,
    /// Check-ins the door signed while it was open.
    pub check_ins_signed: u64,
}

impl fmt::Display for DoorClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Door of hub {} closed after signing {} check-in(s).",
            self.hub, self.check_ins_signed
        )
    }
}
