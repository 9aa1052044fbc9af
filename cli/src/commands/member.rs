//! `netstate member apply|sponsor|admit|leave|show|list`.

use clap::Subcommand;
use netstate_client::{ApplyArgs, Member, instructions as ix};

use crate::results::Sent;
use crate::results::member::{
    HubResidency, MemberView, Membership, Residencies, SponsorshipsClosed, member_list,
};
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
        /// Apply as a citizen of the society HOME, under its treaty with this one (admitted
        /// at once, or counted as sponsors, as the treaty says).
        #[arg(long, value_name = "HOME")]
        by_treaty_from: Option<String>,
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
    /// Become a citizen by presence: in a society that admits by presence, once you were
    /// at its hubs on enough days of the last 128 (see `society show`).
    ClaimCitizenship,
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

/// Runs a member command.
pub async fn run(ctx: &Context, command: MemberCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    let (instruction, change) = match command {
        MemberCommand::Apply {
            handle,
            profile,
            by_treaty_from,
        } => (
            {
                crate::rules::check(Member::validate_handle(&handle), "--handle")?;
                crate::rules::check(Member::validate_profile_uri(&profile), "--profile")?;
                let args = ApplyArgs {
                    handle: handle.clone(),
                    profile_uri: profile,
                };
                match by_treaty_from {
                    None => ix::apply(&me, &society, args),
                    Some(home_name) => {
                        let (home, _) = ctx.client.society(&home_name).await.map_err(|e| match e {
                            netstate_client::ClientError::AccountNotFound(_) => CliError::new(
                                format!("no society called {home_name:?}: see `netstate society list`"),
                            ),
                            e => ctx.error(e),
                        })?;
                        ix::apply_by_treaty(&me, &society, &home, args)
                    }
                }
            },
            Membership::Applied {
                society: society.to_string(),
                name: s.name.clone(),
                handle,
            },
        ),
        MemberCommand::Sponsor { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::sponsor(&me, &society, &wallet),
                Membership::Sponsored {
                    society: society.to_string(),
                    wallet: wallet.to_string(),
                },
            )
        }
        MemberCommand::Admit { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::admit_member(&me, &society, &wallet),
                Membership::Admitted {
                    society: society.to_string(),
                    wallet: wallet.to_string(),
                },
            )
        }
        MemberCommand::ClaimCitizenship => {
            if let netstate_client::AdmissionPolicy::Presence { days_required } = s.admission {
                let (_, m) = ctx.require_member(&society, &s.name, &me).await?;
                let today = ctx.today().await?;
                let present = m.days_within(today, netstate_client::constants::RECENT_DAYS);
                if m.status == netstate_client::MemberStatus::Applicant
                    && present < u32::from(days_required)
                {
                    return Err(CliError::new(format!(
                        "present on {present} of the {days_required} day(s) {} asks for (in the last 128): check in on {} more",
                        s.name,
                        u32::from(days_required) - present
                    )));
                }
            }
            (
                ix::claim_citizenship(&me, &society),
                Membership::Claimed {
                    society: society.to_string(),
                    name: s.name.clone(),
                },
            )
        }
        MemberCommand::Leave => (
            ix::leave(&me, &society),
            Membership::Left {
                society: society.to_string(),
                name: s.name.clone(),
            },
        ),
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
            let today = ctx.today().await?;
            return Ok(Output::new(MemberView::new(
                &address,
                &m,
                &s.admission,
                today,
            )));
        }
        MemberCommand::Residency { wallet } => {
            let wallet = ctx.wallet_or_me(wallet.as_deref())?;
            let nodes = ctx.client.nodes(&society).await.map_err(|e| ctx.error(e))?;
            let residencies = ctx
                .client
                .residencies(&wallet)
                .await
                .map_err(|e| ctx.error(e))?;
            let today = ctx.today().await?;
            let here: Vec<HubResidency> = residencies
                .iter()
                .filter_map(|(_, r)| {
                    nodes
                        .iter()
                        .find(|(address, _)| *address == r.node)
                        .map(|(_, n)| HubResidency::new(&n.code, r, today))
                })
                .collect();
            return Ok(Output::new(Residencies {
                wallet: wallet.to_string(),
                society: s.name.clone(),
                residencies: here,
            }));
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
                return Ok(Output::new(SponsorshipsClosed {
                    society: s.name.clone(),
                    closed: 0,
                    lamports: 0,
                    signature: None,
                }));
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
            return Ok(Output::new(SponsorshipsClosed {
                society: s.name.clone(),
                closed: spent.len(),
                lamports,
                signature: Some(signature),
            }));
        }
        MemberCommand::List => {
            let all = ctx
                .client
                .members(&society)
                .await
                .map_err(|e| ctx.error(e))?;
            let today = ctx.today().await?;
            return Ok(Output::new(member_list(&all, &s.admission, today)));
        }
    };
    let signature = ctx.send(&[instruction], &[]).await?;
    Ok(Output::new(Sent::new(ctx, signature, change)))
}
