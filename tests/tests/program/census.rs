//! The census: counters kept by the instructions, epochs frozen in order into a hash chain,
//! departures taken out of the open epochs, countries counted while they have an active hub.

use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate::state::census::epoch_of;
use netstate_client::PROGRAM_ID;
use netstate_client::tickets::SignedTicket;
use netstate_client::{Census, Country, ProposalAction, Society, events, instructions as ix, pda};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;

/// Moves the clock to the first day of the next census epoch.
async fn next_epoch(fx: &mut Fixture) {
    let days = (epoch_of(fx.today()) + 1) * 30 - fx.today();
    fx.warp_seconds(i64::from(days) * DAY).await;
}

/// Registers hub `code` in `country`; returns its operator.
async fn hub_in(fx: &mut Fixture, s: &TestSociety, code: &str, country: [u8; 2]) -> Keypair {
    let operator = Keypair::new();
    let mut spec = node_spec(code, &operator.pubkey());
    spec.country = country;
    fx.send_ok(
        &[ix::register_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            spec,
        )],
        &[&s.founder],
    )
    .await;
    operator
}

async fn check_in(fx: &mut Fixture, s: &TestSociety, who: &Keypair, door: &Keypair, code: &str) {
    fx.send_ok(
        &[ix::check_in(
            &PROGRAM_ID,
            &who.pubkey(),
            &door.pubkey(),
            &s.address,
            code,
        )],
        &[who, door],
    )
    .await;
}

#[tokio::test]
async fn the_census_counts_each_person_and_day_once_and_freezes_epochs_in_a_chain() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Census State", sponsored(1)).await;
    next_epoch(&mut fx).await;
    let lisbon = hub_in(&mut fx, &s, "lisbon", *b"PT").await;
    let madrid = hub_in(&mut fx, &s, "madrid", *b"ES").await;
    let porto = hub_in(&mut fx, &s, "porto", *b"PT").await;
    let ana = s.citizen(&mut fx, "ana").await;
    let bo = s.applicant(&mut fx, "bo").await;
    let payer = fx.payer().pubkey();
    let first = epoch_of(fx.today());
    let close = |epoch| ix::close_census_epoch(&PROGRAM_ID, &payer, &s.address, epoch);
    // The society's first epoch, when it was founded, is the first to close.
    fx.send_err(&[close(first)], &[], NetstateError::CensusEpochOutOfOrder)
        .await;
    fx.send_ok(&[close(first - 1)], &[]).await;
    let founding: Census = fx
        .account(&pda::census(&PROGRAM_ID, &s.address, first - 1).0)
        .await;
    assert_eq!(founding.previous_hash, [0; 32], "the first of the chain");
    assert_eq!(
        (founding.present, founding.member_count),
        (0, 3),
        "members at the close"
    );

    // Ana at two hubs in two countries today is one person-day; Bo, an applicant, counts.
    check_in(&mut fx, &s, &ana, &lisbon, "lisbon").await;
    let ticket = SignedTicket::sign(
        &madrid,
        &PROGRAM_ID,
        s.address,
        s.node("madrid"),
        ana.pubkey(),
        fx.today(),
    );
    fx.send_ok(&ticket.redeem(&payer), &[]).await;
    check_in(&mut fx, &s, &bo, &porto, "porto").await;
    fx.warp_seconds(DAY).await;
    check_in(&mut fx, &s, &ana, &lisbon, "lisbon").await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (society.census.current.epoch, society.census.current.present),
        (first, 2)
    );
    assert_eq!(society.census.current.person_days, 3);
    assert_eq!(society.census.country_count, 2, "PT and ES");
    let pt: Country = fx
        .account(&pda::country(&PROGRAM_ID, &s.address, b"PT").0)
        .await;
    assert_eq!((pt.active_node_count, pt.node_count), (2, 2));

    // Not before the epoch is over, and only the next epoch to close.
    fx.send_err(&[close(first)], &[], NetstateError::CensusEpochNotOver)
        .await;
    next_epoch(&mut fx).await;
    fx.send_err(
        &[close(first + 1)],
        &[],
        NetstateError::CensusEpochOutOfOrder,
    )
    .await;
    let outcome = fx.send_ok(&[close(first)], &[]).await;
    let census_address = pda::census(&PROGRAM_ID, &s.address, first).0;
    let census: Census = fx.account(&census_address).await;
    let treasury = fx.balance(&pda::treasury(&PROGRAM_ID, &s.address).0).await;
    assert_eq!(
        (census.present, census.person_days, census.figures_kept),
        (2, 3, true)
    );
    assert_eq!((census.member_count, census.citizen_count), (3, 2));
    assert_eq!(
        (
            census.node_count,
            census.active_node_count,
            census.country_count
        ),
        (3, 3, 2)
    );
    assert_eq!(census.treasury_lamports, treasury);
    assert_eq!(
        census.previous_hash, founding.hash,
        "chained to the founding epoch"
    );
    assert_eq!(census.hash, census.compute_hash());
    let event: events::CensusClosed = outcome.event();
    assert_eq!(
        (event.epoch, event.hash, event.census),
        (first, census.hash, census_address)
    );

    // Once only; and a late ticket for a day of the frozen epoch is refused.
    fx.send_err(&[close(first)], &[], NetstateError::CensusEpochOutOfOrder)
        .await;
    let late = SignedTicket::sign(
        &porto,
        &PROGRAM_ID,
        s.address,
        s.node("porto"),
        bo.pubkey(),
        fx.today() - 3,
    );
    fx.send_err(&late.redeem(&payer), &[], NetstateError::CensusEpochClosed)
        .await;

    // The next epoch chains to it; a hub retired takes its country out when it was the last.
    check_in(&mut fx, &s, &bo, &porto, "porto").await;
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            "madrid",
            *b"ES",
        )],
        &[&s.founder],
    )
    .await;
    next_epoch(&mut fx).await;
    fx.send_ok(&[close(first + 1)], &[]).await;
    let second: Census = fx
        .account(&pda::census(&PROGRAM_ID, &s.address, first + 1).0)
        .await;
    assert_eq!(second.previous_hash, census.hash);
    assert_eq!((second.present, second.person_days), (1, 1));
    assert_eq!((second.active_node_count, second.country_count), (2, 1));
    let es: Country = fx
        .account(&pda::country(&PROGRAM_ID, &s.address, b"ES").0)
        .await;
    assert_eq!((es.active_node_count, es.node_count), (0, 1));
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.census.last_census_hash, second.hash);
    assert_eq!(society.census.next_epoch_to_close, first + 2);
}

#[tokio::test]
async fn an_epoch_nobody_closed_in_time_is_closed_in_order_saying_its_figures_were_not_kept() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Late State", sponsored(1)).await;
    let lisbon = hub_in(&mut fx, &s, "lisbon", *b"PT").await;
    let first = epoch_of(fx.today());
    check_in(&mut fx, &s, &s.founder, &lisbon, "lisbon").await;
    next_epoch(&mut fx).await;
    check_in(&mut fx, &s, &s.founder, &lisbon, "lisbon").await;
    next_epoch(&mut fx).await;
    check_in(&mut fx, &s, &s.founder, &lisbon, "lisbon").await;
    next_epoch(&mut fx).await;
    let payer = fx.payer().pubkey();
    for epoch in first..first + 3 {
        fx.send_ok(
            &[ix::close_census_epoch(
                &PROGRAM_ID,
                &payer,
                &s.address,
                epoch,
            )],
            &[],
        )
        .await;
    }
    let lost: Census = fx
        .account(&pda::census(&PROGRAM_ID, &s.address, first).0)
        .await;
    assert!(!lost.figures_kept && lost.present == 0, "{lost:?}");
    let kept: Census = fx
        .account(&pda::census(&PROGRAM_ID, &s.address, first + 2).0)
        .await;
    assert!(kept.figures_kept && kept.present == 1, "{kept:?}");
}

#[tokio::test]
async fn a_member_who_goes_leaves_the_open_epoch_and_is_remembered_by_the_closed_one() {
    let mut fx = Fixture::new().await;
    let (s, citizens) = TestSociety::with_citizens(&mut fx, "Goers", 3).await;
    let lisbon = hub_in(&mut fx, &s, "lisbon", *b"PT").await;
    next_epoch(&mut fx).await;
    let first = epoch_of(fx.today());
    for c in &citizens {
        check_in(&mut fx, &s, c, &lisbon, "lisbon").await;
    }
    next_epoch(&mut fx).await;
    let payer = fx.payer().pubkey();
    for epoch in [first - 1, first] {
        fx.send_ok(
            &[ix::close_census_epoch(
                &PROGRAM_ID,
                &payer,
                &s.address,
                epoch,
            )],
            &[],
        )
        .await;
    }
    check_in(&mut fx, &s, &citizens[0], &lisbon, "lisbon").await;
    check_in(&mut fx, &s, &citizens[1], &lisbon, "lisbon").await;
    let before: Society = fx.account(&s.address).await;
    assert_eq!(before.census.current.present, 2);

    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &citizens[0].pubkey(), &s.address)],
        &[&citizens[0]],
    )
    .await;
    let after: Society = fx.account(&s.address).await;
    assert_eq!(
        (
            after.census.current.present,
            after.census.current.person_days
        ),
        (1, 1),
        "the open epoch forgets who left"
    );
    assert_eq!(
        (after.census.departed.epoch, after.census.departed.present),
        (first, 1),
        "the closed epoch's figure is still accounted for"
    );

    // Expelled by the society: the same.
    let voters: Vec<&Keypair> = citizens[1..].iter().chain([&s.founder]).collect();
    s.enact(
        &mut fx,
        &s.founder,
        &voters,
        ProposalAction::ExpelMember {
            wallet: citizens[2].pubkey(),
        },
    )
    .await;
    let after: Society = fx.account(&s.address).await;
    assert_eq!(after.census.departed.present, 2);
    assert_eq!(after.census.departed.person_days, 2);
}

#[tokio::test]
async fn hostile_census_and_country_accounts_are_refused() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Guarded", sponsored(1)).await;
    let other = TestSociety::create(&mut fx, "Other", sponsored(1)).await;
    let first = epoch_of(fx.today());
    next_epoch(&mut fx).await;
    let payer = fx.payer().pubkey();

    // Another society's treasury, or a Census address of another epoch.
    let mut forged = ix::close_census_epoch(&PROGRAM_ID, &payer, &s.address, first);
    forged.accounts[2].pubkey = pda::treasury(&PROGRAM_ID, &other.address).0;
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;
    let mut forged = ix::close_census_epoch(&PROGRAM_ID, &payer, &s.address, first);
    forged.accounts[3].pubkey = pda::census(&PROGRAM_ID, &s.address, first + 1).0;
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;

    // A pre-funded Census address does not block the close.
    fx.fund(&pda::census(&PROGRAM_ID, &s.address, first).0, 5_000_000)
        .await;
    fx.send_ok(
        &[ix::close_census_epoch(
            &PROGRAM_ID,
            &payer,
            &s.address,
            first,
        )],
        &[],
    )
    .await;

    // A hub registered with another country's record, or retired with one.
    let operator = Keypair::new();
    let mut register = ix::register_node(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        node_spec("lisbon", &operator.pubkey()),
    );
    register.accounts[3].pubkey = pda::country(&PROGRAM_ID, &s.address, b"ES").0;
    fx.send_err(&[register], &[&s.founder], ErrorCode::ConstraintSeeds)
        .await;
    hub_in(&mut fx, &s, "lisbon", *b"PT").await;
    hub_in(&mut fx, &s, "madrid", *b"ES").await;
    let retire = ix::retire_node(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        "lisbon",
        *b"ES",
    );
    fx.send_err(&[retire], &[&s.founder], ErrorCode::ConstraintSeeds)
        .await;
    hub_in(&mut fx, &other, "porto", *b"PT").await;
    let mut retire = ix::retire_node(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        "lisbon",
        *b"PT",
    );
    retire.accounts[3].pubkey = pda::country(&PROGRAM_ID, &other.address, b"PT").0;
    fx.send_err(&[retire], &[&s.founder], ErrorCode::ConstraintSeeds)
        .await;
}
