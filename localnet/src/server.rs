//! The running node: the engine on its own thread, the JSON-RPC server on 127.0.0.1, and
//! the handle that starts and stops both. It serves whatever methods it is given; the
//! Solana methods live above it, in `rpc`, which depends on this module and not the reverse.

use std::net::SocketAddr;
use std::sync::mpsc;

use tokio::sync::watch;

use jsonrpsee::Methods;
use jsonrpsee::server::{Server, ServerHandle};
use jsonrpsee::types::ErrorObjectOwned;

use crate::engine::{Engine, EngineConfig, EngineError};

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

/// A cheap, cloneable way to run a closure on the engine's thread and await its result.
#[derive(Clone, Debug)]
pub struct EngineHandle {
    jobs: mpsc::Sender<Job>,
}

impl EngineHandle {
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
    let (ready, opened) = mpsc::channel::<Result<(), EngineError>>();
    let (fault_tx, fault) = watch::channel(None);
    let thread = std::thread::Builder::new()
        .name("netstate-engine".into())
        .spawn(move || match Engine::open(config) {
            Ok(mut engine) => {
                let _ = ready.send(Ok(()));
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
                    for reply in replies {
                        reply(fault.as_deref());
                    }
                    if let Some(reason) = engine.fault() {
                        // Memory is ahead of the disk: take no more jobs.
                        let _ = fault_tx.send(Some(reason.to_string()));
                        break;
                    }
                }
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
        Ok(Ok(())) => Ok(EngineThread {
            handle: EngineHandle { jobs },
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

/// A running local node.
#[derive(Debug)]
pub struct Localnet {
    address: SocketAddr,
    server: ServerHandle,
    engine: EngineHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    fault: watch::Receiver<Option<String>>,
}

impl Localnet {
    /// Starts the engine and serves `methods` (built on its handle) as JSON-RPC on
    /// `127.0.0.1:port` (0 picks a free port). `Localnet::start` serves the Solana methods.
    pub async fn serve(
        config: EngineConfig,
        port: u16,
        methods: impl FnOnce(EngineHandle) -> Methods,
    ) -> Result<Self, StartError> {
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
        let server = Server::builder()
            // A society's whole membership in one `getProgramAccounts` answer: validators
            // answer far larger ones than jsonrpsee's 10 MB default.
            .set_config(
                jsonrpsee::server::ServerConfig::builder()
                    .max_response_body_size(MAX_RESPONSE_BYTES)
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
        let server = server.start(methods(engine.clone()));
        Ok(Self {
            address,
            server,
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

    /// The engine, for in-process use (benchmarks, embedding).
    pub fn engine(&self) -> &EngineHandle {
        &self.engine
    }

    /// Stops serving and closes the ledger.
    pub async fn stop(mut self) {
        let _ = self.server.stop();
        self.server.clone().stopped().await;
        let Self { engine, thread, .. } = &mut self;
        let thread = thread.take();
        // Dropping the last job sender ends the engine loop.
        let (jobs, _) = mpsc::channel();
        *engine = EngineHandle { jobs };
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
