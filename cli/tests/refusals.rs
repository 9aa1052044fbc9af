//! How the `netstate` binary says no: failures named by what was wrong, with their exit
//! codes, in JSON and in words; bad input refused by the program's own rules before
//! anything is sent; reading without a keypair; truthful help texts; JSON conventions.

mod common;

use std::process::Command;

use common::{embedded_society, funded, keypair_file, netstate, netstate_json};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

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
                &["--society", "Solar"][..],
                &common::create_society("Solar", &["--policy", "open"]),
            ]
            .concat()
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
    let hash = common::CONSTITUTION_SHA256;
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
    let created = netstate_json(
        home.path(),
        &url,
        &key,
        "Open",
        &common::create_society("Open", &[]),
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
