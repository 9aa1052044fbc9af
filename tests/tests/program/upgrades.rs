//! Upgrades keep every society. `tests/fixtures/ledger-v1.json` holds accounts written by
//! the build before the hub's layout grew (every account at `version` 1): a society with a
//! citizen and an applicant, a hub where the citizen checked in, a funded treasury, and a
//! grant the founder voted for. Loaded into a bank running this build, the story goes on
//! from where it stopped: a vote is finished, a grant paid, an applicant admitted. The hub is
//! still in layout 1: a check-in there is refused until `upgrade_account` (anyone, paying the
//! growth's rent) rewrites it in layout 2 with every field kept; then members check in. A
//! layout change that cannot read these accounts fails here until it brings its migration
//! (`docs/deploy.md`, "Upgrades that keep every society"). No release has shipped yet: when
//! the exit basket and SOL's outflow left the Society for accounts of their own, the
//! ledger's Society was rewritten without them and its ExitBasket added, every other
//! account as it was.

use anchor_lang::solana_program::pubkey::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator, Space};
use base64::Engine as _;
use netstate::state::layouts::NodeV1;
use netstate_client::{
    AdmissionPolicy, Member, MemberStatus, Node, Proposal, ProposalStatus, Society, VoteChoice,
    instructions as ix, pda,
};
use netstate_client::{NetstateError, events::AccountUpgraded};
use netstate_tests::governance::{DELAY, VOTING};
use netstate_tests::{Fixture, scenario::TestSociety};
use serde_json::Value;
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

/// The ledger in a bank of this build, its society, people and the Lisbon hub as layout 1
/// left it.
async fn loaded() -> (Fixture, TestSociety, People, NodeV1) {
    let (accounts, people, slot) = read_ledger();
    // Every netstate account of the ledger is in the first layouts.
    let program_accounts: Vec<_> = accounts
        .iter()
        .filter(|(_, a)| a.owner == netstate::ID)
        .collect();
    assert_eq!(program_accounts.len(), 10, "the ledger's netstate accounts");
    for (address, account) in &program_accounts {
        assert_eq!(
            account.data.get(8),
            Some(&1),
            "{address} is not at version 1"
        );
    }
    let program_id = netstate::ID;
    let society = pda::society(&program_id, SOCIETY).0;
    let hub = pda::node(&program_id, &society, "lisbon").0;
    let (_, hub_account) = accounts
        .iter()
        .find(|(address, _)| *address == hub)
        .expect("the ledger holds the hub");
    assert!(hub_account.data.starts_with(Node::DISCRIMINATOR));
    let old_hub = NodeV1::deserialize(&mut &hub_account.data[8..]).expect("a layout-1 hub");

    let mut fx = Fixture::with_accounts(accounts).await;
    // On a cluster the slot only moves forward; the new bank starts from where the ledger was.
    fx.skip_to_slot(slot + 1).await;
    let s = TestSociety {
        founder: people.founder.insecure_clone(),
        address: society,
        program_id,
    };
    for who in [&people.founder, &people.ana, &people.bo, &people.operator] {
        fx.fund(&who.pubkey(), 10_000_000_000).await;
    }
    (fx, s, people, old_hub)
}

#[tokio::test]
async fn a_ledger_of_the_first_release_runs_the_story_on() {
    let (mut fx, s, people, old_hub) = loaded().await;
    let program_id = s.program_id;
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

    // The applicant of the old ledger is admitted.
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
    let bo: Member = fx.account(&s.member(&people.bo.pubkey())).await;
    assert_eq!(bo.status, MemberStatus::Citizen);

    // The hub is still in layout 1: the program uses only layout 2, so a check-in there is
    // refused by name until the hub is upgraded.
    let hub = s.node("lisbon");
    let check_in = |who: &Keypair| {
        ix::check_in(
            &program_id,
            &who.pubkey(),
            &people.operator.pubkey(),
            &s.address,
            "lisbon",
        )
    };
    fx.send_err(
        &[check_in(&people.bo)],
        &[&people.bo, &people.operator],
        NetstateError::AccountNeedsUpgrade,
    )
    .await;

    // Anyone upgrades it, paying the rent of its growth; every field is kept.
    let lamports_before = fx.balance(&hub).await;
    let upgrade = ix::upgrade_account(&program_id, &people.bo.pubkey(), &s.address, &hub);
    let out = fx
        .send_ok(std::slice::from_ref(&upgrade), &[&people.bo])
        .await;
    let size = 8 + Node::INIT_SPACE;
    let rent = fx.rent_exempt(size).await;
    let event: AccountUpgraded = out.event();
    assert_eq!(
        (event.account, event.from_version, event.to_version),
        (hub, 1, Node::LAYOUT_VERSION)
    );
    assert_eq!(
        (event.size as usize, event.rent_paid),
        (size, rent - lamports_before)
    );
    assert_eq!(fx.balance(&hub).await, rent);
    assert_eq!(fx.raw_account(&hub).await.unwrap().data.len(), size);
    let upgraded: Node = fx.account(&hub).await;
    let kept = NodeV1::of(&upgraded);
    assert_eq!(kept, old_hub, "a field was lost");
    assert_eq!(
        (
            upgraded.version,
            upgraded.latest_day,
            upgraded.latest_day_present
        ),
        (Node::LAYOUT_VERSION, 0, 0)
    );
    // Once is enough.
    fx.send_err(&[upgrade], &[&people.bo], NetstateError::AccountUpToDate)
        .await;

    // Now bo and ana check in, and the hub counts today's members itself.
    for who in [&people.bo, &people.ana] {
        fx.send_ok(&[check_in(who)], &[who, &people.operator]).await;
    }
    let ana: Member = fx.account(&s.member(&people.ana.pubkey())).await;
    assert_eq!(ana.check_in_count, 2, "the old check-in and the new one");
    let hub_now: Node = fx.account(&hub).await;
    assert_eq!(hub_now.check_in_count, 3);
    assert_eq!(
        (hub_now.latest_day, hub_now.present_on(fx.today())),
        (fx.today(), Some(2))
    );

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

/// What `upgrade_account` refuses: an account in the current layout, a layout it does not
/// know, another society's account, an account no netstate account, extra accounts.
#[tokio::test]
async fn upgrade_account_refuses_what_it_cannot_upgrade() {
    let (mut fx, s, people, _) = loaded().await;
    let program_id = s.program_id;
    let hub = s.node("lisbon");
    let payer = &people.bo;
    let upgrade = |society: &Pubkey, account: &Pubkey| {
        ix::upgrade_account(&program_id, &payer.pubkey(), society, account)
    };

    // Accounts in the current layout: a member, the society itself.
    let member = s.member(&people.ana.pubkey());
    fx.send_err(
        &[upgrade(&s.address, &member)],
        &[payer],
        NetstateError::AccountUpToDate,
    )
    .await;
    fx.send_err(
        &[upgrade(&s.address, &s.address)],
        &[payer],
        NetstateError::AccountUpToDate,
    )
    .await;

    // The hub named with another society.
    let other = TestSociety::create(&mut fx, "Other", AdmissionPolicy::Open).await;
    fx.send_err(
        &[upgrade(&other.address, &hub)],
        &[payer],
        NetstateError::NodeNotInSociety,
    )
    .await;

    // A wallet is no netstate account.
    fx.send_err(
        &[upgrade(&s.address, &people.ana.pubkey())],
        &[payer],
        anchor_lang::error::ErrorCode::ConstraintOwner,
    )
    .await;

    // Extra accounts are refused.
    let mut extra = upgrade(&s.address, &hub);
    extra
        .accounts
        .push(anchor_lang::solana_program::instruction::AccountMeta::new_readonly(member, false));
    fx.send_err(
        &[extra],
        &[payer],
        NetstateError::UnexpectedRemainingAccounts,
    )
    .await;

    // A layout this program does not know (a newer release's) is refused, and left as is.
    let mut forged = fx.raw_account(&hub).await.unwrap();
    forged.data[8] = 7;
    fx.set_account(&hub, forged.clone());
    fx.send_err(
        &[upgrade(&s.address, &hub)],
        &[payer],
        NetstateError::UnknownAccountVersion,
    )
    .await;
    assert_eq!(fx.raw_account(&hub).await.unwrap().data, forged.data);
}
