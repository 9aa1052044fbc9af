//! # netstate-cli
//!
//! The `netstate` command: run a network state from a terminal. `main.rs` only parses and
//! prints; this library resolves where to connect (`config`), runs one command
//! (`commands/<noun>.rs`), whose typed result (`results/<noun>.rs`) is rendered as an
//! [`Output`] for people or, with `--output json`, for scripts. Tests call [`run`] in-process.

pub mod commands;
pub mod config;
pub mod context;
pub mod digest;
pub mod offline;
pub mod output;
pub mod program_id;
pub mod results;
pub mod rules;

use std::path::PathBuf;
use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use clap::{Args, Parser, Subcommand};
use netstate_client::pda;

pub use context::Context;
pub use output::{Output, OutputFormat};

/// Run a network state on Solana from a terminal.
///
/// With no --url and no Solana CLI config, every command runs against an embedded local
/// ledger kept in netstate's data directory, with a keypair created and funded there.
#[derive(Debug, Parser)]
#[command(name = "netstate", version, about, long_about = None)]
pub struct Cli {
    /// Connection, signer and output flags.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, named as in the Solana CLI.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "Global options (every command; as in the Solana CLI)")]
pub struct GlobalArgs {
    /// JSON-RPC URL or moniker: embedded (the local ledger in netstate's data directory),
    /// localhost, devnet, testnet, mainnet-beta.
    #[arg(short = 'u', long, global = true, value_name = "URL_OR_MONIKER")]
    pub url: Option<String>,
    /// Who signs and pays: a keypair file, stdin, prompt:// (a seed phrase), or a Ledger
    /// (usb://ledger, usb://ledger?key=0/0; built with `--features ledger`).
    #[arg(short = 'k', long, global = true, value_name = "KEYPAIR")]
    pub keypair: Option<PathBuf>,
    /// Commitment: processed, confirmed or finalized.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub commitment: Option<String>,
    /// Solana CLI config file (default ~/.config/solana/cli/config.yml).
    #[arg(short = 'C', long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The society to act on (default: the last one created or chosen with `society use`).
    #[arg(long, global = true, value_name = "NAME")]
    pub society: Option<String>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Display)]
    pub output: OutputFormat,
    /// Sign the command's transaction with the keys at hand and print the signatures
    /// instead of sending it (needs --blockhash).
    #[arg(long, global = true)]
    pub sign_only: bool,
    /// The blockhash to sign with (for --sign-only and for completing offline signatures).
    #[arg(long, global = true, value_name = "HASH")]
    pub blockhash: Option<String>,
    /// A signature made elsewhere with --sign-only, as PUBKEY=SIGNATURE (repeatable).
    #[arg(long = "signer", global = true, value_name = "PUBKEY=SIGNATURE")]
    pub signers: Vec<String>,
    /// Who pays the fee: a keypair (file, stdin, prompt://) or, when it signs elsewhere, an
    /// address (default: the signer).
    #[arg(long, global = true, value_name = "SIGNER")]
    pub fee_payer: Option<String>,
    /// A priority fee: this many micro-lamports per compute unit, with a compute unit limit
    /// set from a simulation plus a margin (as the Solana CLI does).
    #[arg(
        long,
        global = true,
        value_name = "MICROLAMPORTS",
        conflicts_with = "priority"
    )]
    pub with_compute_unit_price: Option<u64>,
    /// `auto`: a priority fee picked from the recent fees paid to write the same accounts
    /// (getRecentPrioritizationFees: their 75th percentile, at most 5 000 000
    /// micro-lamports per unit).
    #[arg(long, global = true, value_enum, value_name = "PRIORITY")]
    pub priority: Option<Priority>,
    /// Sign with this durable nonce account's value instead of a recent blockhash, so an
    /// offline signature stays valid until it is used (`netstate wallet nonce create`).
    #[arg(long, global = true, value_name = "ACCOUNT")]
    pub nonce: Option<String>,
    /// Who advances the nonce: a keypair, or its address when it signs elsewhere (default:
    /// the signer).
    #[arg(long, global = true, value_name = "SIGNER")]
    pub nonce_authority: Option<String>,
    /// The netstate program to use: a deployment at your own address (default: the
    /// `Anchor.toml` of the current workspace for the cluster, else the id this build was
    /// compiled with; docs/deploy.md).
    #[arg(long, global = true, value_name = "PUBKEY")]
    pub program_id: Option<String>,
}

/// How `--priority` picks a priority fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Priority {
    /// From the recent fees paid to write the transaction's accounts.
    Auto,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk a whole network state through its life on a throwaway embedded ledger (or, with
    /// --ledger DIR, a ledger kept for `netstate -u localhost ...` after a `netstate
    /// localnet --ledger DIR`); ends by drawing the map.
    Demo(commands::demo::DemoArgs),
    /// Draw the society's hubs on a world map (SVG, and PNG with --png).
    ///
    /// Example: netstate map --out solar.svg --png solar.png
    Map(commands::map::MapArgs),
    /// Serve read-only pages about the society (society, map, members, hubs, proposals,
    /// treasury) on this machine. Runs until Ctrl-C.
    ///
    /// Example: netstate dashboard --bind 127.0.0.1:8090
    Dashboard(commands::dashboard::DashboardArgs),
    /// Create, show, list and choose societies.
    #[command(subcommand)]
    Society(commands::society::SocietyCommand),
    /// Apply, sponsor, admit, leave, show and list members.
    #[command(subcommand)]
    Member(commands::member::MemberCommand),
    /// Register, retire, show and list the society's hubs.
    #[command(subcommand)]
    Node(commands::node::NodeCommand),
    /// Check in at a hub, co-signed by its operator's keypair; or redeem offline tickets.
    ///
    /// Examples:
    ///   netstate check-in lisbon --operator-keypair ./lisbon-door.json
    ///   netstate check-in redeem TICKET
    #[command(verbatim_doc_comment)]
    CheckIn(commands::check_in::CheckInCommand),
    /// The census: the State of the Network, its verification, closing its epochs.
    ///
    /// Examples:
    ///   netstate census
    ///   netstate census --epoch 692 --output json
    ///   netstate census verify
    ///   netstate census close
    #[command(verbatim_doc_comment)]
    Census(commands::census::CensusCommand),
    /// Treaties with other societies: propose, ratify, withdraw (each a proposal), list, show.
    #[command(subcommand)]
    Treaty(commands::treaty::TreatyCommand),
    /// Show and fund the society's treasury.
    #[command(subcommand)]
    Treasury(commands::treasury::TreasuryCommand),
    /// Propose, vote, finalize, execute and cancel.
    #[command(subcommand)]
    Proposal(commands::proposal::ProposalCommand),
    /// Make the chain match a genesis manifest (society, nodes, founding members).
    #[command(subcommand)]
    Genesis(commands::genesis::GenesisCommand),
    /// Run a local Solana node with netstate built in (JSON-RPC on 127.0.0.1), or move the
    /// clock of a local ledger.
    ///
    /// Examples:
    ///   netstate localnet                          # in memory, port 8899
    ///   netstate localnet --ledger ~/.netstate     # keep the state between runs
    ///   netstate localnet --ledger DIR --reset     # start DIR over from genesis
    ///   netstate localnet warp 3d                  # the embedded ledger's clock, 3 days on
    ///   netstate -u localhost localnet warp 90m    # a running local node's clock
    #[command(verbatim_doc_comment)]
    Localnet(LocalnetCommand),
    /// Run a hub's door: any Solana wallet checks in by scanning its QR code (Solana Pay),
    /// and a kiosk page shows the code and today's check-ins. Runs until Ctrl-C.
    ///
    /// Examples:
    ///   netstate door --node lisbon --operator-keypair lisbon-door.json
    ///   netstate door --node lisbon --operator-keypair lisbon-door.json --bind 0.0.0.0:8080 --public-url URL   # URL: https, where phones reach it
    ///   netstate door --node lisbon --operator-keypair lisbon-door.json --pay-fees --daily-budget 0.05
    ///   netstate door ticket WALLET --node lisbon --operator-keypair lisbon-door.json   # offline
    ///   netstate door sync QUEUE --operator-keypair lisbon-door.json
    #[command(verbatim_doc_comment)]
    Door(commands::door::DoorCommand),
    /// Make a keypair, print your address, see a balance, get SOL from a faucet.
    #[command(subcommand)]
    Wallet(commands::wallet::WalletCommand),
    /// Print the netstate program id in use (--program-id, else the workspace's Anchor.toml
    /// for the cluster, else the compiled-in id) and where it came from.
    ProgramId,
    /// Derive the address of a netstate account (offline).
    #[command(subcommand)]
    Address(AddressCommand),
}

/// `netstate localnet`: run a node, or act on a local ledger.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LocalnetCommand {
    /// What to do instead of running a node.
    #[command(subcommand)]
    pub action: Option<LocalnetAction>,
    /// Serve the embedded ledger (the one commands use without --url, in netstate's data
    /// directory): other commands keep using it as before, through this node, and so can any
    /// Solana client at the URL printed.
    #[arg(long, conflicts_with = "ledger")]
    pub embedded: bool,
    /// How to run the node.
    #[command(flatten)]
    pub args: netstate_localnet::cli::LocalnetArgs,
}

/// Actions on a local ledger.
#[derive(Debug, Subcommand)]
pub enum LocalnetAction {
    /// Move the clock forward: on the embedded ledger, or on a local node with -u localhost
    /// (or any 127.0.0.1 URL). Refused on public clusters, whose clock nobody moves.
    ///
    /// Example: netstate localnet warp 3d   (units: s, m or min, h, d, w; a bare number is seconds)
    Warp {
        /// How far: 90m, 36h, 3d, 1w, 45s.
        duration: String,
    },
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
        /// The member's wallet address (base58).
        wallet: String,
    },
    /// A node, by code: `netstate address node --society "The Solar State" lisbon`.
    Node {
        /// The node code (1..=16 of a-z, 0-9, '-', '_').
        code: String,
    },
    /// A society's treasury: `netstate address treasury "The Solar State"`.
    Treasury {
        /// The society's name.
        name: String,
    },
}

/// Why a command failed, in words for the person at the terminal, and by name for scripts
/// (`--output json` prints `{"error": {"name", "code", "message", "hint"}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// What went wrong, in a sentence.
    pub message: String,
    /// The error's stable name: the program's (`AlreadyCheckedInToday`), the runtime's, or
    /// `InvalidInput` for what the CLI refused itself.
    pub name: String,
    /// The program's error code, when the program refused.
    pub code: Option<u32>,
    /// What to do next, when there is something to say.
    pub hint: Option<String>,
}

impl CliError {
    /// A refusal by the CLI itself (bad input, a missing file...).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            name: "InvalidInput".into(),
            code: None,
            hint: None,
        }
    }

    /// The same error under another stable name (a door's `NotTheOperator`).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The same error with the code of the program's error of the same name (a refusal the
    /// CLI finds before sending, as the program would).
    pub fn with_code(mut self, code: u32) -> Self {
        self.code = Some(code);
        self
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The error as `--output json` prints it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "name": self.name,
                "code": self.code,
                "message": self.message,
                "hint": self.hint,
            }
        })
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} ({code}): {}", self.name, self.message)?,
            None => f.write_str(&self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CliError {}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::new(message)
    }
}

/// Checks a society name before deriving its address under the program `program_id`.
pub fn society_address(program_id: &Pubkey, name: &str) -> Result<Pubkey, CliError> {
    if name.is_empty() || name.len() > netstate_client::constants::MAX_SOCIETY_NAME_LEN {
        return Err(CliError::new(format!(
            "society name must be 1 to 32 bytes, got {} bytes: {name:?}",
            name.len()
        )));
    }
    Ok(pda::society(program_id, name).0)
}

/// Parses a base58 address, naming what it was for.
pub fn parse_pubkey(text: &str, what: &str) -> Result<Pubkey, CliError> {
    Pubkey::from_str(text)
        .map_err(|_| CliError::new(format!("not a base58 {what} address: {text:?}")))
}

/// The program id a command without a connection uses (see [`program_id::resolve`]).
pub fn offline_program(global: &GlobalArgs) -> Result<program_id::ProgramChoice, CliError> {
    program_id::resolve(
        global.program_id.as_deref(),
        &std::env::current_dir().unwrap_or_default(),
        context::Context::target_url(global)?.as_deref(),
    )
}

fn address(global: &GlobalArgs, command: AddressCommand) -> Result<Output, CliError> {
    let program = offline_program(global)?.id;
    let society = || {
        global
            .society
            .clone()
            .ok_or_else(|| CliError::new("name the society with --society NAME"))
    };
    let address = match command {
        AddressCommand::Society { name } => society_address(&program, &name)?,
        AddressCommand::Member { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            pda::member(&program, &society_address(&program, &society()?)?, &wallet).0
        }
        AddressCommand::Node { code } => {
            rules::check(
                netstate_client::Node::validate_code(&code),
                &format!("node code {code:?}"),
            )?;
            pda::node(&program, &society_address(&program, &society()?)?, &code).0
        }
        AddressCommand::Treasury { name } => {
            pda::treasury(&program, &society_address(&program, &name)?).0
        }
    };
    Ok(Output::new(results::Address {
        address: address.to_string(),
    }))
}

/// Runs a parsed command and returns its output.
pub async fn run(cli: Cli) -> Result<Output, CliError> {
    let Cli { global, command } = cli;
    match command {
        Command::ProgramId => {
            let program = offline_program(&global)?;
            Ok(Output::new(results::ProgramId {
                program_id: program.id.to_string(),
                source: program.source,
            }))
        }
        Command::Address(command) => address(&global, command),
        Command::Localnet(LocalnetCommand {
            action: Some(LocalnetAction::Warp { duration }),
            ..
        }) => {
            let seconds = output::parse_duration(&duration).map_err(CliError::new)?;
            if let Some(url) = Context::target_url(&global)?
                && !config::is_local_url(&url)
            {
                return Err(commands::localnet::not_local(&url));
            }
            let ctx = Context::connect(&global).await?;
            let result = commands::localnet::warp(&ctx, seconds).await;
            ctx.close().await;
            result
        }
        Command::Localnet(LocalnetCommand {
            mut args, embedded, ..
        }) => {
            let data = config::data_dir().map_err(CliError::new)?;
            let _shared = if embedded {
                if let Some(url) = context::shared_node(&data).await {
                    return Err(CliError::new(format!(
                        "another netstate command already serves the embedded ledger at {url}: point Solana clients there, or stop it first"
                    )));
                }
                args.ledger = Some(data.join("ledger"));
                let url = format!("http://127.0.0.1:{}", args.rpc_port);
                (args.rpc_port != 0)
                    .then(|| context::SharedLedger::announce(&data, &url))
                    .transpose()?
            } else {
                None
            };
            netstate_localnet::cli::run(args, global.output.is_json()).await?;
            // The node printed its own lines (started, stopped) as it went.
            Ok(Output::new(results::Nothing))
        }
        Command::Demo(args) => commands::demo::run(&global, args).await,
        Command::Door(commands::door::DoorCommand {
            action: Some(action @ commands::door::DoorAction::Ticket { .. }),
            ..
        }) => commands::door::ticket(&global, action).await,
        Command::Door(commands::door::DoorCommand {
            action: None,
            args: None,
        }) => Err(CliError::new(
            "give the hub and its key: netstate door --node CODE --operator-keypair FILE",
        )),
        Command::CheckIn(commands::check_in::CheckInCommand {
            action: None,
            args: None,
        }) => Err(CliError::new(
            "give the hub and its door: netstate check-in CODE --operator-keypair FILE (or check-in redeem TICKET)",
        )),
        Command::Wallet(command) if command.is_offline() => {
            commands::wallet::run_offline(&global, command)
        }
        command => {
            let ctx = Context::connect(&global).await?;
            let result = match command {
                Command::Society(c) => commands::society::run(&ctx, c).await,
                Command::Member(c) => commands::member::run(&ctx, c).await,
                Command::Node(c) => commands::node::run(&ctx, c).await,
                Command::CheckIn(commands::check_in::CheckInCommand {
                    action: Some(action),
                    ..
                }) => commands::check_in::redeem(&ctx, action).await,
                Command::CheckIn(commands::check_in::CheckInCommand {
                    args: Some(args), ..
                }) => commands::check_in::check_in(&ctx, args).await,
                Command::Treasury(c) => commands::treasury::run(&ctx, c).await,
                Command::Census(c) => commands::census::run(&ctx, c).await,
                Command::Treaty(c) => commands::treaty::run(&ctx, c).await,
                Command::Proposal(c) => commands::proposal::run(&ctx, c).await,
                Command::Genesis(c) => commands::genesis::run(&ctx, c).await,
                Command::Wallet(c) => commands::wallet::run(&ctx, c).await,
                Command::Map(args) => commands::map::map(&ctx, args).await,
                Command::Dashboard(args) => {
                    commands::dashboard::dashboard(&ctx, args, global.output.is_json()).await
                }
                Command::Door(commands::door::DoorCommand {
                    action: Some(action),
                    ..
                }) => commands::door::sync(&ctx, action).await,
                Command::Door(commands::door::DoorCommand {
                    args: Some(args), ..
                }) => commands::door::run(&ctx, args, global.output.is_json()).await,
                _ => Err(CliError::new("unreachable command")),
            };
            // With --sign-only the transaction was signed, not sent: that is the output.
            let result = match (result, ctx.signed_offline()) {
                (Ok(_), Some(signed)) => Ok(signed),
                (result, _) => result,
            };
            ctx.close().await;
            result
        }
    }
}
