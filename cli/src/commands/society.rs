//! `netstate society create|show|list|use`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{AdmissionPolicy, CreateSocietyArgs, Member, Society, instructions as ix};

use crate::results::Sent;
use crate::results::society::{
    AccountsUpgraded, DefaultSociety, DuesChanged, Founded, SocietyView, StewardRenounced,
    UpgradedAccount, society_list,
};
use crate::{CliError, Context, Output};

/// Admission policies as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Policy {
    /// Anyone who applies is a citizen at once.
    Open,
    /// Citizens sponsor applicants (see --sponsors).
    Sponsored,
    /// The steward (later, a proposal) admits each applicant.
    Vetted,
    /// Applicants present at the hubs on enough days claim citizenship (see
    /// --presence-days).
    Presence,
}

/// Society commands.
// Parsed once per process: the size of one variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SocietyCommand {
    /// Found a society; you become its first citizen and steward.
    ///
    /// The constitution's text is pinned by its SHA-256: give the text (--constitution-file)
    /// or its hash (--constitution-hash).
    ///
    /// Example: netstate society create "The Solar State" --constitution ipfs://Qm... --constitution-file constitution.md --policy sponsored --sponsors 2
    Create(CreateArgs),

    /// End the startup stage for good: from then on only proposals admit members and
    /// register hubs (steward only; cannot be undone except by a SetSteward proposal).
    RenounceSteward {
        /// Confirms you mean it.
        #[arg(long)]
        yes: bool,
    },
    /// Set the society's dues (steward only, during the startup stage; afterwards a
    /// `set-dues` proposal). An amount of 0 ends them.
    ///
    /// Example: netstate society set-dues --amount 0.1 --period 30d --grace 7d
    SetDues(DuesFlags),
    /// Show a society (default: --society).
    Show,
    /// List every society.
    List,
    /// Rewrite the society's accounts that are in an earlier layout (from an older
    /// netstate release) in the current one; you pay the rent of their growth. Commands that
    /// need such an account upgrade it on the way; this does them all at once.
    Upgrade,
    /// Make NAME the default society of later commands.
    Use {
        /// The society's name.
        name: String,
    },
}

/// `society create`: the new society's name, constitution, admission and governance.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("constitution_digest").required(true))]
pub struct CreateArgs {
    /// Unique name, 1..=32 bytes.
    name: String,
    /// Where the constitution lives (URI).
    #[arg(long)]
    constitution: String,
    /// A local copy of the constitution: its SHA-256 is recorded on-chain.
    #[arg(long, value_name = "FILE", group = "constitution_digest")]
    constitution_file: Option<std::path::PathBuf>,
    /// The constitution's SHA-256, 64 hex digits (instead of --constitution-file).
    #[arg(long, value_name = "HEX", group = "constitution_digest")]
    constitution_hash: Option<String>,
    /// How applicants become citizens.
    #[arg(long, value_enum, default_value_t = Policy::Vetted)]
    policy: Policy,
    /// Sponsors needed under --policy sponsored.
    #[arg(long, default_value_t = 2)]
    sponsors: u8,
    /// Days at the society's hubs (of the last 128) that earn citizenship under
    /// --policy presence.
    #[arg(long, value_name = "DAYS", default_value_t = 10)]
    presence_days: u8,
    /// Your handle.
    #[arg(long, default_value = "founder")]
    handle: String,
    /// Governance parameters (the defaults for those not given).
    #[command(flatten)]
    governance: GovernanceFlags,
}

/// Runs a society command.
pub async fn run(ctx: &Context, command: SocietyCommand) -> Result<Output, CliError> {
    match command {
        SocietyCommand::Create(args) => create(ctx, args).await,
        SocietyCommand::SetDues(flags) => {
            let (address, s) = ctx.society().await?;
            let dues = flags.dues(ctx).await?;
            let signature = ctx
                .send(
                    &[ix::set_dues(
                        ctx.client.program_id(),
                        &ctx.me(),
                        &address,
                        dues,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                DuesChanged {
                    society: address.to_string(),
                    name: s.name,
                    dues: netstate_client::describe::dues(&dues),
                },
            )))
        }
        SocietyCommand::RenounceSteward { yes } => {
            let (address, s) = ctx.society().await?;
            if !yes {
                return Err(CliError::new(format!(
                    "this ends {}'s startup stage for good: from then on only proposals admit members and register hubs. Pass --yes to do it",
                    s.name
                )));
            }
            let signature = ctx
                .send(
                    &[ix::renounce_steward(
                        ctx.client.program_id(),
                        &ctx.me(),
                        &address,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                StewardRenounced {
                    society: address.to_string(),
                    name: s.name,
                    steward: None,
                },
            )))
        }
        SocietyCommand::Show => {
            let (address, s) = ctx.society().await?;
            Ok(Output::new(SocietyView::new(&address, &s)))
        }
        SocietyCommand::List => {
            let all = ctx.client.societies().await.map_err(|e| ctx.error(e))?;
            Ok(Output::new(society_list(&all)))
        }
        SocietyCommand::Upgrade => upgrade(ctx).await,
        SocietyCommand::Use { name } => {
            crate::society_address(ctx.client.program_id(), &name)?;
            let all = ctx.client.societies().await.map_err(|e| ctx.error(e))?;
            if !all.iter().any(|(_, s)| s.name == name) {
                return Err(ctx.no_society(&name).await);
            }
            crate::context::save_society(&name)?;
            Ok(Output::new(DefaultSociety { society: name }))
        }
    }
}

/// `society create`: founds the society, the signer its first citizen and steward.
async fn create(ctx: &Context, args: CreateArgs) -> Result<Output, CliError> {
    let CreateArgs {
        name,
        constitution,
        constitution_file,
        constitution_hash,
        policy,
        sponsors,
        presence_days,
        handle,
        governance,
    } = args;
    let governance = governance.params()?;
    use crate::rules::check;
    check(Society::validate_name(&name), "society name")?;
    check(
        Society::validate_constitution_uri(&constitution),
        "--constitution",
    )?;
    check(Member::validate_handle(&handle), "--handle")?;
    crate::society_address(ctx.client.program_id(), &name)?;
    let hash = crate::digest::from_file_or_hex(
        constitution_file.as_deref(),
        constitution_hash.as_deref(),
        "--constitution-hash",
    )?
    .ok_or_else(|| CliError::new("give --constitution-file FILE or --constitution-hash HEX"))?;
    let admission = match policy {
        Policy::Open => AdmissionPolicy::Open,
        Policy::Vetted => AdmissionPolicy::Vetted,
        Policy::Sponsored => AdmissionPolicy::Sponsored {
            sponsors_required: sponsors,
        },
        Policy::Presence => AdmissionPolicy::Presence {
            days_required: presence_days,
        },
    };
    crate::rules::check(admission.validate(), "admission policy")?;
    let args = CreateSocietyArgs {
        name: name.clone(),
        constitution_uri: constitution,
        constitution_hash: hash,
        admission,
        governance,
        founder_handle: handle,
        founder_profile_uri: String::new(),
    };
    let signature = ctx
        .send(
            &[ix::create_society(ctx.client.program_id(), &ctx.me(), args)],
            &[],
        )
        .await?;
    crate::context::save_society(&name)?;
    let address = netstate_client::pda::society(ctx.client.program_id(), &name).0;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Founded {
            society: address.to_string(),
            name,
        },
    )))
}

/// `society upgrade`: brings every account of the society still in an older layout to the
/// current one.
async fn upgrade(ctx: &Context) -> Result<Output, CliError> {
    let (address, s) = ctx.society().await?;
    let outdated = ctx
        .client
        .outdated_accounts(&address)
        .await
        .map_err(|e| ctx.error(e))?;
    let mut upgraded = Vec::with_capacity(outdated.len());
    for old in outdated {
        let signature = ctx
            .send(
                &[ix::upgrade_account(
                    ctx.client.program_id(),
                    &ctx.me(),
                    &address,
                    &old.address,
                )],
                &[],
            )
            .await?;
        upgraded.push(UpgradedAccount {
            address: old.address.to_string(),
            kind: old.kind.to_string(),
            from_version: old.version,
            to_version: old.current,
            signature,
        });
    }
    Ok(Output::new(AccountsUpgraded {
        society: address.to_string(),
        name: s.name,
        upgraded,
    }))
}

/// The governance flags of `society create`.
#[derive(Debug, Clone, clap::Args)]
pub struct GovernanceFlags {
    /// Governance: share of citizens that must vote, percent (default 20).
    #[arg(long, value_name = "PERCENT")]
    quorum: Option<String>,
    /// Governance: share of yes among yes and no to pass, percent, above 50 (default 60).
    #[arg(long, value_name = "PERCENT")]
    approval: Option<String>,
    /// Governance: how long a vote stays open, e.g. 3d (1h to 90d; default 3d).
    #[arg(long, value_name = "DURATION")]
    voting_period: Option<String>,
    /// Governance: the timelock between passing and execution, e.g. 1d (up to 30d).
    #[arg(long, value_name = "DURATION")]
    timelock: Option<String>,
    /// Governance: how long a passed proposal stays executable, e.g. 7d (1d to 90d).
    #[arg(long, value_name = "DURATION")]
    window: Option<String>,
    /// Governance: proposals one citizen may have open at once (1 to 16; default 3).
    #[arg(long, value_name = "N")]
    max_open_proposals: Option<u8>,
    /// Governance: share of yes among yes and no that constitutional actions need (amend,
    /// rules, expel, steward, treaties), percent, at least --approval (default 66.66).
    #[arg(long, value_name = "PERCENT")]
    supermajority: Option<String>,
    /// Governance: share of citizens that must vote on a constitutional action, percent,
    /// at least --quorum (default 33.34).
    #[arg(long, value_name = "PERCENT")]
    supermajority_quorum: Option<String>,
    /// Governance: most of each treasury asset executed payments may take per outflow
    /// window, percent (default 20).
    #[arg(long, value_name = "PERCENT")]
    outflow_cap: Option<String>,
    /// Governance: the outflow window, e.g. 7d (1h to 90d; default 7d).
    #[arg(long, value_name = "DURATION")]
    outflow_window: Option<String>,
    /// Governance: a payment above this share of the asset's balance needs the
    /// supermajority, percent (default 10).
    #[arg(long, value_name = "PERCENT")]
    large_transfer: Option<String>,
    /// Governance: objections by this share of a passed proposal's electorate during its
    /// timelock veto it, percent (default 30).
    #[arg(long, value_name = "PERCENT")]
    veto: Option<String>,
}

impl GovernanceFlags {
    /// The parameters the flags describe, checked with the program's own rules before
    /// anything is sent; `None` when no flag is given (the program's defaults apply).
    pub fn params(self) -> Result<Option<netstate_client::GovernanceParams>, CliError> {
        let Self {
            quorum,
            approval,
            voting_period,
            timelock,
            window,
            max_open_proposals,
            supermajority,
            supermajority_quorum,
            outflow_cap,
            outflow_window,
            large_transfer,
            veto,
        } = self;
        if quorum.is_none()
            && approval.is_none()
            && voting_period.is_none()
            && timelock.is_none()
            && window.is_none()
            && max_open_proposals.is_none()
            && supermajority.is_none()
            && supermajority_quorum.is_none()
            && outflow_cap.is_none()
            && outflow_window.is_none()
            && large_transfer.is_none()
            && veto.is_none()
        {
            return Ok(None);
        }
        let defaults = netstate_client::GovernanceParams::default();
        let percent = |text: Option<String>, flag: &str, default: u16| -> Result<u16, CliError> {
            match text {
                None => Ok(default),
                Some(text) => crate::output::parse_units(&text, 2)
                    .ok()
                    .and_then(|bps| u16::try_from(bps).ok())
                    .ok_or_else(|| {
                        CliError::new(format!(
                            "{flag} is a percentage such as 20 or 66.67, got {text:?}"
                        ))
                    }),
            }
        };
        let secs = |text: Option<String>, flag: &str, default: u32| -> Result<u32, CliError> {
            match text {
                None => Ok(default),
                Some(text) => crate::output::parse_span(&text)
                    .map_err(|e| CliError::new(format!("{flag}: {e}")))
                    .and_then(|s| {
                        u32::try_from(s)
                            .map_err(|_| CliError::new(format!("{flag} is too long: {text:?}")))
                    }),
            }
        };
        let params = netstate_client::GovernanceParams {
            quorum_bps: percent(quorum, "--quorum", defaults.quorum_bps)?,
            approval_bps: percent(approval, "--approval", defaults.approval_bps)?,
            voting_period_secs: secs(
                voting_period,
                "--voting-period",
                defaults.voting_period_secs,
            )?,
            execution_delay_secs: secs(timelock, "--timelock", defaults.execution_delay_secs)?,
            execution_window_secs: secs(window, "--window", defaults.execution_window_secs)?,
            max_open_proposals_per_citizen: max_open_proposals
                .unwrap_or(defaults.max_open_proposals_per_citizen),
            supermajority_bps: percent(
                supermajority,
                "--supermajority",
                defaults.supermajority_bps,
            )?,
            supermajority_quorum_bps: percent(
                supermajority_quorum,
                "--supermajority-quorum",
                defaults.supermajority_quorum_bps,
            )?,
            outflow_cap_bps: percent(outflow_cap, "--outflow-cap", defaults.outflow_cap_bps)?,
            outflow_window_secs: secs(
                outflow_window,
                "--outflow-window",
                defaults.outflow_window_secs,
            )?,
            large_transfer_bps: percent(
                large_transfer,
                "--large-transfer",
                defaults.large_transfer_bps,
            )?,
            veto_bps: percent(veto, "--veto", defaults.veto_bps)?,
        };
        crate::rules::check(params.validate(), "governance out of range")?;
        Ok(Some(params))
    }
}

/// The dues flags of `society set-dues` and `proposal create set-dues`.
#[derive(Debug, Clone, clap::Args)]
pub struct DuesFlags {
    /// Per period, in SOL (or in the token's units with --mint); 0 ends the dues.
    #[arg(long)]
    #[arg(allow_negative_numbers = true)]
    amount: String,
    /// The token they are paid in (default: SOL).
    #[arg(long, value_name = "MINT")]
    mint: Option<String>,
    /// How long one period is, e.g. 30d (1d to 400d).
    #[arg(long, value_name = "DURATION", default_value = "30d")]
    period: String,
    /// How long after the paid period a citizen may still pay before being marked lapsed,
    /// e.g. 7d (up to 365d).
    #[arg(long, value_name = "DURATION", default_value = "7d")]
    grace: String,
}

impl DuesFlags {
    /// The dues the flags describe, checked with the program's rules before sending.
    pub async fn dues(&self, ctx: &Context) -> Result<netstate_client::Dues, CliError> {
        let (mint, decimals) = match &self.mint {
            None => (None, 9),
            Some(text) => {
                let mint = crate::parse_pubkey(text, "--mint")?;
                let (_, decimals) = super::lookup::mint_info(ctx, &mint).await?;
                (Some(mint), decimals)
            }
        };
        let secs = |text: &str, flag: &str| -> Result<u32, CliError> {
            crate::output::parse_span(text)
                .map_err(|e| CliError::new(format!("{flag}: {e}")))
                .and_then(|s| {
                    u32::try_from(s)
                        .map_err(|_| CliError::new(format!("{flag} is too long: {text:?}")))
                })
        };
        let dues = netstate_client::Dues {
            amount: crate::output::parse_units(&self.amount, decimals)
                .map_err(|e| CliError::new(format!("--amount: {e}")))?,
            mint,
            period_secs: secs(&self.period, "--period")?,
            grace_secs: secs(&self.grace, "--grace")?,
            since: 0,
        };
        crate::rules::check(dues.validate(), "--period/--grace")?;
        Ok(dues)
    }
}
