//! Voting: one citizen one vote, changes, eligibility, deadlines, and exact tallies.

use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Proposal, ProposalAction, Tally, VoteChoice, VoteRecord, events,
    instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn votes_are_counted_and_may_change() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let out = s
        .vote(&mut fx, &s.founder, &proposal, VoteChoice::Yes)
        .await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::No).await;
    s.vote(&mut fx, &c[1], &proposal, VoteChoice::Abstain).await;
    let event: events::VoteCast = out.event();
    assert_eq!((event.previous, event.choice), (None, VoteChoice::Yes));
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        p.tally,
        Tally {
            yes: 1,
            no: 1,
            abstain: 1
        }
    );
    assert_eq!(p.open_vote_records, 3);

    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        p.tally,
        Tally {
            yes: 2,
            no: 0,
            abstain: 1
        }
    );
    assert_eq!(p.open_vote_records, 3);
    let record: VoteRecord = fx
        .account(&pda::vote(&PROGRAM_ID, &proposal, &c[0].pubkey()).0)
        .await;
    assert_eq!(
        (record.choice, record.voter, record.proposal),
        (VoteChoice::Yes, c[0].pubkey(), proposal)
    );
}

#[tokio::test]
async fn repeating_a_vote_is_rejected() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    let again = ix::cast_vote(
        &PROGRAM_ID,
        &c[0].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[again], &[&c[0]], NetstateError::VoteUnchanged)
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(p.tally.yes, 1);
}

#[tokio::test]
async fn citizens_admitted_after_creation_cannot_vote() {
    let mut fx = Fixture::new().await;
    let (s, _) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    // Flash membership: join (open policy: a citizen at once), then vote.
    let newcomer = s.citizen(&mut fx, "flash").await;
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &newcomer.pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&newcomer], NetstateError::NotEligibleToVote)
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!((p.tally.cast(), p.eligible_count), (0, 2));
}

#[tokio::test]
async fn joining_and_voting_in_one_transaction_is_rejected() {
    let mut fx = Fixture::new().await;
    let (s, _) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let newcomer = fx.wallet().await;
    let join = ix::apply(
        &PROGRAM_ID,
        &newcomer.pubkey(),
        &s.address,
        apply_args("flash"),
    );
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &newcomer.pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(
        &[join, vote],
        &[&newcomer],
        NetstateError::NotEligibleToVote,
    )
    .await;
}

#[tokio::test]
async fn applicants_cannot_vote() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let applicant = s.applicant(&mut fx, "ana").await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &applicant.pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&applicant], NetstateError::NotACitizen)
        .await;
}

#[tokio::test]
async fn leaving_and_rejoining_gives_no_second_vote() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    fx.send_ok(
        &[ix::leave(&PROGRAM_ID, &c[0].pubkey(), &s.address)],
        &[&c[0]],
    )
    .await;
    fx.send_ok(
        &[ix::apply(
            &PROGRAM_ID,
            &c[0].pubkey(),
            &s.address,
            apply_args("again"),
        )],
        &[&c[0]],
    )
    .await;
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &c[0].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::No,
    );
    fx.send_err(&[vote], &[&c[0]], NetstateError::NotEligibleToVote)
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        p.tally,
        Tally {
            yes: 1,
            no: 0,
            abstain: 0
        }
    );
}

#[tokio::test]
async fn votes_are_accepted_until_the_last_second_only() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let p: Proposal = fx.account(&proposal).await;
    fx.warp_seconds(p.voting_ends_at - 1 - fx.now()).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await; // end − 1
    fx.warp_seconds(1).await; // end
    let at_end = ix::cast_vote(
        &PROGRAM_ID,
        &c[1].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[at_end.clone()], &[&c[1]], NetstateError::VotingClosed)
        .await;
    fx.warp_seconds(1).await; // end + 1
    fx.send_err(&[at_end], &[&c[1]], NetstateError::VotingClosed)
        .await;
    // Nor may an earlier voter change their vote after the end.
    let change = ix::cast_vote(
        &PROGRAM_ID,
        &c[0].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::No,
    );
    fx.send_err(&[change], &[&c[0]], NetstateError::VotingClosed)
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        p.tally,
        Tally {
            yes: 1,
            no: 0,
            abstain: 0
        }
    );
}

#[tokio::test]
async fn an_expelled_voters_vote_stands_and_the_electorate_does_not_move() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    s.vote(&mut fx, &c[0], &proposal, VoteChoice::Yes).await;
    forge_expelled(&mut fx, &s.member(&c[0].pubkey())).await;
    let change = ix::cast_vote(
        &PROGRAM_ID,
        &c[0].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::No,
    );
    fx.send_err(&[change], &[&c[0]], NetstateError::NotACitizen)
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!((p.tally.yes, p.eligible_count), (1, 3));
}

#[tokio::test]
async fn a_proposal_of_another_society_is_rejected() {
    let mut fx = Fixture::new().await;
    let (a, _) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let (b, _) = TestSociety::with_citizens(&mut fx, "Lunar", 1).await;
    let b_proposal = b.propose(&mut fx, &b.founder, ProposalAction::Signal).await;
    // A's founder votes on B's proposal through A (where they are a citizen).
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &a.founder.pubkey(),
        &a.address,
        &b_proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&a.founder], NetstateError::ProposalNotInSociety)
        .await;
}

/// A small deterministic generator (xorshift), so the sequence is the same on every run.
struct Xorshift(u64);
impl Xorshift {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[tokio::test]
async fn tallies_always_equal_the_sum_of_vote_records() {
    let mut fx = Fixture::new().await;
    let (s, mut voters) = TestSociety::with_citizens(&mut fx, "Solar", 5).await;
    voters.push(s.founder.insecure_clone());
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    let choices = [VoteChoice::Yes, VoteChoice::No, VoteChoice::Abstain];
    let mut current: Vec<Option<VoteChoice>> = vec![None; voters.len()];
    for _ in 0..40 {
        let who = rng.next(voters.len() as u64) as usize;
        let choice = choices[rng.next(3) as usize];
        let voter: &Keypair = &voters[who];
        let vote = ix::cast_vote(&PROGRAM_ID, &voter.pubkey(), &s.address, &proposal, choice);
        if current[who] == Some(choice) {
            fx.send_err(&[vote], &[voter], NetstateError::VoteUnchanged)
                .await;
        } else {
            fx.send_ok(&[vote], &[voter]).await;
            current[who] = Some(choice);
        }
        // Sum the records on chain.
        let mut sum = Tally::default();
        let mut records = 0;
        for v in &voters {
            if let Some(account) = fx
                .raw_account(&pda::vote(&PROGRAM_ID, &proposal, &v.pubkey()).0)
                .await
            {
                let record: VoteRecord =
                    anchor_lang::AccountDeserialize::try_deserialize(&mut account.data.as_slice())
                        .unwrap();
                sum.add(record.choice).unwrap();
                records += 1;
            }
        }
        let p: Proposal = fx.account(&proposal).await;
        assert_eq!(p.tally, sum);
        assert_eq!(p.open_vote_records, records);
    }
}
