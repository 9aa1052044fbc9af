//! Dues and renewable citizenship (`docs/design.md`, "Dues"): paid by anyone into the
//! treasury, lapsing past the grace period (marked by anyone), and a lapsed member neither
//! votes, proposes nor sponsors, nor counts in electorates, until paid again.

use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Dues, Member, MemberStatus, ProposalAction, Society, VoteChoice, events,
    instructions as ix, pda,
};
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::tokens::{self, TOKEN};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;
const FEE: u64 = 100_000_000;

fn monthly(mint: Option<anchor_lang::prelude::Pubkey>) -> Dues {
    Dues {
        amount: FEE,
        mint,
        period_secs: 30 * DAY as u32,
        grace_secs: 7 * DAY as u32,
        since: 0,
    }
}

async fn with_dues(fx: &mut Fixture, n: usize) -> (TestSociety, Vec<Keypair>) {
    let (s, c) = TestSociety::with_citizens(fx, "Solar", n).await;
    fx.send_ok(
        &[ix::set_dues(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            monthly(None),
        )],
        &[&s.founder],
    )
    .await;
    (s, c)
}

#[tokio::test]
async fn dues_are_paid_by_anyone_and_lapse_past_the_grace_period() {
    let mut fx = Fixture::new().await;
    let (s, c) = with_dues(&mut fx, 2).await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.dues.amount, FEE);
    assert!(society.dues.since > 0);
    let ana = &c[0];
    // Nobody is lapsed before the grace period is over.
    fx.send_err(
        &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &ana.pubkey())],
        &[],
        NetstateError::DuesNotLapsed,
    )
    .await;
    // A sponsor pays two months for ana: into the treasury.
    let sponsor = fx.wallet().await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let before = fx.balance(&treasury).await;
    let out = fx
        .send_ok(
            &[ix::pay_dues(
                &PROGRAM_ID,
                &sponsor.pubkey(),
                &s.address,
                &ana.pubkey(),
                2,
            )],
            &[&sponsor],
        )
        .await;
    let paid: events::DuesPaid = out.event();
    assert_eq!(
        (paid.amount, paid.payer, paid.restored),
        (2 * FEE, sponsor.pubkey(), false)
    );
    assert_eq!(fx.balance(&treasury).await - before, 2 * FEE);
    let m: Member = fx.account(&s.member(&ana.pubkey())).await;
    assert_eq!(m.paid_until, paid.paid_until);
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &sponsor.pubkey(),
            &s.address,
            &ana.pubkey(),
            0,
        )],
        &[&sponsor],
        NetstateError::DuesPeriodsOutOfRange,
    )
    .await;
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &sponsor.pubkey(),
            &s.address,
            &ana.pubkey(),
            121,
        )],
        &[&sponsor],
        NetstateError::DuesPeriodsOutOfRange,
    )
    .await;

    // Past the grace period bob (who never paid) lapses, ana (paid) does not.
    fx.warp_seconds(8 * DAY).await;
    let bob = &c[1];
    fx.send_err(
        &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &ana.pubkey())],
        &[],
        NetstateError::DuesNotLapsed,
    )
    .await;
    let out = fx
        .send_ok(
            &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &bob.pubkey())],
            &[],
        )
        .await;
    let lapsed: events::MemberLapsed = out.event();
    assert_eq!(lapsed.citizen_count, 2);
    let m: Member = fx.account(&s.member(&bob.pubkey())).await;
    assert_eq!(m.status, MemberStatus::Lapsed);
    fx.send_err(
        &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &bob.pubkey())],
        &[],
        NetstateError::NotACitizen,
    )
    .await;
}

#[tokio::test]
async fn a_lapsed_member_has_no_say_until_paid_and_then_none_on_older_proposals() {
    let mut fx = Fixture::new().await;
    let (s, c) = with_dues(&mut fx, 3).await;
    for who in [&s.founder, &c[0], &c[1]] {
        fx.send_ok(
            &[ix::pay_dues(
                &PROGRAM_ID,
                &who.pubkey(),
                &s.address,
                &who.pubkey(),
                12,
            )],
            &[who],
        )
        .await;
    }
    fx.warp_seconds(8 * DAY).await;
    let lapsed = &c[2];
    fx.send_ok(
        &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &lapsed.pubkey())],
        &[],
    )
    .await;
    // Not in new electorates.
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    let p: netstate_client::Proposal = fx.account(&proposal).await;
    assert_eq!(p.eligible_count, 3);
    // No vote, no proposal, no sponsorship.
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &lapsed.pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[vote.clone()], &[lapsed], NetstateError::NotACitizen)
        .await;
    s.propose_refused(
        &mut fx,
        lapsed,
        ProposalAction::Signal,
        NetstateError::NotACitizen,
    )
    .await;
    // Paying again makes them a citizen, from now: still no vote on the older proposal.
    let out = fx
        .send_ok(
            &[ix::pay_dues(
                &PROGRAM_ID,
                &lapsed.pubkey(),
                &s.address,
                &lapsed.pubkey(),
                1,
            )],
            &[lapsed],
        )
        .await;
    assert!(out.event::<events::DuesPaid>().restored);
    let m: Member = fx.account(&s.member(&lapsed.pubkey())).await;
    assert_eq!(m.status, MemberStatus::Citizen);
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.citizen_count, 4);
    fx.send_err(&[vote], &[lapsed], NetstateError::NotEligibleToVote)
        .await;
    // A later proposal they vote on.
    let later = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.vote(&mut fx, lapsed, &later, VoteChoice::Yes).await;
}

#[tokio::test]
async fn a_lapsed_steward_is_steward_no_more_and_dues_change_by_proposal() {
    let mut fx = Fixture::new().await;
    let (s, c) = with_dues(&mut fx, 2).await;
    for who in [&c[0], &c[1]] {
        fx.send_ok(
            &[ix::pay_dues(
                &PROGRAM_ID,
                &who.pubkey(),
                &s.address,
                &who.pubkey(),
                12,
            )],
            &[who],
        )
        .await;
    }
    fx.warp_seconds(8 * DAY).await;
    let out = fx
        .send_ok(
            &[ix::mark_lapsed(
                &PROGRAM_ID,
                &s.address,
                &s.founder.pubkey(),
            )],
            &[],
        )
        .await;
    let renounced: events::StewardRenounced = out.event();
    assert_eq!(renounced.former_steward, s.founder.pubkey());
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.steward, None);
    // Only the steward sets dues: now a proposal does.
    fx.send_err(
        &[ix::set_dues(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            monthly(None),
        )],
        &[&s.founder],
        NetstateError::StewardshipEnded,
    )
    .await;
    s.propose_refused(
        &mut fx,
        &c[0],
        ProposalAction::SetDues {
            dues: Dues {
                period_secs: 60,
                ..monthly(None)
            },
        },
        NetstateError::DuesOutOfRange,
    )
    .await;
    let end = ProposalAction::SetDues {
        dues: Dues::default(),
    };
    let proposal = s.propose(&mut fx, &c[0], end).await;
    for voter in [&c[0], &c[1]] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    let out = fx.send_ok(&[execute], &[]).await;
    let set: events::DuesSet = out.event();
    assert_eq!((set.dues.amount, set.proposal), (0, Some(proposal)));
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &c[0].pubkey(),
            1,
        )],
        &[&c[0]],
        NetstateError::NoDues,
    )
    .await;
}

#[tokio::test]
async fn token_dues_are_paid_in_their_mint_only() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let issuer = fx.wallet().await;
    let usdc = tokens::create_mint(&mut fx, &issuer.pubkey(), 6, &TOKEN).await;
    let other = tokens::create_mint(&mut fx, &issuer.pubkey(), 6, &TOKEN).await;
    fx.send_ok(
        &[ix::set_dues(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            monthly(Some(usdc)),
        )],
        &[&s.founder],
    )
    .await;
    tokens::mint_to(&mut fx, &usdc, &issuer, &ana.pubkey(), 5 * FEE, &TOKEN).await;
    tokens::mint_to(&mut fx, &other, &issuer, &ana.pubkey(), 5 * FEE, &TOKEN).await;
    // SOL is not what this society charges.
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            &ana.pubkey(),
            1,
        )],
        &[&ana],
        NetstateError::MintMismatch,
    )
    .await;
    fx.send_err(
        &[ix::pay_dues_token(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            &ana.pubkey(),
            &other,
            &TOKEN,
            1,
        )],
        &[&ana],
        NetstateError::MintMismatch,
    )
    .await;
    fx.send_ok(
        &[ix::pay_dues_token(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            &ana.pubkey(),
            &usdc,
            &TOKEN,
            3,
        )],
        &[&ana],
    )
    .await;
    let vault = tokens::ata_address(&pda::treasury(&PROGRAM_ID, &s.address).0, &usdc, &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &vault).await, 3 * FEE);
    // An applicant pays nothing yet.
    let vetted = TestSociety::create(&mut fx, "Vetted", AdmissionPolicy::Vetted).await;
    fx.send_ok(
        &[ix::set_dues(
            &PROGRAM_ID,
            &vetted.founder.pubkey(),
            &vetted.address,
            monthly(None),
        )],
        &[&vetted.founder],
    )
    .await;
    let applicant = vetted.applicant(&mut fx, "bo").await;
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &applicant.pubkey(),
            &vetted.address,
            &applicant.pubkey(),
            1,
        )],
        &[&applicant],
        NetstateError::NotDuesPayer,
    )
    .await;
    // A steward's dues token must be the mint given, and one the treasury may hold.
    let mut wrong = ix::set_dues(
        &PROGRAM_ID,
        &s.founder.pubkey(),
        &s.address,
        monthly(Some(usdc)),
    );
    wrong.accounts[2].pubkey = other;
    fx.send_err(&[wrong], &[&s.founder], NetstateError::MintMismatch)
        .await;
}

#[tokio::test]
async fn a_lapsed_citizen_sponsors_no_one() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Sponsored", sponsored(1)).await;
    fx.send_ok(
        &[ix::set_dues(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            monthly(None),
        )],
        &[&s.founder],
    )
    .await;
    let ana = s.citizen(&mut fx, "ana").await;
    fx.send_ok(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &s.founder.pubkey(),
            12,
        )],
        &[&s.founder],
    )
    .await;
    fx.warp_seconds(8 * DAY).await;
    fx.send_ok(
        &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &ana.pubkey())],
        &[],
    )
    .await;
    let applicant = s.applicant(&mut fx, "bo").await;
    fx.send_err(
        &[ix::sponsor(
            &PROGRAM_ID,
            &ana.pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&ana],
        NetstateError::SponsorNotCitizen,
    )
    .await;
    // A citizen in good standing still does.
    fx.send_ok(
        &[ix::sponsor(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &applicant.pubkey(),
        )],
        &[&s.founder],
    )
    .await;
    let m: Member = fx.account(&s.member(&applicant.pubkey())).await;
    assert_eq!(m.status, MemberStatus::Citizen);
}

/// Once dues end, a member who lapsed under them could never pay again: they are a citizen
/// again by asking, for nothing (the SOL form; nothing moves), with a new sequence number;
/// a citizen has nothing to pay.
#[tokio::test]
async fn a_member_lapsed_under_ended_dues_is_a_citizen_again_for_nothing() {
    let mut fx = Fixture::new().await;
    let (s, c) = with_dues(&mut fx, 2).await;
    fx.send_ok(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &c[0].pubkey(),
            12,
        )],
        &[&c[0]],
    )
    .await;
    fx.warp_seconds(8 * DAY).await;
    for lapsing in [&c[1], &s.founder] {
        fx.send_ok(
            &[ix::mark_lapsed(&PROGRAM_ID, &s.address, &lapsing.pubkey())],
            &[],
        )
        .await;
    }
    // The one citizen left ends the dues.
    let end = ProposalAction::SetDues {
        dues: Dues::default(),
    };
    let proposal = s.propose(&mut fx, &c[0], end).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    fx.warp_seconds(DELAY).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_ok(&[execute], &[]).await;

    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let held = fx.balance(&treasury).await;
    let before: Society = fx.account(&s.address).await;
    let out = fx
        .send_ok(
            &[ix::pay_dues(
                &PROGRAM_ID,
                &c[1].pubkey(),
                &s.address,
                &c[1].pubkey(),
                1,
            )],
            &[&c[1]],
        )
        .await;
    let paid: events::DuesPaid = out.event();
    assert_eq!((paid.amount, paid.restored), (0, true));
    let member: Member = fx.account(&s.member(&c[1].pubkey())).await;
    assert_eq!(member.status, MemberStatus::Citizen);
    let after: Society = fx.account(&s.address).await;
    assert_eq!(after.citizen_count, before.citizen_count + 1);
    assert_eq!(fx.balance(&treasury).await, held);
    // A citizen has nothing to pay.
    fx.send_err(
        &[ix::pay_dues(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &c[0].pubkey(),
            1,
        )],
        &[&c[0]],
        NetstateError::NoDues,
    )
    .await;
}
