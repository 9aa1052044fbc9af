//! Creating and cancelling proposals: who may, what is validated, and the spam cap.

use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, GovernanceParams, Member, NodeSpec, Proposal, ProposalAction, ProposalStatus,
    Society, VoteChoice, events, instructions as ix, pda,
};
use netstate_tests::governance::{VOTING, proposal_args};
use netstate_tests::tokens::{self, TOKEN};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn a_citizen_proposes_and_the_electorate_is_fixed() {
    let mut fx = Fixture::new().await;
    let (s, citizens) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let (create, address) = s
        .propose_ix(&mut fx, &citizens[0].pubkey(), ProposalAction::Signal)
        .await;
    let out = fx.send_ok(&[create], &[&citizens[0]]).await;
    let p: Proposal = fx.account(&address).await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (p.index, p.proposer, p.status),
        (0, citizens[0].pubkey(), ProposalStatus::Voting)
    );
    assert_eq!((p.eligible_count, p.created_seq), (3, society.seq));
    assert_eq!(
        (p.created_at, p.voting_ends_at),
        (fx.now(), fx.now() + VOTING)
    );
    assert_eq!((p.quorum_bps, p.approval_bps), (2_000, 6_000));
    assert_eq!(p.bump, pda::proposal(&PROGRAM_ID, &s.address, 0).1);
    assert_eq!(society.proposal_count, 1);
    let member: Member = fx.account(&s.member(&citizens[0].pubkey())).await;
    assert_eq!(member.open_proposals, 1);
    let event: events::ProposalCreated = out.event();
    assert_eq!(
        (event.proposal, event.index, event.eligible_count),
        (address, 0, 3)
    );
}

#[tokio::test]
async fn applicants_cannot_propose() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let applicant = s.applicant(&mut fx, "ana").await;
    let (create, address) = s
        .propose_ix(&mut fx, &applicant.pubkey(), ProposalAction::Signal)
        .await;
    fx.send_err(&[create], &[&applicant], NetstateError::NotACitizen)
        .await;
    assert!(fx.raw_account(&address).await.is_none());
}

#[tokio::test]
async fn proposal_text_is_validated() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let cases = [
        (String::new(), String::new(), NetstateError::TitleEmpty),
        ("t".repeat(65), String::new(), NetstateError::TitleTooLong),
        (
            "Fund\tit".to_string(),
            String::new(),
            NetstateError::TitleNotPrintable,
        ),
        (
            "Fund it".to_string(),
            "u".repeat(129),
            NetstateError::DescriptionUriTooLong,
        ),
        (
            "Fund it".to_string(),
            "ipfs://a b".to_string(),
            NetstateError::DescriptionUriInvalid,
        ),
    ];
    for (title, uri, error) in cases {
        let mut args = proposal_args(ProposalAction::Signal);
        args.title = title;
        args.description_uri = uri;
        let create = ix::create_proposal(&PROGRAM_ID, &s.founder.pubkey(), &s.address, 0, args);
        fx.send_err(&[create], &[&s.founder], error).await;
    }
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.proposal_count, 0);
}

/// Proposes `action` as the founder of `s` and expects `error`.
async fn refused(fx: &mut Fixture, s: &TestSociety, action: ProposalAction, error: NetstateError) {
    s.propose_refused(fx, &s.founder, action, error).await;
}

#[tokio::test]
async fn action_arguments_are_validated_at_creation() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let citizen = s.citizen(&mut fx, "ana").await;
    s.node_with_operator(&mut fx, "lisbon").await;
    let stranger = Keypair::new().pubkey();
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &TOKEN).await;

    use ProposalAction as A;
    let zero_sol = A::TransferSol {
        recipient: stranger,
        amount: 0,
    };
    refused(&mut fx, &s, zero_sol, NetstateError::ZeroAmount).await;
    let to_itself = A::TransferSol {
        recipient: treasury,
        amount: 1,
    };
    refused(&mut fx, &s, to_itself, NetstateError::RecipientIsTreasury).await;
    let zero_token = A::TransferToken {
        mint,
        recipient: stranger,
        amount: 0,
    };
    refused(&mut fx, &s, zero_token, NetstateError::ZeroAmount).await;
    // A "mint" that is a netstate account.
    let not_a_mint = A::TransferToken {
        mint: s.node("lisbon"),
        recipient: stranger,
        amount: 5,
    };
    refused(&mut fx, &s, not_a_mint, NetstateError::InvalidMint).await;
    // A token account is owned by the token program but is not a mint.
    let token_account = tokens::ata(&mut fx, &stranger, &mint, &TOKEN).await;
    let not_a_mint = A::TransferToken {
        mint: token_account,
        recipient: stranger,
        amount: 5,
    };
    refused(&mut fx, &s, not_a_mint, NetstateError::InvalidMint).await;
    let no_mint = A::MintContribution {
        recipient: stranger,
        amount: 5,
        vesting_secs: 0,
    };
    refused(&mut fx, &s, no_mint, NetstateError::NoContributionMint).await;
    refused(
        &mut fx,
        &s,
        A::AdmitMember { wallet: stranger },
        NetstateError::NotAMember,
    )
    .await;
    refused(
        &mut fx,
        &s,
        A::AdmitMember {
            wallet: citizen.pubkey(),
        },
        NetstateError::NotAnApplicant,
    )
    .await;
    refused(
        &mut fx,
        &s,
        A::ExpelMember { wallet: stranger },
        NetstateError::NotAMember,
    )
    .await;
    forge_expelled(&mut fx, &s.member(&citizen.pubkey())).await;
    refused(
        &mut fx,
        &s,
        A::ExpelMember {
            wallet: citizen.pubkey(),
        },
        NetstateError::MemberExpelled,
    )
    .await;
    let taken = A::RegisterNode {
        spec: node_spec("lisbon", &stranger),
    };
    refused(&mut fx, &s, taken, NetstateError::NodeCodeTaken).await;
    let bad_spec = A::RegisterNode {
        spec: NodeSpec {
            country: *b"p1",
            ..node_spec("bali", &stranger)
        },
    };
    refused(&mut fx, &s, bad_spec, NetstateError::InvalidCountryCode).await;
    refused(
        &mut fx,
        &s,
        A::RetireNode {
            code: "austin".into(),
        },
        NetstateError::UnknownNode,
    )
    .await;
    let bad_params = A::UpdateGovernance {
        params: GovernanceParams {
            quorum_bps: 0,
            ..Default::default()
        },
    };
    refused(&mut fx, &s, bad_params, NetstateError::QuorumOutOfRange).await;
    let bad_uri = A::AmendConstitution {
        uri: String::new(),
        hash: [0; 32],
    };
    refused(&mut fx, &s, bad_uri, NetstateError::ConstitutionUriInvalid).await;
    let unhashed = A::AmendConstitution {
        uri: "ipfs://QmNewText".into(),
        hash: [0; 32],
    };
    refused(
        &mut fx,
        &s,
        unhashed,
        NetstateError::ConstitutionHashMissing,
    )
    .await;

    // A retired node cannot be retired again by proposal.
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            "lisbon",
            *b"PT",
        )],
        &[&s.founder],
    )
    .await;
    refused(
        &mut fx,
        &s,
        A::RetireNode {
            code: "lisbon".into(),
        },
        NetstateError::NodeRetired,
    )
    .await;
}

#[tokio::test]
async fn the_subject_account_must_be_the_one_the_action_names() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let ana = s.applicant(&mut fx, "ana").await;
    let bob = s.applicant(&mut fx, "bob").await;
    let admit_ana = ProposalAction::AdmitMember {
        wallet: ana.pubkey(),
    };
    const SUBJECT_SLOT: usize = 4;
    let (create, _) = s.propose_ix(&mut fx, &s.founder.pubkey(), admit_ana).await;
    // Missing: the optional slot holds the program id, Anchor's "none".
    let missing = swap_account(create.clone(), SUBJECT_SLOT, &netstate::ID);
    fx.send_err(&[missing], &[&s.founder], NetstateError::MissingSubject)
        .await;
    // Bob's membership for a proposal about Ana.
    let swapped = swap_account(create, SUBJECT_SLOT, &s.member(&bob.pubkey()));
    fx.send_err(&[swapped], &[&s.founder], NetstateError::SubjectMismatch)
        .await;
}

#[tokio::test]
async fn open_proposals_are_capped_per_citizen() {
    let mut fx = Fixture::new().await;
    let (s, citizens) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(s.propose(&mut fx, &s.founder, ProposalAction::Signal).await);
    }
    let (fourth, _) = s
        .propose_ix(&mut fx, &s.founder.pubkey(), ProposalAction::Signal)
        .await;
    fx.send_err(
        &[fourth],
        &[&s.founder],
        NetstateError::TooManyOpenProposals,
    )
    .await;
    // Another citizen is not affected.
    s.propose(&mut fx, &citizens[0], ProposalAction::Signal)
        .await;

    // Cancelling frees a slot.
    fx.send_ok(
        &[ix::cancel_proposal(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &open[0],
        )],
        &[&s.founder],
    )
    .await;
    s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    // So does a decided vote.
    s.vote(&mut fx, &s.founder, &open[1], VoteChoice::Yes).await;
    s.vote(&mut fx, &citizens[0], &open[1], VoteChoice::Yes)
        .await;
    s.finalize(&mut fx, &open[1]).await;
    let member: Member = fx.account(&s.member(&s.founder.pubkey())).await;
    assert_eq!(member.open_proposals, 2);
    s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let member: Member = fx.account(&s.member(&s.founder.pubkey())).await;
    assert_eq!(member.open_proposals, 3);
}

#[tokio::test]
async fn only_the_proposer_cancels_and_only_while_voting() {
    let mut fx = Fixture::new().await;
    let (s, citizens) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    let by_other = ix::cancel_proposal(&PROGRAM_ID, &citizens[0].pubkey(), &s.address, &proposal);
    fx.send_err(&[by_other], &[&citizens[0]], NetstateError::NotTheProposer)
        .await;

    let out = fx
        .send_ok(
            &[ix::cancel_proposal(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &proposal,
            )],
            &[&s.founder],
        )
        .await;
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.status, p.finalized_at),
        (ProposalStatus::Cancelled, fx.now())
    );
    let event: events::ProposalCancelled = out.event();
    assert_eq!(event.proposal, proposal);
    // A cancelled proposal takes no votes and cannot be cancelled again.
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &citizens[0].pubkey(),
        &s.address,
        &proposal,
        VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&citizens[0]], NetstateError::VotingClosed)
        .await;
    let again = ix::cancel_proposal(&PROGRAM_ID, &s.founder.pubkey(), &s.address, &proposal);
    fx.send_err(&[again], &[&s.founder], NetstateError::VotingClosed)
        .await;

    // After the vote ends, the proposer can no longer cancel.
    let late = s.propose(&mut fx, &s.founder, ProposalAction::Signal).await;
    fx.warp_seconds(VOTING).await;
    let cancel = ix::cancel_proposal(&PROGRAM_ID, &s.founder.pubkey(), &s.address, &late);
    fx.send_err(&[cancel], &[&s.founder], NetstateError::VotingClosed)
        .await;
}
