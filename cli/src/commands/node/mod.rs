//! `netstate node register|retire|show|list|budget|settle|spend|prove`: the hubs of a society.

mod budget;
mod spend;

pub use budget::{BudgetFlags, settle_after_execution};
pub use spend::SpendArgs;

use clap::{Args, Subcommand};
use netstate_client::{NodeSpec, instructions as ix};

use crate::commands::lookup::find_hub;
use crate::results::Sent;
use crate::results::node::{HubChange, HubView, ResidencyProof, hub_list};
use crate::{CliError, Context, Output, parse_pubkey};

/// Node commands.
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Register a hub (steward only, during the startup stage).
    ///
    /// Example: netstate node register lisbon --name "Lisbon House" --country PT --lat 38.7223 --lon -9.1393 --operator PUBKEY
    Register(NodeSpecArgs),
    /// Retire a hub: no new check-ins, history kept.
    Retire {
        /// The node code.
        code: String,
    },
    /// Show a hub.
    Show {
        /// The node code.
        code: String,
    },
    /// List the society's hubs.
    List,
    /// Whether a wallet was present at a hub on at least D days (simulated, free): prints
    /// the days, or fails with NotResidentLongEnough.
    ///
    /// Examples:
    ///   netstate node prove-residency lisbon --min-days 30 --wallet WALLET
    ///   netstate node prove-residency lisbon --min-days 10 --window 30   # 10 of the last 30 days
    #[command(verbatim_doc_comment)]
    ProveResidency {
        /// The hub's code.
        code: String,
        /// Days needed.
        #[arg(long, default_value_t = 1)]
        min_days: u32,
        /// Count only the last N days (1..=128, today included); by default every day.
        #[arg(long, value_name = "DAYS")]
        window: Option<u32>,
        /// The wallet (default: yours).
        #[arg(long)]
        wallet: Option<String>,
    },
    /// Hand a hub's door to a new operator key (steward only, during the startup stage;
    /// afterwards a set-node-operator proposal). The old key's offline tickets still count
    /// for the days before today, unless --revoke (a key lost or stolen).
    ///
    /// Example: netstate node set-operator lisbon --operator NEW_PUBKEY --revoke
    SetOperator {
        /// The hub's code.
        code: String,
        /// The new operator's key.
        #[arg(long, value_name = "PUBKEY")]
        operator: String,
        /// Void the old key's tickets at once.
        #[arg(long)]
        revoke: bool,
    },
    /// Show a hub's budget: the allowance, what the vault holds, what was spent this period,
    /// and every grant, settlement and spend (with its receipt's SHA-256).
    ///
    /// Example: netstate node budget lisbon
    Budget {
        /// The hub's code.
        code: String,
    },
    /// Settle a hub's budget (anyone, once per period): the treasury tops its vault up to
    /// the allowance, or the vault returns what is above it; an ended budget's vault goes
    /// back to the treasury.
    ///
    /// Example: netstate node settle lisbon
    Settle {
        /// The hub's code.
        code: String,
    },
    /// Spend from a hub's budget (its operator or keeper signs), recording what it paid for
    /// and the SHA-256 of the receipt file (or of the memo).
    ///
    /// Examples:
    ///   netstate node spend lisbon 0.2 --to WALLET --memo "plumber, invoice 2026-114"
    ///   netstate node spend lisbon 0.2 --to WALLET --memo "paint" --receipt invoice.pdf
    #[command(verbatim_doc_comment)]
    Spend(SpendArgs),
}

/// A hub as typed: shared by `node register` and `proposal create register-node`.
#[derive(Debug, Args)]
pub struct NodeSpecArgs {
    /// Short code, 1..=16 of a-z, 0-9, '-', '_'.
    pub code: String,
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    #[arg(long)]
    pub country: String,
    /// Latitude in degrees (up to 6 decimals).
    #[arg(long, allow_hyphen_values = true)]
    pub lat: String,
    /// Longitude in degrees (up to 6 decimals).
    #[arg(long, allow_hyphen_values = true)]
    pub lon: String,
    /// The key of the device at the door that co-signs check-ins.
    #[arg(long)]
    pub operator: String,
}

impl NodeSpecArgs {
    /// The node spec these flags describe.
    pub fn spec(&self) -> Result<NodeSpec, CliError> {
        node_spec(
            &self.code,
            &self.name,
            &self.country,
            &self.lat,
            &self.lon,
            &self.operator,
        )
    }
}

/// Builds a node spec from text fields (flags or a genesis manifest).
pub fn node_spec(
    code: &str,
    name: &str,
    country: &str,
    lat: &str,
    lon: &str,
    operator: &str,
) -> Result<NodeSpec, CliError> {
    let latitude_microdeg = micro_degrees(lat)?;
    let longitude_microdeg = micro_degrees(lon)?;
    // Said in degrees, as they were typed; the program checks micro-degrees.
    if latitude_microdeg.unsigned_abs() > netstate_client::constants::MAX_LATITUDE_MICRODEG as u32 {
        return Err(CliError::new(format!(
            "hub {code}: latitude must be between -90 and 90 degrees, got {lat}"
        )));
    }
    if longitude_microdeg.unsigned_abs() > netstate_client::constants::MAX_LONGITUDE_MICRODEG as u32
    {
        return Err(CliError::new(format!(
            "hub {code}: longitude must be between -180 and 180 degrees, got {lon}"
        )));
    }
    let spec = NodeSpec {
        code: code.to_string(),
        name: name.to_string(),
        country: country.as_bytes().try_into().map_err(|_| {
            CliError::new(format!(
                "hub {code}: country must be two letters like PT, got {country:?}"
            ))
        })?,
        latitude_microdeg,
        longitude_microdeg,
        operator: parse_pubkey(operator, "operator")?,
    };
    crate::rules::check(spec.validate(), &format!("hub {code:?}"))?;
    Ok(spec)
}

/// Degrees ("-9.139337") as integer micro-degrees, without floating point.
pub fn micro_degrees(text: &str) -> Result<i32, CliError> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let value = crate::output::parse_units(digits, 6).map_err(|_| {
        CliError::new(format!(
            "not a coordinate: {text:?} (degrees with up to 6 decimals, like -9.139337)"
        ))
    })?;
    let value = i32::try_from(value)
        .map_err(|_| CliError::new(format!("coordinate out of range: {text}")))?;
    Ok(if negative { -value } else { value })
}

/// Runs a node command.
pub async fn run(ctx: &Context, command: NodeCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    match command {
        NodeCommand::Register(args) => {
            let spec = args.spec()?;
            let (code, name) = (spec.code.clone(), spec.name.clone());
            let signature = ctx
                .send(
                    &[ix::register_node(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        spec,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                HubChange::Registered { code, name },
            )))
        }
        NodeCommand::Retire { code } => {
            let (_, node) = find_hub(ctx, &society, &s.name, &code).await?;
            let signature = ctx
                .send(
                    &[ix::retire_node(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &code,
                        node.country,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                HubChange::Retired { code },
            )))
        }
        NodeCommand::SetOperator {
            code,
            operator,
            revoke,
        } => {
            let operator = parse_pubkey(&operator, "operator")?;
            let (_, hub) = find_hub(ctx, &society, &s.name, &code).await?;
            if hub.operator == operator {
                return Err(CliError::new(format!(
                    "{operator} is hub {code}'s operator already"
                )));
            }
            let signature = ctx
                .send(
                    &[ix::set_node_operator(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &code,
                        &operator,
                        revoke,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                HubChange::OperatorChanged {
                    code,
                    operator: operator.to_string(),
                    previous_operator: hub.operator.to_string(),
                    previous_revoked: revoke,
                },
            )))
        }
        NodeCommand::ProveResidency {
            code,
            min_days,
            window,
            wallet,
        } => {
            let window_days = window.unwrap_or(0);
            if window.is_some_and(|w| w == 0 || w > netstate_client::constants::RECENT_DAYS) {
                return Err(CliError::new(format!(
                    "--window is 1..=128 days, got {window_days}"
                )));
            }
            let wallet = ctx.wallet_or_me(wallet.as_deref())?;
            find_hub(ctx, &society, &s.name, &code).await?;
            let residency = netstate_client::pda::residency(
                ctx.client.program_id(),
                &netstate_client::pda::node(ctx.client.program_id(), &society, &code).0,
                &wallet,
            )
            .0;
            if ctx.client.rpc().get_account(&residency).await.is_err() {
                return Err(CliError::new(format!(
                    "{wallet} has never checked in at {code}: 0 days present, {min_days} needed"
                )));
            }
            let days = ctx
                .client
                // The wallet pays the (never charged) fee of the simulation: it exists, since
                // it checked in, and no keypair is needed to read a proof.
                .prove_residency(&society, &code, &wallet, min_days, window_days, &wallet)
                .await
                .map_err(|e| ctx.error(e))?;
            Ok(Output::new(ResidencyProof {
                hub: code,
                wallet: wallet.to_string(),
                days_present: days,
                min_days,
                window_days: window,
                proven: true,
            }))
        }
        NodeCommand::Show { code } => {
            let (address, n) = find_hub(ctx, &society, &s.name, &code).await?;
            let mut view = HubView::new(&address, &n);
            view.budget = budget::in_words(ctx, &address).await;
            Ok(Output::new(view))
        }
        NodeCommand::Budget { code } => budget::show(ctx, &society, &s, &code).await,
        NodeCommand::Settle { code } => budget::settle(ctx, &society, &s, &code).await,
        NodeCommand::Spend(args) => spend::spend(ctx, &society, &s, args).await,
        NodeCommand::List => {
            let all = ctx.client.nodes(&society).await.map_err(|e| ctx.error(e))?;
            Ok(Output::new(hub_list(&all)))
        }
    }
}
