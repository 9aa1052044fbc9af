//! The command line of a node: shared by the `netstate-localnet` binary and
//! `netstate localnet`.

use std::path::PathBuf;

use clap::Args;

use crate::{EngineConfig, Localnet};

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
    /// Delete the netstate ledger in DIR first and start from genesis.
    #[arg(long, requires = "ledger")]
    pub reset: bool,
    /// Load this compiled netstate.so instead of the built-in program (default: the .so in
    /// $SBF_OUT_DIR when set).
    #[arg(long, value_name = "FILE")]
    pub program_so: Option<PathBuf>,
}

impl LocalnetArgs {
    /// The engine configuration these flags describe.
    pub fn config(&self) -> EngineConfig {
        EngineConfig {
            ledger: self.ledger.clone(),
            reset: self.reset,
            program_so: self.program_so.clone(),
        }
    }
}

/// Starts the node, prints how to use it, and serves until Ctrl-C.
pub async fn run(args: LocalnetArgs) -> Result<(), String> {
    let node = Localnet::start(args.config(), args.rpc_port)
        .await
        .map_err(|e| e.to_string())?;
    let url = node.url();
    println!("netstate local node");
    println!("  JSON-RPC URL: {url}");
    println!("  program id:   {}", netstate::ID);
    match &args.ledger {
        Some(dir) => println!("  ledger:       {}", dir.display()),
        None => println!("  ledger:       in memory (pass --ledger DIR to keep it)"),
    }
    println!("Point the Solana CLI at it: solana config set --url {url}");
    println!("Stop with Ctrl-C.");
    let fault = tokio::select! {
        _ = tokio::signal::ctrl_c() => None,
        _ = node.stopped() => None,
        reason = node.faulted() => Some(reason),
    };
    node.stop().await;
    match fault {
        None => Ok(()),
        Some(reason) => Err(format!(
            "stopped: a confirmed transaction could not be written to the ledger ({reason})"
        )),
    }
}
