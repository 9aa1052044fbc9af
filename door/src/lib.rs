//! # netstate-door
//!
//! A hub's door as an HTTP service, built on `netstate-client` (and a model of embedding it
//! in another tool). The door holds the hub operator's key; members keep theirs in their own
//! wallet:
//!
//! - `GET /check-in` and `POST /check-in` speak the Solana Pay *transaction request*
//!   protocol: any Solana wallet that scans `solana:<public URL>/check-in` receives a
//!   check-in at this hub, already signed by the operator, and adds its own signature.
//! - `GET /` is the kiosk page: the hub's name, today's check-ins and the QR code, rendered
//!   on the server as SVG, refreshing itself.
//!
//! The door signs nothing but check-ins at its own hub, for the wallet that asked, over a
//! recent blockhash, and only for a request carrying the code on its screen (it changes
//! every 30 s, see [`token`]); it refuses (with an HTTP status and a named JSON error, see
//! [`DoorError`]) wallets that are not members, were expelled or already checked in today.
//! When the chain cannot be reached, the kiosk signs offline tickets instead
//! (`GET /ticket`), kept in a queue file that `netstate door sync` redeems later.

pub mod budget;
pub mod error;
pub mod kiosk;
pub mod pay;
pub mod queue;
pub mod token;

use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use netstate_client::tickets::SignedTicket;
use netstate_client::{MemberStatus, NetstateClient, Residency, instructions as ix, pda};
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

pub use budget::FeeBudget;
pub use error::DoorError;

/// The path of the Solana Pay transaction request endpoint.
pub const CHECK_IN_PATH: &str = "/check-in";

/// Largest check-in request body accepted, in bytes (`{"account": "<44 characters>"}` and
/// room for the fields a later Solana Pay version may add).
pub const MAX_REQUEST_BYTES: usize = 1024;

/// Seconds in a UTC day, as the program counts days.
const DAY_SECS: i64 = 86_400;

/// How to run a door.
#[derive(Debug)]
pub struct DoorConfig {
    /// The client the door reads and sends through: its cluster, its netstate deployment
    /// (a society on a build at another address is served there), commitment and fees.
    pub client: NetstateClient,
    /// The society's name.
    pub society: String,
    /// The hub's code.
    pub hub: String,
    /// The hub operator's key.
    pub operator: Keypair,
    /// Where wallets reach the door (`https://door.example.org`; no trailing slash).
    pub public_url: String,
    /// With `Some(lamports)`, the door pays the fees of the check-ins it signs, up to this
    /// much per UTC day; with `None`, members pay their own fees.
    pub fee_budget: Option<u64>,
    /// Where offline tickets are appended (one base58 ticket per line), for `door sync`.
    pub queue: Option<std::path::PathBuf>,
}

/// A running door's state, shared by its handlers.
#[derive(Debug)]
pub struct Door {
    client: NetstateClient,
    society: Pubkey,
    society_name: String,
    hub: String,
    hub_name: String,
    node: Pubkey,
    operator: Keypair,
    public_url: String,
    budget: Option<FeeBudget>,
    offers: std::sync::atomic::AtomicU64,
    queue: Option<queue::TicketQueue>,
    issued: std::sync::Mutex<Vec<String>>,
}

/// A check-in transaction for a wallet to sign: the Solana Pay POST response.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckInOffer {
    /// The transaction, bincode-serialized and base64-encoded, signed by the operator; the
    /// member's signature slot is left for the wallet.
    pub transaction: String,
    /// What the wallet shows.
    pub message: String,
}

/// Today's check-ins at a hub, as the kiosk shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Today {
    /// The UTC day, `YYYY-MM-DD`.
    pub day: String,
    /// Members who checked in on that day.
    pub check_ins: usize,
}

impl Door {
    /// Opens the door of hub `config.hub`: the society and the hub must exist, the hub must
    /// be active and the key must be its operator.
    pub async fn open(config: DoorConfig) -> Result<Arc<Door>, DoorError> {
        let client = config.client;
        let (society, _) = client.society(&config.society).await.map_err(|e| match e {
            netstate_client::ClientError::AccountNotFound(_) => {
                DoorError::UnknownSociety(config.society.clone())
            }
            e => e.into(),
        })?;
        let (node, hub) = client
            .node(&society, &config.hub)
            .await
            .map_err(|e| match e {
                netstate_client::ClientError::AccountNotFound(_) => DoorError::UnknownHub {
                    hub: config.hub.clone(),
                    society: config.society.clone(),
                },
                e => e.into(),
            })?;
        let door = Door {
            client,
            society,
            society_name: config.society,
            hub: config.hub,
            hub_name: hub.name.clone(),
            node,
            operator: config.operator,
            public_url: config.public_url.trim_end_matches('/').to_string(),
            budget: config.fee_budget.map(FeeBudget::new),
            offers: std::sync::atomic::AtomicU64::new(0),
            queue: config.queue.map(queue::TicketQueue::new),
            issued: std::sync::Mutex::new(Vec::new()),
        };
        door.check_hub(&hub)?;
        Ok(Arc::new(door))
    }

    /// The Solana Pay link a wallet scans now: `solana:` and the URL-encoded
    /// `<public URL>/check-in?k=<code on the screen>`.
    pub fn solana_pay_url(&self) -> String {
        self.solana_pay_url_at(token::now())
    }

    /// The Solana Pay link of unix time `now`.
    pub fn solana_pay_url_at(&self, now: i64) -> String {
        format!(
            "solana:{}",
            token::percent_encode(&self.check_in_url_at(now))
        )
    }

    /// The endpoint with the code of unix time `now`.
    pub fn check_in_url_at(&self, now: i64) -> String {
        format!("{}{CHECK_IN_PATH}?k={}", self.public_url, self.code_at(now))
    }

    /// The code on the screen at unix time `now`.
    pub fn code_at(&self, now: i64) -> String {
        token::code(&self.operator, token::window(now))
    }

    /// The code a ticket form carries (valid for [`token::FORM_WINDOW_SECS`] and the window
    /// after): the form opens with the screen's code, and filling it in takes longer than
    /// the screen's code lasts.
    pub fn form_code_at(&self, now: i64) -> String {
        token::form_code(&self.operator, now)
    }

    /// Refuses a ticket request without the screen's code or a current form code.
    pub fn require_ticket_code(
        &self,
        screen: Option<&str>,
        form: Option<&str>,
    ) -> Result<(), DoorError> {
        match form {
            Some(code) if !code.is_empty() => {
                if token::accepts_form(&self.operator, code, token::now()) {
                    Ok(())
                } else {
                    Err(DoorError::QrCodeExpired)
                }
            }
            _ => self.require_code(screen),
        }
    }

    /// Refuses a request without the current (or previous) code.
    pub fn require_code(&self, given: Option<&str>) -> Result<(), DoorError> {
        match given {
            None | Some("") => Err(DoorError::QrCodeRequired),
            Some(code) if token::accepts(&self.operator, code, token::now()) => Ok(()),
            Some(_) => Err(DoorError::QrCodeExpired),
        }
    }

    /// Where wallets reach the door.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The hub's code and name, and the society's name.
    pub fn names(&self) -> (&str, &str, &str) {
        (&self.hub, &self.hub_name, &self.society_name)
    }

    /// The door's key (the hub operator's).
    pub fn operator(&self) -> Pubkey {
        self.operator.pubkey()
    }

    /// The fee budget, when the door pays fees.
    pub fn budget(&self) -> Option<&FeeBudget> {
        self.budget.as_ref()
    }

    /// Check-ins the door has signed since it opened (each one a wallet may or may not
    /// have sent).
    pub fn offers_signed(&self) -> u64 {
        self.offers.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The routes: the kiosk page, the icon and the Solana Pay endpoint.
    pub fn router(self: &Arc<Self>) -> axum::Router {
        use axum::routing::get;
        axum::Router::new()
            .route("/", get(kiosk::page))
            .route("/icon.svg", get(kiosk::icon))
            .route("/ticket", get(kiosk::ticket))
            .route(
                CHECK_IN_PATH,
                get(pay::label)
                    .post(pay::transaction)
                    .options(pay::preflight),
            )
            .layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BYTES))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes; meanwhile, every
    /// [`queue::REDEEM_EVERY_SECS`], redeems the offline tickets queued while the chain
    /// could not be reached, once it answers again.
    pub async fn serve(
        self: &Arc<Self>,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let door = self.clone();
        let redeeming = tokio::spawn(async move {
            let every = std::time::Duration::from_secs(queue::REDEEM_EVERY_SECS);
            loop {
                tokio::time::sleep(every).await;
                let _ = door.redeem_queue().await;
            }
        });
        let served = axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await;
        redeeming.abort();
        served
    }

    /// Redeems the queued offline tickets now, the operator's key paying (what the door
    /// does by itself while it serves); `None` without a queue.
    pub async fn redeem_queue(&self) -> Result<Option<queue::QueueRedeemed>, DoorError> {
        match &self.queue {
            Some(queue) => queue.redeem(&self.client, &self.operator).await.map(Some),
            None => Ok(None),
        }
    }

    fn check_hub(&self, hub: &netstate_client::Node) -> Result<(), DoorError> {
        if !hub.active {
            return Err(DoorError::HubRetired(self.hub.clone()));
        }
        if hub.operator != self.operator.pubkey() {
            return Err(DoorError::NotTheOperator {
                hub: self.hub.clone(),
                door: self.operator.pubkey().to_string(),
                operator: hub.operator.to_string(),
            });
        }
        Ok(())
    }

    /// The cluster's current UTC day (days since the epoch).
    async fn today(&self) -> Result<i64, DoorError> {
        Ok(i64::from(self.client.today().await?))
    }

    /// A check-in at this hub for `wallet`, signed by the operator, for the wallet to sign
    /// and send; or the reason it would fail on chain, found before anything is signed.
    pub async fn check_in_offer(&self, wallet: &Pubkey) -> Result<CheckInOffer, DoorError> {
        let day = self.today().await?;
        // Read again on every request: the hub may have been retired or its operator rotated.
        let (_, hub) = self.client.node(&self.society, &self.hub).await?;
        self.check_hub(&hub)?;
        let (_, member) = self
            .client
            .member(&self.society, wallet)
            .await?
            .ok_or_else(|| DoorError::NotAMember {
                wallet: wallet.to_string(),
                society: self.society_name.clone(),
            })?;
        if member.status == MemberStatus::Expelled {
            return Err(DoorError::MemberExpelled {
                wallet: wallet.to_string(),
                society: self.society_name.clone(),
            });
        }
        let residency_address = pda::residency(self.client.program_id(), &self.node, wallet).0;
        let residency = match self.client.account::<Residency>(&residency_address).await {
            Ok(r) => Some(r),
            Err(netstate_client::ClientError::AccountNotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        if residency
            .as_ref()
            .is_some_and(|r| i64::from(r.last_day) == day)
        {
            return Err(DoorError::AlreadyCheckedInToday {
                wallet: wallet.to_string(),
                hub: self.hub.clone(),
                day: day_text(day),
            });
        }

        let operator = self.operator.pubkey();
        let payer = if self.budget.is_some() {
            operator
        } else {
            *wallet
        };
        let rpc = self.client.rpc();
        let blockhash = rpc
            .get_latest_blockhash()
            .await
            .map_err(|e| DoorError::Cluster(e.to_string()))?;
        let mut tx = Transaction::new_with_payer(
            &[ix::check_in(
                self.client.program_id(),
                wallet,
                &operator,
                &self.society,
                &self.hub,
            )],
            Some(&payer),
        );
        tx.message.recent_blockhash = blockhash;
        let fee = rpc
            .get_fee_for_message(&tx.message)
            .await
            .map_err(|e| DoorError::Cluster(e.to_string()))?;
        let rent = if residency.is_none() {
            rpc.get_minimum_balance_for_rent_exemption(
                8 + <Residency as anchor_lang::Space>::INIT_SPACE,
            )
            .await
            .map_err(|e| DoorError::Cluster(e.to_string()))?
        } else {
            0
        };
        let needed = rent + if payer == *wallet { fee } else { 0 };
        let held = rpc
            .get_balance(wallet)
            .await
            .map_err(|e| DoorError::Cluster(e.to_string()))?;
        if held < needed {
            return Err(DoorError::NotEnoughSol {
                wallet: wallet.to_string(),
                held,
                needed,
            });
        }
        if let Some(budget) = &self.budget {
            budget.commit(day, fee)?;
        }
        tx.try_partial_sign(&[&self.operator], blockhash)
            .map_err(|e| DoorError::Cluster(format!("the door cannot sign: {e}")))?;
        let bytes = bincode::serialize(&tx)
            .map_err(|e| DoorError::Cluster(format!("cannot serialize the transaction: {e}")))?;
        use base64::Engine;
        self.offers
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(CheckInOffer {
            transaction: base64::engine::general_purpose::STANDARD.encode(bytes),
            message: format!(
                "Check in at {} ({}) on {}",
                self.hub_name,
                self.society_name,
                day_text(day)
            ),
        })
    }

    /// Signs an offline ticket: `wallet` is at this hub today (the cluster's day when it can
    /// be read, else this machine's), and appends it to the queue.
    pub async fn issue_ticket(&self, wallet: &Pubkey) -> Result<SignedTicket, DoorError> {
        let day = match self.today().await {
            Ok(day) => day,
            Err(_) => token::now().div_euclid(DAY_SECS),
        };
        let day = u32::try_from(day)
            .map_err(|_| DoorError::Cluster(format!("the clock is out of range: day {day}")))?;
        let ticket = SignedTicket::sign(
            &self.operator,
            self.client.program_id(),
            self.society,
            self.node,
            *wallet,
            day,
        );
        let text = ticket.to_base58();
        if let Some(queue) = &self.queue {
            queue.append(&text).await?;
        }
        if let Ok(mut issued) = self.issued.lock()
            && !issued.contains(&text)
        {
            issued.push(text);
        }
        Ok(ticket)
    }

    /// The tickets issued since the door opened, as base58 text.
    pub fn tickets_issued(&self) -> Vec<String> {
        self.issued.lock().map(|i| i.clone()).unwrap_or_default()
    }

    /// Today's check-ins at this hub: one read of the hub, which counts the members present
    /// on its latest day; every Residency is read only for a hub still in its first layout
    /// (before `upgrade_account`), or if the cluster's day were behind the hub's.
    pub async fn today_at_hub(&self) -> Result<Today, DoorError> {
        let day = self.today().await?;
        let hub: netstate_client::Node = self.client.account(&self.node).await?;
        let counted = u32::try_from(day)
            .ok()
            .filter(|_| hub.version >= netstate_client::Node::LAYOUT_VERSION)
            .and_then(|day| hub.present_on(day));
        let check_ins = match counted {
            Some(present) => present as usize,
            None => self
                .client
                .residents(&self.node)
                .await?
                .iter()
                .filter(|(_, r)| i64::from(r.last_day) == day)
                .count(),
        };
        Ok(Today {
            day: day_text(day),
            check_ins,
        })
    }
}

/// A UTC day number as `YYYY-MM-DD`.
pub use netstate_client::describe::day as day_text;
