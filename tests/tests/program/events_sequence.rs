//! Every event carries the society's sequence number, one per state change, with no gaps:
//! an indexer that reads them in order knows when it missed one.

use anchor_lang::solana_program::pubkey::Pubkey;
use base64::Engine;
use netstate_client::PROGRAM_ID;
use netstate_client::{AdmissionPolicy, ProposalAction, Society, VoteChoice, instructions as ix};
use netstate_tests::{Fixture, Outcome, scenario::*};
use solana_signer::Signer;

/// (society, seq) of every netstate event in `out`: every event starts with the society's
/// key and its new sequence number, right after the 8-byte discriminator.
fn sequence_numbers(out: &Outcome) -> Vec<(Pubkey, u64)> {
    out.logs
        .iter()
        .filter_map(|line| {
            line.strip_prefix("Program log: ")
                .unwrap_or(line)
                .strip_prefix("Program data: ")
        })
        .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .map(|bytes| {
            let society = Pubkey::try_from(&bytes[8..40]).expect("society key");
            let seq = u64::from_le_bytes(bytes[40..48].try_into().expect("seq"));
            (society, seq)
        })
        .collect()
}

#[tokio::test]
async fn sequence_numbers_count_every_state_change_without_gaps() {
    let mut fx = Fixture::new().await;
    let mut seen = Vec::new();
    let founder = fx.wallet().await;
    let out = fx
        .send_ok(
            &[ix::create_society(
                &PROGRAM_ID,
                &founder.pubkey(),
                society_args("Solar", AdmissionPolicy::Vetted),
            )],
            &[&founder],
        )
        .await;
    seen.extend(sequence_numbers(&out));
    let s = TestSociety {
        founder,
        address: netstate_client::pda::society(&PROGRAM_ID, "Solar").0,
        program_id: PROGRAM_ID,
    };
    let ana = fx.wallet().await;
    let operator = solana_keypair::Keypair::new();
    let steps = vec![
        (
            ix::apply(&PROGRAM_ID, &ana.pubkey(), &s.address, apply_args("ana")),
            vec![&ana],
        ),
        (
            ix::admit_member(&PROGRAM_ID, &s.founder.pubkey(), &s.address, &ana.pubkey()),
            vec![&s.founder],
        ),
        (
            ix::register_node(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                node_spec("lisbon", &operator.pubkey()),
            ),
            vec![&s.founder],
        ),
        (
            ix::check_in(
                &PROGRAM_ID,
                &ana.pubkey(),
                &operator.pubkey(),
                &s.address,
                "lisbon",
            ),
            vec![&ana, &operator],
        ),
        (
            ix::deposit_sol(&PROGRAM_ID, &ana.pubkey(), &s.address, 10),
            vec![&ana],
        ),
    ];
    for (instruction, signers) in steps {
        let out = fx.send_ok(&[instruction], &signers).await;
        seen.extend(sequence_numbers(&out));
    }
    let proposal = s.propose(&mut fx, &ana, ProposalAction::Signal).await;
    let out = s.vote(&mut fx, &ana, &proposal, VoteChoice::Yes).await;
    seen.extend(sequence_numbers(&out));
    let out = s
        .vote(&mut fx, &s.founder, &proposal, VoteChoice::Yes)
        .await;
    seen.extend(sequence_numbers(&out));
    let out = s.finalize(&mut fx, &proposal).await;
    seen.extend(sequence_numbers(&out));
    fx.warp_seconds(netstate_tests::governance::DELAY).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    let out = fx.send_ok(&[execute], &[]).await;
    seen.extend(sequence_numbers(&out));
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
    seen.extend(sequence_numbers(&out));

    // `propose` was sent by the helper: its one event is the only number not seen here.
    let society: Society = fx.account(&s.address).await;
    assert!(seen.iter().all(|(society, _)| *society == s.address));
    let mut numbers: Vec<u64> = seen.iter().map(|(_, seq)| *seq).collect();
    let proposal_seq = fx
        .account::<netstate_client::Proposal>(&proposal)
        .await
        .created_seq;
    numbers.push(proposal_seq);
    numbers.sort_unstable();
    let expected: Vec<u64> = (1..=society.seq).collect();
    assert_eq!(
        numbers, expected,
        "one event per state change, no gaps, no repeats"
    );
}
