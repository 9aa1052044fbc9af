//! The whole story of a network state: founding, five citizens, a treasury funded in SOL and
//! in a token, a grant to the Lisbon hub's operator voted, timelocked and executed.

use anchor_lang::Space;
use netstate_client::{
    AdmissionPolicy, Member, Proposal, ProposalAction, ProposalStatus, Society, VoteChoice,
    VoteRecord, events, instructions as ix, pda,
};
use netstate_tests::fixture::running_sbf;
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::tokens::{self, TOKEN};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn a_grant_to_the_lisbon_hub_from_proposal_to_payment() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "The Solar State", AdmissionPolicy::Vetted).await;
    let mut citizens = vec![s.founder.insecure_clone()];
    for handle in ["ana", "bo", "chen", "dee"] {
        citizens.push(s.citizen(&mut fx, handle).await);
    }
    let lisbon = s.node_with_operator(&mut fx, "lisbon").await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (
            society.member_count,
            society.citizen_count,
            society.node_count
        ),
        (5, 5, 1)
    );

    // The treasury receives SOL and a token.
    let treasury = pda::treasury(&s.address).0;
    let reserve = fx.rent_exempt(0).await;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &patron.pubkey(),
            &s.address,
            20_000_000_000,
        )],
        &[&patron],
    )
    .await;
    assert_eq!(fx.balance(&treasury).await, reserve + 20_000_000_000);
    let mint_authority = Keypair::new();
    let usdc = tokens::create_mint(&mut fx, &mint_authority.pubkey(), 6, &TOKEN).await;
    tokens::mint_to(
        &mut fx,
        &usdc,
        &mint_authority,
        &patron.pubkey(),
        5_000_000_000,
        &TOKEN,
    )
    .await;
    fx.send_ok(
        &[ix::deposit_token(
            &patron.pubkey(),
            &s.address,
            &usdc,
            &TOKEN,
            1_000_000_000,
        )],
        &[&patron],
    )
    .await;
    let treasury_usdc = tokens::ata_address(&treasury, &usdc, &TOKEN);
    assert_eq!(
        tokens::balance(&mut fx, &treasury_usdc).await,
        1_000_000_000
    );

    // Ana proposes a 3 SOL grant to the Lisbon hub's operator.
    let grant = ProposalAction::TransferSol {
        recipient: lisbon.pubkey(),
        amount: 3_000_000_000,
    };
    let proposal = s.propose(&mut fx, &citizens[1], grant).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.eligible_count, p.status, p.index),
        (5, ProposalStatus::Voting, 0)
    );

    // Four vote yes, one no; Dee changes her mind from no to yes, then back to no.
    for voter in &citizens[..4] {
        s.vote(&mut fx, voter, &proposal, VoteChoice::Yes).await;
    }
    s.vote(&mut fx, &citizens[4], &proposal, VoteChoice::No)
        .await;
    s.vote(&mut fx, &citizens[4], &proposal, VoteChoice::Yes)
        .await;
    let out = s
        .vote(&mut fx, &citizens[4], &proposal, VoteChoice::No)
        .await;
    let cast: events::VoteCast = out.event();
    assert_eq!(
        (cast.previous, cast.tally.yes, cast.tally.no),
        (Some(VoteChoice::Yes), 4, 1)
    );

    // Voting ends; anyone finalizes; the timelock runs; anyone executes.
    fx.warp_seconds(VOTING).await;
    let out = s.finalize(&mut fx, &proposal).await;
    let finalized: events::ProposalFinalized = out.event();
    assert!(finalized.passed);
    assert_eq!(finalized.executable_at, p.voting_ends_at + DELAY);
    let early = s.execute_ix(&mut fx, &proposal).await;
    fx.send_err(
        &[early],
        &[],
        netstate::error::NetstateError::ProposalNotYetExecutable,
    )
    .await;
    fx.warp_seconds(DELAY).await;

    let operator_before = fx.balance(&lisbon.pubkey()).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    let out = fx.send_ok(&[execute], &[]).await;
    if running_sbf() {
        assert!(
            out.units < 100_000,
            "execute_transfer_sol used {} compute units",
            out.units
        );
    }
    let paid: events::TreasurySolPaid = out.event();
    assert_eq!(
        (paid.recipient, paid.amount),
        (lisbon.pubkey(), 3_000_000_000)
    );
    let executed: events::ProposalExecuted = out.event();
    assert_eq!(executed.seq, paid.seq + 1);

    // Every balance moved by exactly the grant, and nothing else moved.
    assert_eq!(
        fx.balance(&lisbon.pubkey()).await - operator_before,
        3_000_000_000
    );
    assert_eq!(fx.balance(&treasury).await, reserve + 17_000_000_000);
    assert_eq!(
        tokens::balance(&mut fx, &treasury_usdc).await,
        1_000_000_000
    );
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.status, p.tally.yes, p.tally.no, p.executed_at),
        (ProposalStatus::Executed, 4, 1, fx.now())
    );
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (
            society.member_count,
            society.citizen_count,
            society.proposal_count
        ),
        (5, 5, 1)
    );
    let ana: Member = fx.account(&s.member(&citizens[1].pubkey())).await;
    assert_eq!(ana.open_proposals, 0);

    // The records close and their rent goes back to those who paid it.
    let vote_rent = fx.rent_exempt(8 + VoteRecord::INIT_SPACE).await;
    for voter in &citizens {
        let before = fx.balance(&voter.pubkey()).await;
        fx.send_ok(
            &[ix::close_vote(&s.address, &proposal, &voter.pubkey())],
            &[],
        )
        .await;
        assert_eq!(fx.balance(&voter.pubkey()).await - before, vote_rent);
    }
    let before = fx.balance(&citizens[1].pubkey()).await;
    fx.send_ok(
        &[ix::close_proposal(
            &s.address,
            &proposal,
            &citizens[1].pubkey(),
        )],
        &[],
    )
    .await;
    let proposal_rent = fx.rent_exempt(8 + Proposal::INIT_SPACE).await;
    assert_eq!(
        fx.balance(&citizens[1].pubkey()).await - before,
        proposal_rent
    );
    assert!(fx.raw_account(&proposal).await.is_none());
}
