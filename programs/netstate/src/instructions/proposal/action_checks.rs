//! Validation of a proposal's action when it is created, so that only proposals that can
//! execute are put to a vote.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::error::NetstateError;
use crate::instructions::pda_account::{is_created, load};
use crate::state::{Member, MemberStatus, Node, ProposalAction, Society};

/// Checks `action`'s arguments against the society and, for actions about an account, the
/// `subject` account given with it (member, node or mint).
pub fn validate_action(
    action: &ProposalAction,
    society: &Account<Society>,
    subject: Option<&AccountInfo>,
) -> Result<()> {
    let society_key = society.key();
    match action {
        ProposalAction::Signal | ProposalAction::SetSteward { .. } => Ok(()),
        ProposalAction::TransferSol { recipient, amount } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            let treasury = crate::pda::treasury(&society_key).0;
            require_keys_neq!(*recipient, treasury, NetstateError::RecipientIsTreasury);
            Ok(())
        }
        ProposalAction::TransferToken { mint, amount, .. } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            let subject = expect_subject(subject, mint)?;
            let owner = *subject.owner;
            require!(
                owner == anchor_spl::token::ID || owner == anchor_spl::token_2022::ID,
                NetstateError::InvalidMint
            );
            let data = subject.try_borrow_data()?;
            Mint::try_deserialize(&mut &data[..]).map_err(|_| NetstateError::InvalidMint)?;
            Ok(())
        }
        ProposalAction::MintContribution { amount, .. } => {
            require!(*amount > 0, NetstateError::ZeroAmount);
            require!(
                society.contribution_mint.is_some(),
                NetstateError::NoContributionMint
            );
            Ok(())
        }
        ProposalAction::AdmitMember { wallet } | ProposalAction::ExpelMember { wallet } => {
            let address = crate::pda::member(&society_key, wallet).0;
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
            let address = crate::pda::node(&society_key, &spec.code).0;
            let subject = expect_subject(subject, &address)?;
            require!(!is_created(subject), NetstateError::NodeCodeTaken);
            Ok(())
        }
        ProposalAction::RetireNode { code } => {
            Node::validate_code(code)?;
            let address = crate::pda::node(&society_key, code).0;
            let subject = expect_subject(subject, &address)?;
            require!(is_created(subject), NetstateError::UnknownNode);
            let node: Node = load(subject)?;
            require!(node.active, NetstateError::NodeRetired);
            Ok(())
        }
        ProposalAction::UpdateGovernance { params } => params.validate(),
        ProposalAction::AmendConstitution { uri, .. } => Society::validate_constitution_uri(uri),
    }
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
