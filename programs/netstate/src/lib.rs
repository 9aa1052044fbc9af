//! # netstate
//!
//! One program hosts many network states: online societies that admit members, keep an
//! archipelago of physical hubs, and govern themselves on-chain.
//!
//! ## Who may do what
//! - **Anyone** may `create_society` (becoming its founder, first citizen and steward) and
//!   `apply` to a society.
//! - **Citizens** may `sponsor` applicants of a society with the `Sponsored` policy; an
//!   applicant becomes a citizen once enough distinct citizens have sponsored them.
//! - **The steward** runs the startup stage: `admit_member`, `register_node`, `retire_node`.
//!   `renounce_steward` ends that stage for good; afterwards the same powers belong to
//!   executed proposals only. There is no other admin key, and no upgrade of state by fiat.
//! - **Members** (applicants and citizens) may `leave`, taking their rent back, and
//!   `check_in` at an active hub, co-signed by that hub's **operator** key, once per UTC day.
//!
//! Seeds and limits are in [`constants`], accounts in [`state`], errors in [`error`],
//! events in [`events`]; each instruction lives in its own file under [`instructions`].

use anchor_lang::prelude::*;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod pda;
pub mod state;

pub use instructions::*;
pub use state::{AdmissionPolicy, GovernanceParams, NodeSpec};

declare_id!("6T4i2jdnNx7NezkTzQxpfMSA2vkMDEpUD2g23upnWF2F");

#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "netstate",
    project_url: "https://github.com/netstate/netstate",
    contacts: "link:https://github.com/netstate/netstate/security/advisories/new",
    policy: "https://github.com/netstate/netstate/blob/main/SECURITY.md"
}

/// The netstate program.
#[program]
pub mod netstate {
    use super::*;

    /// Founds a society; the founder becomes its first citizen and its steward.
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn create_society(ctx: Context<CreateSociety>, args: CreateSocietyArgs) -> Result<()> {
        CreateSociety::create_society(ctx, args)
    }

    /// The steward ends the startup stage for good.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn renounce_steward(ctx: Context<RenounceSteward>) -> Result<()> {
        RenounceSteward::renounce_steward(ctx)
    }

    /// A wallet applies to join a society (a citizen at once under the open policy).
    #[access_control(ctx.accounts.validate(&args, ctx.remaining_accounts))]
    pub fn apply(ctx: Context<Apply>, args: ApplyArgs) -> Result<()> {
        Apply::apply(ctx, args)
    }

    /// A citizen sponsors an applicant of a sponsored society.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn sponsor(ctx: Context<Sponsor>) -> Result<()> {
        Sponsor::sponsor(ctx)
    }

    /// The steward admits an applicant.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn admit_member(ctx: Context<AdmitMember>) -> Result<()> {
        AdmitMember::admit_member(ctx)
    }

    /// A member leaves and takes the account's rent back.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn leave(ctx: Context<Leave>) -> Result<()> {
        Leave::leave(ctx)
    }

    /// The steward registers a physical hub.
    #[access_control(ctx.accounts.validate(&spec, ctx.remaining_accounts))]
    pub fn register_node(ctx: Context<RegisterNode>, spec: NodeSpec) -> Result<()> {
        RegisterNode::register_node(ctx, spec)
    }

    /// The steward retires a hub: no new check-ins, history kept.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn retire_node(ctx: Context<RetireNode>) -> Result<()> {
        RetireNode::retire_node(ctx)
    }

    /// A member checks in at a hub, co-signed by its operator; once per UTC day.
    #[access_control(ctx.accounts.validate(ctx.remaining_accounts))]
    pub fn check_in(ctx: Context<CheckIn>) -> Result<()> {
        CheckIn::check_in(ctx)
    }
}
