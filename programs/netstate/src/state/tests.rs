//! Unit tests of the account logic (off-chain only; on-chain files hold no `unwrap`).

use super::text::*;
use super::*;
use crate::error::NetstateError;

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
fn residency_counts_each_day_once() {
    let mut r = Residency {
        version: 0,
        bump: 0,
        node: Default::default(),
        wallet: Default::default(),
        days_present: 0,
        first_day: 0,
        last_day: 0,
    };
    r.record_day(20_000, true).unwrap();
    is(
        r.record_day(20_000, false),
        NetstateError::AlreadyCheckedInToday,
    );
    r.record_day(20_002, false).unwrap();
    assert_eq!(
        (r.days_present, r.first_day, r.last_day),
        (2, 20_000, 20_002)
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
    assert!(super::society::inc(u32::MAX).is_err());
    assert!(super::society::dec(0).is_err());
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
    const { assert!(8 + Member::INIT_SPACE <= 224) };
    const { assert!(8 + VoteRecord::INIT_SPACE <= 90) };
}

/// The sizes docs/design.md reports; a layout change must update both.
#[test]
fn account_sizes_match_the_design_doc() {
    use anchor_lang::Space;
    let sizes = [
        ("Society", 8 + Society::INIT_SPACE),
        ("Member", 8 + Member::INIT_SPACE),
        ("Sponsorship", 8 + Sponsorship::INIT_SPACE),
        ("Node", 8 + Node::INIT_SPACE),
        ("Residency", 8 + Residency::INIT_SPACE),
        ("Proposal", 8 + Proposal::INIT_SPACE),
        ("VoteRecord", 8 + VoteRecord::INIT_SPACE),
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
