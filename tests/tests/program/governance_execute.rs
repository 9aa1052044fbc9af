//! Executing passed proposals: the timelock, the window, replay, account substitution, and
//! every action doing exactly what its name says.

use anchor_lang::error::ErrorCode;
use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, GovernanceParams, Member, MemberStatus, Node, Proposal, ProposalAction,
    ProposalStatus, Society, VoteChoice, events, instructions as ix, pda,
};
use netstate_tests::governance::{DELAY, VOTING, WINDOW, passed_proposal, proposal_args};
use netstate_tests::tokens::{self, TOKEN, TOKEN_2022};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const LAMPORTS: u64 = 1_000_000_000;

/// A society of three citizens with `sol` lamports deposited into its treasury.
async fn funded(fx: &mut Fixture, sol: u64) -> (TestSociety, Vec<Keypair>) {
    // The rails (outflow cap, large payments) have their own tests: `treasury_rails`.
    let (s, c) = TestSociety::with_citizens_under(fx, "Solar", 2, without_rails()).await;
    if sol > 0 {
        let patron = fx.wallet().await;
        fx.send_ok(
            &[ix::deposit_sol(
                &PROGRAM_ID,
                &patron.pubkey(),
                &s.address,
                sol,
            )],
            &[&patron],
        )
        .await;
    }
    (s, c)
}

/// Building `proposal`'s execution with an empty `ExecuteContext` is refused by name, as a
/// `MissingExecuteContext` of `action`: nothing is built against a default address.
fn refused_without_context(fx: &Fixture, address: &Pubkey, proposal: &Proposal, action: &str) {
    let missing = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        address,
        proposal,
        &ix::ExecuteContext::default(),
    );
    assert!(
        matches!(
            &missing,
            Err(netstate_client::ClientError::MissingExecuteContext { action: named, .. })
                if *named == action
        ),
        "{missing:?}"
    );
}

#[tokio::test]
async fn execution_waits_for_the_timelock_and_happens_once() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 5 * LAMPORTS).await;
    let recipient = Keypair::new().pubkey();
    let action = ProposalAction::TransferSol {
        recipient,
        amount: LAMPORTS,
    };
    let proposal = s.propose(&mut fx, &c[0], action).await;
    for v in [&s.founder, &c[0]] {
        s.vote(&mut fx, v, &proposal, VoteChoice::Yes).await;
    }
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(&[execute.clone()], &[], NetstateError::ProposalNotFinalized)
        .await;
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    fx.warp_seconds(DELAY - 1).await;
    fx.send_err(
        &[execute.clone()],
        &[],
        NetstateError::ProposalNotYetExecutable,
    )
    .await;
    fx.warp_seconds(1).await;
    // Twice in one transaction: the second fails and the first is rolled back with it.
    fx.send_err(
        &[execute.clone(), execute.clone()],
        &[],
        NetstateError::ProposalAlreadyExecuted,
    )
    .await;
    assert_eq!(fx.balance(&recipient).await, 0);
    fx.send_ok(&[execute.clone()], &[]).await;
    assert_eq!(fx.balance(&recipient).await, LAMPORTS);
    fx.send_err(&[execute], &[], NetstateError::ProposalAlreadyExecuted)
        .await;
    assert_eq!(fx.balance(&recipient).await, LAMPORTS);
}

#[tokio::test]
async fn defeated_cancelled_and_expired_proposals_never_execute() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 5 * LAMPORTS).await;
    let recipient = Keypair::new().pubkey();
    let action = ProposalAction::TransferSol {
        recipient,
        amount: LAMPORTS,
    };

    let defeated = s.propose(&mut fx, &c[0], action.clone()).await;
    let cancelled = s.propose(&mut fx, &c[0], action.clone()).await;
    let expired = s.propose(&mut fx, &c[1], action).await;
    s.vote(&mut fx, &c[1], &defeated, VoteChoice::No).await;
    fx.send_ok(
        &[ix::cancel_proposal(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &cancelled,
        )],
        &[&c[0]],
    )
    .await;
    s.vote(&mut fx, &c[1], &expired, VoteChoice::Yes).await;
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &defeated).await;
    s.finalize(&mut fx, &expired).await;
    fx.warp_seconds(DELAY + WINDOW).await;

    let ix_defeated = s.execute_ix(&mut fx, &defeated).await;
    fx.send_err(&[ix_defeated], &[], NetstateError::ProposalDefeated)
        .await;
    let ix_cancelled = s.execute_ix(&mut fx, &cancelled).await;
    fx.send_err(&[ix_cancelled], &[], NetstateError::ProposalCancelled)
        .await;
    let ix_expired = s.execute_ix(&mut fx, &expired).await;
    fx.send_err(&[ix_expired], &[], NetstateError::ProposalExpired)
        .await;
    assert_eq!(fx.balance(&recipient).await, 0);
}

#[tokio::test]
async fn the_window_closes_at_its_deadline() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 5 * LAMPORTS).await;
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.pass(&mut fx, &proposal, &[&c[0]]).await;
    let p: Proposal = fx.account(&proposal).await;
    fx.warp_seconds(p.execution_deadline - 1 - fx.now()).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_ok(&[execute], &[]).await; // deadline − 1
    let late = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.pass(&mut fx, &late, &[&c[0]]).await;
    let p: Proposal = fx.account(&late).await;
    fx.warp_seconds(p.execution_deadline - fx.now()).await;
    let execute = s.execute_ix(&mut fx, &late).await;
    fx.send_err(&[execute], &[], NetstateError::ProposalExpired)
        .await; // deadline
}

#[tokio::test]
async fn create_vote_and_execute_in_one_transaction_is_rejected() {
    let mut fx = Fixture::new().await;
    // A lone founder with no timelock: the vote is settled at once.
    let founder = fx.wallet().await;
    let mut args = society_args("Solo", AdmissionPolicy::Open);
    args.governance = Some(GovernanceParams {
        execution_delay_secs: 0,
        ..Default::default()
    });
    fx.send_ok(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
    )
    .await;
    let society = pda::society(&PROGRAM_ID, "Solo").0;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &society,
            5 * LAMPORTS,
        )],
        &[&patron],
    )
    .await;

    let thief = Keypair::new().pubkey();
    let action = ProposalAction::TransferSol {
        recipient: thief,
        amount: LAMPORTS,
    };
    let proposal = pda::proposal(&PROGRAM_ID, &society, 0).0;
    let create = ix::create_proposal(
        &PROGRAM_ID,
        &founder.pubkey(),
        &society,
        0,
        proposal_args(action.clone()),
    );
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &founder.pubkey(),
        &society,
        &proposal,
        VoteChoice::Yes,
    );
    let finalize = ix::finalize_proposal(&PROGRAM_ID, &society, &proposal, &founder.pubkey());
    // The execute instruction for the proposal as it would be once created.
    let as_created = passed_proposal(society, 0, founder.pubkey(), action);
    let execute = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        &proposal,
        &as_created,
        &ix::ExecuteContext::default(),
    )
    .expect("the execute context is complete");
    fx.send_err(
        &[create, vote, finalize, execute],
        &[&founder],
        NetstateError::ProposalNotYetExecutable,
    )
    .await;
    assert_eq!(fx.balance(&thief).await, 0);
}

#[tokio::test]
async fn the_treasury_pays_only_the_voted_recipient_and_amount() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 5 * LAMPORTS).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let recipient = Keypair::new().pubkey();
    let action = ProposalAction::TransferSol {
        recipient,
        amount: 2 * LAMPORTS,
    };
    let proposal = s.propose(&mut fx, &c[0], action).await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let honest = s.execute_ix(&mut fx, &proposal).await;

    // Swapped recipient.
    let thief = fx.wallet().await;
    let forged = swap_account(
        honest.clone(),
        position(&honest, &recipient),
        &thief.pubkey(),
    );
    fx.send_err(&[forged], &[], NetstateError::RecipientMismatch)
        .await;
    // Another society's treasury as the source.
    let (other, _) = TestSociety::with_citizens(&mut fx, "Lunar", 0).await;
    let forged = swap_account(
        honest.clone(),
        3,
        &pda::treasury(&PROGRAM_ID, &other.address).0,
    );
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;
    // A fake system program.
    let system = anchor_lang::solana_program::system_program::ID;
    let forged = swap_account(
        honest.clone(),
        position(&honest, &system),
        &Pubkey::new_unique(),
    );
    fx.send_err(&[forged], &[], ErrorCode::InvalidProgramId)
        .await;

    let before = fx.balance(&treasury).await;
    let out = fx.send_ok(&[honest], &[]).await;
    assert_eq!(before - fx.balance(&treasury).await, 2 * LAMPORTS);
    assert_eq!(fx.balance(&recipient).await, 2 * LAMPORTS);
    let paid: events::TreasurySolPaid = out.event();
    assert_eq!(paid.treasury_balance, before - 2 * LAMPORTS);
}

#[tokio::test]
async fn a_failed_execution_stays_executable_until_the_window_closes() {
    // A token outside the exit basket: nothing is set aside for its payments, so one that
    // passed can find the treasury short (a SOL payment cannot: what it pays was set aside
    // when it passed, or it is unfunded).
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, LAMPORTS).await;
    let issuer = fx.wallet().await;
    let mint = tokens::create_mint(&mut fx, &issuer.pubkey(), 6, &TOKEN).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let vault = tokens::ata_address(&treasury, &mint, &TOKEN);
    tokens::mint_to(&mut fx, &mint, &issuer, &treasury, 100, &TOKEN).await;
    let recipient = fx.wallet().await;
    let action = ProposalAction::TransferToken {
        mint,
        recipient: recipient.pubkey(),
        amount: 300,
    };
    let proposal = s.propose(&mut fx, &c[0], action).await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.status, ProposalStatus::Passed);
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(
        &[execute.clone()],
        &[],
        NetstateError::InsufficientTreasuryFunds,
    )
    .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.status, ProposalStatus::Passed);
    assert_eq!(tokens::balance(&mut fx, &vault).await, 100);
    // One short is still short; with the rest it executes, inside its window.
    tokens::mint_to(&mut fx, &mint, &issuer, &treasury, 199, &TOKEN).await;
    fx.send_err(
        &[execute.clone()],
        &[],
        NetstateError::InsufficientTreasuryFunds,
    )
    .await;
    tokens::mint_to(&mut fx, &mint, &issuer, &treasury, 1, &TOKEN).await;
    fx.send_ok(&[execute], &[]).await;
    let paid = tokens::ata_address(&recipient.pubkey(), &mint, &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &paid).await, 300);
    assert_eq!(tokens::balance(&mut fx, &vault).await, 0);
}

#[tokio::test]
async fn the_wrong_execute_instruction_is_rejected() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 5 * LAMPORTS).await;
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.pass(&mut fx, &proposal, &[&c[0]]).await;
    // A transfer proposal's execute instruction, pointed at the signal proposal.
    let mut p: Proposal = fx.account(&proposal).await;
    p.action = ProposalAction::TransferSol {
        recipient: c[0].pubkey(),
        amount: LAMPORTS,
    };
    let forged = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        &proposal,
        &p,
        &ix::ExecuteContext::default(),
    )
    .expect("the execute context is complete");
    fx.send_err(&[forged], &[], NetstateError::WrongExecuteInstruction)
        .await;
}

async fn token_grant(token_program: Pubkey) {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 0).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &token_program).await;
    let patron = fx.wallet().await;
    tokens::mint_to(
        &mut fx,
        &mint,
        &authority,
        &patron.pubkey(),
        1_000,
        &token_program,
    )
    .await;
    fx.send_ok(
        &[ix::deposit_token(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            &mint,
            &token_program,
            700,
        )],
        &[&patron],
    )
    .await;
    let recipient = Keypair::new().pubkey();
    let action = ProposalAction::TransferToken {
        mint,
        recipient,
        amount: 250,
    };
    let proposal = s.propose(&mut fx, &c[0], action).await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let execute = s.execute_ix_with(&mut fx, &proposal, &token_program).await;
    let out = fx.send_ok(&[execute], &[]).await;
    assert_eq!(
        tokens::balance(
            &mut fx,
            &tokens::ata_address(&recipient, &mint, &token_program)
        )
        .await,
        250
    );
    assert_eq!(
        tokens::balance(
            &mut fx,
            &tokens::ata_address(&treasury, &mint, &token_program)
        )
        .await,
        450
    );
    let paid: events::TreasuryTokenPaid = out.event();
    assert_eq!((paid.amount, paid.treasury_balance), (250, 450));
}

#[tokio::test]
async fn spl_token_grants_pay_exactly_the_amount() {
    token_grant(TOKEN).await;
}

#[tokio::test]
async fn token_2022_grants_pay_exactly_the_amount() {
    token_grant(TOKEN_2022).await;
}

#[tokio::test]
async fn token_grants_refuse_substituted_accounts() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 0).await;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &TOKEN).await;
    let other_mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &TOKEN).await;
    let patron = fx.wallet().await;
    for m in [&mint, &other_mint] {
        tokens::mint_to(&mut fx, m, &authority, &patron.pubkey(), 1_000, &TOKEN).await;
        fx.send_ok(
            &[ix::deposit_token(
                &PROGRAM_ID,
                &patron.pubkey(),
                &s.address,
                m,
                &TOKEN,
                500,
            )],
            &[&patron],
        )
        .await;
    }
    // Lunar's treasury also holds the mint.
    let (other, _) = TestSociety::with_citizens(&mut fx, "Lunar", 0).await;
    fx.send_ok(
        &[ix::deposit_token(
            &PROGRAM_ID,
            &patron.pubkey(),
            &other.address,
            &mint,
            &TOKEN,
            100,
        )],
        &[&patron],
    )
    .await;

    let recipient = Keypair::new().pubkey();
    let action = ProposalAction::TransferToken {
        mint,
        recipient,
        amount: 100,
    };
    let proposal = s.propose(&mut fx, &c[0], action).await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let honest = s.execute_ix(&mut fx, &proposal).await;
    // Slots: executor, society, proposal, treasury, mint, treasury_token, recipient,
    // recipient_token, token_program, associated_token_program, system_program.
    let thief = Keypair::new().pubkey();

    // The other mint, with accounts that match it.
    let mut p: Proposal = fx.account(&proposal).await;
    p.action = ProposalAction::TransferToken {
        mint: other_mint,
        recipient,
        amount: 100,
    };
    let forged = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        &proposal,
        &p,
        &ix::ExecuteContext::default(),
    )
    .expect("the execute context is complete");
    fx.send_err(&[forged], &[], NetstateError::MintMismatch)
        .await;
    // Another recipient.
    p.action = ProposalAction::TransferToken {
        mint,
        recipient: thief,
        amount: 100,
    };
    let forged = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        &proposal,
        &p,
        &ix::ExecuteContext::default(),
    )
    .expect("the execute context is complete");
    fx.send_err(&[forged], &[], NetstateError::RecipientMismatch)
        .await;
    // Another society's vault as the source.
    let other_vault =
        tokens::ata_address(&pda::treasury(&PROGRAM_ID, &other.address).0, &mint, &TOKEN);
    let vault = tokens::ata_address(&pda::treasury(&PROGRAM_ID, &s.address).0, &mint, &TOKEN);
    let forged = swap_account(honest.clone(), position(&honest, &vault), &other_vault);
    fx.send_err(&[forged], &[], ErrorCode::ConstraintTokenOwner)
        .await;
    // Another mint's outflow record (so this payment would not count against its cap).
    let forged = swap_account(
        honest.clone(),
        position(&honest, &pda::outflow(&PROGRAM_ID, &s.address, &mint).0),
        &pda::outflow(&PROGRAM_ID, &s.address, &Pubkey::new_unique()).0,
    );
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;
    // A fake token program.
    let forged = swap_account(
        honest.clone(),
        position(&honest, &TOKEN),
        &Pubkey::new_unique(),
    );
    fx.send_err(&[forged], &[], ErrorCode::InvalidProgramId)
        .await;

    fx.send_ok(&[honest], &[]).await;
    assert_eq!(
        tokens::balance(&mut fx, &tokens::ata_address(&recipient, &mint, &TOKEN)).await,
        100
    );
    assert_eq!(
        tokens::balance(&mut fx, &tokens::ata_address(&thief, &mint, &TOKEN)).await,
        0
    );
    assert_eq!(tokens::balance(&mut fx, &other_vault).await, 100);
}

#[tokio::test]
async fn contribution_tokens_are_minted_only_by_proposal() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 0).await;
    let mint = Keypair::new();
    fx.send_ok(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &mint.pubkey(),
            &TOKEN,
            0,
            false,
        )],
        &[&s.founder, &mint],
    )
    .await;
    let action = ProposalAction::MintContribution {
        recipient: c[1].pubkey(),
        amount: 40,
        vesting_secs: 0,
    };
    let (_, out) = s.enact(&mut fx, &c[0], &[&c[0], &c[1]], action).await;
    let minted: events::ContributionMinted = out.event();
    assert_eq!((minted.amount, minted.supply), (40, 40));
    let account = tokens::ata_address(&c[1].pubkey(), &mint.pubkey(), &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &account).await, 40);

    // A look-alike mint whose authority is also the treasury cannot be used (it is not the
    // society's contribution mint).
    let proposal = s
        .propose(
            &mut fx,
            &c[0],
            ProposalAction::MintContribution {
                recipient: c[1].pubkey(),
                amount: 1,
                vesting_secs: 0,
            },
        )
        .await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let fake = tokens::create_mint(
        &mut fx,
        &pda::treasury(&PROGRAM_ID, &s.address).0,
        0,
        &TOKEN,
    )
    .await;
    let p: Proposal = fx.account(&proposal).await;
    let forged = ix::execute_proposal(
        &PROGRAM_ID,
        &fx.payer().pubkey(),
        &proposal,
        &p,
        &ix::ExecuteContext {
            contribution_mint: Some(fake),
            ..Default::default()
        },
    )
    .expect("the execute context is complete");
    fx.send_err(&[forged], &[], NetstateError::MintMismatch)
        .await;
    // Without the society's mint the client refuses by name: nothing is built against a
    // default address.
    refused_without_context(&fx, &proposal, &p, "MintContribution");
}

#[tokio::test]
async fn membership_actions_admit_and_expel() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let bob = s.applicant(&mut fx, "bob").await;
    fx.send_ok(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
        )],
        &[&s.founder],
    )
    .await;

    let (_, out) = s
        .enact(
            &mut fx,
            &ana,
            &[&ana, &s.founder],
            ProposalAction::AdmitMember {
                wallet: bob.pubkey(),
            },
        )
        .await;
    assert_eq!(
        out.event::<events::MemberAdmitted>().admitted_by,
        events::AdmittedBy::Proposal
    );
    let member: Member = fx.account(&s.member(&bob.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    let society: Society = fx.account(&s.address).await;
    assert_eq!((society.member_count, society.citizen_count), (3, 3));

    let (_, out) = s
        .enact(
            &mut fx,
            &ana,
            &[&ana, &s.founder],
            ProposalAction::ExpelMember {
                wallet: bob.pubkey(),
            },
        )
        .await;
    let expelled: events::MemberExpelled = out.event();
    assert_eq!((expelled.member_count, expelled.citizen_count), (2, 2));
    let member: Member = fx.account(&s.member(&bob.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Expelled);
    // Barred for good.
    let reapply = ix::apply(&PROGRAM_ID, &bob.pubkey(), &s.address, apply_args("bob"));
    fx.send_err(&[reapply], &[&bob], NetstateError::MemberExpelled)
        .await;
    let leave = ix::leave(&PROGRAM_ID, &bob.pubkey(), &s.address);
    fx.send_err(&[leave], &[&bob], NetstateError::MemberExpelled)
        .await;
}

#[tokio::test]
async fn a_member_action_must_name_its_member() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let bob = s.applicant(&mut fx, "bob").await;
    let eve = s.applicant(&mut fx, "eve").await;
    let proposal = s
        .propose(
            &mut fx,
            &ana,
            ProposalAction::AdmitMember {
                wallet: bob.pubkey(),
            },
        )
        .await;
    s.pass(&mut fx, &proposal, &[&ana, &s.founder]).await;
    let honest = s.execute_ix(&mut fx, &proposal).await;
    // The member's address is derived from the proposal's action: any other is refused.
    let at = position(&honest, &s.member(&bob.pubkey()));
    let forged = swap_account(honest, at, &s.member(&eve.pubkey()));
    fx.send_err(&[forged], &[], NetstateError::SubjectMismatch)
        .await;
    let member: Member = fx.account(&s.member(&eve.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Applicant);
}

#[tokio::test]
async fn nodes_are_registered_and_retired_by_proposal() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 0).await;
    fx.send_ok(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
        )],
        &[&s.founder],
    )
    .await;
    let operator = Keypair::new().pubkey();
    let register = ProposalAction::RegisterNode {
        spec: node_spec("bali", &operator),
    };
    s.enact(&mut fx, &c[0], &[&c[0], &c[1]], register).await;
    let node: Node = fx.account(&s.node("bali")).await;
    assert_eq!((node.operator, node.active), (operator, true));

    let retire = ProposalAction::RetireNode {
        code: "bali".into(),
    };
    let retire = s.propose(&mut fx, &c[0], retire).await;
    s.pass(&mut fx, &retire, &[&c[0], &c[1]]).await;
    // A client that did not read the hub's country is told so by name, before anything is
    // built against a default address.
    let p: Proposal = fx.account(&retire).await;
    refused_without_context(&fx, &retire, &p, "RetireNode");
    let execute = s.execute_ix(&mut fx, &retire).await;
    fx.send_ok(&[execute], &[]).await;
    let node: Node = fx.account(&s.node("bali")).await;
    assert!(!node.active);
    let society: Society = fx.account(&s.address).await;
    assert_eq!((society.node_count, society.active_node_count), (1, 0));
}

#[tokio::test]
async fn the_society_amends_itself_and_appoints_or_removes_a_steward() {
    let mut fx = Fixture::new().await;
    let (s, c) = funded(&mut fx, 0).await;
    let amend = ProposalAction::AmendConstitution {
        uri: "ar://v2".into(),
        hash: [9; 32],
    };
    let (_, out) = s.enact(&mut fx, &c[0], &[&c[0], &c[1]], amend).await;
    assert_eq!(
        out.event::<events::ConstitutionAmended>().old_uri,
        "ipfs://QmConstitutionOfTheSolarState"
    );
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (society.constitution_uri.as_str(), society.constitution_hash),
        ("ar://v2", [9; 32])
    );

    // SetSteward(None): the founder's powers end.
    s.enact(
        &mut fx,
        &c[0],
        &[&c[0], &c[1]],
        ProposalAction::SetSteward { steward: None },
    )
    .await;
    let register = ix::register_node(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        node_spec("x", &s.founder.pubkey()),
    );
    fx.send_err(&[register], &[&s.founder], NetstateError::StewardshipEnded)
        .await;
    // SetSteward(Some): a citizen gets them.
    let (_, out) = s
        .enact(
            &mut fx,
            &c[0],
            &[&c[0], &c[1]],
            ProposalAction::SetSteward {
                steward: Some(c[1].pubkey()),
            },
        )
        .await;
    assert_eq!(
        out.event::<events::StewardChanged>().new,
        Some(c[1].pubkey())
    );
    let register = ix::register_node(
        &PROGRAM_ID,
        &c[1].pubkey(),
        &s.address,
        node_spec("x", &c[1].pubkey()),
    );
    fx.send_ok(&[register], &[&c[1]]).await;

    let (_, out) = s
        .enact(&mut fx, &c[0], &[&c[0], &c[1]], ProposalAction::Signal)
        .await;
    assert_eq!(
        out.event::<events::ProposalExecuted>().action,
        netstate_client::ActionKind::Signal
    );
}
