//! The lifecycle classes: a subject that escapes between the vote and execution, a role
//! lost mid-flow, a cap kept on an account its owner can close, and the society's
//! invariant checked after every instruction.

use anchor_lang::{AccountSerialize, Space};
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, ProposalAction, Society, events, instructions as ix,
};
use netstate_tests::governance::proposal_args;
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn an_expulsion_lands_even_if_the_member_left_before_execution() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let target = &c[1];
    let expel = ProposalAction::ExpelMember {
        wallet: target.pubkey(),
    };
    let proposal = s.propose(&mut fx, &c[0], expel).await;
    s.pass(&mut fx, &proposal, &[&c[0], &s.founder]).await;
    // The target sees the result coming and leaves before anyone executes it.
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &target.pubkey(), &s.address)],
        &[target],
    )
    .await;
    let before: Society = fx.account(&s.address).await;
    assert!(fx.raw_account(&s.member(&target.pubkey())).await.is_none());

    let execute = s.execute_ix(&mut fx, &proposal).await;
    let executor = fx.payer().pubkey();
    let paid_before = fx.balance(&executor).await;
    let out = fx.send_ok(&[execute], &[]).await;

    let record: Member = fx.account(&s.member(&target.pubkey())).await;
    assert_eq!(record.status, MemberStatus::Expelled);
    assert_eq!(
        (record.wallet, record.society),
        (target.pubkey(), s.address)
    );
    let rent = fx.rent_exempt(8 + Member::INIT_SPACE).await;
    assert_eq!(fx.balance(&s.member(&target.pubkey())).await, rent);
    assert!(paid_before - fx.balance(&executor).await >= rent);
    let event: events::MemberExpelled = out.event();
    assert_eq!(event.wallet, target.pubkey());
    // The wallet had already left: the counters do not count it twice.
    let after: Society = fx.account(&s.address).await;
    assert_eq!(
        (after.member_count, after.citizen_count),
        (before.member_count, before.citizen_count)
    );
    // And it can never come back.
    let apply = ix::apply(
        &PROGRAM_ID,
        &target.pubkey(),
        &s.address,
        apply_args("again"),
    );
    fx.send_err(&[apply], &[target], NetstateError::MemberExpelled)
        .await;
}

#[tokio::test]
async fn an_admission_of_an_applicant_who_left_is_refused_at_execution() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let bob = s.applicant(&mut fx, "bob").await;
    let admit = ProposalAction::AdmitMember {
        wallet: bob.pubkey(),
    };
    let proposal = s.propose(&mut fx, &ana, admit).await;
    s.pass(&mut fx, &proposal, &[&ana, &s.founder]).await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &bob.pubkey(), &s.address)],
        &[&bob],
    )
    .await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(&[execute], &[], NetstateError::NotAMember)
        .await;
    assert!(fx.raw_account(&s.member(&bob.pubkey())).await.is_none());
}

#[tokio::test]
async fn expelling_the_steward_ends_stewardship() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let expel = ProposalAction::ExpelMember {
        wallet: s.founder.pubkey(),
    };
    let (proposal, out) = s.enact(&mut fx, &c[0], &[&c[0], &c[1]], expel).await;
    let changed: events::StewardChanged = out.event();
    assert_eq!(
        (changed.old, changed.new, changed.proposal),
        (Some(s.founder.pubkey()), None, proposal)
    );
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.steward, None);
    // Every power of the role ends with it.
    let register = ix::register_node(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        node_spec("lisbon", &s.founder.pubkey()),
    );
    fx.send_err(&[register], &[&s.founder], NetstateError::StewardshipEnded)
        .await;
    let mint = Keypair::new();
    let create_mint = ix::create_contribution_mint(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        &mint.pubkey(),
        &netstate_tests::tokens::TOKEN,
        0,
        false,
    );
    fx.send_err(
        &[create_mint],
        &[&s.founder, &mint],
        NetstateError::StewardshipEnded,
    )
    .await;
}

#[tokio::test]
async fn a_steward_must_be_a_citizen_when_proposed() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let applicant = s.applicant(&mut fx, "bob").await;
    let stranger = Keypair::new().pubkey();
    for wallet in [stranger, applicant.pubkey()] {
        let action = ProposalAction::SetSteward {
            steward: Some(wallet),
        };
        s.propose_refused(&mut fx, &ana, action, NetstateError::StewardNotACitizen)
            .await;
    }
    // Without the new steward's Member account the check cannot be made.
    let action = ProposalAction::SetSteward {
        steward: Some(ana.pubkey()),
    };
    let (honest, _) = s.propose_ix(&mut fx, &ana.pubkey(), action).await;
    // Ana proposes herself: her Member is the proposer's, then the subject's (the later one).
    let ana_member = s.member(&ana.pubkey());
    let at = honest
        .accounts
        .iter()
        .rposition(|meta| meta.pubkey == ana_member)
        .expect("the subject is passed");
    let forged = swap_account(honest, at, &netstate::ID);
    fx.send_err(&[forged], &[&ana], NetstateError::MissingSubject)
        .await;
}

#[tokio::test]
async fn a_steward_who_leaves_before_execution_is_not_appointed() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    fx.send_ok(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
        )],
        &[&s.founder],
    )
    .await;
    let appoint = ProposalAction::SetSteward {
        steward: Some(c[1].pubkey()),
    };
    let proposal = s.propose(&mut fx, &c[0], appoint).await;
    s.pass(&mut fx, &proposal, &[&c[0], &c[1]]).await;
    let honest = s.execute_ix(&mut fx, &proposal).await;
    // The new steward's Member account is required.
    let at = position(&honest, &s.member(&c[1].pubkey()));
    let without = swap_account(honest.clone(), at, &netstate::ID);
    fx.send_err(&[without], &[], NetstateError::MissingSubject)
        .await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &c[1].pubkey(), &s.address)],
        &[&c[1]],
    )
    .await;
    fx.send_err(&[honest], &[], NetstateError::StewardNotACitizen)
        .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.steward, None);
}

#[tokio::test]
async fn leaving_with_open_proposals_is_refused_until_they_are_cancelled() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    let leave = ix::leave(&PROGRAM_ID, &c[0].pubkey(), &s.address);
    fx.send_err(
        &[leave.clone()],
        &[&c[0]],
        NetstateError::OpenProposalsOutstanding,
    )
    .await;
    let member: Member = fx.account(&s.member(&c[0].pubkey())).await;
    assert_eq!(member.open_proposals, 1);
    fx.send_ok(
        &[ix::cancel_proposal(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &proposal,
        )],
        &[&c[0]],
    )
    .await;
    fx.send_ok(&[leave], &[&c[0]]).await;
    assert!(fx.raw_account(&s.member(&c[0].pubkey())).await.is_none());
}

#[tokio::test]
async fn the_open_proposal_cap_cannot_be_reset_by_leaving_and_rejoining() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    for _ in 0..3 {
        s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    }
    s.propose_refused(
        &mut fx,
        &c[0],
        ProposalAction::Signal,
        NetstateError::TooManyOpenProposals,
    )
    .await;
    fx.send_err(
        &[ix::leave(&PROGRAM_ID, &c[0].pubkey(), &s.address)],
        &[&c[0]],
        NetstateError::OpenProposalsOutstanding,
    )
    .await;
}

#[tokio::test]
async fn sponsorships_by_wallets_that_later_left_or_were_expelled_still_count() {
    // The rule (docs/design.md): a sponsorship is an attestation made by a citizen at the
    // time, as a vote is; it stands if its sponsor later leaves or is expelled.
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", sponsored(3)).await;
    let mut citizens = Vec::new();
    for i in 0..3 {
        let wallet = s.applicant(&mut fx, &format!("c{i}")).await;
        fx.send_ok(
            &[ix::admit_member(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &wallet.pubkey(),
            )],
            &[&s.founder],
        )
        .await;
        citizens.push(wallet);
    }
    let applicant = s.applicant(&mut fx, "newcomer").await;
    for sponsor in &citizens[..2] {
        fx.send_ok(
            &[ix::sponsor(
                &PROGRAM_ID,
                &sponsor.pubkey(),
                &s.address,
                &applicant.pubkey(),
            )],
            &[sponsor],
        )
        .await;
    }
    // One sponsor leaves, the other is expelled (the steward's record is forged to the
    // state an executed expulsion leaves, as the member tests do).
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &citizens[0].pubkey(), &s.address)],
        &[&citizens[0]],
    )
    .await;
    forge_expelled(&mut fx, &s.member(&citizens[1].pubkey())).await;
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &citizens[2].pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&citizens[2]],
    )
    .await;
    let member: Member = fx.account(&s.member(&applicant.pubkey())).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Citizen, 3)
    );
}

#[tokio::test]
async fn an_instruction_that_finds_the_society_inconsistent_is_refused() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let mut account = fx.raw_account(&s.address).await.expect("society");
    let mut society: Society = fx.account(&s.address).await;
    // More citizens than members: a state no sequence of instructions may leave behind.
    society.citizen_count = society.member_count + 1;
    let len = account.data.len();
    account.data.clear();
    society
        .try_serialize(&mut account.data)
        .expect("serializes");
    account.data.resize(len, 0);
    fx.set_account(&s.address, account);
    let patron = fx.wallet().await;
    fx.send_err(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            1_000_000,
        )],
        &[&patron],
        NetstateError::SocietyInvariantViolated,
    )
    .await;
    let args = proposal_args(ProposalAction::Signal);
    let create = ix::create_proposal(&PROGRAM_ID, &s.founder.pubkey(), &s.address, 0, args);
    fx.send_err(
        &[create],
        &[&s.founder],
        NetstateError::SocietyInvariantViolated,
    )
    .await;
}
