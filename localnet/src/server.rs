//! The running node: the engine on its own thread, the JSON-RPC server on 127.0.0.1, and
//! the handle that starts and stops both. It serves whatever methods it is given; the
//! Solana methods live above it, in `rpc`, which depends on this module and not the reverse.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, mpsc};

use tokio::sync::{oneshot, watch};

use jsonrpsee::Methods;
use jsonrpsee::server::{Server, ServerHandle};
use jsonrpsee::types::ErrorObjectOwned;
use solana_signature::Signature;

use crate::engine::{Engine, EngineConfig, EngineError, Notice};

/// Work for the engine thread: runs on the engine and returns how to deliver its answer,
/// which the thread calls only once what the work wrote is durable.
type Job = Box<dyn FnOnce(&mut Engine) -> Reply + Send>;

/// Delivers one job's answer; with the reason when the group's commit failed, an error in
/// its place.
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;

/// Largest JSON-RPC answer the node sends (1 GiB).
const MAX_RESPONSE_BYTES: u32 = 1 << 30;

/// Most jobs that share one group commit.
const MAX_GROUP: usize = 256;

/// Notices kept for a subscriber that falls behind before it misses some (it then re-reads
/// the state it watches).
const NOTICE_BACKLOG: usize = 4_096;

/// Most subscriptions one websocket connection may hold.
pub const MAX_SUBSCRIPTIONS_PER_CONNECTION: u32 = 1_000;

/// Signatures remembered beside the engine (see [`RecentSignatures`]).
pub const RECENT_SIGNATURES: usize = 100_000;

/// The signatures confirmed since the node started (the newest [`RECENT_SIGNATURES`]), so
/// that a subscriber learns whether a signature landed without a trip to the engine.
#[derive(Debug)]
pub struct RecentSignatures {
    inner: Mutex<Recent>,
}

#[derive(Debug)]
struct Recent {
    slots: HashMap<Signature, u64>,
    order: VecDeque<Signature>,
    /// Whether every confirmed signature is here: no history before the start, nothing
    /// forgotten since.
    complete: bool,
    /// Subscribers waiting for a signature, each told its slot once when it lands: a
    /// signature subscription wakes for its own transaction, not for every other.
    waiters: HashMap<Signature, Vec<oneshot::Sender<u64>>>,
    /// Waiting signatures past which those whose subscribers left are dropped.
    prune_at: usize,
}

/// Waiting signatures kept before the first sweep of those whose subscribers left.
const FIRST_PRUNE: usize = 1_024;

/// What a signature subscriber learns when it starts to watch (see
/// [`RecentSignatures::watch`]).
#[derive(Debug)]
pub enum SignatureWatch {
    /// The signature landed in this slot.
    Landed(u64),
    /// Not landed since the node started: `landing` gets its slot when it does.
    Waiting {
        /// Told the slot once the transaction is durable.
        landing: oneshot::Receiver<u64>,
        /// Whether it may have landed before the node remembers (ask the engine).
        ask_engine: bool,
    },
}

impl RecentSignatures {
    fn new(complete: bool) -> Self {
        Self {
            inner: Mutex::new(Recent {
                slots: Default::default(),
                order: Default::default(),
                complete,
                waiters: Default::default(),
                prune_at: FIRST_PRUNE,
            }),
        }
    }

    fn record(&self, signature: Signature, slot: u64) {
        if let Ok(mut recent) = self.inner.lock() {
            recent.slots.insert(signature, slot);
            recent.order.push_back(signature);
            for waiter in recent.waiters.remove(&signature).unwrap_or_default() {
                let _ = waiter.send(slot);
            }
            if recent.order.len() > RECENT_SIGNATURES
                && let Some(oldest) = recent.order.pop_front()
            {
                recent.slots.remove(&oldest);
                recent.complete = false;
            }
        }
    }

    /// Whether `signature` landed, or a receiver told its slot when it lands: both under
    /// one lock with `record`, so a landing is never missed between the two.
    pub fn watch(&self, signature: Signature) -> Option<SignatureWatch> {
        let mut recent = self.inner.lock().ok()?;
        if let Some(slot) = recent.slots.get(&signature) {
            return Some(SignatureWatch::Landed(*slot));
        }
        if recent.waiters.len() >= recent.prune_at {
            recent.waiters.retain(|_, waiting| {
                waiting.retain(|w| !w.is_closed());
                !waiting.is_empty()
            });
            recent.prune_at = (recent.waiters.len() * 2).max(FIRST_PRUNE);
        }
        let (tell, landing) = oneshot::channel();
        recent.waiters.entry(signature).or_default().push(tell);
        Some(SignatureWatch::Waiting {
            landing,
            ask_engine: !recent.complete,
        })
    }

    /// The slots of `signatures` when the node remembers each of them as landed, with the
    /// newest slot it has recorded: what `getSignatureStatuses` answers without a trip to the
    /// engine for the transactions a client just sent. `None` when any is not remembered.
    pub fn landed(&self, signatures: &[Signature]) -> Option<(Vec<u64>, u64)> {
        let recent = self.inner.lock().ok()?;
        let slots = signatures
            .iter()
            .map(|s| recent.slots.get(s).copied())
            .collect::<Option<Vec<u64>>>()?;
        let newest = recent
            .order
            .back()
            .and_then(|s| recent.slots.get(s))
            .copied()?;
        Some((slots, newest))
    }

    /// The slot `signature` landed in (`Some(Some(slot))`), that it has not landed
    /// (`Some(None)`), or `None` when only the engine knows.
    pub fn lookup(&self, signature: &Signature) -> Option<Option<u64>> {
        let recent = self.inner.lock().ok()?;
        match recent.slots.get(signature) {
            Some(slot) => Some(Some(*slot)),
            None if recent.complete => Some(None),
            None => None,
        }
    }
}

/// A cheap, cloneable way to run a closure on the engine's thread and await its result.
#[derive(Clone, Debug)]
pub struct EngineHandle {
    jobs: mpsc::Sender<Job>,
    notices: tokio::sync::broadcast::Sender<Notice>,
    recent: Arc<RecentSignatures>,
}

impl EngineHandle {
    /// What the engine confirms from now on (transactions, slots), each once it is durable.
    pub fn notices(&self) -> tokio::sync::broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    /// The signatures confirmed since the node started.
    pub fn recent(&self) -> &RecentSignatures {
        &self.recent
    }

    /// Runs `f` on the engine and returns what it returns.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Engine) -> Result<T, ErrorObjectOwned> + Send + 'static,
    ) -> Result<T, ErrorObjectOwned> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |engine| {
            let answer = f(engine);
            Box::new(move |fault: Option<&str>| {
                let _ = reply.send(match fault {
                    None => answer,
                    Some(reason) => Err(ErrorObjectOwned::owned::<()>(
                        -32005,
                        format!(
                            "the work ran but the ledger could not be written ({reason}); the node is stopping"
                        ),
                        None,
                    )),
                });
            })
        });
        let stopped = || ErrorObjectOwned::owned::<()>(-32005, "the node is shutting down", None);
        self.jobs.send(job).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// The engine's thread: its handle, its join handle, and where it reports a fault (a
/// ledger write that failed, after which it stops taking jobs).
pub struct EngineThread {
    /// Runs jobs on the engine.
    pub handle: EngineHandle,
    /// The thread itself.
    pub thread: std::thread::JoinHandle<()>,
    /// Becomes `Some(reason)` when the engine stops because of a fault.
    pub fault: watch::Receiver<Option<String>>,
}

/// Starts the engine thread; returns once the engine has opened (or failed to).
pub fn spawn_engine(config: EngineConfig) -> Result<EngineThread, EngineError> {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (notices, _) = tokio::sync::broadcast::channel(NOTICE_BACKLOG);
    let publish = notices.clone();
    // The engine's opening sends back the signatures it will remember, or why it failed.
    let (ready, opened) = mpsc::channel::<Result<Arc<RecentSignatures>, EngineError>>();
    let (fault_tx, fault) = watch::channel(None);
    let thread = std::thread::Builder::new()
        .name("netstate-engine".into())
        .spawn(move || match Engine::open(config) {
            Ok(mut engine) => {
                // Subscribers may listen from the first request on.
                engine.collect_notices(true);
                let recent = Arc::new(RecentSignatures::new(engine.transaction_count() == 0));
                let _ = ready.send(Ok(recent.clone()));
                while let Ok(first) = inbox.recv() {
                    // Group commit: run every job already waiting (up to MAX_GROUP), write
                    // all they confirmed with one fsync, and only then answer any of them.
                    engine.begin_group();
                    let mut replies = vec![first(&mut engine)];
                    while replies.len() < MAX_GROUP {
                        match inbox.try_recv() {
                            Ok(job) => replies.push(job(&mut engine)),
                            Err(_) => break,
                        }
                    }
                    // After a failed commit every caller of the group gets the reason,
                    // never a confirmation the disk does not hold.
                    let _ = engine.commit_group();
                    let fault = engine.fault().map(str::to_string);
                    // Subscribers hear only of what is now durable.
                    let heard = engine.take_notices();
                    if fault.is_none() {
                        for notice in heard {
                            // Remembered before it is told, so that a subscriber either
                            // hears it or finds it.
                            if let Notice::Confirmed(confirmed) = &notice {
                                recent.record(confirmed.signature, confirmed.slot);
                            }
                            let _ = publish.send(notice);
                        }
                    }
                    for reply in replies {
                        reply(fault.as_deref());
                    }
                    if let Some(reason) = engine.fault() {
                        // Memory is ahead of the disk: take no more jobs.
                        let _ = fault_tx.send(Some(reason.to_string()));
                        break;
                    }
                }
                // Every job sender is gone: the node stops.
                let _ = engine.close();
            }
            Err(e) => {
                let _ = ready.send(Err(e));
            }
        })
        .map_err(|e| EngineError::Program {
            path: Default::default(),
            detail: format!("cannot start the engine thread: {e}"),
        })?;
    match opened.recv() {
        Ok(Ok(recent)) => Ok(EngineThread {
            handle: EngineHandle {
                jobs,
                notices,
                recent,
            },
            thread,
            fault,
        }),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => Err(EngineError::Program {
            path: Default::default(),
            detail: "the engine thread stopped while opening".into(),
        }),
    }
}

/// Why a node could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The engine or ledger failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {detail}")]
    Bind {
        /// The port asked for (0 = any).
        port: u16,
        /// What failed.
        detail: String,
    },
}

/// Where a node listens on 127.0.0.1 (0 picks a free port).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ports {
    /// JSON-RPC over HTTP (and websocket).
    pub rpc: u16,
    /// The websocket API's own port, as validators serve it; `None` serves none besides
    /// `rpc`.
    pub ws: Option<u16>,
}

impl From<u16> for Ports {
    /// `rpc`, and the websocket API on the next port, where Solana clients look for it (on
    /// a free port when `rpc` is 0).
    fn from(rpc: u16) -> Self {
        let ws = if rpc == 0 {
            Some(0)
        } else {
            rpc.checked_add(1)
        };
        Self { rpc, ws }
    }
}

/// Milliseconds between the slot notices the node sends while it serves.
const SLOT_TICK_MS: u64 = 400;

/// A running local node.
#[derive(Debug)]
pub struct Localnet {
    address: SocketAddr,
    server: ServerHandle,
    ws: Option<(SocketAddr, ServerHandle)>,
    engine: EngineHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    fault: watch::Receiver<Option<String>>,
}

/// Binds a JSON-RPC server (HTTP and websocket) on 127.0.0.1:`port`.
async fn bind(port: u16) -> Result<(Server, SocketAddr), StartError> {
    let server = Server::builder()
        // A society's whole membership in one `getProgramAccounts` answer: validators
        // answer far larger ones than jsonrpsee's 10 MB default.
        .set_config(
            jsonrpsee::server::ServerConfig::builder()
                .max_response_body_size(MAX_RESPONSE_BYTES)
                .max_subscriptions_per_connection(MAX_SUBSCRIPTIONS_PER_CONNECTION)
                .build(),
        )
        .build(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .map_err(|e| StartError::Bind {
            port,
            detail: e.to_string(),
        })?;
    let address = server.local_addr().map_err(|e| StartError::Bind {
        port,
        detail: e.to_string(),
    })?;
    Ok((server, address))
}

impl Localnet {
    /// Starts the engine and serves `methods` (built on its handle) as JSON-RPC on
    /// `ports` (a `u16` is the RPC port, with the websocket API on the next one).
    /// `Localnet::start` serves the Solana methods.
    pub async fn serve(
        config: EngineConfig,
        ports: impl Into<Ports>,
        methods: impl FnOnce(EngineHandle) -> Methods,
    ) -> Result<Self, StartError> {
        let ports = ports.into();
        let EngineThread {
            handle: engine,
            thread,
            fault,
        } = tokio::task::spawn_blocking(move || spawn_engine(config))
            .await
            .map_err(|e| EngineError::Program {
                path: Default::default(),
                detail: e.to_string(),
            })??;
        let (server, address) = bind(ports.rpc).await?;
        let ws = match ports.ws {
            Some(port) => Some(bind(port).await.map_err(|e| match e {
                StartError::Bind { port, detail } => StartError::Bind {
                    port,
                    detail: format!(
                        "{detail} (the websocket API's port: --ws-port PORT moves it, --ws-port 0 turns it off)"
                    ),
                },
                other => other,
            })?),
            None => None,
        };
        let methods = methods(engine.clone());
        let ws = ws.map(|(server, address)| (address, server.start(methods.clone())));
        let server = server.start(methods);
        tokio::spawn(tick_slots(engine.clone(), server.clone()));
        Ok(Self {
            address,
            server,
            ws,
            engine,
            thread: Some(thread),
            fault,
        })
    }

    /// The JSON-RPC URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The socket the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The websocket API's URL, `ws://127.0.0.1:PORT` (the RPC port serves it too).
    pub fn ws_url(&self) -> String {
        let address = self
            .ws
            .as_ref()
            .map_or(self.address, |(address, _)| *address);
        format!("ws://{address}")
    }

    /// The engine, for in-process use (benchmarks, embedding).
    pub fn engine(&self) -> &EngineHandle {
        &self.engine
    }

    /// Stops serving and closes the ledger.
    pub async fn stop(mut self) {
        if let Some((_, ws)) = &self.ws {
            let _ = ws.stop();
            ws.clone().stopped().await;
        }
        let _ = self.server.stop();
        self.server.clone().stopped().await;
        let Self { engine, thread, .. } = &mut self;
        let thread = thread.take();
        // Dropping the last job sender ends the engine loop.
        let (jobs, _) = mpsc::channel();
        let (notices, _) = tokio::sync::broadcast::channel(1);
        let recent = Arc::new(RecentSignatures::new(false));
        *engine = EngineHandle {
            jobs,
            notices,
            recent,
        };
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }

    /// Blocks until the server stops (for the `netstate localnet` command).
    pub async fn stopped(&self) {
        self.server.clone().stopped().await;
    }

    /// Waits until the engine stops because of a fault and returns why (a ledger write
    /// failed). Never returns while the engine is healthy.
    pub async fn faulted(&self) -> String {
        let mut fault = self.fault.clone();
        loop {
            if let Some(reason) = fault.borrow_and_update().clone() {
                return reason;
            }
            if fault.changed().await.is_err() {
                // The engine thread ended without a fault (a normal stop): nothing to report.
                std::future::pending::<()>().await;
            }
        }
    }
}

/// Moves the node's slot on with wall time while `server` serves, so that subscribers hear
/// of each slot as a validator's would (the engine otherwise moves it when asked).
async fn tick_slots(engine: EngineHandle, server: ServerHandle) {
    let mut every = tokio::time::interval(std::time::Duration::from_millis(SLOT_TICK_MS));
    loop {
        tokio::select! {
            _ = server.clone().stopped() => return,
            _ = every.tick() => {
                if engine.call(|e| Ok(e.slot())).await.is_err() {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FIRST_PRUNE, RECENT_SIGNATURES, RecentSignatures, SignatureWatch};
    use solana_signature::Signature;

    fn signature(i: u64) -> Signature {
        let mut bytes = [0u8; 64];
        bytes[..8].copy_from_slice(&i.to_le_bytes());
        Signature::from(bytes)
    }

    #[test]
    fn remembered_signatures_answer_and_forgetting_one_sends_questions_to_the_engine() {
        let recent = RecentSignatures::new(true);
        recent.record(signature(1), 7);
        assert_eq!(recent.lookup(&signature(1)), Some(Some(7)));
        // Complete: a signature it does not hold has certainly not landed.
        assert_eq!(recent.lookup(&signature(2)), Some(None));
        for i in 2..=(RECENT_SIGNATURES as u64 + 1) {
            recent.record(signature(i), 8);
        }
        // The oldest was forgotten: an unknown signature is now the engine's question.
        assert_eq!(recent.lookup(&signature(1)), None);
        assert_eq!(
            recent.lookup(&signature(RECENT_SIGNATURES as u64 + 1)),
            Some(Some(8))
        );
        // A ledger with history before the start never claims to know every signature.
        assert_eq!(RecentSignatures::new(false).lookup(&signature(3)), None);
    }

    #[test]
    fn a_waiter_hears_only_its_signature_and_abandoned_waiters_are_swept() {
        let recent = RecentSignatures::new(true);
        let Some(SignatureWatch::Waiting {
            mut landing,
            ask_engine,
        }) = recent.watch(signature(1))
        else {
            panic!("nothing landed yet");
        };
        assert!(!ask_engine, "a complete memory needs no engine");
        recent.record(signature(2), 5);
        assert!(landing.try_recv().is_err(), "another signature woke it");
        recent.record(signature(1), 6);
        assert_eq!(landing.try_recv().ok(), Some(6));
        assert!(matches!(
            recent.watch(signature(1)),
            Some(SignatureWatch::Landed(6))
        ));
        // Subscribers that left before their signature landed do not pile up.
        for i in 10..(10 + 3 * FIRST_PRUNE as u64) {
            drop(recent.watch(signature(i)));
        }
        let waiting = recent
            .inner
            .lock()
            .map(|r| r.waiters.len())
            .unwrap_or(usize::MAX);
        assert!(waiting <= FIRST_PRUNE, "{waiting} abandoned waiters kept");
        assert!(matches!(
            RecentSignatures::new(false).watch(signature(3)),
            Some(SignatureWatch::Waiting {
                ask_engine: true,
                ..
            })
        ));
    }
}
