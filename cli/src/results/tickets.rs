//! Results of `door ticket`, `check-in redeem` and `door sync`.

use std::fmt;

use serde::Serialize;

/// `door ticket`: a signed offline ticket.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketIssued {
    /// The signed ticket, base58: what the member redeems.
    pub ticket: String,
    /// Whose presence.
    pub wallet: String,
    /// The hub's code.
    pub hub: String,
    /// The society's name.
    pub society: String,
    /// The UTC day, `YYYY-MM-DD`.
    pub day: String,
    /// Whose clock gave the day: `--day`, the cluster's, or this machine's when the
    /// cluster did not answer.
    pub day_from: String,
    /// The queue file it was appended to, if any.
    pub queued_in: Option<String>,
}

impl fmt::Display for TicketIssued {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Ticket: {} was at hub {} of {} on {} (by {}).",
            self.wallet, self.hub, self.society, self.day, self.day_from
        )?;
        if let Some(qr) = terminal_qr(&self.ticket) {
            writeln!(f, "{qr}")?;
        }
        write!(
            f,
            "{}\nRedeem it with: netstate check-in redeem {}",
            self.ticket, self.ticket
        )?;
        if let Some(queue) = &self.queued_in {
            write!(f, "\nQueued in {queue} for `netstate door sync`.")?;
        }
        Ok(())
    }
}

/// `text` as a QR code drawn with Unicode half blocks (for a terminal), light on dark
/// inverted so it scans on dark and light themes alike; `None` when it does not fit.
pub fn terminal_qr(text: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// A ticket the program or the CLI refused, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Refused {
    /// The ticket as given.
    pub ticket: String,
    /// Why, in a sentence (with the program's error name when it refused).
    pub reason: String,
}

/// `check-in redeem` and `door sync`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redeemed {
    /// Tickets whose day was newly counted.
    pub counted: usize,
    /// Tickets whose day was counted already (by a check-in or an earlier redemption).
    pub already_counted: usize,
    /// Tickets refused, with the reason.
    pub refused: Vec<Refused>,
    /// The transactions sent.
    pub signatures: Vec<String>,
    /// The queue file rewritten with only the refused tickets (`door sync`).
    pub queue: Option<String>,
}

impl fmt::Display for Redeemed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.signatures.is_empty()
            && self.refused.is_empty()
            && self.counted == 0
            && let (Some(queue), 0) = (&self.queue, self.already_counted)
        {
            return write!(f, "Nothing to redeem: the queue {queue} holds no ticket.");
        }
        write!(
            f,
            "Redeemed {} ticket(s): {} day(s) newly counted, {} already counted, in {} transaction(s).",
            self.counted + self.already_counted,
            self.counted,
            self.already_counted,
            self.signatures.len()
        )?;
        for r in &self.refused {
            let short: String = r.ticket.chars().take(16).collect();
            write!(f, "\n  refused {short}…: {}", r.reason)?;
        }
        if let Some(queue) = &self.queue {
            if self.refused.is_empty() {
                write!(f, "\nThe queue {queue} is empty now.")?;
            } else {
                write!(
                    f,
                    "\nThe queue {queue} keeps the {} refused ticket(s).",
                    self.refused.len()
                )?;
            }
        }
        for s in &self.signatures {
            write!(f, "\n  signature: {s}")?;
        }
        Ok(())
    }
}
