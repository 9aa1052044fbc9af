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
use crate::results::genesis::{Applied, Difference, Fix, Plan, Step};
use crate::results::society::Admission;
use crate::{CliError, Context, Output, parse_pubkey};

/// Genesis commands.
#[derive(Debug, Subcommand)]
pub enum GenesisCommand {
    /// Apply a manifest; your keypair founds the society and is its steward. What differs
    /// and only a proposal (or nothing) can change is listed at the end.
    ///
    /// Example: netstate genesis apply migrations/solar-state.toml
    Apply {
        /// The manifest (TOML).
        file: PathBuf,
        /// Hand the door of a hub that exists to the operator key the manifest names. Without
        /// it, what exists is left alone: a door key on chain is never replaced by a
        /// manifest's (an example manifest names keys nobody holds).
        #[arg(long)]
        set_operators: bool,
    },
    /// List every difference between a manifest and the chain, and how each is fixed
    /// (by `genesis apply`, by a proposal, or not at all). Changes nothing.
    ///
    /// Example: netstate genesis plan migrations/solar-state.toml
    Plan {
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
    /// `open`, `vetted`, `sponsored` or `presence`.
    pub admission: String,
    /// Sponsors required under `sponsored`.
    pub sponsors_required: Option<u8>,
    /// Days of presence (of the last 128) that earn citizenship under `presence`.
    pub presence_days: Option<u8>,
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
    /// Supermajority for constitutional actions, basis points (the program's default when
    /// absent).
    pub supermajority_bps: Option<u16>,
    /// Quorum for constitutional actions, basis points (the program's default when absent).
    pub supermajority_quorum_bps: Option<u16>,
    /// Outflow cap per window, basis points (the program's default when absent).
    pub outflow_cap_bps: Option<u16>,
    /// Outflow window, seconds (the program's default when absent).
    pub outflow_window_secs: Option<u32>,
    /// Large-transfer share, basis points (the program's default when absent).
    pub large_transfer_bps: Option<u16>,
    /// Veto share, basis points (the program's default when absent).
    pub veto_bps: Option<u16>,
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

impl NodeSection {
    /// The hub spec this section describes, checked.
    pub fn spec(&self) -> Result<netstate_client::NodeSpec, CliError> {
        node_spec(
            &self.code,
            &self.name,
            &self.country,
            &self.latitude,
            &self.longitude,
            &self.operator,
        )
    }
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

/// The admission policy a manifest names.
fn admission(s: &SocietySection) -> Result<AdmissionPolicy, CliError> {
    match s.admission.as_str() {
        "open" => Ok(AdmissionPolicy::Open),
        "vetted" => Ok(AdmissionPolicy::Vetted),
        "sponsored" => Ok(AdmissionPolicy::Sponsored {
            sponsors_required: s.sponsors_required.unwrap_or(2),
        }),
        "presence" => Ok(AdmissionPolicy::Presence {
            days_required: s.presence_days.unwrap_or(10),
        }),
        other => Err(CliError::new(format!(
            "admission must be open, vetted, sponsored or presence, got {other:?}"
        ))),
    }
}

/// The governance a manifest names (the defaults without a `[society.governance]`).
fn governance(s: &SocietySection) -> GovernanceParams {
    s.governance
        .as_ref()
        .map_or_else(GovernanceParams::default, |g| GovernanceParams {
            quorum_bps: g.quorum_bps,
            approval_bps: g.approval_bps,
            voting_period_secs: g.voting_period_secs,
            execution_delay_secs: g.execution_delay_secs,
            execution_window_secs: g.execution_window_secs,
            max_open_proposals_per_citizen: g.max_open_proposals_per_citizen,
            supermajority_bps: g
                .supermajority_bps
                .unwrap_or(GovernanceParams::default().supermajority_bps),
            supermajority_quorum_bps: g
                .supermajority_quorum_bps
                .unwrap_or(GovernanceParams::default().supermajority_quorum_bps),
            outflow_cap_bps: g
                .outflow_cap_bps
                .unwrap_or(GovernanceParams::default().outflow_cap_bps),
            outflow_window_secs: g
                .outflow_window_secs
                .unwrap_or(GovernanceParams::default().outflow_window_secs),
            large_transfer_bps: g
                .large_transfer_bps
                .unwrap_or(GovernanceParams::default().large_transfer_bps),
            veto_bps: g.veto_bps.unwrap_or(GovernanceParams::default().veto_bps),
        })
}

/// Every difference between `manifest` and the chain.
pub async fn plan(ctx: &Context, manifest: &Manifest) -> Result<Vec<Difference>, CliError> {
    let s = &manifest.society;
    crate::society_address(ctx.client.program_id(), &s.name)?;
    let society = pda::society(ctx.client.program_id(), &s.name).0;
    let mut out = Vec::new();
    let existing = match ctx.client.society(&s.name).await {
        Ok((_, existing)) => Some(existing),
        Err(netstate_client::ClientError::AccountNotFound(_)) => None,
        Err(e) => return Err(ctx.error(e)),
    };
    let Some(chain) = existing else {
        plan_absent(manifest, &mut out);
        return Ok(out);
    };
    let steward_stage = chain.steward == Some(ctx.me());
    plan_society(s, &chain, &mut out)?;
    plan_nodes(ctx, &society, manifest, steward_stage, &mut out).await?;
    plan_members(ctx, &society, manifest, steward_stage, &mut out).await?;
    Ok(out)
}

/// What founding a society that does not exist yet would do.
fn plan_absent(manifest: &Manifest, out: &mut Vec<Difference>) {
    let s = &manifest.society;
    let mut add = |what: String, fix: Fix, how: String| out.push(Difference { what, fix, how });
    add(
        format!("society {:?} does not exist", s.name),
        Fix::Apply,
        "genesis apply founds it".into(),
    );
    for n in &manifest.nodes {
        add(
            format!("hub {} is not registered", n.code),
            Fix::Apply,
            "genesis apply registers it".into(),
        );
    }
    for m in &manifest.members {
        let how = if m.keypair.is_some() {
            "genesis apply applies for them and admits them"
        } else {
            "they apply; genesis apply then admits them"
        };
        add(
            format!("{} is not a member", m.handle),
            Fix::Apply,
            how.into(),
        );
    }
}

/// How the fix of a difference the steward may apply reads: `genesis apply` in the steward
/// stage, a proposal after it.
fn by_steward(steward_stage: bool, what: &str) -> (Fix, String) {
    if steward_stage {
        (Fix::Apply, format!("genesis apply {what}"))
    } else {
        (
            Fix::Proposal,
            format!("a proposal: `netstate proposal create --title ... {what}`"),
        )
    }
}

/// Differences in the society's own fields: admission, governance, constitution.
fn plan_society(
    s: &SocietySection,
    chain: &netstate_client::Society,
    out: &mut Vec<Difference>,
) -> Result<(), CliError> {
    let mut add = |what: String, fix: Fix, how: String| out.push(Difference { what, fix, how });
    if chain.admission != admission(s)? {
        add(
            format!("admission is {} on chain, {} in the manifest", Admission::from(&chain.admission), Admission::from(&admission(s)?)),
            Fix::Never,
            "no instruction changes a society's admission policy: found a new society to use another".into(),
        );
    }
    let wanted = governance(s);
    if chain.governance != wanted {
        add(
            format!(
                "governance is {} on chain; the manifest asks {}",
                crate::results::society::governance_text(&chain.governance),
                crate::results::society::governance_text(&wanted)
            ),
            Fix::Proposal,
            format!(
                "a proposal: `netstate proposal create --title \"Governance\" update-governance --quorum-bps {} --approval-bps {} --voting-period-secs {} --execution-delay-secs {} --execution-window-secs {} --max-open-proposals {}`",
                wanted.quorum_bps,
                wanted.approval_bps,
                wanted.voting_period_secs,
                wanted.execution_delay_secs,
                wanted.execution_window_secs,
                wanted.max_open_proposals_per_citizen
            ),
        );
    }
    if chain.constitution_uri != s.constitution_uri
        || s.constitution_sha256
            .as_deref()
            .map(|h| crate::digest::parse_sha256(h, "constitution_sha256"))
            .transpose()?
            .is_some_and(|h| h != chain.constitution_hash)
    {
        add(
            format!(
                "the constitution is {} on chain, {} in the manifest",
                chain.constitution_uri, s.constitution_uri
            ),
            Fix::Proposal,
            format!(
                "a proposal: `netstate proposal create --title \"Constitution\" amend-constitution --uri {} --hash HEX`",
                s.constitution_uri
            ),
        );
    }
    Ok(())
}

/// Differences in the manifest's hubs.
async fn plan_nodes(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    manifest: &Manifest,
    steward_stage: bool,
    out: &mut Vec<Difference>,
) -> Result<(), CliError> {
    let mut add = |what: String, fix: Fix, how: String| out.push(Difference { what, fix, how });
    for n in &manifest.nodes {
        let spec = n.spec()?;
        match ctx.client.node(society, &n.code).await {
            Err(netstate_client::ClientError::AccountNotFound(_)) => {
                let (fix, how) =
                    by_steward(steward_stage, &format!("register-node {} ...", n.code));
                let how = if fix == Fix::Apply {
                    "genesis apply registers it".to_string()
                } else {
                    how
                };
                add(format!("hub {} is not registered", n.code), fix, how);
            }
            Err(e) => return Err(ctx.error(e)),
            Ok((_, node)) => {
                let mut fields = Vec::new();
                if node.name != spec.name {
                    fields.push(format!("name {:?} (manifest {:?})", node.name, spec.name));
                }
                if node.country != spec.country {
                    fields.push(format!(
                        "country {} (manifest {})",
                        String::from_utf8_lossy(&node.country),
                        n.country
                    ));
                }
                if (node.latitude_microdeg, node.longitude_microdeg)
                    != (spec.latitude_microdeg, spec.longitude_microdeg)
                {
                    fields.push(format!(
                        "coordinates (manifest {}, {})",
                        n.latitude, n.longitude
                    ));
                }
                if !node.active {
                    fields.push("retired on chain".into());
                }
                if node.active && node.operator != spec.operator {
                    let (fix, how) = by_steward(
                        steward_stage,
                        &format!(
                            "set-node-operator --code {} --operator {}",
                            n.code, spec.operator
                        ),
                    );
                    let (fix, how) = if fix == Fix::Apply {
                        (
                            Fix::Explicit,
                            "genesis apply --set-operators hands the door to the manifest's key (the key on chain then stops opening it); without the flag the door keeps its key".to_string(),
                        )
                    } else {
                        (fix, how)
                    };
                    add(
                        format!(
                            "hub {}'s operator is {} on chain, {} in the manifest",
                            n.code, node.operator, spec.operator
                        ),
                        fix,
                        how,
                    );
                }
                if !fields.is_empty() {
                    add(
                        format!("hub {} differs: {}", n.code, fields.join(", ")),
                        Fix::Never,
                        "a hub's fields are fixed once registered: retire it and register the hub under a new code".into(),
                    );
                }
            }
        }
    }
    Ok(())
}

/// Differences in the manifest's members.
async fn plan_members(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    manifest: &Manifest,
    steward_stage: bool,
    out: &mut Vec<Difference>,
) -> Result<(), CliError> {
    let mut add = |what: String, fix: Fix, how: String| out.push(Difference { what, fix, how });
    for m in &manifest.members {
        let wallet = parse_pubkey(&m.wallet, "member wallet")?;
        let member = ctx
            .client
            .member(society, &wallet)
            .await
            .map_err(|e| ctx.error(e))?;
        match member.map(|(_, m)| m) {
            None if m.keypair.is_some() => {
                let how = if steward_stage {
                    "genesis apply applies for them and admits them".to_string()
                } else {
                    "genesis apply applies for them; a proposal admits them".to_string()
                };
                add(
                    format!("{} is not a member", m.handle),
                    if steward_stage {
                        Fix::Apply
                    } else {
                        Fix::Proposal
                    },
                    how,
                );
            }
            None => add(
                format!("{} has not applied", m.handle),
                Fix::Never,
                format!(
                    "only they can: `netstate member apply --handle {}`",
                    m.handle
                ),
            ),
            Some(member) => {
                if member.status == MemberStatus::Applicant {
                    let (fix, how) = by_steward(steward_stage, &format!("admit --wallet {wallet}"));
                    let how = if fix == Fix::Apply {
                        "genesis apply admits them".to_string()
                    } else {
                        how
                    };
                    add(format!("{} is an applicant", m.handle), fix, how);
                }
                if member.status == MemberStatus::Expelled {
                    add(
                        format!("{} was expelled", m.handle),
                        Fix::Never,
                        "an expelled wallet never returns".into(),
                    );
                }
                if member.handle != m.handle && member.status != MemberStatus::Expelled {
                    add(format!("{} is called {:?} on chain", m.handle, member.handle), Fix::Never, "a handle is chosen at application: they leave and apply again to change it".into());
                }
            }
        }
    }
    Ok(())
}

/// `path` as the manifest at `manifest` means it: relative to the manifest's folder.
fn beside(manifest: &std::path::Path, path: &std::path::Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    manifest
        .parent()
        .map_or_else(|| path.to_path_buf(), |dir| dir.join(path))
}

/// Applies a manifest, or shows its plan.
pub async fn run(ctx: &Context, command: GenesisCommand) -> Result<Output, CliError> {
    let file = match command {
        GenesisCommand::Plan { file } => {
            let manifest = read_manifest(&file)?;
            let differences = plan(ctx, &manifest).await?;
            return Ok(Output::new(Plan {
                society: manifest.society.name.clone(),
                differences,
            }));
        }
        GenesisCommand::Apply {
            file,
            set_operators,
        } => (file, set_operators),
    };
    let (file, set_operators) = file;
    let manifest = read_manifest(&file)?;
    let me = ctx.me();
    let mut actions: Vec<Step> = Vec::new();
    let s = &manifest.society;
    crate::society_address(ctx.client.program_id(), &s.name)?;
    let society = pda::society(ctx.client.program_id(), &s.name).0;
    apply_society(ctx, s, &mut actions).await?;
    let steward_stage = ctx
        .client
        .society(&s.name)
        .await
        .map(|(_, chain)| chain.steward == Some(me))
        .unwrap_or(false);
    apply_nodes(
        ctx,
        &society,
        &manifest,
        steward_stage,
        set_operators,
        &mut actions,
    )
    .await?;
    let waiting = apply_members(ctx, &society, &manifest, &file, &mut actions).await?;
    crate::context::save_society(&s.name)?;
    // What is still different is what genesis could not fix: say how it can be.
    let left: Vec<Difference> = plan(ctx, &manifest)
        .await?
        .into_iter()
        .filter(|d| d.fix != Fix::Apply)
        .collect();
    Ok(Output::new(Applied {
        society: society.to_string(),
        actions,
        waiting,
        still_different: left,
    }))
}

/// Founds the manifest's society unless it exists (founded by the signer).
async fn apply_society(
    ctx: &Context,
    s: &SocietySection,
    actions: &mut Vec<Step>,
) -> Result<(), CliError> {
    let me = ctx.me();
    let mut record = |action: String, signature: Option<String>| {
        actions.push(Step { action, signature });
    };
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
            let admission = admission(s)?;
            let governance = Some(governance(s));
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
            let sig = ctx
                .send(
                    &[ix::create_society(ctx.client.program_id(), &me, args)],
                    &[],
                )
                .await?;
            record(format!("created society {:?}", s.name), Some(sig));
        }
        Err(e) => return Err(ctx.error(e)),
    }
    Ok(())
}

/// Registers the manifest's hubs that are missing, and hands doors to the manifest's keys
/// when `set_operators`.
async fn apply_nodes(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    manifest: &Manifest,
    steward_stage: bool,
    set_operators: bool,
    actions: &mut Vec<Step>,
) -> Result<(), CliError> {
    let me = ctx.me();
    let mut record = |action: String, signature: Option<String>| {
        actions.push(Step { action, signature });
    };
    for n in &manifest.nodes {
        if let Ok((_, node)) = ctx.client.node(society, &n.code).await {
            let operator = parse_pubkey(&n.operator, "operator")?;
            if steward_stage && node.active && node.operator != operator && !set_operators {
                record(
                    format!(
                        "kept hub {}'s door key {} (the manifest names {operator}; --set-operators hands the door over)",
                        n.code, node.operator
                    ),
                    None,
                );
            } else if steward_stage && node.active && node.operator != operator {
                let sig = ctx
                    .send(
                        &[ix::set_node_operator(
                            ctx.client.program_id(),
                            &me,
                            society,
                            &n.code,
                            &operator,
                            false,
                        )],
                        &[],
                    )
                    .await?;
                record(
                    format!("handed hub {}'s door to {operator}", n.code),
                    Some(sig),
                );
            } else {
                record(format!("node {} exists", n.code), None);
            }
            continue;
        }
        let spec = n.spec()?;
        let sig = ctx
            .send(
                &[ix::register_node(
                    ctx.client.program_id(),
                    &me,
                    society,
                    spec,
                )],
                &[],
            )
            .await?;
        record(format!("registered node {}", n.code), Some(sig));
    }
    Ok(())
}

/// Applies for the manifest's members whose keypairs it holds and admits applicants: who
/// still has to apply themselves.
async fn apply_members(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    manifest: &Manifest,
    file: &std::path::Path,
    actions: &mut Vec<Step>,
) -> Result<Vec<String>, CliError> {
    let me = ctx.me();
    let mut record = |action: String, signature: Option<String>| {
        actions.push(Step { action, signature });
    };
    let mut waiting = Vec::new();
    for m in &manifest.members {
        let wallet = parse_pubkey(&m.wallet, "member wallet")?;
        let mut member = ctx
            .client
            .member(society, &wallet)
            .await
            .map_err(|e| ctx.error(e))?;
        if let (None, Some(path)) = (&member, &m.keypair) {
            {
                let keypair = crate::config::read_keypair(&beside(file, path))?;
                fund_applicant(ctx, &wallet).await?;
                if keypair.pubkey() != wallet {
                    return Err(CliError::new(format!(
                        "{} is not the keypair of {wallet}",
                        path.display()
                    )));
                }
                let apply = ix::apply(
                    ctx.client.program_id(),
                    &wallet,
                    society,
                    ApplyArgs {
                        handle: m.handle.clone(),
                        profile_uri: String::new(),
                    },
                );
                let sig = ctx.send(&[apply], &[&keypair]).await?;
                record(format!("{} applied", m.handle), Some(sig));
                member = ctx
                    .client
                    .member(society, &wallet)
                    .await
                    .map_err(|e| ctx.error(e))?;
            }
        }
        match member.map(|(_, m)| m.status) {
            Some(MemberStatus::Citizen) => record(format!("{} is a citizen", m.handle), None),
            Some(MemberStatus::Applicant) => {
                let sig = ctx
                    .send(
                        &[ix::admit_member(
                            ctx.client.program_id(),
                            &me,
                            society,
                            &wallet,
                        )],
                        &[],
                    )
                    .await?;
                record(format!("admitted {}", m.handle), Some(sig));
            }
            Some(MemberStatus::Expelled) => {
                record(format!("{} was expelled: left out", m.handle), None)
            }
            Some(MemberStatus::Lapsed) => record(
                format!(
                    "{}'s dues lapsed: a citizen again once paid (`netstate member pay-dues --for {wallet}`)",
                    m.handle
                ),
                None,
            ),
            None => waiting.push(format!(
                "{} ({wallet}) has not applied yet: they run `netstate member apply --handle {}`",
                m.handle, m.handle
            )),
        }
    }
    Ok(waiting)
}

/// Gives an applicant whose keypair the manifest holds enough SOL to apply: from the local
/// faucet on local ledgers, else from the keypair applying the manifest.
async fn fund_applicant(
    ctx: &Context,
    wallet: &anchor_lang::prelude::Pubkey,
) -> Result<(), CliError> {
    let rpc = ctx.client.rpc();
    let needed = rpc
        .get_minimum_balance_for_rent_exemption(
            8 + <netstate_client::Member as anchor_lang::Space>::INIT_SPACE,
        )
        .await
        .map_err(|e| ctx.error(e.into()))?
        + 1_000_000;
    let held = rpc
        .get_balance(wallet)
        .await
        .map_err(|e| ctx.error(e.into()))?;
    if held >= needed {
        return Ok(());
    }
    let shortfall = needed - held;
    if ctx.is_local() {
        ctx.client
            .airdrop(wallet, shortfall)
            .await
            .map_err(|e| ctx.error(e))?;
    } else {
        let payer = ctx.keypair()?.pubkey();
        let transfer = solana_system_interface::instruction::transfer(&payer, wallet, shortfall);
        ctx.send(&[transfer], &[]).await?;
    }
    Ok(())
}
