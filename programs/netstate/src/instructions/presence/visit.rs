//! `visit`: a citizen of a partner society checks in at one of this society's hubs under a
//! treaty in force that provides for visits. The visitor's wallet and the hub's operator
//! sign; the day comes from the cluster clock. Visits are counted apart from members, in a
//! Visitor record and in the census's visitor tallies, once per visitor and day.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, Visited};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, is_created, load, load_if_created, store};
use crate::shared::treaty_account::{require_partner_citizen, treaty_in_force};
use crate::state::{utc_day, Member, MemberStatus, Node, Society, Visitor};

/// Accounts of `visit`.
#[derive(Accounts)]
pub struct Visit<'info> {
    /// The visitor's wallet; pays the Visitor record the first time.
    #[account(mut)]
    pub wallet: Signer<'info>,

    /// The hub operator's key, co-signing at the door.
    pub operator: Signer<'info>,

    /// The host society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The host's hub.
    #[account(
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The visitor's own society.
    #[account(
        seeds = [SOCIETY_SEED, seed_bytes(&home_society.name)],
        bump = home_society.bump,
    )]
    pub home_society: Box<Account<'info, Society>>,

    /// The visitor's citizenship at home.
    #[account(
        seeds = [MEMBER_SEED, home_society.key().as_ref(), wallet.key().as_ref()],
        bump = home_member.bump,
        constraint = home_member.society == home_society.key() @ NetstateError::MemberNotInSociety,
        constraint = home_member.wallet == wallet.key() @ NetstateError::NotMemberWallet,
    )]
    pub home_member: Box<Account<'info, Member>>,

    /// CHECK: the two societies' Treaty (address, owner and standing checked in
    /// `validate`); its count of visits grows.
    #[account(mut)]
    pub treaty: UncheckedAccount<'info>,

    /// CHECK: the visitor's record at this host, at its PDA (seeds checked here); created
    /// at the first visit.
    #[account(
        mut,
        seeds = [VISITOR_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub visitor: UncheckedAccount<'info>,

    /// CHECK: the wallet's membership of the host, at its PDA (seeds checked here): while it
    /// exists the visit is refused (`validate`), so that one person is counted once a day at
    /// a hub, as a member or a visitor, and a wallet the host expelled is not counted at all.
    #[account(
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub host_member: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl Visit<'_> {
    /// An active hub and its operator, a partner citizen, a treaty in force with visits.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(self.node.active, NetstateError::NodeRetired);
        require_keys_eq!(
            self.operator.key(),
            self.node.operator,
            NetstateError::NotNodeOperator
        );
        require_partner_citizen(&self.home_member)?;
        if let Some(membership) = load_if_created::<Member>(&self.host_member)? {
            require!(
                membership.status != MemberStatus::Expelled,
                NetstateError::ExpelledByHost
            );
            return err!(NetstateError::HostMemberChecksIn);
        }
        let now = Clock::get()?.unix_timestamp;
        let treaty = treaty_in_force(
            &self.treaty,
            &self.society.key(),
            &self.home_society.key(),
            now,
        )?;
        require!(treaty.terms.visits, NetstateError::TreatyGrantsNoVisits);
        Ok(())
    }

    /// Records today's visit (once per day at this host) and counts it in the census.
    pub fn visit(ctx: Context<Self>) -> Result<()> {
        let day = utc_day(Clock::get()?.unix_timestamp)?;
        let accounts = ctx.accounts;
        let host = accounts.society.key();
        let wallet = accounts.wallet.key();
        let home_society = accounts.home_society.key();
        let new_visitor = !is_created(&accounts.visitor);
        let mut visitor = if new_visitor {
            Visitor {
                version: ACCOUNT_VERSION,
                bump: ctx.bumps.visitor,
                society: host,
                wallet,
                home_society,
                days_present: 0,
                visit_count: 0,
                last_day: 0,
                recent_days: [0; 16],
            }
        } else {
            load::<Visitor>(&accounts.visitor)?
        };
        let (bits, head) = (visitor.recent_days, visitor.last_day);
        require!(
            visitor.record_day(day)?,
            NetstateError::AlreadyCheckedInToday
        );
        visitor.home_society = home_society;
        accounts.society.census.count_visit(&bits, head, day)?;
        if new_visitor {
            create_pda_account(
                &accounts.wallet,
                &accounts.visitor,
                &accounts.system_program,
                8 + Visitor::INIT_SPACE,
                &[
                    VISITOR_SEED,
                    host.as_ref(),
                    wallet.as_ref(),
                    &[ctx.bumps.visitor],
                ],
            )?;
        }
        store(&accounts.visitor, &visitor)?;
        let mut treaty: crate::state::Treaty = load(&accounts.treaty)?;
        treaty.visit_count = treaty
            .visit_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        store(&accounts.treaty, &treaty)?;
        let seq = accounts.society.next_seq()?;
        emit_event(Visited {
            society: host,
            seq,
            node: accounts.node.key(),
            wallet,
            home_society,
            day,
            days_present: visitor.days_present,
        });
        accounts.society.invariant()
    }
}
