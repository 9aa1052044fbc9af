//! One home per family of proposal actions: what each family's actions check when a
//! proposal is created (so that only proposals that can execute are put to a vote) and the
//! action kinds its execute instruction carries out. Adding an action touches its variant of
//! [`ProposalAction`], its family's file here, and its execute instruction.
//!
//! | family | actions | executed by |
//! | --- | --- | --- |
//! | [`transfers`] | `TransferSol`, `TransferToken`, `MintContribution` | `execute_transfer_sol`, `execute_transfer_token`, `execute_mint_contribution` |
//! | [`members`] | `AdmitMember`, `ExpelMember` | `execute_member_action` |
//! | [`hubs`] | `RegisterNode`, `RetireNode`, `SetNodeOperator` | `execute_register_node`, `execute_retire_node`, `execute_set_node_operator` |
//! | [`society`] | `Signal`, `UpdateGovernance`, `AmendConstitution`, `SetSteward`, `SetDues` | `execute_society_action` |
//! | [`exit_basket`] | `SetExitBasket` | `execute_society_action` |
//! | [`treaties`] | `ProposeTreaty`, `RatifyTreaty`, `WithdrawTreaty` | `execute_treaty_action` |
//! | [`budgets`] | `SetNodeBudget`, `EndNodeBudget` | `execute_node_budget` |
//!
//! Whatever would make execution certain to fail, and is knowable at creation, is refused
//! then; what can only be known at execution (a balance that fell) is listed in
//! `docs/design.md`.

pub mod budgets;
pub mod exit_basket;
pub mod hubs;
pub mod members;
pub mod society;
pub mod transfers;
pub mod treaties;

use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::error::NetstateError;
use crate::mint_rules::require_treasury_safe_mint;
use crate::shared::pda_account::{is_created, load};
use crate::state::{ExitBasket, Node, ProposalAction, Society};

/// The accounts a new proposal brings for its action: the society and its exit basket, the
/// `subject` the action is about (member, node, mint or partner society), the `recipient` it
/// pays, and `mints`, the accounts after the declared ones (a `SetExitBasket`'s listed mints
/// in slot order, a token `SetNodeBudget`'s mint; empty for other actions).
pub struct ActionAccounts<'a, 'info, 'rest> {
    /// The society proposing, at `society_key`.
    pub society: &'a Society,
    /// The society's address.
    pub society_key: Pubkey,
    /// Its exit basket.
    pub exit_basket: &'a ExitBasket,
    /// The account the action is about, when it is about one.
    pub subject: Option<&'a AccountInfo<'info>>,
    /// The account a payment goes to, when it pays.
    pub recipient: Option<&'a AccountInfo<'info>>,
    /// The accounts after the declared ones.
    pub mints: &'a [AccountInfo<'rest>],
}

impl<'a, 'info> ActionAccounts<'a, 'info, '_> {
    /// The society's address.
    pub fn society_key(&self) -> Pubkey {
        self.society_key
    }

    /// The subject account, which must be at `expected` (`MissingSubject`,
    /// `SubjectMismatch`).
    pub fn subject_at(&self, expected: &Pubkey) -> Result<&'a AccountInfo<'info>> {
        let subject = self.subject.ok_or(NetstateError::MissingSubject)?;
        require_keys_eq!(subject.key(), *expected, NetstateError::SubjectMismatch);
        Ok(subject)
    }
}

/// Checks `action`'s arguments against the society and the `accounts` given with it: the
/// checks every action shares (no stray accounts, a payment's own recipient), then its
/// family's.
pub fn validate_action(action: &ProposalAction, accounts: &ActionAccounts) -> Result<()> {
    if !matches!(
        action,
        ProposalAction::SetExitBasket { .. } | ProposalAction::SetNodeBudget { .. }
    ) {
        crate::instructions::require_no_remaining_accounts(accounts.mints)?;
    }
    if let Some(expected) = action.recipient() {
        let recipient = accounts.recipient.ok_or(NetstateError::MissingRecipient)?;
        require_keys_eq!(recipient.key(), *expected, NetstateError::RecipientMismatch);
        validate_recipient(&accounts.society_key(), recipient)?;
    }
    match action {
        ProposalAction::TransferSol { amount, .. } => {
            transfers::validate_sol(*amount, accounts.recipient)
        }
        ProposalAction::TransferToken { mint, amount, .. } => {
            transfers::validate_token(mint, *amount, accounts)
        }
        ProposalAction::MintContribution {
            amount,
            vesting_secs,
            ..
        } => transfers::validate_mint_contribution(*amount, *vesting_secs, accounts),
        ProposalAction::AdmitMember { wallet } => members::validate_admission(wallet, accounts),
        ProposalAction::ExpelMember { wallet } => members::validate_expulsion(wallet, accounts),
        ProposalAction::RegisterNode { spec } => hubs::validate_registration(spec, accounts),
        ProposalAction::RetireNode { code } => hubs::validate_retirement(code, accounts),
        ProposalAction::SetNodeOperator { code, operator, .. } => {
            hubs::validate_operator(code, operator, accounts)
        }
        ProposalAction::Signal => Ok(()),
        ProposalAction::UpdateGovernance { params } => params.validate(),
        ProposalAction::AmendConstitution { uri, hash } => {
            society::validate_constitution(uri, hash)
        }
        ProposalAction::SetSteward { steward } => society::validate_steward(steward, accounts),
        ProposalAction::SetDues { dues } => society::validate_dues(dues, accounts),
        ProposalAction::SetExitBasket { mints } => exit_basket::validate(mints, accounts),
        ProposalAction::ProposeTreaty { partner, terms }
        | ProposalAction::RatifyTreaty { partner, terms } => {
            treaties::validate_terms(partner, terms, accounts)
        }
        ProposalAction::WithdrawTreaty { partner } => treaties::validate_partner(partner, accounts),
        ProposalAction::SetNodeBudget { code, terms } => {
            budgets::validate_budget(code, terms, accounts)
        }
        ProposalAction::EndNodeBudget { code } => budgets::validate_end(code, accounts),
    }
}

/// The subject is the society's hub `code`, registered and not retired (`UnknownNode`,
/// `NodeRetired`).
pub(crate) fn require_active_node(code: &str, accounts: &ActionAccounts) -> Result<()> {
    Node::validate_code(code)?;
    let address = crate::pda::node(&crate::ID, &accounts.society_key(), code).0;
    let subject = accounts.subject_at(&address)?;
    require!(is_created(subject), NetstateError::UnknownNode);
    let node: Node = load(subject)?;
    require!(node.active, NetstateError::NodeRetired);
    Ok(())
}

/// A mint of SPL Token or Token-2022 that the treasury may hold (`InvalidMint`, the
/// extension errors of `mint_rules`).
pub(crate) fn validate_mint_account(account: &AccountInfo) -> Result<()> {
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
