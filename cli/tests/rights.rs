//! The rights of citizens from the command line: a constitutional proposal says what it
//! needs, the member an expulsion names answers it (and no one else can), the expulsion runs
//! its 3-day minimum, and supermajority flags out of range are refused before anything is sent.

mod common;

use common::Local;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expulsion_is_constitutional_and_the_member_named_answers_it() {
    let local = Local::start().await;
    let dir = local.dir();
    let (_, founder) = local.wallet("founder").await;
    let (_, ana) = local.wallet("ana").await;
    let (bob_keypair, bob) = local.wallet("bob").await;
    let bob_wallet = bob_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    std::fs::write(dir.join("answer.md"), "I did nothing wrong.").unwrap();
    let answer = dir.join("answer.md").to_string_lossy().into_owned();

    // A supermajority below the approval threshold is refused before anything is sent.
    let refused = cli.found(&founder, &["--supermajority", "55"]);
    assert!(
        !refused.ok && refused.stderr.contains("supermajority"),
        "{}",
        refused.stderr
    );
    let founded = cli.found(&founder, &["--voting-period", "1h"]);
    assert!(founded.ok, "{}", founded.stderr);
    let shown = cli.ok(&founder, &["society", "show"]);
    assert!(
        shown
            .stdout
            .contains("payments above 10% of an asset need 66.66% with quorum 33.34%"),
        "{}",
        shown.stdout
    );
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);
    cli.ok(&bob, &["member", "apply", "--handle", "bob"]);
    cli.ok(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Expel bob",
            "expel",
            "--wallet",
            &bob_wallet,
        ],
    );
    cli.ok(
        &founder,
        &["proposal", "create", "--title", "Hello", "signal"],
    );

    let show = cli.ok(&founder, &["proposal", "show", "0"]);
    assert!(
        show.stdout
            .contains("needs:       approval 66.66% with quorum 33.34% (constitutional)"),
        "{}",
        show.stdout
    );
    let signal = cli
        .ok(&founder, &["proposal", "show", "1", "--output", "json"])
        .json();
    assert_eq!(signal["constitutional"], false);
    assert_eq!(signal["approvalBps"], 6_000);

    // Only bob answers, only with a pinned text, only an expulsion.
    let respond = [
        "proposal",
        "respond",
        "0",
        "--uri",
        "ipfs://answer",
        "--file",
    ];
    let mut by_ana = respond.to_vec();
    by_ana.push(&answer);
    cli.refused(&ana, &by_ana, "only they may answer it");
    cli.refused(
        &bob,
        &["proposal", "respond", "0", "--uri", "ipfs://answer"],
        "--file FILE or --hash HEX",
    );
    cli.refused(
        &bob,
        &[
            "proposal",
            "respond",
            "0",
            "--uri",
            "not a uri",
            "--file",
            &answer,
        ],
        "--uri",
    );
    cli.refused(
        &bob,
        &[
            "proposal",
            "respond",
            "1",
            "--uri",
            "ipfs://answer",
            "--file",
            &answer,
        ],
        "not an expulsion",
    );
    // Twice: the second replaces the first.
    let mut by_bob = respond.to_vec();
    by_bob.push(&answer);
    cli.ok(&bob, &by_bob);
    let again = cli.ok(&bob, &by_bob);
    assert!(
        again.stdout.contains("Answered proposal #0"),
        "{}",
        again.stdout
    );
    let view = cli
        .ok(&founder, &["proposal", "show", "0", "--output", "json"])
        .json();
    assert_eq!(view["constitutional"], true);
    assert_eq!(view["response"]["uri"], "ipfs://answer");
    let digest = netstate_cli::digest::hex(
        &netstate_cli::digest::sha256_file(std::path::Path::new(&answer)).unwrap(),
    );
    assert_eq!(view["response"]["sha256"], digest.as_str());
    let text = cli.ok(&ana, &["proposal", "show", "0"]);
    assert!(
        text.stdout.contains("response:    ipfs://answer (sha256 "),
        "{}",
        text.stdout
    );

    // Everyone else votes yes, and still the vote runs its 3 days, not the society's hour.
    cli.ok(&founder, &["proposal", "vote", "0", "yes"]);
    cli.ok(&ana, &["proposal", "vote", "0", "yes"]);
    local.warp(2 * 3_600).await;
    cli.refused(
        &founder,
        &["proposal", "finalize", "0"],
        "wait for voting to end",
    );
    local.warp(3 * 86_400).await;
    cli.refused(&bob, &by_bob, "is closed");
    cli.ok(&founder, &["proposal", "finalize", "0"]);
}
