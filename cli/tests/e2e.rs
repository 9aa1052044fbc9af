//! The `netstate` binary end to end, against a local node started by the test: the demo
//! story step by step through CLI commands, `--output json` parsed, and the failure paths
//! each with its clear message and exit code.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, funded, keypair_file, netstate};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Runs the binary against `url` as `key`, on `society`, asking for JSON.
fn netstate_json(home: &Path, url: &str, key: &str, society: &str, args: &[&str]) -> Run {
    let mut all = vec![
        "--url",
        url,
        "--keypair",
        key,
        "--society",
        society,
        "--output",
        "json",
    ];
    all.extend_from_slice(args);
    netstate(home, &all)
}

/// A fresh data directory whose embedded ledger holds society `name`, founded with the
/// constitution text in `c.md` and the `society create` flags `extra`.
fn embedded_society(name: &str, extra: &[&str]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(dir.join("c.md"), "We build on the sun.").unwrap();
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    let mut args = vec![
        "society",
        "create",
        name,
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
    ];
    args.extend_from_slice(extra);
    let run = netstate(dir, &args);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    home
}

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
            "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0",
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
async fn failures_say_what_was_wrong_and_exit_non_zero() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_path_buf();
    let (_, founder_key) = funded(&node, &dir, "founder").await;
    let (_, stranger_key) = funded(&node, &dir, "stranger").await;
    let cli = |key: &str, args: &[&str]| {
        let mut all = vec!["--url", url.as_str(), "--keypair", key];
        all.extend_from_slice(args);
        netstate(&dir, &all)
    };
    let run = cli(&founder_key, &["--society", "Nowhere", "society", "show"]);
    assert!(
        !run.ok && run.stderr.contains("no society named \"Nowhere\""),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));

    assert!(
        cli(
            &founder_key,
            &[
                "--society",
                "Solar",
                "society",
                "create",
                "Solar",
                "--constitution",
                "ipfs://c",
                "--constitution-hash",
                "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0",
                "--policy",
                "open"
            ]
        )
        .ok
    );
    let run = cli(
        &founder_key,
        &[
            "--society",
            "Solar",
            "proposal",
            "create",
            "--title",
            "t",
            "signal",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let run = cli(
        &stranger_key,
        &["--society", "Solar", "proposal", "vote", "0", "yes"],
    );
    assert!(
        !run.ok && run.stderr.contains("is not a member of Solar: apply first"),
        "{}",
        run.stderr
    );

    let run = cli(
        "/no/such/keypair.json",
        &["--society", "Solar", "society", "show"],
    );
    assert!(
        !run.ok
            && run
                .stderr
                .contains("cannot read keypair file /no/such/keypair.json"),
        "{}",
        run.stderr
    );
    let run = cli(
        &founder_key,
        &["--society", "Solar", "treasury", "deposit", "1.2.3"],
    );
    assert!(
        !run.ok && run.stderr.contains("not an amount: \"1.2.3\""),
        "{}",
        run.stderr
    );
    let run = netstate(
        &dir,
        &[
            "--url",
            "http://127.0.0.1:9",
            "--keypair",
            &founder_key,
            "--society",
            "Solar",
            "society",
            "show",
        ],
    );
    assert!(
        !run.ok && run.stderr.contains("nothing answers at http://127.0.0.1:9"),
        "{}",
        run.stderr
    );
    let run = netstate(
        &dir,
        &[
            "--url",
            "gopher://x",
            "--keypair",
            &founder_key,
            "society",
            "list",
        ],
    );
    assert!(
        !run.ok && run.stderr.contains("not a URL or moniker"),
        "{}",
        run.stderr
    );
    node.stop().await;
}

#[test]
fn with_nothing_configured_commands_use_the_embedded_ledger() {
    let home = tempfile::tempdir().unwrap();
    let run = netstate(
        home.path(),
        &[
            "society",
            "create",
            "Home State",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0",
        ],
    );
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("using the embedded local ledger"),
        "{}",
        run.stderr
    );
    assert!(home.path().join("id.json").exists());
    // The state persists across calls, the notice is shown once, the society is remembered.
    let run = netstate(home.path(), &["society", "show", "--output", "json"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.json()["name"], "Home State");
    assert!(!run.stderr.contains("embedded local ledger"));
    // The program runs inside this process; its own failure report must not leak into the
    // JSON on stdout.
    let again = netstate(
        home.path(),
        &[
            "society",
            "create",
            "Home State",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0",
            "--output",
            "json",
        ],
    );
    assert!(!again.ok);
    assert!(
        again.json()["error"]["name"] == "SocietyNameTaken"
            && again.json()["error"]["code"] == 6033,
        "{}",
        again.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn genesis_applies_idempotently_and_resumes() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_path_buf();
    let (_, founder_key) = funded(&node, &dir, "founder").await;
    let (ana, ana_key) = funded(&node, &dir, "ana").await;
    let bo = Keypair::new();
    let manifest = dir.join("genesis.toml");
    std::fs::write(
        &manifest,
        format!(
            r#"
[society]
name = "Gen State"
constitution_uri = "ipfs://c"
constitution_sha256 = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0"
admission = "vetted"

[[nodes]]
code = "lisbon"
name = "Lisbon House"
country = "PT"
latitude = "38.7"
longitude = "-9.1"
operator = "{op}"

[[members]]
wallet = "{ana}"
handle = "ana"
keypair = "{ana_key}"

[[members]]
wallet = "{bo}"
handle = "bo"
"#,
            op = Keypair::new().pubkey(),
            ana = ana.pubkey(),
            bo = bo.pubkey(),
        ),
    )
    .unwrap();
    let apply = || {
        netstate(
            &dir,
            &[
                "--url",
                &url,
                "--keypair",
                &founder_key,
                "--output",
                "json",
                "genesis",
                "apply",
                manifest.to_str().unwrap(),
            ],
        )
    };
    let first = apply();
    assert!(first.ok, "{}{}", first.stdout, first.stderr);
    let json = first.json();
    let actions: Vec<String> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions,
        [
            "created society \"Gen State\"",
            "registered node lisbon",
            "ana applied",
            "admitted ana"
        ]
    );
    assert_eq!(
        json["waiting"].as_array().unwrap().len(),
        1,
        "bo has not applied"
    );

    // bo applies; the second run admits him and changes nothing else.
    let rpc = solana_client::nonblocking::rpc_client::RpcClient::new(url.clone());
    let sig = rpc
        .request_airdrop(&bo.pubkey(), 1_000_000_000)
        .await
        .unwrap();
    rpc.confirm_transaction(&sig).await.unwrap();
    let bo_key = keypair_file(&dir, "bo", &bo);
    let run = netstate(
        &dir,
        &[
            "--url",
            &url,
            "--keypair",
            bo_key.to_str().unwrap(),
            "--society",
            "Gen State",
            "member",
            "apply",
            "--handle",
            "bo",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let second = apply();
    assert!(second.ok, "{}", second.stderr);
    let json = second.json();
    let signed: Vec<&serde_json::Value> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["signature"].is_null())
        .collect();
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0]["action"], "admitted bo");
    let third = apply();
    assert!(
        third.json()["actions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["signature"].is_null()),
        "a third run changes nothing"
    );

    // A manifest with a typo is refused by name.
    std::fs::write(
        &manifest,
        "[society]\nname = \"X\"\nconstitution = \"oops\"\n",
    )
    .unwrap();
    let bad = netstate(
        &dir,
        &[
            "--url",
            &url,
            "--keypair",
            &founder_key,
            "genesis",
            "apply",
            manifest.to_str().unwrap(),
        ],
    );
    assert!(
        !bad.ok && bad.stderr.contains("not a valid genesis manifest"),
        "{}",
        bad.stderr
    );
    let _ = ana_key;
    node.stop().await;
}

#[test]
fn the_example_manifest_parses() {
    let manifest = netstate_cli::commands::genesis::read_manifest(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../migrations/solar-state.toml"
    )))
    .unwrap();
    assert_eq!(manifest.society.name, "The Solar State");
    assert_eq!(manifest.nodes.len(), 3);
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
                "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0",
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
    assert_eq!(shown["action"]["amount"]["uiAmountString"], "12.5");
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

/// Issue "small truths": what a proposal pins is what it says, names are checked, options
/// go in either position, durations are exact. On the embedded ledger, from the binary.
#[test]
fn pinned_texts_names_option_order_and_durations_are_truthful() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let constitution = file("constitution.md", "We build on the sun.");
    let run = |args: &[&str]| netstate(dir, args);

    // 1. A constitution is pinned by the hash of its text, never by zeros.
    let unpinned = run(&["society", "create", "Sun", "--constitution", "ipfs://c"]);
    assert!(!unpinned.ok);
    assert!(
        unpinned.stderr.contains("--constitution-file"),
        "{}",
        unpinned.stderr
    );
    let zeros = "0".repeat(64);
    let zero = run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-hash",
        &zeros,
    ]);
    assert!(
        !zero.ok && zero.stderr.contains("all zeros"),
        "{}",
        zero.stderr
    );
    let founded = run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
        "--policy",
        "open",
    ]);
    assert!(founded.ok, "{}", founded.stderr);
    let shown = run(&["society", "show", "--output", "json"]).json();
    let expected =
        netstate_cli::digest::hex(&solana_sha256_hasher::hash(b"We build on the sun.").to_bytes());
    assert_eq!(shown["constitutionSha256"], expected.as_str());
    let amend = run(&[
        "proposal",
        "create",
        "--title",
        "v2",
        "amend-constitution",
        "--uri",
        "ipfs://v2",
    ]);
    assert!(
        !amend.ok && amend.stderr.contains("--hash"),
        "{}",
        amend.stderr
    );

    // 4. `society use` checks the name and suggests the closest.
    run(&[
        "society",
        "create",
        "Moon",
        "--constitution",
        "ipfs://m",
        "--constitution-hash",
        &expected,
        "--policy",
        "open",
    ]);
    let typo = run(&["society", "use", "sunn"]);
    assert!(!typo.ok);
    assert!(
        typo.stderr
            .contains(r#"no society named "sunn": did you mean "Sun"?"#),
        "{}",
        typo.stderr
    );
    // The same for any command naming the society, and a name far from all lists them.
    let typo = run(&["--society", "Mon", "society", "show"]);
    assert!(
        !typo.ok && typo.stderr.contains(r#"did you mean "Moon"?"#),
        "{}",
        typo.stderr
    );
    let far = run(&["--society", "Atlantis Federation", "society", "show"]);
    assert!(
        !far.ok && far.stderr.contains(r#"closest first: "#),
        "{}",
        far.stderr
    );
    assert!(run(&["society", "use", "Sun"]).ok);

    // 2 and 3. A description is recorded with its hash, and the proposal's own options
    // come after the action as well as before it.
    let grant = file("grant.md", "A roof of solar panels for the Lisbon house.");
    let proposed = run(&[
        "proposal",
        "create",
        "signal",
        "--title",
        "Roof",
        "--description",
        "ipfs://roof",
        "--description-file",
        &grant,
    ]);
    assert!(proposed.ok, "{}", proposed.stderr);
    let untitled = run(&["proposal", "create", "signal"]);
    assert!(
        !untitled.ok && untitled.stderr.contains("--title"),
        "{}",
        untitled.stderr
    );
    let unpinned = run(&[
        "proposal",
        "create",
        "--title",
        "T",
        "signal",
        "--description",
        "ipfs://x",
    ]);
    assert!(
        !unpinned.ok && unpinned.stderr.contains("--description-file"),
        "{}",
        unpinned.stderr
    );
    let show = run(&["proposal", "show", "0"]);
    let digest = netstate_cli::digest::hex(
        &solana_sha256_hasher::hash(b"A roof of solar panels for the Lisbon house.").to_bytes(),
    );
    assert!(
        show.stdout
            .contains(&format!("description: ipfs://roof (sha256 {digest})")),
        "{}",
        show.stdout
    );
    let json = run(&["proposal", "show", "0", "--output", "json"]).json();
    assert_eq!(json["descriptionUri"], "ipfs://roof");
    assert_eq!(json["descriptionSha256"], digest.as_str());
    let checked = run(&["proposal", "show", "0", "--check", &grant]);
    assert!(
        checked.ok && checked.stdout.contains("matches"),
        "{}",
        checked.stdout
    );
    let forged = file("forged.md", "A roof of gold for the Lisbon house.");
    let mismatch = run(&["proposal", "show", "0", "--check", &forged]);
    assert!(!mismatch.ok);
    assert!(
        mismatch.stderr.contains("does NOT match"),
        "{}",
        mismatch.stderr
    );

    // 6. Durations in the largest exact unit.
    let faster = run(&[
        "proposal",
        "create",
        "update-governance",
        "--voting-period-secs",
        "5400",
        "--execution-delay-secs",
        "60",
        "--title",
        "Faster",
    ]);
    assert!(faster.ok, "{}", faster.stderr);
    let show = run(&["proposal", "show", "1"]);
    assert!(
        show.stdout
            .contains("voting 90 min, timelock 1 min, window 7 d"),
        "{}",
        show.stdout
    );
}

/// Issue "the CLI as people use it", items 1, 2, 4 and 10: on the embedded ledger, repeated
/// commands go through, the clock moves on command, `-u embedded` wins over a Solana config
/// that names a cluster, and two commands at once share the ledger in turn.
#[test]
fn the_embedded_ledger_takes_repeats_warps_and_two_commands_at_once() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    // A Solana CLI config naming devnet and a keypair that does not exist here: `-u
    // embedded` must not touch either.
    std::fs::create_dir_all(dir.join(".config/solana/cli")).unwrap();
    std::fs::write(
        dir.join(".config/solana/cli/config.yml"),
        "# my real setup\njson_rpc_url: https://api.devnet.solana.com # devnet\nkeypair_path: /nowhere/id.json\n",
    )
    .unwrap();
    std::fs::write(dir.join("c.md"), "We build on the sun.").unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["-u", "embedded"];
        all.extend_from_slice(args);
        let run = netstate(dir, &all);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
        "--policy",
        "open",
    ]);
    // The same deposit five times: five deposits.
    for _ in 0..5 {
        run(&["treasury", "deposit", "0.1"]);
    }
    let treasury = run(&["treasury", "show", "--output", "json"]).json();
    let held = treasury["lamports"].as_u64().unwrap();
    assert!(held >= 500_000_000, "{treasury}");
    // A vote changed back and forth.
    run(&["proposal", "create", "--title", "Solar roof", "signal"]);
    for choice in ["yes", "no", "yes", "no", "yes"] {
        run(&["proposal", "vote", "0", choice]);
    }
    // Time moves on command: the vote ends, the timelock runs out, it executes.
    run(&["localnet", "warp", "3d"]);
    run(&["proposal", "finalize", "0"]);
    let not_yet = netstate(dir, &["-u", "embedded", "proposal", "execute", "0"]);
    assert!(
        !not_yet.ok && not_yet.stderr.contains("ProposalNotYetExecutable"),
        "{}",
        not_yet.stderr
    );
    let warped = run(&["localnet", "warp", "1d", "--output", "json"]).json();
    assert_eq!(warped["warpedSeconds"], 86_400);
    run(&["proposal", "execute", "0"]);
    let shown = run(&["proposal", "show", "0", "--output", "json"]).json();
    assert_eq!(shown["status"], "executed");
    // The clock of a public cluster is never moved.
    let devnet = netstate(dir, &["localnet", "warp", "1d"]);
    assert!(
        !devnet.ok && devnet.stderr.contains("not a local ledger"),
        "{}",
        devnet.stderr
    );

    // Two commands at once: the second waits for the first to release the ledger.
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args(["-u", "embedded", "treasury", "deposit", "0.01"])
            .env("NETSTATE_HOME", dir)
            .env("HOME", dir)
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let after = run(&["treasury", "show", "--output", "json"]).json();
    assert_eq!(after["lamports"].as_u64().unwrap(), held + 20_000_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_identical_commands_in_one_slot_both_land_on_a_node() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let (_, key) = funded(&node, home.path(), "founder").await;
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    let created = netstate_json(
        home.path(),
        &url,
        &key,
        "Twin",
        &[
            "society",
            "create",
            "Twin",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            hash,
        ],
    );
    assert!(created.ok, "{}", created.stderr);
    let deposit = || {
        netstate_json(
            home.path(),
            &url,
            &key,
            "Twin",
            &["treasury", "deposit", "0.5"],
        )
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(deposit);
        let b = s.spawn(deposit);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.ok && b.ok, "{}{}", a.stderr, b.stderr);
    assert_ne!(a.json()["signature"], b.json()["signature"]);
    let treasury = netstate_json(home.path(), &url, &key, "Twin", &["treasury", "show"]).json();
    // The founding reserve plus both deposits.
    assert_eq!(
        treasury["lamports"].as_u64().unwrap(),
        890_880 + 1_000_000_000
    );
    node.stop().await;
}

#[test]
fn wallets_are_made_read_and_funded_without_the_solana_cli() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let run = |args: &[&str]| netstate(dir, args);
    // The embedded signer: made on first use, the same address every time.
    let me = run(&["wallet", "address"]);
    assert!(me.ok, "{}", me.stderr);
    assert_eq!(run(&["wallet", "address"]).stdout, me.stdout);
    // A new keypair file, never over an existing one without --force.
    let door = dir.join("door.json").to_string_lossy().into_owned();
    let made = run(&["wallet", "new", "--outfile", &door, "--output", "json"]).json();
    let again = run(&["wallet", "new", "--outfile", &door]);
    assert!(
        !again.ok && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    let address = made["address"].as_str().unwrap().to_string();
    assert_eq!(
        run(&["-k", &door, "wallet", "address"]).stdout.trim(),
        address
    );
    // The same key read from standard input.
    let piped = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["-k", "stdin", "wallet", "address"])
        .env("NETSTATE_HOME", dir)
        .env("HOME", dir)
        .stdin(std::fs::File::open(&door).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&piped.stdout).trim(), address);
    let forced = run(&[
        "wallet",
        "new",
        "--outfile",
        &door,
        "--force",
        "--output",
        "json",
    ])
    .json();
    assert_ne!(forced["address"], made["address"]);
    // SOL from the embedded faucet, and balances.
    let forced_address = forced["address"].as_str().unwrap();
    let dropped = run(&["wallet", "airdrop", "2.5", forced_address]);
    assert!(dropped.ok, "{}", dropped.stderr);
    let balance = run(&["wallet", "balance", forced_address, "--output", "json"]).json();
    assert_eq!(balance["lamports"], 2_500_000_000u64);
    let zero = run(&["wallet", "airdrop", "0"]);
    assert!(!zero.ok && zero.stderr.contains("0 SOL"), "{}", zero.stderr);
    let address_as_key = run(&["-k", forced_address, "wallet", "address"]);
    assert!(!address_as_key.ok && address_as_key.stderr.contains("not a keypair"));
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
    ok(&[
        "node",
        "register",
        "lisbon",
        "--name",
        "Lisbon House",
        "--country",
        "PT",
        "--lat",
        "38.7",
        "--lon",
        "-9.1",
        "--operator",
        &door_address,
    ]);
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
fn errors_tell_the_truth_by_name_in_json_and_in_words() {
    let home = embedded_society("Sun", &["--policy", "open"]);
    let dir = home.path();
    let run = |args: &[&str]| netstate(dir, args);
    let constitution = dir.join("c.md").to_string_lossy().into_owned();
    // A system program failure, in a sentence with the amounts, never `Custom(1)`.
    let broke = run(&["treasury", "deposit", "500", "--output", "json"]);
    assert!(!broke.ok);
    let error = &broke.json()["error"];
    assert_eq!(error["name"], "ResultWithNegativeLamports");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("not enough SOL: ") && message.ends_with(" held, 500 SOL needed"),
        "{message}"
    );
    assert!(error["hint"].as_str().unwrap().contains("wallet airdrop"));
    let words = run(&["treasury", "deposit", "500"]);
    assert!(words.stderr.contains("not enough SOL"), "{}", words.stderr);
    assert!(!words.stderr.contains("Custom("), "{}", words.stderr);
    // A program refusal: its name, code and message; an unknown hub named as such.
    let taken = run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://c",
        "--constitution-file",
        &constitution,
        "--output",
        "json",
    ]);
    let error = &taken.json()["error"];
    assert_eq!(
        (error["name"].as_str(), error["code"].as_u64()),
        (Some("SocietyNameTaken"), Some(6033))
    );
    let door = dir.join("door.json").to_string_lossy().into_owned();
    assert!(run(&["wallet", "new", "--outfile", &door]).ok);
    let unknown = run(&["check-in", "nowhere", "--operator-keypair", &door]);
    assert!(
        !unknown.ok
            && unknown
                .stderr
                .contains("no hub `nowhere` in Sun: see `netstate node list`"),
        "{}",
        unknown.stderr
    );
    // Writing the result to a closed or full output fails the command.
    let full = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["society", "show"])
        .env("NETSTATE_HOME", dir)
        .env("HOME", dir)
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert!(!full.status.success());
    assert!(
        String::from_utf8_lossy(&full.stderr).contains("cannot write the output"),
        "{}",
        String::from_utf8_lossy(&full.stderr)
    );
}

#[test]
fn bad_input_is_refused_by_the_programs_own_rules_before_anything_is_sent() {
    // Nothing listens at this URL: a refusal that names the rule proves nothing was sent.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let key = keypair_file(dir, "me", &Keypair::new());
    let key = key.to_string_lossy().into_owned();
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    let create = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "-u",
            "http://127.0.0.1:1",
            "-k",
            &key,
            "--output",
            "json",
            "society",
            "create",
            name,
            "--constitution-hash",
            hash,
        ];
        args.extend_from_slice(extra);
        if !extra.contains(&"--constitution") {
            args.extend_from_slice(&["--constitution", "ipfs://c"]);
        }
        netstate(dir, &args)
    };
    let cases: [(&str, &[&str], &str); 4] = [
        ("", &[], "SocietyNameEmpty"),
        (
            "Sun",
            &["--constitution", "ipfs://a b"],
            "ConstitutionUriInvalid",
        ),
        ("Sun", &["--handle", " padded "], "HandleNotPrintable"),
        ("Sun", &["--quorum", "0"], "QuorumOutOfRange"),
    ];
    for (name, extra, expected) in cases {
        let run = create(name, extra);
        assert!(!run.ok, "{extra:?}");
        assert_eq!(
            run.json()["error"]["name"],
            expected,
            "{extra:?}: {}",
            run.stdout
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_a_cluster_needs_no_keypair_and_signing_says_what_is_missing() {
    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let home = tempfile::tempdir().unwrap();
    let (founder, key) = funded(&node, home.path(), "founder").await;
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    let created = netstate_json(
        home.path(),
        &url,
        &key,
        "Open",
        &[
            "society",
            "create",
            "Open",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            hash,
        ],
    );
    assert!(created.ok, "{}", created.stderr);
    // No -k, no Solana config, no ~/.config/solana/id.json in this HOME.
    let read = |args: &[&str]| {
        let mut all = vec![
            "--url",
            url.as_str(),
            "--society",
            "Open",
            "--output",
            "json",
        ];
        all.extend_from_slice(args);
        netstate(home.path(), &all)
    };
    for args in [
        &["society", "show"][..],
        &["member", "list"],
        &["proposal", "list"],
        &["node", "list"],
        &["treasury", "show"],
    ] {
        let run = read(args);
        assert!(run.ok, "{args:?}: {}", run.stdout);
    }
    let founder_address = founder.pubkey().to_string();
    let balance = read(&["wallet", "balance", &founder_address]).json();
    assert!(balance["lamports"].as_u64().unwrap() > 0);
    let shown = read(&["member", "show", &founder_address]).json();
    assert_eq!(shown["status"], "citizen");
    // Signing needs the key, and says so before anything is sent.
    let deposit = read(&["treasury", "deposit", "1"]);
    assert!(!deposit.ok);
    let message = deposit.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("cannot read keypair file"), "{message}");
    assert!(message.contains("netstate wallet new"), "{message}");
    node.stop().await;
}

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
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    let cli = |key: &str, args: &[&str]| netstate_json(dir, &url, key, "Door", args);
    assert!(
        cli(
            &founder,
            &[
                "society",
                "create",
                "Door",
                "--constitution",
                "ipfs://c",
                "--constitution-hash",
                hash,
                "--policy",
                "open"
            ]
        )
        .ok
    );
    let door_address = door.pubkey().to_string();
    assert!(
        cli(
            &founder,
            &[
                "node",
                "register",
                "lisbon",
                "--name",
                "Lisbon",
                "--country",
                "PT",
                "--lat",
                "38.7",
                "--lon",
                "-9.1",
                "--operator",
                &door_address
            ]
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

#[test]
fn json_follows_the_rpc_conventions_and_colour_is_optional() {
    let home = embedded_society("Sun", &["--policy", "open"]);
    let dir = home.path();
    let run = |args: &[&str]| netstate(dir, args);
    assert!(run(&["treasury", "deposit", "2"]).ok);
    // One line with json-compact, the same document as json.
    let compact = run(&["treasury", "show", "--output", "json-compact"]);
    assert_eq!(
        compact.stdout.trim().lines().count(),
        1,
        "{}",
        compact.stdout
    );
    let pretty = run(&["treasury", "show", "--output", "json"]).json();
    let compact: serde_json::Value = serde_json::from_str(compact.stdout.trim()).unwrap();
    assert_eq!(compact, pretty);
    // The spendable balance apart from the rent reserve, as numbers of lamports.
    assert_eq!(pretty["reserveLamports"], 890_880);
    assert_eq!(pretty["spendableLamports"], 2_000_000_000u64);
    let shown = run(&["treasury", "show"]);
    assert!(
        shown.stdout.contains("SOL (spendable)") && shown.stdout.contains("2 SOL"),
        "{}",
        shown.stdout
    );
    // "Not yet" is null, never 0.
    assert!(run(&["proposal", "create", "--title", "t", "signal"]).ok);
    let proposal = run(&["proposal", "show", "0", "--output", "json"]).json();
    assert!(
        proposal["executableAt"].is_null() && proposal["executedAt"].is_null(),
        "{proposal}"
    );
    // Enums are stable camelCase names, their sentence in a field of its own, and the text
    // for people says the same sentence (one value renders both).
    assert_eq!(proposal["status"], "voting");
    assert_eq!(proposal["action"]["kind"], "signal");
    let status_text = proposal["statusText"].as_str().unwrap().to_string();
    assert!(status_text.starts_with("voting until "), "{status_text}");
    let shown = run(&["proposal", "show", "0"]);
    assert!(shown.stdout.contains(&status_text), "{}", shown.stdout);
    let society = run(&["society", "show", "--output", "json"]).json();
    assert_eq!(society["admission"]["kind"], "open");
    assert_eq!(society["governance"]["quorumBps"], 2_000);
    let member = run(&["member", "show", "--output", "json"]).json();
    assert_eq!(member["status"], "citizen");
    assert!(member["progress"].is_null(), "{member}");
    // No colour codes where there is no terminal, nor with NO_COLOR.
    let plain = Command::new(env!("CARGO_BIN_EXE_netstate"))
        .args(["treasury", "deposit", "1"])
        .env("NETSTATE_HOME", dir)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
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

#[test]
fn genesis_plans_the_differences_and_applies_what_it_can() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    // A member whose keypair sits beside the manifest, unfunded: genesis funds it from
    // the local faucet, applies for it and admits it.
    let manifests = dir.join("manifests");
    std::fs::create_dir_all(&manifests).unwrap();
    let ana = Keypair::new();
    keypair_file(&manifests, "ana", &ana);
    let door = Keypair::new().pubkey();
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    let manifest = |admission: &str, door: &str| {
        format!(
            "[society]\nname = \"Gen\"\nconstitution_uri = \"ipfs://c\"\nconstitution_sha256 = \"{hash}\"\nadmission = \"{admission}\"\n\n[[nodes]]\ncode = \"lisbon\"\nname = \"Lisbon House\"\ncountry = \"PT\"\nlatitude = \"38.7\"\nlongitude = \"-9.1\"\noperator = \"{door}\"\n\n[[members]]\nwallet = \"{}\"\nhandle = \"ana\"\nkeypair = \"ana.json\"\n",
            ana.pubkey()
        )
    };
    let path = manifests.join("gen.toml");
    std::fs::write(&path, manifest("vetted", &door.to_string())).unwrap();
    let path = path.to_string_lossy().into_owned();
    let planned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let fixes: Vec<&str> = planned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fix"].as_str().unwrap())
        .collect();
    assert_eq!(fixes, ["apply", "apply", "apply"], "{planned}");
    // Run from another folder: the keypair path is the manifest's.
    let applied = ok(&["genesis", "apply", &path, "--output", "json"]).json();
    assert!(
        applied["stillDifferent"].as_array().unwrap().is_empty(),
        "{applied}"
    );
    let member = ok(&[
        "member",
        "show",
        &ana.pubkey().to_string(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(member["status"], "citizen");
    let matches = ok(&["genesis", "plan", &path]);
    assert!(
        matches.stdout.contains("the chain matches the manifest"),
        "{}",
        matches.stdout
    );
    // A manifest the chain cannot follow: another policy and another door for lisbon.
    let other_door = Keypair::new().pubkey().to_string();
    std::fs::write(&path, manifest("open", &other_door)).unwrap();
    let planned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let whats: Vec<String> = planned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} [{}]",
                d["what"].as_str().unwrap(),
                d["fix"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        whats
            .iter()
            .any(|w| w.starts_with("admission is vetted") && w.ends_with("[never]")),
        "{whats:?}"
    );
    assert!(
        whats
            .iter()
            .any(|w| w.contains("hub lisbon's operator is") && w.ends_with("[explicit]")),
        "{whats:?}"
    );
    // Applied as it is, the manifest leaves the door's key on chain alone and says so.
    let door_before =
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"].clone();
    let applied = ok(&["genesis", "apply", &path]);
    assert!(
        applied.stdout.contains("still different")
            && applied.stdout.contains("kept hub lisbon's door key")
            && !applied.stdout.contains("handed hub lisbon's door to"),
        "{}",
        applied.stdout
    );
    assert_eq!(
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"],
        door_before
    );
    // Asked to, the steward hands the door to the manifest's key: only the policy differs.
    let applied = ok(&["genesis", "apply", &path, "--set-operators"]);
    assert!(
        applied.stdout.contains("handed hub lisbon's door to"),
        "{}",
        applied.stdout
    );
    assert_eq!(
        ok(&["node", "show", "lisbon", "--output", "json"]).json()["operator"],
        other_door.as_str()
    );
    let replanned = ok(&["genesis", "plan", &path, "--output", "json"]).json();
    let left: Vec<&str> = replanned["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert!(left.iter().all(|w| !w.contains("operator")), "{left:?}");
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
    let hash = "7e448add375f89fa4b50058622b3b5f83d9fb4e7b29d15a3209b2247160cd9d0";
    run(
        &founder,
        &[
            "society",
            "create",
            "Doorway",
            "--constitution",
            "ipfs://c",
            "--constitution-hash",
            hash,
            "--policy",
            "open",
        ],
    );
    let operator = run(&door_key, &["wallet", "address"]).json()["address"]
        .as_str()
        .unwrap()
        .to_string();
    run(
        &founder,
        &[
            "node",
            "register",
            "lisbon",
            "--name",
            "Lisbon House",
            "--country",
            "PT",
            "--lat",
            "38.7",
            "--lon",
            "-9.1",
            "--operator",
            &operator,
        ],
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
    ok(&[
        "node",
        "register",
        "lisbon",
        "--name",
        "Lisbon House",
        "--country",
        "PT",
        "--lat",
        "38.7",
        "--lon",
        "-9.1",
        "--operator",
        &door_address,
    ]);
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

#[test]
fn the_map_is_drawn_and_the_demo_keeps_its_ledger_when_asked() {
    let home = embedded_society("Isles", &["--policy", "open"]);
    let dir = home.path();
    let ok = |args: &[&str]| {
        let run = netstate(dir, args);
        assert!(run.ok, "{args:?}: {}{}", run.stdout, run.stderr);
        run
    };
    let operator = Keypair::new().pubkey().to_string();
    for (code, lat, lon) in [("lisbon", "38.72", "-9.14"), ("bali", "-8.41", "115.19")] {
        ok(&[
            "node",
            "register",
            code,
            "--name",
            code,
            "--country",
            "PT",
            "--lat",
            lat,
            "--lon",
            lon,
            "--operator",
            &operator,
        ]);
    }
    ok(&["node", "retire", "bali"]);
    let svg = dir.join("isles.svg");
    let png = dir.join("isles.png");
    let drawn = ok(&[
        "map",
        "--out",
        &svg.to_string_lossy(),
        "--png",
        &png.to_string_lossy(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(
        (drawn["hubs"].as_u64(), drawn["activeHubs"].as_u64()),
        (Some(2), Some(1))
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<g class=\"hub hub-active\"").count(), 1);
    assert_eq!(text.matches("<g class=\"hub hub-retired\"").count(), 1);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let unwritable = netstate(dir, &["map", "--out", "/no/such/dir/map.svg"]);
    assert!(
        !unwritable.ok
            && unwritable
                .stderr
                .contains("cannot write /no/such/dir/map.svg")
    );

    // The demo keeps its ledger in a new directory, draws its map, and refuses a used one.
    let kept = dir.join("solar");
    let map = dir.join("solar.svg");
    let demo = ok(&[
        "demo",
        "--ledger",
        &kept.to_string_lossy(),
        "--map",
        &map.to_string_lossy(),
        "--output",
        "json",
    ])
    .json();
    assert_eq!(demo["ledger"], kept.to_string_lossy().as_ref());
    assert_eq!(
        std::fs::read_to_string(&map)
            .unwrap()
            .matches("<g class=\"hub ")
            .count(),
        3
    );
    let again = netstate(dir, &["demo", "--ledger", &kept.to_string_lossy()]);
    assert!(
        !again.ok && again.stderr.contains("is not empty"),
        "{}",
        again.stderr
    );
    // In words, a kept ledger is never called throwaway.
    let other = dir.join("kept-in-words");
    let told = ok(&["demo", "--ledger", &other.to_string_lossy()]);
    let first = told.stdout.lines().next().unwrap_or_default();
    assert!(
        first.contains(&format!("on a local ledger kept in {}", other.display()))
            && !first.contains("throwaway"),
        "{first}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_demos_society_on_its_kept_ledger() {
    use std::io::BufRead;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let kept = dir.join("solar").to_string_lossy().into_owned();
    let demo = netstate(dir, &["demo", "--ledger", &kept, "--output", "json"]);
    assert!(demo.ok, "{}", demo.stderr);
    // A JSON line from a long-running command, and the child to stop later.
    let spawn = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_netstate"))
            .args(args)
            .env("NETSTATE_HOME", dir)
            .env("HOME", dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let first: serde_json::Value =
            serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        // The rest of its output stays readable: a closed pipe would fail its last line.
        (child, first, lines)
    };
    let (mut node, started, _node_lines) = spawn(&[
        "localnet",
        "--ledger",
        &kept,
        "--rpc-port",
        "0",
        "--output",
        "json",
    ]);
    let url = started["url"].as_str().unwrap().to_string();
    let (mut dashboard, opened, _dashboard_lines) = spawn(&[
        "-u",
        &url,
        "--society",
        "The Solar State",
        "--output",
        "json",
        "dashboard",
        "--bind",
        "127.0.0.1:0",
    ]);
    let page = reqwest::get(opened["url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<h1>The Solar State</h1>"), "{page}");
    assert_eq!(
        page.matches("<g class=\"hub hub-active\"").count(),
        3,
        "three hubs on the map"
    );
    // Every page, as a browser builds it, against the demo's story.
    let base = opened["url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let pages = [
        ("/", "The Solar State"),
        ("/map", "class=\"hub hub-active\""),
        ("/members", "5 member(s)"),
        ("/hubs/lisbon", "Lisbon House"),
        ("/proposals", "A 5 SOL grant to the Lisbon hub"),
        ("/proposals/0", "4 yes, 1 no, 0 abstain of 5 eligible"),
        ("/treasury", "25 SOL"),
    ];
    for (path, expected) in pages {
        let url = format!("{base}{path}");
        let dom = tokio::task::spawn_blocking(move || {
            netstate_testkit::browser::headless(&url, &["--dump-dom"]).unwrap()
        })
        .await
        .unwrap();
        assert!(dom.contains(expected), "{path} lacks {expected:?}: {dom}");
        assert!(dom.contains("<nav aria-label=\"Sections\">"), "{path}");
        if path == "/map" {
            assert_eq!(dom.matches("class=\"hub hub-active\"").count(), 3, "{dom}");
        }
        if path == "/proposals/0" {
            assert!(dom.contains("executed on"), "{dom}");
        }
    }
    for child in [&mut dashboard, &mut node] {
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        assert!(child.wait().unwrap().success());
    }
}
