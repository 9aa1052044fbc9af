//! Presence that counts: citizenship earned by days at the society's hubs, presence across
//! hubs counted once a day, and proofs of residency over a window of recent days.

use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::tickets::SignedTicket;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Society, events, instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;

/// A society admitting citizens after `days` days of presence, with hubs lisbon and porto,
/// an applicant, and the clock ten days past the hubs' registration.
async fn presence_society(fx: &mut Fixture, days: u8) -> (TestSociety, Keypair, Keypair, Keypair) {
    let s = TestSociety::create(
        fx,
        "Walkers",
        AdmissionPolicy::Presence {
            days_required: days,
        },
    )
    .await;
    let lisbon = s.node_with_operator(fx, "lisbon").await;
    let porto = s.node_with_operator(fx, "porto").await;
    let applicant = s.applicant(fx, "ana").await;
    fx.warp_seconds(10 * DAY).await;
    (s, lisbon, porto, applicant)
}

fn ticket(s: &TestSociety, door: &Keypair, code: &str, wallet: &Keypair, day: u32) -> SignedTicket {
    SignedTicket::sign(
        door,
        &PROGRAM_ID,
        s.address,
        s.node(code),
        wallet.pubkey(),
        day,
    )
}

#[tokio::test]
async fn citizenship_is_earned_by_days_of_presence_counted_once_across_hubs() {
    let mut fx = Fixture::new().await;
    let (s, lisbon, porto, ana) = presence_society(&mut fx, 2).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    let member_address = s.member(&ana.pubkey());
    let applicant: Member = fx.account(&member_address).await;
    assert_eq!(
        applicant.status,
        MemberStatus::Applicant,
        "not a citizen at once"
    );
    let claim = ix::claim_citizenship(&PROGRAM_ID, &ana.pubkey(), &s.address);

    // Today at two hubs is still one day.
    fx.send_ok(
        &[ix::check_in(
            &PROGRAM_ID,
            &ana.pubkey(),
            &lisbon.pubkey(),
            &s.address,
            "lisbon",
        )],
        &[&ana, &lisbon],
    )
    .await;
    fx.send_ok(
        &ticket(&s, &porto, "porto", &ana, today).redeem(&payer),
        &[],
    )
    .await;
    let member: Member = fx.account(&member_address).await;
    assert_eq!(
        (member.check_in_count, member.days_within(today, 128)),
        (2, 1)
    );
    fx.send_err(&[claim.clone()], &[&ana], NetstateError::NotPresentEnough)
        .await;

    // A late ticket for an earlier day makes two.
    fx.send_ok(
        &ticket(&s, &lisbon, "lisbon", &ana, today - 4).redeem(&payer),
        &[],
    )
    .await;
    let before: Society = fx.account(&s.address).await;
    // Only the applicant's own wallet claims: the membership is derived from the signing
    // wallet, so the applicant's does not fit a stranger.
    let stranger = fx.wallet().await;
    let forged = swap_account(claim.clone(), 0, &stranger.pubkey());
    fx.send_err(&[forged], &[&stranger], ErrorCode::ConstraintSeeds)
        .await;
    let out = fx.send_ok(&[claim.clone()], &[&ana]).await;
    let event: events::MemberAdmitted = out.event();
    assert_eq!(event.admitted_by, events::AdmittedBy::Presence);
    let member: Member = fx.account(&member_address).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    let after: Society = fx.account(&s.address).await;
    assert_eq!(after.citizen_count, before.citizen_count + 1);
    fx.send_err(&[claim], &[&ana], NetstateError::NotAnApplicant)
        .await;
}

#[tokio::test]
async fn days_older_than_the_window_earn_nothing() {
    let mut fx = Fixture::new().await;
    let (s, lisbon, _, ana) = presence_society(&mut fx, 2).await;
    let payer = fx.payer().pubkey();
    let today = fx.today();
    fx.send_ok(
        &ticket(&s, &lisbon, "lisbon", &ana, today - 1).redeem(&payer),
        &[],
    )
    .await;
    fx.send_ok(
        &ticket(&s, &lisbon, "lisbon", &ana, today).redeem(&payer),
        &[],
    )
    .await;
    // 128 days later, both days have left the window.
    fx.warp_seconds(128 * DAY).await;
    fx.send_err(
        &[ix::claim_citizenship(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
        )],
        &[&ana],
        NetstateError::NotPresentEnough,
    )
    .await;
}

#[tokio::test]
async fn only_presence_societies_take_claims_and_their_days_are_bounded() {
    let mut fx = Fixture::new().await;
    let open = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Vetted).await;
    let ana = open.applicant(&mut fx, "ana").await;
    fx.send_err(
        &[ix::claim_citizenship(
            &PROGRAM_ID,
            &ana.pubkey(),
            &open.address,
        )],
        &[&ana],
        NetstateError::NotAPresenceSociety,
    )
    .await;
    for days in [0u8, 129] {
        let founder = fx.wallet().await;
        fx.send_err(
            &[ix::create_society(
                &PROGRAM_ID,
                &founder.pubkey(),
                society_args(
                    "Bounded",
                    AdmissionPolicy::Presence {
                        days_required: days,
                    },
                ),
            )],
            &[&founder],
            NetstateError::PresenceDaysOutOfRange,
        )
        .await;
    }
}

#[tokio::test]
async fn residency_is_proven_over_a_window_of_recent_days() {
    let mut fx = Fixture::new().await;
    let (s, lisbon, _, ana) = presence_society(&mut fx, 1).await;
    let payer = fx.payer().pubkey();
    let today = fx.today();
    for day in [today - 5, today] {
        fx.send_ok(
            &ticket(&s, &lisbon, "lisbon", &ana, day).redeem(&payer),
            &[],
        )
        .await;
    }
    let prove = |min, window| {
        ix::prove_residency(
            &PROGRAM_ID,
            &s.address,
            "lisbon",
            &ana.pubkey(),
            min,
            window,
        )
    };
    let out = fx.send_ok(&[prove(2, 6)], &[]).await;
    assert_eq!(out.return_data, Some(2u32.to_le_bytes().to_vec()));
    let out = fx.send_ok(&[prove(1, 5)], &[]).await;
    assert_eq!(out.return_data, Some(1u32.to_le_bytes().to_vec()));
    fx.send_err(&[prove(2, 5)], &[], NetstateError::NotResidentLongEnough)
        .await;
    fx.send_err(&[prove(1, 129)], &[], NetstateError::WindowOutOfRange)
        .await;
    // Window 0: every day ever.
    let out = fx.send_ok(&[prove(2, 0)], &[]).await;
    assert_eq!(out.return_data, Some(2u32.to_le_bytes().to_vec()));
    assert!(
        fx.raw_account(&pda::residency(&PROGRAM_ID, &s.node("lisbon"), &ana.pubkey()).0)
            .await
            .is_some()
    );
}

/// In a society that admits by presence, a door key vouches for the days that make
/// citizens, so naming one (a new hub, a new key for a hub) is judged by the supermajority,
/// as admitting is: a bare majority cannot hand a door to a key it holds and mint itself
/// citizens by tickets. In a society that admits otherwise, it stays an ordinary vote.
#[tokio::test]
async fn in_a_presence_society_choosing_a_door_key_needs_the_supermajority() {
    let mut fx = Fixture::new().await;
    let (s, _, _, _) = presence_society(&mut fx, 3).await;
    let majority_key = Keypair::new();
    let rotate = netstate_client::ProposalAction::SetNodeOperator {
        code: "lisbon".into(),
        operator: majority_key.pubkey(),
        revoke_previous: false,
    };
    let new_hub = netstate_client::ProposalAction::RegisterNode {
        spec: netstate_client::NodeSpec {
            code: "faro".into(),
            name: "Faro".into(),
            country: *b"PT",
            latitude_microdeg: 37_019_356,
            longitude_microdeg: -7_930_440,
            operator: majority_key.pubkey(),
        },
    };
    for action in [rotate.clone(), new_hub] {
        let proposal = s.propose(&mut fx, &s.founder, action).await;
        let p: netstate_client::Proposal = fx.account(&proposal).await;
        assert_eq!((p.quorum_bps, p.approval_bps), (3_334, 6_666));
    }
    let open = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    open.node_with_operator(&mut fx, "lisbon").await;
    let proposal = open.propose(&mut fx, &open.founder, rotate).await;
    let p: netstate_client::Proposal = fx.account(&proposal).await;
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
}
