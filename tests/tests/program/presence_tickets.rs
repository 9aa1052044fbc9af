//! Offline tickets: a door's Ed25519-signed presence, redeemed later through the Ed25519
//! program and instruction introspection. Every known way to fool that pattern is built by
//! hand here and refused by name; each (hub, member, day) counts once in any order.

use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::error::NetstateError;
use netstate::ticket::Ticket;
use netstate_client::PROGRAM_ID;
use netstate_client::tickets::SignedTicket;
use netstate_client::{
    AdmissionPolicy, Member, Node, Residency, Society, events, instructions as ix, pda,
};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

const DAY: i64 = 86_400;

/// A society (open policy) with hub `lisbon` and a member, the clock `days` past the hub's
/// registration.
struct Door {
    s: TestSociety,
    operator: Keypair,
    member: Keypair,
}

async fn door(fx: &mut Fixture, days_after_registration: i64) -> Door {
    let s = TestSociety::create(fx, "Solar", AdmissionPolicy::Open).await;
    let operator = s.node_with_operator(fx, "lisbon").await;
    let member = s.applicant(fx, "ana").await;
    fx.warp_seconds(days_after_registration * DAY).await;
    Door {
        s,
        operator,
        member,
    }
}

impl Door {
    fn ticket(&self, signer: &Keypair, day: u32) -> SignedTicket {
        SignedTicket::sign(
            signer,
            &PROGRAM_ID,
            self.s.address,
            self.s.node("lisbon"),
            self.member.pubkey(),
            day,
        )
    }
    fn residency(&self) -> Pubkey {
        pda::residency(&PROGRAM_ID, &self.s.node("lisbon"), &self.member.pubkey()).0
    }
}

/// The Ed25519 instruction for `signed`, with its data passed through `edit`.
fn check_with(signed: &SignedTicket, edit: impl FnOnce(&mut Vec<u8>)) -> Instruction {
    let mut check = signed.signature_check();
    edit(&mut check.data);
    check
}

/// Offsets of the one-signature layout built by `solana-ed25519-program`.
const SIGNATURE_INDEX_AT: usize = 4;
const KEY_INDEX_AT: usize = 8;
const MESSAGE_INDEX_AT: usize = 14;

#[tokio::test]
async fn a_ticket_counts_its_day_once_in_any_order_and_any_number_of_times() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 10).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();

    let signed = d.ticket(&d.operator, today - 3);
    let out = fx.send_ok(&signed.redeem(&payer), &[]).await;
    let event: events::TicketRedeemed = out.event();
    assert_eq!(
        (
            event.day,
            event.days_present,
            event.wallet,
            event.redeemed_by
        ),
        (today - 3, 1, d.member.pubkey(), payer)
    );
    let seq_after_first: Society = fx.account(&d.s.address).await;

    // The same ticket again: accepted, nothing changes, no event, no sequence number.
    let again = fx.send_ok(&signed.redeem(&payer), &[]).await;
    assert!(again.events::<events::TicketRedeemed>().is_empty());
    let unchanged: Society = fx.account(&d.s.address).await;
    assert_eq!(unchanged.seq, seq_after_first.seq);

    // A later day, then an earlier one (a late ticket), then today online.
    fx.send_ok(&d.ticket(&d.operator, today - 1).redeem(&payer), &[])
        .await;
    fx.send_ok(&d.ticket(&d.operator, today - 9).redeem(&payer), &[])
        .await;
    let check_in = ix::check_in(
        &PROGRAM_ID,
        &d.member.pubkey(),
        &d.operator.pubkey(),
        &d.s.address,
        "lisbon",
    );
    fx.send_ok(&[check_in.clone()], &[&d.member, &d.operator])
        .await;
    // Today's ticket after today's check-in counts nothing; today's check-in after a ticket
    // for today is refused.
    fx.send_ok(&d.ticket(&d.operator, today).redeem(&payer), &[])
        .await;
    let residency: Residency = fx.account(&d.residency()).await;
    assert_eq!(
        (
            residency.days_present,
            residency.first_day,
            residency.last_day
        ),
        (4, today - 9, today)
    );
    assert_eq!(residency.days_within(today, 2), 2);
    assert_eq!(residency.days_within(today, 30), 4);
    let member: Member = fx.account(&d.s.member(&d.member.pubkey())).await;
    assert_eq!(member.check_in_count, 4);
    assert_eq!(member.days_within(today, 30), 4);
    let node: Node = fx.account(&d.s.node("lisbon")).await;
    assert_eq!((node.check_in_count, node.resident_count), (4, 1));

    fx.warp_seconds(DAY).await;
    fx.send_ok(&d.ticket(&d.operator, today + 1).redeem(&payer), &[])
        .await;
    fx.send_err(
        &[check_in],
        &[&d.member, &d.operator],
        NetstateError::AlreadyCheckedInToday,
    )
    .await;
}

#[tokio::test]
async fn anyone_may_send_a_ticket_and_pays_the_first_record() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 1).await;
    let today = fx.today();
    let stranger = fx.wallet().await;
    let before = fx.balance(&stranger.pubkey()).await;
    let member_before = fx.balance(&d.member.pubkey()).await;
    let mut ixs = d
        .ticket(&d.operator, today)
        .redeem(&stranger.pubkey())
        .to_vec();
    ixs.truncate(2);
    fx.send_ok(&ixs, &[&stranger]).await;
    let rent = fx
        .rent_exempt(8 + <Residency as anchor_lang::Space>::INIT_SPACE)
        .await;
    assert_eq!(before - fx.balance(&stranger.pubkey()).await, rent);
    assert_eq!(fx.balance(&d.member.pubkey()).await, member_before);
}

#[tokio::test]
async fn a_missing_or_misplaced_signature_check_is_refused() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 1).await;
    let payer = fx.payer().pubkey();
    let signed = d.ticket(&d.operator, fx.today());
    let [check, redeem] = signed.redeem(&payer);
    // No Ed25519 instruction at all.
    fx.send_err(
        &[redeem.clone()],
        &[],
        NetstateError::TicketSignatureMissing,
    )
    .await;
    // The check is there, but not right before the redemption.
    let between = anchor_lang::solana_program::system_instruction::transfer(&payer, &payer, 0);
    fx.send_err(
        &[check.clone(), between, redeem.clone()],
        &[],
        NetstateError::TicketSignatureMissing,
    )
    .await;
    // After it instead of before.
    fx.send_err(
        &[redeem.clone(), check.clone()],
        &[],
        NetstateError::TicketSignatureMissing,
    )
    .await;
    // A tampered signature fails in the Ed25519 program itself (its error 2, invalid
    // signature): nothing is counted.
    let tampered = check_with(&signed, |data| data[60] ^= 1);
    let out = fx.send(&[tampered, redeem], &[]).await;
    assert_eq!(
        out.result,
        Err(
            solana_transaction_error::TransactionError::InstructionError(
                0,
                solana_instruction_error::InstructionError::Custom(2)
            )
        )
    );
    assert!(fx.raw_account(&d.residency()).await.is_none());
}

#[tokio::test]
async fn offsets_into_another_instruction_are_refused() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 1).await;
    let payer = fx.payer().pubkey();
    let signed = d.ticket(&d.operator, fx.today());
    let [honest, redeem] = signed.redeem(&payer);
    // The message read from instruction 0 (an honest check of the same ticket) by index:
    // the Ed25519 program verifies it, but the bytes this instruction would read are not
    // the ones verified in general, so any index other than "this instruction" is refused.
    for at in [MESSAGE_INDEX_AT, KEY_INDEX_AT, SIGNATURE_INDEX_AT] {
        let elsewhere = check_with(&signed, |data| {
            data[at..at + 2].copy_from_slice(&0u16.to_le_bytes())
        });
        fx.send_err(
            &[honest.clone(), elsewhere, redeem.clone()],
            &[],
            NetstateError::TicketOffsetsOutsideInstruction,
        )
        .await;
    }
}

#[tokio::test]
async fn exactly_one_signature_per_check() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 1).await;
    let payer = fx.payer().pubkey();
    let signed = d.ticket(&d.operator, fx.today());
    let [check, redeem] = signed.redeem(&payer);
    // Two signatures (the same valid one twice) in one check.
    let two = {
        let one = check.data.clone();
        let offsets = one[2..16].to_vec();
        let mut data = vec![2u8, 0];
        // Both offsets point at the one copy of key, signature and message, moved by the
        // 14 bytes of the second offsets.
        for _ in 0..2 {
            let mut o = offsets.clone();
            for field in [0usize, 4, 8] {
                let v = u16::from_le_bytes([o[field], o[field + 1]]) + 14;
                o[field..field + 2].copy_from_slice(&v.to_le_bytes());
            }
            data.extend_from_slice(&o);
        }
        data.extend_from_slice(&one[16..]);
        Instruction {
            program_id: check.program_id,
            accounts: vec![],
            data,
        }
    };
    fx.send_err(
        &[two, redeem.clone()],
        &[],
        NetstateError::TicketSignatureCount,
    )
    .await;
    // No signature at all: the Ed25519 program accepts an empty check.
    let none = Instruction {
        program_id: check.program_id,
        accounts: vec![],
        data: vec![0, 0],
    };
    fx.send_err(
        &[none, redeem],
        &[],
        NetstateError::TicketSignatureMalformed,
    )
    .await;
}

#[tokio::test]
async fn a_ticket_for_another_program_society_hub_or_wallet_is_refused() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 1).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    let honest = Ticket {
        program: netstate::ID,
        society: d.s.address,
        node: d.s.node("lisbon"),
        wallet: d.member.pubkey(),
        day: today,
    };
    // The operator signs `signed`; the redemption names the accounts of `honest`.
    let attempt = |signed: Ticket| {
        let bytes = signed.to_bytes();
        let signature: [u8; 64] = d.operator.sign_message(&bytes).into();
        let signed = SignedTicket {
            ticket: signed,
            signer: d.operator.pubkey(),
            signature,
        };
        [
            signed.signature_check(),
            ix::redeem_ticket(&PROGRAM_ID, &payer, &honest),
        ]
    };
    let other = Pubkey::new_unique();
    for (ticket, error) in [
        (
            Ticket {
                program: other,
                ..honest
            },
            NetstateError::TicketWrongProgram,
        ),
        (
            Ticket {
                society: other,
                ..honest
            },
            NetstateError::TicketWrongSociety,
        ),
        (
            Ticket {
                node: d.s.node("porto"),
                ..honest
            },
            NetstateError::TicketWrongHub,
        ),
        (
            Ticket {
                wallet: other,
                ..honest
            },
            NetstateError::TicketWrongWallet,
        ),
    ] {
        fx.send_err(&attempt(ticket), &[], error).await;
    }
    // Bytes that are not a ticket at all (a transaction-like message), signed by the door.
    let junk = vec![1u8; netstate::ticket::TICKET_LEN];
    let signature = d.operator.sign_message(&junk);
    let check = solana_ed25519_program::new_ed25519_instruction_with_signature(
        &junk,
        &signature.into(),
        &d.operator.pubkey().to_bytes(),
    );
    fx.send_err(
        &[check, ix::redeem_ticket(&PROGRAM_ID, &payer, &honest)],
        &[],
        NetstateError::TicketMalformed,
    )
    .await;
    assert!(fx.raw_account(&d.residency()).await.is_none());
}

#[tokio::test]
async fn only_the_hubs_operator_of_that_day_signs_and_only_for_days_it_could() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 40).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    let stranger = Keypair::new();
    fx.send_err(
        &d.ticket(&stranger, today).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
    fx.send_err(
        &d.ticket(&d.operator, today + 1).redeem(&payer),
        &[],
        NetstateError::TicketFromTheFuture,
    )
    .await;
    fx.send_err(
        &d.ticket(&d.operator, today - 31).redeem(&payer),
        &[],
        NetstateError::TicketExpired,
    )
    .await;
    fx.send_ok(&d.ticket(&d.operator, today - 30).redeem(&payer), &[])
        .await;
    // A hub registered today takes no ticket for yesterday.
    let fresh = d.s.node_with_operator(&mut fx, "porto").await;
    let yesterday = SignedTicket::sign(
        &fresh,
        &PROGRAM_ID,
        d.s.address,
        d.s.node("porto"),
        d.member.pubkey(),
        today - 1,
    );
    fx.send_err(
        &yesterday.redeem(&payer),
        &[],
        NetstateError::TicketBeforeHubRegistration,
    )
    .await;
}

#[tokio::test]
async fn a_rotated_operators_old_tickets_count_for_earlier_days_unless_revoked() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 5).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    let new_door = Keypair::new();
    let rotate = |revoke| {
        ix::set_node_operator(
            &PROGRAM_ID,
            &d.s.founder.pubkey(),
            &d.s.address,
            "lisbon",
            &new_door.pubkey(),
            revoke,
        )
    };
    let out = fx.send_ok(&[rotate(false)], &[&d.s.founder]).await;
    let event: events::NodeOperatorChanged = out.event();
    assert_eq!(
        (event.operator, event.previous_operator, event.since_day),
        (new_door.pubkey(), d.operator.pubkey(), today)
    );
    // The old key: yes for yesterday, no for today. The new key: the reverse.
    fx.send_ok(&d.ticket(&d.operator, today - 1).redeem(&payer), &[])
        .await;
    fx.send_err(
        &d.ticket(&d.operator, today).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
    fx.send_err(
        &d.ticket(&new_door, today - 2).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
    fx.send_ok(&d.ticket(&new_door, today).redeem(&payer), &[])
        .await;
    // At the door, only the new key co-signs.
    let old_check_in = ix::check_in(
        &PROGRAM_ID,
        &d.member.pubkey(),
        &d.operator.pubkey(),
        &d.s.address,
        "lisbon",
    );
    fx.warp_seconds(DAY).await;
    fx.send_err(
        &[old_check_in],
        &[&d.member, &d.operator],
        NetstateError::NotNodeOperator,
    )
    .await;

    // A stolen key: rotate again with revocation; the last key's tickets stop at once.
    let third = Keypair::new();
    fx.send_ok(
        &[ix::set_node_operator(
            &PROGRAM_ID,
            &d.s.founder.pubkey(),
            &d.s.address,
            "lisbon",
            &third.pubkey(),
            true,
        )],
        &[&d.s.founder],
    )
    .await;
    fx.send_err(
        &d.ticket(&new_door, today - 3).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
    let node: Node = fx.account(&d.s.node("lisbon")).await;
    assert_eq!(node.previous_operator, Pubkey::default());
}

/// A key counts only for the days it held the door: after two rotations, the key in the
/// middle (rotated out, not revoked) signs for the days of its own term, and not for the
/// days before it, when another key held the door.
#[tokio::test]
async fn a_rotated_out_key_counts_only_for_the_days_of_its_own_term() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 5).await;
    let payer = fx.payer().pubkey();
    let second = Keypair::new();
    let third = Keypair::new();
    let rotate = |key: &Keypair| {
        ix::set_node_operator(
            &PROGRAM_ID,
            &d.s.founder.pubkey(),
            &d.s.address,
            "lisbon",
            &key.pubkey(),
            false,
        )
    };
    // The second key holds the door from five days after the hub opened to yesterday.
    let began = fx.today();
    fx.send_ok(&[rotate(&second)], &[&d.s.founder]).await;
    fx.warp_seconds(5 * DAY).await;
    let today = fx.today();
    fx.send_ok(&[rotate(&third)], &[&d.s.founder]).await;
    let node: Node = fx.account(&d.s.node("lisbon")).await;
    assert_eq!(
        (
            node.previous_operator,
            node.previous_operator_since_day,
            node.operator_since_day
        ),
        (second.pubkey(), began, today)
    );
    // Before its term: refused, and nothing is counted.
    fx.send_err(
        &d.ticket(&second, began - 1).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
    assert!(fx.raw_account(&d.residency()).await.is_none());
    // In its term: counted.
    fx.send_ok(&d.ticket(&second, began).redeem(&payer), &[])
        .await;
    fx.send_ok(&d.ticket(&second, today - 1).redeem(&payer), &[])
        .await;
    // The first key, rotated out twice, no longer signs at all.
    fx.send_err(
        &d.ticket(&d.operator, began - 1).redeem(&payer),
        &[],
        NetstateError::TicketNotSignedByOperator,
    )
    .await;
}

/// Presence counts from membership on: a ticket the door signed for a day before the
/// wallet joined is refused by name, so it never counts towards citizenship by presence nor
/// into the census as a member's day.
#[tokio::test]
async fn a_ticket_for_a_day_before_the_wallet_joined_is_refused() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 10).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    let late = d.s.applicant(&mut fx, "late").await;
    let ticket = |day| {
        SignedTicket::sign(
            &d.operator,
            &PROGRAM_ID,
            d.s.address,
            d.s.node("lisbon"),
            late.pubkey(),
            day,
        )
    };
    fx.send_err(
        &ticket(today - 3).redeem(&payer),
        &[],
        NetstateError::TicketBeforeMembership,
    )
    .await;
    let residency = pda::residency(&PROGRAM_ID, &d.s.node("lisbon"), &late.pubkey()).0;
    assert!(fx.raw_account(&residency).await.is_none());
    fx.send_ok(&ticket(today).redeem(&payer), &[]).await;
    let record: Residency = fx.account(&residency).await;
    assert_eq!(record.days_present, 1);
}

#[tokio::test]
async fn tickets_of_expelled_members_and_retired_hubs_are_refused() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 2).await;
    let today = fx.today();
    let payer = fx.payer().pubkey();
    forge_expelled(&mut fx, &d.s.member(&d.member.pubkey())).await;
    fx.send_err(
        &d.ticket(&d.operator, today).redeem(&payer),
        &[],
        NetstateError::MemberExpelled,
    )
    .await;
    let bo = d.s.applicant(&mut fx, "bo").await;
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &d.s.founder.pubkey(),
            &d.s.address,
            "lisbon",
            *b"PT",
        )],
        &[&d.s.founder],
    )
    .await;
    let signed = SignedTicket::sign(
        &d.operator,
        &PROGRAM_ID,
        d.s.address,
        d.s.node("lisbon"),
        bo.pubkey(),
        today - 1,
    );
    fx.send_err(&signed.redeem(&payer), &[], NetstateError::NodeRetired)
        .await;
}

#[tokio::test]
async fn only_the_steward_rotates_an_active_hubs_operator_to_a_real_new_key() {
    let mut fx = Fixture::new().await;
    let d = door(&mut fx, 0).await;
    let founder = d.s.founder.pubkey();
    let new_door = Keypair::new().pubkey();
    let set = |who: &Pubkey, key: &Pubkey| {
        ix::set_node_operator(&PROGRAM_ID, who, &d.s.address, "lisbon", key, false)
    };
    fx.send_err(
        &[set(&d.member.pubkey(), &new_door)],
        &[&d.member],
        NetstateError::NotTheSteward,
    )
    .await;
    fx.send_err(
        &[set(&founder, &d.operator.pubkey())],
        &[&d.s.founder],
        NetstateError::OperatorUnchanged,
    )
    .await;
    fx.send_err(
        &[set(&founder, &Pubkey::default())],
        &[&d.s.founder],
        NetstateError::InvalidOperator,
    )
    .await;
    fx.send_ok(
        &[ix::retire_node(
            &PROGRAM_ID,
            &founder,
            &d.s.address,
            "lisbon",
            *b"PT",
        )],
        &[&d.s.founder],
    )
    .await;
    fx.send_err(
        &[set(&founder, &new_door)],
        &[&d.s.founder],
        NetstateError::NodeRetired,
    )
    .await;
}

#[tokio::test]
async fn after_the_startup_stage_a_proposal_rotates_the_operator() {
    use netstate_client::ProposalAction;
    let mut fx = Fixture::new().await;
    let (s, c) = TestSociety::with_citizens(&mut fx, "Solar", 2).await;
    let operator = s.node_with_operator(&mut fx, "lisbon").await;
    fx.send_ok(
        &[ix::renounce_steward(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
        )],
        &[&s.founder],
    )
    .await;
    let new_door = Keypair::new().pubkey();
    fx.send_err(
        &[ix::set_node_operator(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            "lisbon",
            &new_door,
            false,
        )],
        &[&s.founder],
        NetstateError::StewardshipEnded,
    )
    .await;
    s.propose_refused(
        &mut fx,
        &c[0],
        ProposalAction::SetNodeOperator {
            code: "porto".into(),
            operator: new_door,
            revoke_previous: false,
        },
        NetstateError::UnknownNode,
    )
    .await;
    s.propose_refused(
        &mut fx,
        &c[0],
        ProposalAction::SetNodeOperator {
            code: "lisbon".into(),
            operator: operator.pubkey(),
            revoke_previous: false,
        },
        NetstateError::OperatorUnchanged,
    )
    .await;
    let (_, out) = s
        .enact(
            &mut fx,
            &c[0],
            &[&s.founder, &c[0], &c[1]],
            ProposalAction::SetNodeOperator {
                code: "lisbon".into(),
                operator: new_door,
                revoke_previous: true,
            },
        )
        .await;
    let event: events::NodeOperatorChanged = out.event();
    assert!(event.previous_revoked);
    let node: Node = fx.account(&s.node("lisbon")).await;
    assert_eq!(
        (node.operator, node.previous_operator),
        (new_door, Pubkey::default())
    );
}
