//! `check_in`: a member is at a hub's door. The member's wallet and the node operator's
//! device both sign; the UTC day comes from the cluster clock, never from an argument.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, CheckedIn};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::presence::{counted_as_visitor, record_presence, NewResidency};
use crate::state::{utc_day, Member, MemberStatus, Node, Society};

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
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The member checking in.
    #[account(
        mut,
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
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

    /// CHECK: the wallet's Visitor record at this society, at its PDA (seeds checked here;
    /// read only): a day it was counted as a visitor is not counted again as a member.
    #[account(seeds = [VISITOR_SEED, society.key().as_ref(), wallet.key().as_ref()], bump)]
    pub visitor: UncheckedAccount<'info>,
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
        let today = utc_day(Clock::get()?.unix_timestamp)?;
        require!(
            !counted_as_visitor(&self.visitor, today)?,
            NetstateError::CountedAsVisitorToday
        );
        Ok(())
    }

    /// Records today's presence (once per UTC day) and updates the totals.
    pub fn check_in(ctx: Context<Self>) -> Result<()> {
        let day = utc_day(Clock::get()?.unix_timestamp)?;
        let node_key = ctx.accounts.node.key();
        let wallet = ctx.accounts.wallet.key();
        let accounts = ctx.accounts;
        let recorded = record_presence(
            NewResidency {
                payer: &accounts.wallet.to_account_info(),
                account: &accounts.residency.to_account_info(),
                system_program: &accounts.system_program.to_account_info(),
                bump: ctx.bumps.residency,
            },
            &mut accounts.node,
            &mut accounts.member,
            &mut accounts.society,
            day,
        )?;
        require!(recorded.counted, NetstateError::AlreadyCheckedInToday);
        let residency_days = recorded.days_present;
        let seq = accounts.society.next_seq()?;
        emit_event(CheckedIn {
            society: accounts.society.key(),
            seq,
            node: node_key,
            member: accounts.member.key(),
            wallet,
            day,
            days_present: residency_days,
            node_check_in_count: accounts.node.check_in_count,
        });
        accounts.society.invariant()?;
        Ok(())
    }
}
