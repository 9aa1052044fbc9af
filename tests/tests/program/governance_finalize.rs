//! Closing the vote: quorum and approval, early settlement, and the timelock it starts.

use netstate::error::NetstateError;
use netstate_client::{
    GovernanceParams, Proposal, ProposalAction, ProposalStatus, VoteChoice, events,
};
use netstate_tests::governance::{DELAY, VOTING, WINDOW};
use netstate_tests::{Fixture, scenario::*};

#[tokio::test]
async fn an_undecided_vote_cannot_be_finalized_early() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 4).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    // 1 yes of 5: the four others could still pass it or sink it.
    let finalize = s.finalize_ix(&mut fx, &proposal).await;
    fx.send_err(
        &[finalize.clone()],
        &[],
        NetstateError::OutcomeNotYetDecided,
    )
    .await;
    fx.warp_seconds(VOTING - 1).await;
    fx.send_err(
        &[finalize.clone()],
        &[],
        NetstateError::OutcomeNotYetDecided,
    )
    .await;
    // At the end it is settled whatever the votes.
    fx.warp_seconds(1).await;
    let out = fx.send_ok(&[finalize.clone()], &[]).await;
    let event: events::ProposalFinalized = out.event();
    assert!(
        event.passed,
        "1 yes of 5 meets a 20% quorum and 100% approval"
    );
    // Only once.
    fx.send_err(&[finalize], &[], NetstateError::ProposalNotVoting)
        .await;
}

#[tokio::test]
async fn a_vote_settled_by_those_who_voted_is_finalized_early() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 4).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    for voter in [&s.founder, &c[0], &c[1], &c[2]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    // 4 yes of 5: even if the last votes no, 80% ≥ 60%.
    fx.warp_seconds(3_600).await;
    s.finalize(&mut fx, &proposal).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.status, ProposalStatus::Passed);
    assert_eq!(
        p.executable_at,
        fx.now() + DELAY,
        "the timelock starts when the vote is settled"
    );
    assert_eq!(p.execution_deadline, p.executable_at + WINDOW);
}

#[tokio::test]
async fn a_lost_vote_is_finalized_early_as_defeated() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 4).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    for voter in [&c[0], &c[1]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::No).await;
    }
    // 2 no of 5: if the other three vote yes, 3 of 5 = 60% meets 60%: not settled yet.
    let finalize = s.finalize_ix(&mut fx, &proposal).await;
    fx.send_err(
        &[finalize.clone()],
        &[],
        NetstateError::OutcomeNotYetDecided,
    )
    .await;
    s.vote(&mut fx, &c[2], &proposal, VoteChoice::No).await;
    // 3 no of 5: at best 2 yes, 40% < 60%.
    let out = fx.send_ok(&[finalize], &[]).await;
    let event: events::ProposalFinalized = out.event();
    assert!(!event.passed);
    assert_eq!((event.executable_at, event.execution_deadline), (0, 0));
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.status, ProposalStatus::Defeated);
}

#[tokio::test]
async fn quorum_and_approval_decide_at_the_end() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 9).await;
    // Ten citizens, quorum 20% = 2 votes, approval 60% of yes+no.
    let cases: [(&[VoteChoice], bool); 5] = [
        (&[VoteChoice::Yes], false),                          // turnout 10% < 20%
        (&[VoteChoice::Yes, VoteChoice::Abstain], true),      // 20%, 1 of 1 yes
        (&[VoteChoice::Abstain, VoteChoice::Abstain], false), // no yes at all
        (
            &[
                VoteChoice::Yes,
                VoteChoice::Yes,
                VoteChoice::Yes,
                VoteChoice::No,
                VoteChoice::No,
            ],
            true,
        ), // exactly 60%
        (
            &[
                VoteChoice::Yes,
                VoteChoice::No,
                VoteChoice::No,
                VoteChoice::Yes,
                VoteChoice::Abstain,
            ],
            false,
        ), // 50%
    ];
    for (votes, passes) in cases {
        let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
        for (voter, choice) in c.iter().zip(votes.iter()) {
            s.vote(&mut fx, voter, &proposal, *choice).await;
        }
        fx.warp_seconds(VOTING).await;
        let out = s.finalize(&mut fx, &proposal).await;
        let event: events::ProposalFinalized = out.event();
        assert_eq!(event.passed, passes, "votes {votes:?}");
    }
}

#[tokio::test]
async fn open_proposals_keep_the_rules_they_were_created_under() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let strict = GovernanceParams {
        quorum_bps: 10_000,
        approval_bps: 10_000,
        supermajority_bps: 10_000,
        supermajority_quorum_bps: 10_000,
        ..Default::default()
    };
    let update = s
        .propose(
            &mut fx,
            &s.founder,
            ProposalAction::UpdateGovernance { params: strict },
        )
        .await;
    let open = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    s.vote(&mut fx, &s.founder, &open, VoteChoice::Yes).await;
    s.pass(&mut fx, &update, &[&s.founder, &c[0]]).await;
    let execute = s.execute_ix(&mut fx, &update).await;
    fx.send_ok(&[execute], &[]).await;
    // `open` was created under 20%/60%: one yes of two still passes it (the new rules
    // would need both).
    let p: Proposal = fx.account(&open).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
    let out = s.finalize(&mut fx, &open).await;
    assert!(out.event::<events::ProposalFinalized>().passed);
    let next = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let p: Proposal = fx.account(&next).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (10_000, 10_000));
}
