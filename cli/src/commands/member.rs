//! `netstate member apply|sponsor|admit|leave|show|list`.

use clap::Subcommand;
use netstate_client::{ApplyArgs, Member, instructions as ix};
use solana_signer::Signer;

use crate::output::{date, table};
use crate::{CliError, Context, Output, parse_pubkey};

/// Member commands.
#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Apply to the society with your keypair.
    ///
    /// Example: netstate --society "The Solar State" member apply --handle ana
    Apply {
        /// Your handle (1..=32 bytes).
        #[arg(long)]
        handle: String,
        /// A profile URI (up to 64 bytes).
        #[arg(long, default_value = "")]
        profile: String,
    },
    /// Sponsor an applicant (you must be a citizen).
    Sponsor {
        /// The applicant's wallet.
        wallet: String,
    },
    /// Admit an applicant (steward only, during the startup stage).
    Admit {
        /// The applicant's wallet.
        wallet: String,
    },
    /// Leave the society and take your account's rent back.
    Leave,
    /// Show a membership (default: yours).
    Show {
        /// The member's wallet.
        wallet: Option<String>,
    },
    /// List the society's members.
    List,
}

/// A member as JSON.
pub fn member_json(address: &anchor_lang::prelude::Pubkey, m: &Member) -> serde_json::Value {
    serde_json::json!({
        "address": address.to_string(),
        "wallet": m.wallet.to_string(),
        "handle": m.handle,
        "status": format!("{:?}", m.status),
        "joinedAt": m.joined_at,
        "admittedAt": m.admitted_at,
        "sponsors": m.sponsor_count,
        "checkIns": m.check_in_count,
        "openProposals": m.open_proposals,
    })
}

/// Runs a member command.
pub async fn run(ctx: &Context, command: MemberCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.keypair.pubkey();
    let (instruction, what) = match command {
        MemberCommand::Apply { handle, profile } => (
            ix::apply(
                &me,
                &society,
                ApplyArgs {
                    handle: handle.clone(),
                    profile_uri: profile,
                },
            ),
            format!("Applied to {} as {handle:?}.", s.name),
        ),
        MemberCommand::Sponsor { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::sponsor(&me, &society, &wallet),
                format!("Sponsored {wallet}."),
            )
        }
        MemberCommand::Admit { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::admit_member(&me, &society, &wallet),
                format!("Admitted {wallet} as a citizen."),
            )
        }
        MemberCommand::Leave => (ix::leave(&me, &society), format!("Left {}.", s.name)),
        MemberCommand::Show { wallet } => {
            let wallet = match wallet {
                Some(w) => parse_pubkey(&w, "wallet")?,
                None => me,
            };
            let (address, m) = ctx
                .client
                .member(&society, &wallet)
                .await
                .map_err(|e| ctx.error(e))?
                .ok_or_else(|| {
                    CliError(format!(
                        "{wallet} is not a member of {}: apply with `netstate member apply`",
                        s.name
                    ))
                })?;
            let human = format!(
                "{} ({:?})\n  wallet:    {}\n  joined:    {}\n  admitted:  {}\n  check-ins: {}",
                m.handle,
                m.status,
                m.wallet,
                date(m.joined_at),
                date(m.admitted_at),
                m.check_in_count
            );
            return Ok(Output {
                human,
                json: member_json(&address, &m),
            });
        }
        MemberCommand::List => {
            let all = ctx
                .client
                .members(&society)
                .await
                .map_err(|e| ctx.error(e))?;
            let rows = all
                .iter()
                .map(|(_, m)| {
                    vec![
                        m.handle.clone(),
                        format!("{:?}", m.status),
                        m.wallet.to_string(),
                        m.check_in_count.to_string(),
                    ]
                })
                .collect::<Vec<_>>();
            return Ok(Output {
                human: table(&["HANDLE", "STATUS", "WALLET", "CHECK-INS"], &rows),
                json: serde_json::Value::Array(
                    all.iter().map(|(a, m)| member_json(a, m)).collect(),
                ),
            });
        }
    };
    let signature = ctx.send(&[instruction], &[]).await?;
    Ok(super::sent(
        ctx,
        what,
        signature,
        serde_json::json!({ "society": society.to_string() }),
    ))
}
