//! Durable nonces from the command line: the door co-signs a check-in on the member's nonce,
//! the member sends it ten minutes of clock later (when a blockhash signature has long
//! expired), and it lands once; the nonce commands and their mistakes.

mod common;

use common::Local;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_in_co_signed_on_a_nonce_lands_once_ten_minutes_later() {
    let local = Local::start().await;
    let dir = local.dir();
    let (_, founder) = local.wallet("founder").await;
    let (door_keypair, door) = local.wallet("door").await;
    let (ana_keypair, ana) = local.wallet("ana").await;
    let door_address = door_keypair.pubkey().to_string();
    let ana_address = ana_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    assert!(cli.found(&founder, &[]).ok);
    cli.register_hub(&founder, "lisbon", &door_address);
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);

    // Ana's nonce, advanced by her.
    let nonce_file = dir.join("ana-nonce.json").to_string_lossy().into_owned();
    let created = cli.json(&ana, &["wallet", "nonce", "create", &nonce_file]);
    assert_eq!(created["authority"], ana_address.as_str());
    let nonce = created["address"].as_str().unwrap().to_string();
    cli.refused(
        &ana,
        &["wallet", "nonce", "create", &nonce_file],
        "exists already",
    );
    let value = cli.json(&ana, &["wallet", "nonce", "show", &nonce])["blockhash"]
        .as_str()
        .unwrap()
        .to_string();

    // The door signs twice: once on a recent blockhash, once on ana's nonce (its value read
    // from the cluster).
    let door_signs = |extra: &[&str]| {
        let mut args = vec![
            "check-in",
            "lisbon",
            "--operator-keypair",
            &door,
            "--member",
            &ana_address,
            "--fee-payer",
            &ana_address,
            "--sign-only",
        ];
        args.extend_from_slice(extra);
        cli.json(&door, &args)
    };
    let blockhash = cli.json(&door, &["wallet", "blockhash"])["blockhash"]
        .as_str()
        .unwrap()
        .to_string();
    let on_blockhash = door_signs(&["--blockhash", &blockhash]);
    let on_nonce = door_signs(&["--nonce", &nonce, "--nonce-authority", &ana_address]);
    assert_eq!(on_nonce["blockhash"], value.as_str());
    let absent: Vec<&str> = on_nonce["absent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(absent, [ana_address.as_str()]);
    let signature = |signed: &serde_json::Value| signed["signers"][0].as_str().unwrap().to_string();

    // Ten minutes later.
    local.warp(600).await;
    let expired = cli.run(
        &ana,
        &[
            "check-in",
            "lisbon",
            "--operator",
            &door_address,
            "--signer",
            &signature(&on_blockhash),
            "--blockhash",
            &blockhash,
        ],
    );
    assert!(!expired.ok, "a blockhash of ten minutes ago has expired");
    assert!(
        expired.stderr.to_lowercase().contains("blockhash"),
        "{}",
        expired.stderr
    );
    let complete = [
        "check-in",
        "lisbon",
        "--operator",
        &door_address,
        "--signer",
        &signature(&on_nonce),
        "--nonce",
        &nonce,
        "--blockhash",
        &value,
    ];
    cli.ok(&ana, &complete);
    let residency = cli.json(&ana, &["member", "residency"]);
    assert_eq!(residency["residencies"][0]["daysPresent"], 1);
    // Once: the nonce moved on.
    cli.refused(&ana, &complete, "has moved on since this was signed");
    let moved = cli.json(&ana, &["wallet", "nonce", "show", &nonce_file])["blockhash"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(moved, value);

    // Advancing is the authority's; mistakes are named.
    cli.refused(
        &door,
        &["wallet", "nonce", "advance", &nonce],
        "is advanced by",
    );
    let advanced = cli.json(&ana, &["wallet", "nonce", "advance", &nonce]);
    assert_ne!(advanced["blockhash"], moved.as_str());
    cli.refused(
        &ana,
        &["wallet", "nonce", "show", &ana_address],
        "not an initialized nonce account",
    );
    cli.refused(
        &ana,
        &["wallet", "nonce", "show", "nowhere.json"],
        "not a nonce account address nor a keypair file",
    );
    cli.refused(
        &ana,
        &["member", "show", "--nonce-authority", &ana_address],
        "--nonce-authority goes with --nonce",
    );
    // A program id where no program is deployed is named, not met with "not found".
    cli.refused(
        &ana,
        &["member", "show", "--program-id", &nonce],
        "is not a program on",
    );
}
