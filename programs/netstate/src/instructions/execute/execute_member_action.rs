//! `execute_member_action`: admits the applicant of an `AdmitMember` proposal, or expels
//! the member of an `ExpelMember` proposal (the account stays as the record that bars the
//! wallet from applying again).
//!
//! An expulsion cannot be dodged by leaving between the vote and its execution: if the
//! wallet's Member account is gone, execution creates an `Expelled` record in its place
//! (the executor pays its rent). Expelling the steward ends stewardship.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AdmittedBy, MemberAdmitted, MemberExpelled, StewardChanged};
use crate::instructions::execute::{execution_steps, require_action_pda};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, load_if_created, store};
use crate::state::actions;
use crate::state::{Member, Proposal, ProposalAction, Society};

/// Accounts of `execute_member_action`.
#[derive(Accounts)]
pub struct ExecuteMemberAction<'info> {
    /// Whoever sends the transaction (pays for any account the action creates).
    #[account(mut)]
    pub executor: Signer<'info>,

    /// The society.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// The passed proposal.
    #[account(
        mut,
        has_one = society @ NetstateError::ProposalNotInSociety,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// The Member PDA of the wallet the proposal names. For an expulsion of a wallet that
    /// has left, the handler creates it as an `Expelled` record.
    /// CHECK: its address is checked against the action's wallet in `validate`
    /// (`SubjectMismatch`); read and written by the handler.
    #[account(mut)]
    pub member: UncheckedAccount<'info>,

    /// The system program (creates the `Expelled` record when the member has left).
    pub system_program: Program<'info, System>,
}

execution_steps!(ExecuteMemberAction);

impl ExecuteMemberAction<'_> {
    /// A passed `AdmitMember` or `ExpelMember`.
    pub fn validate(&self, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        self.require_executable(actions::members::KINDS)?;
        self.member_bump().map(|_| ())
    }

    /// The bump of the Member PDA of the wallet the action names; `SubjectMismatch` when
    /// the `member` account is not at it.
    fn member_bump(&self) -> Result<u8> {
        require_action_pda(
            &self.member,
            &[
                MEMBER_SEED,
                self.society.key().as_ref(),
                self.proposal.action.member_wallet_seed(),
            ],
        )
    }

    /// Admits or expels.
    pub fn execute_member_action(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = ctx.accounts;
        let bump = accounts.member_bump()?;
        let society_key = accounts.society.key();
        let proposal_key = accounts.proposal.key();
        let member_key = accounts.member.key();
        let (wallet, admit) = match accounts.proposal.action {
            ProposalAction::AdmitMember { wallet } => (wallet, true),
            ProposalAction::ExpelMember { wallet } => (wallet, false),
            _ => return err!(NetstateError::WrongExecuteInstruction),
        };
        let existing: Option<Member> = load_if_created(&accounts.member)?;
        let society = &mut accounts.society;
        let seq = society.next_seq()?;
        if admit {
            // An applicant who left cannot be admitted: there is no application any more.
            let mut member = existing.ok_or(NetstateError::NotAMember)?;
            member.admit(now, seq)?;
            society.add_citizen()?;
            store(&accounts.member, &member)?;
            emit_event(MemberAdmitted {
                society: society_key,
                seq,
                member: member_key,
                wallet,
                admitted_by: AdmittedBy::Proposal,
                citizen_count: society.citizen_count,
                admitted_at: now,
            });
        } else {
            let member = match existing {
                Some(mut member) => {
                    let was_citizen = member.expel()?;
                    society.expel_member(was_citizen)?;
                    society
                        .census
                        .remove_member_presence(&member.recent_days, member.last_check_in_day)?;
                    member
                }
                None => {
                    // The wallet left after the vote: the decision still lands, as a record
                    // that bars it from applying again. It is not counted as a member.
                    create_pda_account(
                        &accounts.executor,
                        &accounts.member,
                        &accounts.system_program,
                        8 + Member::INIT_SPACE,
                        &[MEMBER_SEED, society_key.as_ref(), wallet.as_ref(), &[bump]],
                    )?;
                    Member::expelled_record(society_key, wallet, bump, seq)
                }
            };
            store(&accounts.member, &member)?;
            emit_event(MemberExpelled {
                society: society_key,
                seq,
                member: member_key,
                wallet,
                proposal: proposal_key,
                member_count: society.member_count,
                citizen_count: society.citizen_count,
            });
            if let Some(old) = society.end_stewardship_of(&wallet) {
                let seq = society.next_seq()?;
                emit_event(StewardChanged {
                    society: society_key,
                    seq,
                    proposal: proposal_key,
                    old: Some(old),
                    new: None,
                });
            }
        }
        accounts.finish()
    }
}
