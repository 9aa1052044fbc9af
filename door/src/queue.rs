//! The door's queue of offline tickets: one base58 ticket per line in a file, appended to
//! when the kiosk signs a ticket because the chain cannot be reached, and redeemed by the
//! door itself once the chain answers again (the operator's key pays), so that nobody has to
//! remember `netstate door sync`. A ticket the program refuses stays in the file, for
//! `door sync` to name the reason, and is not sent again by this door.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use netstate_client::tickets::SignedTicket;
use netstate_client::{ClientError, NetstateClient, Residency, pda};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::DoorError;

/// Seconds between two looks at the queue while the door serves.
pub const REDEEM_EVERY_SECS: u64 = 30;

/// A queue file and what this door learnt about its tickets.
#[derive(Debug)]
pub struct TicketQueue {
    path: PathBuf,
    /// Held while the file is read and rewritten, so that a ticket appended meanwhile is
    /// neither lost nor redeemed twice.
    file: tokio::sync::Mutex<()>,
    /// Tickets the program refused: kept in the file, not sent again.
    refused: std::sync::Mutex<HashSet<String>>,
}

/// What one pass over the queue did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct QueueRedeemed {
    /// Tickets whose day was newly counted.
    pub counted: usize,
    /// Tickets whose day was counted already (a check-in, or an earlier redemption).
    pub already_counted: usize,
    /// Tickets left in the file: refused, or not tried because the chain stopped answering.
    pub left: usize,
}

impl TicketQueue {
    /// The queue kept in `path` (created at the first ticket).
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            file: tokio::sync::Mutex::new(()),
            refused: std::sync::Mutex::new(HashSet::new()),
        }
    }

    /// Where the queue is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The tickets in the file, in order.
    fn read(&self) -> Vec<String> {
        std::fs::read_to_string(&self.path)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Appends `text` unless it is queued already (the same wallet and day make the same
    /// ticket: a page reloaded queues it once).
    pub async fn append(&self, text: &str) -> Result<(), DoorError> {
        let _held = self.file.lock().await;
        if self.read().iter().any(|line| line == text) {
            return Ok(());
        }
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)?;
            writeln!(file, "{text}")
        };
        write().map_err(|e| {
            DoorError::Cluster(format!(
                "cannot write the ticket queue {}: {e}",
                self.path.display()
            ))
        })
    }

    /// Sends every queued ticket not refused before, one per transaction, `operator`
    /// paying; removes from the file those that counted (or had counted already). Stops
    /// at the first sign that the chain does not answer, leaving the rest for next time.
    pub async fn redeem(
        &self,
        client: &NetstateClient,
        operator: &Keypair,
    ) -> Result<QueueRedeemed, DoorError> {
        let mut done = QueueRedeemed::default();
        let mut settled: HashSet<String> = HashSet::new();
        let refused = |text: &str| {
            self.refused
                .lock()
                .map(|r| r.contains(text))
                .unwrap_or(false)
        };
        let pending: Vec<String> = self.read().into_iter().filter(|t| !refused(t)).collect();
        for text in pending {
            let Ok(ticket) = SignedTicket::from_base58(&text) else {
                self.refuse(&text);
                continue;
            };
            let t = ticket.ticket;
            let residency = pda::residency(client.program_id(), &t.node, &t.wallet).0;
            match client.account::<Residency>(&residency).await {
                Ok(r) if r.was_present(t.day) => {
                    done.already_counted += 1;
                    settled.insert(text);
                    continue;
                }
                Ok(_) | Err(ClientError::AccountNotFound(_)) => {}
                // The chain does not answer: try again later.
                Err(_) => break,
            }
            match client
                .send(&ticket.redeem(&operator.pubkey()), operator, &[])
                .await
            {
                Ok(_) => {
                    done.counted += 1;
                    settled.insert(text);
                }
                Err(ClientError::Rpc(_)) => break,
                Err(_) => self.refuse(&text),
            }
        }
        let _held = self.file.lock().await;
        let left: Vec<String> = self
            .read()
            .into_iter()
            .filter(|line| !settled.contains(line))
            .collect();
        done.left = left.len();
        if !settled.is_empty() {
            let body: String = left.iter().map(|line| format!("{line}\n")).collect();
            std::fs::write(&self.path, body).map_err(|e| {
                DoorError::Cluster(format!(
                    "cannot rewrite the ticket queue {}: {e}",
                    self.path.display()
                ))
            })?;
        }
        Ok(done)
    }

    fn refuse(&self, text: &str) {
        if let Ok(mut refused) = self.refused.lock() {
            refused.insert(text.to_string());
        }
    }
}
