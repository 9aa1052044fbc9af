//! `netstate proposal create|show|list|vote|respond|object|finalize|execute|cancel|close|votes`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{
    CreateProposalArgs, Proposal, ProposalAction, VoteChoice, instructions as ix, pda,
};

use super::lookup::{mint_info, now};
use crate::output::parse_units;
use crate::results::Sent;
use crate::results::proposal::{
    Action, Cancelled, Closed, DescriptionCheck, Executed, Finalized, Objected, ProposalView,
    Proposed, Responded, Status, VoteView, Voted, proposal_list, vote_list,
};
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
        #[arg(allow_negative_numbers = true)]
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
        #[arg(allow_negative_numbers = true)]
        amount: String,
    },
    /// Grant the society's contribution token (an earned share) to a member.
    MintContribution {
        /// Recipient wallet.
        #[arg(long)]
        to: String,
        /// Amount in the token's units.
        #[arg(long)]
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// Vest it over this long from execution, e.g. 180d (up to 4 years; minted as it
        /// vests with `netstate treasury release`); at once without it.
        #[arg(long, value_name = "DURATION")]
        vesting: Option<String>,
    },
    /// Set the dues (0 ends them); in force from execution.
    SetDues(super::society::DuesFlags),
    /// List the token mints an exit with a share pays besides SOL (up to four; none for
    /// SOL only). Constitutional: it needs the supermajority.
    SetExitBasket {
        /// A mint, once per mint, in the order of its slot.
        #[arg(long = "mint", value_name = "MINT")]
        mints: Vec<String>,
    },
    /// Register a hub.
    RegisterNode(super::node::NodeSpecArgs),
    /// Give a hub a budget, or change it: an allowance per period from the treasury, spent
    /// by its operator (or a keeper) with receipts. Executing it settles the first period.
    ///
    /// Example: netstate proposal create --title "Lisbon upkeep" set-node-budget --code lisbon --allowance 0.5 --period 30d
    SetNodeBudget(super::budget::BudgetFlags),
    /// End a hub's budget: no more spending, and its vault goes back to the treasury.
    EndNodeBudget {
        /// The hub's code.
        #[arg(long)]
        code: String,
    },
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
        /// Supermajority for constitutional actions, basis points.
        #[arg(long)]
        supermajority_bps: Option<u16>,
        /// Quorum for constitutional actions, basis points.
        #[arg(long)]
        supermajority_quorum_bps: Option<u16>,
        /// Outflow cap per window, basis points of each asset.
        #[arg(long)]
        outflow_cap_bps: Option<u16>,
        /// Outflow window, seconds.
        #[arg(long)]
        outflow_window_secs: Option<u32>,
        /// Payments above this share of the asset need the supermajority, basis points.
        #[arg(long)]
        large_transfer_bps: Option<u16>,
        /// Objections that veto during the timelock, basis points of the electorate.
        #[arg(long)]
        veto_bps: Option<u16>,
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
    /// Hand a hub's door to a new operator key.
    SetNodeOperator {
        /// The hub's code.
        #[arg(long)]
        code: String,
        /// The new operator's key.
        #[arg(long, value_name = "PUBKEY")]
        operator: String,
        /// Void the old key's tickets at once (a key lost or stolen).
        #[arg(long)]
        revoke: bool,
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
    /// Answer an expulsion that names you: attach where your answer lives, pinned by its
    /// SHA-256, while the vote is open (again to replace it). `proposal show` prints it.
    ///
    /// Example:
    ///   netstate proposal respond 4 --uri ipfs://Qm... --file answer.md
    #[command(verbatim_doc_comment)]
    Respond {
        /// Its index.
        index: u64,
        /// Where your answer lives (URI, 1..=128 printable characters).
        #[arg(long, value_name = "URI")]
        uri: String,
        /// A local copy of the answer: its SHA-256 is recorded with the URI.
        #[arg(long, value_name = "FILE", conflicts_with = "hash")]
        file: Option<std::path::PathBuf>,
        /// The answer's SHA-256, 64 hex digits (instead of --file).
        #[arg(long, value_name = "HEX")]
        hash: Option<String>,
    },
    /// Object to a passed proposal during its timelock (citizens of its electorate): enough
    /// objections (`society show`: the veto share) veto it, and it never executes.
    Object {
        /// Its index.
        index: u64,
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

/// The decimals of the token a proposal's action pays, when it pays one (read from the
/// mint; `None` when the mint cannot be read).
/// `action` as people read it: with the decimals of the token it pays and the name of the
/// society a treaty action names (its address when the society cannot be read).
async fn action_view(
    ctx: &Context,
    s: &netstate_client::Society,
    action: &ProposalAction,
) -> Action {
    let view = Action::new(action, action_decimals(ctx, s, action).await);
    match action {
        ProposalAction::ProposeTreaty { partner, .. }
        | ProposalAction::RatifyTreaty { partner, .. }
        | ProposalAction::WithdrawTreaty { partner } => {
            match ctx
                .client
                .account::<netstate_client::Society>(partner)
                .await
            {
                Ok(society) => view.name_partner(partner, &society.name),
                Err(_) => view,
            }
        }
        _ => view,
    }
}

async fn action_decimals(
    ctx: &Context,
    s: &netstate_client::Society,
    action: &ProposalAction,
) -> Option<u8> {
    let mint = match action {
        ProposalAction::MintContribution { .. } => s.contribution_mint?,
        _ => action.treasury_mint()?,
    };
    mint_info(ctx, &mint)
        .await
        .ok()
        .map(|(_, decimals)| decimals)
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
                ActionArgs::MintContribution {
                    to,
                    amount,
                    vesting,
                } => {
                    let mint = s.contribution_mint.ok_or_else(|| {
                        CliError::new(format!("{} has no contribution token yet: the steward creates it with `netstate treasury create-token`", s.name))
                    })?;
                    let (_, decimals) = mint_info(ctx, &mint).await?;
                    let vesting_secs = match vesting {
                        None => 0,
                        Some(text) => crate::output::parse_duration(&text)
                            .ok()
                            .and_then(|secs| u32::try_from(secs).ok())
                            .filter(|secs| *secs <= netstate_client::constants::MAX_VESTING_SECS)
                            .ok_or_else(|| {
                                CliError::new(format!(
                                    "--vesting is a duration up to 4 years such as 180d, got {text:?}"
                                ))
                            })?,
                    };
                    ProposalAction::MintContribution {
                        recipient: parse_pubkey(&to, "recipient")?,
                        amount: parse_units(&amount, decimals)?,
                        vesting_secs,
                    }
                }
                ActionArgs::SetDues(flags) => ProposalAction::SetDues {
                    dues: flags.dues(ctx).await?,
                },
                ActionArgs::SetExitBasket { mints } => {
                    if mints.len() > netstate_client::constants::EXIT_BASKET_MINTS {
                        return Err(CliError::new(format!(
                            "an exit basket lists at most {} mints besides SOL, got {}",
                            netstate_client::constants::EXIT_BASKET_MINTS,
                            mints.len()
                        )));
                    }
                    let mut slots = [anchor_lang::prelude::Pubkey::default();
                        netstate_client::constants::EXIT_BASKET_MINTS];
                    for (slot, text) in slots.iter_mut().zip(&mints) {
                        let mint = parse_pubkey(text, "mint")?;
                        mint_info(ctx, &mint).await?;
                        *slot = mint;
                    }
                    crate::rules::check(
                        netstate_client::ExitBasket::validate_mints(&slots, s.contribution_mint),
                        "--mint",
                    )?;
                    ProposalAction::SetExitBasket { mints: slots }
                }
                ActionArgs::SetNodeBudget(flags) => {
                    let (code, terms) = flags.terms(ctx, &society, &s).await?;
                    ProposalAction::SetNodeBudget { code, terms }
                }
                ActionArgs::EndNodeBudget { code } => {
                    let (node, _) = super::lookup::find_hub(ctx, &society, name, &code).await?;
                    let budget =
                        netstate_client::pda::node_budget(ctx.client.program_id(), &node).0;
                    if ctx.client.rpc().get_account(&budget).await.is_err() {
                        return Err(CliError::new(format!("hub {code} has no budget to end")));
                    }
                    ProposalAction::EndNodeBudget { code }
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
                    supermajority_bps,
                    supermajority_quorum_bps,
                    outflow_cap_bps,
                    outflow_window_secs,
                    large_transfer_bps,
                    veto_bps,
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
                            supermajority_bps: supermajority_bps.unwrap_or(g.supermajority_bps),
                            supermajority_quorum_bps: supermajority_quorum_bps
                                .unwrap_or(g.supermajority_quorum_bps),
                            outflow_cap_bps: outflow_cap_bps.unwrap_or(g.outflow_cap_bps),
                            outflow_window_secs: outflow_window_secs
                                .unwrap_or(g.outflow_window_secs),
                            large_transfer_bps: large_transfer_bps.unwrap_or(g.large_transfer_bps),
                            veto_bps: veto_bps.unwrap_or(g.veto_bps),
                        },
                    }
                }
                ActionArgs::SetSteward { wallet } => ProposalAction::SetSteward {
                    steward: wallet.map(|w| parse_pubkey(&w, "wallet")).transpose()?,
                },
                ActionArgs::SetNodeOperator {
                    code,
                    operator,
                    revoke,
                } => ProposalAction::SetNodeOperator {
                    code,
                    operator: parse_pubkey(&operator, "operator")?,
                    revoke_previous: revoke,
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
                    ProposalAction::RetireNode { code }
                    | ProposalAction::SetNodeOperator { code, .. } => {
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
            let args = CreateProposalArgs {
                title,
                description_uri,
                description_hash,
                action,
            };
            send_proposal(ctx, &society, s.proposal_count, args).await
        }
        ProposalCommand::Show { index, check } => {
            let (address, p) = load(index).await?;
            let now = now(ctx).await?;
            let decimals = action_decimals(ctx, &s, &p.action).await;
            let mut view = ProposalView::new(&address, &p, now, decimals);
            view.action = action_view(ctx, &s, &p.action).await;
            if let Some(path) = check {
                let local = crate::digest::hex(&crate::digest::sha256_file(&path)?);
                let Some(recorded) = &view.description_sha256 else {
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
                view.check = Some(DescriptionCheck {
                    file: path.display().to_string(),
                    sha256: local,
                    matches: true,
                });
            }
            Ok(Output::new(view))
        }
        ProposalCommand::List => {
            let all = ctx
                .client
                .proposals(&society, None)
                .await
                .map_err(|e| ctx.error(e))?;
            let now = now(ctx).await?;
            let mut views = Vec::with_capacity(all.len());
            for (address, p) in &all {
                let decimals = action_decimals(ctx, &s, &p.action).await;
                let mut view = ProposalView::new(address, p, now, decimals);
                view.action = action_view(ctx, &s, &p.action).await;
                views.push(view);
            }
            Ok(Output::new(proposal_list(views)))
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
                .send(
                    &[ix::cast_vote(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &address,
                        choice,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Voted {
                    index,
                    choice: choice.into(),
                },
            )))
        }
        ProposalCommand::Finalize { index } => {
            let (address, p) = load(index).await?;
            let finalize = match &p.action {
                ProposalAction::TransferToken { mint, .. } => {
                    let with = ctx
                        .client
                        .execute_context(&p)
                        .await
                        .map_err(|e| ctx.error(e))?;
                    ix::finalize_token_proposal(
                        ctx.client.program_id(),
                        &society,
                        &address,
                        &p.proposer,
                        mint,
                        &with.token_program,
                    )
                }
                _ => {
                    ix::finalize_proposal(ctx.client.program_id(), &society, &address, &p.proposer)
                }
            };
            let signature = ctx.send(&[finalize], &[]).await?;
            let (_, p) = load(index).await?;
            let status = Status::of(&p, now(ctx).await?);
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Finalized {
                    index,
                    status,
                    status_text: status.text(&p),
                },
            )))
        }
        ProposalCommand::Execute { index } => {
            let (address, p) = load(index).await?;
            // A passed proposal in its timelock: say when it opens, once, before sending.
            let time = now(ctx).await?;
            if Status::of(&p, time) == Status::Passed && time < p.executable_at {
                let minutes = u64::try_from(p.executable_at - time)
                    .unwrap_or(0)
                    .div_ceil(60);
                let wait = match minutes {
                    m if m >= 1440 => format!("{} d {} h", m / 1440, m % 1440 / 60),
                    m if m >= 60 => format!("{} h {} min", m / 60, m % 60),
                    m => format!("{m} min"),
                };
                let hint = if ctx.is_local() {
                    format!(
                        "on a local ledger, `netstate localnet warp {minutes}m` moves the clock there"
                    )
                } else {
                    "objections may still veto it until then: `netstate proposal show` follows it"
                        .to_string()
                };
                return Err(CliError::new(format!(
                    "#{index} passed and opens for execution on {} (in {wait}), after its timelock",
                    netstate_client::describe::date(p.executable_at)
                ))
                .named("ProposalNotYetExecutable")
                .with_code(u32::from(
                    netstate_client::NetstateError::ProposalNotYetExecutable,
                ))
                .with_hint(hint));
            }
            let mint = match &p.action {
                ProposalAction::MintContribution { .. } => s.contribution_mint,
                action => action.treasury_mint(),
            };
            let token_program = match mint {
                Some(mint) => mint_info(ctx, &mint).await?.0,
                None => anchor_spl::token::ID,
            };
            let node_country = match &p.action {
                ProposalAction::RetireNode { code } => Some(
                    super::lookup::find_hub(ctx, &society, &s.name, code)
                        .await?
                        .1
                        .country,
                ),
                _ => None,
            };
            let with = ix::ExecuteContext {
                token_program,
                contribution_mint: s.contribution_mint,
                node_country,
            };
            if let ProposalAction::TransferSol { amount, .. } = &p.action {
                sol_within_cap(ctx, &society, &s, *amount, index).await?;
            }
            let signature = ctx
                .send(
                    &[ix::execute_proposal(
                        ctx.client.program_id(),
                        &me,
                        &address,
                        &p,
                        &with,
                    )],
                    &[],
                )
                .await?;
            // A budget's money moves in a settlement, sent next: its failure (the outflow
            // cap, say) leaves the proposal executed and is retried by `node settle`.
            let settlement = match &p.action {
                ProposalAction::SetNodeBudget { code, .. }
                | ProposalAction::EndNodeBudget { code } => {
                    Some(super::budget::settle_after_execution(ctx, &society, code).await?)
                }
                _ => None,
            };
            let action = action_view(ctx, &s, &p.action).await;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Executed {
                    index,
                    action,
                    settlement,
                },
            )))
        }
        ProposalCommand::Votes { index } => {
            let (address, _) = load(index).await?;
            let mut votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
            votes.sort_by_key(|(_, v)| v.voted_at);
            Ok(Output::new(vote_list(
                index,
                votes.iter().map(|(a, v)| VoteView::new(a, v)).collect(),
            )))
        }
        ProposalCommand::Close { index } => {
            let (address, p) = load(index).await?;
            let now = now(ctx).await?;
            if !p.is_final(now) {
                return Err(CliError::new(format!(
                    "proposal #{index} is still {}: it can be closed once it is final (cancelled, defeated, executed or expired)",
                    Status::of(&p, now)
                )));
            }
            let votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
            let objections = ctx
                .client
                .objections(&address)
                .await
                .map_err(|e| ctx.error(e))?;
            let returned_to_voters: u64 = {
                let mut total = 0;
                let records = votes
                    .iter()
                    .map(|(a, _)| a)
                    .chain(objections.iter().map(|(a, _)| a));
                for record in records {
                    total += ctx.client.rpc().get_balance(record).await.unwrap_or(0);
                }
                total
            };
            let closes: Vec<_> = votes
                .iter()
                .map(|(_, v)| ix::close_vote(ctx.client.program_id(), &society, &address, &v.voter))
                .chain(objections.iter().map(|(_, o)| {
                    ix::close_objection(ctx.client.program_id(), &society, &address, &o.objector)
                }))
                .collect();
            let mut signatures = Vec::new();
            for chunk in closes.chunks(CLOSES_PER_TRANSACTION) {
                signatures.push(ctx.send(chunk, &[]).await?);
            }
            let proposal_rent = ctx.client.rpc().get_balance(&address).await.unwrap_or(0);
            let signature = ctx
                .send(
                    &[ix::close_proposal(
                        ctx.client.program_id(),
                        &society,
                        &address,
                        &p.proposer,
                    )],
                    &[],
                )
                .await?;
            signatures.push(signature.clone());
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Closed {
                    index,
                    vote_records_closed: votes.len(),
                    objections_closed: objections.len(),
                    lamports_to_voters: returned_to_voters,
                    lamports_to_proposer: proposal_rent,
                    signatures,
                },
            )))
        }
        ProposalCommand::Object { index } => {
            let (address, p) = load(index).await?;
            ctx.require_member(&society, name, &me).await?;
            let now = now(ctx).await?;
            if p.status != netstate_client::ProposalStatus::Passed || now >= p.executable_at {
                return Err(CliError::new(format!(
                    "proposal #{index} is {}: objections are accepted only while a passed proposal waits out its timelock",
                    Status::of(&p, now)
                )));
            }
            let record = netstate_client::pda::objection(ctx.client.program_id(), &address, &me).0;
            if ctx.client.rpc().get_account(&record).await.is_ok() {
                return Err(CliError::new(format!(
                    "you already objected to #{index}: {} of {} objected so far",
                    p.objections, p.eligible_count
                )));
            }
            let signature = ctx
                .send(
                    &[ix::object_to_proposal(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &address,
                    )],
                    &[],
                )
                .await?;
            let (_, after) = load(index).await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Objected {
                    index,
                    objections: after.objections,
                    eligible: after.eligible_count,
                    needed: crate::results::proposal::objections_to_veto(&after),
                    vetoed: after.status == netstate_client::ProposalStatus::Vetoed,
                },
            )))
        }
        ProposalCommand::Respond {
            index,
            uri,
            file,
            hash,
        } => {
            let (address, p) = load(index).await?;
            let ProposalAction::ExpelMember { wallet } = p.action else {
                return Err(CliError::new(format!(
                    "proposal #{index} is not an expulsion: only the member an expulsion names may answer it"
                )));
            };
            if wallet != me {
                return Err(CliError::new(format!(
                    "proposal #{index} names {wallet}, not you ({me}): only they may answer it"
                )));
            }
            crate::rules::check(Proposal::validate_response_uri(&uri), "--uri")?;
            let digest =
                crate::digest::from_file_or_hex(file.as_deref(), hash.as_deref(), "--hash")?
                    .ok_or_else(|| {
                        CliError::new("pin your answer's text: add --file FILE or --hash HEX")
                    })?;
            if p.status != netstate_client::ProposalStatus::Voting
                || now(ctx).await? >= p.voting_ends_at
            {
                return Err(CliError::new(format!(
                    "the vote on proposal #{index} is closed: an answer is attached while it is open"
                )));
            }
            let signature = ctx
                .send(
                    &[ix::respond_to_proposal(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &address,
                        uri.clone(),
                        digest,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Responded {
                    index,
                    uri,
                    sha256: crate::digest::hex(&digest),
                },
            )))
        }
        ProposalCommand::Cancel { index } => {
            let (address, _) = load(index).await?;
            let signature = ctx
                .send(
                    &[ix::cancel_proposal(
                        ctx.client.program_id(),
                        &me,
                        &society,
                        &address,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(ctx, signature, Cancelled { index })))
        }
    }
}

/// Fails, naming why and until when, when a SOL payment of `amount` cannot pass the
/// treasury's outflow cap now: above the cap of the treasury as it is (it never will until
/// the treasury grows), or above what the bucket has room for (it will as it drains).
async fn sol_within_cap(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    amount: u64,
    index: u64,
) -> Result<(), CliError> {
    let g = &s.governance;
    let rpc = ctx.client.rpc();
    let reserve = rpc
        .get_minimum_balance_for_rent_exemption(0)
        .await
        .map_err(|e| ctx.error(e.into()))?;
    let balance = rpc
        .get_balance(&pda::treasury(ctx.client.program_id(), society).0)
        .await
        .map_err(|e| ctx.error(e.into()))?
        .saturating_sub(reserve);
    let now = now(ctx).await?;
    let mut bucket = s.sol_outflow;
    if bucket
        .spend(
            amount,
            balance,
            now,
            g.outflow_cap_bps,
            g.outflow_window_secs,
        )
        .is_ok()
    {
        return Ok(());
    }
    let sol = crate::output::sol;
    let empty_cap = u128::from(balance) * u128::from(g.outflow_cap_bps) / 10_000;
    let window = netstate_client::describe::duration(u64::from(g.outflow_window_secs));
    if u128::from(amount) > empty_cap {
        return Err(CliError::new(format!(
            "proposal #{index} pays {}, above the outflow cap of the treasury as it is ({}% of {} per {window}): it can execute only once the treasury holds more",
            sol(amount),
            crate::output::units(u64::from(g.outflow_cap_bps), 2),
            sol(balance),
        )));
    }
    Err(CliError::new(format!(
        "proposal #{index} pays {}, more than the outflow cap has room for now (recent payments: {} of the {}% per {window}): retry as it drains, before its deadline",
        sol(amount),
        sol(s.sol_outflow.level),
        crate::output::units(u64::from(g.outflow_cap_bps), 2),
    )))
}

/// Creates proposal number `index` (the society's `proposal_count`) of `society` with
/// `args`, signed by the CLI's keypair: shared by `proposal create` and `treaty …`.
pub(crate) async fn send_proposal(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    index: u64,
    args: CreateProposalArgs,
) -> Result<Output, CliError> {
    let title = args.title.clone();
    // A token payment names the treasury's account of the mint under the mint's program.
    let token_program = match args.action.treasury_mint() {
        Some(mint) => mint_info(ctx, &mint).await?.0,
        None => anchor_spl::token::ID,
    };
    // A mint of contribution tokens names the society's mint (its supply judges how much of
    // what exits pay the new tokens take).
    let contribution_mint = match &args.action {
        ProposalAction::MintContribution { .. } => {
            let s: netstate_client::Society = ctx
                .client
                .account(society)
                .await
                .map_err(|e| ctx.error(e))?;
            s.contribution_mint
        }
        _ => None,
    };
    let signature = ctx
        .send(
            &[ix::create_proposal_for_token(
                ctx.client.program_id(),
                &ctx.me(),
                society,
                index,
                args,
                &token_program,
                contribution_mint,
            )],
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Proposed {
            index,
            proposal: pda::proposal(ctx.client.program_id(), society, index)
                .0
                .to_string(),
            title,
        },
    )))
}
