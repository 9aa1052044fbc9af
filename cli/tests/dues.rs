//! Dues from the command line: the steward sets them, a sponsor pays for a member, a citizen
//! who does not pay is marked lapsed and listed, pays again and is a citizen again, and the
//! mistakes people make are named.

mod common;

use common::Local;
use netstate_client::PROGRAM_ID;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizens_pay_dues_lapse_and_come_back_from_the_command_line() {
    let local = Local::start().await;
    let client = &local.client;
    let (_, founder) = local.wallet("founder").await;
    let (ana_keypair, ana) = local.wallet("ana").await;
    let (bob_keypair, bob) = local.wallet("bob").await;
    let ana_wallet = ana_keypair.pubkey().to_string();
    let bob_wallet = bob_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    assert!(cli.found(&founder, &[]).ok);
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);
    cli.ok(&bob, &["member", "apply", "--handle", "bob"]);
    cli.refused(&ana, &["member", "pay-dues"], "charges no dues");
    cli.refused(
        &ana,
        &["society", "set-dues", "--amount", "0.1"],
        "NotTheSteward",
    );
    cli.refused(
        &founder,
        &["society", "set-dues", "--amount", "0.1", "--period", "1h"],
        "dues need a period of 1 to 400 days",
    );
    cli.refused(
        &founder,
        &["society", "set-dues", "--amount", "lots"],
        "--amount",
    );
    let set = cli.ok(
        &founder,
        &[
            "society", "set-dues", "--amount", "0.1", "--period", "30d", "--grace", "7d",
        ],
    );
    assert!(
        set.stdout.contains("0.1 SOL per 30 d, 7 d grace"),
        "{}",
        set.stdout
    );
    let shown = cli.ok(&founder, &["society", "show"]);
    assert!(
        shown.stdout.contains("dues:         0.1 SOL per 30 d"),
        "{}",
        shown.stdout
    );

    // The founder pays a year for ana (a scholarship); bob pays nothing.
    let paid = cli.ok(
        &founder,
        &[
            "member",
            "pay-dues",
            "--periods",
            "12",
            "--for",
            &ana_wallet,
        ],
    );
    assert!(paid.stdout.contains("Paid 12 period(s)"), "{}", paid.stdout);
    cli.refused(
        &founder,
        &["member", "pay-dues", "--periods", "0"],
        "0 is not in 1..=120",
    );
    let show = cli.ok(&ana, &["member", "show"]);
    assert!(show.stdout.contains("paid until"), "{}", show.stdout);
    cli.refused(
        &founder,
        &["member", "mark-lapsed", &bob_wallet],
        "lapsable after",
    );
    local.warp(8 * 86_400).await;
    cli.refused(
        &founder,
        &["member", "mark-lapsed", &ana_wallet],
        "lapsable after",
    );
    cli.ok(&founder, &["member", "mark-lapsed", &bob_wallet]);
    cli.refused(
        &founder,
        &["member", "mark-lapsed", &bob_wallet],
        "only a citizen",
    );
    let lapsed = cli
        .ok(
            &founder,
            &["member", "list", "--lapsed", "--output", "json"],
        )
        .json();
    assert_eq!(lapsed.as_array().unwrap().len(), 1, "{lapsed}");
    assert_eq!(lapsed[0]["handle"], "bob");
    assert_eq!(lapsed[0]["status"], "lapsed");
    cli.refused(
        &bob,
        &["proposal", "create", "--title", "Hi", "signal"],
        "pay lapsed dues with `netstate member pay-dues`",
    );
    let back = cli.ok(&bob, &["member", "pay-dues"]);
    assert!(back.stdout.contains("A citizen again"), "{}", back.stdout);
    let lapsed = cli
        .ok(
            &founder,
            &["member", "list", "--lapsed", "--output", "json"],
        )
        .json();
    assert_eq!(lapsed.as_array().unwrap().len(), 0);
    // The report: deposits and dues in, and nothing else; its totals reconcile with the
    // treasury (the reserve the founder put in at creation is no movement).
    cli.ok(&founder, &["treasury", "deposit", "2"]);
    let report = cli.json(&founder, &["treasury", "report"]);
    let kinds: Vec<(String, String, String)> = report["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().unwrap().to_string(),
                t["direction"].as_str().unwrap().to_string(),
                t["amount"]["uiAmountString"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("dues".into(), "in".into(), "1.3".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("deposit".into(), "in".into(), "2".into())),
        "{kinds:?}"
    );
    let treasury = client
        .rpc()
        .get_balance(
            &netstate_client::pda::treasury(
                &PROGRAM_ID,
                &netstate_client::pda::society(&PROGRAM_ID, "Solar").0,
            )
            .0,
        )
        .await
        .unwrap();
    let reserve = client
        .rpc()
        .get_minimum_balance_for_rent_exemption(0)
        .await
        .unwrap();
    assert_eq!(
        report["netLamports"].as_i64().unwrap() as u64 + reserve,
        treasury
    );
    assert_eq!(report["movements"].as_array().unwrap().len(), 3);
    let csv = cli.ok(&founder, &["treasury", "report", "--csv"]);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "date,kind,direction,asset,amount,counterparty,signature"
    );
    assert_eq!(lines.len(), 4, "{}", csv.stdout);
    assert!(lines[1].contains(",deposit,in,SOL,2,"), "{}", csv.stdout);
    cli.refused(
        &founder,
        &["treasury", "report", "--from", "2026-13-01"],
        "--from is a date",
    );
    cli.refused(
        &founder,
        &[
            "treasury",
            "report",
            "--from",
            "2030-01-02",
            "--to",
            "2030-01-01",
        ],
        "--from is after --to",
    );
    let none = cli.json(&founder, &["treasury", "report", "--to", "2000-01-01"]);
    assert_eq!(none["movements"].as_array().unwrap().len(), 0);

    // Afterwards a proposal changes them.
    cli.ok(&founder, &["society", "renounce-steward", "--yes"]);
    let proposed = cli.ok(
        &ana,
        &[
            "proposal", "create", "--title", "Cheaper", "set-dues", "--amount", "0.05",
        ],
    );
    assert!(
        proposed.stdout.contains("Proposed #0"),
        "{}",
        proposed.stdout
    );
    let show = cli.ok(&ana, &["proposal", "show", "0"]);
    assert!(
        show.stdout.contains("set the dues: 0.05 SOL per 30 d"),
        "{}",
        show.stdout
    );
}
