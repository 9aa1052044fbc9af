//! The `netstate` binary with nothing configured: the embedded ledger (repeats, clock
//! warps, two commands at once), identical commands in one slot, wallets without the
//! Solana CLI.

mod common;

use std::process::Command;

use common::{funded, netstate, netstate_json};
use netstate_localnet::{EngineConfig, Localnet};

#[test]
fn with_nothing_configured_commands_use_the_embedded_ledger() {
    let home = tempfile::tempdir().unwrap();
    let run = netstate(home.path(), &common::create_society("Home State", &[]));
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
        &common::create_society("Home State", &["--output", "json"]),
    );
    assert!(!again.ok);
    assert!(
        again.json()["error"]["name"] == "SocietyNameTaken"
            && again.json()["error"]["code"] == 6033,
        "{}",
        again.stdout
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
    let created = netstate_json(
        home.path(),
        &url,
        &key,
        "Twin",
        &common::create_society("Twin", &[]),
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

/// A Solana CLI config whose keypair is a Ledger (`keypair_path: usb://ledger`) means the
/// Ledger on a node of this machine too: netstate's own keypair, which stands in for a
/// missing keypair file there, never stands in for it.
#[test]
fn a_ledger_in_the_solana_config_is_never_replaced_by_netstates_own_keypair() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    // netstate's own keypair exists, as after any session on the embedded ledger.
    let own = netstate(dir, &["-u", "embedded", "wallet", "address"]);
    assert!(own.ok, "{}", own.stderr);
    let own_address = own.stdout.trim().to_string();
    std::fs::create_dir_all(dir.join(".config/solana/cli")).unwrap();
    std::fs::write(
        dir.join(".config/solana/cli/config.yml"),
        "json_rpc_url: http://127.0.0.1:8899\nkeypair_path: usb://ledger\n",
    )
    .unwrap();
    let run = netstate(dir, &["wallet", "address"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(run.stderr.contains("usb://ledger"), "{}", run.stderr);
    assert!(!run.stdout.contains(&own_address), "{}", run.stdout);
}
