//! Check-ins: proof of presence co-signed at the door, once per member, node and UTC day.

use anchor_lang::Space;
use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Member, Node, Residency, Society, events, instructions as ix, pda,
};
use netstate_tests::fixture::running_sbf;
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;

struct Hub {
    s: TestSociety,
    operator: Keypair,
    member: Keypair,
}

async fn hub(fx: &mut Fixture, policy: AdmissionPolicy) -> Hub {
    let s = TestSociety::create(fx, "Solar", policy).await;
    let operator = s.node_with_operator(fx, "lisbon").await;
    let member = s.applicant(fx, "ana").await;
    Hub {
        s,
        operator,
        member,
    }
}

impl Hub {
    fn check_in(&self) -> anchor_lang::solana_program::instruction::Instruction {
        ix::check_in(
            &PROGRAM_ID,
            &self.member.pubkey(),
            &self.operator.pubkey(),
            &self.s.address,
            "lisbon",
        )
    }
    fn residency(&self) -> anchor_lang::solana_program::pubkey::Pubkey {
        pda::residency(&PROGRAM_ID, &self.s.node("lisbon"), &self.member.pubkey()).0
    }
}

#[tokio::test]
async fn check_in_records_presence_and_totals() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let before = fx.balance(&h.member.pubkey()).await;
    let out = fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;

    let (address, bump) = pda::residency(&PROGRAM_ID, &h.s.node("lisbon"), &h.member.pubkey());
    let residency: Residency = fx.account(&address).await;
    let today = fx.today();
    assert_eq!(
        (
            residency.days_present,
            residency.first_day,
            residency.last_day
        ),
        (1, today, today)
    );
    assert_eq!(
        (residency.node, residency.wallet, residency.bump),
        (h.s.node("lisbon"), h.member.pubkey(), bump)
    );
    // The member paid the Residency's rent, nothing else.
    assert_eq!(
        before - fx.balance(&h.member.pubkey()).await,
        fx.rent_exempt(8 + Residency::INIT_SPACE).await
    );

    let node: Node = fx.account(&h.s.node("lisbon")).await;
    assert_eq!((node.check_in_count, node.resident_count), (1, 1));
    let member: Member = fx.account(&h.s.member(&h.member.pubkey())).await;
    assert_eq!(
        (member.check_in_count, member.last_check_in_day),
        (1, today)
    );
    let event: events::CheckedIn = out.event();
    assert_eq!(
        (event.day, event.days_present, event.node_check_in_count),
        (today, 1, 1)
    );
    assert_eq!(
        (event.wallet, event.node),
        (h.member.pubkey(), h.s.node("lisbon"))
    );
    let society: Society = fx.account(&h.s.address).await;
    assert_eq!(event.seq, society.seq);
    if running_sbf() {
        assert!(
            out.units < 60_000,
            "check_in used {} compute units",
            out.units
        );
    }
}

#[tokio::test]
async fn second_check_in_same_day_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    // Later the same UTC day (the fixture starts at 10:00).
    fx.warp_seconds(13 * 3_600 + 59 * 60 + 59).await;
    fx.send_err(
        &[h.check_in()],
        &[&h.member, &h.operator],
        NetstateError::AlreadyCheckedInToday,
    )
    .await;
    let residency: Residency = fx.account(&h.residency()).await;
    assert_eq!(residency.days_present, 1);
    let node: Node = fx.account(&h.s.node("lisbon")).await;
    assert_eq!(node.check_in_count, 1);
}

#[tokio::test]
async fn next_day_check_in_counts_again() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    let first_day = fx.today();
    // One second past midnight UTC is already the next day.
    fx.warp_seconds(14 * 3_600).await;
    assert_eq!(fx.today(), first_day + 1);
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    fx.warp_seconds(10 * DAY).await;
    let out = fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;

    let residency: Residency = fx.account(&h.residency()).await;
    assert_eq!(
        (
            residency.days_present,
            residency.first_day,
            residency.last_day
        ),
        (3, first_day, first_day + 11)
    );
    let node: Node = fx.account(&h.s.node("lisbon")).await;
    assert_eq!((node.check_in_count, node.resident_count), (3, 1));
    let member: Member = fx.account(&h.s.member(&h.member.pubkey())).await;
    assert_eq!(
        (member.check_in_count, member.last_check_in_day),
        (3, first_day + 11)
    );
    let event: events::CheckedIn = out.event();
    assert_eq!(event.days_present, 3);
}

#[tokio::test]
async fn applicants_may_check_in() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Vetted).await;
    let member: Member = fx.account(&h.s.member(&h.member.pubkey())).await;
    assert!(!member.is_citizen());
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    let residency: Residency = fx.account(&h.residency()).await;
    assert_eq!(residency.days_present, 1);
}

#[tokio::test]
async fn check_in_without_the_operator_signature_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let forged = without_signer(h.check_in(), &h.operator.pubkey());
    fx.send_err(&[forged], &[&h.member], ErrorCode::AccountNotSigner)
        .await;
    assert!(fx.raw_account(&h.residency()).await.is_none());
}

#[tokio::test]
async fn check_in_without_the_member_signature_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let forged = without_signer(h.check_in(), &h.member.pubkey());
    fx.send_err(&[forged], &[&h.operator], ErrorCode::AccountNotSigner)
        .await;
    assert!(fx.raw_account(&h.residency()).await.is_none());
}

#[tokio::test]
async fn another_nodes_operator_cannot_vouch() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let austin = h.s.node_with_operator(&mut fx, "austin").await;
    let forged = ix::check_in(
        &PROGRAM_ID,
        &h.member.pubkey(),
        &austin.pubkey(),
        &h.s.address,
        "lisbon",
    );
    fx.send_err(
        &[forged],
        &[&h.member, &austin],
        NetstateError::NotNodeOperator,
    )
    .await;
    let stranger = Keypair::new();
    let forged = ix::check_in(
        &PROGRAM_ID,
        &h.member.pubkey(),
        &stranger.pubkey(),
        &h.s.address,
        "lisbon",
    );
    fx.send_err(
        &[forged],
        &[&h.member, &stranger],
        NetstateError::NotNodeOperator,
    )
    .await;
    let node: Node = fx.account(&h.s.node("lisbon")).await;
    assert_eq!(node.check_in_count, 0);
}

#[tokio::test]
async fn retired_node_takes_no_check_ins() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &h.s.founder.pubkey(),
            &h.s.address,
            "lisbon",
            *b"PT",
        )],
        &[&h.s.founder],
    )
    .await;
    fx.send_err(
        &[h.check_in()],
        &[&h.member, &h.operator],
        NetstateError::NodeRetired,
    )
    .await;
}

#[tokio::test]
async fn another_societys_node_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let other = TestSociety::create(&mut fx, "Lunar", AdmissionPolicy::Open).await;
    let bali = other.node_with_operator(&mut fx, "bali").await;
    // Society A, A's member, but B's node (with its real operator signing).
    let node = other.node("bali");
    let mut forged = ix::check_in(
        &PROGRAM_ID,
        &h.member.pubkey(),
        &bali.pubkey(),
        &h.s.address,
        "bali",
    );
    forged.accounts[3].pubkey = node;
    forged.accounts[5].pubkey = pda::residency(&PROGRAM_ID, &node, &h.member.pubkey()).0;
    fx.send_err(
        &[forged],
        &[&h.member, &bali],
        NetstateError::NodeNotInSociety,
    )
    .await;
}

#[tokio::test]
async fn another_societys_member_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let other = TestSociety::create(&mut fx, "Lunar", AdmissionPolicy::Open).await;
    let outsider = other.citizen(&mut fx, "zed").await;
    // The outsider presents their Lunar membership at Solar's hub.
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &outsider.pubkey(),
            &h.operator.pubkey(),
            &h.s.address,
            "lisbon",
        ),
        4,
        &other.member(&outsider.pubkey()),
    );
    fx.send_err(
        &[forged],
        &[&outsider, &h.operator],
        ErrorCode::ConstraintSeeds,
    )
    .await;
}

#[tokio::test]
async fn someone_elses_membership_is_rejected() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let impostor = fx.wallet().await;
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &impostor.pubkey(),
            &h.operator.pubkey(),
            &h.s.address,
            "lisbon",
        ),
        4,
        &h.s.member(&h.member.pubkey()),
    );
    fx.send_err(
        &[forged],
        &[&impostor, &h.operator],
        ErrorCode::ConstraintSeeds,
    )
    .await;
}

#[tokio::test]
async fn non_members_cannot_check_in() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    let stranger = fx.wallet().await;
    let ix = ix::check_in(
        &PROGRAM_ID,
        &stranger.pubkey(),
        &h.operator.pubkey(),
        &h.s.address,
        "lisbon",
    );
    fx.send_err(
        &[ix],
        &[&stranger, &h.operator],
        ErrorCode::AccountNotInitialized,
    )
    .await;
}

#[tokio::test]
async fn expelled_members_cannot_check_in() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    forge_expelled(&mut fx, &h.s.member(&h.member.pubkey())).await;
    fx.send_err(
        &[h.check_in()],
        &[&h.member, &h.operator],
        NetstateError::MemberExpelled,
    )
    .await;
}

#[tokio::test]
async fn operator_checks_in_only_as_a_member_and_once() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    // The steward registers a node it operates itself.
    let steward = s.founder.pubkey();
    fx.send_ok(
        &[ix::register_node(
            &PROGRAM_ID,
            &steward,
            &s.address,
            node_spec("home", &steward),
        )],
        &[&s.founder],
    )
    .await;
    let self_check_in = ix::check_in(&PROGRAM_ID, &steward, &steward, &s.address, "home");
    fx.send_ok(std::slice::from_ref(&self_check_in), &[&s.founder])
        .await;
    fx.send_err(
        &[self_check_in],
        &[&s.founder],
        NetstateError::AlreadyCheckedInToday,
    )
    .await;
    let node: Node = fx.account(&s.node("home")).await;
    assert_eq!(node.check_in_count, 1);

    // An operator who is not a member cannot check themselves in.
    let operator = s.node_with_operator(&mut fx, "door").await;
    fx.fund(&operator.pubkey(), 1_000_000_000).await;
    let ix = ix::check_in(
        &PROGRAM_ID,
        &operator.pubkey(),
        &operator.pubkey(),
        &s.address,
        "door",
    );
    fx.send_err(&[ix], &[&operator], ErrorCode::AccountNotInitialized)
        .await;
}

#[tokio::test]
async fn residency_survives_leaving_and_rejoining() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &h.member.pubkey(), &h.s.address)],
        &[&h.member],
    )
    .await;
    fx.send_ok(
        &[ix::apply(
            &PROGRAM_ID,
            &h.member.pubkey(),
            &h.s.address,
            apply_args("ana"),
        )],
        &[&h.member],
    )
    .await;
    // Re-joining the same day does not allow a second check-in that day.
    fx.send_err(
        &[h.check_in()],
        &[&h.member, &h.operator],
        NetstateError::AlreadyCheckedInToday,
    )
    .await;
    fx.warp_seconds(DAY).await;
    fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
    let residency: Residency = fx.account(&h.residency()).await;
    assert_eq!(residency.days_present, 2);
    let node: Node = fx.account(&h.s.node("lisbon")).await;
    assert_eq!((node.check_in_count, node.resident_count), (2, 1));
    let member: Member = fx.account(&h.s.member(&h.member.pubkey())).await;
    assert_eq!(
        member.check_in_count, 1,
        "the new membership counts its own check-ins"
    );
}

#[tokio::test]
async fn residency_is_provable_by_day_count() {
    let mut fx = Fixture::new().await;
    let h = hub(&mut fx, AdmissionPolicy::Open).await;
    for _ in 0..3 {
        fx.send_ok(&[h.check_in()], &[&h.member, &h.operator]).await;
        fx.warp_seconds(DAY).await;
    }
    let prove = |min| {
        ix::prove_residency(
            &PROGRAM_ID,
            &h.s.address,
            "lisbon",
            &h.member.pubkey(),
            min,
            0,
        )
    };
    let out = fx.send_ok(&[prove(3)], &[]).await;
    assert_eq!(
        out.return_data,
        Some(3u32.to_le_bytes().to_vec()),
        "the day count comes back as return data"
    );
    fx.send_err(&[prove(4)], &[], NetstateError::NotResidentLongEnough)
        .await;
    // Someone else's residency cannot stand in for another node's.
    let austin = h.s.node_with_operator(&mut fx, "austin").await;
    fx.send_ok(
        &[ix::check_in(
            &PROGRAM_ID,
            &h.member.pubkey(),
            &austin.pubkey(),
            &h.s.address,
            "austin",
        )],
        &[&h.member, &austin],
    )
    .await;
    let forged = swap_account(prove(1), 0, &h.s.node("austin"));
    fx.send_err(&[forged], &[], NetstateError::ResidencyNotForNode)
        .await;
}
