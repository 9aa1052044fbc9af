//! One builder per program instruction: typed arguments in, a ready `Instruction` out.
//! Every PDA is derived here, so callers pass only wallets, names and codes. The first
//! argument of each is the netstate deployment: [`crate::PROGRAM_ID`], or the id of a build
//! at your own address (`NetstateClient::program_id` holds the one a client uses).
//!
//! ```
//! use netstate_client::{instructions, pda, AdmissionPolicy, CreateSocietyArgs, PROGRAM_ID};
//! use solana_keypair::Keypair;
//! use solana_signer::Signer;
//!
//! let founder = Keypair::new();
//! let create = instructions::create_society(
//!     &PROGRAM_ID,
//!     &founder.pubkey(),
//!     CreateSocietyArgs {
//!         name: "The Solar State".into(),
//!         constitution_uri: "ipfs://QmConstitution".into(),
//!         constitution_hash: [1; 32],
//!         admission: AdmissionPolicy::Open,
//!         governance: None,
//!         founder_handle: "founder".into(),
//!         founder_profile_uri: String::new(),
//!     },
//! );
//! assert_eq!(create.program_id, PROGRAM_ID);
//! // The society and the founder's membership are derived for you.
//! let society = pda::society(&PROGRAM_ID, "The Solar State").0;
//! assert_eq!(create.accounts[1].pubkey, society);
//! assert_eq!(create.accounts[2].pubkey, pda::member(&PROGRAM_ID, &society, &founder.pubkey()).0);
//!
//! // A check-in is signed by the member and by the hub's operator.
//! let operator = Keypair::new();
//! let check_in =
//!     instructions::check_in(&PROGRAM_ID, &founder.pubkey(), &operator.pubkey(), &society, "lisbon");
//! assert!(check_in.accounts.iter().filter(|m| m.is_signer).count() == 2);
//!
//! // The same instruction for a deployment at another address derives other addresses.
//! let elsewhere = anchor_lang::prelude::Pubkey::new_unique();
//! let there = instructions::check_in(&elsewhere, &founder.pubkey(), &operator.pubkey(), &society, "lisbon");
//! assert_eq!(there.program_id, elsewhere);
//! let hub_there = pda::node(&elsewhere, &society, "lisbon").0;
//! assert!(there.accounts.iter().any(|m| m.pubkey == hub_there));
//! assert!(!check_in.accounts.iter().any(|m| m.pubkey == hub_there));
//! ```

use anchor_lang::{
    InstructionData, ToAccountMetas,
    solana_program::{
        instruction::{AccountMeta, Instruction},
        pubkey::Pubkey,
        system_program,
    },
};
use netstate::{accounts, instruction, pda};

pub use crate::actions::{ExecuteContext, execute_proposal};

use crate::{
    ApplyArgs, BudgetTerms, CreateProposalArgs, CreateSocietyArgs, NodeSpec, ProposalAction,
    VoteChoice,
};

/// The associated token account program.
pub const ASSOCIATED_TOKEN_PROGRAM_ID: Pubkey = anchor_spl::associated_token::ID;

/// The associated token account of `owner` for `mint` under `token_program`.
pub fn associated_token_address(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(
        owner,
        mint,
        token_program,
    )
}

pub(crate) fn build(
    program_id: &Pubkey,
    accounts: impl ToAccountMetas,
    data: impl InstructionData,
) -> Instruction {
    let mut accounts = accounts.to_account_metas(None);
    // Anchor passes an absent optional account as the program's own id: the id compiled into
    // the program crate, which a deployment at another address must read as its own.
    for meta in &mut accounts {
        if meta.pubkey == netstate::ID {
            meta.pubkey = *program_id;
        }
    }
    Instruction {
        program_id: *program_id,
        accounts,
        data: data.data(),
    }
}

/// `create_society`, signed and paid by `founder`.
pub fn create_society(
    program_id: &Pubkey,
    founder: &Pubkey,
    args: CreateSocietyArgs,
) -> Instruction {
    let society = pda::society(program_id, &args.name).0;
    build(
        program_id,
        accounts::CreateSociety {
            founder: *founder,
            society,
            exit_basket: pda::exit_basket(program_id, &society).0,
            sol_outflow: pda::sol_outflow(program_id, &society).0,
            founder_member: pda::member(program_id, &society, founder).0,
            treasury: pda::treasury(program_id, &society).0,
            system_program: system_program::ID,
        },
        instruction::CreateSociety { args },
    )
}

/// `renounce_steward`, signed by the steward.
pub fn renounce_steward(program_id: &Pubkey, steward: &Pubkey, society: &Pubkey) -> Instruction {
    build(
        program_id,
        accounts::RenounceSteward {
            steward: *steward,
            society: *society,
        },
        instruction::RenounceSteward {},
    )
}

/// `apply`, signed and paid by the applicant's `wallet`.
pub fn apply(
    program_id: &Pubkey,
    wallet: &Pubkey,
    society: &Pubkey,
    args: ApplyArgs,
) -> Instruction {
    build(
        program_id,
        accounts::Apply {
            wallet: *wallet,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
            system_program: system_program::ID,
        },
        instruction::Apply { args },
    )
}

/// `sponsor`: the citizen `sponsor` vouches for `applicant_wallet`.
pub fn sponsor(
    program_id: &Pubkey,
    sponsor: &Pubkey,
    society: &Pubkey,
    applicant_wallet: &Pubkey,
) -> Instruction {
    let applicant = pda::member(program_id, society, applicant_wallet).0;
    build(
        program_id,
        accounts::Sponsor {
            sponsor: *sponsor,
            society: *society,
            sponsor_member: pda::member(program_id, society, sponsor).0,
            applicant,
            sponsorship: pda::sponsorship(program_id, &applicant, sponsor).0,
            system_program: system_program::ID,
        },
        instruction::Sponsor {},
    )
}

/// `admit_member`: the steward admits `applicant_wallet`.
pub fn admit_member(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    applicant_wallet: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::AdmitMember {
            steward: *steward,
            society: *society,
            member: pda::member(program_id, society, applicant_wallet).0,
        },
        instruction::AdmitMember {},
    )
}

/// `leave`, signed by the member's `wallet`, which receives the rent.
pub fn leave(program_id: &Pubkey, wallet: &Pubkey, society: &Pubkey) -> Instruction {
    build(
        program_id,
        accounts::Leave {
            wallet: *wallet,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
        },
        instruction::Leave {},
    )
}

/// `register_node`, signed and paid by the steward.
pub fn register_node(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    spec: NodeSpec,
) -> Instruction {
    build(
        program_id,
        accounts::RegisterNode {
            steward: *steward,
            society: *society,
            node: pda::node(program_id, society, &spec.code).0,
            country: pda::country(program_id, society, &spec.country).0,
            system_program: system_program::ID,
        },
        instruction::RegisterNode { spec },
    )
}

/// `retire_node`, signed by the steward; `country` is the hub's (its Node's `country`).
pub fn retire_node(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    code: &str,
    country: [u8; 2],
) -> Instruction {
    build(
        program_id,
        accounts::RetireNode {
            steward: *steward,
            society: *society,
            node: pda::node(program_id, society, code).0,
            country: pda::country(program_id, society, &country).0,
        },
        instruction::RetireNode {},
    )
}

/// `check_in`, signed by the member's `wallet` (which pays) and the node's `operator`.
pub fn check_in(
    program_id: &Pubkey,
    wallet: &Pubkey,
    operator: &Pubkey,
    society: &Pubkey,
    code: &str,
) -> Instruction {
    let node = pda::node(program_id, society, code).0;
    build(
        program_id,
        accounts::CheckIn {
            wallet: *wallet,
            operator: *operator,
            society: *society,
            node,
            member: pda::member(program_id, society, wallet).0,
            residency: pda::residency(program_id, &node, wallet).0,
            system_program: system_program::ID,
            visitor: pda::visitor(program_id, society, wallet).0,
        },
        instruction::CheckIn {},
    )
}

/// `deposit_sol`: `depositor` adds `amount` lamports to the treasury.
pub fn deposit_sol(
    program_id: &Pubkey,
    depositor: &Pubkey,
    society: &Pubkey,
    amount: u64,
) -> Instruction {
    build(
        program_id,
        accounts::DepositSol {
            depositor: *depositor,
            society: *society,
            treasury: pda::treasury(program_id, society).0,
            system_program: system_program::ID,
        },
        instruction::DepositSol { amount },
    )
}

/// `deposit_token`: `depositor` adds `amount` base units of `mint` from its associated
/// token account (under `token_program`) to the treasury's.
pub fn deposit_token(
    program_id: &Pubkey,
    depositor: &Pubkey,
    society: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
    amount: u64,
) -> Instruction {
    let treasury = pda::treasury(program_id, society).0;
    build(
        program_id,
        accounts::DepositToken {
            depositor: *depositor,
            society: *society,
            treasury,
            mint: *mint,
            depositor_token: associated_token_address(depositor, mint, token_program),
            treasury_token: associated_token_address(&treasury, mint, token_program),
            token_program: *token_program,
            associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
            system_program: system_program::ID,
        },
        instruction::DepositToken { amount },
    )
}

/// `create_contribution_mint`: the steward creates the contribution token at the new
/// keypair address `mint` (which must sign too).
pub fn create_contribution_mint(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
    decimals: u8,
    non_transferable: bool,
) -> Instruction {
    build(
        program_id,
        accounts::CreateContributionMint {
            steward: *steward,
            society: *society,
            treasury: pda::treasury(program_id, society).0,
            mint: *mint,
            token_program: *token_program,
            system_program: system_program::ID,
        },
        instruction::CreateContributionMint {
            decimals,
            non_transferable,
        },
    )
}

/// The account a proposal's action is about, which `create_proposal` checks: the member
/// for admit/expel and for the new steward, the node for register/retire, the mint for
/// token transfers, the partner society for treaties.
pub fn action_subject(
    program_id: &Pubkey,
    society: &Pubkey,
    action: &ProposalAction,
) -> Option<Pubkey> {
    action_subject_with(program_id, society, action, None)
}

/// [`action_subject`], knowing the society's contribution mint: the subject of a
/// `MintContribution`, read to judge how much of what exits pay it hands over.
pub fn action_subject_with(
    program_id: &Pubkey,
    society: &Pubkey,
    action: &ProposalAction,
    contribution_mint: Option<Pubkey>,
) -> Option<Pubkey> {
    if let Some(wallet) = action.member_wallet() {
        return Some(pda::member(program_id, society, wallet).0);
    }
    match action {
        ProposalAction::RegisterNode { spec } => Some(pda::node(program_id, society, &spec.code).0),
        ProposalAction::RetireNode { code }
        | ProposalAction::SetNodeOperator { code, .. }
        | ProposalAction::SetNodeBudget { code, .. } => {
            Some(pda::node(program_id, society, code).0)
        }
        ProposalAction::EndNodeBudget { code } => {
            Some(pda::node_budget(program_id, &pda::node(program_id, society, code).0).0)
        }
        ProposalAction::TransferToken { mint, .. } => Some(*mint),
        ProposalAction::MintContribution { .. } => contribution_mint,
        ProposalAction::SetDues { dues } => dues.mint,
        ProposalAction::ProposeTreaty { partner, .. }
        | ProposalAction::RatifyTreaty { partner, .. }
        | ProposalAction::WithdrawTreaty { partner } => Some(*partner),
        _ => None,
    }
}

/// `create_proposal`: `proposer` proposes; `index` is the society's `proposal_count`.
///
/// A `SetExitBasket` carries its listed mints after the declared accounts, in slot order,
/// and a token `SetNodeBudget` its mint. A `TransferToken` (or token budget) names the treasury's SPL Token account of the mint; for a Token-2022
/// mint, or a `MintContribution` (which names the society's contribution mint), use
/// [`create_proposal_for_token`].
pub fn create_proposal(
    program_id: &Pubkey,
    proposer: &Pubkey,
    society: &Pubkey,
    index: u64,
    args: CreateProposalArgs,
) -> Instruction {
    create_proposal_for_token(
        program_id,
        proposer,
        society,
        index,
        args,
        &anchor_spl::token::ID,
        None,
    )
}

/// [`create_proposal`], with the token program of a `TransferToken`'s or token
/// `SetNodeBudget`'s mint (ignored for other actions): the treasury's account of the mint
/// under it is read to judge whether the payment is large; and the society's
/// `contribution_mint`, which a `MintContribution` names (its supply judges the dilution).
pub fn create_proposal_for_token(
    program_id: &Pubkey,
    proposer: &Pubkey,
    society: &Pubkey,
    index: u64,
    args: CreateProposalArgs,
    token_program: &Pubkey,
    contribution_mint: Option<Pubkey>,
) -> Instruction {
    let treasury = pda::treasury(program_id, society).0;
    let treasury_vault = match &args.action {
        ProposalAction::TransferToken { mint, .. }
        | ProposalAction::SetNodeBudget {
            terms: BudgetTerms {
                mint: Some(mint), ..
            },
            ..
        } => Some(associated_token_address(&treasury, mint, token_program)),
        _ => None,
    };
    let mints: Vec<AccountMeta> = match &args.action {
        ProposalAction::SetExitBasket { mints } => mints
            .iter()
            .filter(|m| **m != Pubkey::default())
            .map(|m| AccountMeta::new_readonly(*m, false))
            .collect(),
        ProposalAction::SetNodeBudget {
            terms: BudgetTerms {
                mint: Some(mint), ..
            },
            ..
        } => vec![AccountMeta::new_readonly(*mint, false)],
        _ => Vec::new(),
    };
    let mut ix = build(
        program_id,
        accounts::CreateProposal {
            proposer: *proposer,
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            proposer_member: pda::member(program_id, society, proposer).0,
            proposal: pda::proposal(program_id, society, index).0,
            subject: action_subject_with(program_id, society, &args.action, contribution_mint),
            recipient: args.action.recipient().copied(),
            treasury,
            treasury_vault,
            system_program: system_program::ID,
        },
        instruction::CreateProposal { args },
    );
    ix.accounts.extend(mints);
    ix
}

/// `cast_vote`: `voter` votes `choice` on `proposal`.
pub fn cast_vote(
    program_id: &Pubkey,
    voter: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    choice: VoteChoice,
) -> Instruction {
    build(
        program_id,
        accounts::CastVote {
            voter: *voter,
            society: *society,
            proposal: *proposal,
            member: pda::member(program_id, society, voter).0,
            vote: pda::vote(program_id, proposal, voter).0,
            share: pda::share(program_id, society, voter).0,
            system_program: system_program::ID,
        },
        instruction::CastVote { choice },
    )
}

/// `cancel_proposal`, signed by its proposer.
pub fn cancel_proposal(
    program_id: &Pubkey,
    proposer: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::CancelProposal {
            proposer: *proposer,
            society: *society,
            proposal: *proposal,
            proposer_member: pda::member(program_id, society, proposer).0,
        },
        instruction::CancelProposal {},
    )
}

/// `respond_to_proposal`: `wallet`, the member an expulsion names, attaches its answer at
/// `uri` (with the SHA-256 `hash` of its text) to `proposal`.
pub fn respond_to_proposal(
    program_id: &Pubkey,
    wallet: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    uri: String,
    hash: [u8; 32],
) -> Instruction {
    build(
        program_id,
        accounts::RespondToProposal {
            wallet: *wallet,
            society: *society,
            proposal: *proposal,
        },
        instruction::RespondToProposal {
            args: netstate::instructions::RespondArgs { uri, hash },
        },
    )
}

/// `object_to_proposal`: `objector`, a citizen of its electorate, objects to the passed
/// `proposal` during its timelock.
pub fn object_to_proposal(
    program_id: &Pubkey,
    objector: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::ObjectToProposal {
            objector: *objector,
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            proposal: *proposal,
            member: pda::member(program_id, society, objector).0,
            objection: pda::objection(program_id, proposal, objector).0,
            system_program: system_program::ID,
        },
        instruction::ObjectToProposal {},
    )
}

/// `close_objection`: closes `objector`'s objection to a final `proposal`, rent back to
/// them.
pub fn close_objection(
    program_id: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    objector: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::CloseObjection {
            society: *society,
            proposal: *proposal,
            objection: pda::objection(program_id, proposal, objector).0,
            objector: *objector,
        },
        instruction::CloseObjection {},
    )
}

/// `set_dues`: the steward sets the society's dues (`dues.mint`, when a token, is passed
/// for the program to check).
pub fn set_dues(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    dues: netstate::state::Dues,
) -> Instruction {
    build(
        program_id,
        accounts::SetDues {
            steward: *steward,
            society: *society,
            mint: dues.mint,
        },
        instruction::SetDues { dues },
    )
}

/// `pay_dues`: `payer` pays `periods` periods of `wallet`'s SOL dues.
pub fn pay_dues(
    program_id: &Pubkey,
    payer: &Pubkey,
    society: &Pubkey,
    wallet: &Pubkey,
    periods: u32,
) -> Instruction {
    build(
        program_id,
        accounts::PayDues {
            payer: *payer,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
            treasury: pda::treasury(program_id, society).0,
            system_program: system_program::ID,
        },
        instruction::PayDues { periods },
    )
}

/// `pay_dues_token`: `payer` pays `periods` periods of `wallet`'s dues in `mint` (owned by
/// `token_program`) from their associated token account.
pub fn pay_dues_token(
    program_id: &Pubkey,
    payer: &Pubkey,
    society: &Pubkey,
    wallet: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
    periods: u32,
) -> Instruction {
    let treasury = pda::treasury(program_id, society).0;
    build(
        program_id,
        accounts::PayDuesToken {
            payer: *payer,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
            treasury,
            mint: *mint,
            payer_token: associated_token_address(payer, mint, token_program),
            treasury_token: associated_token_address(&treasury, mint, token_program),
            token_program: *token_program,
            associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
            system_program: system_program::ID,
        },
        instruction::PayDuesToken { periods },
    )
}

/// `mark_lapsed`: anyone marks `wallet`, a citizen whose dues lapsed, lapsed.
pub fn mark_lapsed(program_id: &Pubkey, society: &Pubkey, wallet: &Pubkey) -> Instruction {
    build(
        program_id,
        accounts::MarkLapsed {
            society: *society,
            member: pda::member(program_id, society, wallet).0,
        },
        instruction::MarkLapsed {},
    )
}

/// `finalize_proposal` of `proposal`, made by `proposer`, for an action that pays no
/// token (for a `TransferToken`, [`finalize_token_proposal`]).
pub fn finalize_proposal(
    program_id: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::FinalizeProposal {
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            proposal: *proposal,
            treasury: pda::treasury(program_id, society).0,
            treasury_vault: None,
            proposer_member: pda::member(program_id, society, proposer).0,
        },
        instruction::FinalizeProposal {},
    )
}

/// `finalize_proposal` for a proposal whose action pays `mint` (a `TransferToken`): adds
/// the treasury's account of the mint under `token_program`, which bounds what a passed
/// payment may set aside when the mint is in the exit basket.
pub fn finalize_token_proposal(
    program_id: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> Instruction {
    let treasury = pda::treasury(program_id, society).0;
    build(
        program_id,
        accounts::FinalizeProposal {
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            proposal: *proposal,
            treasury,
            treasury_vault: Some(associated_token_address(&treasury, mint, token_program)),
            proposer_member: pda::member(program_id, society, proposer).0,
        },
        instruction::FinalizeProposal {},
    )
}

/// `release_grant`: mints what has vested of `grant` (the Grant at `address`) to its
/// recipient, sent and paid (the recipient's token account, if missing) by `payer`.
pub fn release_grant(
    program_id: &Pubkey,
    payer: &Pubkey,
    address: &Pubkey,
    grant: &netstate::state::Grant,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> Instruction {
    let society = grant.society;
    build(
        program_id,
        accounts::ReleaseGrant {
            payer: *payer,
            society,
            grant: *address,
            grant_payer: grant.payer,
            treasury: pda::treasury(program_id, &society).0,
            mint: *mint,
            recipient: grant.recipient,
            recipient_token: associated_token_address(&grant.recipient, mint, token_program),
            share: pda::share(program_id, &society, &grant.recipient).0,
            token_program: *token_program,
            associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
            system_program: system_program::ID,
        },
        instruction::ReleaseGrant {},
    )
}

/// The asset of a hub budget as its instructions need it: `None` for SOL, or the mint and
/// the token program that owns it.
pub type BudgetAsset = Option<BasketMint>;

/// `settle_node_budget` (or its token form, for a budget in `asset`): `payer` levels hub
/// `node`'s vault to its allowance for a new period, or empties it into the treasury once
/// the budget ended or the hub retired.
pub fn settle_node_budget(
    program_id: &Pubkey,
    payer: &Pubkey,
    society: &Pubkey,
    node: &Pubkey,
    asset: &BudgetAsset,
) -> Instruction {
    let treasury = pda::treasury(program_id, society).0;
    let budget = pda::node_budget(program_id, node).0;
    let vault = pda::node_vault(program_id, node).0;
    match asset {
        None => build(
            program_id,
            accounts::SettleNodeBudget {
                payer: *payer,
                society: *society,
                exit_basket: pda::exit_basket(program_id, society).0,
                sol_outflow: pda::sol_outflow(program_id, society).0,
                node: *node,
                budget,
                treasury,
                vault,
                system_program: system_program::ID,
            },
            instruction::SettleNodeBudget {},
        ),
        Some(BasketMint {
            mint,
            token_program,
        }) => build(
            program_id,
            accounts::SettleNodeBudgetToken {
                payer: *payer,
                society: *society,
                exit_basket: pda::exit_basket(program_id, society).0,
                node: *node,
                budget,
                treasury,
                vault,
                mint: *mint,
                treasury_token: associated_token_address(&treasury, mint, token_program),
                vault_token: associated_token_address(&vault, mint, token_program),
                outflow: pda::outflow(program_id, society, mint).0,
                token_program: *token_program,
                associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
                system_program: system_program::ID,
            },
            instruction::SettleNodeBudgetToken {},
        ),
    }
}

/// What a hub budget's spend pays: to whom, how much, and what for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetSpend {
    /// The wallet paid (for a token, the owner of the receiving associated token account).
    pub recipient: Pubkey,
    /// Base units (lamports for SOL).
    pub amount: u64,
    /// What it pays for, 1 to 64 printable bytes.
    pub memo: String,
    /// The SHA-256 of the receipt (a file, or the memo itself).
    pub memo_hash: [u8; 32],
}

/// `spend_node_budget` (or its token form, for a budget in `asset`): `spender`, the hub's
/// operator or keeper, pays `spend` from hub `node`'s vault (for a token, to the
/// recipient's associated token account, created first, idempotently, paid by the
/// spender).
pub fn spend_node_budget(
    program_id: &Pubkey,
    spender: &Pubkey,
    society: &Pubkey,
    node: &Pubkey,
    asset: &BudgetAsset,
    spend: &BudgetSpend,
) -> Vec<Instruction> {
    use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
    let BudgetSpend {
        recipient,
        amount,
        memo,
        memo_hash,
    } = spend;
    let budget = pda::node_budget(program_id, node).0;
    let vault = pda::node_vault(program_id, node).0;
    match asset {
        None => vec![build(
            program_id,
            accounts::SpendNodeBudget {
                spender: *spender,
                society: *society,
                node: *node,
                budget,
                vault,
                recipient: *recipient,
                system_program: system_program::ID,
            },
            instruction::SpendNodeBudget {
                amount: *amount,
                memo: memo.clone(),
                memo_hash: *memo_hash,
            },
        )],
        Some(BasketMint {
            mint,
            token_program,
        }) => vec![
            create_associated_token_account_idempotent(spender, recipient, mint, token_program),
            build(
                program_id,
                accounts::SpendNodeBudgetToken {
                    spender: *spender,
                    society: *society,
                    node: *node,
                    budget,
                    vault,
                    mint: *mint,
                    vault_token: associated_token_address(&vault, mint, token_program),
                    recipient_token: associated_token_address(recipient, mint, token_program),
                    token_program: *token_program,
                },
                instruction::SpendNodeBudgetToken {
                    amount: *amount,
                    memo: memo.clone(),
                    memo_hash: *memo_hash,
                },
            ),
        ],
    }
}

/// One mint of an exit basket as `exit_with_share` needs it: the mint and the token program
/// that owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasketMint {
    /// The mint.
    pub mint: Pubkey,
    /// SPL Token or Token-2022.
    pub token_program: Pubkey,
}

/// `exit_with_share`: `holder` burns `amount` of `society`'s contribution token (`mint`, on
/// Token-2022) from their associated token account and receives their share of the basket,
/// whose listed mints are `basket` in slot order. Preceded by the creation (idempotent,
/// paid by the holder) of the holder's token account for each basket mint; each mint's
/// Outflow PDA is passed too, since what an exit pays counts against the outflow rails.
/// `skip` (bit `i` for basket slot `i`) forgoes those slots' assets, their share staying in
/// the treasury: the only way out past an asset whose treasury account its issuer froze.
pub fn exit_with_share(
    program_id: &Pubkey,
    holder: &Pubkey,
    society: &Pubkey,
    mint: &Pubkey,
    basket: &[BasketMint],
    amount: u64,
    skip: u8,
) -> Vec<Instruction> {
    use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
    let token_2022 = anchor_spl::token_2022::ID;
    let treasury = pda::treasury(program_id, society).0;
    let mut ixs: Vec<Instruction> = basket
        .iter()
        .map(|b| {
            create_associated_token_account_idempotent(holder, holder, &b.mint, &b.token_program)
        })
        .collect();
    let mut exit = build(
        program_id,
        accounts::ExitWithShare {
            holder: *holder,
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            sol_outflow: pda::sol_outflow(program_id, society).0,
            share: pda::share(program_id, society, holder).0,
            treasury,
            contribution_mint: *mint,
            holder_contribution: associated_token_address(holder, mint, &token_2022),
            token_2022_program: token_2022,
            token_program: anchor_spl::token::ID,
            system_program: system_program::ID,
        },
        instruction::ExitWithShare { amount, skip },
    );
    for b in basket {
        exit.accounts.extend([
            AccountMeta::new_readonly(b.mint, false),
            AccountMeta::new(
                associated_token_address(&treasury, &b.mint, &b.token_program),
                false,
            ),
            AccountMeta::new(
                associated_token_address(holder, &b.mint, &b.token_program),
                false,
            ),
            AccountMeta::new(pda::outflow(program_id, society, &b.mint).0, false),
        ]);
    }
    ixs.push(exit);
    ixs
}

/// `close_vote`: closes `voter`'s record on a final `proposal`, rent back to `voter`.
pub fn close_vote(
    program_id: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    voter: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::CloseVote {
            society: *society,
            proposal: *proposal,
            vote: pda::vote(program_id, proposal, voter).0,
            voter: *voter,
            share: pda::share(program_id, society, voter).0,
        },
        instruction::CloseVote {},
    )
}

/// `close_proposal`: closes a final proposal, rent back to its `proposer`.
pub fn close_proposal(
    program_id: &Pubkey,
    society: &Pubkey,
    proposal: &Pubkey,
    proposer: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::CloseProposal {
            society: *society,
            exit_basket: pda::exit_basket(program_id, society).0,
            proposal: *proposal,
            proposer: *proposer,
        },
        instruction::CloseProposal {},
    )
}

/// `close_sponsorship`: closes `sponsor`'s spent record for `applicant_wallet`, rent back
/// to the sponsor.
pub fn close_sponsorship(
    program_id: &Pubkey,
    society: &Pubkey,
    applicant_wallet: &Pubkey,
    sponsor: &Pubkey,
) -> Instruction {
    close_sponsorship_of(
        program_id,
        society,
        &pda::member(program_id, society, applicant_wallet).0,
        sponsor,
    )
}

/// `close_sponsorship` named by the applicant's Member address (as a Sponsorship records
/// it), for when the applicant's wallet is not known (their account may be gone).
pub fn close_sponsorship_of(
    program_id: &Pubkey,
    society: &Pubkey,
    applicant: &Pubkey,
    sponsor: &Pubkey,
) -> Instruction {
    let applicant = *applicant;
    build(
        program_id,
        accounts::CloseSponsorship {
            society: *society,
            sponsorship: pda::sponsorship(program_id, &applicant, sponsor).0,
            applicant,
            sponsor: *sponsor,
        },
        instruction::CloseSponsorship {},
    )
}

/// `prove_residency`: fails unless `wallet` was at node `code` on at least `min_days` UTC
/// days; on success its return data is the day count (u32, little-endian).
pub fn prove_residency(
    program_id: &Pubkey,
    society: &Pubkey,
    code: &str,
    wallet: &Pubkey,
    min_days: u32,
    window_days: u32,
) -> Instruction {
    let node = pda::node(program_id, society, code).0;
    build(
        program_id,
        accounts::ProveResidency {
            node,
            residency: pda::residency(program_id, &node, wallet).0,
        },
        instruction::ProveResidency {
            min_days,
            window_days,
        },
    )
}

/// `set_node_operator`: the steward hands hub `code` to `operator`; `revoke_previous` voids
/// the old key's tickets at once.
pub fn set_node_operator(
    program_id: &Pubkey,
    steward: &Pubkey,
    society: &Pubkey,
    code: &str,
    operator: &Pubkey,
    revoke_previous: bool,
) -> Instruction {
    build(
        program_id,
        accounts::SetNodeOperator {
            steward: *steward,
            society: *society,
            node: pda::node(program_id, society, code).0,
        },
        instruction::SetNodeOperator {
            operator: *operator,
            revoke_previous,
        },
    )
}

/// `redeem_ticket` for `ticket`, sent by `payer`. It must come right after the ticket's
/// Ed25519 signature check: see [`crate::tickets::SignedTicket::redeem`].
pub fn redeem_ticket(
    program_id: &Pubkey,
    payer: &Pubkey,
    ticket: &netstate::ticket::Ticket,
) -> Instruction {
    build(
        program_id,
        accounts::RedeemTicket {
            payer: *payer,
            society: ticket.society,
            node: ticket.node,
            member: pda::member(program_id, &ticket.society, &ticket.wallet).0,
            residency: pda::residency(program_id, &ticket.node, &ticket.wallet).0,
            instructions: solana_sdk_ids::sysvar::instructions::ID,
            system_program: system_program::ID,
            visitor: pda::visitor(program_id, &ticket.society, &ticket.wallet).0,
        },
        instruction::RedeemTicket {},
    )
}

/// `claim_citizenship`: an applicant present on enough days becomes a citizen.
pub fn claim_citizenship(program_id: &Pubkey, wallet: &Pubkey, society: &Pubkey) -> Instruction {
    build(
        program_id,
        accounts::ClaimCitizenship {
            wallet: *wallet,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
        },
        instruction::ClaimCitizenship {},
    )
}

/// `close_census_epoch`: `payer` freezes `epoch` of `society` into its Census account.
pub fn close_census_epoch(
    program_id: &Pubkey,
    payer: &Pubkey,
    society: &Pubkey,
    epoch: u32,
) -> Instruction {
    build(
        program_id,
        accounts::CloseCensusEpoch {
            payer: *payer,
            society: *society,
            treasury: pda::treasury(program_id, society).0,
            census: pda::census(program_id, society, epoch).0,
            system_program: system_program::ID,
        },
        instruction::CloseCensusEpoch { epoch },
    )
}

/// The Treaty PDA between societies `a` and `b` (in either order).
pub fn treaty_address(program_id: &Pubkey, a: &Pubkey, b: &Pubkey) -> Pubkey {
    let (first, second) = netstate::state::treaty_pair(a, b);
    pda::treaty(program_id, &first, &second).0
}

/// `visit`: `wallet`, a citizen of `home`, checks in at hub `code` of `host` under their
/// treaty, co-signed by the hub's `operator`; the wallet pays its Visitor record the first
/// time.
pub fn visit(
    program_id: &Pubkey,
    wallet: &Pubkey,
    operator: &Pubkey,
    host: &Pubkey,
    code: &str,
    home: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::Visit {
            wallet: *wallet,
            operator: *operator,
            society: *host,
            node: pda::node(program_id, host, code).0,
            home_society: *home,
            home_member: pda::member(program_id, home, wallet).0,
            treaty: treaty_address(program_id, host, home),
            visitor: pda::visitor(program_id, host, wallet).0,
            host_member: pda::member(program_id, host, wallet).0,
            system_program: system_program::ID,
        },
        instruction::Visit {},
    )
}

/// `apply_by_treaty`: `wallet`, a citizen of `home`, applies to `society` under their
/// treaty.
pub fn apply_by_treaty(
    program_id: &Pubkey,
    wallet: &Pubkey,
    society: &Pubkey,
    home: &Pubkey,
    args: ApplyArgs,
) -> Instruction {
    build(
        program_id,
        accounts::ApplyByTreaty {
            wallet: *wallet,
            society: *society,
            member: pda::member(program_id, society, wallet).0,
            home_society: *home,
            home_member: pda::member(program_id, home, wallet).0,
            treaty: treaty_address(program_id, society, home),
            system_program: system_program::ID,
        },
        instruction::ApplyByTreaty { args },
    )
}

/// `upgrade_account`: `payer` has `account`, an account of `society` in an earlier layout,
/// rewritten in the current one (paying the rent of its growth).
pub fn upgrade_account(
    program_id: &Pubkey,
    payer: &Pubkey,
    society: &Pubkey,
    account: &Pubkey,
) -> Instruction {
    build(
        program_id,
        accounts::UpgradeAccount {
            payer: *payer,
            society: *society,
            account: *account,
            system_program: system_program::ID,
        },
        instruction::UpgradeAccount {},
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deployment_at_another_address_gets_its_own_id_for_every_absent_account() {
        let elsewhere = Pubkey::new_unique();
        let (proposer, society) = (Pubkey::new_unique(), Pubkey::new_unique());
        let args = CreateProposalArgs {
            title: "Grant".into(),
            description_uri: String::new(),
            description_hash: [0; 32],
            action: ProposalAction::TransferSol {
                recipient: Pubkey::new_unique(),
                amount: 1,
            },
        };
        // A transfer of SOL has no subject: Anchor's placeholder, the program's id, stands in.
        let here = create_proposal(&crate::PROGRAM_ID, &proposer, &society, 0, args.clone());
        assert!(here.accounts.iter().any(|m| m.pubkey == crate::PROGRAM_ID));
        let there = create_proposal(&elsewhere, &proposer, &society, 0, args);
        assert_eq!(there.program_id, elsewhere);
        assert!(!there.accounts.iter().any(|m| m.pubkey == crate::PROGRAM_ID));
        assert_eq!(
            there
                .accounts
                .iter()
                .filter(|m| m.pubkey == elsewhere)
                .count(),
            here.accounts
                .iter()
                .filter(|m| m.pubkey == crate::PROGRAM_ID)
                .count()
        );
    }
}
