//! A wallet at the door, played by a test: the Solana Pay `GET` and `POST`, the member's
//! signature, the send to a local node, and the residency that grows; and every refusal.

mod common;

use anchor_lang::prelude::Pubkey;
use base64::Engine;
use common::{HUB, SOCIETY, fund, sign_and_send, world};
use netstate_client::{
    ApplyArgs, CreateProposalArgs, ProposalAction, VoteChoice, instructions as ix, pda,
};
use netstate_door::{Door, DoorConfig};
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

/// POSTs `body` with `content_type`; the status and the JSON answer.
async fn post(url: &str, content_type: &str, body: String) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn ask(base: &str, wallet: &Pubkey) -> (u16, serde_json::Value) {
    post(
        &format!("{base}/check-in"),
        "application/json",
        serde_json::json!({ "account": wallet.to_string() }).to_string(),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wallet_checks_in_through_the_door_and_its_residency_grows() {
    let w = world().await;
    let ana = w.member("ana").await;
    let (door, base) = w.door(None).await;

    // GET names the door; its icon is an SVG.
    let label: serde_json::Value = reqwest::get(format!("{base}/check-in"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(label["label"], "Lisbon <House> · Door State");
    assert_eq!(label["icon"], format!("{base}/icon.svg").as_str());
    let icon = reqwest::get(format!("{base}/icon.svg")).await.unwrap();
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    assert_eq!(door.solana_pay_url(), format!("solana:{base}/check-in"));

    // POST: a transaction signed by the door, paid by the member, for this hub only.
    let (status, answer) = ask(&base, &ana.pubkey()).await;
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .starts_with("Check in at Lisbon <House>"),
        "{answer}"
    );
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["transaction"].as_str().unwrap())
        .unwrap();
    let tx: Transaction = bincode::deserialize(&bytes).unwrap();
    assert_eq!(tx.message.account_keys[0], ana.pubkey(), "the member pays");
    assert_eq!(tx.message.instructions.len(), 1);
    assert_eq!(
        tx.message.program_id(0),
        Some(&netstate_client::PROGRAM_ID),
        "the door signs nothing but a netstate instruction"
    );
    assert_eq!(w.days_present(&ana.pubkey()).await, None);
    sign_and_send(&w.client, &answer, &ana).await.unwrap();
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(1));
    let today = door.today_at_hub().await.unwrap();
    assert_eq!(today.check_ins, 1);

    // Once a day: the door says so before anything is signed.
    let (status, again) = ask(&base, &ana.pubkey()).await;
    assert_eq!(status, 409, "{again}");
    assert_eq!(again["error"]["name"], "AlreadyCheckedInToday");

    // The next day the same wallet checks in again, and the days add up.
    w.client.warp_clock(86_400).await.unwrap();
    let (status, tomorrow) = ask(&base, &ana.pubkey()).await;
    assert_eq!(status, 200, "{tomorrow}");
    sign_and_send(&w.client, &tomorrow, &ana).await.unwrap();
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(2));

    // A tampered transaction (another hub's code would need another operator; here the
    // wallet swaps the instruction's data) fails the door's signature.
    let (_, answer) = {
        w.client.warp_clock(86_400).await.unwrap();
        ask(&base, &ana.pubkey()).await
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["transaction"].as_str().unwrap())
        .unwrap();
    let mut tx: Transaction = bincode::deserialize(&bytes).unwrap();
    tx.message.instructions[0].data.push(0);
    let blockhash = tx.message.recent_blockhash;
    tx.try_partial_sign(&[&ana], blockhash).unwrap();
    assert!(
        tx.verify().is_err(),
        "the operator's signature covers the whole message"
    );
    w.node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_door_refuses_strangers_the_expelled_and_malformed_requests() {
    let w = world().await;
    let (_, base) = w.door(None).await;
    let url = format!("{base}/check-in");

    // A wallet that never applied.
    let stranger = Keypair::new();
    let (status, answer) = ask(&base, &stranger.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (403, Some("NotAMember"))
    );
    assert!(
        answer["message"].as_str().unwrap().contains("apply"),
        "{answer}"
    );

    // Not JSON, too large, not the shape, not an address.
    let wallet = w.member("bo").await.pubkey().to_string();
    let (status, answer) = post(&url, "text/plain", format!("{{\"account\":\"{wallet}\"}}")).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (415, Some("NotJson"))
    );
    let (status, answer) = post(
        &url,
        "application/json",
        format!(
            "{{\"account\":\"{wallet}\",\"pad\":\"{}\"}}",
            "x".repeat(4_096)
        ),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (413, Some("RequestTooLarge"))
    );
    let (status, answer) = post(&url, "application/json", "{\"wallet\":1}".into()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (400, Some("BadRequest"))
    );
    let (status, answer) = post(
        &url,
        "application/json",
        "{\"account\":\"not-a-key\"}".into(),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (400, Some("BadRequest"))
    );
    assert!(
        answer["message"].as_str().unwrap().contains("not-a-key"),
        "{answer}"
    );
    // Extra fields are allowed, as the specification asks; charset parameters too.
    let (status, answer) = post(
        &url,
        "application/json; charset=utf-8",
        format!("{{\"account\":\"{wallet}\",\"future\":true}}"),
    )
    .await;
    assert_eq!(status, 200, "{answer}");

    // A member without the SOL for its first record at this hub.
    let broke = Keypair::new();
    fund(&w.client, &broke.pubkey(), 3_500_000).await;
    let apply = ix::apply(
        &broke.pubkey(),
        &w.society,
        ApplyArgs {
            handle: "broke".into(),
            profile_uri: String::new(),
        },
    );
    w.client.send(&[apply], &broke, &[]).await.unwrap();
    let (status, answer) = ask(&base, &broke.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (402, Some("NotEnoughSol")),
        "{answer}"
    );

    // An expelled member: a proposal expels eve, and the door turns her away.
    let eve = w.member("eve").await;
    let index = 0;
    let args = CreateProposalArgs {
        title: "Expel eve".into(),
        description_uri: String::new(),
        description_hash: [0; 32],
        action: ProposalAction::ExpelMember {
            wallet: eve.pubkey(),
        },
    };
    w.client
        .send(
            &[ix::create_proposal(
                &w.founder.pubkey(),
                &w.society,
                index,
                args,
            )],
            &w.founder,
            &[],
        )
        .await
        .unwrap();
    let proposal = pda::proposal(&w.society, index).0;
    w.client
        .send(
            &[ix::cast_vote(
                &w.founder.pubkey(),
                &w.society,
                &proposal,
                VoteChoice::Yes,
            )],
            &w.founder,
            &[],
        )
        .await
        .unwrap();
    w.client.warp_clock(3 * 86_400 + 1).await.unwrap();
    w.client
        .send(
            &[ix::finalize_proposal(
                &w.society,
                &proposal,
                &w.founder.pubkey(),
            )],
            &w.founder,
            &[],
        )
        .await
        .unwrap();
    w.client.warp_clock(86_400 + 1).await.unwrap();
    let (_, p) = w.client.proposal(&w.society, index).await.unwrap();
    w.client
        .send(
            &[ix::execute_proposal(
                &w.founder.pubkey(),
                &proposal,
                &p,
                &anchor_spl::token::ID,
                None,
            )],
            &w.founder,
            &[],
        )
        .await
        .unwrap();
    let (status, answer) = ask(&base, &eve.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (403, Some("MemberExpelled")),
        "{answer}"
    );
    w.node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_door_that_pays_fees_never_exceeds_its_daily_budget() {
    let w = world().await;
    let ana = w.member("ana").await;
    let bo = w.member("bo").await;
    // One check-in carries two signatures: 10 000 lamports at 5 000 per signature.
    let (door, base) = w.door(Some(10_000)).await;
    let (status, answer) = ask(&base, &ana.pubkey()).await;
    assert_eq!(status, 200, "{answer}");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["transaction"].as_str().unwrap())
        .unwrap();
    let tx: Transaction = bincode::deserialize(&bytes).unwrap();
    assert_eq!(
        tx.message.account_keys[0],
        w.operator.pubkey(),
        "the door pays"
    );
    let operator_before = w
        .client
        .rpc()
        .get_balance(&w.operator.pubkey())
        .await
        .unwrap();
    sign_and_send(&w.client, &answer, &ana).await.unwrap();
    let operator_after = w
        .client
        .rpc()
        .get_balance(&w.operator.pubkey())
        .await
        .unwrap();
    assert_eq!(operator_before - operator_after, 10_000);
    assert_eq!(door.budget().unwrap().limit(), 10_000);

    // The day's budget is spent: the next wallet is told, nothing is signed.
    let (status, answer) = ask(&base, &bo.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (503, Some("FeeBudgetSpent")),
        "{answer}"
    );
    // Tomorrow it starts again.
    w.client.warp_clock(86_400).await.unwrap();
    let (status, answer) = ask(&base, &bo.pubkey()).await;
    assert_eq!(status, 200, "{answer}");
    w.node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_door_opens_only_with_its_hubs_operator_key() {
    let w = world().await;
    let wrong = Door::open(DoorConfig {
        rpc_url: w.node.url(),
        society: SOCIETY.into(),
        hub: HUB.into(),
        operator: Keypair::new(),
        public_url: "https://door.example.org".into(),
        fee_budget: None,
    })
    .await
    .unwrap_err();
    assert_eq!(wrong.name(), "NotTheOperator");
    let unknown = Door::open(DoorConfig {
        rpc_url: w.node.url(),
        society: SOCIETY.into(),
        hub: "porto".into(),
        operator: w.operator.insecure_clone(),
        public_url: "https://door.example.org".into(),
        fee_budget: None,
    })
    .await
    .unwrap_err();
    assert_eq!(unknown.name(), "UnknownHub");
    assert!(unknown.to_string().contains("no hub `porto`"), "{unknown}");
    w.node.stop().await;
}
