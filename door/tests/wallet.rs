//! A wallet at the door, played by a test: the Solana Pay `GET` and `POST`, the member's
//! signature, the send to a local node, and the residency that grows; and every refusal.

mod common;

use anchor_lang::prelude::Pubkey;
use base64::Engine;
use common::{HUB, SOCIETY, fund, get, sign_and_send, world};
use netstate_client::PROGRAM_ID;
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

/// What a wallet that scanned the door's screen just now sends.
async fn ask(door: &Door, wallet: &Pubkey) -> (u16, serde_json::Value) {
    post(
        &door.check_in_url_at(netstate_door::token::now()),
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
    // The link holds the endpoint with the screen's code, URL-encoded as Solana Pay asks of
    // a link with a query.
    let now = netstate_door::token::now();
    assert_eq!(
        door.solana_pay_url_at(now),
        format!(
            "solana:{}",
            netstate_door::token::percent_encode(&format!(
                "{base}/check-in?k={}",
                door.code_at(now)
            ))
        )
    );

    // POST: a transaction signed by the door, paid by the member, for this hub only.
    let (status, answer) = ask(&door, &ana.pubkey()).await;
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
    let (status, again) = ask(&door, &ana.pubkey()).await;
    assert_eq!(status, 409, "{again}");
    assert_eq!(again["error"]["name"], "AlreadyCheckedInToday");

    // The next day the same wallet checks in again, and the days add up.
    w.client.warp_clock(86_400).await.unwrap();
    let (status, tomorrow) = ask(&door, &ana.pubkey()).await;
    assert_eq!(status, 200, "{tomorrow}");
    sign_and_send(&w.client, &tomorrow, &ana).await.unwrap();
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(2));

    // A tampered transaction (another hub's code would need another operator; here the
    // wallet swaps the instruction's data) fails the door's signature.
    let (_, answer) = {
        w.client.warp_clock(86_400).await.unwrap();
        ask(&door, &ana.pubkey()).await
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
    let (door, base) = w.door(None).await;
    let url = door.check_in_url_at(netstate_door::token::now());

    // A wallet that never applied.
    let stranger = Keypair::new();
    let (status, answer) = ask(&door, &stranger.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (403, Some("NotAMember"))
    );
    assert!(
        answer["message"].as_str().unwrap().contains("apply"),
        "{answer}"
    );

    // Without the code on the screen, or with one from minutes ago: refused before anything
    // else is read.
    let body = serde_json::json!({ "account": stranger.pubkey().to_string() }).to_string();
    let (status, answer) = post(
        &format!("{base}/check-in"),
        "application/json",
        body.clone(),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (403, Some("QrCodeRequired"))
    );
    let stale = door.check_in_url_at(netstate_door::token::now() - 120);
    let (status, answer) = post(&stale, "application/json", body).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (403, Some("QrCodeExpired"))
    );

    // Not JSON, too large, not the shape, not an address.
    let bo = w.member("bo").await;
    let wallet = bo.pubkey().to_string();
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
        &PROGRAM_ID,
        &broke.pubkey(),
        &w.society,
        ApplyArgs {
            handle: "broke".into(),
            profile_uri: String::new(),
        },
    );
    w.client.send(&[apply], &broke, &[]).await.unwrap();
    let (status, answer) = ask(&door, &broke.pubkey()).await;
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
                &PROGRAM_ID,
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
    let proposal = pda::proposal(&PROGRAM_ID, &w.society, index).0;
    // An expulsion is constitutional: its quorum is a third of the citizens.
    for voter in [&w.founder, &bo] {
        w.client
            .send(
                &[ix::cast_vote(
                    &PROGRAM_ID,
                    &voter.pubkey(),
                    &w.society,
                    &proposal,
                    VoteChoice::Yes,
                )],
                voter,
                &[],
            )
            .await
            .unwrap();
    }
    w.client.warp_clock(3 * 86_400 + 1).await.unwrap();
    w.client
        .send(
            &[ix::finalize_proposal(
                &PROGRAM_ID,
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
                &PROGRAM_ID,
                &w.founder.pubkey(),
                &proposal,
                &p,
                &ix::ExecuteContext::default(),
            )
            .expect("the execute context is complete")],
            &w.founder,
            &[],
        )
        .await
        .unwrap();
    let (status, answer) = ask(&door, &eve.pubkey()).await;
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
    let (door, _) = w.door(Some(10_000)).await;
    let (status, answer) = ask(&door, &ana.pubkey()).await;
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
    let (status, answer) = ask(&door, &bo.pubkey()).await;
    assert_eq!(
        (status, answer["error"]["name"].as_str()),
        (503, Some("FeeBudgetSpent")),
        "{answer}"
    );
    // Tomorrow it starts again.
    w.client.warp_clock(86_400).await.unwrap();
    let (status, answer) = ask(&door, &bo.pubkey()).await;
    assert_eq!(status, 200, "{answer}");
    w.node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_door_opens_only_with_its_hubs_operator_key() {
    let w = world().await;
    let wrong = Door::open(DoorConfig {
        client: netstate_client::NetstateClient::new(w.node.url(), PROGRAM_ID),
        society: SOCIETY.into(),
        hub: HUB.into(),
        operator: Keypair::new(),
        public_url: "https://door.example.org".into(),
        fee_budget: None,
        queue: None,
    })
    .await
    .unwrap_err();
    assert_eq!(wrong.name(), "NotTheOperator");
    let unknown = Door::open(DoorConfig {
        client: netstate_client::NetstateClient::new(w.node.url(), PROGRAM_ID),
        society: SOCIETY.into(),
        hub: "porto".into(),
        operator: w.operator.insecure_clone(),
        public_url: "https://door.example.org".into(),
        fee_budget: None,
        queue: None,
    })
    .await
    .unwrap_err();
    assert_eq!(unknown.name(), "UnknownHub");
    assert!(unknown.to_string().contains("no hub `porto`"), "{unknown}");
    w.node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_tickets_from_the_kiosk_are_queued_and_redeemed_once() {
    let w = world().await;
    let ana = w.member("ana").await;
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("tickets.txt");
    let (door, base) = w.door_with(None, Some(queue.clone())).await;
    let code = door.code_at(netstate_door::token::now());
    let page = |query: String| get(format!("{base}/ticket?{query}"));
    // The code on the screen is needed, and a wallet address.
    let (status, _) = page(format!("wallet={}", ana.pubkey())).await;
    assert_eq!(status, 403);
    let (status, text) = page(format!("wallet=nobody&k={code}")).await;
    assert_eq!(status, 400, "{text}");
    let (status, text) = page(format!("wallet={}&k={code}", ana.pubkey())).await;
    assert_eq!(status, 200, "{text}");
    // The page reloaded (or asked again) queues the same ticket once.
    let (status, again) = page(format!("wallet={}&k={code}", ana.pubkey())).await;
    assert_eq!((status, again.len()), (200, text.len()));
    let queued = std::fs::read_to_string(&queue).unwrap();
    let lines: Vec<&str> = queued.lines().collect();
    assert_eq!(lines.len(), 1, "{queued}");
    assert!(
        text.contains(lines[0]),
        "the page shows the ticket it queued"
    );
    assert_eq!(door.tickets_issued(), vec![lines[0].to_string()]);

    // Anyone redeems it, later, any number of times: the day counts once.
    let ticket = netstate_client::tickets::SignedTicket::from_base58(lines[0]).unwrap();
    assert!(ticket.verify());
    assert_eq!(ticket.ticket.wallet, ana.pubkey());
    let payer = Keypair::new();
    fund(&w.client, &payer.pubkey(), 1_000_000_000).await;
    for _ in 0..2 {
        w.client
            .send(&ticket.redeem(&payer.pubkey()), &payer, &[])
            .await
            .unwrap();
    }
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(1));
    // A forged signature fails in the local node's Ed25519 program, as on a cluster.
    let mut forged = netstate_client::tickets::SignedTicket::sign(
        &Keypair::new(),
        &PROGRAM_ID,
        ticket.ticket.society,
        ticket.ticket.node,
        ana.pubkey(),
        ticket.ticket.day - 1,
    );
    forged.signer = w.operator.pubkey();
    let refused = w
        .client
        .send(&forged.redeem(&payer.pubkey()), &payer, &[])
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("0x2") || refused.to_string().contains("Custom(2)"),
        "{refused}"
    );
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(1));

    // When the chain cannot be read, the kiosk says so in plain words, offers only a
    // ticket (on the phone, or typed here) and keeps the cluster's error to the log.
    let offline = netstate_door::kiosk::render(
        &door,
        Err(netstate_door::DoorError::Cluster(
            "AccountNotFound: pubkey=Sysvar".into(),
        )),
    );
    assert!(offline.contains("action=\"/ticket\""), "{offline}");
    assert!(
        offline.contains("cannot reach the Solana network"),
        "{offline}"
    );
    assert!(!offline.contains("AccountNotFound"), "{offline}");
    assert!(
        !offline.contains("solana:"),
        "no check-in link offline: {offline}"
    );
    assert!(!offline.contains("Solana wallet to check in"), "{offline}");
    assert!(offline.contains(&format!("{base}/ticket?k=")), "{offline}");
    w.node.stop().await;
}

/// A member with a phone takes a ticket there: the kiosk's QR code opens a form that lasts
/// long enough to paste an address, and the door redeems its queue by itself, the
/// operator's key paying, once the chain answers: each ticket once, and the queue empties.
#[tokio::test(flavor = "multi_thread")]
async fn a_phone_takes_a_ticket_and_the_door_redeems_its_queue_itself() {
    let w = world().await;
    let ana = w.member("ana").await;
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("tickets.txt");
    let (door, base) = w.door_with(None, Some(queue.clone())).await;
    let code = door.code_at(netstate_door::token::now());
    // The form, opened with the screen's code, carries a form code.
    let (status, form) = get(format!("{base}/ticket?k={code}")).await;
    assert_eq!(status, 200, "{form}");
    let form_code = door.form_code_at(netstate_door::token::now());
    assert!(
        form.contains(&format!("name=\"f\" value=\"{form_code}\"")),
        "{form}"
    );
    let (status, _) = get(format!("{base}/ticket?wallet={}&f=forged", ana.pubkey())).await;
    assert_eq!(status, 403);
    let (status, text) = get(format!(
        "{base}/ticket?wallet={}&f={form_code}",
        ana.pubkey()
    ))
    .await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("redeems this ticket by itself"), "{text}");
    assert_eq!(std::fs::read_to_string(&queue).unwrap().lines().count(), 1);

    let fee_payer_before = w
        .client
        .rpc()
        .get_balance(&w.operator.pubkey())
        .await
        .unwrap();
    let done = door.redeem_queue().await.unwrap().unwrap();
    assert_eq!(
        (done.counted, done.already_counted, done.left),
        (1, 0, 0),
        "{done:?}"
    );
    assert_eq!(w.days_present(&ana.pubkey()).await, Some(1));
    assert_eq!(std::fs::read_to_string(&queue).unwrap(), "");
    assert!(
        w.client
            .rpc()
            .get_balance(&w.operator.pubkey())
            .await
            .unwrap()
            < fee_payer_before
    );
    // Nothing left: a second pass sends nothing.
    let again = door.redeem_queue().await.unwrap().unwrap();
    assert_eq!(again, netstate_door::queue::QueueRedeemed::default());

    // A ticket the program refuses (a wallet that is no member) stays for `door sync` to
    // name, and is not sent again; a chain that does not answer leaves the queue alone.
    let stranger = Keypair::new();
    let (status, _) = get(format!(
        "{base}/ticket?wallet={}&f={form_code}",
        stranger.pubkey()
    ))
    .await;
    assert_eq!(status, 200);
    let done = door.redeem_queue().await.unwrap().unwrap();
    assert_eq!((done.counted, done.left), (0, 1), "{done:?}");
    w.node.stop().await;
    // Offline, the kiosk still signs (by this machine's day), and the pass tries nothing.
    let (status, _) = get(format!(
        "{base}/ticket?wallet={}&f={form_code}",
        ana.pubkey()
    ))
    .await;
    assert_eq!(status, 200);
    let offline = door.redeem_queue().await.unwrap().unwrap();
    assert_eq!((offline.counted, offline.left), (0, 2), "{offline:?}");
    assert_eq!(std::fs::read_to_string(&queue).unwrap().lines().count(), 2);
}
