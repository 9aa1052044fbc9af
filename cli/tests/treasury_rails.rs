//! The treasury's rails from the command line: a large payment says it needs the
//! supermajority, citizens object during the timelock until it is vetoed, a split payment
//! meets the outflow cap, and rails out of range are refused before anything is sent.

mod common;

use common::Local;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizens_veto_a_payment_and_the_cap_stops_a_split_one() {
    let local = Local::start().await;
    let (_, founder) = local.wallet("founder").await;
    let mut citizens = Vec::new();
    for name in ["ana", "bob", "cy", "di"] {
        citizens.push(local.wallet(name).await);
    }
    let to = citizens[0].0.pubkey().to_string();
    let cli = local.cli("Solar");
    let warp = |secs: i64| local.warp(secs);
    let r = cli.found(&founder, &["--outflow-cap", "0"]);
    assert!(!r.ok && r.stderr.contains("outflow cap"), "{}", r.stderr);
    let r = cli.found(&founder, &["--veto", "101"]);
    assert!(!r.ok && r.stderr.contains("veto share"), "{}", r.stderr);
    let r = cli.found(&founder, &["--voting-period", "1h"]);
    assert!(r.ok, "{}", r.stderr);
    let shown = cli.ok(&founder, &["society", "show"]);
    assert!(
        shown
            .stdout
            .contains("at most 20% of each asset paid out per 7 d")
            && shown
                .stdout
                .contains("objections by 30% during the timelock veto"),
        "{}",
        shown.stdout
    );
    for (i, (_, key)) in citizens.iter().enumerate() {
        cli.ok(key, &["member", "apply", "--handle", &format!("c{i}")]);
    }
    cli.ok(&founder, &["treasury", "deposit", "10"]);
    let everyone: Vec<&str> = std::iter::once(founder.as_str())
        .chain(citizens.iter().map(|(_, k)| k.as_str()))
        .collect();

    // 1.5 SOL is above 10% of 10: judged by the supermajority.
    let pay = |title: &str| {
        cli.ok(
            &founder,
            &[
                "proposal",
                "create",
                "--title",
                title,
                "transfer-sol",
                "--to",
                &to,
                "--amount",
                "1.5",
            ],
        );
    };
    pay("First half");
    let show = cli.ok(&founder, &["proposal", "show", "0"]);
    assert!(
        show.stdout
            .contains("needs:       approval 66.66% with quorum 33.34%"),
        "{}",
        show.stdout
    );
    for key in &everyone {
        cli.ok(key, &["proposal", "vote", "0", "yes"]);
    }
    cli.refused(
        everyone[1],
        &["proposal", "object", "0"],
        "waits out its timelock",
    );
    cli.ok(&founder, &["proposal", "finalize", "0"]);
    // Objections: 2 of 5 veto it (30%).
    let first = cli.ok(everyone[1], &["proposal", "object", "0"]);
    assert!(
        first.stdout.contains("1 of 5 objected; 2 veto it"),
        "{}",
        first.stdout
    );
    cli.refused(
        everyone[1],
        &["proposal", "object", "0"],
        "you already objected",
    );
    let second = cli.ok(everyone[2], &["proposal", "object", "0"]);
    assert!(second.stdout.contains("vetoed"), "{}", second.stdout);
    warp(86_400 + 1).await;
    cli.refused(&founder, &["proposal", "execute", "0"], "vetoed");
    let show = cli.ok(&founder, &["proposal", "show", "0"]);
    assert!(
        show.stdout.contains("vetoed: 2 of 5 objected"),
        "{}",
        show.stdout
    );
    let closed = cli.ok(&founder, &["proposal", "close", "0"]);
    assert!(
        closed
            .stdout
            .contains("5 vote record(s) and 2 objection(s)"),
        "{}",
        closed.stdout
    );

    // Two payments of 15% each: the second meets the 20% cap.
    pay("Second half");
    pay("Third half");
    for index in ["1", "2"] {
        for key in &everyone {
            cli.ok(key, &["proposal", "vote", index, "yes"]);
        }
        cli.ok(&founder, &["proposal", "finalize", index]);
    }
    warp(86_400 + 1).await;
    cli.ok(&founder, &["proposal", "execute", "1"]);
    cli.refused(&founder, &["proposal", "execute", "2"], "outflow cap");
    warp(5 * 86_400).await;
    cli.ok(&founder, &["proposal", "execute", "2"]);
}

/// Issue 23, class 10, from the command line: under the default rails (20% per 7 days) what
/// passed payments set aside stays within what the rails pay before they expire; the fifth
/// 10% payment passes the vote and `proposal finalize` says it is unfunded, `proposal show`
/// says why, and `proposal execute` is refused by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_beyond_what_the_treasury_can_set_aside_is_unfunded() {
    let local = Local::start().await;
    let (_, founder) = local.wallet("founder").await;
    let (payee, _) = local.wallet("payee").await;
    let to = payee.pubkey().to_string();
    let cli = local.cli("Solar");
    let warp = |secs: i64| local.warp(secs);
    let r = cli.found(&founder, &["--voting-period", "1h", "--timelock", "1h"]);
    assert!(r.ok, "{}", r.stderr);
    cli.ok(&founder, &["treasury", "deposit", "10"]);
    // The 1 h voting period and timelock and a 7-day execution window: the rails pay 20% now
    // and 20% per 7 days after, about 40% of the treasury before a payment expires.
    for index in 0..5 {
        cli.ok(
            &founder,
            &[
                "proposal",
                "create",
                "--title",
                &format!("Pay {index}"),
                "transfer-sol",
                "--to",
                &to,
                "--amount",
                "1",
            ],
        );
        let index = index.to_string();
        cli.ok(&founder, &["proposal", "vote", &index, "yes"]);
        let finalized = cli.json(&founder, &["proposal", "finalize", &index]);
        let expected = if index == "4" { "unfunded" } else { "passed" };
        assert_eq!(finalized["status"], expected, "{finalized}");
    }
    let shown = cli.ok(&founder, &["proposal", "show", "4"]);
    assert!(
        shown
            .stdout
            .contains("unfunded: passed, but the treasury cannot pay it"),
        "{}",
        shown.stdout
    );
    warp(3_601).await;
    cli.refused(&founder, &["proposal", "execute", "4"], "ProposalUnfunded");
    // The others execute while the rails have room (20% per 7 days: two now).
    cli.ok(&founder, &["proposal", "execute", "0"]);
}
