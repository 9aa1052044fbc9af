use netstate::error::NetstateError;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Society, events, instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_signer::Signer;

#[tokio::test]
async fn founder_becomes_first_citizen_and_steward() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let out = fx
        .send_ok(
            &[ix::create_society(
                &founder.pubkey(),
                society_args("The Solar State", AdmissionPolicy::Open),
            )],
            &[&founder],
        )
        .await;
    let (address, bump) = pda::society("The Solar State");
    let society: Society = fx.account(&address).await;
    assert_eq!(society.name, "The Solar State");
    assert_eq!(society.bump, bump);
    assert_eq!(society.steward, Some(founder.pubkey()));
    assert_eq!((society.member_count, society.citizen_count), (1, 1));
    assert_eq!(society.created_at, fx.now());
    assert_eq!(society.seq, 2);
    let member: Member = fx
        .account(&pda::member(&address, &founder.pubkey()).0)
        .await;
    assert_eq!(member.status, MemberStatus::Citizen);
    let created: events::SocietyCreated = out.event();
    assert_eq!((created.society, created.seq), (address, 1));
    let admitted: events::MemberAdmitted = out.event();
    assert_eq!(admitted.seq, 2);
}

#[tokio::test]
async fn taken_name_is_rejected() {
    let mut fx = Fixture::new().await;
    let first = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let other = fx.wallet().await;
    fx.send_err(
        &[ix::create_society(
            &other.pubkey(),
            society_args("Solar", AdmissionPolicy::Open),
        )],
        &[&other],
        NetstateError::SocietyNameTaken,
    )
    .await;
    fx.send_err(
        &[ix::create_society(
            &first.founder.pubkey(),
            society_args("Solar", AdmissionPolicy::Open),
        )],
        &[&first.founder],
        NetstateError::SocietyNameTaken,
    )
    .await;
}
