//! Founding a society, its validation, and ending the startup stage.

use anchor_lang::Space;
use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, GovernanceParams, Member, MemberStatus, Society, events, instructions as ix,
    pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_signer::Signer;

#[tokio::test]
async fn founder_becomes_first_citizen_and_steward() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let before = fx.balance(&founder.pubkey()).await;
    let out = fx
        .send_ok(
            &[ix::create_society(
                &PROGRAM_ID,
                &founder.pubkey(),
                society_args("The Solar State", AdmissionPolicy::Open),
            )],
            &[&founder],
        )
        .await;
    let (address, bump) = pda::society(&PROGRAM_ID, "The Solar State");
    let society: Society = fx.account(&address).await;
    assert_eq!(society.name, "The Solar State");
    assert_eq!(society.version, 1);
    assert_eq!(society.bump, bump);
    assert_eq!(
        society.treasury_bump,
        pda::treasury(&PROGRAM_ID, &address).1
    );
    assert_eq!(society.founder, founder.pubkey());
    assert_eq!(society.steward, Some(founder.pubkey()));
    assert_eq!(society.constitution_hash, [7; 32]);
    assert_eq!(society.governance, GovernanceParams::default());
    assert_eq!((society.member_count, society.citizen_count), (1, 1));
    assert_eq!((society.node_count, society.proposal_count), (0, 0));
    assert_eq!(society.created_at, fx.now());
    assert_eq!(society.seq, 2);

    let (member_address, member_bump) = pda::member(&PROGRAM_ID, &address, &founder.pubkey());
    let member: Member = fx.account(&member_address).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    assert_eq!(member.bump, member_bump);
    assert_eq!(member.handle, "founder");
    assert_eq!(member.admitted_at, fx.now());
    assert_eq!(member.citizen_seq, 2);

    // The founder paid exactly the rent of the society, its exit basket, SOL's outflow
    // record and the founder's membership, and the treasury's reserve (the fee payer is the
    // fixture's).
    let reserve = fx.rent_exempt(0).await;
    let rent = fx.rent_exempt(8 + Society::INIT_SPACE).await
        + fx.rent_exempt(8 + netstate::state::ExitBasket::INIT_SPACE)
            .await
        + fx.rent_exempt(8 + netstate::state::Outflow::INIT_SPACE)
            .await
        + fx.rent_exempt(8 + Member::INIT_SPACE).await
        + reserve;
    assert_eq!(before - fx.balance(&founder.pubkey()).await, rent);
    assert_eq!(
        fx.balance(&pda::treasury(&PROGRAM_ID, &address).0).await,
        reserve
    );

    let created: events::SocietyCreated = out.event();
    assert_eq!(
        (created.society, created.seq, created.founder),
        (address, 1, founder.pubkey())
    );
    assert_eq!(created.name, "The Solar State");
    let admitted: events::MemberAdmitted = out.event();
    assert_eq!((admitted.seq, admitted.citizen_count), (2, 1));
    assert_eq!(admitted.admitted_by, events::AdmittedBy::Founding);
}

#[tokio::test]
async fn custom_governance_is_stored() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let governance = GovernanceParams {
        quorum_bps: 5_000,
        approval_bps: 6_667,
        voting_period_secs: 7 * 86_400,
        execution_delay_secs: 0,
        execution_window_secs: 86_400,
        max_open_proposals_per_citizen: 1,
        supermajority_bps: 7_500,
        supermajority_quorum_bps: 5_000,
        outflow_cap_bps: 5_000,
        outflow_window_secs: 86_400,
        large_transfer_bps: 2_500,
        veto_bps: 2_000,
    };
    let mut args = society_args(
        "Custom",
        AdmissionPolicy::Sponsored {
            sponsors_required: 2,
        },
    );
    args.governance = Some(governance);
    fx.send_ok(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
    )
    .await;
    let society: Society = fx.account(&pda::society(&PROGRAM_ID, "Custom").0).await;
    assert_eq!(society.governance, governance);
    assert_eq!(
        society.admission,
        AdmissionPolicy::Sponsored {
            sponsors_required: 2
        }
    );
}

#[tokio::test]
async fn taken_name_is_rejected_for_anyone() {
    let mut fx = Fixture::new().await;
    let first = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let other = fx.wallet().await;
    fx.send_err(
        &[ix::create_society(
            &PROGRAM_ID,
            &other.pubkey(),
            society_args("Solar", AdmissionPolicy::Open),
        )],
        &[&other],
        NetstateError::SocietyNameTaken,
    )
    .await;
    fx.send_err(
        &[ix::create_society(
            &PROGRAM_ID,
            &first.founder.pubkey(),
            society_args("Solar", AdmissionPolicy::Vetted),
        )],
        &[&first.founder],
        NetstateError::SocietyNameTaken,
    )
    .await;
    // Nothing changed.
    let society: Society = fx.account(&first.address).await;
    assert_eq!(
        (society.seq, society.member_count, society.admission),
        (2, 1, AdmissionPolicy::Open)
    );
}

/// Sends `create_society` with `edit` applied to valid arguments and expects `error`.
async fn rejected(
    edit: impl FnOnce(&mut netstate_client::CreateSocietyArgs),
    error: NetstateError,
) {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let mut args = society_args("Valid", AdmissionPolicy::Open);
    edit(&mut args);
    let address = pda::society(&PROGRAM_ID, &args.name).0;
    fx.send_err(
        &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
        &[&founder],
        error,
    )
    .await;
    assert!(
        fx.raw_account(&address).await.is_none(),
        "no society may be left behind"
    );
}

#[tokio::test]
async fn empty_name_is_rejected() {
    rejected(|a| a.name.clear(), NetstateError::SocietyNameEmpty).await;
}

#[tokio::test]
async fn name_over_32_bytes_is_rejected() {
    rejected(
        |a| a.name = "x".repeat(33),
        NetstateError::SocietyNameTooLong,
    )
    .await;
    // 11 three-byte characters: 33 bytes although only 11 characters.
    rejected(
        |a| a.name = "☀".repeat(11),
        NetstateError::SocietyNameTooLong,
    )
    .await;
}

#[tokio::test]
async fn name_with_control_characters_is_rejected() {
    rejected(
        |a| a.name = "Solar\u{7}".into(),
        NetstateError::SocietyNameNotPrintable,
    )
    .await;
    rejected(
        |a| a.name = "Solar ".into(),
        NetstateError::SocietyNameNotPrintable,
    )
    .await;
}

#[tokio::test]
async fn bad_constitution_uri_is_rejected() {
    rejected(
        |a| a.constitution_uri = "x".repeat(129),
        NetstateError::ConstitutionUriTooLong,
    )
    .await;
    rejected(
        |a| a.constitution_uri.clear(),
        NetstateError::ConstitutionUriInvalid,
    )
    .await;
    rejected(
        |a| a.constitution_uri = "ipfs://a b".into(),
        NetstateError::ConstitutionUriInvalid,
    )
    .await;
}

#[tokio::test]
async fn an_unhashed_constitution_is_rejected() {
    // All zeros means no text was hashed: the society would pin nothing.
    rejected(
        |a| a.constitution_hash = [0; 32],
        NetstateError::ConstitutionHashMissing,
    )
    .await;
}

#[tokio::test]
async fn bad_admission_policy_is_rejected() {
    rejected(
        |a| {
            a.admission = AdmissionPolicy::Sponsored {
                sponsors_required: 0,
            }
        },
        NetstateError::SponsorsRequiredOutOfRange,
    )
    .await;
    rejected(
        |a| {
            a.admission = AdmissionPolicy::Sponsored {
                sponsors_required: 17,
            }
        },
        NetstateError::SponsorsRequiredOutOfRange,
    )
    .await;
}

#[tokio::test]
async fn bad_governance_is_rejected() {
    let with = |f: fn(&mut GovernanceParams)| {
        move |a: &mut netstate_client::CreateSocietyArgs| {
            let mut g = GovernanceParams::default();
            f(&mut g);
            a.governance = Some(g);
        }
    };
    rejected(with(|g| g.quorum_bps = 0), NetstateError::QuorumOutOfRange).await;
    rejected(
        with(|g| g.approval_bps = 5_000),
        NetstateError::ApprovalThresholdOutOfRange,
    )
    .await;
    rejected(
        with(|g| g.voting_period_secs = 60),
        NetstateError::VotingPeriodOutOfRange,
    )
    .await;
    rejected(
        with(|g| g.execution_delay_secs = u32::MAX),
        NetstateError::ExecutionDelayOutOfRange,
    )
    .await;
    rejected(
        with(|g| g.execution_window_secs = 0),
        NetstateError::ExecutionWindowOutOfRange,
    )
    .await;
    rejected(
        with(|g| g.max_open_proposals_per_citizen = 17),
        NetstateError::MaxOpenProposalsOutOfRange,
    )
    .await;
}

#[tokio::test]
async fn bad_founder_handle_is_rejected() {
    rejected(
        |a| a.founder_handle = "h".repeat(33),
        NetstateError::HandleTooLong,
    )
    .await;
    rejected(
        |a| a.founder_profile_uri = "u".repeat(65),
        NetstateError::ProfileUriTooLong,
    )
    .await;
}

#[tokio::test]
async fn steward_renounces_for_good() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let applicant = s.applicant(&mut fx, "ana").await;
    let out = fx
        .send_ok(
            &[ix::renounce_steward(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
            )],
            &[&s.founder],
        )
        .await;
    let event: events::StewardRenounced = out.event();
    assert_eq!((event.former_steward, event.seq), (s.founder.pubkey(), 4));
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.steward, None);

    // Every steward power is gone, renouncing included.
    fx.send_err(
        &[ix::admit_member(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&s.founder],
        NetstateError::StewardshipEnded,
    )
    .await;
    fx.send_err(
        &[ix::register_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            node_spec("lisbon", &s.founder.pubkey()),
        )],
        &[&s.founder],
        NetstateError::StewardshipEnded,
    )
    .await;
    fx.send_err(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
        )],
        &[&s.founder],
        NetstateError::StewardshipEnded,
    )
    .await;
    // Once no longer steward, the founder may leave like anyone.
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &s.founder.pubkey(), &s.address)],
        &[&s.founder],
    )
    .await;
}

#[tokio::test]
async fn only_the_steward_may_renounce() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let citizen = s.citizen(&mut fx, "ana").await;
    fx.send_err(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &citizen.pubkey(),
            &s.address,
        )],
        &[&citizen],
        NetstateError::NotTheSteward,
    )
    .await;
    fx.send_err(
        &[without_signer(
            ix::renounce_steward(&PROGRAM_ID, &s.founder.pubkey(), &s.address),
            &s.founder.pubkey(),
        )],
        &[],
        ErrorCode::AccountNotSigner,
    )
    .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.steward, Some(s.founder.pubkey()));
}
