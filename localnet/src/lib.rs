//! # netstate-localnet
//!
//! A local Solana node with the netstate program built in, for trying and testing netstate
//! on a machine with only Rust: no validator, no SBF toolchain. It runs the program inside
//! LiteSVM (natively, or the compiled `netstate.so` when given), with SPL Token, Token-2022
//! and Associated Token as the real SBF programs; keeps its state in a redb ledger; and
//! speaks the standard Solana JSON-RPC over HTTP on 127.0.0.1, so `solana-client`, the
//! `solana` CLI and explorers work against it unchanged.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use netstate_localnet::{EngineConfig, Localnet};
//! let node = Localnet::start(EngineConfig::default(), 0).await?;
//! println!("JSON-RPC at {}", node.url());
//! node.stop().await;
//! # Ok(()) }
//! ```

pub mod cli;
pub mod engine;
pub mod fees;
pub mod ledger;
pub mod native;
pub mod record;
pub mod rpc;
pub mod server;

pub use engine::{Engine, EngineConfig, EngineError};
pub use ledger::LedgerError;
pub use server::{EngineHandle, Localnet, Ports, StartError};

/// The program ids at which this node serves netstate: its own, and with the `relocated`
/// feature also the relocated build's (the same source compiled at a second id, as
/// `anchor keys sync` makes a deployment of your own; see tests/relocated).
pub fn program_ids() -> Vec<solana_pubkey::Pubkey> {
    #[cfg_attr(not(feature = "relocated"), allow(unused_mut))]
    let mut ids = vec![netstate::ID];
    #[cfg(feature = "relocated")]
    ids.push(netstate_relocated::ID);
    ids
}
