//! `netstate treaty propose|ratify|withdraw|list|show`: treaties between societies, made and
//! ended by each society's own proposals.

use anchor_lang::prelude::Pubkey;
use clap::{Args, Subcommand};
use netstate_client::{
    CreateProposalArgs, FastTrack, ProposalAction, Society, Treaty, TreatyTerms, instructions as ix,
};

use crate::output::parse_span;
use crate::results::treaty::{TreatyView, treaty_list};
use crate::{CliError, Context, Output};

/// The terms a treaty offers.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Citizens of either society may check in at the other's hubs as visitors.
    #[arg(long)]
    pub visits: bool,
    /// How the other's citizens are admitted: none, immediate, or sponsors:N (counted as N
    /// sponsors, 1..=16).
    #[arg(long, default_value = "none", value_name = "HOW")]
    pub fast_track: String,
    /// Notice before a withdrawal takes effect (30d, 12h; at most 365d).
    #[arg(long, default_value = "30d", value_name = "DURATION")]
    pub notice: String,
}

impl TermsArgs {
    /// The terms, checked by the program's own rules.
    pub fn terms(&self) -> Result<TreatyTerms, CliError> {
        let fast_track = match self.fast_track.as_str() {
            "none" => FastTrack::None,
            "immediate" => FastTrack::Immediate,
            other => match other.strip_prefix("sponsors:").map(str::parse::<u8>) {
                Some(Ok(count)) => FastTrack::Sponsors { count },
                _ => {
                    return Err(CliError::new(format!(
                        "--fast-track {other:?}: give none, immediate or sponsors:N (N in 1..=16)"
                    )));
                }
            },
        };
        let notice =
            parse_span(&self.notice).map_err(|e| CliError::new(format!("--notice: {e}")))?;
        let terms = TreatyTerms {
            visits: self.visits,
            fast_track,
            notice_secs: u32::try_from(notice)
                .map_err(|_| CliError::new("--notice: at most 365d"))?,
        };
        crate::rules::check(terms.validate(), "treaty terms")?;
        Ok(terms)
    }
}

/// Treaty commands.
#[derive(Debug, Subcommand)]
pub enum TreatyCommand {
    /// Propose to offer PARTNER a treaty (a proposal of your society; executed, it is the
    /// offer).
    ///
    /// Example: netstate treaty propose "Lunar Commons" --visits --fast-track immediate --notice 30d
    #[command(verbatim_doc_comment)]
    Propose {
        /// The partner society's name.
        partner: String,
        /// The terms.
        #[command(flatten)]
        terms: TermsArgs,
        /// The proposal's title (default: "Treaty with PARTNER").
        #[arg(long)]
        title: Option<String>,
    },
    /// Propose to ratify PARTNER's offer, on its terms as they stand.
    Ratify {
        /// The society that offered.
        partner: String,
        /// The proposal's title (default: "Ratify the treaty with PARTNER").
        #[arg(long)]
        title: Option<String>,
    },
    /// Propose to withdraw from the treaty with PARTNER (it ends after its notice).
    Withdraw {
        /// The other society.
        partner: String,
        /// The proposal's title (default: "Withdraw from the treaty with PARTNER").
        #[arg(long)]
        title: Option<String>,
    },
    /// List your society's treaties.
    List,
    /// Show the treaty with PARTNER.
    Show {
        /// The other society.
        partner: String,
    },
}

/// Society `name`, which must exist and not be `us`.
async fn partner(ctx: &Context, us: &Pubkey, name: &str) -> Result<(Pubkey, Society), CliError> {
    let (address, society) = ctx.society_named(name).await?;
    if address == *us {
        return Err(CliError::new(
            "a treaty is between two different societies: name the other one",
        ));
    }
    Ok((address, society))
}

/// The treaty between `us` and `them`, if any.
async fn treaty(ctx: &Context, us: &Pubkey, them: &Pubkey) -> Result<Option<Treaty>, CliError> {
    let address = ix::treaty_address(ctx.client.program_id(), us, them);
    match ctx.client.account::<Treaty>(&address).await {
        Ok(t) => Ok(Some(t)),
        Err(netstate_client::ClientError::AccountNotFound(_)) => Ok(None),
        Err(e) => Err(ctx.error(e)),
    }
}

/// Puts `action` to the vote of `society`, unless a proposal still open or waiting to be
/// executed already does (running the command twice does not ask the citizens twice).
async fn put_to_vote(
    ctx: &Context,
    society: &Pubkey,
    s: &Society,
    title: String,
    action: ProposalAction,
) -> Result<Output, CliError> {
    crate::rules::check(netstate_client::Proposal::validate_title(&title), "--title")?;
    let now = ctx.client.unix_time().await.map_err(|e| ctx.error(e))?;
    let pending = ctx
        .client
        .proposals(society, None)
        .await
        .map_err(|e| ctx.error(e))?
        .into_iter()
        .find(|(_, p)| {
            p.action == action
                && (p.status == netstate_client::ProposalStatus::Voting
                    || (p.status == netstate_client::ProposalStatus::Passed && !p.is_expired(now)))
        });
    if let Some((_, p)) = pending {
        return Err(CliError::new(format!(
            "proposal #{} already puts this to the vote of {}: see `netstate proposal show {}`",
            p.index, s.name, p.index
        )));
    }
    let args = CreateProposalArgs {
        title,
        description_uri: String::new(),
        description_hash: [0; 32],
        action,
    };
    super::proposal::send_proposal(ctx, society, s.proposal_count, args).await
}

/// Runs a treaty command.
pub async fn run(ctx: &Context, command: TreatyCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let now = ctx.client.unix_time().await.map_err(|e| ctx.error(e))?;
    match command {
        TreatyCommand::Propose {
            partner: name,
            terms,
            title,
        } => {
            let terms = terms.terms()?;
            let (them, other) = partner(ctx, &society, &name).await?;
            if let Some(t) = treaty(ctx, &society, &them).await?
                && t.in_force(now)
            {
                return Err(CliError::new(format!(
                    "{} and {} already have a treaty in force: withdraw from it first",
                    s.name, other.name
                )));
            }
            let title = title.unwrap_or_else(|| format!("Treaty with {}", other.name));
            put_to_vote(
                ctx,
                &society,
                &s,
                title,
                ProposalAction::ProposeTreaty {
                    partner: them,
                    terms,
                },
            )
            .await
        }
        TreatyCommand::Ratify {
            partner: name,
            title,
        } => {
            let (them, other) = partner(ctx, &society, &name).await?;
            let offer = treaty(ctx, &society, &them)
                .await?
                .filter(|t| {
                    t.status == netstate_client::TreatyStatus::Proposed && t.proposed_by == them
                })
                .ok_or_else(|| {
                    CliError::new(format!(
                        "{} has no standing treaty offer to {}: it proposes one with `netstate treaty propose`",
                        other.name, s.name
                    ))
                })?;
            let title = title.unwrap_or_else(|| format!("Ratify the treaty with {}", other.name));
            put_to_vote(
                ctx,
                &society,
                &s,
                title,
                ProposalAction::RatifyTreaty {
                    partner: them,
                    terms: offer.terms,
                },
            )
            .await
        }
        TreatyCommand::Withdraw {
            partner: name,
            title,
        } => {
            let (them, other) = partner(ctx, &society, &name).await?;
            let standing = treaty(ctx, &society, &them).await?;
            if standing.is_none_or(|t| t.ended(now)) {
                return Err(CliError::new(format!(
                    "{} and {} have no treaty or offer to withdraw from",
                    s.name, other.name
                )));
            }
            let title =
                title.unwrap_or_else(|| format!("Withdraw from the treaty with {}", other.name));
            put_to_vote(
                ctx,
                &society,
                &s,
                title,
                ProposalAction::WithdrawTreaty { partner: them },
            )
            .await
        }
        TreatyCommand::List => {
            let treaties = ctx
                .client
                .treaties(&society)
                .await
                .map_err(|e| ctx.error(e))?;
            let mut views = Vec::with_capacity(treaties.len());
            for (address, t) in &treaties {
                let them = if t.first == society {
                    t.second
                } else {
                    t.first
                };
                let name = ctx
                    .client
                    .account::<Society>(&them)
                    .await
                    .map(|o| o.name)
                    .unwrap_or_else(|_| them.to_string());
                views.push(TreatyView::new(address.to_string(), t, &society, name, now));
            }
            Ok(Output::new(treaty_list(views)))
        }
        TreatyCommand::Show { partner: name } => {
            let (them, other) = partner(ctx, &society, &name).await?;
            let t = treaty(ctx, &society, &them).await?.ok_or_else(|| {
                CliError::new(format!(
                    "{} and {} have no treaty: offer one with `netstate treaty propose`",
                    s.name, other.name
                ))
            })?;
            Ok(Output::new(TreatyView::new(
                ix::treaty_address(ctx.client.program_id(), &society, &them).to_string(),
                &t,
                &society,
                other.name,
                now,
            )))
        }
    }
}
