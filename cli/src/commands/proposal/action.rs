//! What `netstate proposal create` proposes: the actions as typed, turned into the program's
//! `ProposalAction` (checked against the society first), and shown back as people read them.

use clap::Subcommand;
use netstate_client::ProposalAction;

use super::Scope;
use crate::commands::lookup::mint_info;
use crate::output::parse_units;
use crate::results::proposal::Action;
use crate::{CliError, Context, parse_pubkey};

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
    SetDues(crate::commands::society::DuesFlags),
    /// List the token mints an exit with a share pays besides SOL (up to four; none for
    /// SOL only). Constitutional: it needs the supermajority.
    SetExitBasket {
        /// A mint, once per mint, in the order of its slot.
        #[arg(long = "mint", value_name = "MINT")]
        mints: Vec<String>,
    },
    /// Register a hub.
    RegisterNode(crate::commands::node::NodeSpecArgs),
    /// Give a hub a budget, or change it: an allowance per period from the treasury, spent
    /// by its operator (or a keeper) with receipts. Executing it settles the first period.
    ///
    /// Example: netstate proposal create --title "Lisbon upkeep" set-node-budget --code lisbon --allowance 0.5 --period 30d
    SetNodeBudget(crate::commands::node::BudgetFlags),
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
    UpdateGovernance(GovernanceFlags),
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

/// `update-governance`: the parameters to change; each one left out keeps its value.
#[derive(Debug, clap::Args)]
pub struct GovernanceFlags {
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
}

impl GovernanceFlags {
    /// The society's parameters `g` with the ones given replaced.
    fn over(self, g: &netstate_client::GovernanceParams) -> netstate_client::GovernanceParams {
        netstate_client::GovernanceParams {
            quorum_bps: self.quorum_bps.unwrap_or(g.quorum_bps),
            approval_bps: self.approval_bps.unwrap_or(g.approval_bps),
            voting_period_secs: self.voting_period_secs.unwrap_or(g.voting_period_secs),
            execution_delay_secs: self.execution_delay_secs.unwrap_or(g.execution_delay_secs),
            execution_window_secs: self
                .execution_window_secs
                .unwrap_or(g.execution_window_secs),
            max_open_proposals_per_citizen: self
                .max_open_proposals
                .unwrap_or(g.max_open_proposals_per_citizen),
            supermajority_bps: self.supermajority_bps.unwrap_or(g.supermajority_bps),
            supermajority_quorum_bps: self
                .supermajority_quorum_bps
                .unwrap_or(g.supermajority_quorum_bps),
            outflow_cap_bps: self.outflow_cap_bps.unwrap_or(g.outflow_cap_bps),
            outflow_window_secs: self.outflow_window_secs.unwrap_or(g.outflow_window_secs),
            large_transfer_bps: self.large_transfer_bps.unwrap_or(g.large_transfer_bps),
            veto_bps: self.veto_bps.unwrap_or(g.veto_bps),
        }
    }
}

impl ActionArgs {
    /// The program's action for these arguments, read and checked against the society.
    pub(super) async fn resolve(self, scope: &Scope<'_>) -> Result<ProposalAction, CliError> {
        let (ctx, society, s) = (scope.ctx, &scope.society, &scope.s);
        let name = s.name.as_str();
        Ok(match self {
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
                let (code, terms) = flags.terms(ctx, society, s).await?;
                ProposalAction::SetNodeBudget { code, terms }
            }
            ActionArgs::EndNodeBudget { code } => {
                let (node, _) =
                    crate::commands::lookup::find_hub(ctx, society, name, &code).await?;
                let budget = netstate_client::pda::node_budget(ctx.client.program_id(), &node).0;
                if ctx.client.rpc().get_account(&budget).await.is_err() {
                    return Err(CliError::new(format!("hub {code} has no budget to end")));
                }
                ProposalAction::EndNodeBudget { code }
            }
            ActionArgs::RegisterNode(args) => ProposalAction::RegisterNode { spec: args.spec()? },
            ActionArgs::AmendConstitution { uri, file, hash } => {
                let hash =
                    crate::digest::from_file_or_hex(file.as_deref(), hash.as_deref(), "--hash")?
                        .ok_or_else(|| CliError::new("give --file FILE or --hash HEX"))?;
                ProposalAction::AmendConstitution { uri, hash }
            }
            ActionArgs::UpdateGovernance(flags) => ProposalAction::UpdateGovernance {
                params: flags.over(&s.governance),
            },
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
        })
    }
}

pub(super) async fn action_view(
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

pub(super) async fn action_decimals(
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
