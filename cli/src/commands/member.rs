//! `netstate member apply|sponsor|admit|leave|show|list`.

use clap::Subcommand;
use netstate_client::{ApplyArgs, Member, instructions as ix};

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
    /// Close the sponsorships you gave that no longer count (the applicant was admitted,
    /// left, or applied again): their rent comes back to you.
    CloseSponsorships,
    /// Days present at each of the society's hubs (default: yours).
    Residency {
        /// The member's wallet.
        wallet: Option<String>,
    },
}

/// Where an application stands, in words: "1 of 2 sponsors" while sponsors are counted.
pub fn progress(m: &Member, admission: &netstate_client::AdmissionPolicy) -> Option<String> {
    match (m.status, admission) {
        (
            netstate_client::MemberStatus::Applicant,
            netstate_client::AdmissionPolicy::Sponsored { sponsors_required },
        ) => Some(format!(
            "{} of {sponsors_required} sponsors",
            m.sponsor_count
        )),
        (netstate_client::MemberStatus::Applicant, _) => {
            Some("waiting for admission by the steward or a proposal".into())
        }
        _ => None,
    }
}

/// A member as JSON.
pub fn member_json(address: &anchor_lang::prelude::Pubkey, m: &Member) -> serde_json::Value {
    serde_json::json!({
        "address": address.to_string(),
        "wallet": m.wallet.to_string(),
        "handle": m.handle,
        "status": format!("{:?}", m.status),
        "joinedAt": m.joined_at,
        "admittedAt": crate::output::time(m.admitted_at),
        "sponsors": m.sponsor_count,
        "checkIns": m.check_in_count,
        "openProposals": m.open_proposals,
    })
}

/// Runs a member command.
pub async fn run(ctx: &Context, command: MemberCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    let (instruction, what) = match command {
        MemberCommand::Apply { handle, profile } => (
            {
                crate::rules::check(Member::validate_handle(&handle), "--handle")?;
                crate::rules::check(Member::validate_profile_uri(&profile), "--profile")?;
                ix::apply(
                    &me,
                    &society,
                    ApplyArgs {
                        handle: handle.clone(),
                        profile_uri: profile,
                    },
                )
            },
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
            let wallet = ctx.wallet_or_me(wallet.as_deref())?;
            let (address, m) = ctx
                .client
                .member(&society, &wallet)
                .await
                .map_err(|e| ctx.error(e))?
                .ok_or_else(|| {
                    CliError::new(format!(
                        "{wallet} is not a member of {}: apply with `netstate member apply`",
                        s.name
                    ))
                })?;
            let mut human = format!(
                "{} ({:?})\n  wallet:    {}\n  joined:    {}\n  admitted:  {}\n  check-ins: {}",
                m.handle,
                m.status,
                m.wallet,
                date(m.joined_at),
                date(m.admitted_at),
                m.check_in_count
            );
            let progress = progress(&m, &s.admission);
            if let Some(progress) = &progress {
                human.push_str(&format!("\n  progress:  {progress}"));
            }
            let mut json = member_json(&address, &m);
            json["progress"] = progress.into();
            return Ok(Output { human, json });
        }
        MemberCommand::Residency { wallet } => {
            let wallet = ctx.wallet_or_me(wallet.as_deref())?;
            let nodes = ctx.client.nodes(&society).await.map_err(|e| ctx.error(e))?;
            let residencies = ctx
                .client
                .residencies(&wallet)
                .await
                .map_err(|e| ctx.error(e))?;
            let here: Vec<(String, &netstate_client::Residency)> = residencies
                .iter()
                .filter_map(|(_, r)| {
                    nodes
                        .iter()
                        .find(|(address, _)| *address == r.node)
                        .map(|(_, n)| (n.code.clone(), r))
                })
                .collect();
            let day = |d: u32| date(i64::from(d) * 86_400)[..10].to_string();
            let rows = here
                .iter()
                .map(|(code, r)| {
                    vec![
                        code.clone(),
                        r.days_present.to_string(),
                        day(r.first_day),
                        day(r.last_day),
                    ]
                })
                .collect::<Vec<_>>();
            let human = if rows.is_empty() {
                format!("{wallet} has not checked in at any hub of {} yet.", s.name)
            } else {
                table(&["HUB", "DAYS PRESENT", "FIRST DAY", "LAST DAY"], &rows)
            };
            return Ok(Output {
                human,
                json: serde_json::json!({
                    "wallet": wallet.to_string(),
                    "residencies": here.iter().map(|(code, r)| serde_json::json!({
                        "hub": code,
                        "daysPresent": r.days_present,
                        "firstDay": r.first_day,
                        "lastDay": r.last_day,
                    })).collect::<Vec<_>>(),
                }),
            });
        }
        MemberCommand::CloseSponsorships => {
            let sponsor = solana_signer::Signer::pubkey(ctx.keypair()?);
            let mine = ctx
                .client
                .sponsorships_by(&sponsor)
                .await
                .map_err(|e| ctx.error(e))?;
            let mut spent = Vec::new();
            for (address, sponsorship) in mine.iter().filter(|(_, s)| s.society == society) {
                let applicant: Option<Member> = ctx.client.account(&sponsorship.member).await.ok();
                if sponsorship.is_spent(applicant.as_ref()) {
                    spent.push((*address, sponsorship.member));
                }
            }
            if spent.is_empty() {
                return Ok(Output {
                    human: format!("No spent sponsorships of yours in {}.", s.name),
                    json: serde_json::json!({ "closed": 0, "lamports": 0 }),
                });
            }
            let mut lamports = 0;
            for (address, _) in &spent {
                lamports += ctx.client.rpc().get_balance(address).await.unwrap_or(0);
            }
            let mut signature = String::new();
            for chunk in spent.chunks(8) {
                let closes: Vec<_> = chunk
                    .iter()
                    .map(|(_, applicant)| ix::close_sponsorship_of(&society, applicant, &sponsor))
                    .collect();
                signature = ctx.send(&closes, &[]).await?;
            }
            return Ok(super::sent(
                ctx,
                format!(
                    "Closed {} spent sponsorship(s): {} back to you.",
                    spent.len(),
                    crate::output::sol(lamports)
                ),
                signature,
                serde_json::json!({ "closed": spent.len(), "lamports": lamports }),
            ));
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
                        match progress(m, &s.admission) {
                            Some(p) => format!("{:?} ({p})", m.status),
                            None => format!("{:?}", m.status),
                        },
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
