//! Registering and retiring hubs.

use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{AdmissionPolicy, Node, NodeSpec, Society, events, instructions as ix, pda};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn steward_registers_a_node() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let operator = Keypair::new();
    let spec = NodeSpec {
        code: "lisbon".into(),
        name: "Lisbon House".into(),
        country: *b"PT",
        latitude_microdeg: 38_722_252,
        longitude_microdeg: -9_139_337,
        operator: operator.pubkey(),
    };
    let out = fx
        .send_ok(
            &[ix::register_node(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                spec.clone(),
            )],
            &[&s.founder],
        )
        .await;
    let (address, bump) = pda::node(&PROGRAM_ID, &s.address, "lisbon");
    let node: Node = fx.account(&address).await;
    assert_eq!(
        (node.code.as_str(), node.name.as_str(), node.country),
        ("lisbon", "Lisbon House", *b"PT")
    );
    assert_eq!(
        (node.latitude_microdeg, node.longitude_microdeg),
        (38_722_252, -9_139_337)
    );
    assert_eq!(
        (node.operator, node.society, node.bump),
        (operator.pubkey(), s.address, bump)
    );
    assert!(node.active);
    assert_eq!(
        (node.check_in_count, node.registered_at, node.retired_at),
        (0, fx.now(), 0)
    );
    let society: Society = fx.account(&s.address).await;
    assert_eq!((society.node_count, society.active_node_count), (1, 1));
    let event: events::NodeRegistered = out.event();
    assert_eq!(
        (event.node, event.code.as_str(), event.operator),
        (address, "lisbon", operator.pubkey())
    );
    assert_eq!(event.seq, society.seq);
}

#[tokio::test]
async fn taken_code_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let first = s.node_with_operator(&mut fx, "lisbon").await;
    fx.send_err(
        &[ix::register_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            node_spec("lisbon", &s.founder.pubkey()),
        )],
        &[&s.founder],
        NetstateError::NodeCodeTaken,
    )
    .await;
    let node: Node = fx.account(&s.node("lisbon")).await;
    assert_eq!(node.operator, first.pubkey());
    // The same code in another society is another node.
    let other = TestSociety::create(&mut fx, "Lunar", AdmissionPolicy::Open).await;
    other.node_with_operator(&mut fx, "lisbon").await;
    assert_ne!(other.node("lisbon"), s.node("lisbon"));
}

#[tokio::test]
async fn invalid_specs_are_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = Keypair::new().pubkey();
    let edit = |f: fn(&mut NodeSpec)| {
        let mut spec = node_spec("lisbon", &op);
        f(&mut spec);
        spec
    };
    let cases = [
        (edit(|n| n.code.clear()), NetstateError::NodeCodeEmpty),
        (
            edit(|n| n.code = "a".repeat(17)),
            NetstateError::NodeCodeTooLong,
        ),
        (
            edit(|n| n.code = "a".repeat(40)),
            NetstateError::NodeCodeTooLong,
        ),
        (
            edit(|n| n.code = "Lisbon".into()),
            NetstateError::NodeCodeInvalid,
        ),
        (edit(|n| n.name.clear()), NetstateError::NodeNameEmpty),
        (
            edit(|n| n.name = "n".repeat(49)),
            NetstateError::NodeNameTooLong,
        ),
        (
            edit(|n| n.name = "Lisbon\n".into()),
            NetstateError::NodeNameNotPrintable,
        ),
        (
            edit(|n| n.country = *b"pt"),
            NetstateError::InvalidCountryCode,
        ),
        (
            edit(|n| n.country = [0, 0]),
            NetstateError::InvalidCountryCode,
        ),
        (
            edit(|n| n.latitude_microdeg = 90_000_001),
            NetstateError::LatitudeOutOfRange,
        ),
        (
            edit(|n| n.latitude_microdeg = i32::MIN),
            NetstateError::LatitudeOutOfRange,
        ),
        (
            edit(|n| n.longitude_microdeg = -180_000_001),
            NetstateError::LongitudeOutOfRange,
        ),
    ];
    for (spec, error) in cases {
        let address = pda::node(&PROGRAM_ID, &s.address, &spec.code).0;
        fx.send_err(
            &[ix::register_node(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                spec,
            )],
            &[&s.founder],
            error,
        )
        .await;
        assert!(fx.raw_account(&address).await.is_none());
    }
    // The extremes are valid.
    let edge = edit(|n| {
        n.latitude_microdeg = -90_000_000;
        n.longitude_microdeg = 180_000_000;
        n.code = "a".repeat(16);
    });
    fx.send_ok(
        &[ix::register_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            edge,
        )],
        &[&s.founder],
    )
    .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.node_count, 1);
}

#[tokio::test]
async fn only_the_steward_registers_and_retires() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let citizen = s.citizen(&mut fx, "ana").await;
    fx.send_err(
        &[ix::register_node(
            &PROGRAM_ID,
            &citizen.pubkey(),
            &s.address,
            node_spec("lisbon", &citizen.pubkey()),
        )],
        &[&citizen],
        NetstateError::NotTheSteward,
    )
    .await;
    s.node_with_operator(&mut fx, "lisbon").await;
    fx.send_err(
        &[ix::retire_node(
            &PROGRAM_ID,
            &citizen.pubkey(),
            &s.address,
            "lisbon",
            *b"PT",
        )],
        &[&citizen],
        NetstateError::NotTheSteward,
    )
    .await;
    let node: Node = fx.account(&s.node("lisbon")).await;
    assert!(node.active);
}

#[tokio::test]
async fn retiring_keeps_history_and_is_final() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let operator = s.node_with_operator(&mut fx, "lisbon").await;
    fx.send_ok(
        &[ix::check_in(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &operator.pubkey(),
            &s.address,
            "lisbon",
        )],
        &[&s.founder, &operator],
    )
    .await;
    fx.warp_seconds(3_600).await;
    let out = fx
        .send_ok(
            &[ix::retire_node(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                "lisbon",
                *b"PT",
            )],
            &[&s.founder],
        )
        .await;
    let node: Node = fx.account(&s.node("lisbon")).await;
    assert!(!node.active);
    assert_eq!((node.retired_at, node.check_in_count), (fx.now(), 1));
    let society: Society = fx.account(&s.address).await;
    assert_eq!((society.node_count, society.active_node_count), (1, 0));
    let event: events::NodeRetired = out.event();
    assert_eq!(
        (event.code.as_str(), event.retired_at),
        ("lisbon", fx.now())
    );

    fx.send_err(
        &[ix::retire_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            "lisbon",
            *b"PT",
        )],
        &[&s.founder],
        NetstateError::NodeRetired,
    )
    .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.active_node_count, 0);
}

#[tokio::test]
async fn another_societys_node_cannot_be_retired() {
    let mut fx = Fixture::new().await;
    let a = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let b = TestSociety::create(&mut fx, "Lunar", AdmissionPolicy::Open).await;
    b.node_with_operator(&mut fx, "bali").await;
    // A's steward names B's node (and its country record) in an instruction on A.
    let bad = swap_account(
        swap_account(
            ix::retire_node(&PROGRAM_ID, &a.founder.pubkey(), &a.address, "bali", *b"PT"),
            2,
            &b.node("bali"),
        ),
        3,
        &pda::country(&PROGRAM_ID, &b.address, b"PT").0,
    );
    fx.send_err(&[bad], &[&a.founder], NetstateError::NodeNotInSociety)
        .await;
    let node: Node = fx.account(&b.node("bali")).await;
    assert!(node.active);
}
