//! `netstate door`: run a hub's door (see the `netstate-door` crate) until Ctrl-C.

use std::path::PathBuf;

use clap::Args;
use netstate_door::{Door, DoorConfig};

use crate::results::Nothing;
use crate::results::door::{DoorClosed, DoorOpened};
use crate::{CliError, Context, Output};

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
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .map_err(|e| CliError::new(format!("cannot listen on {}: {e}", args.bind)))?;
    let bound = listener
        .local_addr()
        .map_err(|e| CliError::new(format!("cannot listen on {}: {e}", args.bind)))?;
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
        rpc_url: ctx.url.clone(),
        society: society.name.clone(),
        hub: args.node.clone(),
        operator,
        public_url,
        fee_budget,
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
    };
    say(&opened, json)?;
    if !door.public_url().starts_with("https://") {
        eprintln!(
            "note: wallets follow only https:// links; for phones, serve the door behind TLS and pass --public-url https://…"
        );
    }
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

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn closed() {
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
