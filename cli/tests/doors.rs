//! A hub's door from the command line: co-signed check-ins offline, `netstate door` serving
//! a wallet and closing cleanly, offline tickets, presence citizenship and operator
//! rotation.

mod common;

use std::process::Command;

use common::{embedded_society, funded, keypair_file, netstate, netstate_json};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_door_co_signs_a_check_in_offline_and_the_member_completes_it() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let (_, founder) = funded(&node, dir, "founder").await;
    let (member, member_key) = funded(&node, dir, "member").await;
    let door = Keypair::new();
    let door_key = keypair_file(dir, "door", &door)
        .to_string_lossy()
        .into_owned();
    let cli = |key: &str, args: &[&str]| netstate_json(dir, &url, key, "Door", args);
    assert!(
        cli(
            &founder,
            &common::create_society("Door", &["--policy", "open"])
        )
        .ok
    );
    let door_address = door.pubkey().to_string();
    assert!(
        cli(
            &founder,
            &common::register_in_lisbon("lisbon", "Lisbon", &door_address)
        )
        .ok
    );
    assert!(cli(&member_key, &["member", "apply", "--handle", "ana"]).ok);
    let member_address = member.pubkey().to_string();

    // The door's process: the member's address, the door's key, a blockhash; signs only.
    let blockhash = cli(&door_key, &["wallet", "blockhash"]).json()["blockhash"]
        .as_str()
        .unwrap()
        .to_string();
    let no_blockhash = cli(
        &door_key,
        &[
            "check-in",
            "lisbon",
            "--operator-keypair",
            &door_key,
            "--member",
            &member_address,
            "--fee-payer",
            &member_address,
            "--sign-only",
        ],
    );
    assert!(
        !no_blockhash.ok && no_blockhash.stdout.contains("--blockhash"),
        "{}",
        no_blockhash.stdout
    );
    let signed = cli(
        &door_key,
        &[
            "check-in",
            "lisbon",
            "--operator-keypair",
            &door_key,
            "--member",
            &member_address,
            "--fee-payer",
            &member_address,
            "--sign-only",
            "--blockhash",
            &blockhash,
        ],
    );
    assert!(signed.ok, "{}", signed.stderr);
    let signed = signed.json();
    assert_eq!(signed["absent"][0], member_address.as_str());
    let door_signature = signed["signers"][0].as_str().unwrap().to_string();
    assert!(door_signature.starts_with(&format!("{door_address}=")));

    // The member's process: no door key here. Without the door's signature it is refused
    // by name; with a signature of something else too; with the right one it lands.
    let unsigned = cli(
        &member_key,
        &["check-in", "lisbon", "--operator", &door_address],
    );
    assert!(
        !unsigned.ok
            && unsigned
                .stdout
                .contains(&format!("signatures missing for {door_address}")),
        "{}",
        unsigned.stdout
    );
    let forged = format!("{door_address}={}", door.sign_message(b"something else"));
    let wrong = cli(
        &member_key,
        &[
            "check-in",
            "lisbon",
            "--operator",
            &door_address,
            "--signer",
            &forged,
            "--blockhash",
            &blockhash,
        ],
    );
    assert!(
        !wrong.ok && wrong.stdout.contains("does not sign this transaction"),
        "{}",
        wrong.stdout
    );
    let done = cli(
        &member_key,
        &[
            "check-in",
            "lisbon",
            "--operator",
            &door_address,
            "--signer",
            &door_signature,
            "--blockhash",
            &blockhash,
        ],
    );
    assert!(done.ok, "{}{}", done.stdout, done.stderr);
    let residency = cli(&member_key, &["member", "residency"]).json();
    assert_eq!(residency["residencies"][0]["daysPresent"], 1);
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_door_run_from_the_cli_checks_in_a_wallet_and_closes_cleanly() {
    use std::io::BufRead;
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let (_, founder) = funded(&node, dir, "founder").await;
    let (ana, ana_key) = funded(&node, dir, "ana").await;
    let door_key = keypair_file(dir, "door", &Keypair::new());
    let door_key = door_key.to_string_lossy().into_owned();
    let run = |key: &str, args: &[&str]| {
        let run = netstate_json(dir, &url, key, "Doorway", args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    run(
        &founder,
        &common::create_society("Doorway", &["--policy", "open"]),
    );
    let operator = run(&door_key, &["wallet", "address"]).json()["address"]
        .as_str()
        .unwrap()
        .to_string();
    run(
        &founder,
        &common::register_in_lisbon("lisbon", "Lisbon House", &operator),
    );
    run(&ana_key, &["member", "apply", "--handle", "ana"]);

    // A wrong key does not open the door, by name.
    let wrong = netstate_json(
        dir,
        &url,
        &ana_key,
        "Doorway",
        &[
            "door",
            "--node",
            "lisbon",
            "--operator-keypair",
            &ana_key,
            "--bind",
            "127.0.0.1:0",
        ],
    );
    assert!(!wrong.ok);
    assert_eq!(wrong.json()["error"]["name"], "NotTheOperator");

    let mut door = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args([
            "--url",
            &url,
            "--society",
            "Doorway",
            "--output",
            "json",
            "door",
            "--node",
            "lisbon",
            "--operator-keypair",
            &door_key,
            "--bind",
            "127.0.0.1:0",
        ])
        .env("NETSTATE_HOME", dir)
        .env("HOME", dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(door.stdout.take().unwrap()).lines();
    let opened: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(opened["hub"], "lisbon");
    assert!(opened["feeBudgetLamports"].is_null());
    let link = opened["solanaPay"].as_str().unwrap().to_string();
    let endpoint =
        netstate_door::token::percent_decode(link.strip_prefix("solana:").unwrap()).unwrap();
    assert!(endpoint.contains("/check-in?k="), "{endpoint}");

    // The wallet's side: POST, sign what the door signed, send.
    let answer: serde_json::Value = reqwest::Client::new()
        .post(&endpoint)
        .json(&serde_json::json!({ "account": ana.pubkey().to_string() }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["transaction"].as_str().unwrap())
        .unwrap();
    let mut tx: solana_transaction::Transaction = bincode::deserialize(&bytes).unwrap();
    let blockhash = tx.message.recent_blockhash;
    tx.try_partial_sign(&[&ana], blockhash).unwrap();
    solana_client::nonblocking::rpc_client::RpcClient::new(url.clone())
        .send_and_confirm_transaction(&tx)
        .await
        .unwrap();
    let residency = run(&ana_key, &["member", "residency"]).json();
    assert_eq!(residency["residencies"][0]["hub"], "lisbon");
    assert_eq!(residency["residencies"][0]["daysPresent"], 1);

    // SIGTERM closes the door: exit 0, and a last line saying what it signed.
    unsafe {
        libc::kill(door.id() as i32, libc::SIGTERM);
    }
    let status = door.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let closed: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(closed["checkInsSigned"], 1);
    node.stop().await;
}

#[test]
fn offline_tickets_presence_citizenship_and_operator_rotation_from_the_cli() {
    let home = embedded_society("Walkers", &["--policy", "presence", "--presence-days", "2"]);
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (door, ana) = (path("door.json"), path("ana.json"));
    ok(&["wallet", "new", "--outfile", &door]);
    ok(&["wallet", "new", "--outfile", &ana]);
    let address = |key: &str| {
        ok(&["-k", key, "wallet", "address", "--output", "json"]).json()["address"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (door_address, ana_address) = (address(&door), address(&ana));
    ok(&common::register_in_lisbon(
        "lisbon",
        "Lisbon House",
        &door_address,
    ));
    ok(&["wallet", "airdrop", "2", &ana_address]);
    ok(&["wallet", "airdrop", "1", &door_address]);
    ok(&["-k", &ana, "member", "apply", "--handle", "ana"]);
    let society = ok(&["society", "show", "--output", "json"]).json();
    assert_eq!(society["admission"]["kind"], "presence");
    assert_eq!(society["admission"]["daysRequired"], 2);
    // The ledger's day, as the door would know it.
    let day = |unix: i64| {
        let d = unix.div_euclid(86_400);
        netstate_door::day_text(d)
    };
    let founded = society["createdAt"].as_i64().unwrap();

    // The door signs offline; the member redeems, twice: the day counts once.
    let ticket = ok(&[
        "door",
        "ticket",
        &ana_address,
        "--node",
        "lisbon",
        "--operator-keypair",
        &door,
        "--day",
        &day(founded),
        "--output",
        "json",
    ])
    .json();
    let text = ticket["ticket"].as_str().unwrap().to_string();
    let first = ok(&["-k", &ana, "check-in", "redeem", &text, "--output", "json"]).json();
    assert_eq!(
        (first["counted"].as_u64(), first["alreadyCounted"].as_u64()),
        (Some(1), Some(0))
    );
    let again = ok(&["-k", &ana, "check-in", "redeem", &text, "--output", "json"]).json();
    assert_eq!(
        (again["counted"].as_u64(), again["alreadyCounted"].as_u64()),
        (Some(0), Some(1))
    );
    // Another last character (base58: any change alters the bytes), whatever the ticket ends in.
    let last = if text.ends_with('1') { '2' } else { '1' };
    let altered = format!("{}{last}", &text[..text.len() - 1]);
    let refused = netstate(dir, &["-k", &ana, "check-in", "redeem", &altered]);
    assert!(
        !refused.ok && refused.stderr.contains("no ticket was redeemed"),
        "{}",
        refused.stderr
    );

    // One day is not two: the claim is refused before anything is sent.
    let early = netstate(dir, &["-k", &ana, "member", "claim-citizenship"]);
    assert!(
        !early.ok && early.stderr.contains("present on 1 of the 2"),
        "{}",
        early.stderr
    );

    // The next day's ticket goes through the door's queue, the door paying.
    let warped = ok(&["localnet", "warp", "1d", "--output", "json"]).json();
    let queue = path("queue.txt");
    ok(&[
        "door",
        "ticket",
        &ana_address,
        "--node",
        "lisbon",
        "--operator-keypair",
        &door,
        "--day",
        &day(warped["unixTimestamp"].as_i64().unwrap()),
        "--queue",
        &queue,
    ]);
    let synced = ok(&[
        "door",
        "sync",
        &queue,
        "--operator-keypair",
        &door,
        "--output",
        "json",
    ])
    .json();
    assert_eq!(synced["counted"], 1, "{synced}");
    assert_eq!(
        std::fs::read_to_string(&queue).unwrap(),
        "",
        "the queue is emptied"
    );

    let shown = ok(&["-k", &ana, "member", "show", "--output", "json"]).json();
    assert_eq!(shown["daysPresentLast30"], 2);
    assert!(
        shown["progress"].as_str().unwrap().contains("claim"),
        "{shown}"
    );
    ok(&["-k", &ana, "member", "claim-citizenship"]);
    let shown = ok(&["-k", &ana, "member", "show", "--output", "json"]).json();
    assert_eq!(shown["status"], "citizen");
    let proof = ok(&[
        "node",
        "prove-residency",
        "lisbon",
        "--min-days",
        "2",
        "--window",
        "2",
        "--wallet",
        &ana_address,
        "--output",
        "json",
    ])
    .json();
    assert_eq!(
        (proof["daysPresent"].as_u64(), proof["windowDays"].as_u64()),
        (Some(2), Some(2))
    );

    // A new door key: the steward rotates it; the same key again is refused by name.
    let new_door = path("door2.json");
    ok(&["wallet", "new", "--outfile", &new_door]);
    let new_address = address(&new_door);
    let rotated = ok(&[
        "node",
        "set-operator",
        "lisbon",
        "--operator",
        &new_address,
        "--revoke",
        "--output",
        "json",
    ])
    .json();
    assert_eq!(rotated["change"], "operatorChanged");
    assert_eq!(rotated["previousRevoked"], true);
    let same = netstate(
        dir,
        &["node", "set-operator", "lisbon", "--operator", &new_address],
    );
    assert!(
        !same.ok && same.stderr.contains("operator already"),
        "{}",
        same.stderr
    );
    // After the startup stage, the same change is a proposal.
    ok(&[
        "proposal",
        "create",
        "--title",
        "Back to the old door",
        "set-node-operator",
        "--code",
        "lisbon",
        "--operator",
        &door_address,
    ]);
    let proposal = ok(&["proposal", "show", "0", "--output", "json"]).json();
    assert_eq!(proposal["action"]["kind"], "setNodeOperator");
    assert_eq!(proposal["action"]["revokePrevious"], false);
}
