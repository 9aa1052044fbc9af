//! Upgrades keep every society: a ledger written by netstate's first release layouts
//! (`tests/fixtures/ledger-v1.json`, every account at `version` 1) is loaded into a bank
//! running this build, and the story goes on from where it stopped: a vote is finished, a
//! grant paid, an applicant admitted, a member checks in, records close. A layout change
//! that cannot read these accounts fails here until it brings its migration
//! (`docs/deploy.md`, "Upgrades that keep every society").
//!
//! `NETSTATE_WRITE_LEDGER=1 cargo test -p netstate-tests --test program upgrades` writes the
//! file anew from this build first (for the next release's baseline), then runs the same test
//! against what it wrote.

use anchor_lang::solana_program::pubkey::Pubkey;
use base64::Engine as _;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Node, Proposal, ProposalAction, ProposalStatus, Society,
    VoteChoice, instructions as ix, pda,
};
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::{Fixture, scenario::TestSociety};
use serde_json::{Value, json};
use solana_account::Account;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Where the first release's ledger is kept.
const LEDGER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/ledger-v1.json");
const SOCIETY: &str = "Ledger One";
/// The grant proposal 0 pays to the Lisbon door's operator.
const GRANT: u64 = 1_000_000_000;

/// The keys of the ledger's people, by role.
struct People {
    founder: Keypair,
    ana: Keypair,
    bo: Keypair,
    operator: Keypair,
}

/// Writes the ledger: a society with a citizen, an applicant, a hub where the citizen checked
/// in, a funded treasury, and a grant proposal the founder voted on.
async fn write_ledger() {
    let mut fx = Fixture::new().await;
    let program_id = fx.program_id();
    let s = TestSociety::create(&mut fx, SOCIETY, AdmissionPolicy::Vetted).await;
    let ana = s.citizen(&mut fx, "ana").await;
    let bo = s.applicant(&mut fx, "bo").await;
    let operator = s.node_with_operator(&mut fx, "lisbon").await;
    fx.send_ok(
        &[ix::check_in(
            &program_id,
            &ana.pubkey(),
            &operator.pubkey(),
            &s.address,
            "lisbon",
        )],
        &[&ana, &operator],
    )
    .await;
    let patron = fx.wallet().await;
    fx.send_ok(
        &[ix::deposit_sol(
            &program_id,
            &patron.pubkey(),
            &s.address,
            5 * GRANT,
        )],
        &[&patron],
    )
    .await;
    let grant = ProposalAction::TransferSol {
        recipient: operator.pubkey(),
        amount: GRANT,
    };
    let proposal = s.propose(&mut fx, &ana, grant).await;
    s.vote(&mut fx, &s.founder, &proposal, VoteChoice::Yes)
        .await;

    let node = s.node("lisbon");
    let addresses = [
        s.address,
        pda::treasury(&program_id, &s.address).0,
        s.member(&s.founder.pubkey()),
        s.member(&ana.pubkey()),
        s.member(&bo.pubkey()),
        node,
        pda::residency(&program_id, &node, &ana.pubkey()).0,
        proposal,
        pda::vote(&program_id, &proposal, &s.founder.pubkey()).0,
        // A yes on a payment holds the voter's exit in a Share record; a payment out of the
        // treasury counts in an Outflow record: whichever exist.
        pda::share(&program_id, &s.address, &s.founder.pubkey()).0,
        pda::share(&program_id, &s.address, &ana.pubkey()).0,
        pda::outflow(&program_id, &s.address, &Pubkey::default()).0,
    ];
    let mut accounts = Vec::new();
    for address in addresses {
        let Some(account) = fx.raw_account(&address).await else {
            continue;
        };
        accounts.push(json!({
            "address": address.to_string(),
            "owner": account.owner.to_string(),
            "lamports": account.lamports,
            "data": base64::engine::general_purpose::STANDARD.encode(&account.data),
        }));
    }
    let key = |k: &Keypair| k.to_bytes().to_vec();
    let slot = fx.clock().await.slot;
    let ledger = json!({
        "slot": slot,
        "about": "Accounts written by netstate's first release layouts (tests/tests/program/upgrades.rs); test keys only",
        "programId": program_id.to_string(),
        "keys": {
            "founder": key(&s.founder),
            "ana": key(&ana),
            "bo": key(&bo),
            "operator": key(&operator),
        },
        "accounts": accounts,
    });
    let text = serde_json::to_string_pretty(&ledger).expect("JSON") + "\n";
    std::fs::write(LEDGER, text).expect("write the ledger");
}

/// The ledger's accounts, people, and the slot it was written at.
fn read_ledger() -> (Vec<(Pubkey, Account)>, People, u64) {
    let text = std::fs::read_to_string(LEDGER).expect("tests/fixtures/ledger-v1.json");
    let ledger: Value = serde_json::from_str(&text).expect("JSON");
    let key = |role: &str| {
        let bytes: Vec<u8> = serde_json::from_value(ledger["keys"][role].clone()).expect("key");
        Keypair::try_from(bytes.as_slice()).expect("a keypair")
    };
    let pubkey = |v: &Value| v.as_str().expect("text").parse::<Pubkey>().expect("pubkey");
    let accounts = ledger["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            let data = base64::engine::general_purpose::STANDARD
                .decode(a["data"].as_str().expect("data"))
                .expect("base64");
            let account = Account {
                lamports: a["lamports"].as_u64().expect("lamports"),
                data,
                owner: pubkey(&a["owner"]),
                executable: false,
                rent_epoch: 0,
            };
            (pubkey(&a["address"]), account)
        })
        .collect();
    let people = People {
        founder: key("founder"),
        ana: key("ana"),
        bo: key("bo"),
        operator: key("operator"),
    };
    let slot = ledger["slot"].as_u64().expect("slot");
    (accounts, people, slot)
}

#[tokio::test]
async fn a_ledger_of_the_first_release_runs_the_story_on() {
    if std::env::var_os("NETSTATE_WRITE_LEDGER").is_some() {
        write_ledger().await;
    }
    let (accounts, people, slot) = read_ledger();
    // Every netstate account of the ledger is in the first release's layout.
    let program_accounts: Vec<_> = accounts
        .iter()
        .filter(|(_, a)| a.owner == netstate::ID)
        .collect();
    assert_eq!(program_accounts.len(), 9, "the ledger's netstate accounts");
    for (address, account) in &program_accounts {
        assert_eq!(
            account.data.get(8),
            Some(&1),
            "{address} is not at version 1"
        );
    }

    let mut fx = Fixture::with_accounts(accounts).await;
    // On a cluster the slot only moves forward; the new bank starts from where the ledger was.
    fx.skip_to_slot(slot + 1).await;
    let program_id = fx.program_id();
    let s = TestSociety {
        founder: people.founder.insecure_clone(),
        address: pda::society(&program_id, SOCIETY).0,
        program_id,
    };
    for who in [&people.founder, &people.ana, &people.bo, &people.operator] {
        fx.fund(&who.pubkey(), 10_000_000_000).await;
    }
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (
            society.member_count,
            society.citizen_count,
            society.node_count
        ),
        (3, 2, 1)
    );

    // The vote that was open goes on: ana votes, the vote ends, the grant is paid.
    let proposal = pda::proposal(&program_id, &s.address, 0).0;
    s.vote(&mut fx, &people.ana, &proposal, VoteChoice::Yes)
        .await;
    fx.warp_seconds(VOTING).await;
    s.finalize(&mut fx, &proposal).await;
    fx.warp_seconds(DELAY).await;
    let before = fx.balance(&people.operator.pubkey()).await;
    let execute = s.execute_ix(&mut fx, &proposal).await;
    fx.send_ok(&[execute], &[]).await;
    assert_eq!(fx.balance(&people.operator.pubkey()).await - before, GRANT);
    let p: Proposal = fx.account(&proposal).await;
    assert_eq!((p.status, p.tally.yes), (ProposalStatus::Executed, 2));

    // The applicant of the old ledger is admitted, and checks in at the old hub with ana.
    fx.send_ok(
        &[ix::admit_member(
            &program_id,
            &people.founder.pubkey(),
            &s.address,
            &people.bo.pubkey(),
        )],
        &[&people.founder],
    )
    .await;
    for who in [&people.bo, &people.ana] {
        fx.send_ok(
            &[ix::check_in(
                &program_id,
                &who.pubkey(),
                &people.operator.pubkey(),
                &s.address,
                "lisbon",
            )],
            &[who, &people.operator],
        )
        .await;
    }
    let ana: Member = fx.account(&s.member(&people.ana.pubkey())).await;
    assert_eq!(ana.check_in_count, 2, "the old check-in and the new one");
    let bo: Member = fx.account(&s.member(&people.bo.pubkey())).await;
    assert_eq!(bo.status, MemberStatus::Citizen);
    let hub: Node = fx.account(&s.node("lisbon")).await;
    assert_eq!(hub.check_in_count, 3);

    // The old records close and return their rent.
    for voter in [&people.founder, &people.ana] {
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
    }
    fx.send_ok(
        &[ix::close_proposal(
            &program_id,
            &s.address,
            &proposal,
            &people.ana.pubkey(),
        )],
        &[],
    )
    .await;
    assert!(fx.raw_account(&proposal).await.is_none());
    let society: Society = fx.account(&s.address).await;
    assert_eq!(
        (
            society.member_count,
            society.citizen_count,
            society.proposal_count
        ),
        (3, 3, 1)
    );
}
