//! `netstate check-in CODE` at a hub's door (or `--visiting` a partner society's hub), and
//! `netstate check-in redeem` for offline tickets.

pub mod redeem;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use netstate_client::instructions as ix;
use solana_signer::Signer;

use crate::commands::lookup::find_hub;
use crate::results::Sent;
use crate::results::node::CheckedIn;
use crate::{CliError, Context, Output, parse_pubkey};

/// `netstate check-in`: at a hub's door, or `check-in redeem` for offline tickets.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CheckInCommand {
    /// What to do instead of checking in at a door.
    #[command(subcommand)]
    pub action: Option<CheckInAction>,
    /// The check-in at a door.
    #[command(flatten)]
    pub args: Option<CheckInArgs>,
}

/// Check-ins that are not at a door now.
#[derive(Debug, Subcommand)]
pub enum CheckInAction {
    /// Redeem offline tickets a door signed (`netstate door ticket`, or its kiosk page when
    /// the chain was out of reach); you pay the fees. Each hub, member and day counts once:
    /// redeeming a ticket again changes nothing.
    ///
    /// Examples:
    ///   netstate check-in redeem 4Xf...Q2
    ///   netstate check-in redeem --file tickets.txt
    #[command(verbatim_doc_comment)]
    Redeem {
        /// Tickets (base58).
        tickets: Vec<String>,
        /// A file of tickets, one per line.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
}

/// Redeems tickets, the signer paying.
pub async fn redeem(ctx: &Context, action: CheckInAction) -> Result<Output, CliError> {
    let CheckInAction::Redeem { tickets, file } = action;
    let tickets = redeem::gather(&tickets, file.as_deref())?;
    let payer = ctx.keypair()?;
    let result = redeem::redeem(ctx, &tickets, payer).await?;
    if result.counted + result.already_counted == 0 {
        let reasons: Vec<String> = result.refused.iter().map(|r| r.reason.clone()).collect();
        return Err(CliError::new(format!(
            "no ticket was redeemed: {}",
            reasons.join("; ")
        )));
    }
    Ok(Output::new(result))
}

/// `netstate check-in CODE --operator-keypair FILE`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("door").required(true))]
pub struct CheckInArgs {
    /// The node code.
    pub code: String,
    /// The operator's keypair (the device at the door): file, stdin or prompt://.
    #[arg(long, value_name = "FILE", group = "door")]
    pub operator_keypair: Option<PathBuf>,
    /// The operator's address, when the door signs elsewhere: its signature comes with
    /// --signer OPERATOR=SIGNATURE and --blockhash from the door's --sign-only output.
    #[arg(long, value_name = "PUBKEY", group = "door")]
    pub operator: Option<String>,
    /// The member checking in, when their key is elsewhere (the door signing first with
    /// --sign-only); default: the signer.
    #[arg(long, value_name = "WALLET")]
    pub member: Option<String>,
    /// Check in at a hub of the society HOST as a visitor, a citizen of your society
    /// (--society), under a treaty between them that provides for visits.
    #[arg(long, value_name = "HOST")]
    pub visiting: Option<String>,
}

/// Checks the context keypair in at a hub, co-signed by the operator keypair.
pub async fn check_in(ctx: &Context, args: CheckInArgs) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let operator_keypair = args
        .operator_keypair
        .as_deref()
        .map(crate::config::read_keypair)
        .transpose()?;
    let operator_address = match (&operator_keypair, &args.operator) {
        (Some(keypair), _) => keypair.pubkey(),
        (None, Some(text)) => parse_pubkey(text, "operator")?,
        (None, None) => {
            return Err(CliError::new(
                "give --operator-keypair FILE or --operator PUBKEY",
            ));
        }
    };
    let me = ctx.wallet_or_me(args.member.as_deref())?;
    if let Some(host_name) = &args.visiting {
        return visit(
            ctx,
            (society, &s),
            host_name,
            &args.code,
            me,
            operator_address,
            operator_keypair,
        )
        .await;
    }
    let (_, node) = find_hub(ctx, &society, &s.name, &args.code).await?;
    if node.operator != operator_address {
        return Err(CliError::new(format!(
            "{operator_address} is not the operator key of hub `{}` (its operator is {})",
            args.code, node.operator
        )));
    }
    ctx.require_member(&society, &s.name, &me).await?;
    let door: Vec<&(dyn Signer + Sync)> = operator_keypair
        .iter()
        .map(|k| k as &(dyn Signer + Sync))
        .collect();
    let signature = ctx
        .send(
            &[ix::check_in(
                ctx.client.program_id(),
                &me,
                &operator_address,
                &society,
                &args.code,
            )],
            &door,
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        CheckedIn {
            code: args.code,
            member: me.to_string(),
        },
    )))
}

/// `check-in CODE --visiting HOST`: `me`, a citizen of `home`, at HOST's hub `code`.
async fn visit(
    ctx: &Context,
    home: (anchor_lang::prelude::Pubkey, &netstate_client::Society),
    host_name: &str,
    code: &str,
    me: anchor_lang::prelude::Pubkey,
    operator: anchor_lang::prelude::Pubkey,
    operator_keypair: Option<solana_keypair::Keypair>,
) -> Result<Output, CliError> {
    let (home, home_society) = home;
    let (host, _) = ctx.society_named(host_name).await?;
    if host == home {
        return Err(CliError::new(format!(
            "{host_name} is your own society: check in without --visiting"
        )));
    }
    let (_, node) = find_hub(ctx, &host, host_name, code).await?;
    if node.operator != operator {
        return Err(CliError::new(format!(
            "{operator} is not the operator key of hub `{code}` (its operator is {})",
            node.operator
        )));
    }
    ctx.require_member(&home, &home_society.name, &me).await?;
    let door: Vec<&(dyn Signer + Sync)> = operator_keypair
        .iter()
        .map(|k| k as &(dyn Signer + Sync))
        .collect();
    let signature = ctx
        .send(
            &[ix::visit(
                ctx.client.program_id(),
                &me,
                &operator,
                &host,
                code,
                &home,
            )],
            &door,
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        CheckedIn {
            code: format!("{code} of {host_name} (a visit)"),
            member: me.to_string(),
        },
    )))
}
