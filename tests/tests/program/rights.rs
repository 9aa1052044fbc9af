//! The rights of citizens (`docs/design.md`, "Rights"): entrenched articles need the
//! supermajority, a change of the rules is judged by the stricter bar, and an expulsion runs
//! its minimum vote with the member named able to answer.

use netstate::constants::MIN_EXPULSION_VOTING_SECS;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, GovernanceParams, Proposal, ProposalAction, ProposalStatus, VoteChoice,
    events, instructions as ix, pda,
};
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// A society called `name` under `governance`, with the founder and `n` more citizens.
async fn society(
    fx: &mut Fixture,
    name: &str,
    governance: GovernanceParams,
    n: usize,
) -> (TestSociety, Vec<Keypair>) {
    let founder = fx.wallet().await;
    let mut args = society_args(name, AdmissionPolicy::Open);
    args.governance = Some(governance);
    fx.send_ok(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
    )
    .await;
    let s = TestSociety {
        founder,
        address: pda::society(&PROGRAM_ID, name).0,
        program_id: PROGRAM_ID,
    };
    let mut citizens = Vec::with_capacity(n);
    for i in 0..n {
        citizens.push(s.citizen(fx, &format!("citizen{i}")).await);
    }
    (s, citizens)
}

/// Proposes `action` by the founder and has `yes` vote yes and `no` vote no; returns the
/// outcome once the vote is over.
async fn decide(
    fx: &mut Fixture,
    s: &TestSociety,
    action: ProposalAction,
    yes: &[&Keypair],
    no: &[&Keypair],
) -> (Pubkey, bool) {
    let proposal = s.propose(fx, &s.founder, action).await;
    for voter in yes {
        s.vote(fx, voter, &proposal, VoteChoice::Yes).await;
    }
    for voter in no {
        s.vote(fx, voter, &proposal, VoteChoice::No).await;
    }
    fx.warp_seconds(VOTING).await;
    let finalized: events::ProposalFinalized = s.finalize(fx, &proposal).await.event();
    (proposal, finalized.passed)
}

use anchor_lang::prelude::Pubkey;

fn amend() -> ProposalAction {
    ProposalAction::AmendConstitution {
        uri: "ipfs://QmNewCharter".into(),
        hash: [9; 32],
    }
}

#[tokio::test]
async fn constitutional_actions_need_the_supermajority_that_ordinary_ones_do_not() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, "Entrenched", GovernanceParams::default(), 4).await;
    // 3 yes, 2 no: 60%, the ordinary approval, short of two thirds.
    let (yes, no) = ([&s.founder, &c[0], &c[1]], [&c[2], &c[3]]);
    let (signal, passed) = decide(&mut fx, &s, ProposalAction::Signal, &yes, &no).await;
    assert!(passed, "60% passes an ordinary action");
    let p: Proposal = fx.account(&signal).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));

    let (charter, passed) = decide(&mut fx, &s, amend(), &yes, &no).await;
    assert!(!passed, "60% does not amend the constitution");
    let p: Proposal = fx.account(&charter).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    assert_eq!(p.status, ProposalStatus::Defeated);
    let steward = ProposalAction::SetSteward { steward: None };
    let (_, passed) = decide(&mut fx, &s, steward, &yes, &no).await;
    assert!(!passed, "60% does not end stewardship");

    // 4 yes, 1 no: 80% amends it.
    let (yes, no) = ([&s.founder, &c[0], &c[1], &c[2]], [&c[3]]);
    let (charter, passed) = decide(&mut fx, &s, amend(), &yes, &no).await;
    assert!(passed);
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &charter).await;
    fx.send_ok(&[execute], &[]).await;
    let society: netstate_client::Society = fx.account(&s.address).await;
    assert_eq!(society.constitution_uri, "ipfs://QmNewCharter");
}

#[tokio::test]
async fn a_supermajority_needs_its_own_quorum() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, "Quorate", GovernanceParams::default(), 9).await;
    // 3 of 10 vote, all yes: 30% turnout meets the 20% quorum, not the 33.34% one.
    let yes = [&s.founder, &c[0], &c[1]];
    let (_, passed) = decide(&mut fx, &s, ProposalAction::Signal, &yes, &[]).await;
    assert!(passed);
    let (_, passed) = decide(&mut fx, &s, amend(), &yes, &[]).await;
    assert!(
        !passed,
        "30% turnout is short of the supermajority's quorum"
    );
}

#[tokio::test]
async fn a_bare_majority_can_neither_lower_the_bar_and_use_it_nor_raise_it() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, "Bar", GovernanceParams::default(), 4).await;
    let current = GovernanceParams::default();
    // 60% tries to lower the supermajority to 60%, then to use it.
    let (yes, no) = ([&s.founder, &c[0], &c[1]], [&c[2], &c[3]]);
    let lower = ProposalAction::UpdateGovernance {
        params: GovernanceParams {
            supermajority_bps: 6_000,
            supermajority_quorum_bps: 2_000,
            ..current
        },
    };
    let (lowering, passed) = decide(&mut fx, &s, lower, &yes, &no).await;
    assert!(!passed, "lowering the bar is judged by the current bar");
    let p: Proposal = fx.account(&lowering).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    let (_, passed) = decide(&mut fx, &s, amend(), &yes, &no).await;
    assert!(!passed, "and the bar is still two thirds");

    // 80% tries to raise it to 90%: judged by the raised bar, it fails too.
    let (yes, no) = ([&s.founder, &c[0], &c[1], &c[2]], [&c[3]]);
    let raise = ProposalAction::UpdateGovernance {
        params: GovernanceParams {
            supermajority_bps: 9_000,
            ..current
        },
    };
    let (raising, passed) = decide(&mut fx, &s, raise, &yes, &no).await;
    assert!(!passed, "raising the bar is judged by the raised bar");
    let p: Proposal = fx.account(&raising).await;
    assert_eq!(p.approval_bps, 9_000);
    let society: netstate_client::Society = fx.account(&s.address).await;
    assert_eq!(society.governance, current, "nothing changed");
}

#[tokio::test]
async fn supermajority_parameters_out_of_range_are_refused() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let mut args = society_args("Loose", AdmissionPolicy::Open);
    args.governance = Some(GovernanceParams {
        supermajority_bps: 5_500,
        ..GovernanceParams::default()
    });
    fx.send_err(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
        NetstateError::SupermajorityOutOfRange,
    )
    .await;
    let (s, _) = society(&mut fx, "Strict", GovernanceParams::default(), 1).await;
    let action = ProposalAction::UpdateGovernance {
        params: GovernanceParams {
            supermajority_quorum_bps: 1_000,
            ..GovernanceParams::default()
        },
    };
    s.propose_refused(
        &mut fx,
        &s.founder,
        action,
        NetstateError::SupermajorityQuorumOutOfRange,
    )
    .await;
}

#[tokio::test]
async fn an_expulsion_runs_its_minimum_vote_whatever_the_rules_say() {
    let mut fx = Fixture::new().await;
    let hour = GovernanceParams {
        voting_period_secs: 3_600,
        ..GovernanceParams::default()
    };
    let (s, c) = society(&mut fx, "Hasty", hour, 3).await;
    let target = &c[2];
    let expel = ProposalAction::ExpelMember {
        wallet: target.pubkey(),
    };
    let proposal = s.propose(&mut fx, &s.founder, expel).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        p.voting_ends_at - p.created_at,
        i64::from(MIN_EXPULSION_VOTING_SECS),
        "not the society's one hour"
    );
    for voter in [&s.founder, &c[0], &c[1]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    // Every other citizen voted yes: a signal would pass now, an expulsion may not.
    let finalize = s.finalize_ix(&mut fx, &proposal).await;
    fx.send_err(
        &[finalize.clone()],
        &[],
        NetstateError::OutcomeNotYetDecided,
    )
    .await;
    fx.warp_seconds(3_600).await;
    fx.send_err(
        &[finalize.clone()],
        &[],
        NetstateError::OutcomeNotYetDecided,
    )
    .await;
    fx.warp_seconds(i64::from(MIN_EXPULSION_VOTING_SECS)).await;
    let done: events::ProposalFinalized = fx.send_ok(&[finalize], &[]).await.event();
    assert!(done.passed);
}

#[tokio::test]
async fn only_the_member_named_answers_an_expulsion_while_its_vote_is_open() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, "Heard", GovernanceParams::default(), 2).await;
    let target = &c[1];
    let expel = ProposalAction::ExpelMember {
        wallet: target.pubkey(),
    };
    let proposal = s.propose(&mut fx, &s.founder, expel).await;
    let respond = |who: &Keypair, uri: &str| {
        ix::respond_to_proposal(
            &PROGRAM_ID,
            &who.pubkey(),
            &s.address,
            &proposal,
            uri.into(),
            [7; 32],
        )
    };
    // Someone else, even a citizen, may not answer for them.
    fx.send_err(
        &[respond(&c[0], "ipfs://QmFake")],
        &[&c[0]],
        NetstateError::NotTheMemberNamed,
    )
    .await;
    fx.send_err(
        &[respond(target, &"x".repeat(129))],
        &[target],
        NetstateError::ResponseUriTooLong,
    )
    .await;
    fx.send_err(
        &[respond(target, "")],
        &[target],
        NetstateError::ResponseUriInvalid,
    )
    .await;
    let out = fx
        .send_ok(&[respond(target, "ipfs://QmMyAnswer")], &[target])
        .await;
    let filed: events::ResponseFiled = out.event();
    assert_eq!(
        (filed.wallet, filed.proposal, filed.uri.as_str()),
        (target.pubkey(), proposal, "ipfs://QmMyAnswer")
    );
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.response_uri.as_str(), p.response_hash),
        ("ipfs://QmMyAnswer", [7; 32])
    );
    assert!(p.responded_at > 0);

    // A proposal of another kind has no one to answer it.
    let signal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    let wrong = ix::respond_to_proposal(
        &PROGRAM_ID,
        &target.pubkey(),
        &s.address,
        &signal,
        "ipfs://QmX".into(),
        [1; 32],
    );
    fx.send_err(&[wrong], &[target], NetstateError::NotAnExpulsion)
        .await;
    // A proposal of another society is refused by its address.
    let (other, _) = society(&mut fx, "Elsewhere", GovernanceParams::default(), 0).await;
    let foreign = ix::respond_to_proposal(
        &PROGRAM_ID,
        &target.pubkey(),
        &other.address,
        &proposal,
        "ipfs://QmX".into(),
        [1; 32],
    );
    fx.send_err(&[foreign], &[target], NetstateError::ProposalNotInSociety)
        .await;
    // Once the vote is over, the record is closed.
    fx.warp_seconds(i64::from(MIN_EXPULSION_VOTING_SECS)).await;
    fx.send_err(
        &[respond(target, "ipfs://QmLate")],
        &[target],
        NetstateError::VotingClosed,
    )
    .await;
}

/// Dues can take a citizen's vote (a lapsed citizen has none), so setting them is an
/// entrenched article: a bare majority (3 of 5, 60%) that passes a signal does not set dues
/// (in SOL or in a token only it holds), nor lapse the minority a moment later: every grace period is
/// at least 7 days, refused by name below it, whoever sets the dues.
#[tokio::test]
async fn a_bare_majority_cannot_set_dues_and_every_grace_lasts_a_week() {
    let mut fx = Fixture::new().await;
    let (s, c) = society(&mut fx, "Dues", GovernanceParams::default(), 4).await;
    let dues = netstate_client::Dues {
        amount: 1_000_000,
        mint: None,
        period_secs: 30 * 86_400,
        grace_secs: netstate::constants::MIN_DUES_GRACE_SECS,
        since: 0,
    };
    let (yes, no) = ([&s.founder, &c[0], &c[1]], [&c[2], &c[3]]);
    let (proposal, passed) = decide(&mut fx, &s, ProposalAction::SetDues { dues }, &yes, &no).await;
    assert!(!passed, "60% does not set dues");
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    let society: netstate_client::Society = fx.account(&s.address).await;
    assert_eq!(society.dues, netstate_client::Dues::default());

    // No grace, or a day of it: refused by name, by proposal and by the steward alike.
    for grace_secs in [0, 86_400] {
        let short = netstate_client::Dues { grace_secs, ..dues };
        s.propose_refused(
            &mut fx,
            &c[0],
            ProposalAction::SetDues { dues: short },
            NetstateError::DuesGraceTooShort,
        )
        .await;
        fx.send_err(
            &[ix::set_dues(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                short,
            )],
            &[&s.founder],
            NetstateError::DuesGraceTooShort,
        )
        .await;
    }
    let society: netstate_client::Society = fx.account(&s.address).await;
    assert_eq!(society.dues, netstate_client::Dues::default());
}
