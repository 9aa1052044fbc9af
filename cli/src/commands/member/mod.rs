//! `netstate member apply|sponsor|admit|leave|claim-citizenship|show|list|close-sponsorships|pay-dues|mark-lapsed|residency`,
//! with `member exit` in `exit.rs` and `member list` in `list.rs`.

mod exit;
mod list;

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
    /// List the society's members by handle, a page at a time (or all of them, streamed).
    ///
    /// Examples:
    ///   netstate member list                      # the first 100
    ///   netstate member list --offset 100 --limit 50
    ///   netstate member list --all --output json  # every member, one per line as it is read
    ///   netstate member list --after WALLET       # large societies: the next page by wallet
    #[command(verbatim_doc_comment)]
    List {
        /// Members per page (1..=1000).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
        /// Members to skip, by handle order.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Every member, streamed as each hundred is read (ignores --limit and --offset): by
        /// handle, or in wallet order in a society of 10 000 members or more.
        #[arg(long)]
        all: bool,
        /// Continue in wallet order after this wallet: the cursor a page of a large society
        /// ends with.
        #[arg(long, value_name = "WALLET", conflicts_with_all = ["offset", "all"])]
        after: Option<String>,
        /// Only the members whose dues lapsed.
        #[arg(long, conflicts_with_all = ["offset", "all", "after"])]
        lapsed: bool,
    },
    /// Close the sponsorships you gave that no longer count (the applicant was admitted,
    /// left, or applied again): their rent comes back to you.
    CloseSponsorships,
    /// Pay dues into the treasury, for yourself or (with --for) anyone: a sponsor, a
    /// scholarship. A lapsed member is a citizen again once paid.
    ///
    /// Example: netstate member pay-dues --periods 12
    PayDues {
        /// Periods to pay (1..=120).
        #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=120))]
        periods: u32,
        /// The member paid for (default: you).
        #[arg(long = "for", value_name = "WALLET")]
        wallet: Option<String>,
    },
    /// Mark a citizen whose dues lapsed beyond the grace period as lapsed (anyone may): no
    /// vote, proposal or sponsorship until paid again.
    MarkLapsed {
        /// The citizen's wallet.
        wallet: String,
    },
    /// Exit with your earned share: burn AMOUNT (default: all) of your vested contribution
    /// tokens for the same fraction of the treasury's exit basket (SOL, and the mints the
    /// society lists), after what passed payments set aside. Without --yes it only shows
    /// what you would receive. Membership is not needed: `member leave` is separate.
    ///
    /// Examples:
    ///   netstate member exit            # what all your tokens would pay; nothing is sent
    ///   netstate member exit 10 --yes   # burn 10 tokens for their share
    #[command(verbatim_doc_comment)]
    Exit {
        /// Tokens to burn, in the token's units (default: all you hold).
        #[arg(allow_negative_numbers = true)]
        amount: Option<String>,
        /// Send it (without it, only the quote is shown).
        #[arg(long)]
        yes: bool,
        /// Exit without the basket assets whose treasury account their issuer froze: their
        /// share stays in the treasury (without it, such an exit is refused and says so).
        #[arg(long)]
        skip_frozen: bool,
    },
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
                    None => ix::apply(ctx.client.program_id(), &me, &society, args),
                    Some(home_name) => {
                        let (home, _) = ctx.society_named(&home_name).await?;
                        ix::apply_by_treaty(ctx.client.program_id(), &me, &society, &home, args)
                    }
                }
            },
            Membership::Applied {
                society: society.to_string(),
                name: s.name.clone(),
                handle,
                admitted: false,
            },
        ),
        MemberCommand::Sponsor { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::sponsor(ctx.client.program_id(), &me, &society, &wallet),
                Membership::Sponsored {
                    society: society.to_string(),
                    wallet: wallet.to_string(),
                },
            )
        }
        MemberCommand::Admit { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            (
                ix::admit_member(ctx.client.program_id(), &me, &society, &wallet),
                Membership::Admitted {
                    society: society.to_string(),
                    wallet: wallet.to_string(),
                },
            )
        }
        MemberCommand::ClaimCitizenship => {
            claimable(ctx, &society, &s, &me).await?;
            (
                ix::claim_citizenship(ctx.client.program_id(), &me, &society),
                Membership::Claimed {
                    society: society.to_string(),
                    name: s.name.clone(),
                },
            )
        }
        MemberCommand::Exit {
            amount,
            yes,
            skip_frozen,
        } => return exit::exit(ctx, amount, yes, skip_frozen).await,
        MemberCommand::PayDues { periods, wallet } => {
            return pay_dues(ctx, &society, &s, periods, wallet).await;
        }
        MemberCommand::MarkLapsed { wallet } => {
            let wallet = parse_pubkey(&wallet, "wallet")?;
            lapsable(ctx, &society, &s, &wallet).await?;
            (
                ix::mark_lapsed(ctx.client.program_id(), &society, &wallet),
                Membership::Lapsed {
                    society: society.to_string(),
                    name: s.name.clone(),
                    wallet: wallet.to_string(),
                },
            )
        }
        MemberCommand::Leave => (
            ix::leave(ctx.client.program_id(), &me, &society),
            Membership::Left {
                society: society.to_string(),
                name: s.name.clone(),
            },
        ),
        MemberCommand::Show { wallet } => {
            return show(ctx, &society, &s, wallet).await;
        }
        MemberCommand::Residency { wallet } => {
            return residency(ctx, &society, &s, wallet).await;
        }
        MemberCommand::CloseSponsorships => {
            return close_sponsorships(ctx, &society, &s).await;
        }
        MemberCommand::List { lapsed: true, .. } => {
            let members = ctx
                .client
                .members_with_status(&society, netstate_client::MemberStatus::Lapsed)
                .await
                .map_err(|e| ctx.error(e))?;
            let today = ctx.today().await?;
            return Ok(Output::new(member_list(&members, &s.admission, today)));
        }
        MemberCommand::List {
            limit,
            offset,
            all,
            after,
            ..
        } => {
            let after = after.map(|w| parse_pubkey(&w, "--after")).transpose()?;
            return list::run(ctx, &society, &s, limit, offset, all, after).await;
        }
    };
    let signature = ctx.send(&[instruction], &[]).await?;
    let change = match change {
        // Say what the application made of the wallet: a citizen at once, or an applicant.
        Membership::Applied {
            society: address,
            name,
            handle,
            ..
        } => {
            let admitted = ctx
                .client
                .member(&society, &me)
                .await
                .map_err(|e| ctx.error(e))?
                .is_some_and(|(_, m)| m.status == netstate_client::MemberStatus::Citizen);
            Membership::Applied {
                society: address,
                name,
                handle,
                admitted,
            }
        }
        other => other,
    };
    Ok(Output::new(Sent::new(ctx, signature, change)))
}

/// Fails, saying how many more days, when a society admitting by presence has not yet seen
/// the applicant `me` on enough days.
async fn claimable(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    me: &anchor_lang::prelude::Pubkey,
) -> Result<(), CliError> {
    if let netstate_client::AdmissionPolicy::Presence { days_required } = s.admission {
        let (_, m) = ctx.require_member(society, &s.name, me).await?;
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
    Ok(())
}

/// `member show`: one member of the society, the signer when no wallet is given.
async fn show(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    wallet: Option<String>,
) -> Result<Output, CliError> {
    let wallet = ctx.wallet_or_me(wallet.as_deref())?;
    let (address, m) = ctx
        .client
        .member(society, &wallet)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| {
            CliError::new(format!(
                "{wallet} is not a member of {}: apply with `netstate member apply`",
                s.name
            ))
        })?;
    let today = ctx.today().await?;
    Ok(Output::new(MemberView::new(
        &address,
        &m,
        &s.admission,
        today,
    )))
}

/// `member residency`: where a member (the signer by default) lives, hub by hub.
async fn residency(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    wallet: Option<String>,
) -> Result<Output, CliError> {
    let wallet = ctx.wallet_or_me(wallet.as_deref())?;
    let nodes = ctx.client.nodes(society).await.map_err(|e| ctx.error(e))?;
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
    Ok(Output::new(Residencies {
        wallet: wallet.to_string(),
        society: s.name.clone(),
        residencies: here,
    }))
}

/// `member close-sponsorships`: closes the signer's spent sponsorships and returns their rent.
async fn close_sponsorships(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
) -> Result<Output, CliError> {
    let sponsor = solana_signer::Signer::pubkey(ctx.keypair()?);
    let mine = ctx
        .client
        .sponsorships_by(&sponsor)
        .await
        .map_err(|e| ctx.error(e))?;
    let mut spent = Vec::new();
    for (address, sponsorship) in mine.iter().filter(|(_, s)| s.society == *society) {
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
            .map(|(_, applicant)| {
                ix::close_sponsorship_of(ctx.client.program_id(), society, applicant, &sponsor)
            })
            .collect();
        signature = ctx.send(&closes, &[]).await?;
    }
    Ok(Output::new(SponsorshipsClosed {
        society: s.name.clone(),
        closed: spent.len(),
        lamports,
        signature: Some(signature),
    }))
}

/// Fails, saying why, unless `wallet` is a citizen whose dues have lapsed past their grace.
async fn lapsable(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    wallet: &anchor_lang::prelude::Pubkey,
) -> Result<(), CliError> {
    let (_, m) = ctx
        .client
        .member(society, wallet)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| CliError::new(format!("{wallet} is not a member of {}", s.name)))?;
    if !s.dues.active() {
        return Err(CliError::new(format!("{} charges no dues", s.name)));
    }
    let now = ctx.client.unix_time().await.map_err(|e| ctx.error(e))?;
    if !m.is_citizen() || !s.dues.lapsed(m.paid_until, m.admitted_at, now) {
        let due = m.paid_until.max(s.dues.since).max(m.admitted_at) + i64::from(s.dues.grace_secs);
        return Err(CliError::new(format!(
            "{} ({wallet}) is {}: {}",
            m.handle,
            netstate_client::describe::standing_phrase(m.status),
            if m.is_citizen() {
                format!(
                    "paid until {}, lapsable after {}",
                    crate::output::date(m.paid_until.max(m.admitted_at)),
                    crate::output::date(due)
                )
            } else {
                "only a citizen can be marked lapsed".to_string()
            }
        )));
    }
    Ok(())
}

/// `member pay-dues`: SOL or the society's dues token, for `wallet` (default: the caller).
async fn pay_dues(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    periods: u32,
    wallet: Option<String>,
) -> Result<Output, CliError> {
    let me = ctx.me();
    let wallet = ctx.wallet_or_me(wallet.as_deref())?;
    if !(1..=netstate_client::constants::MAX_DUES_PERIODS).contains(&periods) {
        return Err(CliError::new(format!(
            "--periods is 1 to {}, got {periods}",
            netstate_client::constants::MAX_DUES_PERIODS
        )));
    }
    let (_, m) = ctx
        .client
        .member(society, &wallet)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| CliError::new(format!("{wallet} is not a member of {}", s.name)))?;
    // Dues ended: a member who lapsed under them is a citizen again by asking, for free.
    if !s.dues.active() && m.status != netstate_client::MemberStatus::Lapsed {
        return Err(CliError::new(format!("{} charges no dues", s.name)));
    }
    if !matches!(
        m.status,
        netstate_client::MemberStatus::Citizen | netstate_client::MemberStatus::Lapsed
    ) {
        return Err(CliError::new(format!(
            "{} is {}: dues are paid for a citizen or a lapsed citizen",
            m.handle,
            netstate_client::describe::standing_phrase(m.status)
        )));
    }
    let instruction = match s.dues.mint {
        None => ix::pay_dues(ctx.client.program_id(), &me, society, &wallet, periods),
        Some(mint) => {
            let (program, _) = crate::commands::lookup::mint_info(ctx, &mint).await?;
            ix::pay_dues_token(
                ctx.client.program_id(),
                &me,
                society,
                &wallet,
                &mint,
                &program,
                periods,
            )
        }
    };
    let signature = ctx.send(&[instruction], &[]).await?;
    let (_, after) = ctx
        .client
        .member(society, &wallet)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| CliError::new("the membership disappeared"))?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Membership::DuesPaid {
            society: society.to_string(),
            name: s.name.clone(),
            wallet: wallet.to_string(),
            periods,
            paid_until: after.paid_until,
            restored: m.status == netstate_client::MemberStatus::Lapsed,
            dues_ended: !s.dues.active(),
        },
    )))
}
