//! `create_society`: found a network state. The founder becomes its first citizen and its
//! steward for the startup stage.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::events::{emit_event, AdmittedBy, MemberAdmitted, SocietyCreated};
use crate::instructions::require_no_remaining_accounts;
use crate::instructions::treasury::fund_rent_reserve;
use crate::shared::pda_account::{create_pda_account, is_created, store};
use crate::state::{
    utc_day, AdmissionPolicy, CensusCounters, Dues, ExitBasket, GovernanceParams, Member,
    MemberStatus, Outflow, OutflowCounter, Society,
};

/// Arguments of `create_society`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateSocietyArgs {
    /// Unique name (1..=32 bytes of printable UTF-8); the PDA seed.
    pub name: String,
    /// Where the constitution lives (1..=128 printable bytes).
    pub constitution_uri: String,
    /// SHA-256 of the constitution text.
    pub constitution_hash: [u8; 32],
    /// How applicants become citizens.
    pub admission: AdmissionPolicy,
    /// Governance parameters; `None` takes the defaults (20% quorum, 60% approval, 3-day
    /// votes, 1-day timelock, 7-day execution window, 3 open proposals per citizen).
    pub governance: Option<GovernanceParams>,
    /// The founder's handle.
    pub founder_handle: String,
    /// The founder's profile URI (may be empty).
    pub founder_profile_uri: String,
}

/// Accounts of `create_society`.
#[derive(Accounts)]
#[instruction(args: CreateSocietyArgs)]
pub struct CreateSociety<'info> {
    /// Pays for the new accounts; becomes first citizen and steward.
    #[account(mut)]
    pub founder: Signer<'info>,

    /// CHECK: the new Society at its PDA (seeds checked here); created by the handler with
    /// `create_pda_account`, so a taken name gets `SocietyNameTaken` and a pre-funded
    /// address cannot block it.
    #[account(mut, seeds = [SOCIETY_SEED, seed_bytes(&args.name)], bump)]
    pub society: UncheckedAccount<'info>,

    /// CHECK: the founder's new Member at its PDA (seeds checked here); created by the
    /// handler.
    #[account(
        mut,
        seeds = [MEMBER_SEED, society.key().as_ref(), founder.key().as_ref()],
        bump,
    )]
    pub founder_member: UncheckedAccount<'info>,

    /// The society's new ExitBasket.
    /// CHECK: at its PDA (seeds checked here); created by the handler with
    /// `create_pda_account`.
    #[account(mut, seeds = [EXIT_BASKET_SEED, society.key().as_ref()], bump)]
    pub exit_basket: UncheckedAccount<'info>,

    /// SOL's new Outflow, created here so that no payment or exit pays for it later.
    /// CHECK: at `["outflow", society, SOL_OUTFLOW_MINT]` (seeds checked here); created by
    /// the handler.
    #[account(
        mut,
        seeds = [OUTFLOW_SEED, society.key().as_ref(), SOL_OUTFLOW_MINT.as_ref()],
        bump,
    )]
    pub sol_outflow: UncheckedAccount<'info>,

    /// The society's treasury: a system account at `["treasury", society]` that holds SOL
    /// and owns the society's token accounts. The founder funds its rent-exempt minimum so
    /// that deposits of any size work and payouts keep that reserve.
    #[account(mut, seeds = [TREASURY_SEED, society.key().as_ref()], bump)]
    pub treasury: SystemAccount<'info>,

    /// The system program.
    pub system_program: Program<'info, System>,
}

impl CreateSociety<'_> {
    /// Refuses a taken name and invalid arguments.
    pub fn validate(&self, args: &CreateSocietyArgs, remaining: &[AccountInfo]) -> Result<()> {
        require_no_remaining_accounts(remaining)?;
        require!(!is_created(&self.society), NetstateError::SocietyNameTaken);
        Society::validate_name(&args.name)?;
        Society::validate_constitution_uri(&args.constitution_uri)?;
        Society::validate_constitution_hash(&args.constitution_hash)?;
        args.admission.validate()?;
        if let Some(governance) = &args.governance {
            governance.validate()?;
        }
        Member::validate_handle(&args.founder_handle)?;
        Member::validate_profile_uri(&args.founder_profile_uri)?;
        Ok(())
    }

    /// Creates the society and the founder's citizenship.
    pub fn create_society(ctx: Context<Self>, args: CreateSocietyArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = &ctx.accounts;
        let founder = accounts.founder.key();
        let society_key = accounts.society.key();
        let member_key = accounts.founder_member.key();
        let (society_bump, member_bump) = (ctx.bumps.society, ctx.bumps.founder_member);
        create_pda_account(
            &accounts.founder,
            &accounts.society,
            &accounts.system_program,
            8 + Society::INIT_SPACE,
            &[SOCIETY_SEED, seed_bytes(&args.name), &[society_bump]],
        )?;
        create_pda_account(
            &accounts.founder,
            &accounts.founder_member,
            &accounts.system_program,
            8 + Member::INIT_SPACE,
            &[
                MEMBER_SEED,
                society_key.as_ref(),
                founder.as_ref(),
                &[member_bump],
            ],
        )?;

        create_pda_account(
            &accounts.founder,
            &accounts.exit_basket,
            &accounts.system_program,
            8 + ExitBasket::INIT_SPACE,
            &[
                EXIT_BASKET_SEED,
                society_key.as_ref(),
                &[ctx.bumps.exit_basket],
            ],
        )?;
        let exit_basket = ExitBasket {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.exit_basket,
            society: society_key,
            ..ExitBasket::default()
        };
        store(&accounts.exit_basket, &exit_basket)?;
        let sol_outflow_bump = ctx.bumps.sol_outflow;
        create_pda_account(
            &accounts.founder,
            &accounts.sol_outflow,
            &accounts.system_program,
            8 + Outflow::INIT_SPACE,
            &[
                OUTFLOW_SEED,
                society_key.as_ref(),
                SOL_OUTFLOW_MINT.as_ref(),
                &[sol_outflow_bump],
            ],
        )?;
        store(
            &accounts.sol_outflow,
            &Outflow {
                version: ACCOUNT_VERSION,
                bump: sol_outflow_bump,
                society: society_key,
                mint: SOL_OUTFLOW_MINT,
                counter: OutflowCounter::default(),
            },
        )?;

        fund_rent_reserve(
            &accounts.founder,
            &accounts.treasury,
            &accounts.system_program,
        )?;

        let mut society = Society {
            version: ACCOUNT_VERSION,
            bump: society_bump,
            treasury_bump: ctx.bumps.treasury,
            seq: 0,
            founder,
            steward: Some(founder),
            name: args.name,
            constitution_uri: args.constitution_uri,
            constitution_hash: args.constitution_hash,
            admission: args.admission,
            governance: args.governance.unwrap_or_default(),
            member_count: 0,
            citizen_count: 0,
            node_count: 0,
            active_node_count: 0,
            proposal_count: 0,
            created_at: now,
            contribution_mint: None,
            census: CensusCounters::new(utc_day(now)?),
            dues: Dues::default(),
        };
        let created_seq = society.next_seq()?;
        society.add_member(true)?;
        let admitted_seq = society.next_seq()?;
        let member = Member {
            version: ACCOUNT_VERSION,
            bump: member_bump,
            society: society_key,
            wallet: founder,
            status: MemberStatus::Citizen,
            handle: args.founder_handle,
            profile_uri: args.founder_profile_uri,
            applied_seq: created_seq,
            citizen_seq: admitted_seq,
            joined_at: now,
            admitted_at: now,
            sponsor_count: 0,
            check_in_count: 0,
            last_check_in_day: 0,
            open_proposals: 0,
            recent_days: [0; 16],
            paid_until: 0,
        };
        society.invariant()?;
        store(&accounts.society, &society)?;
        store(&accounts.founder_member, &member)?;

        emit_event(SocietyCreated {
            society: society_key,
            seq: created_seq,
            name: society.name,
            founder,
            constitution_uri: society.constitution_uri,
            constitution_hash: society.constitution_hash,
            admission: society.admission,
            governance: society.governance,
            created_at: now,
        });
        emit_event(MemberAdmitted {
            society: society_key,
            seq: admitted_seq,
            member: member_key,
            wallet: founder,
            admitted_by: AdmittedBy::Founding,
            citizen_count: society.citizen_count,
            admitted_at: now,
        });
        Ok(())
    }
}
