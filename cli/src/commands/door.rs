//! `netstate door`: run a hub's door (see the `netstate-door` crate) until Ctrl-C;
//! `netstate door ticket` signs an offline ticket; `netstate door sync` redeems the queue.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use netstate_door::{Door, DoorConfig};

use crate::results::Nothing;
use crate::results::door::{DoorClosed, DoorOpened};
use crate::{CliError, Context, Output};

/// `netstate door`: run the door, or act for it.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct DoorCommand {
    /// What to do instead of running the door.
    #[command(subcommand)]
    pub action: Option<DoorAction>,
    /// How to run the door.
    #[command(flatten)]
    pub args: Option<DoorArgs>,
}

/// What a door does besides serving.
#[derive(Debug, Subcommand)]
pub enum DoorAction {
    /// Sign an offline ticket: WALLET was at this hub today (this machine's UTC day, or
    /// --day). Needs no network; anyone redeems it later (`netstate check-in redeem`).
    ///
    /// Example: netstate door ticket WALLET --node lisbon --operator-keypair lisbon-door.json
    Ticket {
        /// The member's wallet.
        wallet: String,
        /// The hub's code.
        #[arg(long, value_name = "CODE")]
        node: String,
        /// The hub operator's keypair.
        #[arg(long, value_name = "FILE")]
        operator_keypair: PathBuf,
        /// The day, YYYY-MM-DD (UTC); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
        /// Append the ticket to this queue file too (for `door sync`).
        #[arg(long, value_name = "FILE")]
        queue: Option<PathBuf>,
    },
    /// Redeem a door's queue of offline tickets, several per transaction, the operator
    /// paying; the queue keeps only the tickets refused (with their reasons printed).
    ///
    /// Example: netstate door sync ~/.local/share/netstate/door-lisbon-tickets.txt --operator-keypair lisbon-door.json
    Sync {
        /// The queue file (one base58 ticket per line).
        queue: PathBuf,
        /// The keypair that pays (the hub operator's).
        #[arg(long, value_name = "FILE")]
        operator_keypair: PathBuf,
    },
}

/// How to run a door.
#[derive(Debug, Args)]
pub struct DoorArgs {
    /// The hub's code.
    #[arg(long, value_name = "CODE")]
    pub node: String,
    /// The hub operator's keypair: the door signs check-ins with it.
    #[arg(long, value_name = "FILE")]
    pub operator_keypair: PathBuf,
    /// Where to listen (port 0 picks a free port).
    #[arg(long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The URL wallets reach the door at (wallets accept only https:// links); by default
    /// http:// and the bound address, for trying it on this machine.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// The door pays the check-ins' fees (members still pay their record's rent the first
    /// time), up to --daily-budget.
    #[arg(long)]
    pub pay_fees: bool,
    /// With --pay-fees: the most the door spends on fees per UTC day, in SOL.
    #[arg(
        long,
        value_name = "SOL",
        default_value = "0.01",
        requires = "pay_fees"
    )]
    pub daily_budget: String,
    /// Where the kiosk appends the offline tickets it signs while the chain is out of
    /// reach (default: door-CODE-tickets.txt in netstate's data directory).
    #[arg(long, value_name = "FILE")]
    pub queue: Option<PathBuf>,
}

/// Runs the door until Ctrl-C or SIGTERM; prints where it is as soon as it is open.
pub async fn run(ctx: &Context, args: DoorArgs, json: bool) -> Result<Output, CliError> {
    crate::rules::check(netstate_client::Node::validate_code(&args.node), "--node")?;
    let operator = crate::config::read_keypair(&args.operator_keypair)?;
    let fee_budget = if args.pay_fees {
        let lamports = crate::output::parse_units(&args.daily_budget, 9)
            .map_err(|e| CliError::new(format!("--daily-budget: {e}")))?;
        if lamports == 0 {
            return Err(CliError::new(
                "--daily-budget 0 pays for nothing: give an amount in SOL, or drop --pay-fees",
            ));
        }
        Some(lamports)
    } else {
        None
    };
    let (_, society) = ctx.society().await?;
    let queue = match args.queue {
        Some(path) => path,
        None => crate::config::data_dir()?.join(format!("door-{}-tickets.txt", args.node)),
    };
    let (listener, bound) = super::listen(&args.bind).await?;
    let public_url = match args.public_url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => url,
        Some(url) => {
            return Err(CliError::new(format!(
                "--public-url must be an http(s) URL like https://door.example.org, got {url:?}"
            )));
        }
        None => format!("http://{bound}"),
    };
    let door = Door::open(DoorConfig {
        client: ctx.client.clone(),
        society: society.name.clone(),
        hub: args.node.clone(),
        operator,
        public_url,
        fee_budget,
        queue: Some(queue.clone()),
    })
    .await
    .map_err(|e| CliError::new(e.to_string()).named(e.name()))?;
    let (hub, name, society_name) = door.names();
    let opened = DoorOpened {
        hub: hub.to_string(),
        name: name.to_string(),
        society: society_name.to_string(),
        operator: door.operator().to_string(),
        kiosk: format!("{}/", door.public_url()),
        solana_pay: door.solana_pay_url(),
        fee_budget_lamports: fee_budget,
        ticket_queue: queue.display().to_string(),
    };
    say(&opened, json)?;
    if !door.public_url().starts_with("https://") {
        eprintln!(
            "note: wallets follow only https:// links; for phones, serve the door behind TLS and pass --public-url https://…"
        );
    }
    // While the door holds the embedded ledger, other commands use its node.
    let _shared = ctx.share_embedded()?;
    door.serve(listener, closed())
        .await
        .map_err(|e| CliError::new(format!("the door stopped: {e}")))?;
    say(
        &DoorClosed {
            hub: args.node,
            check_ins_signed: door.offers_signed(),
        },
        json,
    )?;
    // Both lines were printed as they happened (one JSON document per line with --output
    // json, like `netstate localnet`).
    Ok(Output::new(Nothing))
}

/// Prints one line as it happens: text, or one compact JSON document.
fn say<T: serde::Serialize + std::fmt::Display>(line: &T, json: bool) -> Result<(), CliError> {
    let text = if json {
        serde_json::to_string(line).map_err(|e| CliError::new(e.to_string()))?
    } else {
        line.to_string()
    };
    crate::output::print_line(&text)
        .map_err(|e| CliError::new(format!("cannot write the output: {e}")))
}

/// `door ticket`: signs offline.
/// How long `door ticket` waits for the cluster's day before it takes this machine's.
const CLUSTER_DAY_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The cluster's UTC day, if it answers within [`CLUSTER_DAY_WAIT`] (a door with no network
/// takes its own clock's day instead).
async fn cluster_day(global: &crate::GlobalArgs) -> Option<u32> {
    let asked = async {
        let ctx = Context::connect(global).await.ok()?;
        let day = ctx.today().await.ok();
        ctx.close().await;
        day
    };
    tokio::time::timeout(CLUSTER_DAY_WAIT, asked)
        .await
        .ok()
        .flatten()
}

pub async fn ticket(global: &crate::GlobalArgs, action: DoorAction) -> Result<Output, CliError> {
    let DoorAction::Ticket {
        wallet,
        node,
        operator_keypair,
        day,
        queue,
    } = action
    else {
        return Err(CliError::new("not a ticket"));
    };
    crate::rules::check(netstate_client::Node::validate_code(&node), "--node")?;
    let wallet = crate::parse_pubkey(&wallet, "wallet")?;
    let operator = crate::config::read_keypair(&operator_keypair)?;
    let society_name = match &global.society {
        Some(name) => name.clone(),
        None => crate::config::data_dir()
            .ok()
            .and_then(|dir| crate::context::saved_society(&dir))
            .ok_or_else(|| CliError::new("name the society with --society NAME"))?,
    };
    let program = crate::offline_program(global)?.id;
    let society = crate::society_address(&program, &society_name)?;
    // The day the program will judge the ticket by is the cluster's: take it when the
    // cluster answers (a local ledger's clock may have been moved), else this machine's.
    let (day, day_from) = match day {
        Some(text) => (crate::output::parse_date(&text, "--day")?, "--day"),
        None => match cluster_day(global).await {
            Some(day) => (day, "the cluster's clock"),
            None => (
                u32::try_from(netstate_door::token::now().div_euclid(86_400))
                    .map_err(|_| CliError::new("this machine's clock is out of range"))?,
                "this machine's clock (the cluster did not answer)",
            ),
        },
    };
    let signed = netstate_client::tickets::SignedTicket::sign(
        &operator,
        &program,
        society,
        netstate_client::pda::node(&program, &society, &node).0,
        wallet,
        day,
    );
    let text = signed.to_base58();
    if let Some(path) = &queue {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| writeln!(f, "{text}"))
            .map_err(|e| CliError::new(format!("cannot append to {}: {e}", path.display())))?;
    }
    Ok(Output::new(crate::results::tickets::TicketIssued {
        ticket: text,
        wallet: wallet.to_string(),
        hub: node,
        society: society_name,
        day: netstate_door::day_text(i64::from(day)),
        day_from: day_from.to_string(),
        queued_in: queue.map(|p| p.display().to_string()),
    }))
}

/// `door sync`: redeems the queue and keeps only what was refused.
pub async fn sync(ctx: &Context, action: DoorAction) -> Result<Output, CliError> {
    let DoorAction::Sync {
        queue,
        operator_keypair,
    } = action
    else {
        return Err(CliError::new("not a sync"));
    };
    let payer = crate::config::read_keypair(&operator_keypair)?;
    // No queue yet, or an empty one: the kiosk signed no ticket, so there is nothing to do.
    let queued = std::fs::read_to_string(&queue).unwrap_or_default();
    if queued.trim().is_empty() {
        return Ok(Output::new(crate::results::tickets::Redeemed {
            queue: Some(queue.display().to_string()),
            ..Default::default()
        }));
    }
    let tickets = super::check_in::redeem::gather(&[], Some(&queue))?;
    let mut result = super::check_in::redeem::redeem(ctx, &tickets, &payer).await?;
    let kept: String = result
        .refused
        .iter()
        .map(|r| format!("{}\n", r.ticket))
        .collect();
    std::fs::write(&queue, kept)
        .map_err(|e| CliError::new(format!("cannot rewrite {}: {e}", queue.display())))?;
    result.queue = Some(queue.display().to_string());
    Ok(Output::new(result))
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn closed() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
