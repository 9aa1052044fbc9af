//! Applying, sponsoring, admitting and leaving, with exact counters.

use anchor_lang::Space;
use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Society, Sponsorship, events, instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_signer::Signer;

async fn counters(fx: &mut Fixture, s: &TestSociety) -> (u32, u32) {
    let society: Society = fx.account(&s.address).await;
    (society.member_count, society.citizen_count)
}

#[tokio::test]
async fn open_policy_makes_applicants_citizens_at_once() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    let wallet = fx.wallet().await;
    let out = fx
        .send_ok(
            &[ix::apply(
                &PROGRAM_ID,
                &wallet.pubkey(),
                &s.address,
                apply_args("ana"),
            )],
            &[&wallet],
        )
        .await;
    let member: Member = fx.account(&s.member(&wallet.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    assert_eq!(
        (member.society, member.wallet),
        (s.address, wallet.pubkey())
    );
    assert_eq!((member.applied_seq, member.citizen_seq), (3, 4));
    assert_eq!((member.joined_at, member.admitted_at), (fx.now(), fx.now()));
    assert_eq!(counters(&mut fx, &s).await, (2, 2));
    let applied: events::MemberApplied = out.event();
    assert_eq!((applied.handle.as_str(), applied.seq), ("ana", 3));
    let admitted: events::MemberAdmitted = out.event();
    assert_eq!(admitted.admitted_by, events::AdmittedBy::OpenPolicy);
}

#[tokio::test]
async fn vetted_applicant_waits_for_the_steward() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Vetted", AdmissionPolicy::Vetted).await;
    let wallet = s.applicant(&mut fx, "ana").await;
    let member: Member = fx.account(&s.member(&wallet.pubkey())).await;
    assert_eq!(
        (member.status, member.admitted_at),
        (MemberStatus::Applicant, 0)
    );
    assert_eq!(counters(&mut fx, &s).await, (2, 1));

    fx.warp_seconds(60).await;
    let out = fx
        .send_ok(
            &[ix::admit_member(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &wallet.pubkey(),
            )],
            &[&s.founder],
        )
        .await;
    let member: Member = fx.account(&s.member(&wallet.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    assert_eq!(member.admitted_at, fx.now());
    assert_eq!(member.admitted_at - member.joined_at, 60);
    assert_eq!(counters(&mut fx, &s).await, (2, 2));
    let admitted: events::MemberAdmitted = out.event();
    assert_eq!(
        (admitted.admitted_by, admitted.citizen_count),
        (events::AdmittedBy::Steward, 2)
    );

    // Admitting a citizen again is refused.
    fx.send_err(
        &[ix::admit_member(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &wallet.pubkey(),
        )],
        &[&s.founder],
        NetstateError::NotAnApplicant,
    )
    .await;
}

#[tokio::test]
async fn only_the_steward_admits() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Vetted", AdmissionPolicy::Vetted).await;
    let citizen = s.citizen(&mut fx, "bob").await;
    let applicant = s.applicant(&mut fx, "ana").await;
    fx.send_err(
        &[ix::admit_member(
            &PROGRAM_ID,
            &citizen.pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&citizen],
        NetstateError::NotTheSteward,
    )
    .await;
    fx.send_err(
        &[ix::admit_member(
            &PROGRAM_ID,
            &applicant.pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&applicant],
        NetstateError::NotTheSteward,
    )
    .await;
    let member: Member = fx.account(&s.member(&applicant.pubkey())).await;
    assert_eq!(member.status, MemberStatus::Applicant);
}

#[tokio::test]
async fn applying_twice_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    let wallet = s.applicant(&mut fx, "ana").await;
    fx.send_err(
        &[ix::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &s.address,
            apply_args("ana2"),
        )],
        &[&wallet],
        NetstateError::AlreadyMember,
    )
    .await;
    let member: Member = fx.account(&s.member(&wallet.pubkey())).await;
    assert_eq!(member.handle, "ana");
    assert_eq!(counters(&mut fx, &s).await, (2, 2));
}

#[tokio::test]
async fn bad_profiles_are_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    let wallet = fx.wallet().await;
    let cases = [
        (apply_args(""), NetstateError::HandleEmpty),
        (apply_args(&"h".repeat(33)), NetstateError::HandleTooLong),
        (apply_args("tab\there"), NetstateError::HandleNotPrintable),
        (
            netstate_client::ApplyArgs {
                handle: "ana".into(),
                profile_uri: "u".repeat(65),
            },
            NetstateError::ProfileUriTooLong,
        ),
        (
            netstate_client::ApplyArgs {
                handle: "ana".into(),
                profile_uri: "https://x y".into(),
            },
            NetstateError::ProfileUriInvalid,
        ),
    ];
    for (args, error) in cases {
        fx.send_err(
            &[ix::apply(&PROGRAM_ID, &wallet.pubkey(), &s.address, args)],
            &[&wallet],
            error,
        )
        .await;
    }
    assert!(fx.raw_account(&s.member(&wallet.pubkey())).await.is_none());
    assert_eq!(counters(&mut fx, &s).await, (1, 1));
}

#[tokio::test]
async fn distinct_sponsors_admit_an_applicant() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(2)).await;
    let bob = s.citizen(&mut fx, "bob").await; // admitted by the steward
    let ana = s.applicant(&mut fx, "ana").await;
    let applicant = s.member(&ana.pubkey());

    let out = fx
        .send_ok(
            &[ix::sponsor(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &ana.pubkey(),
            )],
            &[&s.founder],
        )
        .await;
    let sponsored: events::MemberSponsored = out.event();
    assert_eq!(
        (sponsored.sponsor_count, sponsored.sponsors_required),
        (1, 2)
    );
    assert!(out.events::<events::MemberAdmitted>().is_empty());
    let member: Member = fx.account(&applicant).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Applicant, 1)
    );
    let record: Sponsorship = fx
        .account(&pda::sponsorship(&PROGRAM_ID, &applicant, &s.founder.pubkey()).0)
        .await;
    assert_eq!(
        (record.member, record.sponsor, record.application_seq),
        (applicant, s.founder.pubkey(), member.applied_seq)
    );

    // The same sponsor cannot count twice.
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
        NetstateError::AlreadySponsored,
    )
    .await;
    let member: Member = fx.account(&applicant).await;
    assert_eq!(member.sponsor_count, 1);

    let out = fx
        .send_ok(
            &[ix::sponsor(
                &PROGRAM_ID,
                &bob.pubkey(),
                &s.address,
                &ana.pubkey(),
            )],
            &[&bob],
        )
        .await;
    let admitted: events::MemberAdmitted = out.event();
    assert_eq!(
        (admitted.admitted_by, admitted.wallet),
        (events::AdmittedBy::Sponsors, ana.pubkey())
    );
    let member: Member = fx.account(&applicant).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Citizen, 2)
    );
    assert_eq!(counters(&mut fx, &s).await, (3, 3));

    // A citizen needs no more sponsors.
    let carl = s.citizen(&mut fx, "carl").await;
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &carl.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&carl],
        NetstateError::NotAnApplicant,
    )
    .await;
}

#[tokio::test]
async fn sponsoring_oneself_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(1)).await;
    let ana = s.applicant(&mut fx, "ana").await;
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&ana],
        NetstateError::CannotSponsorSelf,
    )
    .await;
    let member: Member = fx.account(&s.member(&ana.pubkey())).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Applicant, 0)
    );
}

#[tokio::test]
async fn applicants_cannot_sponsor() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(1)).await;
    let ana = s.applicant(&mut fx, "ana").await;
    let bob = s.applicant(&mut fx, "bob").await;
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &bob.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&bob],
        NetstateError::SponsorNotCitizen,
    )
    .await;
}

#[tokio::test]
async fn sponsorship_only_under_the_sponsored_policy() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Vetted", AdmissionPolicy::Vetted).await;
    let ana = s.applicant(&mut fx, "ana").await;
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
        NetstateError::SponsorshipNotAccepted,
    )
    .await;
}

#[tokio::test]
async fn leaving_returns_rent_and_keeps_counters_exact() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Vetted", AdmissionPolicy::Vetted).await;
    let citizen = s.citizen(&mut fx, "bob").await;
    let applicant = s.applicant(&mut fx, "ana").await;
    assert_eq!(counters(&mut fx, &s).await, (3, 2));
    let rent = fx.rent_exempt(8 + Member::INIT_SPACE).await;

    let before = fx.balance(&applicant.pubkey()).await;
    let out = fx
        .send_ok(
            &[ix::leave(&PROGRAM_ID, &applicant.pubkey(), &s.address)],
            &[&applicant],
        )
        .await;
    assert_eq!(fx.balance(&applicant.pubkey()).await - before, rent);
    assert!(
        fx.raw_account(&s.member(&applicant.pubkey()))
            .await
            .is_none()
    );
    assert_eq!(counters(&mut fx, &s).await, (2, 2));
    let left: events::MemberLeft = out.event();
    assert_eq!(
        (left.was_citizen, left.member_count, left.citizen_count),
        (false, 2, 2)
    );

    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &citizen.pubkey(), &s.address)],
        &[&citizen],
    )
    .await;
    assert_eq!(counters(&mut fx, &s).await, (1, 1));

    // Leaving twice: the account is gone.
    fx.send_err(
        &[ix::leave(&PROGRAM_ID, &citizen.pubkey(), &s.address)],
        &[&citizen],
        anchor_lang::error::ErrorCode::AccountNotInitialized,
    )
    .await;
    assert_eq!(counters(&mut fx, &s).await, (1, 1));
}

#[tokio::test]
async fn steward_must_renounce_before_leaving() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    fx.send_err(
        &[ix::leave(&PROGRAM_ID, &s.founder.pubkey(), &s.address)],
        &[&s.founder],
        NetstateError::StewardMustRenounceFirst,
    )
    .await;
    assert_eq!(counters(&mut fx, &s).await, (1, 1));
}

#[tokio::test]
async fn rejoining_starts_a_new_application_that_old_sponsors_may_sponsor_again() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(2)).await;
    let ana = s.applicant(&mut fx, "ana").await;
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
    )
    .await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &ana.pubkey(), &s.address)],
        &[&ana],
    )
    .await;

    fx.send_ok(
        &[ix::apply(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            apply_args("ana"),
        )],
        &[&ana],
    )
    .await;
    let member: Member = fx.account(&s.member(&ana.pubkey())).await;
    assert_eq!(
        member.sponsor_count, 0,
        "sponsorships of the old application do not carry over"
    );
    // The founder's old record is for the old application: sponsoring again counts.
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
    )
    .await;
    let member: Member = fx.account(&s.member(&ana.pubkey())).await;
    assert_eq!(member.sponsor_count, 1);
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
        NetstateError::AlreadySponsored,
    )
    .await;
}

#[tokio::test]
async fn expelled_members_cannot_reapply_or_leave() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Open", AdmissionPolicy::Open).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let member = s.member(&ana.pubkey());
    forge_expelled(&mut fx, &member).await;

    fx.send_err(
        &[ix::leave(&PROGRAM_ID, &ana.pubkey(), &s.address)],
        &[&ana],
        NetstateError::MemberExpelled,
    )
    .await;
    fx.send_err(
        &[ix::apply(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            apply_args("ana-again"),
        )],
        &[&ana],
        NetstateError::MemberExpelled,
    )
    .await;
    let record: Member = fx.account(&member).await;
    assert_eq!(
        (record.status, record.handle.as_str()),
        (MemberStatus::Expelled, "ana")
    );
}

#[tokio::test]
async fn spent_sponsorships_close_and_refund_the_sponsor() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(2)).await;
    let bob = s.citizen(&mut fx, "bob").await;
    let ana = s.applicant(&mut fx, "ana").await;
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&s.founder],
    )
    .await;
    // Still counting for a pending application.
    let close = ix::close_sponsorship(&PROGRAM_ID, &s.address, &ana.pubkey(), &s.founder.pubkey());
    fx.send_err(&[close.clone()], &[], NetstateError::SponsorshipStillCounts)
        .await;
    // The rent may only go to the sponsor: the record is derived from the wallet its rent
    // goes to, so naming another wallet misses it.
    let thief = fx.wallet().await;
    let forged = swap_account(close.clone(), 3, &thief.pubkey());
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;

    // Admitted: the record is spent.
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &bob.pubkey(),
            &s.address,
            &ana.pubkey(),
        )],
        &[&bob],
    )
    .await;
    let rent = fx.rent_exempt(8 + Sponsorship::INIT_SPACE).await;
    let before = fx.balance(&s.founder.pubkey()).await;
    let out = fx.send_ok(&[close], &[]).await;
    assert_eq!(fx.balance(&s.founder.pubkey()).await - before, rent);
    let record = pda::sponsorship(&PROGRAM_ID, &s.member(&ana.pubkey()), &s.founder.pubkey()).0;
    assert!(fx.raw_account(&record).await.is_none());
    let event: events::SponsorshipClosed = out.event();
    assert_eq!(
        (event.sponsorship, event.sponsor),
        (record, s.founder.pubkey())
    );

    // A record of an applicant who left is spent too.
    let eve = s.applicant(&mut fx, "eve").await;
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &bob.pubkey(),
            &s.address,
            &eve.pubkey(),
        )],
        &[&bob],
    )
    .await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &eve.pubkey(), &s.address)],
        &[&eve],
    )
    .await;
    fx.send_ok(
        &[ix::close_sponsorship(
            &PROGRAM_ID,
            &s.address,
            &eve.pubkey(),
            &bob.pubkey(),
        )],
        &[],
    )
    .await;
}
