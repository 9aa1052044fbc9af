//! `netstate society create|show|list|use`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{AdmissionPolicy, CreateSocietyArgs, Member, Society, instructions as ix};

use crate::output::{date, table};
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
    #[command(group = clap::ArgGroup::new("constitution_digest").required(true))]
    Create {
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
        /// Your handle.
        #[arg(long, default_value = "founder")]
        handle: String,
        /// Governance parameters (the defaults for those not given).
        #[command(flatten)]
        governance: GovernanceFlags,
    },
    /// End the startup stage for good: from then on only proposals admit members and
    /// register hubs (steward only; cannot be undone except by a SetSteward proposal).
    RenounceSteward {
        /// Confirms you mean it.
        #[arg(long)]
        yes: bool,
    },
    /// Show a society (default: --society).
    Show,
    /// List every society.
    List,
    /// Make NAME the default society of later commands.
    Use {
        /// The society's name.
        name: String,
    },
}

/// Society as JSON.
pub fn society_json(address: &anchor_lang::prelude::Pubkey, s: &Society) -> serde_json::Value {
    serde_json::json!({
        "address": address.to_string(),
        "name": s.name,
        "steward": s.steward.map(|k| k.to_string()),
        "founder": s.founder.to_string(),
        "constitutionUri": s.constitution_uri,
        "constitutionSha256": (s.constitution_hash != [0; 32])
            .then(|| crate::digest::hex(&s.constitution_hash)),
        "admission": crate::output::admission(&s.admission),
        "governance": {
            "quorumBps": s.governance.quorum_bps,
            "approvalBps": s.governance.approval_bps,
            "votingPeriodSecs": s.governance.voting_period_secs,
            "executionDelaySecs": s.governance.execution_delay_secs,
            "executionWindowSecs": s.governance.execution_window_secs,
            "maxOpenProposalsPerCitizen": s.governance.max_open_proposals_per_citizen,
        },
        "members": s.member_count,
        "citizens": s.citizen_count,
        "nodes": s.node_count,
        "activeNodes": s.active_node_count,
        "proposals": s.proposal_count,
        "createdAt": s.created_at,
        "contributionMint": s.contribution_mint.map(|k| k.to_string()),
        "seq": s.seq,
    })
}

/// Runs a society command.
pub async fn run(ctx: &Context, command: SocietyCommand) -> Result<Output, CliError> {
    match command {
        SocietyCommand::Create {
            name,
            constitution,
            constitution_file,
            constitution_hash,
            policy,
            sponsors,
            handle,
            governance,
        } => {
            let governance = governance.params()?;
            use crate::rules::check;
            check(Society::validate_name(&name), "society name")?;
            check(
                Society::validate_constitution_uri(&constitution),
                "--constitution",
            )?;
            check(Member::validate_handle(&handle), "--handle")?;
            crate::society_address(&name)?;
            let hash = crate::digest::from_file_or_hex(
                constitution_file.as_deref(),
                constitution_hash.as_deref(),
                "--constitution-hash",
            )?
            .ok_or_else(|| {
                CliError::new("give --constitution-file FILE or --constitution-hash HEX")
            })?;
            let admission = match policy {
                Policy::Open => AdmissionPolicy::Open,
                Policy::Vetted => AdmissionPolicy::Vetted,
                Policy::Sponsored => AdmissionPolicy::Sponsored {
                    sponsors_required: sponsors,
                },
            };
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
                .send(&[ix::create_society(&ctx.me(), args)], &[])
                .await?;
            crate::context::save_society(&name)?;
            let address = netstate_client::pda::society(&name).0;
            Ok(super::sent(
                ctx,
                format!("Founded {name:?} at {address}; you are its first citizen and steward."),
                signature,
                serde_json::json!({ "society": address.to_string(), "name": name }),
            ))
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
                .send(&[ix::renounce_steward(&ctx.me(), &address)], &[])
                .await?;
            Ok(super::sent(
                ctx,
                format!(
                    "{} governs itself now: the steward's powers belong to proposals.",
                    s.name
                ),
                signature,
                serde_json::json!({ "society": address.to_string(), "steward": null }),
            ))
        }
        SocietyCommand::Show => {
            let (address, s) = ctx.society().await?;
            let human = format!(
                "{}\n  address:      {address}\n  constitution: {}\n  admission:    {}\n  governance:   {}\n  steward:      {}\n  members:      {} ({} citizens)\n  nodes:        {} ({} active)\n  proposals:    {}\n  founded:      {}",
                s.name,
                if s.constitution_hash == [0; 32] {
                    format!("{} (no hash recorded)", s.constitution_uri)
                } else {
                    format!(
                        "{} (sha256 {})",
                        s.constitution_uri,
                        crate::digest::hex(&s.constitution_hash)
                    )
                },
                crate::output::admission(&s.admission),
                governance_text(&s.governance),
                s.steward
                    .map_or("none (governed by proposals)".to_string(), |k| k
                        .to_string()),
                s.member_count,
                s.citizen_count,
                s.node_count,
                s.active_node_count,
                s.proposal_count,
                date(s.created_at),
            );
            Ok(Output {
                human,
                json: society_json(&address, &s),
            })
        }
        SocietyCommand::List => {
            let all = ctx.client.societies().await.map_err(|e| ctx.error(e))?;
            let rows = all
                .iter()
                .map(|(_, s)| {
                    vec![
                        s.name.clone(),
                        s.citizen_count.to_string(),
                        s.node_count.to_string(),
                        s.proposal_count.to_string(),
                        date(s.created_at),
                    ]
                })
                .collect::<Vec<_>>();
            Ok(Output {
                human: table(
                    &["NAME", "CITIZENS", "NODES", "PROPOSALS", "FOUNDED"],
                    &rows,
                ),
                json: serde_json::Value::Array(
                    all.iter().map(|(a, s)| society_json(a, s)).collect(),
                ),
            })
        }
        SocietyCommand::Use { name } => {
            crate::society_address(&name)?;
            let all = ctx.client.societies().await.map_err(|e| ctx.error(e))?;
            if !all.iter().any(|(_, s)| s.name == name) {
                let mut names: Vec<&str> = all.iter().map(|(_, s)| s.name.as_str()).collect();
                if names.is_empty() {
                    return Err(CliError::new(format!(
                        "no society named {name:?}: there are none yet; found one with `netstate society create`"
                    )));
                }
                names.sort_by_key(|known| crate::output::edit_distance(&name, known));
                let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                return Err(CliError::new(format!(
                    "no society named {name:?}; societies here, closest first: {}",
                    list.join(", ")
                )));
            }
            crate::context::save_society(&name)?;
            Ok(Output {
                human: format!("Default society: {name}"),
                json: serde_json::json!({ "society": name }),
            })
        }
    }
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
        } = self;
        if quorum.is_none()
            && approval.is_none()
            && voting_period.is_none()
            && timelock.is_none()
            && window.is_none()
            && max_open_proposals.is_none()
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
                Some(text) => crate::output::parse_duration(&text)
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
        };
        crate::rules::check(params.validate(), "governance out of range")?;
        Ok(Some(params))
    }
}

/// Governance parameters in words, durations in their largest exact unit.
pub fn governance_text(g: &netstate_client::GovernanceParams) -> String {
    use crate::output::{duration, units};
    format!(
        "quorum {}%, approval {}%, voting {}, timelock {}, window {}, {} open proposals per citizen",
        units(u64::from(g.quorum_bps), 2),
        units(u64::from(g.approval_bps), 2),
        duration(u64::from(g.voting_period_secs)),
        duration(u64::from(g.execution_delay_secs)),
        duration(u64::from(g.execution_window_secs)),
        g.max_open_proposals_per_citizen
    )
}
