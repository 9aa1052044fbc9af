//! The treasury's safety rails (`docs/design.md`, "Treasury safety rails"): an outflow cap
//! that splitting a payment does not get around, large payments judged by the supermajority,
//! and objections during the timelock that veto a passed proposal.

use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    GovernanceParams, Objection, Proposal, ProposalAction, ProposalStatus, VoteChoice, events,
    instructions as ix, pda,
};
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::tokens::{self, TOKEN, TOKEN_2022};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const LAMPORTS: u64 = 1_000_000_000;

/// A society under the default rails (20% per 7 days, large above 10%, veto at 30%) with
/// the founder and `n` citizens and `sol` in the treasury.
async fn society(fx: &mut Fixture, n: usize, sol: u64) -> (TestSociety, Vec<Keypair>) {
    let (s, c) = TestSociety::with_citizens(fx, "Solar", n).await;
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
    (s, c)
}

fn pay(amount: u64) -> ProposalAction {
    ProposalAction::TransferSol {
        recipient: Keypair::new().pubkey(),
        amount,
    }
}

/// Everyone votes yes on a new proposal of `action` and it is finalized (the timelock runs).
async fn passed(
    fx: &mut Fixture,
    s: &TestSociety,
    c: &[Keypair],
    action: ProposalAction,
) -> Pubkey {
    let proposal = s.propose(fx, &c[0], action).await;
    for voter in std::iter::once(&s.founder).chain(c.iter()) {
        s.vote(fx, voter, &proposal, VoteChoice::Yes).await;
    }
    fx.warp_seconds(VOTING).await;
    s.finalize(fx, &proposal).await;
    proposal
}

#[tokio::test]
async fn splitting_a_payment_does_not_get_past_the_outflow_cap() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 2, 10 * LAMPORTS).await;
    // Two payments of 15% each: each within the cap, together past it.
    let first = passed(&mut fx, &s, &c, pay(LAMPORTS * 3 / 2)).await;
    let second = passed(&mut fx, &s, &c, pay(LAMPORTS * 3 / 2)).await;
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &first).await;
    fx.send_ok(&[execute], &[]).await;
    let execute = s.execute_ix(&mut fx, &second).await;
    fx.send_err(&[execute.clone()], &[], NetstateError::OutflowCapExceeded)
        .await;
    let p: Proposal = fx.account(&second).await;
    assert_eq!(
        p.status,
        ProposalStatus::Passed,
        "nothing changed: it can be retried"
    );
    // As the bucket drains (20% of what was held per 7 days) it fits, inside its window.
    fx.warp_seconds(5 * 86_400).await;
    fx.send_ok(&[execute], &[]).await;
    assert!(fx.sol_outflow(&s.address).await.level >= LAMPORTS * 3 / 2);
}

#[tokio::test]
async fn token_payments_have_their_own_cap_per_mint() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 2, LAMPORTS).await;
    let issuer = fx.wallet().await;
    let mint = tokens::create_mint(&mut fx, &issuer.pubkey(), 0, &TOKEN).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    tokens::mint_to(&mut fx, &mint, &issuer, &treasury, 1_000, &TOKEN).await;
    let grant = |amount| ProposalAction::TransferToken {
        mint,
        recipient: issuer.pubkey(),
        amount,
    };
    let first = passed(&mut fx, &s, &c, grant(150)).await;
    let second = passed(&mut fx, &s, &c, grant(100)).await;
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &first).await;
    fx.send_ok(&[execute], &[]).await;
    let outflow: netstate_client::Outflow = fx
        .account(&pda::outflow(&PROGRAM_ID, &s.address, &mint).0)
        .await;
    assert_eq!((outflow.mint, outflow.counter.level), (mint, 150));
    let execute = s.execute_ix(&mut fx, &second).await;
    fx.send_err(&[execute], &[], NetstateError::OutflowCapExceeded)
        .await;
    // SOL is another asset: its own cap is untouched.
    let sol = passed(&mut fx, &s, &c, pay(LAMPORTS / 10)).await;
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &sol).await;
    fx.send_ok(&[execute], &[]).await;
}

#[tokio::test]
async fn a_large_payment_needs_the_supermajority() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 4, 10 * LAMPORTS).await;
    // 5%: an ordinary vote. 15%: above the 10% line, judged by the supermajority.
    let small = s.propose(&mut fx, &c[0], pay(LAMPORTS / 2)).await;
    let large = s.propose(&mut fx, &c[0], pay(LAMPORTS * 3 / 2)).await;
    let p: Proposal = fx.account(&small).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
    let p: Proposal = fx.account(&large).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    // 3 yes and 2 no: 60% passes the small one, not the large one.
    for proposal in [&small, &large] {
        for voter in [&s.founder, &c[0], &c[1]] {
            s.vote(&mut fx, voter, proposal, VoteChoice::Yes).await;
        }
        for voter in [&c[2], &c[3]] {
            s.vote(&mut fx, voter, proposal, VoteChoice::No).await;
        }
    }
    fx.warp_seconds(VOTING).await;
    let out = s.finalize(&mut fx, &small).await;
    assert!(out.event::<events::ProposalFinalized>().passed);
    let out = s.finalize(&mut fx, &large).await;
    assert!(!out.event::<events::ProposalFinalized>().passed);
    // A token payment from a vault that is not the treasury's is refused.
    let issuer = fx.wallet().await;
    let mint = tokens::create_mint(&mut fx, &issuer.pubkey(), 0, &TOKEN).await;
    let action = ProposalAction::TransferToken {
        mint,
        recipient: issuer.pubkey(),
        amount: 1,
    };
    let (mut create, _) = s.propose_ix(&mut fx, &c[0].pubkey(), action).await;
    let decoy = tokens::ata(&mut fx, &issuer.pubkey(), &mint, &TOKEN).await;
    let vault = tokens::ata_address(&pda::treasury(&PROGRAM_ID, &s.address).0, &mint, &TOKEN);
    let at = position(&create, &vault);
    create.accounts[at].pubkey = decoy;
    fx.send_err(&[create], &[&c[0]], NetstateError::TreasuryVaultMismatch)
        .await;
}

/// New contribution tokens hand over a share of everything an exit pays: minting `amount`
/// to a supply of `supply` moves amount / (supply + amount) of it. Above the large-payment
/// line that is a large payment, judged by the supermajority: 3 of 5 cannot mint themselves
/// a million tokens and walk out with the treasury; a small mint stays an ordinary vote.
#[tokio::test]
async fn a_mint_that_hands_over_the_treasury_is_a_large_payment() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 4, 10 * LAMPORTS).await;
    let mint = Keypair::new();
    fx.send_ok(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &mint.pubkey(),
            &tokens::TOKEN_2022,
            0,
            true,
        )],
        &[&s.founder, &mint],
    )
    .await;
    let to = |amount| ProposalAction::MintContribution {
        recipient: c[0].pubkey(),
        amount,
        vesting_secs: 0,
    };
    // The first mint hands over everything an exit pays: all five agree to it.
    let first = s.propose(&mut fx, &c[0], to(100)).await;
    let p: Proposal = fx.account(&first).await;
    assert_eq!(p.approval_bps, 6_666, "the first mint is large");
    let all = [&s.founder, &c[0], &c[1], &c[2], &c[3]];
    s.pass(&mut fx, &first, &all).await;
    let execute = s
        .execute_ix_with(&mut fx, &first, &tokens::TOKEN_2022)
        .await;
    fx.send_ok(&[execute], &[]).await;

    let (yes, no) = ([&s.founder, &c[0], &c[1]], [&c[2], &c[3]]);
    // 5 more to a supply of 100: under 5%, an ordinary vote that 60% passes.
    let small = s.propose(&mut fx, &c[0], to(5)).await;
    let p: Proposal = fx.account(&small).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
    // A million: 99.99% of what exits pay, judged by the supermajority, which 60% is not.
    let grab = s.propose(&mut fx, &c[1], to(1_000_000)).await;
    let p: Proposal = fx.account(&grab).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    for proposal in [&small, &grab] {
        for voter in yes {
            s.vote(&mut fx, voter, proposal, VoteChoice::Yes).await;
        }
        for voter in no {
            s.vote(&mut fx, voter, proposal, VoteChoice::No).await;
        }
    }
    fx.warp_seconds(VOTING).await;
    assert!(
        s.finalize(&mut fx, &small)
            .await
            .event::<events::ProposalFinalized>()
            .passed
    );
    assert!(
        !s.finalize(&mut fx, &grab)
            .await
            .event::<events::ProposalFinalized>()
            .passed
    );

    // Another mint named as the subject is refused by name.
    let (mut create, _) = s.propose_ix(&mut fx, &c[0].pubkey(), to(1)).await;
    let decoy = tokens::create_mint(&mut fx, &c[0].pubkey(), 0, &TOKEN).await;
    let subject = create
        .accounts
        .iter()
        .position(|a| a.pubkey == mint.pubkey())
        .expect("the contribution mint is the subject");
    create.accounts[subject].pubkey = decoy;
    fx.send_err(&[create], &[&c[0]], NetstateError::SubjectMismatch)
        .await;
}

/// A payment's size is judged against what the treasury holds and has not set aside for
/// passed payments: a bare majority that splits a large payment in parts below the 10%
/// line meets the supermajority once the first parts passed.
#[tokio::test]
async fn a_split_payment_is_judged_against_what_is_not_already_set_aside() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 4, 10 * LAMPORTS).await;
    let first = s.propose(&mut fx, &c[0], pay(LAMPORTS * 9 / 10)).await;
    let p: Proposal = fx.account(&first).await;
    assert_eq!(p.approval_bps, 6_000, "9% of the treasury is ordinary");
    for voter in [&s.founder, &c[0], &c[1]] {
        s.vote(&mut fx, voter, &first, VoteChoice::Yes).await;
    }
    for voter in [&c[2], &c[3]] {
        s.vote(&mut fx, voter, &first, VoteChoice::No).await;
    }
    fx.warp_seconds(VOTING).await;
    assert!(
        s.finalize(&mut fx, &first)
            .await
            .event::<events::ProposalFinalized>()
            .passed
    );
    assert_eq!(
        fx.exit_basket(&s.address).await.reserved_lamports,
        LAMPORTS * 9 / 10
    );
    // The second part, 9.5% of the whole but above 10% of what is not set aside.
    let second = s.propose(&mut fx, &c[0], pay(LAMPORTS * 95 / 100)).await;
    let p: Proposal = fx.account(&second).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    for voter in [&s.founder, &c[0], &c[1]] {
        s.vote(&mut fx, voter, &second, VoteChoice::Yes).await;
    }
    for voter in [&c[2], &c[3]] {
        s.vote(&mut fx, voter, &second, VoteChoice::No).await;
    }
    fx.warp_seconds(VOTING).await;
    assert!(
        !s.finalize(&mut fx, &second)
            .await
            .event::<events::ProposalFinalized>()
            .passed
    );
    assert_eq!(
        fx.exit_basket(&s.address).await.reserved_lamports,
        LAMPORTS * 9 / 10
    );
}

#[tokio::test]
async fn objections_of_the_electorate_veto_a_passed_proposal_during_its_timelock() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 9, 10 * LAMPORTS).await;
    let stranger = s.citizen(&mut fx, "late").await;
    // Ten citizens at creation, the stranger admitted before it: eleven in its electorate.
    let proposal = s.propose(&mut fx, &c[0], pay(LAMPORTS)).await;
    let newcomer = s.citizen(&mut fx, "newcomer").await;
    let object =
        |who: &Keypair| ix::object_to_proposal(&PROGRAM_ID, &who.pubkey(), &s.address, &proposal);
    // Not before it passed.
    fx.send_err(
        &[object(&c[1])],
        &[&c[1]],
        NetstateError::ObjectionWindowClosed,
    )
    .await;
    for voter in [&s.founder, &c[0], &c[1], &c[2], &c[3], &c[4]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    assert_eq!(fx.exit_basket(&s.address).await.reserved_lamports, LAMPORTS);
    // Outside the electorate: admitted after the proposal was made.
    fx.send_err(
        &[object(&newcomer)],
        &[&newcomer],
        NetstateError::NotEligibleToVote,
    )
    .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.eligible_count, 11);
    // 30% of 11 is 3.3: the fourth objection vetoes it. Once per wallet.
    for (i, who) in [&c[5], &c[6], &stranger].into_iter().enumerate() {
        let out = fx.send_ok(&[object(who)], &[who]).await;
        let e: events::ProposalObjected = out.event();
        assert_eq!((e.objections, e.vetoed), (i as u32 + 1, false));
    }
    fx.send_err(
        &[object(&c[5])],
        &[&c[5]],
        NetstateError::AccountAlreadyExists,
    )
    .await;
    let out = fx.send_ok(&[object(&c[7])], &[&c[7]]).await;
    assert!(out.event::<events::ProposalObjected>().vetoed);
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.status, ProposalStatus::Vetoed);
    assert_eq!(
        fx.exit_basket(&s.address).await.reserved_lamports,
        0,
        "what it set aside is free again"
    );
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(&[execute], &[], NetstateError::ProposalVetoed)
        .await;

    // The records close, rent back to each objector, and then the proposal.
    fx.send_err(
        &[ix::close_proposal(
            &PROGRAM_ID,
            &s.address,
            &proposal,
            &c[0].pubkey(),
        )],
        &[],
        NetstateError::VoteRecordsStillOpen,
    )
    .await;
    for voter in [&s.founder, &c[0], &c[1], &c[2], &c[3], &c[4]] {
        fx.send_ok(
            &[ix::close_vote(
                &PROGRAM_ID,
                &s.address,
                &proposal,
                &voter.pubkey(),
            )],
            &[],
        )
        .await;
    }
    fx.send_err(
        &[ix::close_proposal(
            &PROGRAM_ID,
            &s.address,
            &proposal,
            &c[0].pubkey(),
        )],
        &[],
        NetstateError::ObjectionsStillOpen,
    )
    .await;
    for who in [&c[5], &c[6], &stranger, &c[7]] {
        let record = pda::objection(&PROGRAM_ID, &proposal, &who.pubkey()).0;
        let o: Objection = fx.account(&record).await;
        assert_eq!(o.objector, who.pubkey());
        let before = fx.balance(&who.pubkey()).await;
        fx.send_ok(
            &[ix::close_objection(
                &PROGRAM_ID,
                &s.address,
                &proposal,
                &who.pubkey(),
            )],
            &[],
        )
        .await;
        assert!(fx.balance(&who.pubkey()).await > before);
    }
    fx.send_ok(
        &[ix::close_proposal(
            &PROGRAM_ID,
            &s.address,
            &proposal,
            &c[0].pubkey(),
        )],
        &[],
    )
    .await;
}

#[tokio::test]
async fn objections_after_the_timelock_are_refused_and_records_wait_for_the_end() {
    let mut fx = Fixture::new().await;
    // Five citizens: one objection (20%) does not veto.
    let (s, c) = society(&mut fx, 4, 10 * LAMPORTS).await;
    let proposal = passed(&mut fx, &s, &c, pay(LAMPORTS / 2)).await;
    fx.warp_seconds(DELAY).await;
    let object = ix::object_to_proposal(&PROGRAM_ID, &c[1].pubkey(), &s.address, &proposal);
    fx.send_err(&[object], &[&c[1]], NetstateError::ObjectionWindowClosed)
        .await;
    // An objection record cannot be closed while the proposal is not final.
    let other = passed(&mut fx, &s, &c, pay(LAMPORTS / 4)).await;
    fx.send_ok(
        &[ix::object_to_proposal(
            &PROGRAM_ID,
            &c[1].pubkey(),
            &s.address,
            &other,
        )],
        &[&c[1]],
    )
    .await;
    fx.send_err(
        &[ix::close_objection(
            &PROGRAM_ID,
            &s.address,
            &other,
            &c[1].pubkey(),
        )],
        &[],
        NetstateError::ProposalNotFinal,
    )
    .await;
    // Governance out of range is refused by name.
    let founder = fx.wallet().await;
    for (params, error) in [
        (
            GovernanceParams {
                outflow_cap_bps: 0,
                ..Default::default()
            },
            NetstateError::OutflowCapOutOfRange,
        ),
        (
            GovernanceParams {
                outflow_window_secs: 60,
                ..Default::default()
            },
            NetstateError::OutflowWindowOutOfRange,
        ),
        (
            GovernanceParams {
                large_transfer_bps: 10_001,
                ..Default::default()
            },
            NetstateError::LargeTransferOutOfRange,
        ),
        (
            GovernanceParams {
                veto_bps: 0,
                ..Default::default()
            },
            NetstateError::VetoOutOfRange,
        ),
    ] {
        let mut args = society_args("Loose", netstate_client::AdmissionPolicy::Open);
        args.governance = Some(params);
        fx.send_err(
            &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
            &[&founder],
            error,
        )
        .await;
    }
}

#[tokio::test]
async fn the_member_an_expulsion_names_cannot_object_to_it() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 4, LAMPORTS).await;
    let named = &c[3];
    let expel = ProposalAction::ExpelMember {
        wallet: named.pubkey(),
    };
    let proposal = s.propose(&mut fx, &c[0], expel).await;
    for voter in [&s.founder, &c[0], &c[1], &c[2]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    let expulsion_vote = i64::from(netstate::constants::MIN_EXPULSION_VOTING_SECS);
    fx.warp_seconds(VOTING.max(expulsion_vote)).await;
    s.finalize(&mut fx, &proposal).await;
    let object =
        |who: &Keypair| ix::object_to_proposal(&PROGRAM_ID, &who.pubkey(), &s.address, &proposal);
    // In the timelock, the named member would be judging their own case.
    fx.send_err(
        &[object(named)],
        &[named],
        NetstateError::NamedMemberCannotObject,
    )
    .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.objections, 0);
    let record = netstate_client::pda::objection(&PROGRAM_ID, &proposal, &named.pubkey()).0;
    assert!(fx.raw_account(&record).await.is_none());
    // Any other citizen of the electorate still may.
    let out = fx.send_ok(&[object(&c[1])], &[&c[1]]).await;
    let e: events::ProposalObjected = out.event();
    assert_eq!((e.objections, e.vetoed), (1, false));
}

/// Issue 23, class 10: under the default rails (20% of the treasury per 7 days) a payment
/// that passes is set aside only if every reservation can still leave through the rails
/// before it expires (one full bucket now and one per window until its deadline, 8 days
/// after the vote ends by default: 20% × (1 + 8/7) ≈ 42.9%). Four payments of 10% fit; the
/// fifth passes the vote and is unfunded.
#[tokio::test]
async fn reservations_stay_within_what_the_rails_pay_before_the_payments_expire() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 2, 10 * LAMPORTS).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let held = fx.balance(&treasury).await - fx.rent_exempt(0).await;
    let tenth = held / 10;
    for i in 0..4 {
        passed(&mut fx, &s, &c, pay(tenth)).await;
        assert_eq!(
            fx.exit_basket(&s.address).await.reserved_lamports,
            (i + 1) * tenth
        );
    }
    let fifth = s.propose(&mut fx, &c[0], pay(tenth)).await;
    for voter in std::iter::once(&s.founder).chain(c.iter()) {
        s.vote(&mut fx, voter, &fifth, VoteChoice::Yes).await;
    }
    fx.warp_seconds(VOTING).await;
    let out = s.finalize(&mut fx, &fifth).await;
    let finalized: events::ProposalFinalized = out.event();
    assert_eq!((finalized.passed, finalized.unfunded), (false, true));
    assert_eq!(
        (finalized.executable_at, finalized.execution_deadline),
        (0, 0)
    );
    let p: Proposal = fx.account(&fifth).await;
    assert_eq!(p.status, ProposalStatus::Unfunded);
    assert_eq!(
        fx.exit_basket(&s.address).await.reserved_lamports,
        4 * tenth
    );
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &fifth).await;
    fx.send_err(&[execute], &[], NetstateError::ProposalUnfunded)
        .await;
}

/// Issue 23, class 4: everything that leaves the treasury is an outflow, exits included.
/// Under the default rails (20% per 7 days) an exit for half the treasury is refused by name
/// and changes nothing; a tenth passes and fills half the bucket; more waits for it to drain.
/// So a majority that mints itself tokens cannot empty the treasury in one transaction.
#[tokio::test]
async fn exits_count_against_the_outflow_rails() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 2, 10 * LAMPORTS).await;
    let mint = Keypair::new();
    fx.send_ok(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &mint.pubkey(),
            &TOKEN_2022,
            0,
            true,
        )],
        &[&s.founder, &mint],
    )
    .await;
    for to in [&c[0], &c[1]] {
        let grant = ProposalAction::MintContribution {
            recipient: to.pubkey(),
            amount: 50,
            vesting_secs: 0,
        };
        let proposal = passed(&mut fx, &s, &c, grant).await;
        fx.warp_seconds(DELAY).await;
        let execute = s.execute_ix_with(&mut fx, &proposal, &TOKEN_2022).await;
        fx.send_ok(&[execute], &[]).await;
    }
    let exit = |amount: u64| {
        ix::exit_with_share(
            &PROGRAM_ID,
            &c[1].pubkey(),
            &s.address,
            &mint.pubkey(),
            &[],
            amount,
            0,
        )
    };
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let before = fx.balance(&treasury).await;
    fx.send_err(&exit(50), &[&c[1]], NetstateError::OutflowCapExceeded)
        .await;
    assert_eq!(fx.balance(&treasury).await, before, "nothing left");
    let share: netstate_client::Share = fx
        .account(&pda::share(&PROGRAM_ID, &s.address, &c[1].pubkey()).0)
        .await;
    assert_eq!(share.exited, 0);

    let out = fx.send_ok(&exit(10), &[&c[1]]).await;
    let exited: events::ExitedWithShare = out.event();
    let spendable = before - fx.rent_exempt(0).await;
    assert_eq!(exited.lamports, spendable / 10);
    assert_eq!(fx.sol_outflow(&s.address).await.level, exited.lamports);
    // A second tenth of what is left would pass the cap now...
    fx.send_err(&exit(15), &[&c[1]], NetstateError::OutflowCapExceeded)
        .await;
    // ...and fits once the bucket has drained.
    fx.warp_seconds(7 * 86_400).await;
    fx.send_ok(&exit(15), &[&c[1]]).await;
}

/// A payment counts only in its own society's exit basket and SOL rails: another society's
/// basket or SOL Outflow in their place is refused by its seeds (`ConstraintSeeds`), nothing
/// of either society changes, and the honest execution then releases the reservation and
/// fills this society's bucket.
#[tokio::test]
async fn a_payment_counts_only_in_its_own_societys_basket_and_rails() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, 2, 10 * LAMPORTS).await;
    let (other, _) = TestSociety::with_citizens(&mut fx, "Lunar", 1).await;
    let payment = passed(&mut fx, &s, &c, pay(LAMPORTS)).await;
    fx.warp_seconds(DELAY).await;
    let honest = s.execute_ix(&mut fx, &payment).await;
    let swaps = [
        (
            pda::exit_basket(&PROGRAM_ID, &s.address).0,
            pda::exit_basket(&PROGRAM_ID, &other.address).0,
        ),
        (
            pda::sol_outflow(&PROGRAM_ID, &s.address).0,
            pda::sol_outflow(&PROGRAM_ID, &other.address).0,
        ),
    ];
    for (ours, theirs) in swaps {
        let at = honest
            .accounts
            .iter()
            .position(|meta| meta.pubkey == ours)
            .expect("execute_transfer_sol passes the account");
        let forged = swap_account(honest.clone(), at, &theirs);
        fx.send_err(
            &[forged],
            &[],
            anchor_lang::error::ErrorCode::ConstraintSeeds,
        )
        .await;
    }
    let p: Proposal = fx.account(&payment).await;
    assert_eq!(p.status, ProposalStatus::Passed, "nothing executed");
    assert_eq!(fx.exit_basket(&s.address).await.reserved_lamports, LAMPORTS);
    assert_eq!(fx.exit_basket(&other.address).await.reserved_lamports, 0);
    assert_eq!(fx.sol_outflow(&s.address).await.level, 0);
    assert_eq!(fx.sol_outflow(&other.address).await.level, 0);
    fx.send_ok(&[honest], &[]).await;
    assert_eq!(fx.exit_basket(&s.address).await.reserved_lamports, 0);
    assert_eq!(fx.sol_outflow(&s.address).await.level, LAMPORTS);
    assert_eq!(fx.sol_outflow(&other.address).await.level, 0);
}
