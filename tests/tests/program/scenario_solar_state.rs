//! The whole story of a network state: founding, five citizens, a treasury funded in SOL and
//! in a token, a grant to the Lisbon hub's operator voted, timelocked and executed; told at
//! netstate's own program id and again on a deployment at another address (the relocated
//! build, as `anchor keys sync` makes one), which leaves the default address untouched.

use anchor_lang::Space;
use netstate_client::PROGRAM_ID;
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
    let s = grant_story(&mut fx).await;
    assert_eq!(fx.raw_account(&s.address).await.unwrap().owner, PROGRAM_ID);
}

#[tokio::test]
async fn the_same_story_runs_on_a_deployment_at_another_address() {
    let mut fx = Fixture::relocated().await;
    let relocated = fx.program_id();
    assert_ne!(relocated, PROGRAM_ID);
    let s = grant_story(&mut fx).await;
    assert_eq!(s.program_id, relocated);
    assert_eq!(s.address, pda::society(&relocated, "The Solar State").0);
    assert_eq!(fx.raw_account(&s.address).await.unwrap().owner, relocated);

    // The default address was never touched: none of the story's accounts exist there.
    let at_default = pda::society(&PROGRAM_ID, "The Solar State").0;
    for address in [
        at_default,
        pda::treasury(&PROGRAM_ID, &at_default).0,
        pda::member(&PROGRAM_ID, &at_default, &s.founder.pubkey()).0,
        pda::node(&PROGRAM_ID, &at_default, "lisbon").0,
        pda::proposal(&PROGRAM_ID, &at_default, 0).0,
    ] {
        assert!(fx.raw_account(&address).await.is_none(), "{address} exists");
    }

    // Neither deployment takes the other's accounts: the default program refuses the
    // relocated society by its owner.
    let patron = fx.wallet().await;
    let mut deposit = ix::deposit_sol(&PROGRAM_ID, &patron.pubkey(), &s.address, 1_000_000);
    assert_eq!(deposit.program_id, PROGRAM_ID);
    fx.send_err(
        std::slice::from_ref(&deposit),
        &[&patron],
        anchor_lang::error::ErrorCode::AccountOwnedByWrongProgram,
    )
    .await;
    // Nor does the relocated program take an instruction whose other accounts are the
    // default deployment's addresses.
    deposit.program_id = relocated;
    fx.send_err(
        &[deposit],
        &[&patron],
        anchor_lang::error::ErrorCode::ConstraintSeeds,
    )
    .await;
}

/// The story, on whichever deployment `fx` runs; returns the society it founded.
async fn grant_story(fx: &mut Fixture) -> TestSociety {
    let program_id = fx.program_id();
    let s = TestSociety::create(fx, "The Solar State", AdmissionPolicy::Vetted).await;
    let mut citizens = vec![s.founder.insecure_clone()];
    for handle in ["ana", "bo", "chen", "dee"] {
        citizens.push(s.citizen(fx, handle).await);
    }
    let lisbon = s.node_with_operator(fx, "lisbon").await;
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
    let treasury = pda::treasury(&program_id, &s.address).0;
    let reserve = fx.rent_exempt(0).await;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &program_id,
            &patron.pubkey(),
            &s.address,
            20_000_000_000,
        )],
        &[&patron],
    )
    .await;
    assert_eq!(fx.balance(&treasury).await, reserve + 20_000_000_000);
    let mint_authority = Keypair::new();
    let usdc = tokens::create_mint(fx, &mint_authority.pubkey(), 6, &TOKEN).await;
    tokens::mint_to(
        fx,
        &usdc,
        &mint_authority,
        &patron.pubkey(),
        5_000_000_000,
        &TOKEN,
    )
    .await;
    fx.send_ok(
        &[ix::deposit_token(
            &program_id,
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
    assert_eq!(tokens::balance(fx, &treasury_usdc).await, 1_000_000_000);

    // Ana proposes a 3 SOL grant to the Lisbon hub's operator.
    let grant = ProposalAction::TransferSol {
        recipient: lisbon.pubkey(),
        amount: 3_000_000_000,
    };
    let proposal = s.propose(fx, &citizens[1], grant).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.eligible_count, p.status, p.index),
        (5, ProposalStatus::Voting, 0)
    );

    // Four vote yes, one no; Dee changes her mind from no to yes, then back to no.
    for voter in &citizens[..4] {
        s.vote(fx, voter, &proposal, VoteChoice::Yes).await;
    }
    s.vote(fx, &citizens[4], &proposal, VoteChoice::No).await;
    s.vote(fx, &citizens[4], &proposal, VoteChoice::Yes).await;
    let out = s.vote(fx, &citizens[4], &proposal, VoteChoice::No).await;
    let cast: events::VoteCast = out.event();
    assert_eq!(
        (cast.previous, cast.tally.yes, cast.tally.no),
        (Some(VoteChoice::Yes), 4, 1)
    );

    // Voting ends; anyone finalizes; the timelock runs; anyone executes.
    fx.warp_seconds(VOTING).await;
    let out = s.finalize(fx, &proposal).await;
    let finalized: events::ProposalFinalized = out.event();
    assert!(finalized.passed);
    assert_eq!(finalized.executable_at, p.voting_ends_at + DELAY);
    let early = s.execute_ix(fx, &proposal).await;
    fx.send_err(
        &[early],
        &[],
        netstate::error::NetstateError::ProposalNotYetExecutable,
    )
    .await;
    fx.warp_seconds(DELAY).await;

    let operator_before = fx.balance(&lisbon.pubkey()).await;
    let execute = s.execute_ix(fx, &proposal).await;
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
    assert_eq!(tokens::balance(fx, &treasury_usdc).await, 1_000_000_000);
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
            &[ix::close_vote(
                &program_id,
                &s.address,
                &proposal,
                &voter.pubkey(),
            )],
            &[],
        )
        .await;
        assert_eq!(fx.balance(&voter.pubkey()).await - before, vote_rent);
    }
    let before = fx.balance(&citizens[1].pubkey()).await;
    fx.send_ok(
        &[ix::close_proposal(
            &program_id,
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
    s
}
