//! `netstate proposal create|show|list|vote|finalize|execute|cancel`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{
    CreateProposalArgs, Proposal, ProposalAction, VoteChoice, instructions as ix, pda,
};

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
    /// Point the society at a new constitution, pinned by the SHA-256 of its text.
    #[command(group = clap::ArgGroup::new("digest").required(true))]
    AmendConstitution {
        /// New constitution URI.
        #[arg(long)]
        uri: String,
        /// A local copy of the new text: its SHA-256 is recorded.
        #[arg(long, value_name = "FILE", group = "digest")]
        file: Option<std::path::PathBuf>,
        /// The new text's SHA-256, 64 hex digits (instead of --file).
        #[arg(long, value_name = "HEX", group = "digest")]
        hash: Option<String>,
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
// Parsed once per process: the size of one variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// Put an action to the vote. The proposal's own options (--title, --description...)
    /// may come before or after the action.
    ///
    /// Examples:
    ///   netstate proposal create --title "Grant to Lisbon" transfer-sol --to WALLET --amount 5
    ///   netstate proposal create signal --title "Adopt the charter" --description ipfs://Qm... --description-file charter.md
    #[command(verbatim_doc_comment)]
    Create {
        /// Title (1..=64 bytes); required.
        #[arg(long, global = true)]
        title: Option<String>,
        /// Where the full text lives (URI, 0..=128 bytes); pin its content with
        /// --description-file or --description-hash.
        #[arg(long, global = true, value_name = "URI")]
        description: Option<String>,
        /// A local copy of the full text: its SHA-256 is recorded with the URI.
        #[arg(
            long,
            global = true,
            value_name = "FILE",
            conflicts_with = "description_hash"
        )]
        description_file: Option<std::path::PathBuf>,
        /// The full text's SHA-256, 64 hex digits (instead of --description-file).
        #[arg(long, global = true, value_name = "HEX")]
        description_hash: Option<String>,
        /// The action.
        #[command(subcommand)]
        action: ActionArgs,
    },
    /// Show a proposal; with --check FILE, whether FILE is the text its description pins.
    Show {
        /// Its index.
        index: u64,
        /// A local copy of the description to compare with the recorded SHA-256.
        #[arg(long, value_name = "FILE")]
        check: Option<std::path::PathBuf>,
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
    /// Once a proposal is final, close its vote records and then the proposal itself, in as
    /// many transactions as needed: the rent goes back to each voter and to the proposer.
    Close {
        /// Its index.
        index: u64,
    },
    /// The votes cast on a proposal, one line per voter.
    Votes {
        /// Its index.
        index: u64,
    },
}

/// Vote records closed per transaction by `proposal close` (each instruction is small).
const CLOSES_PER_TRANSACTION: usize = 8;

/// A proposal's status as people read it, expiry included.
pub fn status_text(p: &Proposal, now: i64) -> String {
    if p.is_expired(now) {
        "Expired".into()
    } else {
        format!("{:?}", p.status)
    }
}

/// The decimals of the token a proposal's action pays, when it pays one (read from the
/// mint; `None` when the mint cannot be read).
async fn action_decimals(
    ctx: &Context,
    s: &netstate_client::Society,
    action: &ProposalAction,
) -> Option<u8> {
    let mint = match action {
        ProposalAction::TransferToken { mint, .. } => *mint,
        ProposalAction::MintContribution { .. } => s.contribution_mint?,
        _ => return None,
    };
    mint_info(ctx, &mint)
        .await
        .ok()
        .map(|(_, decimals)| decimals)
}

/// A proposal as JSON; `decimals` of the token its action pays, if any.
pub fn proposal_json(
    address: &anchor_lang::prelude::Pubkey,
    p: &Proposal,
    now: i64,
    decimals: Option<u8>,
) -> serde_json::Value {
    serde_json::json!({
        "address": address.to_string(),
        "index": p.index,
        "title": p.title,
        "descriptionUri": (!p.description_uri.is_empty()).then(|| p.description_uri.clone()),
        "descriptionSha256": description_digest(p),
        "proposer": p.proposer.to_string(),
        "action": crate::output::action_in_units(&p.action, decimals),
        "status": status_text(p, now),
        "yes": p.tally.yes,
        "no": p.tally.no,
        "abstain": p.tally.abstain,
        "eligible": p.eligible_count,
        "votingEndsAt": p.voting_ends_at,
        "executableAt": crate::output::time(p.executable_at),
        "executionDeadline": crate::output::time(p.execution_deadline),
        "executedAt": crate::output::time(p.executed_at),
    })
}

/// The description's recorded SHA-256 as hex, or `None` when none was recorded.
pub fn description_digest(p: &Proposal) -> Option<String> {
    (p.description_hash != [0; 32]).then(|| crate::digest::hex(&p.description_hash))
}

/// The title, description URI and digest of a new proposal, checked before sending.
fn proposal_text(
    title: Option<String>,
    description: Option<String>,
    file: Option<&std::path::Path>,
    hash: Option<&str>,
) -> Result<(String, String, [u8; 32]), CliError> {
    let title = title.ok_or_else(|| {
        CliError::new("a proposal needs --title TEXT, before or after the action: netstate proposal create --title \"...\" signal")
    })?;
    let digest = crate::digest::from_file_or_hex(file, hash, "--description-hash")?;
    match (description, digest) {
        (None, None) => Ok((title, String::new(), [0; 32])),
        (Some(uri), Some(digest)) => Ok((title, uri, digest)),
        (Some(_), None) => Err(CliError::new(
            "--description needs the text's SHA-256 pinned with it: add --description-file FILE or --description-hash HEX",
        )),
        (None, Some(_)) => Err(CliError::new(
            "--description-file and --description-hash pin a description: add --description URI",
        )),
    }
}

async fn now(ctx: &Context) -> Result<i64, CliError> {
    ctx.client.unix_time().await.map_err(|e| ctx.error(e))
}

/// Runs a proposal command.
pub async fn run(ctx: &Context, command: ProposalCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    let name = s.name.as_str();
    let load = |index: u64| async move {
        ctx.client
            .proposal(&society, index)
            .await
            .map_err(|e| match e {
                netstate_client::ClientError::AccountNotFound(_) => CliError::new(format!(
                    "no proposal {index} in {name}: list them with `netstate proposal list`"
                )),
                e => ctx.error(e),
            })
    };
    match command {
        ProposalCommand::Create {
            title,
            description,
            description_file,
            description_hash,
            action,
        } => {
            let (title, description_uri, description_hash) = proposal_text(
                title,
                description,
                description_file.as_deref(),
                description_hash.as_deref(),
            )?;
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
                        CliError::new(format!("{} has no contribution token yet: the steward creates it with `netstate treasury create-token`", s.name))
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
                ActionArgs::AmendConstitution { uri, file, hash } => {
                    let hash = crate::digest::from_file_or_hex(
                        file.as_deref(),
                        hash.as_deref(),
                        "--hash",
                    )?
                    .ok_or_else(|| CliError::new("give --file FILE or --hash HEX"))?;
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
            {
                use crate::rules::check;
                check(Proposal::validate_title(&title), "--title")?;
                check(
                    Proposal::validate_description_uri(&description_uri),
                    "--description",
                )?;
                match &action {
                    ProposalAction::RetireNode { code } => {
                        check(netstate_client::Node::validate_code(code), "--code")?
                    }
                    ProposalAction::AmendConstitution { uri, .. } => check(
                        netstate_client::Society::validate_constitution_uri(uri),
                        "--uri",
                    )?,
                    ProposalAction::UpdateGovernance { params } => {
                        check(params.validate(), "governance")?
                    }
                    _ => {}
                }
            }
            let index = s.proposal_count;
            let args = CreateProposalArgs {
                title: title.clone(),
                description_uri,
                description_hash,
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
        ProposalCommand::Show { index, check } => {
            let (address, p) = load(index).await?;
            let now = now(ctx).await?;
            let recorded = description_digest(&p);
            let decimals = action_decimals(ctx, &s, &p.action).await;
            let mut json = proposal_json(&address, &p, now, decimals);
            let mut checked = String::new();
            if let Some(path) = check {
                let local = crate::digest::hex(&crate::digest::sha256_file(&path)?);
                let Some(recorded) = &recorded else {
                    return Err(CliError::new(format!(
                        "proposal #{index} pins no description text to check {} against",
                        path.display()
                    )));
                };
                if *recorded != local {
                    return Err(CliError::new(format!(
                        "{} does NOT match proposal #{index}'s description: its SHA-256 is {local}, the proposal pins {recorded}",
                        path.display()
                    )));
                }
                checked = format!("\n  check:       {} matches", path.display());
                json["check"] = serde_json::json!({
                    "file": path.display().to_string(),
                    "sha256": local,
                    "matches": true,
                });
            }
            let description = match (&p.description_uri, &recorded) {
                (uri, _) if uri.is_empty() && recorded.is_none() => "-".to_string(),
                (uri, Some(digest)) => format!("{uri} (sha256 {digest})"),
                (uri, None) => format!("{uri} (no hash recorded)"),
            };
            let human = format!(
                "#{} {} ({})\n  description: {}\n  action:      {}\n  proposer:    {}\n  votes:       {} yes, {} no, {} abstain of {} eligible\n  voting ends: {}\n  executable:  {} until {}{checked}",
                p.index,
                p.title,
                status_text(&p, now),
                description,
                crate::output::action_in_units(&p.action, decimals),
                p.proposer,
                p.tally.yes,
                p.tally.no,
                p.tally.abstain,
                p.eligible_count,
                date(p.voting_ends_at),
                date(p.executable_at),
                date(p.execution_deadline),
            );
            Ok(Output { human, json })
        }
        ProposalCommand::List => {
            let all = ctx
                .client
                .proposals(&society, None)
                .await
                .map_err(|e| ctx.error(e))?;
            let now = now(ctx).await?;
            let mut json = Vec::with_capacity(all.len());
            for (address, p) in &all {
                let decimals = action_decimals(ctx, &s, &p.action).await;
                json.push(proposal_json(address, p, now, decimals));
            }
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
                json: serde_json::Value::Array(json),
            })
        }
        ProposalCommand::Vote { index, choice } => {
            let (address, _) = load(index).await?;
            ctx.require_member(&society, name, &me).await?;
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
                other => format!(
                    "Executed #{index}: {}.",
                    crate::output::action_in_units(other, action_decimals(ctx, &s, other).await)
                ),
            };
            Ok(super::sent(
                ctx,
                what,
                signature,
                serde_json::json!({ "index": index }),
            ))
        }
        ProposalCommand::Votes { index } => {
            let (address, _) = load(index).await?;
            let mut votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
            votes.sort_by_key(|(_, v)| v.voted_at);
            let rows = votes
                .iter()
                .map(|(_, v)| {
                    vec![
                        v.voter.to_string(),
                        format!("{:?}", v.choice),
                        date(v.voted_at),
                    ]
                })
                .collect::<Vec<_>>();
            let human = if rows.is_empty() {
                format!("No votes on #{index} (or their records were closed).")
            } else {
                table(&["VOTER", "VOTE", "AT"], &rows)
            };
            Ok(Output {
                human,
                json: serde_json::Value::Array(
                    votes
                        .iter()
                        .map(|(a, v)| {
                            serde_json::json!({
                                "address": a.to_string(),
                                "voter": v.voter.to_string(),
                                "choice": format!("{:?}", v.choice),
                                "votedAt": v.voted_at,
                            })
                        })
                        .collect(),
                ),
            })
        }
        ProposalCommand::Close { index } => {
            let (address, p) = load(index).await?;
            let now = now(ctx).await?;
            if !p.is_final(now) {
                return Err(CliError::new(format!(
                    "proposal #{index} is still {}: it can be closed once it is final (cancelled, defeated, executed or expired)",
                    status_text(&p, now)
                )));
            }
            let votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
            let returned_to_voters: u64 = {
                let mut total = 0;
                for (vote, _) in &votes {
                    total += ctx.client.rpc().get_balance(vote).await.unwrap_or(0);
                }
                total
            };
            let mut signatures = Vec::new();
            for chunk in votes.chunks(CLOSES_PER_TRANSACTION) {
                let closes: Vec<_> = chunk
                    .iter()
                    .map(|(_, v)| ix::close_vote(&society, &address, &v.voter))
                    .collect();
                signatures.push(ctx.send(&closes, &[]).await?);
            }
            let proposal_rent = ctx.client.rpc().get_balance(&address).await.unwrap_or(0);
            let signature = ctx
                .send(&[ix::close_proposal(&society, &address, &p.proposer)], &[])
                .await?;
            signatures.push(signature.clone());
            Ok(super::sent(
                ctx,
                format!(
                    "Closed #{index}: {} vote record(s) ({} back to the voters) and the proposal ({} back to its proposer).",
                    votes.len(),
                    sol(returned_to_voters),
                    sol(proposal_rent)
                ),
                signature,
                serde_json::json!({
                    "index": index,
                    "voteRecordsClosed": votes.len(),
                    "lamportsToVoters": returned_to_voters,
                    "lamportsToProposer": proposal_rent,
                    "signatures": signatures,
                }),
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
        .map_err(|_| CliError::new(format!("no mint at {mint}")))?;
    if account.owner != anchor_spl::token::ID && account.owner != anchor_spl::token_2022::ID {
        return Err(CliError::new(format!(
            "{mint} is not an SPL Token or Token-2022 mint"
        )));
    }
    let decimals = spl_token_2022_interface::extension::StateWithExtensions::<
        spl_token_2022_interface::state::Mint,
    >::unpack(&account.data)
    .map(|m| m.base.decimals)
    .map_err(|_| CliError::new(format!("{mint} is not a mint")))?;
    Ok((account.owner, decimals))
}
