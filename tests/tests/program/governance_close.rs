//! No stuck rent: vote records and proposals close once final, rent back to who paid it.

use anchor_lang::Space;
use anchor_lang::error::ErrorCode;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{Proposal, ProposalAction, VoteChoice, VoteRecord, instructions as ix, pda};
use netstate_tests::governance::{DELAY, VOTING, WINDOW};
use netstate_tests::{Fixture, scenario::*};
use solana_signer::Signer;

#[tokio::test]
async fn nothing_closes_while_the_proposal_can_change() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.vote(&mut fx, &c[1], &proposal, VoteChoice::Yes).await;
    let close_vote = ix::close_vote(&PROGRAM_ID, &s.address, &proposal, &c[1].pubkey());
    fx.send_err(&[close_vote.clone()], &[], NetstateError::ProposalNotFinal)
        .await;
    let close = ix::close_proposal(&PROGRAM_ID, &s.address, &proposal, &c[0].pubkey());
    fx.send_err(&[close.clone()], &[], NetstateError::ProposalNotFinal)
        .await;
    // Passed but still executable: not final either.
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    fx.send_err(&[close_vote.clone()], &[], NetstateError::ProposalNotFinal)
        .await;
    // Expired: final.
    fx.warp_seconds(DELAY + WINDOW).await;
    fx.send_err(&[close.clone()], &[], NetstateError::VoteRecordsStillOpen)
        .await;
    fx.send_ok(&[close_vote], &[]).await;
    fx.send_ok(&[close], &[]).await;
    assert!(fx.raw_account(&proposal).await.is_none());
}

#[tokio::test]
async fn rent_goes_back_only_to_whoever_paid_it() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.vote(&mut fx, &c[1], &proposal, VoteChoice::No).await;
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

    let thief = fx.wallet().await;
    // The record's rent to the thief instead of the voter: the record is derived from the
    // proposal and the wallet that gets its rent, so naming another wallet misses it.
    let mut forged = ix::close_vote(&PROGRAM_ID, &s.address, &proposal, &c[1].pubkey());
    forged.accounts[3].pubkey = thief.pubkey();
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;
    let forged = swap_account(
        ix::close_proposal(&PROGRAM_ID, &s.address, &proposal, &c[0].pubkey()),
        3,
        &thief.pubkey(),
    );
    fx.send_err(&[forged], &[], NetstateError::RecipientMismatch)
        .await;

    let vote_rent = fx.rent_exempt(8 + VoteRecord::INIT_SPACE).await;
    let before = fx.balance(&c[1].pubkey()).await;
    fx.send_ok(
        &[ix::close_vote(
            &PROGRAM_ID,
            &s.address,
            &proposal,
            &c[1].pubkey(),
        )],
        &[],
    )
    .await;
    assert_eq!(fx.balance(&c[1].pubkey()).await - before, vote_rent);
    assert!(
        fx.raw_account(&pda::vote(&PROGRAM_ID, &proposal, &c[1].pubkey()).0)
            .await
            .is_none()
    );
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.open_vote_records, 0);

    let proposal_rent = fx.rent_exempt(8 + Proposal::INIT_SPACE).await;
    let before = fx.balance(&c[0].pubkey()).await;
    fx.send_ok(
        &[ix::close_proposal(
            &PROGRAM_ID,
            &s.address,
            &proposal,
            &c[0].pubkey(),
        )],
        &[],
    )
    .await;
    assert_eq!(fx.balance(&c[0].pubkey()).await - before, proposal_rent);
}

#[tokio::test]
async fn a_vote_record_of_another_proposal_cannot_be_closed_through_this_one() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let done = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    let open = s.propose(&mut fx, &c[0], ProposalAction::Signal).await;
    s.vote(&mut fx, &c[1], &open, VoteChoice::Yes).await;
    fx.send_ok(
        &[ix::cancel_proposal(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            &done,
        )],
        &[&c[0]],
    )
    .await;
    // Close the open proposal's record by naming the cancelled one: the record is derived
    // from the proposal named, so the open one's does not fit.
    let mut forged = ix::close_vote(&PROGRAM_ID, &s.address, &done, &c[1].pubkey());
    forged.accounts[2].pubkey = pda::vote(&PROGRAM_ID, &open, &c[1].pubkey()).0;
    fx.send_err(&[forged], &[], ErrorCode::ConstraintSeeds)
        .await;
    let p: Proposal = fx.account(&open).await;
    assert_eq!(p.open_vote_records, 1);
}
