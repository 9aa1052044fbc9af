//! `netstate society create|show|list|use`.

use clap::{Subcommand, ValueEnum};
use netstate_client::{AdmissionPolicy, CreateSocietyArgs, Society, instructions as ix};
use solana_signer::Signer;

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
        } => {
            crate::society_address(&name)?;
            let hash = crate::digest::from_file_or_hex(
                constitution_file.as_deref(),
                constitution_hash.as_deref(),
                "--constitution-hash",
            )?
            .ok_or_else(|| {
                CliError("give --constitution-file FILE or --constitution-hash HEX".into())
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
                governance: None,
                founder_handle: handle,
                founder_profile_uri: String::new(),
            };
            let signature = ctx
                .send(&[ix::create_society(&ctx.keypair.pubkey(), args)], &[])
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
        SocietyCommand::Show => {
            let (address, s) = ctx.society().await?;
            let human = format!(
                "{}\n  address:      {address}\n  constitution: {}\n  admission:    {}\n  steward:      {}\n  members:      {} ({} citizens)\n  nodes:        {} ({} active)\n  proposals:    {}\n  founded:      {}",
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
                    return Err(CliError(format!(
                        "no society named {name:?}: there are none yet; found one with `netstate society create`"
                    )));
                }
                names.sort_by_key(|known| crate::output::edit_distance(&name, known));
                let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                return Err(CliError(format!(
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
