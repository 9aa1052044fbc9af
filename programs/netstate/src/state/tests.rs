//! Unit tests of the account logic (off-chain only; on-chain files hold no `unwrap`).

use super::text::*;
use super::*;
use crate::error::NetstateError;
use anchor_lang::prelude::Pubkey;

fn code(e: anchor_lang::error::Error) -> u32 {
    match e {
        anchor_lang::error::Error::AnchorError(a) => a.error_code_number,
        other => panic!("not an AnchorError: {other:?}"),
    }
}

fn is(result: anchor_lang::Result<()>, expected: NetstateError) {
    let err = result.expect_err("expected an error");
    assert_eq!(code(err), u32::from(expected), "expected {expected:?}");
}

#[test]
fn society_names_are_checked() {
    assert!(Society::validate_name("The Solar State").is_ok());
    assert!(Society::validate_name("Nação Solar ☀").is_ok());
    assert!(Society::validate_name(&"a".repeat(32)).is_ok());
    is(Society::validate_name(""), NetstateError::SocietyNameEmpty);
    is(
        Society::validate_name(&"a".repeat(33)),
        NetstateError::SocietyNameTooLong,
    );
    is(
        Society::validate_name("bad\nname"),
        NetstateError::SocietyNameNotPrintable,
    );
    is(
        Society::validate_name(" padded"),
        NetstateError::SocietyNameNotPrintable,
    );
}

#[test]
fn node_codes_are_lowercase_slugs() {
    assert!(is_code("lisbon-1_a"));
    assert!(!is_code("Lisbon"));
    assert!(!is_code("lis bon"));
    is(Node::validate_code(""), NetstateError::NodeCodeEmpty);
    is(
        Node::validate_code(&"a".repeat(17)),
        NetstateError::NodeCodeTooLong,
    );
    is(Node::validate_code("LX"), NetstateError::NodeCodeInvalid);
}

#[test]
fn default_governance_is_valid_and_bounds_are_enforced() {
    let ok = GovernanceParams::default();
    assert!(ok.validate().is_ok());
    let with = |f: &dyn Fn(&mut GovernanceParams)| {
        let mut g = ok;
        f(&mut g);
        g.validate()
    };
    is(with(&|g| g.quorum_bps = 0), NetstateError::QuorumOutOfRange);
    is(
        with(&|g| g.quorum_bps = 10_001),
        NetstateError::QuorumOutOfRange,
    );
    is(
        with(&|g| g.approval_bps = 5_000),
        NetstateError::ApprovalThresholdOutOfRange,
    );
    is(
        with(&|g| g.voting_period_secs = 3_599),
        NetstateError::VotingPeriodOutOfRange,
    );
    is(
        with(&|g| g.execution_delay_secs = 31 * 86_400),
        NetstateError::ExecutionDelayOutOfRange,
    );
    is(
        with(&|g| g.execution_window_secs = 3_600),
        NetstateError::ExecutionWindowOutOfRange,
    );
    is(
        with(&|g| g.max_open_proposals_per_citizen = 0),
        NetstateError::MaxOpenProposalsOutOfRange,
    );
}

#[test]
fn residency_counts_each_day_once_in_any_order() {
    let mut r = Residency {
        version: 0,
        bump: 0,
        node: Default::default(),
        wallet: Default::default(),
        days_present: 0,
        first_day: 0,
        last_day: 0,
        recent_days: [0; 16],
    };
    assert!(r.record_day(20_000).unwrap());
    assert!(!r.record_day(20_000).unwrap(), "the same day again");
    assert!(r.record_day(20_002).unwrap());
    // A late ticket for an earlier day counts once, and moves the first day back.
    assert!(r.record_day(19_990).unwrap());
    assert!(!r.record_day(19_990).unwrap());
    assert_eq!(
        (r.days_present, r.first_day, r.last_day),
        (3, 19_990, 20_002)
    );
    assert_eq!(r.days_within(20_002, 3), 2);
    assert_eq!(r.days_within(20_002, 128), 3);
    is(
        r.record_day(20_002 - 128).map(|_| ()),
        NetstateError::DayOutsideRecentWindow,
    );
}

#[test]
fn utc_day_uses_floor_division() {
    assert_eq!(utc_day(0).unwrap(), 0);
    assert_eq!(utc_day(86_399).unwrap(), 0);
    assert_eq!(utc_day(86_400).unwrap(), 1);
    assert!(utc_day(-1).is_err());
}

#[test]
fn counters_refuse_to_wrap() {
    is(
        super::counters::inc(u32::MAX).map(drop),
        NetstateError::CounterOverflow,
    );
    is(
        super::counters::dec(0).map(drop),
        NetstateError::CounterUnderflow,
    );
}

#[test]
fn seed_bytes_never_exceeds_32() {
    use crate::constants::seed_bytes;
    assert_eq!(seed_bytes(&"x".repeat(40)).len(), 32);
    assert_eq!(seed_bytes("lisbon"), b"lisbon");
}

#[test]
fn account_sizes_stay_within_budget() {
    use anchor_lang::Space;
    // With the recent-days bitmaps and what dues are paid until: Member within 248 bytes,
    // Residency within 110.
    const { assert!(8 + Member::INIT_SPACE <= 248) };
    const { assert!(8 + Residency::INIT_SPACE <= 110) };
    const { assert!(8 + VoteRecord::INIT_SPACE <= 90) };
}

/// The sizes docs/design.md reports; a layout change must update both.
#[test]
fn account_sizes_match_the_design_doc() {
    use anchor_lang::Space;
    let sizes = [
        ("Society", 8 + Society::INIT_SPACE),
        ("ExitBasket", 8 + crate::state::ExitBasket::INIT_SPACE),
        ("Member", 8 + Member::INIT_SPACE),
        ("Sponsorship", 8 + Sponsorship::INIT_SPACE),
        ("Node", 8 + Node::INIT_SPACE),
        ("Residency", 8 + Residency::INIT_SPACE),
        ("Proposal", 8 + Proposal::INIT_SPACE),
        ("VoteRecord", 8 + VoteRecord::INIT_SPACE),
        ("Country", 8 + Country::INIT_SPACE),
        ("Census", 8 + Census::INIT_SPACE),
        ("Treaty", 8 + Treaty::INIT_SPACE),
        ("Visitor", 8 + Visitor::INIT_SPACE),
        ("Share", 8 + Share::INIT_SPACE),
        ("Grant", 8 + Grant::INIT_SPACE),
        ("Objection", 8 + Objection::INIT_SPACE),
        ("Outflow", 8 + Outflow::INIT_SPACE),
        ("NodeBudget", 8 + crate::state::NodeBudget::INIT_SPACE),
    ];
    let doc = include_str!("../../../../docs/design.md");
    let missing: Vec<String> = sizes
        .iter()
        .map(|(name, size)| format!("| {name} | {size} | {} |", (128 + *size as u64) * 6_960))
        .filter(|row| !doc.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/design.md lacks the rows {missing:#?}"
    );
}

fn consistent_society() -> Society {
    Society {
        version: crate::constants::ACCOUNT_VERSION,
        bump: 255,
        treasury_bump: 254,
        seq: 2,
        founder: Pubkey::new_unique(),
        steward: Some(Pubkey::new_unique()),
        name: "Solar".into(),
        constitution_uri: "ipfs://QmC".into(),
        constitution_hash: [1; 32],
        admission: AdmissionPolicy::Open,
        governance: GovernanceParams::default(),
        member_count: 1,
        citizen_count: 1,
        node_count: 0,
        active_node_count: 0,
        proposal_count: 0,
        created_at: 0,
        contribution_mint: None,
        census: CensusCounters::new(20_000),
        dues: Dues::default(),
    }
}

#[test]
fn the_society_invariant_names_each_inconsistency() {
    assert!(consistent_society().invariant().is_ok());
    let broken: [fn(&mut Society); 7] = [
        |s| s.citizen_count = s.member_count + 1,
        |s| s.active_node_count = s.node_count + 1,
        |s| s.citizen_count = 0,
        |s| s.version = 0,
        |s| s.name = String::new(),
        |s| s.governance.quorum_bps = 0,
        |s| {
            s.admission = AdmissionPolicy::Sponsored {
                sponsors_required: 0,
            }
        },
    ];
    for (i, breaks) in broken.iter().enumerate() {
        let mut society = consistent_society();
        breaks(&mut society);
        assert_eq!(
            society.invariant().map_err(code),
            Err(u32::from(NetstateError::SocietyInvariantViolated)),
            "case {i}"
        );
    }
    // Without a steward, a society with no citizens left is consistent.
    let mut empty = consistent_society();
    empty.steward = None;
    empty.citizen_count = 0;
    empty.member_count = 0;
    assert!(empty.invariant().is_ok());
}

#[test]
fn ending_stewardship_only_touches_the_steward() {
    let mut society = consistent_society();
    let steward = society.steward.expect("has a steward");
    assert_eq!(society.end_stewardship_of(&Pubkey::new_unique()), None);
    assert_eq!(society.steward, Some(steward));
    assert_eq!(society.end_stewardship_of(&steward), Some(steward));
    assert_eq!(society.steward, None);
}

fn tally(yes: u32, no: u32, abstain: u32) -> Tally {
    Tally { yes, no, abstain }
}

#[test]
fn passing_needs_quorum_and_approval() {
    // 10 eligible, 20% quorum, 60% approval.
    assert!(!passes(&tally(1, 0, 0), 10, 2_000, 6_000), "turnout 10%");
    assert!(
        passes(&tally(1, 0, 1), 10, 2_000, 6_000),
        "turnout 20%, 100% yes"
    );
    assert!(passes(&tally(3, 2, 0), 10, 2_000, 6_000), "exactly 60%");
    assert!(!passes(&tally(2, 2, 0), 10, 2_000, 6_000), "50%");
    assert!(!passes(&tally(0, 0, 10), 10, 2_000, 6_000), "no yes at all");
    // No overflow at the extremes.
    assert!(passes(&tally(u32::MAX, 0, 0), u32::MAX, 10_000, 10_000));
}

fn voting_proposal(eligible: u32, t: Tally) -> Proposal {
    Proposal {
        version: 1,
        bump: 255,
        society: Default::default(),
        index: 0,
        proposer: Default::default(),
        proposer_applied_seq: 0,
        title: "t".into(),
        description_uri: String::new(),
        description_hash: [0; 32],
        action: ProposalAction::Signal,
        status: ProposalStatus::Voting,
        tally: t,
        eligible_count: eligible,
        open_vote_records: 0,
        quorum_bps: 2_000,
        approval_bps: 6_000,
        execution_delay_secs: 100,
        execution_window_secs: 1_000,
        created_seq: 1,
        created_slot: 5,
        created_at: 0,
        voting_ends_at: 10_000,
        finalized_at: 0,
        executable_at: 0,
        execution_deadline: 0,
        executed_at: 0,
        response_uri: String::new(),
        response_hash: [0; 32],
        responded_at: 0,
        objections: 0,
        open_objections: 0,
        veto_bps: 3_000,
    }
}

#[test]
fn early_settlement_only_when_the_rest_cannot_change_it() {
    assert_eq!(
        voting_proposal(5, tally(4, 0, 0)).settled_outcome(0),
        Some(true)
    );
    assert_eq!(
        voting_proposal(5, tally(3, 0, 0)).settled_outcome(0),
        Some(true),
        "3 of 5 even if 2 say no"
    );
    assert_eq!(
        voting_proposal(5, tally(2, 0, 0)).settled_outcome(0),
        None,
        "2 yes, 3 no would fail"
    );
    assert_eq!(
        voting_proposal(5, tally(0, 3, 0)).settled_outcome(0),
        Some(false)
    );
    assert_eq!(
        voting_proposal(5, tally(0, 2, 0)).settled_outcome(0),
        None,
        "3 yes, 2 no is 60%"
    );
    // At the end, whatever the votes.
    assert_eq!(
        voting_proposal(5, tally(0, 0, 0)).settled_outcome(10_000),
        Some(false)
    );
    assert_eq!(
        voting_proposal(5, tally(1, 0, 0)).settled_outcome(10_000),
        Some(true)
    );
}

#[test]
fn finalizing_sets_the_timelock_from_the_end_of_the_vote() {
    let mut early = voting_proposal(5, tally(4, 0, 0));
    assert!(early.finalize(500).unwrap());
    assert_eq!(
        (early.executable_at, early.execution_deadline),
        (600, 1_600)
    );
    let mut late = voting_proposal(5, tally(1, 0, 0));
    assert!(late.finalize(50_000).unwrap());
    assert_eq!(
        late.executable_at, 10_100,
        "from the scheduled end, not the late finalize"
    );
    is(
        late.finalize(50_001).map(|_| ()),
        NetstateError::ProposalNotVoting,
    );
}

#[test]
fn execution_gate_names_each_refusal() {
    let mut p = voting_proposal(5, tally(4, 0, 0));
    is(
        p.require_executable(0, 9),
        NetstateError::ProposalNotFinalized,
    );
    p.finalize(500).unwrap();
    is(
        p.require_executable(599, 9),
        NetstateError::ProposalNotYetExecutable,
    );
    is(
        p.require_executable(600, 5),
        NetstateError::ProposalNotYetExecutable,
    );
    assert!(p.require_executable(600, 6).is_ok());
    assert!(p.require_executable(1_599, 6).is_ok());
    is(
        p.require_executable(1_600, 6),
        NetstateError::ProposalExpired,
    );
    assert!(p.is_final(1_600) && !p.is_final(1_599));
    p.mark_executed(700);
    is(
        p.require_executable(700, 9),
        NetstateError::ProposalAlreadyExecuted,
    );
}

#[test]
fn changing_a_vote_moves_exactly_one_count() {
    let mut p = voting_proposal(5, Tally::default());
    p.record_vote(None, VoteChoice::Yes).unwrap();
    p.record_vote(Some(VoteChoice::Yes), VoteChoice::No)
        .unwrap();
    assert_eq!((p.tally, p.open_vote_records), (tally(0, 1, 0), 1));
    is(
        p.record_vote(Some(VoteChoice::No), VoteChoice::No),
        NetstateError::VoteUnchanged,
    );
}

#[test]
fn constitutional_actions_take_the_supermajority_and_its_quorum() {
    let params = GovernanceParams::default();
    let someone = Pubkey::new_unique();
    let constitutional = [
        ProposalAction::AmendConstitution {
            uri: "ipfs://x".into(),
            hash: [1; 32],
        },
        ProposalAction::ExpelMember { wallet: someone },
        ProposalAction::SetSteward { steward: None },
        ProposalAction::WithdrawTreaty { partner: someone },
    ];
    for action in constitutional {
        assert!(action.is_constitutional(), "{action:?}");
        assert_eq!(
            action.thresholds(&params),
            (params.supermajority_quorum_bps, params.supermajority_bps),
            "{action:?}"
        );
    }
    let ordinary = [
        ProposalAction::Signal,
        ProposalAction::TransferSol {
            recipient: someone,
            amount: 1,
        },
        ProposalAction::AdmitMember { wallet: someone },
    ];
    for action in ordinary {
        assert!(!action.is_constitutional(), "{action:?}");
        assert_eq!(
            action.thresholds(&params),
            (params.quorum_bps, params.approval_bps)
        );
    }
}

#[test]
fn a_governance_change_is_judged_by_the_stricter_supermajority() {
    let current = GovernanceParams::default();
    // Lowering the bar is judged by the current bar...
    let lower = GovernanceParams {
        supermajority_bps: 5_001,
        supermajority_quorum_bps: 2_000,
        ..current
    };
    let change = ProposalAction::UpdateGovernance { params: lower };
    assert_eq!(change.thresholds(&current), (3_334, 6_666));
    // ...and raising it by the new one, so a bare majority cannot lock itself in.
    let higher = GovernanceParams {
        supermajority_bps: 9_000,
        supermajority_quorum_bps: 8_000,
        ..current
    };
    let change = ProposalAction::UpdateGovernance { params: higher };
    assert_eq!(change.thresholds(&current), (8_000, 9_000));
    // Two of three yes pass the default two-thirds; 66.6% of 1 000 voters do not.
    assert!(passes(&tally(2, 1, 0), 3, 3_334, 6_666));
    assert!(!passes(&tally(665, 335, 0), 1_000, 3_334, 6_666));
}

#[test]
fn supermajority_parameters_are_checked() {
    let ok = GovernanceParams::default();
    assert!(ok.validate().is_ok());
    is(
        GovernanceParams {
            supermajority_bps: ok.approval_bps - 1,
            ..ok
        }
        .validate(),
        NetstateError::SupermajorityOutOfRange,
    );
    is(
        GovernanceParams {
            supermajority_bps: 10_001,
            ..ok
        }
        .validate(),
        NetstateError::SupermajorityOutOfRange,
    );
    is(
        GovernanceParams {
            supermajority_quorum_bps: ok.quorum_bps - 1,
            ..ok
        }
        .validate(),
        NetstateError::SupermajorityQuorumOutOfRange,
    );
    is(
        GovernanceParams {
            supermajority_quorum_bps: 10_001,
            ..ok
        }
        .validate(),
        NetstateError::SupermajorityQuorumOutOfRange,
    );
}

#[test]
fn an_expulsion_runs_its_minimum_and_never_passes_early() {
    let member = Pubkey::new_unique();
    let expel = ProposalAction::ExpelMember { wallet: member };
    let short = GovernanceParams {
        voting_period_secs: 3_600,
        ..GovernanceParams::default()
    };
    assert_eq!(
        expel.voting_period_secs(&short),
        crate::constants::MIN_EXPULSION_VOTING_SECS
    );
    assert_eq!(ProposalAction::Signal.voting_period_secs(&short), 3_600);
    let mut p = voting_proposal(5, tally(5, 0, 0));
    assert_eq!(p.settled_outcome(0), Some(true), "a signal passes early");
    p.action = expel;
    assert_eq!(p.settled_outcome(0), None, "an expulsion waits for the end");
    assert_eq!(p.settled_outcome(10_000), Some(true));
    // It can still fail early: that only helps the member.
    let mut lost = voting_proposal(5, tally(0, 5, 0));
    lost.action = ProposalAction::ExpelMember { wallet: member };
    assert_eq!(lost.settled_outcome(0), Some(false));
}

#[test]
fn only_the_member_named_answers_an_open_expulsion() {
    let member = Pubkey::new_unique();
    let mut p = voting_proposal(5, tally(0, 0, 0));
    p.action = ProposalAction::ExpelMember { wallet: member };
    is(
        p.respond(&Pubkey::new_unique(), "ipfs://x".into(), [1; 32], 5),
        NetstateError::NotTheMemberNamed,
    );
    is(
        p.respond(&member, String::new(), [1; 32], 5),
        NetstateError::ResponseUriInvalid,
    );
    is(
        p.respond(&member, "x".repeat(129), [1; 32], 5),
        NetstateError::ResponseUriTooLong,
    );
    assert!(p
        .respond(&member, "ipfs://answer".into(), [7; 32], 5)
        .is_ok());
    assert!(p
        .respond(&member, "ipfs://answer-2".into(), [8; 32], 6)
        .is_ok());
    assert_eq!(
        (p.response_uri.as_str(), p.response_hash, p.responded_at),
        ("ipfs://answer-2", [8; 32], 6)
    );
    is(
        p.respond(&member, "ipfs://late".into(), [9; 32], 10_000),
        NetstateError::VotingClosed,
    );
    let mut signal = voting_proposal(5, tally(0, 0, 0));
    is(
        signal.respond(&member, "ipfs://x".into(), [1; 32], 5),
        NetstateError::NotAnExpulsion,
    );
}

#[test]
fn an_exit_takes_its_fraction_rounded_down() {
    assert_eq!(pro_rata(1_000, 1, 3).expect("share"), 333);
    assert_eq!(pro_rata(1_000, 3, 3).expect("all"), 1_000);
    assert_eq!(
        pro_rata(u64::MAX, u64::MAX, u64::MAX).expect("no overflow"),
        u64::MAX
    );
    is(
        pro_rata(1_000, 0, 3).map(|_| ()),
        NetstateError::ExitExceedsBalance,
    );
    is(
        pro_rata(1_000, 4, 3).map(|_| ()),
        NetstateError::ExitExceedsBalance,
    );
}

#[test]
fn a_grant_vests_linearly_and_never_more() {
    let grant = Grant {
        version: 1,
        bump: 255,
        society: Pubkey::new_unique(),
        proposal: Pubkey::new_unique(),
        recipient: Pubkey::new_unique(),
        payer: Pubkey::new_unique(),
        amount: 1_000,
        released: 100,
        start: 1_000,
        duration_secs: 100,
    };
    assert_eq!(grant.vested(900).expect("before"), 0);
    assert_eq!(grant.vested(1_000).expect("start"), 0);
    assert_eq!(grant.vested(1_033).expect("a third"), 330);
    assert_eq!(grant.releasable(1_033).expect("less released"), 230);
    assert_eq!(grant.releasable(1_005).expect("behind"), 0);
    assert_eq!(grant.vested(5_000).expect("after"), 1_000);
}

#[test]
fn the_basket_sets_aside_passed_payments_and_releases_them_where_it_took_them() {
    let usdc = Pubkey::new_unique();
    let other = Pubkey::new_unique();
    let mut basket = ExitBasket::default();
    basket.mints[1] = usdc;
    let pay_sol = ProposalAction::TransferSol {
        recipient: Pubkey::new_unique(),
        amount: 50,
    };
    let pay_usdc = ProposalAction::TransferToken {
        mint: usdc,
        recipient: Pubkey::new_unique(),
        amount: 7,
    };
    let pay_other = ProposalAction::TransferToken {
        mint: other,
        recipient: Pubkey::new_unique(),
        amount: 9,
    };
    for action in [&pay_sol, &pay_usdc, &pay_other] {
        basket.reserve(action).expect("reserve");
    }
    assert_eq!(
        (
            basket.reserved_lamports,
            basket.reserved_tokens,
            basket.pending_token_grants
        ),
        (50, [0, 7, 0, 0], 2)
    );
    // A reserved slot cannot change, and no mint joins while token payments are pending.
    let mut moved = basket.mints;
    moved[1] = Pubkey::default();
    is(
        basket.validate_change(&moved, None),
        NetstateError::ExitBasketSlotReserved,
    );
    let mut added = basket.mints;
    added[0] = other;
    is(
        basket.validate_change(&added, None),
        NetstateError::TokenGrantsPending,
    );
    for action in [&pay_sol, &pay_usdc, &pay_other] {
        basket.release(action).expect("release");
    }
    assert_eq!(
        basket,
        ExitBasket {
            mints: basket.mints,
            ..ExitBasket::default()
        }
    );
    assert!(basket.validate_change(&added, None).is_ok());
    is(
        basket.validate_change(&[usdc, usdc, Pubkey::default(), Pubkey::default()], None),
        NetstateError::ExitBasketDuplicateMint,
    );
    is(
        basket.validate_change(&added, Some(other)),
        NetstateError::ExitBasketHasContributionMint,
    );
}

#[test]
fn the_outflow_cap_fills_and_drains() {
    let mut c = OutflowCounter::default();
    let (cap, window) = (2_000, 100);
    // 20% of 1 000: 200 may leave, in parts.
    assert!(c.spend(150, 1_000, 1_000, cap, window).is_ok());
    assert!(c.spend(50, 850, 1_000, cap, window).is_ok());
    is(
        c.spend(1, 800, 1_000, cap, window),
        NetstateError::OutflowCapExceeded,
    );
    assert_eq!(c.level, 200);
    // Half a window later half of it drained: 100 remain of what the treasury held before
    // them (800 + 100), whose 20% is 180, so 80 more may leave, not 81.
    is(
        c.spend(81, 800, 1_050, cap, window),
        NetstateError::OutflowCapExceeded,
    );
    assert!(c.spend(80, 800, 1_050, cap, window).is_ok());
    assert_eq!((c.level, c.updated_at), (180, 1_050));
    // A whole window later it is empty: 20% of what is held now, and no more.
    is(
        c.spend(145, 720, 1_150, cap, window),
        NetstateError::OutflowCapExceeded,
    );
    assert!(c.spend(144, 720, 1_150, cap, window).is_ok());
    assert_eq!(c.level, 144);
}

#[test]
fn objections_of_the_veto_share_veto_a_passed_proposal_in_its_timelock_only() {
    let mut p = voting_proposal(10, tally(6, 0, 0));
    is(
        p.object(1).map(|_| ()),
        NetstateError::ObjectionWindowClosed,
    );
    p.finalize(10_000).expect("passes");
    assert_eq!(p.executable_at, 10_100);
    assert!(!p.object(10_000).expect("first"), "1 of 10 is short of 30%");
    assert!(!p.object(10_001).expect("second"));
    assert!(p.object(10_002).expect("third"), "3 of 10 is 30%");
    assert_eq!(p.status, ProposalStatus::Vetoed);
    assert!(p.is_final(10_002));
    is(
        p.require_executable(10_200, 99),
        NetstateError::ProposalVetoed,
    );
    let mut late = voting_proposal(10, tally(6, 0, 0));
    late.finalize(10_000).expect("passes");
    is(
        late.object(10_100).map(|_| ()),
        NetstateError::ObjectionWindowClosed,
    );
}

#[test]
fn dues_lapse_after_the_grace_period_and_payments_count_on() {
    let dues = Dues {
        amount: 5,
        mint: None,
        period_secs: 100,
        grace_secs: 10,
        since: 1_000,
    };
    assert!(dues.validate().is_err(), "a period under a day");
    let dues = Dues {
        period_secs: 86_400,
        ..dues
    };
    // A grace under the floor of 7 days is refused by name; at the floor it stands.
    assert_eq!(
        dues.validate(),
        Err(crate::error::NetstateError::DuesGraceTooShort.into())
    );
    let floor = Dues {
        grace_secs: crate::constants::MIN_DUES_GRACE_SECS,
        ..dues
    };
    assert!(floor.validate().is_ok());
    // Admitted at 2 000, never paid: lapsed after the grace from the admission.
    assert!(!dues.lapsed(0, 2_000, 2_010));
    assert!(dues.lapsed(0, 2_000, 2_011));
    // Paid until 100 000: not lapsed until 100 010.
    assert!(!dues.lapsed(100_000, 2_000, 100_010));
    assert!(dues.lapsed(100_000, 2_000, 100_011));
    // Paying counts on from what was paid, or from now once lapsed.
    assert_eq!(
        dues.paid_until_after(100_000, 2_000, 2, 99_000, false)
            .expect("on"),
        272_800
    );
    assert_eq!(
        dues.paid_until_after(100_000, 2_000, 1, 500_000, true)
            .expect("now"),
        586_400
    );
    assert_eq!(dues.cost(3).expect("cost"), 15);
    assert!(!Dues::default().lapsed(0, 0, i64::MAX), "no dues, no lapse");
}

mod properties {
    use super::super::*;
    use proptest::prelude::*;

    fn proposal(eligible: u32, tally: Tally, quorum_bps: u16, approval_bps: u16) -> Proposal {
        let mut p = super::voting_proposal(eligible, tally);
        p.quorum_bps = quorum_bps;
        p.approval_bps = approval_bps;
        p
    }

    proptest! {
        /// An outcome settled early is the outcome however the rest vote (or don't).
        #[test]
        fn early_settlement_never_disagrees_with_the_final_count(
            cast in (0u32..20, 0u32..20, 0u32..20),
            not_voted in 0u32..30,
            rest in (0u32..30, 0u32..30, 0u32..30),
            quorum_bps in 1u16..=10_000,
            approval_bps in 5_001u16..=10_000,
        ) {
            let (yes, no, abstain) = cast;
            let eligible = (yes + no + abstain + not_voted).max(1);
            let remaining = eligible - yes - no - abstain;
            // Split the remaining voters any way, some not voting at all.
            let more_yes = rest.0.min(remaining);
            let more_no = rest.1.min(remaining - more_yes);
            let more_abstain = rest.2.min(remaining - more_yes - more_no);
            let p = proposal(eligible, Tally { yes, no, abstain }, quorum_bps, approval_bps);
            if let Some(outcome) = p.settled_outcome(0) {
                let end = Tally { yes: yes + more_yes, no: no + more_no, abstain: abstain + more_abstain };
                prop_assert_eq!(passes(&end, eligible, quorum_bps, approval_bps), outcome);
            }
        }

        /// Exits in any order, between grants and deposits: no lamport is created (what was
        /// paid plus what is left is what came in), no exit takes more than its exact
        /// fraction, and the value of one token still held never falls through an exit, so
        /// the last to leave receive at least their share.
        #[test]
        fn exits_in_a_row_pay_no_one_more_than_their_share(
            steps in proptest::collection::vec((0u8..3, 0usize..4, 1u64..1_000_000), 1..60),
        ) {
            let mut balance: u64 = 0;
            let mut deposited: u64 = 0;
            let mut paid: u64 = 0;
            let mut held = [0u64; 4];
            for (kind, who, value) in steps {
                let supply: u64 = held.iter().sum();
                match kind {
                    0 => { balance += value; deposited += value; }
                    1 => { held[who] += value; }
                    _ => {
                        let amount = value.min(held[who]);
                        if amount == 0 { continue; }
                        let pay = pro_rata(balance, amount, supply).expect("in range");
                        // Never more than the exact fraction.
                        prop_assert!(u128::from(pay) * u128::from(supply)
                            <= u128::from(balance) * u128::from(amount));
                        let after_balance = balance - pay;
                        let after_supply = supply - amount;
                        // What one remaining token is worth does not fall.
                        prop_assert!(u128::from(after_balance) * u128::from(supply)
                            >= u128::from(balance) * u128::from(after_supply));
                        balance = after_balance;
                        paid += pay;
                        held[who] -= amount;
                    }
                }
                prop_assert_eq!(balance + paid, deposited);
            }
        }

        /// Any sequence of votes and changes leaves tallies equal to the current choices.
        #[test]
        fn tallies_equal_the_current_choices(moves in proptest::collection::vec((0usize..8, 0u8..3), 0..64)) {
            let mut p = super::voting_proposal(8, Tally::default());
            let mut current: [Option<VoteChoice>; 8] = [None; 8];
            for (voter, choice) in moves {
                let choice = [VoteChoice::Yes, VoteChoice::No, VoteChoice::Abstain][usize::from(choice)];
                let result = p.record_vote(current[voter], choice);
                if current[voter] == Some(choice) {
                    prop_assert!(result.is_err());
                } else {
                    prop_assert!(result.is_ok());
                    current[voter] = Some(choice);
                }
                let mut expected = Tally::default();
                for c in current.iter().flatten() {
                    expected.add(*c).unwrap();
                }
                prop_assert_eq!(p.tally, expected);
                prop_assert_eq!(p.open_vote_records as usize, current.iter().flatten().count());
            }
        }
    }
}

#[test]
fn a_budget_spends_what_is_left_of_its_allowance_and_settles_by_period() {
    let operator = Pubkey::new_unique();
    let mut budget = NodeBudget {
        version: 1,
        bump: 255,
        vault_bump: 254,
        society: Pubkey::new_unique(),
        node: Pubkey::new_unique(),
        terms: BudgetTerms {
            mint: None,
            allowance: 100,
            period_secs: 86_400,
            keeper: None,
        },
        active: true,
        started_at: 1_000,
        next_period: 0,
        spent_this_period: 0,
        spent_total: 0,
        spend_count: 0,
        funded_total: 0,
        returned_total: 0,
    };
    // Nothing is spent in a period not settled yet (period 0 is due at once).
    assert_eq!(budget.left_to_spend(1_000, 1_500), 0);
    is(
        budget.spend(&operator, &operator, 1, 100, 1_500),
        NetstateError::BudgetPeriodNotSettled,
    );
    budget.record_settlement(1_500, 100, 0).unwrap();
    // What is left of the allowance, at most what the vault holds.
    assert_eq!(budget.left_to_spend(60, 1_500), 60);
    budget.spend(&operator, &operator, 70, 100, 1_500).unwrap();
    assert_eq!(budget.left_to_spend(30, 1_500), 30);
    assert_eq!(budget.left_to_spend(1_000, 1_500), 30);
    is(
        budget.spend(&operator, &operator, 31, 1_000, 1_500),
        NetstateError::BudgetExceeded,
    );
    is(
        budget.spend(&Pubkey::new_unique(), &operator, 1, 1_000, 1_500),
        NetstateError::NotABudgetSpender,
    );
    // The next period, before its settlement: nothing (no second allowance through a
    // settlement just after), then the whole allowance once it is settled.
    assert_eq!(budget.left_to_spend(1_000, 1_000 + 86_400), 0);
    is(
        budget.spend(&operator, &operator, 30, 1_000, 1_000 + 86_400),
        NetstateError::BudgetPeriodNotSettled,
    );
    let mut next = budget.clone();
    next.record_settlement(1_000 + 86_400, 70, 0).unwrap();
    assert_eq!(next.left_to_spend(1_000, 1_000 + 86_400), 100);
    budget.spent_this_period = 70;
    budget.next_period = 0;
    // Period 0 is due at once; settled, the next one begins a period later.
    assert!(budget.settlement_due(1_000, true));
    assert_eq!(budget.next_settlement_at(), 1_000);
    budget.record_settlement(1_500, 30, 0).unwrap();
    assert_eq!(budget.next_settlement_at(), 1_000 + 86_400);
    assert!(!budget.settlement_due(1_000 + 86_399, true));
    assert!(budget.settlement_due(1_000 + 86_400, true));
    assert!(
        budget.settlement_due(1_500, false),
        "a retired hub settles at once"
    );
    assert_eq!(budget.left_to_spend(1_000, 1_500), 100);
}

/// Earlier layouts (`state::layouts`): read, upgraded with every field, refused by name.
mod layouts {
    use crate::error::NetstateError;
    use crate::state::layouts::*;
    use crate::state::Node;
    use anchor_lang::prelude::*;
    use anchor_lang::{AccountSerialize, Discriminator};

    fn old_hub() -> NodeV1 {
        NodeV1 {
            version: 1,
            bump: 254,
            society: Pubkey::new_unique(),
            code: "lisbon".into(),
            name: "Lisbon House".into(),
            country: *b"PT",
            latitude_microdeg: 38_722_252,
            longitude_microdeg: -9_139_337,
            operator: Pubkey::new_unique(),
            active: true,
            check_in_count: 41,
            resident_count: 7,
            registered_at: 1_767_261_600,
            retired_at: 0,
            previous_operator: Pubkey::new_unique(),
            operator_since_day: 20_454,
        }
    }

    fn account_data(hub: &NodeV1) -> Vec<u8> {
        let mut data = Node::DISCRIMINATOR.to_vec();
        hub.serialize(&mut data).unwrap();
        data
    }

    #[test]
    fn a_layout_1_hub_is_read_and_upgraded_with_every_field() {
        let old = old_hub();
        let data = account_data(&old);
        let Upgraded::Node(new) = upgrade(&data).unwrap();
        assert_eq!(new.version, Node::LAYOUT_VERSION);
        assert_eq!((new.latest_day, new.latest_day_present), (0, 0));
        let back = NodeV1::of(&new);
        assert_eq!(back, old);
        // Read as it is, it keeps saying it is in layout 1.
        let read = read_node(&data).unwrap();
        assert_eq!((read.version, read.code.as_str()), (1, "lisbon"));
    }

    #[test]
    fn a_layout_2_hub_is_upgraded_with_every_field_and_its_previous_key_bounded() {
        let Upgraded::Node(mut current) = upgrade(&account_data(&old_hub())).unwrap();
        current.latest_day = 20_460;
        current.latest_day_present = 3;
        // The door was handed over two days after the hub opened.
        current.operator_since_day = 20_456;
        let v2 = NodeV2::of(&current);
        let mut data = Node::DISCRIMINATOR.to_vec();
        v2.serialize(&mut data).unwrap();
        let Upgraded::Node(new) = upgrade(&data).unwrap();
        assert_eq!(new.version, Node::LAYOUT_VERSION);
        assert_eq!((new.latest_day, new.latest_day_present), (20_460, 3));
        assert_eq!(NodeV2::of(&new), v2);
        // The previous key's term begins no earlier than the hub's registration: it signs
        // for no day before it.
        let registered_day = (old_hub().registered_at / 86_400) as u32;
        assert_eq!(new.previous_operator_since_day, registered_day);
        let previous = v2.base.previous_operator;
        assert!(new.operator_of_day(&previous, registered_day));
        assert!(!new.operator_of_day(&previous, registered_day - 1));
        assert!(
            !new.operator_of_day(&previous, 20_456),
            "its term ended at the rotation"
        );
        assert_eq!(read_node(&data).unwrap().version, 2);
    }

    #[test]
    fn current_and_unknown_layouts_are_refused_by_name() {
        let mut current = Vec::new();
        let Upgraded::Node(node) = upgrade(&account_data(&old_hub())).unwrap();
        node.try_serialize(&mut current).unwrap();
        assert_eq!(
            upgrade(&current).unwrap_err(),
            error!(NetstateError::AccountUpToDate)
        );
        assert_eq!(read_node(&current).unwrap().version, Node::LAYOUT_VERSION);
        let mut newer = current.clone();
        newer[8] = 9;
        assert_eq!(
            upgrade(&newer).unwrap_err(),
            error!(NetstateError::UnknownAccountVersion)
        );
        // Any other account: current at version 1, unknown otherwise.
        let mut member = crate::state::Member::DISCRIMINATOR.to_vec();
        member.extend([1, 255]);
        assert_eq!(
            upgrade(&member).unwrap_err(),
            error!(NetstateError::AccountUpToDate)
        );
        member[8] = 3;
        assert_eq!(
            upgrade(&member).unwrap_err(),
            error!(NetstateError::UnknownAccountVersion)
        );
        // A layout-1 hub cut short is not read.
        let data = account_data(&old_hub());
        assert!(upgrade(&data[..40]).is_err());
    }

    #[test]
    fn a_hub_counts_the_members_of_its_latest_day() {
        let Upgraded::Node(mut hub) = upgrade(&account_data(&old_hub())).unwrap();
        assert_eq!(hub.present_on(20_500), Some(0));
        hub.record_check_in(true, 20_500).unwrap();
        hub.record_check_in(false, 20_500).unwrap();
        assert_eq!((hub.latest_day, hub.present_on(20_500)), (20_500, Some(2)));
        // A ticket of an earlier day, redeemed late, counts in the totals only.
        hub.record_check_in(false, 20_499).unwrap();
        assert_eq!(hub.present_on(20_500), Some(2));
        assert_eq!(hub.present_on(20_499), None);
        assert_eq!(hub.check_in_count, 44);
        // The next day starts again from one.
        hub.record_check_in(false, 20_501).unwrap();
        assert_eq!(
            (hub.present_on(20_501), hub.present_on(20_502)),
            (Some(1), Some(0))
        );
    }
}

#[test]
fn the_room_of_the_outflow_rails_is_exactly_what_spend_accepts() {
    let (cap, window) = (2_000, 100);
    for (level, updated_at, balance, now) in [
        (0, 0, 1_000, 0),
        (200, 1_000, 800, 1_000),
        (200, 1_000, 800, 1_050),
        (180, 1_050, 720, 1_500),
        (5, 0, 3, 1),
    ] {
        let c = OutflowCounter { level, updated_at };
        let room = c.room(balance, now, cap, window);
        // A bucket fuller than its capacity (the asset shrank) has no room at all.
        assert!(room == 0 || c.clone().spend(room, balance, now, cap, window).is_ok());
        is(
            c.clone().spend(room + 1, balance, now, cap, window),
            NetstateError::OutflowCapExceeded,
        );
    }
}

#[test]
fn what_passed_payments_set_aside_stays_within_the_treasury_and_its_rails() {
    let sol = |amount| ProposalAction::TransferSol {
        recipient: Pubkey::new_unique(),
        amount,
    };
    let open = GovernanceParams {
        outflow_cap_bps: 10_000,
        ..GovernanceParams::default()
    };
    let mut basket = ExitBasket::default();
    // Without rails: up to what is held, and not one lamport more.
    assert!(basket.fits(&sol(1_000), 1_000, &open, 0, 100));
    assert!(!basket.fits(&sol(1_001), 1_000, &open, 0, 100));
    basket.reserve(&sol(600)).unwrap();
    assert!(basket.fits(&sol(400), 1_000, &open, 0, 100));
    assert!(!basket.fits(&sol(401), 1_000, &open, 0, 100));
    // Under 20% per window of 100 s: a full bucket now and one per window until the
    // deadline, 300 s away: 200 + 600 = 800 of 1 000.
    let rails = GovernanceParams {
        outflow_cap_bps: 2_000,
        outflow_window_secs: 100,
        ..GovernanceParams::default()
    };
    assert!(basket.fits(&sol(200), 1_000, &rails, 0, 300));
    assert!(!basket.fits(&sol(201), 1_000, &rails, 0, 300));
    // A token outside the basket sets nothing aside: it always fits.
    let token = ProposalAction::TransferToken {
        mint: Pubkey::new_unique(),
        recipient: Pubkey::new_unique(),
        amount: u64::MAX,
    };
    assert!(basket.fits(&token, 0, &rails, 0, 300));
    // Nor do actions that pay nothing.
    assert!(basket.fits(&ProposalAction::Signal, 0, &rails, 0, 0));
}
