//! `redeem_ticket` (anyone): counts a door's offline ticket (see [`crate::ticket`]). The
//! ticket's signature is checked by Solana's Ed25519 program in the instruction right before
//! this one; this instruction reads that check back through the instructions sysvar and
//! accepts it only if it checked exactly one signature, over bytes inside itself, by the
//! hub's operator of the ticket's day, of a ticket for this program, society, hub and member.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, TicketRedeemed};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::presence::{counted_as_visitor, record_presence, NewResidency};
use crate::state::{utc_day, Member, MemberStatus, Node, Society};
use crate::ticket::Ticket;

/// Size of the Ed25519 instruction's header: signature count and padding.
const ED25519_HEADER: usize = 2;
/// Size of one signature's offsets in the Ed25519 instruction.
const ED25519_OFFSETS: usize = 14;
/// An offsets' instruction index meaning "this (the Ed25519) instruction".
const THIS_INSTRUCTION: u16 = u16::MAX;

/// Accounts of `redeem_ticket`.
#[derive(Accounts)]
pub struct RedeemTicket<'info> {
    /// Whoever sends the ticket (the member, the door, anyone); pays the Residency record
    /// the first time.
    #[account(mut)]
    pub payer: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The hub the ticket is for.
    #[account(
        mut,
        seeds = [NODE_SEED, node.society.as_ref(), seed_bytes(&node.code)],
        bump = node.bump,
        constraint = node.version == Node::LAYOUT_VERSION @ NetstateError::AccountNeedsUpgrade,
        has_one = society @ NetstateError::NodeNotInSociety,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The member the ticket names.
    #[account(
        mut,
        has_one = society @ NetstateError::MemberNotInSociety,
    )]
    pub member: Box<Account<'info, Member>>,

    /// CHECK: the member's presence record at this hub, at its PDA (seeds checked here);
    /// created the first time.
    #[account(
        mut,
        seeds = [RESIDENCY_SEED, node.key().as_ref(), member.wallet.as_ref()],
        bump,
    )]
    pub residency: UncheckedAccount<'info>,

    /// CHECK: the instructions sysvar, checked by address.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,

    /// CHECK: the member's Visitor record at this society, at its PDA (seeds checked here;
    /// read only): a day it was counted as a visitor is not counted again as a member.
    #[account(seeds = [VISITOR_SEED, society.key().as_ref(), member.wallet.as_ref()], bump)]
    pub visitor: UncheckedAccount<'info>,
}

impl RedeemTicket<'_> {
    /// An active hub and a member in good standing.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(self.node.active, NetstateError::NodeRetired);
        require!(
            self.member.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        Ok(())
    }

    /// The ticket the Ed25519 instruction before this one verified, checked against these
    /// accounts and the clock.
    fn verified_ticket(&self, today: u32) -> Result<Ticket> {
        let (signer, message) = signed_message(&self.instructions)?;
        let ticket = Ticket::parse(&message)?;
        require_keys_eq!(ticket.program, crate::ID, NetstateError::TicketWrongProgram);
        require_keys_eq!(
            ticket.society,
            self.society.key(),
            NetstateError::TicketWrongSociety
        );
        require_keys_eq!(ticket.node, self.node.key(), NetstateError::TicketWrongHub);
        require_keys_eq!(
            ticket.wallet,
            self.member.wallet,
            NetstateError::TicketWrongWallet
        );
        require!(ticket.day <= today, NetstateError::TicketFromTheFuture);
        require!(
            today - ticket.day <= TICKET_MAX_AGE_DAYS,
            NetstateError::TicketExpired
        );
        require!(
            ticket.day >= utc_day(self.node.registered_at)?,
            NetstateError::TicketBeforeHubRegistration
        );
        // Presence counts from membership on: a day before the wallet joined is no
        // member's day, for citizenship by presence or for the census.
        require!(
            ticket.day >= utc_day(self.member.joined_at)?,
            NetstateError::TicketBeforeMembership
        );
        require!(
            self.node.operator_of_day(&signer, ticket.day),
            NetstateError::TicketNotSignedByOperator
        );
        Ok(ticket)
    }

    /// Counts the ticket's day once: a day already counted changes nothing.
    pub fn redeem_ticket(ctx: Context<Self>) -> Result<()> {
        let today = utc_day(Clock::get()?.unix_timestamp)?;
        let ticket = ctx.accounts.verified_ticket(today)?;
        let accounts = ctx.accounts;
        if counted_as_visitor(&accounts.visitor, ticket.day)? {
            crate::events::program_log(
                "this day was counted as a visit to this society: nothing changes",
            );
            return Ok(());
        }
        let recorded = record_presence(
            NewResidency {
                payer: &accounts.payer.to_account_info(),
                account: &accounts.residency.to_account_info(),
                system_program: &accounts.system_program.to_account_info(),
                bump: ctx.bumps.residency,
            },
            &mut accounts.node,
            &mut accounts.member,
            &mut accounts.society,
            ticket.day,
        )?;
        if !recorded.counted {
            crate::events::program_log("this day was already counted: nothing changes");
            return Ok(());
        }
        let seq = accounts.society.next_seq()?;
        emit_event(TicketRedeemed {
            society: accounts.society.key(),
            seq,
            node: accounts.node.key(),
            member: accounts.member.key(),
            wallet: ticket.wallet,
            day: ticket.day,
            days_present: recorded.days_present,
            redeemed_by: accounts.payer.key(),
        });
        accounts.society.invariant()?;
        Ok(())
    }
}

/// The signer and message of the single signature checked by the Ed25519 program in the
/// instruction right before the current one, all read from that instruction's own data.
pub fn signed_message(instructions: &AccountInfo) -> Result<(Pubkey, Vec<u8>)> {
    use solana_instructions_sysvar::{load_current_index_checked, load_instruction_at_checked};
    let current = load_current_index_checked(instructions)?;
    let previous = current
        .checked_sub(1)
        .ok_or(NetstateError::TicketSignatureMissing)?;
    let check = load_instruction_at_checked(usize::from(previous), instructions)?;
    require_keys_eq!(
        check.program_id,
        solana_sdk_ids::ed25519_program::ID,
        NetstateError::TicketSignatureMissing
    );
    let data = check.data.as_slice();
    require!(
        data.len() >= ED25519_HEADER + ED25519_OFFSETS,
        NetstateError::TicketSignatureMalformed
    );
    require!(data[0] == 1, NetstateError::TicketSignatureCount);
    let field = |n: usize| -> u16 {
        let at = ED25519_HEADER + 2 * n;
        u16::from_le_bytes([data[at], data[at + 1]])
    };
    let (signature_index, key_offset, key_index) = (field(1), field(2), field(3));
    let (message_offset, message_size, message_index) = (field(4), field(5), field(6));
    require!(
        signature_index == THIS_INSTRUCTION
            && key_index == THIS_INSTRUCTION
            && message_index == THIS_INSTRUCTION,
        NetstateError::TicketOffsetsOutsideInstruction
    );
    let key_start = usize::from(key_offset);
    let key: [u8; 32] = data
        .get(key_start..key_start + 32)
        .and_then(|k| k.try_into().ok())
        .ok_or(NetstateError::TicketSignatureMalformed)?;
    let message_start = usize::from(message_offset);
    let message = data
        .get(message_start..message_start + usize::from(message_size))
        .ok_or(NetstateError::TicketSignatureMalformed)?;
    Ok((Pubkey::new_from_array(key), message.to_vec()))
}
