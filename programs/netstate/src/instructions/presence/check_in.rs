//! `check_in`: a member is at a hub's door. The member's wallet and the node operator's
//! device both sign; the UTC day comes from the cluster clock, never from an argument.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, CheckedIn};
use crate::instructions::pda_account::{create_pda_account, is_created, load, store};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{utc_day, Member, MemberStatus, Node, Residency, Society};

/// Accounts of `check_in`.
#[derive(Accounts)]
pub struct CheckIn<'info> {
    /// The member's wallet; pays the Residency record the first time.
    #[account(mut)]
    pub wallet: Signer<'info>,

    /// The node operator's key, co-signing at the door.
    pub operator: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The node checked in at.
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The member checking in.
    #[account(
        mut,
        seeds = [MEMBER_SEED, member.society.as_ref(), member.wallet.as_ref()],
        bump = member.bump,
        has_one = society @ NetstateError::MemberNotInSociety,
        has_one = wallet @ NetstateError::NotMemberWallet,
    )]
    pub member: Box<Account<'info, Member>>,

    /// CHECK: this wallet's presence record at this node, at its PDA (seeds checked here).
    /// Created by the handler at the first check-in (a pre-funded address cannot block
    /// it), then only ever advanced, never reset.
    #[account(
        mut,
        seeds = [RESIDENCY_SEED, node.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub residency: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CheckIn<'_> {
    /// The node's own operator, an active node, a member in good standing.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(self.node.active, NetstateError::NodeRetired);
        require_keys_eq!(
            self.operator.key(),
            self.node.operator,
            NetstateError::NotNodeOperator
        );
        require!(
            self.member.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        Ok(())
    }

    /// Records today's presence (once per UTC day) and updates the totals.
    pub fn check_in(ctx: Context<Self>) -> Result<()> {
        let day = utc_day(Clock::get()?.unix_timestamp)?;
        let node_key = ctx.accounts.node.key();
        let wallet = ctx.accounts.wallet.key();
        let bump = ctx.bumps.residency;

        let new_resident = !is_created(&ctx.accounts.residency);
        let mut residency = if new_resident {
            create_pda_account(
                &ctx.accounts.wallet,
                &ctx.accounts.residency,
                &ctx.accounts.system_program,
                8 + Residency::INIT_SPACE,
                &[RESIDENCY_SEED, node_key.as_ref(), wallet.as_ref(), &[bump]],
            )?;
            Residency {
                version: ACCOUNT_VERSION,
                bump,
                node: node_key,
                wallet,
                days_present: 0,
                first_day: 0,
                last_day: 0,
            }
        } else {
            load::<Residency>(&ctx.accounts.residency)?
        };
        residency.record_day(day, new_resident)?;
        store(&ctx.accounts.residency, &residency)?;

        ctx.accounts.node.record_check_in(new_resident)?;
        ctx.accounts.member.record_check_in(day)?;
        let seq = ctx.accounts.society.next_seq()?;
        emit_event(CheckedIn {
            society: ctx.accounts.society.key(),
            seq,
            node: node_key,
            member: ctx.accounts.member.key(),
            wallet,
            day,
            days_present: residency.days_present,
            node_check_in_count: ctx.accounts.node.check_in_count,
        });
        ctx.accounts.society.invariant()?;
        Ok(())
    }
}
