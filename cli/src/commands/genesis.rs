//! `netstate genesis apply FILE`: genesis as code. Makes the chain match a TOML manifest,
//! idempotently: what exists is left alone, what is missing is created, so running it twice
//! changes nothing and a partial run resumes.

use std::path::PathBuf;

use clap::Subcommand;
use netstate_client::{
    AdmissionPolicy, ApplyArgs, CreateSocietyArgs, GovernanceParams, MemberStatus,
    instructions as ix, pda,
};
use serde::Deserialize;
use solana_signer::Signer;

use crate::commands::node::node_spec;
use crate::{CliError, Context, Output, parse_pubkey};

/// Genesis commands.
#[derive(Debug, Subcommand)]
pub enum GenesisCommand {
    /// Apply a manifest; your keypair founds the society and is its steward.
    ///
    /// Example: netstate genesis apply migrations/solar-state.toml
    Apply {
        /// The manifest (TOML).
        file: PathBuf,
    },
}

/// A genesis manifest.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The society.
    pub society: SocietySection,
    /// Founding members, admitted by the steward.
    #[serde(default)]
    pub members: Vec<MemberSection>,
    /// Hubs.
    #[serde(default)]
    pub nodes: Vec<NodeSection>,
}

/// `[society]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocietySection {
    /// Name (1..=32 bytes).
    pub name: String,
    /// Constitution URI.
    pub constitution_uri: String,
    /// SHA-256 of the constitution's text, 64 hex digits (required to found the society).
    pub constitution_sha256: Option<String>,
    /// `open`, `vetted` or `sponsored`.
    pub admission: String,
    /// Sponsors required under `sponsored`.
    pub sponsors_required: Option<u8>,
    /// The founder's handle.
    #[serde(default = "default_handle")]
    pub founder_handle: String,
    /// Governance parameters (defaults when absent).
    pub governance: Option<GovernanceSection>,
}

fn default_handle() -> String {
    "founder".into()
}

/// `[society.governance]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceSection {
    /// Quorum, basis points.
    pub quorum_bps: u16,
    /// Approval threshold, basis points.
    pub approval_bps: u16,
    /// Voting period, seconds.
    pub voting_period_secs: u32,
    /// Timelock, seconds.
    pub execution_delay_secs: u32,
    /// Execution window, seconds.
    pub execution_window_secs: u32,
    /// Open proposals per citizen.
    pub max_open_proposals_per_citizen: u8,
}

/// `[[members]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSection {
    /// The member's wallet.
    pub wallet: String,
    /// Their handle.
    pub handle: String,
    /// Their keypair file, if at hand: genesis then applies for them too.
    pub keypair: Option<PathBuf>,
}

/// `[[nodes]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeSection {
    /// Code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// ISO country code.
    pub country: String,
    /// Latitude, degrees.
    pub latitude: String,
    /// Longitude, degrees.
    pub longitude: String,
    /// Operator key.
    pub operator: String,
}

/// Reads and checks a manifest.
pub fn read_manifest(path: &std::path::Path) -> Result<Manifest, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(format!("cannot read {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        CliError::new(format!(
            "{} is not a valid genesis manifest: {e}",
            path.display()
        ))
    })
}

/// Applies a manifest.
pub async fn run(ctx: &Context, command: GenesisCommand) -> Result<Output, CliError> {
    let GenesisCommand::Apply { file } = command;
    let manifest = read_manifest(&file)?;
    let me = ctx.me();
    let mut done: Vec<String> = Vec::new();
    let mut actions: Vec<serde_json::Value> = Vec::new();
    let mut record = |what: String, signature: Option<String>| {
        actions.push(serde_json::json!({ "action": what, "signature": signature }));
        done.push(match signature {
            Some(s) => format!("✓ {what}\n    {s}"),
            None => format!("= {what}"),
        });
    };

    let s = &manifest.society;
    crate::society_address(&s.name)?;
    let society = pda::society(&s.name).0;
    match ctx.client.society(&s.name).await {
        Ok((_, existing)) => {
            if existing.founder != me {
                return Err(CliError::new(format!(
                    "{:?} exists and was founded by {}, not by your keypair {me}",
                    s.name, existing.founder
                )));
            }
            record(format!("society {:?} exists", s.name), None);
        }
        Err(netstate_client::ClientError::AccountNotFound(_)) => {
            let admission = match s.admission.as_str() {
                "open" => AdmissionPolicy::Open,
                "vetted" => AdmissionPolicy::Vetted,
                "sponsored" => AdmissionPolicy::Sponsored {
                    sponsors_required: s.sponsors_required.unwrap_or(2),
                },
                other => {
                    return Err(CliError::new(format!(
                        "admission must be open, vetted or sponsored, got {other:?}"
                    )));
                }
            };
            let governance = s.governance.as_ref().map(|g| GovernanceParams {
                quorum_bps: g.quorum_bps,
                approval_bps: g.approval_bps,
                voting_period_secs: g.voting_period_secs,
                execution_delay_secs: g.execution_delay_secs,
                execution_window_secs: g.execution_window_secs,
                max_open_proposals_per_citizen: g.max_open_proposals_per_citizen,
            });
            let args = CreateSocietyArgs {
                name: s.name.clone(),
                constitution_uri: s.constitution_uri.clone(),
                constitution_hash: crate::digest::parse_sha256(
                    s.constitution_sha256.as_deref().ok_or_else(|| {
                        CliError::new("the manifest's [society] needs constitution_sha256: the SHA-256 of the constitution's text, 64 hex digits")
                    })?,
                    "constitution_sha256",
                )?,
                admission,
                governance,
                founder_handle: s.founder_handle.clone(),
                founder_profile_uri: String::new(),
            };
            let sig = ctx.send(&[ix::create_society(&me, args)], &[]).await?;
            record(format!("created society {:?}", s.name), Some(sig));
        }
        Err(e) => return Err(ctx.error(e)),
    }

    for n in &manifest.nodes {
        if ctx.client.node(&society, &n.code).await.is_ok() {
            record(format!("node {} exists", n.code), None);
            continue;
        }
        let spec = node_spec(
            &n.code,
            &n.name,
            &n.country,
            &n.latitude,
            &n.longitude,
            &n.operator,
        )?;
        let sig = ctx
            .send(&[ix::register_node(&me, &society, spec)], &[])
            .await?;
        record(format!("registered node {}", n.code), Some(sig));
    }

    let mut waiting = Vec::new();
    for m in &manifest.members {
        let wallet = parse_pubkey(&m.wallet, "member wallet")?;
        let mut member = ctx
            .client
            .member(&society, &wallet)
            .await
            .map_err(|e| ctx.error(e))?;
        if let (None, Some(path)) = (&member, &m.keypair) {
            {
                let keypair = crate::config::read_keypair(path)?;
                if keypair.pubkey() != wallet {
                    return Err(CliError::new(format!(
                        "{} is not the keypair of {wallet}",
                        path.display()
                    )));
                }
                let apply = ix::apply(
                    &wallet,
                    &society,
                    ApplyArgs {
                        handle: m.handle.clone(),
                        profile_uri: String::new(),
                    },
                );
                let sig = ctx.send(&[apply], &[&keypair]).await?;
                record(format!("{} applied", m.handle), Some(sig));
                member = ctx
                    .client
                    .member(&society, &wallet)
                    .await
                    .map_err(|e| ctx.error(e))?;
            }
        }
        match member.map(|(_, m)| m.status) {
            Some(MemberStatus::Citizen) => record(format!("{} is a citizen", m.handle), None),
            Some(MemberStatus::Applicant) => {
                let sig = ctx
                    .send(&[ix::admit_member(&me, &society, &wallet)], &[])
                    .await?;
                record(format!("admitted {}", m.handle), Some(sig));
            }
            Some(MemberStatus::Expelled) => {
                record(format!("{} was expelled: left out", m.handle), None)
            }
            None => waiting.push(format!(
                "{} ({wallet}) has not applied yet: they run `netstate member apply --handle {}`",
                m.handle, m.handle
            )),
        }
    }
    crate::context::save_society(&s.name)?;
    let mut human = done.join("\n");
    if !waiting.is_empty() {
        human.push_str("\nwaiting:\n  ");
        human.push_str(&waiting.join("\n  "));
    }
    Ok(Output {
        human,
        json: serde_json::json!({ "society": society.to_string(), "actions": actions, "waiting": waiting }),
    })
}
