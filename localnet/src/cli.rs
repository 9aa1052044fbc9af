//! The command line of a node: shared by the `netstate-localnet` binary and
//! `netstate localnet`.

use std::path::PathBuf;

use clap::Args;

use crate::{EngineConfig, Localnet, Ports};

/// Run a local Solana node with netstate built in.
#[derive(Debug, Clone, Args)]
pub struct LocalnetArgs {
    /// Keep the state in this directory (created if missing); without it, state lives in
    /// memory and is gone when the node stops.
    #[arg(long, value_name = "DIR")]
    pub ledger: Option<PathBuf>,
    /// Port for JSON-RPC on 127.0.0.1 (0 picks a free one).
    #[arg(long, value_name = "PORT", default_value_t = 8899)]
    pub rpc_port: u16,
    /// Port for the websocket API (subscriptions; the RPC port serves it too). Default: the
    /// RPC port + 1, where Solana clients look for it; 0 turns this second port off.
    #[arg(long, value_name = "PORT")]
    pub ws_port: Option<u16>,
    /// Delete the netstate ledger in DIR first and start from genesis.
    #[arg(long, requires = "ledger")]
    pub reset: bool,
    /// Load this compiled netstate.so instead of the built-in program (default: the .so in
    /// $SBF_OUT_DIR when set).
    #[arg(long, value_name = "FILE")]
    pub program_so: Option<PathBuf>,
    /// Also serve the SBF program FILE.so at ADDRESS (repeat for more), as
    /// solana-test-validator does; replaces a program the node ships at that address.
    #[arg(long = "bpf-program", num_args = 2, value_names = ["ADDRESS", "FILE.so"], action = clap::ArgAction::Append)]
    pub bpf_program: Vec<String>,
    /// Start a new ledger with the account in FILE.json (as `solana account --output json`
    /// writes it) at ADDRESS, or at the file's own address with `-` (repeat for more), as
    /// solana-test-validator does.
    #[arg(long = "account", num_args = 2, value_names = ["ADDRESS", "FILE.json"], action = clap::ArgAction::Append)]
    pub account: Vec<String>,
}

impl LocalnetArgs {
    /// The ports these flags describe.
    pub fn ports(&self) -> Ports {
        match self.ws_port {
            None => Ports::from(self.rpc_port),
            Some(0) => Ports {
                rpc: self.rpc_port,
                ws: None,
            },
            Some(port) => Ports {
                rpc: self.rpc_port,
                ws: Some(port),
            },
        }
    }

    /// The engine configuration these flags describe, or what is wrong with them.
    pub fn config(&self) -> Result<EngineConfig, String> {
        let programs = self
            .bpf_program
            .chunks(2)
            .map(|pair| match pair {
                [address, file] => address
                    .parse()
                    .map(|id| (id, PathBuf::from(file)))
                    .map_err(|_| format!("--bpf-program: {address:?} is not a base58 address")),
                _ => Err("--bpf-program takes an ADDRESS and a FILE.so".to_string()),
            })
            .collect::<Result<_, _>>()?;
        let accounts = self
            .account
            .chunks(2)
            .map(|pair| match pair {
                [address, file] if address == "-" => Ok((None, PathBuf::from(file))),
                [address, file] => address
                    .parse()
                    .map(|a| (Some(a), PathBuf::from(file)))
                    .map_err(|_| {
                        format!("--account: {address:?} is not a base58 address (or `-`)")
                    }),
                _ => Err("--account takes an ADDRESS and a FILE.json".to_string()),
            })
            .collect::<Result<_, _>>()?;
        Ok(EngineConfig {
            ledger: self.ledger.clone(),
            reset: self.reset,
            program_so: self.program_so.clone(),
            programs,
            accounts,
        })
    }
}

/// Why the node stopped serving.
enum Stop {
    /// Ctrl-C or SIGTERM: a clean shutdown.
    Signal(&'static str),
    /// The server stopped by itself.
    Server,
    /// A ledger write failed.
    Fault(String),
}

/// Ctrl-C and SIGTERM, listened for from the moment this exists (so a signal sent right
/// after the start line is printed is never missed).
struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    fn listen() -> Result<Self, String> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let listen = |kind| signal(kind).map_err(|e| format!("cannot listen for signals: {e}"));
            Ok(Self {
                interrupt: listen(SignalKind::interrupt())?,
                terminate: listen(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The name of the first signal received.
    async fn received(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => "Ctrl-C",
                _ = self.terminate.recv() => "SIGTERM",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

/// Starts the node, prints how to use it (one JSON object per line with `json`), and serves
/// until Ctrl-C or SIGTERM. On either it stops taking requests, lets the transaction in hand
/// finish, closes the ledger, says so and returns `Ok`.
pub async fn run(args: LocalnetArgs, json: bool) -> Result<(), String> {
    // Run as a program, the node logs errors only, unless RUST_LOG asks for more.
    agave_logger::setup_with_default("error");
    let mut signals = Signals::listen()?;
    let config = args.config()?;
    let others: Vec<(String, String)> = config
        .programs
        .iter()
        .map(|(id, path)| (id.to_string(), path.display().to_string()))
        .collect();
    let seeded: Vec<(String, String)> = config
        .accounts
        .iter()
        .map(|(address, path)| {
            let address = address.map_or("the file's address".into(), |a| a.to_string());
            (address, path.display().to_string())
        })
        .collect();
    let node = Localnet::start(config, args.ports())
        .await
        .map_err(|e| e.to_string())?;
    let url = node.url();
    let ledger = args.ledger.as_ref().map(|dir| dir.display().to_string());
    if json {
        println!(
            "{}",
            serde_json::json!({
                "event": "started",
                "url": url,
                "wsUrl": node.ws_url(),
                "programId": netstate::ID.to_string(),
                "programIds": crate::program_ids().iter().map(ToString::to_string).collect::<Vec<_>>(),
                "ledger": ledger,
                "bpfPrograms": others.iter().map(|(id, file)| serde_json::json!({ "address": id, "file": file })).collect::<Vec<_>>(),
            })
        );
    } else {
        println!("netstate local node");
        println!("  JSON-RPC URL: {url}");
        println!("  WebSocket:    {}", node.ws_url());
        println!("  program id:   {}", netstate::ID);
        for other in crate::program_ids()
            .iter()
            .filter(|id| **id != netstate::ID)
        {
            println!("  also at:      {other} (a build of the same source at another id)");
        }
        for (id, file) in &others {
            println!("  serving:      {id} from {file}");
        }
        for (address, file) in &seeded {
            println!("  account:      {address} from {file}");
        }
        match &ledger {
            Some(dir) => println!("  ledger:       {dir}"),
            None => println!("  ledger:       in memory (pass --ledger DIR to keep it)"),
        }
        println!("Point the Solana CLI at it: solana config set --url {url}");
        println!("Stop with Ctrl-C.");
    }
    let stop = tokio::select! {
        signal = signals.received() => Stop::Signal(signal),
        _ = node.stopped() => Stop::Server,
        reason = node.faulted() => Stop::Fault(reason),
    };
    node.stop().await;
    match stop {
        Stop::Signal(signal) => {
            let what = match &ledger {
                Some(dir) => format!("ledger {dir} closed"),
                None => "in-memory state discarded".to_string(),
            };
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "event": "stopped", "signal": signal, "ledger": ledger })
                );
            } else {
                println!("Stopped on {signal}: {what}.");
            }
            Ok(())
        }
        Stop::Server => Ok(()),
        Stop::Fault(reason) => Err(format!(
            "stopped: a confirmed transaction could not be written to the ledger ({reason})"
        )),
    }
}
