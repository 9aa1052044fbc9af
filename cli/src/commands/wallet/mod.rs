//! `netstate wallet new|address|balance|airdrop|blockhash|nonce`: keys and lamports, without the
//! Solana CLI (durable nonces in `nonce.rs`).

mod nonce;

use std::path::PathBuf;

use clap::Subcommand;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::output::parse_units;
use crate::results::Sent;
use crate::results::wallet::{Airdropped, Balance, Blockhash, KeypairWritten};
use crate::{CliError, Context, GlobalArgs, Output, config};

/// Wallet commands.
#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Make a new keypair file (the Solana CLI's JSON format), never over an existing one
    /// unless --force.
    ///
    /// Example: netstate wallet new --outfile ./lisbon-door.json
    New {
        /// Where to write it (default: the keypair this command would sign with).
        #[arg(long, short = 'o', value_name = "FILE")]
        outfile: Option<PathBuf>,
        /// Replace an existing file (its key is lost).
        #[arg(long)]
        force: bool,
    },
    /// Print the signer's address (-k, the Solana config's keypair, or the embedded one).
    Address,
    /// Lamports held by an address (default: the signer's).
    Balance {
        /// The address (base58).
        address: Option<String>,
    },
    /// Print the cluster's latest blockhash (for --sign-only on a device that is offline
    /// later, and for the side that completes the transaction).
    Blockhash,
    /// Ask the cluster's faucet for SOL: the embedded ledger, a local node, devnet, testnet.
    ///
    /// Example: netstate wallet airdrop 2
    Airdrop {
        /// Amount in SOL.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// Who receives it (default: the signer).
        address: Option<String>,
    },
    /// Durable nonce accounts: create, show, advance.
    #[command(subcommand)]
    Nonce(nonce::NonceCommand),
}

impl WalletCommand {
    /// True for the commands that need no connection (`new`, `address`).
    pub fn is_offline(&self) -> bool {
        matches!(self, WalletCommand::New { .. } | WalletCommand::Address)
    }
}

/// Runs the commands that need no connection (see [`WalletCommand::is_offline`]).
pub fn run_offline(global: &GlobalArgs, command: WalletCommand) -> Result<Output, CliError> {
    match command {
        WalletCommand::New { outfile, force } => new(global, outfile, force),
        WalletCommand::Address => Context::signer(global).map(|k| {
            Output::new(crate::results::Address {
                address: k.pubkey().to_string(),
            })
        }),
        _ => Err(CliError::new("this wallet command needs a cluster")),
    }
}

fn new(global: &GlobalArgs, outfile: Option<PathBuf>, force: bool) -> Result<Output, CliError> {
    let path = match outfile {
        Some(path) => path,
        None => Context::signer_source(global)?.0,
    };
    if path.exists() && !force {
        return Err(CliError::new(format!(
            "{} already exists: pass --force to replace it (its key would be lost), or --outfile FILE",
            path.display()
        )));
    }
    let keypair = Keypair::new();
    config::write_keypair(&path, &keypair)?;
    Ok(Output::new(KeypairWritten {
        address: keypair.pubkey().to_string(),
        path: path.display().to_string(),
    }))
}

/// Runs the commands that talk to the cluster.
pub async fn run(ctx: &Context, command: WalletCommand) -> Result<Output, CliError> {
    let who = |address: Option<String>| ctx.wallet_or_me(address.as_deref());
    match command {
        WalletCommand::Balance { address } => {
            let address = who(address)?;
            let lamports = ctx
                .client
                .rpc()
                .get_balance(&address)
                .await
                .map_err(|e| ctx.error(e.into()))?;
            Ok(Output::new(Balance {
                address: address.to_string(),
                lamports,
            }))
        }
        WalletCommand::Airdrop { amount, address } => {
            let address = who(address)?;
            let lamports = parse_units(&amount, 9).map_err(CliError::new)?;
            if lamports == 0 {
                return Err(CliError::new("an airdrop of 0 SOL sends nothing"));
            }
            if config::is_mainnet(&ctx.url) {
                return Err(CliError::new(
                    "mainnet-beta has no faucet: SOL there is bought, not airdropped",
                ));
            }
            let signature =
                ctx.client.airdrop(&address, lamports).await.map_err(|e| {
                    CliError::new(format!("the faucet at {} refused: {e}", ctx.url))
                })?;
            let balance = ctx
                .client
                .rpc()
                .get_balance(&address)
                .await
                .map_err(|e| ctx.error(e.into()))?;
            Ok(Output::new(Sent::new(
                ctx,
                signature.to_string(),
                Airdropped {
                    address: address.to_string(),
                    lamports,
                    balance,
                },
            )))
        }
        WalletCommand::Blockhash => {
            let blockhash = ctx
                .client
                .rpc()
                .get_latest_blockhash()
                .await
                .map_err(|e| ctx.error(e.into()))?;
            Ok(Output::new(Blockhash {
                blockhash: blockhash.to_string(),
            }))
        }
        WalletCommand::Nonce(command) => nonce::run(ctx, command).await,
        WalletCommand::New { .. } | WalletCommand::Address => {
            Err(CliError::new("this wallet command runs offline"))
        }
    }
}
