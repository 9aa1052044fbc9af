//! `execute_member_action`: admits the applicant of an `AdmitMember` proposal, or expels
//! the member of an `ExpelMember` proposal (the account stays as the record that bars the
//! wallet from applying again).

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AdmittedBy, MemberAdmitted, MemberExpelled};
// The derive of a composite field needs the generated companions of `ExecuteCommon` in scope.
use crate::instructions::execute::{
    __client_accounts_execute_common, __cpi_client_accounts_execute_common, ExecuteCommon,
    ExecuteCommonBumps,
};
use crate::instructions::require_no_remaining_accounts;
use crate::state::{ActionKind, Member, ProposalAction};

/// Accounts of `execute_member_action`.
#[derive(Accounts)]
pub struct ExecuteMemberAction<'info> {
    /// Executor, society, proposal.
    pub common: ExecuteCommon<'info>,

    /// The member the proposal names (checked in `validate`).
    #[account(
        mut,
        seeds = [MEMBER_SEED, member.society.as_ref(), member.wallet.as_ref()],
        bump = member.bump,
        constraint = member.society == common.society.key() @ NetstateError::MemberNotInSociety,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl ExecuteMemberAction<'_> {
    /// A passed `AdmitMember` or `ExpelMember` about this very member.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.common
            .require_executable(&[ActionKind::AdmitMember, ActionKind::ExpelMember])?;
        let wallet = match self.common.proposal.action {
            ProposalAction::AdmitMember { wallet } | ProposalAction::ExpelMember { wallet } => {
                wallet
            }
            _ => return err!(NetstateError::WrongExecuteInstruction),
        };
        require_keys_eq!(self.member.wallet, wallet, NetstateError::SubjectMismatch);
        Ok(())
    }

    /// Admits or expels.
    pub fn execute_member_action(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let society_key = accounts.common.society.key();
        let proposal_key = accounts.common.proposal.key();
        let member_key = accounts.member.key();
        let admit = matches!(
            accounts.common.proposal.action,
            ProposalAction::AdmitMember { .. }
        );
        let society = &mut accounts.common.society;
        let member = &mut accounts.member;
        let seq = society.next_seq()?;
        if admit {
            member.admit(now, seq)?;
            society.add_citizen()?;
            emit_event(MemberAdmitted {
                society: society_key,
                seq,
                member: member_key,
                wallet: member.wallet,
                admitted_by: AdmittedBy::Proposal,
                citizen_count: society.citizen_count,
                admitted_at: now,
            });
        } else {
            let was_citizen = member.expel()?;
            society.expel_member(was_citizen)?;
            emit_event(MemberExpelled {
                society: society_key,
                seq,
                member: member_key,
                wallet: member.wallet,
                proposal: proposal_key,
                member_count: society.member_count,
                citizen_count: society.citizen_count,
            });
        }
        accounts.common.finish()
    }
}
