//! Hostile transactions built by hand, one per class of `docs/security.md` that applies
//! to societies, members, nodes and check-ins. Each asserts the exact named error and
//! that nothing changed.
//!
//! Not applicable here: spoofed sysvars (no instruction takes a sysvar account; the clock
//! is read with the `Clock::get` syscall) and stale data after CPI (no token CPIs yet).

use anchor_lang::error::ErrorCode;
use anchor_lang::solana_program::{instruction::AccountMeta, pubkey::Pubkey, system_instruction};
use anchor_lang::{AccountSerialize, Space};
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Node, Residency, Society, Sponsorship,
    instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---- missing signer -------------------------------------------------------------------

#[tokio::test]
async fn every_privileged_instruction_needs_its_signer() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", sponsored(2)).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let ana = s.applicant(&mut fx, "ana").await;
    let steward = s.founder.pubkey();
    let newcomer = fx.wallet().await;
    let seq_before = fx.account::<Society>(&s.address).await.seq;

    let cases = [
        without_signer(
            ix::create_society(
                &PROGRAM_ID,
                &newcomer.pubkey(),
                society_args("Other", AdmissionPolicy::Open),
            ),
            &newcomer.pubkey(),
        ),
        without_signer(
            ix::apply(&PROGRAM_ID, &newcomer.pubkey(), &s.address, apply_args("x")),
            &newcomer.pubkey(),
        ),
        without_signer(
            ix::sponsor(&PROGRAM_ID, &steward, &s.address, &ana.pubkey()),
            &steward,
        ),
        without_signer(
            ix::admit_member(&PROGRAM_ID, &steward, &s.address, &ana.pubkey()),
            &steward,
        ),
        without_signer(
            ix::leave(&PROGRAM_ID, &ana.pubkey(), &s.address),
            &ana.pubkey(),
        ),
        without_signer(
            ix::register_node(
                &PROGRAM_ID,
                &steward,
                &s.address,
                node_spec("bali", &steward),
            ),
            &steward,
        ),
        without_signer(
            ix::retire_node(&PROGRAM_ID, &steward, &s.address, "lisbon", *b"PT"),
            &steward,
        ),
        without_signer(
            ix::renounce_steward(&PROGRAM_ID, &steward, &s.address),
            &steward,
        ),
        without_signer(
            ix::check_in(
                &PROGRAM_ID,
                &ana.pubkey(),
                &op.pubkey(),
                &s.address,
                "lisbon",
            ),
            &op.pubkey(),
        ),
    ];
    for forged in cases {
        // Whoever else the instruction still requires signs; the flipped key does not.
        let signers = signers_of(&forged, &[&newcomer, &s.founder, &ana, &op]);
        fx.send_err(&[forged], &signers, ErrorCode::AccountNotSigner)
            .await;
    }
    assert_eq!(fx.account::<Society>(&s.address).await.seq, seq_before);
}

// ---- wrong owner / lookalike ----------------------------------------------------------

#[tokio::test]
async fn lookalike_society_owned_by_another_program_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let real = fx.raw_account(&s.address).await.expect("society");
    // Same bytes, owned by an attacker's program.
    let fake = Pubkey::new_unique();
    let mut lookalike = real.clone();
    lookalike.owner = Pubkey::new_unique();
    fx.set_account(&fake, lookalike);
    let wallet = fx.wallet().await;
    let forged = swap_account(
        ix::apply(&PROGRAM_ID, &wallet.pubkey(), &s.address, apply_args("x")),
        1,
        &fake,
    );
    fx.send_err(&[forged], &[&wallet], ErrorCode::AccountOwnedByWrongProgram)
        .await;
}

#[tokio::test]
async fn lookalike_member_owned_by_another_program_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let stranger = fx.wallet().await;
    // A Member with the stranger's wallet, written by another program.
    let member: Member = fx.account(&s.member(&s.founder.pubkey())).await;
    let forged_member = Member {
        wallet: stranger.pubkey(),
        ..member
    };
    let fake = Pubkey::new_unique();
    fx.set_account(
        &fake,
        forged_account(
            &forged_member,
            &Pubkey::new_unique(),
            8 + Member::INIT_SPACE,
        ),
    );
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &stranger.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        ),
        4,
        &fake,
    );
    fx.send_err(
        &[forged],
        &[&stranger, &op],
        ErrorCode::AccountOwnedByWrongProgram,
    )
    .await;
}

/// A proposal is passed by address (no client could derive it from its own fields): its
/// owner, type and society are what bind it, so a copy written by another program is
/// refused before anything reads it.
#[tokio::test]
async fn lookalike_proposal_owned_by_another_program_is_rejected() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let proposal = s
        .propose(&mut fx, &c[0], netstate_client::ProposalAction::Signal)
        .await;
    let mut lookalike = fx.raw_account(&proposal).await.expect("proposal");
    lookalike.owner = Pubkey::new_unique();
    let fake = Pubkey::new_unique();
    fx.set_account(&fake, lookalike);
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &c[1].pubkey(),
        &s.address,
        &fake,
        netstate_client::VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&c[1]], ErrorCode::AccountOwnedByWrongProgram)
        .await;
    assert!(
        fx.raw_account(&pda::vote(&PROGRAM_ID, &fake, &c[1].pubkey()).0)
            .await
            .is_none()
    );
}

// ---- type cosplay ---------------------------------------------------------------------

#[tokio::test]
async fn node_passed_as_member_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    s.node_with_operator(&mut fx, "lisbon").await;
    let ana = s.applicant(&mut fx, "ana").await;
    let forged = swap_account(
        ix::admit_member(&PROGRAM_ID, &s.founder.pubkey(), &s.address, &ana.pubkey()),
        2,
        &s.node("lisbon"),
    );
    fx.send_err(
        &[forged],
        &[&s.founder],
        ErrorCode::AccountDiscriminatorMismatch,
    )
    .await;
    assert_eq!(
        fx.account::<Member>(&s.member(&ana.pubkey())).await.status,
        MemberStatus::Applicant
    );
}

#[tokio::test]
async fn member_passed_as_society_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let wallet = fx.wallet().await;
    let forged = swap_account(
        ix::apply(&PROGRAM_ID, &wallet.pubkey(), &s.address, apply_args("x")),
        1,
        &s.member(&s.founder.pubkey()),
    );
    fx.send_err(
        &[forged],
        &[&wallet],
        ErrorCode::AccountDiscriminatorMismatch,
    )
    .await;
}

// ---- cross-society mixing -------------------------------------------------------------

#[tokio::test]
async fn another_societys_applicant_cannot_be_admitted_or_sponsored() {
    let mut fx = Fixture::new().await;
    let a = TestSociety::create(&mut fx, "Solar", sponsored(1)).await;
    let b = TestSociety::create(&mut fx, "Lunar", sponsored(1)).await;
    let zed = b.applicant(&mut fx, "zed").await;
    let b_member = b.member(&zed.pubkey());

    // A's steward admits B's applicant through A.
    let forged = swap_account(
        ix::admit_member(&PROGRAM_ID, &a.founder.pubkey(), &a.address, &zed.pubkey()),
        2,
        &b_member,
    );
    fx.send_err(&[forged], &[&a.founder], NetstateError::MemberNotInSociety)
        .await;

    // A's citizen sponsors B's applicant through A.
    let mut forged = ix::sponsor(&PROGRAM_ID, &a.founder.pubkey(), &a.address, &zed.pubkey());
    forged.accounts[3].pubkey = b_member;
    forged.accounts[4].pubkey = pda::sponsorship(&PROGRAM_ID, &b_member, &a.founder.pubkey()).0;
    fx.send_err(&[forged], &[&a.founder], NetstateError::MemberNotInSociety)
        .await;

    // B's founder sponsors through B, presenting A's citizenship as theirs: the sponsor's
    // membership is derived from the society and the signing wallet, so no other fits.
    let forged = swap_account(
        ix::sponsor(&PROGRAM_ID, &b.founder.pubkey(), &b.address, &zed.pubkey()),
        2,
        &a.member(&a.founder.pubkey()),
    );
    fx.send_err(&[forged], &[&b.founder], ErrorCode::ConstraintSeeds)
        .await;

    let member: Member = fx.account(&b_member).await;
    assert_eq!(
        (member.status, member.sponsor_count),
        (MemberStatus::Applicant, 0)
    );
}

#[tokio::test]
async fn leaving_through_another_society_is_rejected() {
    let mut fx = Fixture::new().await;
    let a = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let b = TestSociety::create(&mut fx, "Lunar", AdmissionPolicy::Open).await;
    let zed = b.citizen(&mut fx, "zed").await;
    // Leave A (decrementing A's counters) while closing the B membership: the membership
    // is derived from the society and the wallet, so B's does not fit A.
    let forged = swap_account(
        ix::leave(&PROGRAM_ID, &zed.pubkey(), &a.address),
        2,
        &b.member(&zed.pubkey()),
    );
    fx.send_err(&[forged], &[&zed], ErrorCode::ConstraintSeeds)
        .await;
    let society: Society = fx.account(&a.address).await;
    assert_eq!(society.member_count, 1);
}

#[tokio::test]
async fn another_wallets_membership_cannot_be_closed() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let thief = fx.wallet().await;
    let forged = swap_account(
        ix::leave(&PROGRAM_ID, &thief.pubkey(), &s.address),
        2,
        &s.member(&ana.pubkey()),
    );
    // The membership is derived from the signing wallet: Ana's does not fit the thief.
    fx.send_err(&[forged], &[&thief], ErrorCode::ConstraintSeeds)
        .await;
    assert!(fx.raw_account(&s.member(&ana.pubkey())).await.is_some());
}

// ---- attacker-supplied program --------------------------------------------------------

#[tokio::test]
async fn fake_system_program_is_rejected() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let fake_program = Pubkey::new_unique();
    let mut forged = ix::create_society(
        &PROGRAM_ID,
        &founder.pubkey(),
        society_args("Solar", AdmissionPolicy::Open),
    );
    let last = forged.accounts.len() - 1;
    forged.accounts[last].pubkey = fake_program;
    fx.send_err(&[forged], &[&founder], ErrorCode::InvalidProgramId)
        .await;
    assert!(
        fx.raw_account(&pda::society(&PROGRAM_ID, "Solar").0)
            .await
            .is_none()
    );
}

// ---- duplicate mutable accounts -------------------------------------------------------

#[tokio::test]
async fn one_account_in_two_writable_slots_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    // The member account doubles as the residency record: the residency's seeds are
    // derived, so no other account can stand in for it.
    let member = s.member(&s.founder.pubkey());
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        ),
        5,
        &member,
    );
    fx.send_err(&[forged], &[&s.founder, &op], ErrorCode::ConstraintSeeds)
        .await;
    // The node doubles as the member.
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        ),
        4,
        &s.node("lisbon"),
    );
    fx.send_err(
        &[forged],
        &[&s.founder, &op],
        ErrorCode::AccountDiscriminatorMismatch,
    )
    .await;
    assert_eq!(
        fx.account::<Node>(&s.node("lisbon")).await.check_in_count,
        0
    );
}

// ---- non-canonical bump ---------------------------------------------------------------

#[tokio::test]
async fn every_stored_bump_is_the_canonical_one() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", sponsored(2)).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
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
        &[ix::check_in(
            &PROGRAM_ID,
            &ana.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        )],
        &[&ana, &op],
    )
    .await;

    assert_eq!(
        fx.account::<Society>(&s.address).await.bump,
        pda::society(&PROGRAM_ID, "Solar").1
    );
    let (member, bump) = pda::member(&PROGRAM_ID, &s.address, &ana.pubkey());
    assert_eq!(fx.account::<Member>(&member).await.bump, bump);
    let (node, bump) = pda::node(&PROGRAM_ID, &s.address, "lisbon");
    assert_eq!(fx.account::<Node>(&node).await.bump, bump);
    let (residency, bump) = pda::residency(&PROGRAM_ID, &node, &ana.pubkey());
    assert_eq!(fx.account::<Residency>(&residency).await.bump, bump);
    let (sponsorship, bump) = pda::sponsorship(&PROGRAM_ID, &member, &s.founder.pubkey());
    assert_eq!(fx.account::<Sponsorship>(&sponsorship).await.bump, bump);
}

#[tokio::test]
async fn member_at_a_non_canonical_address_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let ana = s.citizen(&mut fx, "ana").await;
    // A copy of ana's real Member, owned by netstate, at an address that is not its PDA
    // (as if created with another bump or other seeds).
    let real = fx
        .raw_account(&s.member(&ana.pubkey()))
        .await
        .expect("member");
    let elsewhere = Pubkey::new_unique();
    fx.set_account(&elsewhere, real);
    let forged = swap_account(
        ix::check_in(
            &PROGRAM_ID,
            &ana.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        ),
        4,
        &elsewhere,
    );
    fx.send_err(&[forged], &[&ana, &op], ErrorCode::ConstraintSeeds)
        .await;
}

// ---- close and revive -----------------------------------------------------------------

#[tokio::test]
async fn closed_membership_refunded_in_the_same_transaction_stays_dead() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let ana = s.citizen(&mut fx, "ana").await;
    let member = s.member(&ana.pubkey());
    let rent = fx.rent_exempt(8 + Member::INIT_SPACE).await;
    let revive = system_instruction::transfer(&ana.pubkey(), &member, rent);
    let use_it = ix::check_in(
        &PROGRAM_ID,
        &ana.pubkey(),
        &op.pubkey(),
        &s.address,
        "lisbon",
    );
    fx.send_err(
        &[
            ix::leave(&PROGRAM_ID, &ana.pubkey(), &s.address),
            revive,
            use_it,
        ],
        &[&ana, &op],
        ErrorCode::AccountOwnedByWrongProgram,
    )
    .await;
    // The whole transaction rolled back: still a member, no check-in.
    assert_eq!(fx.account::<Member>(&member).await.check_in_count, 0);
    assert_eq!(fx.account::<Society>(&s.address).await.member_count, 2);
}

// ---- arithmetic -----------------------------------------------------------------------

#[tokio::test]
async fn counters_at_their_maximum_refuse_to_wrap() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let node_address = s.node("lisbon");
    let node: Node = fx.account(&node_address).await;
    // The hub's total of check-ins, and its count of today's members.
    let full = Node {
        check_in_count: u64::MAX,
        ..node.clone()
    };
    let crowded = Node {
        latest_day: fx.today(),
        latest_day_present: u32::MAX,
        ..node
    };
    for forged in [full, crowded] {
        fx.set_account(
            &node_address,
            forged_account(&forged, &netstate::ID, 8 + Node::INIT_SPACE),
        );
        fx.send_err(
            &[ix::check_in(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &op.pubkey(),
                &s.address,
                "lisbon",
            )],
            &[&s.founder, &op],
            NetstateError::CounterOverflow,
        )
        .await;
    }

    let society: Society = fx.account(&s.address).await;
    let full = Society {
        seq: u64::MAX,
        ..society
    };
    let mut data = Vec::new();
    full.try_serialize(&mut data).expect("serializes");
    let mut account = fx.raw_account(&s.address).await.expect("society");
    account.data[..data.len()].copy_from_slice(&data);
    fx.set_account(&s.address, account);
    let wallet = fx.wallet().await;
    fx.send_err(
        &[ix::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &s.address,
            apply_args("x"),
        )],
        &[&wallet],
        NetstateError::CounterOverflow,
    )
    .await;
    assert!(fx.raw_account(&s.member(&wallet.pubkey())).await.is_none());
}

// ---- rent: pre-funded PDAs ------------------------------------------------------------

#[tokio::test]
async fn pre_funded_addresses_do_not_block_creation() {
    let mut fx = Fixture::new().await;
    let founder = fx.wallet().await;
    let society = pda::society(&PROGRAM_ID, "Solar").0;
    let member = pda::member(&PROGRAM_ID, &society, &founder.pubkey()).0;
    let node = pda::node(&PROGRAM_ID, &society, "lisbon").0;
    let residency = pda::residency(&PROGRAM_ID, &node, &founder.pubkey()).0;
    // A griefer sends lamports to every address before it exists.
    let minimum = fx.rent_exempt(0).await;
    for address in [society, member, node] {
        fx.fund(&address, minimum).await;
    }
    // More than the account's rent: creation tops up nothing and keeps the surplus.
    fx.fund(&residency, 5_000_000_000).await;
    fx.send_ok(
        &[ix::create_society(
            &PROGRAM_ID,
            &founder.pubkey(),
            society_args("Solar", AdmissionPolicy::Open),
        )],
        &[&founder],
    )
    .await;
    let operator = Keypair::new();
    fx.send_ok(
        &[ix::register_node(
            &PROGRAM_ID,
            &founder.pubkey(),
            &society,
            node_spec("lisbon", &operator.pubkey()),
        )],
        &[&founder],
    )
    .await;
    fx.send_ok(
        &[ix::check_in(
            &PROGRAM_ID,
            &founder.pubkey(),
            &operator.pubkey(),
            &society,
            "lisbon",
        )],
        &[&founder, &operator],
    )
    .await;
    assert_eq!(fx.account::<Residency>(&residency).await.days_present, 1);
    assert_eq!(fx.balance(&residency).await, 5_000_000_000);
    assert_eq!(fx.account::<Society>(&society).await.name, "Solar");
    assert_eq!(
        fx.balance(&society).await,
        fx.rent_exempt(8 + Society::INIT_SPACE).await
    );
}

// ---- remaining accounts ---------------------------------------------------------------

#[tokio::test]
async fn unexpected_extra_accounts_are_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Vetted).await;
    let op = s.node_with_operator(&mut fx, "lisbon").await;
    let ana = s.applicant(&mut fx, "ana").await;
    let extra = AccountMeta::new(Pubkey::new_unique(), false);
    let cases = [
        ix::check_in(
            &PROGRAM_ID,
            &ana.pubkey(),
            &op.pubkey(),
            &s.address,
            "lisbon",
        ),
        ix::admit_member(&PROGRAM_ID, &s.founder.pubkey(), &s.address, &ana.pubkey()),
        ix::leave(&PROGRAM_ID, &ana.pubkey(), &s.address),
        ix::renounce_steward(&PROGRAM_ID, &s.founder.pubkey(), &s.address),
    ];
    for mut forged in cases {
        forged.accounts.push(extra.clone());
        let signers = signers_of(&forged, &[&s.founder, &ana, &op]);
        fx.send_err(
            &[forged],
            &signers,
            NetstateError::UnexpectedRemainingAccounts,
        )
        .await;
    }
    assert_eq!(
        fx.account::<Member>(&s.member(&ana.pubkey())).await.status,
        MemberStatus::Applicant
    );
}

// ---- governance: missing signers, cross-society, type cosplay --------------------------

#[tokio::test]
async fn governance_instructions_need_their_signers() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let proposal = s
        .propose(&mut fx, &c[0], netstate_client::ProposalAction::Signal)
        .await;
    let mint = Keypair::new();
    let cases = [
        without_signer(
            s.propose_ix(
                &mut fx,
                &c[0].pubkey(),
                netstate_client::ProposalAction::Signal,
            )
            .await
            .0,
            &c[0].pubkey(),
        ),
        without_signer(
            ix::cast_vote(
                &PROGRAM_ID,
                &c[0].pubkey(),
                &s.address,
                &proposal,
                netstate_client::VoteChoice::Yes,
            ),
            &c[0].pubkey(),
        ),
        without_signer(
            ix::cancel_proposal(&PROGRAM_ID, &c[0].pubkey(), &s.address, &proposal),
            &c[0].pubkey(),
        ),
        without_signer(
            ix::deposit_sol(&PROGRAM_ID, &c[0].pubkey(), &s.address, 5),
            &c[0].pubkey(),
        ),
        without_signer(
            ix::create_contribution_mint(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &mint.pubkey(),
                &netstate_tests::tokens::TOKEN,
                0,
                false,
            ),
            &s.founder.pubkey(),
        ),
    ];
    for forged in cases {
        let signers = signers_of(&forged, &[&s.founder, &c[0], &mint]);
        fx.send_err(&[forged], &signers, ErrorCode::AccountNotSigner)
            .await;
    }
    let p: netstate_client::Proposal = fx.account(&proposal).await;
    assert_eq!(
        (p.tally.cast(), p.status),
        (0, netstate_client::ProposalStatus::Voting)
    );
}

#[tokio::test]
async fn another_societys_proposal_cannot_spend_this_treasury() {
    let mut fx = Fixture::new().await;
    let (a, _) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let (b, bc) = TestSociety::with_citizens(&mut fx, "Lunar", 1).await;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &a.address,
            5_000_000_000,
        )],
        &[&patron],
    )
    .await;
    // Lunar passes a grant to its own member; it tries to draw on Solar's treasury.
    let action = netstate_client::ProposalAction::TransferSol {
        recipient: bc[0].pubkey(),
        amount: 1_000_000_000,
    };
    let lunar_grant = b.propose(&mut fx, &bc[0], action).await;
    b.pass(&mut fx, &lunar_grant, &[&bc[0], &b.founder]).await;
    let honest = b.execute_ix(&mut fx, &lunar_grant).await;
    let mut forged = swap_account(honest, 1, &a.address);
    forged.accounts[3].pubkey = pda::treasury(&PROGRAM_ID, &a.address).0;
    let before = fx.balance(&pda::treasury(&PROGRAM_ID, &a.address).0).await;
    fx.send_err(&[forged], &[], NetstateError::ProposalNotInSociety)
        .await;
    assert_eq!(
        fx.balance(&pda::treasury(&PROGRAM_ID, &a.address).0).await,
        before
    );
}

#[tokio::test]
async fn a_member_passed_as_a_proposal_is_rejected() {
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 1).await;
    let vote = ix::cast_vote(
        &PROGRAM_ID,
        &c[0].pubkey(),
        &s.address,
        &s.member(&c[0].pubkey()),
        netstate_client::VoteChoice::Yes,
    );
    fx.send_err(&[vote], &[&c[0]], ErrorCode::AccountDiscriminatorMismatch)
        .await;
}
