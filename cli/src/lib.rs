//! # netstate-cli
//!
//! The `netstate` command. This first slice works offline: it derives the addresses of a
//! society's accounts, so scripts and explorers can find them. Commands that send
//! transactions arrive with the client issue.

use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use clap::{Parser, Subcommand};
use netstate_client::{PROGRAM_ID, pda};

/// Run a network state on Solana from a terminal.
#[derive(Debug, Parser)]
#[command(name = "netstate", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the netstate program id.
    ProgramId,
    /// Derive the address of a netstate account (offline).
    #[command(subcommand)]
    Address(AddressCommand),
    /// Run a local Solana node with netstate built in (JSON-RPC on 127.0.0.1).
    ///
    /// Examples:
    ///   netstate localnet                          # in memory, port 8899
    ///   netstate localnet --ledger ~/.netstate     # keep the state between runs
    ///   netstate localnet --ledger DIR --reset     # start DIR over from genesis
    Localnet(netstate_localnet::cli::LocalnetArgs),
}

/// Which account's address to derive.
#[derive(Debug, Subcommand)]
pub enum AddressCommand {
    /// A society, by name: `netstate address society "The Solar State"`.
    Society {
        /// The society's name (1..=32 bytes).
        name: String,
    },
    /// A wallet's membership: `netstate address member --society "The Solar State" <WALLET>`.
    Member {
        /// The society's name.
        #[arg(long)]
        society: String,
        /// The member's wallet address (base58).
        wallet: String,
    },
    /// A node, by code: `netstate address node --society "The Solar State" lisbon`.
    Node {
        /// The society's name.
        #[arg(long)]
        society: String,
        /// The node code (1..=16 of a-z, 0-9, '-', '_').
        code: String,
    },
    /// A society's treasury: `netstate address treasury "The Solar State"`.
    Treasury {
        /// The society's name.
        name: String,
    },
}

/// Why a command failed, in words for the person at the terminal.
#[derive(Debug, PartialEq, Eq)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

fn society_address(name: &str) -> Result<Pubkey, CliError> {
    if name.is_empty() || name.len() > netstate_client::constants::MAX_SOCIETY_NAME_LEN {
        return Err(CliError(format!(
            "society name must be 1 to 32 bytes, got {} bytes: {name:?}",
            name.len()
        )));
    }
    Ok(pda::society(name).0)
}

/// Runs a parsed command and returns what to print.
pub fn run(cli: Cli) -> Result<String, CliError> {
    match cli.command {
        Command::Localnet(args) => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|e| CliError(format!("cannot start the async runtime: {e}")))?;
            runtime
                .block_on(netstate_localnet::cli::run(args))
                .map_err(CliError)?;
            Ok(String::new())
        }
        Command::ProgramId => Ok(PROGRAM_ID.to_string()),
        Command::Address(AddressCommand::Society { name }) => {
            Ok(society_address(&name)?.to_string())
        }
        Command::Address(AddressCommand::Member { society, wallet }) => {
            let wallet = Pubkey::from_str(&wallet)
                .map_err(|_| CliError(format!("not a base58 wallet address: {wallet:?}")))?;
            Ok(pda::member(&society_address(&society)?, &wallet)
                .0
                .to_string())
        }
        Command::Address(AddressCommand::Node { society, code }) => {
            netstate_client::Node::validate_code(&code)
                .map_err(|e| CliError(format!("invalid node code {code:?}: {e}")))?;
            Ok(pda::node(&society_address(&society)?, &code).0.to_string())
        }
        Command::Address(AddressCommand::Treasury { name }) => {
            Ok(pda::treasury(&society_address(&name)?).0.to_string())
        }
    }
}
