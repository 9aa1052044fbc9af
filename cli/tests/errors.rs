//! Mistakes a newcomer makes get an error naming what was wrong and what to do, by name in
//! JSON, and change nothing.

mod common;

use common::*;
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;

/// The JSON error of a refused run.
fn refused(run: &Run) -> serde_json::Value {
    assert!(!run.ok, "it succeeded: {}", run.stdout);
    run.json()["error"].clone()
}

#[test]
fn mistakes_on_the_embedded_ledger_are_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let run = |args: &[&str]| netstate(dir, args);
    std::fs::write(dir.join("c.md"), "We build on the sun.").unwrap();
    let founded = run(&[
        "society",
        "create",
        "Sun",
        "--constitution",
        "ipfs://x",
        "--constitution-file",
        &dir.join("c.md").display().to_string(),
        "--policy",
        "open",
    ]);
    assert!(founded.ok, "{}", founded.stderr);

    // A wallet that never applied proposes: it is not a member, said so.
    let stranger = keypair_file(dir, "stranger", &Keypair::new());
    let stranger = stranger.display().to_string();
    let error = refused(&run(&[
        "-k", &stranger, "proposal", "create", "--title", "x", "signal", "--output", "json",
    ]));
    assert_eq!(error["name"], "NotAMember", "{error}");
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains("netstate member apply"),
        "{error}"
    );
    let listed = run(&["proposal", "list", "--output", "json"]).json();
    assert_eq!(listed, serde_json::json!([]));

    // Negative amounts: one error, ours, also for the arguments clap reads.
    let error = refused(&run(&["treasury", "deposit", "-1", "--output", "json"]));
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("amounts are never negative"),
        "{error}"
    );
    // Arguments clap refuses still answer in JSON when JSON was asked for.
    let error = refused(&run(&[
        "proposal", "vote", "0", "maybe", "--output", "json",
    ]));
    assert_eq!(error["name"], "InvalidArguments", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("maybe"),
        "{error}"
    );
    let text = run(&["proposal", "vote", "0", "maybe"]);
    assert!(!text.ok && text.stdout.is_empty(), "{}", text.stdout);

    // A directory given as a keypair, and a file that is not there.
    let error = refused(&run(&[
        "-k",
        &dir.display().to_string(),
        "treasury",
        "deposit",
        "1",
        "--output",
        "json",
    ]));
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("it is a directory"),
        "{error}"
    );
    let missing = dir.join("door.json").display().to_string();
    let error = refused(&run(&[
        "check-in",
        "lisbon",
        "--operator-keypair",
        &missing,
        "--output",
        "json",
    ]));
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("there is no such file")
            && message.contains("wallet new --outfile")
            && !message.contains("--keypair"),
        "{error}"
    );

    // A node code's rule, in words (not a debug dump).
    let error = refused(&run(&["address", "node", "my hub", "--output", "json"]));
    assert_eq!(error["name"], "NodeCodeInvalid", "{error}");
    assert!(
        !error["message"].as_str().unwrap().contains("AnchorError"),
        "{error}"
    );

    // An execute in the timelock says when it opens, and how to get there locally.
    let created = run(&[
        "proposal", "create", "--title", "t", "signal", "--output", "json",
    ])
    .json();
    let index = created["index"].to_string();
    assert!(run(&["proposal", "vote", &index, "yes"]).ok);
    assert!(run(&["localnet", "warp", "3d"]).ok);
    assert!(run(&["proposal", "finalize", &index]).ok);
    let error = refused(&run(&["proposal", "execute", &index, "--output", "json"]));
    assert_eq!(error["name"], "ProposalNotYetExecutable", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("opens for execution on")
            && error["hint"]
                .as_str()
                .unwrap()
                .contains("netstate localnet warp"),
        "{error}"
    );
    assert!(run(&["localnet", "warp", "1d"]).ok);
    assert!(run(&["proposal", "execute", &index]).ok);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_that_does_not_answer_and_a_wallet_with_no_sol_are_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    // Nothing listens on port 1.
    let error = refused(&netstate(
        dir,
        &[
            "-u",
            "http://127.0.0.1:1",
            "society",
            "list",
            "--output",
            "json",
        ],
    ));
    assert_eq!(error["name"], "NodeUnreachable", "{error}");
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains("netstate localnet"),
        "{error}"
    );

    let node = Localnet::start(EngineConfig::default(), 0).await.unwrap();
    let url = node.url();
    let poor = Keypair::new();
    let poor_file = keypair_file(dir, "poor", &poor).display().to_string();
    std::fs::write(dir.join("c.md"), "x").unwrap();
    let error = refused(&netstate(
        dir,
        &[
            "-u",
            &url,
            "-k",
            &poor_file,
            "society",
            "create",
            "Poor",
            "--constitution",
            "ipfs://x",
            "--constitution-file",
            &dir.join("c.md").display().to_string(),
            "--policy",
            "open",
            "--output",
            "json",
        ],
    ));
    assert_eq!(error["name"], "FeePayerUnfunded", "{error}");
    let address = solana_signer::Signer::pubkey(&poor).to_string();
    assert!(
        error["message"].as_str().unwrap().contains(&address)
            && error["hint"]
                .as_str()
                .unwrap()
                .contains(&format!("wallet airdrop 1 {address}")),
        "{error}"
    );
    node.stop().await;
}
