//! `netstate proposal create|show|list|vote|finalize|execute|cancel`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{
    CreateProposalArgs, Proposal, ProposalAction, VoteChoice, instructions as ix, pda,
};
use solana_signer::Signer;

use crate::output::{date, parse_units, sol, table};
use crate::{CliError, Context, Output, parse_pubkey};

/// A vote as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts towards quorum only.
    Abstain,
}

/// What a new proposal does.
#[derive(Debug, Subcommand)]
pub enum ActionArgs {
    /// Nothing on-chain: a recorded opinion.
    Signal,
    /// Pay SOL from the treasury.
    TransferSol {
        /// Recipient wallet.
        #[arg(long)]
        to: String,
        /// Amount in SOL.
        #[arg(long)]
        amount: String,
    },
    /// Admit an applicant.
    Admit {
        /// The applicant's wallet.
        #[arg(long)]
        wallet: String,
    },
    /// Expel a member.
    Expel {
        /// The member's wallet.
        #[arg(long)]
        wallet: String,
    },
    /// Pay tokens from the treasury (SPL Token or Token-2022 mint).
    TransferToken {
        /// The mint.
        #[arg(long)]
        mint: String,
        /// Recipient wallet.
        #[arg(long)]
        to: String,
        /// Amount in the token's units (decimals read from the mint).
        #[arg(long)]
        amount: String,
    },
    /// Mint the society's contribution token to a member.
    MintContribution {
        /// Recipient wallet.
        #[arg(long)]
        to: String,
        /// Amount in the token's units.
        #[arg(long)]
        amount: String,
    },
    /// Register a hub.
    RegisterNode(super::node::NodeSpecArgs),
    /// Point the society at a new constitution.
    AmendConstitution {
        /// New constitution URI.
        #[arg(long)]
        uri: String,
        /// A local copy: its SHA-256 is recorded.
        #[arg(long, value_name = "FILE")]
        file: Option<std::path::PathBuf>,
    },
    /// Change the governance parameters of later proposals (unset ones keep their value).
    UpdateGovernance {
        /// Quorum, basis points.
        #[arg(long)]
        quorum_bps: Option<u16>,
        /// Approval threshold, basis points.
        #[arg(long)]
        approval_bps: Option<u16>,
        /// Voting period, seconds.
        #[arg(long)]
        voting_period_secs: Option<u32>,
        /// Timelock, seconds.
        #[arg(long)]
        execution_delay_secs: Option<u32>,
        /// Execution window, seconds.
        #[arg(long)]
        execution_window_secs: Option<u32>,
        /// Open proposals per citizen.
        #[arg(long)]
        max_open_proposals: Option<u8>,
    },
    /// Retire a hub.
    RetireNode {
        /// The node code.
        #[arg(long)]
        code: String,
    },
    /// Appoint a steward, or with no --wallet end stewardship.
    SetSteward {
        /// The new steward's wallet.
        #[arg(long)]
        wallet: Option<String>,
    },
}

/// Proposal commands.
#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// Put an action to the vote.
    ///
    /// Example: netstate proposal create --title "Grant to Lisbon" transfer-sol --to WALLET --amount 5
    Create {
        /// Title (1..=64 bytes).
        #[arg(long)]
        title: String,
        /// Where the full text lives.
        #[arg(long, default_value = "")]
        description: String,
        /// The action.
        #[command(subcommand)]
        action: ActionArgs,
    },
    /// Show a proposal.
    Show {
        /// Its index.
        index: u64,
    },
    /// List proposals, newest first.
    List,
    /// Vote yes, no or abstain (again to change it).
    Vote {
        /// Its index.
        index: u64,
        /// Your vote.
        #[arg(value_enum)]
        choice: Choice,
    },
    /// Close the vote (anyone, once the outcome is settled).
    Finalize {
        /// Its index.
        index: u64,
    },
    /// Execute a passed proposal after its timelock (anyone, once).
    Execute {
        /// Its index.
        index: u64,
    },
    /// Withdraw your proposal while voting is open.
    Cancel {
        /// Its index.
        index: u64,
    },
}

/// A proposal's status as people read it, expiry included.
pub fn status_text(p: &Proposal, now: i64) -> String {
    if p.is_expired(now) {
        "Expired".into()
    } else {
        format!("{:?}", p.status)
    }
}

/// A proposal as JSON.
pub fn proposal_json(
    address: &anchor_lang::prelude::Pubkey,
    p: &Proposal,
    now: i64,
) -> serde_json::Value {
    serde_json::json!({
        "address": address.to_string(),
        "index": p.index,
        "title": p.title,
        "proposer": p.proposer.to_string(),
        "action": crate::output::action(&p.action),
        "status": status_text(p, now),
        "yes": p.tally.yes,
        "no": p.tally.no,
        "abstain": p.tally.abstain,
        "eligible": p.eligible_count,
        "votingEndsAt": p.voting_ends_at,
        "executableAt": p.executable_at,
        "executionDeadline": p.execution_deadline,
        "executedAt": p.executed_at,
    })
}

async fn now(ctx: &Context) -> Result<i64, CliError> {
    ctx.client.unix_time().await.map_err(|e| ctx.error(e))
}

/// Runs a proposal command.
pub async fn run(ctx: &Context, command: ProposalCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.keypair.pubkey();
    let name = s.name.as_str();
    let load = |index: u64| async move {
        ctx.client
            .proposal(&society, index)
            .await
            .map_err(|e| match e {
                netstate_client::ClientError::AccountNotFound(_) => CliError(format!(
                    "no proposal {index} in {name}: list them with `netstate proposal list`"
                )),
                e => ctx.error(e),
            })
    };
    match command {
        ProposalCommand::Create {
            title,
            description,
            action,
        } => {
            let action = match action {
                ActionArgs::Signal => ProposalAction::Signal,
                ActionArgs::TransferSol { to, amount } => ProposalAction::TransferSol {
                    recipient: parse_pubkey(&to, "recipient")?,
                    amount: parse_units(&amount, 9)?,
                },
                ActionArgs::Admit { wallet } => ProposalAction::AdmitMember {
                    wallet: parse_pubkey(&wallet, "wallet")?,
                },
                ActionArgs::Expel { wallet } => ProposalAction::ExpelMember {
                    wallet: parse_pubkey(&wallet, "wallet")?,
                },
                ActionArgs::RetireNode { code } => ProposalAction::RetireNode { code },
                ActionArgs::TransferToken { mint, to, amount } => {
                    let mint = parse_pubkey(&mint, "mint")?;
                    let (_, decimals) = mint_info(ctx, &mint).await?;
                    ProposalAction::TransferToken {
                        mint,
                        recipient: parse_pubkey(&to, "recipient")?,
                        amount: parse_units(&amount, decimals)?,
                    }
                }
                ActionArgs::MintContribution { to, amount } => {
                    let mint = s.contribution_mint.ok_or_else(|| {
                        CliError(format!("{} has no contribution token yet: the steward creates it with `netstate treasury create-token`", s.name))
                    })?;
                    let (_, decimals) = mint_info(ctx, &mint).await?;
                    ProposalAction::MintContribution {
                        recipient: parse_pubkey(&to, "recipient")?,
                        amount: parse_units(&amount, decimals)?,
                    }
                }
                ActionArgs::RegisterNode(args) => {
                    ProposalAction::RegisterNode { spec: args.spec()? }
                }
                ActionArgs::AmendConstitution { uri, file } => {
                    let hash = match file {
                        Some(path) => {
                            solana_sha256_hasher::hash(&std::fs::read(&path).map_err(|e| {
                                CliError(format!("cannot read {}: {e}", path.display()))
                            })?)
                            .to_bytes()
                        }
                        None => [0; 32],
                    };
                    ProposalAction::AmendConstitution { uri, hash }
                }
                ActionArgs::UpdateGovernance {
                    quorum_bps,
                    approval_bps,
                    voting_period_secs,
                    execution_delay_secs,
                    execution_window_secs,
                    max_open_proposals,
                } => {
                    let g = s.governance;
                    ProposalAction::UpdateGovernance {
                        params: netstate_client::GovernanceParams {
                            quorum_bps: quorum_bps.unwrap_or(g.quorum_bps),
                            approval_bps: approval_bps.unwrap_or(g.approval_bps),
                            voting_period_secs: voting_period_secs.unwrap_or(g.voting_period_secs),
                            execution_delay_secs: execution_delay_secs
                                .unwrap_or(g.execution_delay_secs),
                            execution_window_secs: execution_window_secs
                                .unwrap_or(g.execution_window_secs),
                            max_open_proposals_per_citizen: max_open_proposals
                                .unwrap_or(g.max_open_proposals_per_citizen),
                        },
                    }
                }
                ActionArgs::SetSteward { wallet } => ProposalAction::SetSteward {
                    steward: wallet.map(|w| parse_pubkey(&w, "wallet")).transpose()?,
                },
            };
            let index = s.proposal_count;
            let args = CreateProposalArgs {
                title: title.clone(),
                description_uri: description,
                description_hash: [0; 32],
                action,
            };
            let signature = ctx
                .send(&[ix::create_proposal(&me, &society, index, args)], &[])
                .await?;
            Ok(super::sent(
                ctx,
                format!(
                    "Proposed #{index}: {title:?}. Citizens vote with `netstate proposal vote {index} yes`."
                ),
                signature,
                serde_json::json!({ "index": index, "proposal": pda::proposal(&society, index).0.to_string() }),
            ))
        }
        ProposalCommand::Show { index } => {
            let (address, p) = load(index).await?;
            let now = now(ctx).await?;
            let human = format!(
                "#{} {} ({})\n  action:      {}\n  proposer:    {}\n  votes:       {} yes, {} no, {} abstain of {} eligible\n  voting ends: {}\n  executable:  {} until {}",
                p.index,
                p.title,
                status_text(&p, now),
                crate::output::action(&p.action),
                p.proposer,
                p.tally.yes,
                p.tally.no,
                p.tally.abstain,
                p.eligible_count,
                date(p.voting_ends_at),
                date(p.executable_at),
                date(p.execution_deadline),
            );
            Ok(Output {
                human,
                json: proposal_json(&address, &p, now),
            })
        }
        ProposalCommand::List => {
            let all = ctx
                .client
                .proposals(&society, None)
                .await
                .map_err(|e| ctx.error(e))?;
            let now = now(ctx).await?;
            let rows = all
                .iter()
                .map(|(_, p)| {
                    vec![
                        p.index.to_string(),
                        p.title.clone(),
                        status_text(p, now),
                        format!("{}/{}/{}", p.tally.yes, p.tally.no, p.tally.abstain),
                        date(p.voting_ends_at),
                    ]
                })
                .collect::<Vec<_>>();
            Ok(Output {
                human: table(
                    &["#", "TITLE", "STATUS", "YES/NO/ABST", "VOTING ENDS"],
                    &rows,
                ),
                json: serde_json::Value::Array(
                    all.iter().map(|(a, p)| proposal_json(a, p, now)).collect(),
                ),
            })
        }
        ProposalCommand::Vote { index, choice } => {
            let (address, _) = load(index).await?;
            let choice = match choice {
                Choice::Yes => VoteChoice::Yes,
                Choice::No => VoteChoice::No,
                Choice::Abstain => VoteChoice::Abstain,
            };
            let signature = ctx
                .send(&[ix::cast_vote(&me, &society, &address, choice)], &[])
                .await?;
            Ok(super::sent(
                ctx,
                format!("Voted {choice:?} on #{index}."),
                signature,
                serde_json::json!({ "index": index, "choice": format!("{choice:?}") }),
            ))
        }
        ProposalCommand::Finalize { index } => {
            let (address, p) = load(index).await?;
            let signature = ctx
                .send(
                    &[ix::finalize_proposal(&society, &address, &p.proposer)],
                    &[],
                )
                .await?;
            let (_, p) = load(index).await?;
            Ok(super::sent(
                ctx,
                format!("Finalized #{index}: {:?}.", p.status),
                signature,
                serde_json::json!({ "index": index, "status": format!("{:?}", p.status) }),
            ))
        }
        ProposalCommand::Execute { index } => {
            let (address, p) = load(index).await?;
            let mint = match &p.action {
                ProposalAction::TransferToken { mint, .. } => Some(*mint),
                ProposalAction::MintContribution { .. } => s.contribution_mint,
                _ => None,
            };
            let token_program = match mint {
                Some(mint) => mint_info(ctx, &mint).await?.0,
                None => anchor_spl::token::ID,
            };
            let signature = ctx
                .send(
                    &[ix::execute_proposal(
                        &me,
                        &address,
                        &p,
                        &token_program,
                        s.contribution_mint.as_ref(),
                    )],
                    &[],
                )
                .await?;
            let what = match &p.action {
                ProposalAction::TransferSol { recipient, amount } => {
                    format!("Executed #{index}: paid {} to {recipient}.", sol(*amount))
                }
                other => format!("Executed #{index}: {}.", crate::output::action(other)),
            };
            Ok(super::sent(
                ctx,
                what,
                signature,
                serde_json::json!({ "index": index }),
            ))
        }
        ProposalCommand::Cancel { index } => {
            let (address, _) = load(index).await?;
            let signature = ctx
                .send(&[ix::cancel_proposal(&me, &society, &address)], &[])
                .await?;
            Ok(super::sent(
                ctx,
                format!("Cancelled #{index}."),
                signature,
                serde_json::json!({ "index": index }),
            ))
        }
    }
}

/// The token program that owns `mint`, and its decimals, from one read of the mint.
pub async fn mint_info(
    ctx: &Context,
    mint: &anchor_lang::prelude::Pubkey,
) -> Result<(anchor_lang::prelude::Pubkey, u8), CliError> {
    let account = ctx
        .client
        .rpc()
        .get_account(mint)
        .await
        .map_err(|_| CliError(format!("no mint at {mint}")))?;
    if account.owner != anchor_spl::token::ID && account.owner != anchor_spl::token_2022::ID {
        return Err(CliError(format!(
            "{mint} is not an SPL Token or Token-2022 mint"
        )));
    }
    let decimals = spl_token_2022_interface::extension::StateWithExtensions::<
        spl_token_2022_interface::state::Mint,
    >::unpack(&account.data)
    .map(|m| m.base.decimals)
    .map_err(|_| CliError(format!("{mint} is not a mint")))?;
    Ok((account.owner, decimals))
}
