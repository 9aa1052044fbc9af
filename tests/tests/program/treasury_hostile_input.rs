//! Payments that could pass but never execute, and token mints that would let someone
//! other than an executed proposal move, freeze or trap the treasury's tokens: each is
//! refused when it is deposited or proposed, by name.

use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{AdmissionPolicy, ProposalAction, instructions as ix, pda};
use netstate_tests::tokens::{self, MintExtension, TOKEN, TOKEN_2022};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn a_sol_payment_a_new_address_cannot_hold_is_refused_at_creation() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let empty = Keypair::new().pubkey();
    let rent = fx.rent_exempt(0).await;
    let below = ProposalAction::TransferSol {
        recipient: empty,
        amount: rent - 1,
    };
    s.propose_refused(&mut fx, &c[0], below, NetstateError::AmountBelowRentExempt)
        .await;
    // The rent-exempt minimum itself creates the account, and an address that already
    // holds lamports may be paid any amount.
    let at_rent = ProposalAction::TransferSol {
        recipient: empty,
        amount: rent,
    };
    s.propose(&mut fx, &c[0], at_rent).await;
    let one_lamport = ProposalAction::TransferSol {
        recipient: c[0].pubkey(),
        amount: 1,
    };
    s.propose(&mut fx, &s.founder, one_lamport).await;
}

#[tokio::test]
async fn payments_to_netstate_accounts_or_programs_are_refused_at_creation() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &TOKEN).await;
    let first = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.node_with_operator(&mut fx, "lisbon").await;
    let netstate_accounts = [s.address, s.member(&c[0].pubkey()), first, s.node("lisbon")];
    for recipient in netstate_accounts {
        let sol = ProposalAction::TransferSol {
            recipient,
            amount: 1_000_000_000,
        };
        s.propose_refused(
            &mut fx,
            &s.founder,
            sol,
            NetstateError::RecipientIsNetstateAccount,
        )
        .await;
        let token = ProposalAction::TransferToken {
            mint,
            recipient,
            amount: 1,
        };
        s.propose_refused(
            &mut fx,
            &s.founder,
            token,
            NetstateError::RecipientIsNetstateAccount,
        )
        .await;
    }
    // The treasury never pays itself, in SOL or in tokens.
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let token_to_treasury = ProposalAction::TransferToken {
        mint,
        recipient: treasury,
        amount: 1,
    };
    s.propose_refused(
        &mut fx,
        &s.founder,
        token_to_treasury,
        NetstateError::RecipientIsTreasury,
    )
    .await;
    // An executable program cannot be credited with lamports.
    let to_program = ProposalAction::TransferSol {
        recipient: TOKEN,
        amount: 1_000_000_000,
    };
    s.propose_refused(
        &mut fx,
        &s.founder,
        to_program,
        NetstateError::RecipientIsExecutable,
    )
    .await;
}

#[tokio::test]
async fn a_payment_proposal_needs_its_own_recipient_account() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let recipient = c[0].pubkey();
    let action = ProposalAction::TransferSol {
        recipient,
        amount: 1_000_000_000,
    };
    let (honest, _) = s.propose_ix(&mut fx, &s.founder.pubkey(), action).await;
    // Accounts: proposer, society, proposer_member, proposal, subject, recipient, ...
    let missing = swap_account(honest.clone(), 5, &netstate::ID);
    fx.send_err(&[missing], &[&s.founder], NetstateError::MissingRecipient)
        .await;
    let other = swap_account(honest, 5, &s.founder.pubkey());
    fx.send_err(&[other], &[&s.founder], NetstateError::RecipientMismatch)
        .await;
}

/// Each hostile extension with the error that names it.
const HOSTILE: [(MintExtension, NetstateError); 5] = [
    (
        MintExtension::PermanentDelegate,
        NetstateError::MintHasPermanentDelegate,
    ),
    (MintExtension::Pausable, NetstateError::MintIsPausable),
    (
        MintExtension::DefaultFrozen,
        NetstateError::MintDefaultFrozen,
    ),
    (
        MintExtension::NonTransferable,
        NetstateError::MintNonTransferable,
    ),
    (
        MintExtension::TransferHook,
        NetstateError::MintHasTransferHook,
    ),
];

#[tokio::test]
async fn deposits_of_hostile_token_2022_mints_are_refused_by_name() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let authority = Keypair::new();
    let depositor = fx.wallet().await;
    for (extension, error) in HOSTILE {
        let mint = tokens::create_mint_with(&mut fx, &authority.pubkey(), extension).await;
        tokens::ata(&mut fx, &depositor.pubkey(), &mint, &TOKEN_2022).await;
        let deposit = ix::deposit_token(
            &PROGRAM_ID,
            &depositor.pubkey(),
            &s.address,
            &mint,
            &TOKEN_2022,
            1,
        );
        fx.send_err(&[deposit], &[&depositor], error).await;
        let treasury_token = tokens::ata_address(
            &pda::treasury(&PROGRAM_ID, &s.address).0,
            &mint,
            &TOKEN_2022,
        );
        assert!(
            fx.raw_account(&treasury_token).await.is_none(),
            "{extension:?}: a refused deposit leaves no treasury account behind"
        );
    }
}

#[tokio::test]
async fn grants_of_hostile_token_2022_mints_are_refused_at_creation() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let authority = Keypair::new();
    for (extension, error) in HOSTILE {
        let mint = tokens::create_mint_with(&mut fx, &authority.pubkey(), extension).await;
        let grant = ProposalAction::TransferToken {
            mint,
            recipient: c[0].pubkey(),
            amount: 1,
        };
        s.propose_refused(&mut fx, &s.founder, grant, error).await;
    }
}

#[tokio::test]
async fn a_mint_with_only_a_freeze_authority_is_accepted() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let authority = Keypair::new();
    let mint = tokens::create_mint_with(
        &mut fx,
        &authority.pubkey(),
        MintExtension::FreezeAuthorityOnly,
    )
    .await;
    let depositor = fx.wallet().await;
    tokens::mint_to(
        &mut fx,
        &mint,
        &authority,
        &depositor.pubkey(),
        500,
        &TOKEN_2022,
    )
    .await;
    let deposit = ix::deposit_token(
        &PROGRAM_ID,
        &depositor.pubkey(),
        &s.address,
        &mint,
        &TOKEN_2022,
        500,
    );
    fx.send_ok(&[deposit], &[&depositor]).await;
    let grant = ProposalAction::TransferToken {
        mint,
        recipient: c[0].pubkey(),
        amount: 500,
    };
    s.propose(&mut fx, &s.founder, grant).await;
}
