//! Validation of a proposal's action when it is created, so that only proposals that can
//! execute are put to a vote.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::constants::MAX_VESTING_SECS;
use crate::error::NetstateError;
use crate::mint_rules::require_treasury_safe_mint;
use crate::shared::pda_account::{is_created, load, load_if_created};
use crate::state::{ExitBasket, Member, MemberStatus, Node, ProposalAction, Society};

/// Checks `action`'s arguments against the society (and its `exit_basket`) and, for actions about an account, the
/// `subject` account given with it (member, node or mint) and the `recipient` it pays;
/// `mints` are the accounts of a `SetExitBasket`'s listed mints, in slot order (empty for
/// other actions).
/// Whatever would make execution certain to fail, and is knowable now, is refused here;
/// what can only be known at execution (a balance that fell) is listed in `docs/design.md`.
pub fn validate_action(
    action: &ProposalAction,
    society: &Account<Society>,
    exit_basket: &ExitBasket,
    subject: Option<&AccountInfo>,
    recipient: Option<&AccountInfo>,
    mints: &[AccountInfo],
) -> Result<()> {
    let society_key = society.key();
    if !matches!(
        action,
        ProposalAction::SetExitBasket { .. } | ProposalAction::SetNodeBudget { .. }
    ) {
        crate::instructions::require_no_remaining_accounts(mints)?;
    }
    if let Some(expected) = action.recipient() {
        let recipient = recipient.ok_or(NetstateError::MissingRecipient)?;
        require_keys_eq!(recipient.key(), *expected, NetstateError::RecipientMismatch);
        validate_recipient(&society_key, recipient)?;
    }
    match action {
        ProposalAction::Signal => Ok(()),
        ProposalAction::SetSteward { steward } => match steward {
            None => Ok(()),
            Some(wallet) => {
                let address = crate::pda::member(&crate::ID, &society_key, wallet).0;
                let subject = expect_subject(subject, &address)?;
                let member: Option<Member> = load_if_created(subject)?;
                require!(
                    member.is_some_and(|m| m.is_citizen()),
                    NetstateError::StewardNotACitizen
                );
                Ok(())
            }
        },
        ProposalAction::TransferSol { amount, .. } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            // An address holding nothing is created by the payment, which must then reach
            // the rent-exempt minimum or the runtime refuses it.
            if let Some(recipient) = recipient {
                require!(
                    recipient.lamports() > 0 || *amount >= Rent::get()?.minimum_balance(0),
                    NetstateError::AmountBelowRentExempt
                );
                require!(!recipient.executable, NetstateError::RecipientIsExecutable);
            }
            Ok(())
        }
        ProposalAction::TransferToken { mint, amount, .. } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            let subject = expect_subject(subject, mint)?;
            validate_mint_account(subject)
        }
        ProposalAction::MintContribution {
            amount,
            vesting_secs,
            ..
        } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            require!(
                *vesting_secs <= MAX_VESTING_SECS,
                NetstateError::VestingOutOfRange
            );
            let mint = society
                .contribution_mint
                .ok_or(NetstateError::NoContributionMint)?;
            // The mint is read to judge the dilution (see `create_proposal`).
            let subject = expect_subject(subject, &mint)?;
            require!(
                *subject.owner == anchor_spl::token::ID
                    || *subject.owner == anchor_spl::token_2022::ID,
                NetstateError::InvalidMint
            );
            Ok(())
        }
        ProposalAction::AdmitMember { wallet } | ProposalAction::ExpelMember { wallet } => {
            let address = crate::pda::member(&crate::ID, &society_key, wallet).0;
            let subject = expect_subject(subject, &address)?;
            require!(is_created(subject), NetstateError::NotAMember);
            let member: Member = load(subject)?;
            if matches!(action, ProposalAction::AdmitMember { .. }) {
                require!(
                    member.status == MemberStatus::Applicant,
                    NetstateError::NotAnApplicant
                );
            } else {
                require!(
                    member.status != MemberStatus::Expelled,
                    NetstateError::MemberExpelled
                );
            }
            Ok(())
        }
        ProposalAction::RegisterNode { spec } => {
            spec.validate()?;
            let address = crate::pda::node(&crate::ID, &society_key, &spec.code).0;
            let subject = expect_subject(subject, &address)?;
            require!(!is_created(subject), NetstateError::NodeCodeTaken);
            Ok(())
        }
        ProposalAction::RetireNode { code } => require_active_node(&society_key, code, subject),
        ProposalAction::SetNodeOperator { code, operator, .. } => {
            Node::validate_code(code)?;
            require!(
                *operator != Pubkey::default(),
                NetstateError::InvalidOperator
            );
            let address = crate::pda::node(&crate::ID, &society_key, code).0;
            let subject = expect_subject(subject, &address)?;
            require!(is_created(subject), NetstateError::UnknownNode);
            let node: Node = load(subject)?;
            require!(node.active, NetstateError::NodeRetired);
            require!(node.operator != *operator, NetstateError::OperatorUnchanged);
            Ok(())
        }
        ProposalAction::ProposeTreaty { partner, terms }
        | ProposalAction::RatifyTreaty { partner, terms } => {
            terms.validate()?;
            validate_partner(&society_key, partner, subject)
        }
        ProposalAction::WithdrawTreaty { partner } => {
            validate_partner(&society_key, partner, subject)
        }
        ProposalAction::SetExitBasket { mints: listed } => {
            exit_basket.validate_change(listed, society.contribution_mint)?;
            let expected: Vec<&Pubkey> =
                listed.iter().filter(|m| **m != Pubkey::default()).collect();
            require!(
                expected.len() == mints.len(),
                NetstateError::ExitBasketAccountsMismatch
            );
            for (mint, account) in expected.into_iter().zip(mints) {
                require_keys_eq!(
                    account.key(),
                    *mint,
                    NetstateError::ExitBasketAccountsMismatch
                );
                validate_mint_account(account)?;
            }
            Ok(())
        }
        ProposalAction::SetDues { dues } => {
            dues.validate()?;
            match dues.mint {
                None => Ok(()),
                Some(mint) => {
                    let subject = expect_subject(subject, &mint)?;
                    validate_mint_account(subject)
                }
            }
        }
        ProposalAction::SetNodeBudget { code, terms } => {
            terms.validate()?;
            require_active_node(&society_key, code, subject)?;
            match terms.mint {
                None => crate::instructions::require_no_remaining_accounts(mints),
                Some(mint) => {
                    let [account] = mints else {
                        return err!(NetstateError::MissingSubject);
                    };
                    require_keys_eq!(account.key(), mint, NetstateError::MintMismatch);
                    validate_mint_account(account)
                }
            }
        }
        ProposalAction::EndNodeBudget { code } => {
            Node::validate_code(code)?;
            let node = crate::pda::node(&crate::ID, &society_key, code).0;
            let address = crate::pda::node_budget(&crate::ID, &node).0;
            let subject = expect_subject(subject, &address)?;
            require!(is_created(subject), NetstateError::NoNodeBudget);
            Ok(())
        }
        ProposalAction::UpdateGovernance { params } => params.validate(),
        ProposalAction::AmendConstitution { uri, hash } => {
            Society::validate_constitution_uri(uri)?;
            Society::validate_constitution_hash(hash)
        }
    }
}

/// The subject is the society's hub `code`, registered and not retired.
fn require_active_node(society: &Pubkey, code: &str, subject: Option<&AccountInfo>) -> Result<()> {
    Node::validate_code(code)?;
    let address = crate::pda::node(&crate::ID, society, code).0;
    let subject = expect_subject(subject, &address)?;
    require!(is_created(subject), NetstateError::UnknownNode);
    let node: Node = load(subject)?;
    require!(node.active, NetstateError::NodeRetired);
    Ok(())
}

/// A mint of SPL Token or Token-2022 that the treasury may hold.
fn validate_mint_account(account: &AccountInfo) -> Result<()> {
    let owner = *account.owner;
    require!(
        owner == anchor_spl::token::ID || owner == anchor_spl::token_2022::ID,
        NetstateError::InvalidMint
    );
    {
        let data = account.try_borrow_data()?;
        Mint::try_deserialize(&mut &data[..]).map_err(|_| NetstateError::InvalidMint)?;
    }
    require_treasury_safe_mint(account)
}

/// A treaty's partner is another society of this deployment, given as the subject.
fn validate_partner(
    society: &Pubkey,
    partner: &Pubkey,
    subject: Option<&AccountInfo>,
) -> Result<()> {
    require_keys_neq!(*partner, *society, NetstateError::TreatyWithSelf);
    let subject = expect_subject(subject, partner)?;
    require!(is_created(subject), NetstateError::UnknownSociety);
    load::<Society>(subject).map_err(|_| error!(NetstateError::UnknownSociety))?;
    Ok(())
}

/// A payment's recipient may not be the society's treasury (it would pay itself) nor any
/// account of the netstate program (the money would be locked there, or land with whoever
/// closes that account).
fn validate_recipient(society: &Pubkey, recipient: &AccountInfo) -> Result<()> {
    let treasury = crate::pda::treasury(&crate::ID, society).0;
    require_keys_neq!(
        recipient.key(),
        treasury,
        NetstateError::RecipientIsTreasury
    );
    require_keys_neq!(
        *recipient.owner,
        crate::ID,
        NetstateError::RecipientIsNetstateAccount
    );
    Ok(())
}

/// The subject account, which must be at `expected`.
fn expect_subject<'a, 'info>(
    subject: Option<&'a AccountInfo<'info>>,
    expected: &Pubkey,
) -> Result<&'a AccountInfo<'info>> {
    let subject = subject.ok_or(NetstateError::MissingSubject)?;
    require_keys_eq!(subject.key(), *expected, NetstateError::SubjectMismatch);
    Ok(subject)
}
