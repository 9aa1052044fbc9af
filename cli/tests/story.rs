//! The `netstate` binary end to end through a society's life, against a local node the
//! test starts: the demo, the story command by command with `--output json` parsed, the
//! contribution token, a command for every instruction, sponsorships' rent.

mod common;

use common::{embedded_society, funded, keypair_file, netstate, netstate_json};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[test]
fn the_demo_tells_the_whole_story() {
    let home = tempfile::tempdir().unwrap();
    let run = netstate(home.path(), &["demo", "--output", "json"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let json = run.json();
    assert_eq!(json["citizens"], 5);
    assert_eq!(json["nodes"], 3);
    assert_eq!(json["proposal"]["status"], "executed");
    assert_eq!(json["grantReceivedLamports"], 5_000_000_000u64);
    assert!(json["steps"].as_array().unwrap().len() >= 25);
    let display = netstate(home.path(), &["demo"]);
    assert!(display.ok);
    assert!(
        display
            .stdout
            .contains("THE SOLAR STATE, AFTER ITS FIRST GRANT"),
        "{}",
        display.stdout
    );
    assert!(
        display.stdout.contains("lisbon operator received  5 SOL"),
        "{}",
        display.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_state_through_cli_commands() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_path_buf();
    let (founder, founder_key) = funded(&node, &dir, "founder").await;
    let (ana, ana_key) = funded(&node, &dir, "ana").await;
    let operator = Keypair::new();
    let operator_key = keypair_file(&dir, "operator", &operator)
        .to_string_lossy()
        .into_owned();
    let cli = |key: &str, args: &[&str]| netstate_json(&dir, &url, key, "Solar", args);

    let run = cli(
        &founder_key,
        &[
            "society",
            "create",
            "Solar",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            common::CONSTITUTION_SHA256,
            "--policy",
            "vetted",
        ],
    );
    assert!(run.ok, "{}", run.stdout);
    assert!(run.json()["signature"].as_str().is_some());
    let run = cli(&ana_key, &["member", "apply", "--handle", "ana"]);
    assert!(run.ok, "{}", run.stdout);
    // Vetted: an applicant until admitted, and the result says so.
    assert_eq!(run.json()["admitted"], false);
    let run = cli(
        &founder_key,
        &["member", "admit", &ana.pubkey().to_string()],
    );
    assert!(run.ok, "{}", run.stdout);
    let run = cli(&ana_key, &["member", "show"]);
    assert_eq!(run.json()["status"], "citizen");
    let run = cli(
        &founder_key,
        &[
            "node",
            "register",
            "lisbon",
            "--name",
            "Lisbon House",
            "--country",
            "PT",
            "--lat",
            "38.722252",
            "--lon",
            "-9.139337",
            "--operator",
            &operator.pubkey().to_string(),
        ],
    );
    assert!(run.ok, "{}", run.stdout);
    let run = cli(
        &ana_key,
        &["check-in", "lisbon", "--operator-keypair", &operator_key],
    );
    assert!(run.ok, "{}", run.stdout);
    let run = cli(&ana_key, &["node", "show", "lisbon"]);
    assert_eq!(
        (
            run.json()["checkIns"].as_u64(),
            run.json()["latitudeMicrodeg"].as_i64()
        ),
        (Some(1), Some(38_722_252))
    );
    let run = cli(&founder_key, &["treasury", "deposit", "7"]);
    assert!(run.ok, "{}", run.stdout);
    let run = cli(&founder_key, &["treasury", "show"]);
    assert_eq!(run.json()["lamports"], 7_000_000_000u64 + 890_880);
    let run = cli(
        &ana_key,
        &[
            "proposal",
            "create",
            "--title",
            "Grant to Lisbon",
            "transfer-sol",
            "--to",
            &operator.pubkey().to_string(),
            "--amount",
            "1.25",
        ],
    );
    assert!(run.ok, "{}", run.stdout);
    assert_eq!(run.json()["index"], 0);
    for key in [&ana_key, &founder_key] {
        let run = cli(key, &["proposal", "vote", "0", "yes"]);
        assert!(run.ok, "{}", run.stdout);
    }
    // Voting again the same way: named, with what to do.
    let run = cli(&ana_key, &["proposal", "vote", "0", "yes"]);
    assert!(!run.ok);
    assert!(
        run.json()["error"]["name"] == "VoteUnchanged",
        "{}",
        run.stdout
    );
    let run = cli(&ana_key, &["proposal", "finalize", "0"]);
    assert!(run.ok, "{}", run.stdout);
    assert_eq!(run.json()["status"], "passed");
    // Executing before the timelock ends.
    let run = cli(&ana_key, &["proposal", "execute", "0"]);
    assert!(!run.ok);
    assert!(
        run.json()["error"]["name"] == "ProposalNotYetExecutable",
        "{}",
        run.stdout
    );
    netstate_client::NetstateClient::new(&url, netstate_client::PROGRAM_ID)
        .warp_clock(86_400)
        .await
        .unwrap();
    let run = cli(&ana_key, &["proposal", "execute", "0"]);
    assert!(run.ok, "{}", run.stdout);
    let rpc = solana_client::nonblocking::rpc_client::RpcClient::new(url.clone());
    assert_eq!(
        rpc.get_balance(&operator.pubkey()).await.unwrap(),
        1_250_000_000
    );
    let run = cli(&ana_key, &["proposal", "list"]);
    assert_eq!(run.json()[0]["status"], "executed");
    let run = cli(&ana_key, &["member", "list"]);
    assert_eq!(run.json().as_array().unwrap().len(), 2);
    // Pages by handle, and the whole society streamed as one JSON array.
    let first = cli(&ana_key, &["member", "list", "--limit", "1"]).json();
    let second = cli(
        &ana_key,
        &["member", "list", "--limit", "1", "--offset", "1"],
    )
    .json();
    assert_eq!(
        (first[0]["handle"].as_str(), second[0]["handle"].as_str()),
        (Some("ana"), Some("founder"))
    );
    let past = cli(&ana_key, &["member", "list", "--offset", "5"]).json();
    assert_eq!(past, serde_json::json!([]));
    let streamed = cli(&ana_key, &["member", "list", "--all"]).json();
    assert_eq!(streamed.as_array().unwrap().len(), 2, "{streamed}");
    // The wallet cursor of large societies: after the lower wallet comes the higher, then
    // nothing.
    let (low, high) = if ana.pubkey() < founder.pubkey() {
        (ana.pubkey(), founder.pubkey())
    } else {
        (founder.pubkey(), ana.pubkey())
    };
    let next = cli(&ana_key, &["member", "list", "--after", &low.to_string()]).json();
    assert_eq!(next.as_array().unwrap().len(), 1, "{next}");
    assert_eq!(next[0]["wallet"], high.to_string());
    let end = cli(&ana_key, &["member", "list", "--after", &high.to_string()]).json();
    assert_eq!(end, serde_json::json!([]));
    let text = netstate(
        &dir,
        &[
            "--url",
            &url,
            "--society",
            "Solar",
            "member",
            "list",
            "--limit",
            "1",
        ],
    );
    assert!(
        text.stdout.contains("members 1-1 of 2; next: --offset 1"),
        "{}",
        text.stdout
    );
    let _ = founder;
    node.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contribution_token_is_minted_by_proposal_and_deposited_back() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_path_buf();
    let (_, founder_key) = funded(&node, &dir, "founder").await;
    let (ana, ana_key) = funded(&node, &dir, "ana").await;
    let cli = |key: &str, args: &[&str]| netstate_json(&dir, &url, key, "Tok", args);
    assert!(
        cli(
            &founder_key,
            &[
                "society",
                "create",
                "Tok",
                "--constitution",
                "ipfs://c",
                "--constitution-hash",
                common::CONSTITUTION_SHA256,
                "--policy",
                "open"
            ]
        )
        .ok
    );
    // Open: a citizen at once, and the result says so.
    let applied = cli(&ana_key, &["member", "apply", "--handle", "ana"]);
    assert!(applied.ok, "{}", applied.stdout);
    assert_eq!(applied.json()["admitted"], true);
    let run = cli(
        &founder_key,
        &[
            "treasury",
            "create-token",
            "--decimals",
            "2",
            "--token-2022",
            "--transferable",
        ],
    );
    assert!(run.ok, "{}", run.stdout);
    let mint = run.json()["mint"].as_str().unwrap().to_string();
    let run = cli(
        &ana_key,
        &[
            "proposal",
            "create",
            "--title",
            "Thanks, ana",
            "mint-contribution",
            "--to",
            &ana.pubkey().to_string(),
            "--amount",
            "12.5",
        ],
    );
    assert!(run.ok, "{}", run.stdout);
    // The amount in the token's own units, as it was typed.
    let shown = cli(&ana_key, &["proposal", "show", "0"]).json();
    assert_eq!(
        shown["action"]["text"],
        format!("mint 12.5 contribution tokens to {}", ana.pubkey()).as_str()
    );
    assert_eq!(shown["action"]["kind"], "mintContribution");
    assert_eq!(shown["action"]["tokenAmount"]["uiAmountString"], "12.5");
    // The arguments as the program names them: the key in base58, the amount in base units.
    assert_eq!(
        shown["action"]["recipient"],
        ana.pubkey().to_string().as_str()
    );
    assert_eq!(shown["action"]["amount"], 1_250);
    assert_eq!(shown["action"]["vestingSecs"], 0);
    assert_eq!(shown["status"], "voting");
    assert!(
        shown["statusText"]
            .as_str()
            .unwrap()
            .starts_with("voting until "),
        "{shown}"
    );
    assert!(shown["executedAt"].is_null(), "{shown}");
    for key in [&ana_key, &founder_key] {
        assert!(cli(key, &["proposal", "vote", "0", "yes"]).ok);
    }
    assert!(cli(&ana_key, &["proposal", "finalize", "0"]).ok);
    netstate_client::NetstateClient::new(&url, netstate_client::PROGRAM_ID)
        .warp_clock(86_400)
        .await
        .unwrap();
    let run = cli(&ana_key, &["proposal", "execute", "0"]);
    assert!(run.ok, "{}", run.stdout);
    let run = cli(&ana_key, &["treasury", "deposit-token", &mint, "2.25"]);
    assert!(run.ok, "{}", run.stdout);
    assert_eq!(run.json()["amount"], "225");
    let run = cli(&ana_key, &["treasury", "show"]);
    let tokens = run.json()["tokens"].clone();
    assert_eq!(tokens[0]["mint"], mint.as_str());
    assert_eq!(tokens[0]["amount"], "225");
    // Malformed: more decimals than the token has.
    let run = cli(&ana_key, &["treasury", "deposit-token", &mint, "1.001"]);
    assert!(
        !run.ok
            && run.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("at most 2 decimals"),
        "{}",
        run.stdout
    );
    node.stop().await;
}

#[test]
fn every_instruction_has_a_command() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let run = |args: &[&str]| netstate(dir, args);
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    std::fs::write(dir.join("c.md"), "We build on the sun.").unwrap();
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    // Governance as flags, checked before sending, and shown back.
    let too_low = run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
        "--approval",
        "40",
    ]);
    assert!(
        !too_low.ok && too_low.stderr.contains("approval threshold"),
        "{}",
        too_low.stderr
    );
    ok(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
        "--policy",
        "sponsored",
        "--sponsors",
        "2",
        "--voting-period",
        "90m",
        "--timelock",
        "1min",
        "--quorum",
        "25",
    ]);
    let show = ok(&["society", "show"]);
    assert!(
        show.stdout
            .contains("quorum 25%, approval 60%, voting 90 min, timelock 1 min, window 7 d"),
        "{}",
        show.stdout
    );
    let json = ok(&["society", "show", "--output", "json"]).json();
    assert_eq!(json["governance"]["votingPeriodSecs"], 5_400);

    // An applicant's progress.
    let ana = dir.join("ana.json").to_string_lossy().into_owned();
    ok(&["wallet", "new", "--outfile", &ana]);
    let ana_address = ok(&["-k", &ana, "wallet", "address"])
        .stdout
        .trim()
        .to_string();
    ok(&["wallet", "airdrop", "5", &ana_address]);
    ok(&["-k", &ana, "member", "apply", "--handle", "ana"]);
    let member = ok(&["member", "show", &ana_address, "--output", "json"]).json();
    assert_eq!(member["progress"], "0 of 2 sponsors");

    // Votes listed, and a final proposal closed with its records, rent back.
    ok(&["proposal", "create", "--title", "Solar roof", "signal"]);
    ok(&["proposal", "vote", "0", "yes"]);
    let votes = ok(&["proposal", "votes", "0", "--output", "json"]).json();
    assert_eq!(votes.as_array().unwrap().len(), 1);
    assert_eq!(votes[0]["choice"], "yes");
    let early = run(&["proposal", "close", "0"]);
    assert!(
        !early.ok && early.stderr.contains("once it is final"),
        "{}",
        early.stderr
    );
    ok(&["localnet", "warp", "2h"]);
    ok(&["proposal", "finalize", "0"]);
    ok(&["localnet", "warp", "1min"]);
    ok(&["proposal", "execute", "0"]);
    let closed = ok(&["proposal", "close", "0", "--output", "json"]).json();
    assert_eq!(closed["voteRecordsClosed"], 1);
    assert!(closed["lamportsToProposer"].as_u64().unwrap() > 0);
    let gone = run(&["proposal", "show", "0"]);
    assert!(
        !gone.ok && gone.stderr.contains("no proposal 0"),
        "{}",
        gone.stderr
    );

    // Presence: residency per hub, and a simulated proof of it.
    let door = dir.join("door.json").to_string_lossy().into_owned();
    ok(&["wallet", "new", "--outfile", &door]);
    let door_address = ok(&["-k", &door, "wallet", "address"])
        .stdout
        .trim()
        .to_string();
    ok(&common::register_in_lisbon(
        "lisbon",
        "Lisbon House",
        &door_address,
    ));
    ok(&["check-in", "lisbon", "--operator-keypair", &door]);
    let residency = ok(&["member", "residency", "--output", "json"]).json();
    assert_eq!(residency["residencies"][0]["hub"], "lisbon");
    assert_eq!(residency["residencies"][0]["daysPresent"], 1);
    let proven = ok(&[
        "node",
        "prove-residency",
        "lisbon",
        "--min-days",
        "1",
        "--output",
        "json",
    ])
    .json();
    assert_eq!(proven["daysPresent"], 1);
    let short = run(&["node", "prove-residency", "lisbon", "--min-days", "5"]);
    assert!(
        !short.ok && short.stderr.contains("NotResidentLongEnough"),
        "{}",
        short.stderr
    );

    // The steward ends the startup stage, on purpose only.
    let unsure = run(&["society", "renounce-steward"]);
    assert!(
        !unsure.ok && unsure.stderr.contains("--yes"),
        "{}",
        unsure.stderr
    );
    ok(&["society", "renounce-steward", "--yes"]);
    let after = ok(&["society", "show", "--output", "json"]).json();
    assert!(after["steward"].is_null(), "{after}");
}

#[test]
fn spent_sponsorships_are_closed_and_their_rent_comes_back() {
    let home = embedded_society("Sun", &["--policy", "sponsored", "--sponsors", "1"]);
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    let ana = dir.join("ana.json").to_string_lossy().into_owned();
    ok(&["wallet", "new", "--outfile", &ana]);
    let ana_address = ok(&["-k", &ana, "wallet", "address"])
        .stdout
        .trim()
        .to_string();
    ok(&["wallet", "airdrop", "2", &ana_address]);
    ok(&["-k", &ana, "member", "apply", "--handle", "ana"]);
    // While the application is pending nothing is spent; once admitted, it is.
    let none = ok(&["member", "close-sponsorships", "--output", "json"]).json();
    assert_eq!(none["closed"], 0);
    ok(&["member", "sponsor", &ana_address]);
    let closed = ok(&["member", "close-sponsorships", "--output", "json"]).json();
    assert_eq!(closed["closed"], 1);
    assert_eq!(closed["lamports"], 1_740_000);
    let again = ok(&["member", "close-sponsorships", "--output", "json"]).json();
    assert_eq!(again["closed"], 0);
}
