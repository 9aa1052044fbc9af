//! `apply`: a wallet asks to join a society. Under the `Open` policy it is a citizen at once;
//! otherwise it stays an applicant until sponsored or admitted.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AdmittedBy, MemberApplied};
use crate::instructions::require_no_remaining_accounts;
use crate::shared::pda_account::{create_pda_account, load_if_created, store};
use crate::state::{AdmissionPolicy, Member, MemberStatus, Society};

/// Arguments of `apply`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct ApplyArgs {
    /// Display handle (1..=32 bytes of printable UTF-8).
    pub handle: String,
    /// Profile URI (0..=64 printable bytes).
    pub profile_uri: String,
}

/// Accounts of `apply`.
#[derive(Accounts)]
pub struct Apply<'info> {
    /// The applicant; pays the Member account's rent and gets it back on `leave`.
    #[account(mut)]
    pub wallet: Signer<'info>,

    /// The society applied to.
    #[account(
        mut,
        seeds = [SOCIETY_SEED, seed_bytes(&society.name)],
        bump = society.bump,
    )]
    pub society: Box<Account<'info, Society>>,

    /// CHECK: the new Member at its PDA (seeds checked here); created by the handler, so an
    /// existing member gets `AlreadyMember`, an expelled one `MemberExpelled`, and a
    /// pre-funded address cannot block it.
    #[account(
        mut,
        seeds = [MEMBER_SEED, society.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub member: UncheckedAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl Apply<'_> {
    /// Refuses existing and expelled members and invalid profile text.
    pub fn validate(&self, args: &ApplyArgs, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require_new_applicant(&self.member, args)
    }
    /// Creates the Member record (an applicant, or a citizen at once under the open policy).
    pub fn apply(ctx: Context<Self>, args: ApplyArgs) -> Result<()> {
        let accounts = ctx.accounts;
        let member = enrol(
            &accounts.wallet,
            &accounts.member,
            &accounts.system_program,
            &mut accounts.society,
            ctx.bumps.member,
            args,
        )?;
        accounts.society.invariant()?;
        store(&accounts.member, &member)
    }
}

/// Creates `wallet`'s Member record at `member_account` (its PDA, with canonical `bump`) as
/// an applicant of `society`, counts it and emits `MemberApplied`; under the open policy it
/// is admitted at once. Returns the record for the caller to finish and store. Shared by
/// `apply` and `apply_by_treaty`.
pub(crate) fn enrol<'info>(
    wallet: &Signer<'info>,
    member_account: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    society: &mut Account<'info, Society>,
    bump: u8,
    args: ApplyArgs,
) -> Result<Member> {
    let now = Clock::get()?.unix_timestamp;
    let wallet_key = wallet.key();
    let society_key = society.key();
    let member_key = member_account.key();
    create_pda_account(
        wallet,
        member_account,
        system,
        8 + Member::INIT_SPACE,
        &[
            MEMBER_SEED,
            society_key.as_ref(),
            wallet_key.as_ref(),
            &[bump],
        ],
    )?;
    let applied_seq = society.next_seq()?;
    society.add_member(false)?;
    let mut member = Member {
        version: ACCOUNT_VERSION,
        bump,
        society: society_key,
        wallet: wallet_key,
        status: MemberStatus::Applicant,
        handle: args.handle,
        profile_uri: args.profile_uri,
        applied_seq,
        citizen_seq: 0,
        joined_at: now,
        admitted_at: 0,
        sponsor_count: 0,
        check_in_count: 0,
        last_check_in_day: 0,
        open_proposals: 0,
        recent_days: [0; 16],
        paid_until: 0,
    };
    emit_event(MemberApplied {
        society: society_key,
        seq: applied_seq,
        member: member_key,
        wallet: wallet_key,
        handle: member.handle.clone(),
        joined_at: now,
    });
    if society.admission == AdmissionPolicy::Open {
        super::admit_citizen(
            society,
            society_key,
            &mut member,
            member_key,
            now,
            AdmittedBy::OpenPolicy,
        )?;
    }
    Ok(member)
}

/// A wallet may apply when it has no Member record in the society (`AlreadyMember`; an
/// expelled one is barred, `MemberExpelled`) and its handle and profile URI are valid.
pub(crate) fn require_new_applicant(member: &AccountInfo, args: &ApplyArgs) -> Result<()> {
    if let Some(existing) = load_if_created::<Member>(member)? {
        require!(
            existing.status != MemberStatus::Expelled,
            NetstateError::MemberExpelled
        );
        return err!(NetstateError::AlreadyMember);
    }
    Member::validate_handle(&args.handle)?;
    Member::validate_profile_uri(&args.profile_uri)
}
