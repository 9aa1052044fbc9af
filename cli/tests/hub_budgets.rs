//! A hub's budget from the command line: granted by a proposal, settled each period, spent
//! by the door's key and the hub keeper with receipts, shown with its history, ended with its
//! vault back in the treasury, and counted in the financial report; the mistakes people make
//! are named.

mod common;

use common::Local;
use netstate_client::PROGRAM_ID;
use netstate_client::pda;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_budget_is_granted_spent_with_receipts_and_ended_from_the_command_line() {
    let local = Local::start().await;
    let client = &local.client;
    let dir = local.dir();
    let (_, founder) = local.wallet("founder").await;
    let (_, ana) = local.wallet("ana").await;
    let (bob_keypair, bob) = local.wallet("bob").await;
    let (door_keypair, door) = local.wallet("door").await;
    let (shop_keypair, _) = local.wallet("shop").await;
    let shop = shop_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    let warp = |secs: i64| local.warp(secs);
    let founded = cli.found(&founder, &["--voting-period", "1h", "--timelock", "0s"]);
    assert!(founded.ok, "{}", founded.stderr);
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);
    cli.ok(&bob, &["member", "apply", "--handle", "bob"]);
    cli.ok(&founder, &["treasury", "deposit", "10"]);
    let door_key = door_keypair.pubkey().to_string();
    cli.register_hub(&founder, "lisbon", &door_key);
    let pass = async |index: &str| {
        for key in [&founder, &ana, &bob] {
            cli.ok(key, &["proposal", "vote", index, "yes"]);
        }
        warp(3_601).await;
        cli.ok(&founder, &["proposal", "finalize", index]);
        warp(1).await;
        cli.ok(&founder, &["proposal", "execute", index])
    };

    // Before there is one.
    cli.refused(&ana, &["node", "budget", "lisbon"], "has no budget");
    cli.refused(
        &ana,
        &[
            "proposal",
            "create",
            "--title",
            "End",
            "end-node-budget",
            "--code",
            "lisbon",
        ],
        "no budget to end",
    );
    fn propose<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["proposal", "create", "--title", "Upkeep", "set-node-budget"];
        args.extend_from_slice(extra);
        args
    }
    cli.refused(
        &ana,
        &propose(&["--code", "porto", "--allowance", "0.5"]),
        "no hub `porto`",
    );
    cli.refused(
        &ana,
        &propose(&["--code", "lisbon", "--allowance", "0.5", "--period", "2h"]),
        "period must be 1 to 366 days",
    );
    cli.refused(
        &ana,
        &propose(&["--code", "lisbon", "--allowance", "half"]),
        "--allowance",
    );

    // Granted, with bob as the hub's keeper: executing it funds the first period.
    let bob_wallet = bob_keypair.pubkey().to_string();
    cli.ok(
        &ana,
        &propose(&[
            "--code",
            "lisbon",
            "--allowance",
            "0.5",
            "--period",
            "30d",
            "--keeper",
            &bob_wallet,
        ]),
    );
    let executed = pass("0").await;
    assert!(
        executed
            .stdout
            .contains("give hub lisbon a budget of 0.5 SOL per 30 d")
            && executed.stdout.contains("vault is funded for this period"),
        "{}",
        executed.stdout
    );

    // The door spends with a memo, the keeper with a receipt file; nobody else, and
    // nothing past the allowance.
    let spent = cli.json(
        &door,
        &[
            "node", "spend", "lisbon", "0.2", "--to", &shop, "--memo", "new lock",
        ],
    );
    let memo_hash = solana_sha256_hasher::hash(b"new lock").to_bytes();
    let memo_hex: String = memo_hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(spent["memoSha256"], memo_hex.as_str());
    assert_eq!(spent["leftThisPeriod"]["uiAmountString"], "0.3");
    cli.refused(
        &ana,
        &[
            "node", "spend", "lisbon", "0.1", "--to", &shop, "--memo", "mine",
        ],
        "neither hub lisbon's operator",
    );
    cli.refused(
        &door,
        &[
            "node", "spend", "lisbon", "0.4", "--to", &shop, "--memo", "paint",
        ],
        "can spend 0.3 more this period",
    );
    cli.refused(
        &door,
        &["node", "spend", "lisbon", "0.1", "--to", &shop],
        "--memo",
    );
    cli.refused(
        &door,
        &[
            "node",
            "spend",
            "lisbon",
            "0.1",
            "--to",
            &shop,
            "--memo",
            &"x".repeat(65),
        ],
        "1 to 64 bytes",
    );
    let receipt = dir.join("invoice.txt");
    std::fs::write(&receipt, "Invoice 114: paint, 0.1 SOL").unwrap();
    cli.ok(
        &bob,
        &[
            "node",
            "spend",
            "lisbon",
            "0.1",
            "--to",
            &shop,
            "--memo",
            "paint",
            "--receipt",
            &receipt.to_string_lossy(),
        ],
    );
    let shown = cli.json(&ana, &["node", "budget", "lisbon"]);
    assert_eq!(shown["spentThisPeriod"]["uiAmountString"], "0.3");
    assert_eq!(shown["vaultBalance"]["uiAmountString"], "0.2");
    assert_eq!(shown["keeper"], bob_wallet.as_str());
    let kinds: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["spent", "spent", "settled", "granted"]);
    assert_eq!(shown["history"][1]["memoSha256"], memo_hex.as_str());
    assert_eq!(shown["history"][0]["memo"], "paint");
    let invoice_hash = solana_sha256_hasher::hash(b"Invoice 114: paint, 0.1 SOL").to_bytes();
    let invoice_hex: String = invoice_hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(shown["history"][0]["memoSha256"], invoice_hex.as_str());
    let text = cli.ok(&ana, &["node", "budget", "lisbon"]).stdout;
    assert!(
        text.contains("allowance:         0.5 SOL per 30 d")
            && text.contains(&format!("receipt {memo_hex}")),
        "{text}"
    );

    let hub = cli.ok(&ana, &["node", "show", "lisbon"]).stdout;
    assert!(
        hub.contains("budget:    0.5 SOL per 30 d, also spent by keeper"),
        "{hub}"
    );

    // Settled once per period; the next one tops up what was spent, no more.
    cli.refused(
        &ana,
        &["node", "settle", "lisbon"],
        "settled for this period already",
    );
    warp(30 * 86_400).await;
    let settled = cli.ok(&ana, &["node", "settle", "lisbon"]);
    assert!(
        settled.stdout.contains("0.3 SOL from the treasury"),
        "{}",
        settled.stdout
    );

    // Ended: its vault goes back to the treasury at once, and nothing more is spent.
    cli.ok(
        &ana,
        &[
            "proposal",
            "create",
            "--title",
            "End",
            "end-node-budget",
            "--code",
            "lisbon",
        ],
    );
    let ended = pass("1").await;
    assert!(
        ended.stdout.contains("vault is back in the treasury"),
        "{}",
        ended.stdout
    );
    cli.refused(
        &door,
        &[
            "node", "spend", "lisbon", "0.1", "--to", &shop, "--memo", "late",
        ],
        "has no budget",
    );
    // Its history still tells what happened.
    let past = cli.json(&ana, &["node", "budget", "lisbon"]);
    let kinds: Vec<&str> = past["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[..3], ["closed", "ended", "settled"], "{past}");
    let text = cli.ok(&ana, &["node", "budget", "lisbon"]).stdout;
    assert!(text.contains("has no budget now"), "{text}");

    // The report counts the budget both ways and still reconciles with the treasury.
    let report = cli.json(&ana, &["treasury", "report"]);
    let hub_budget = |way: &str| {
        report["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["kind"] == "hubBudget" && t["direction"] == way)
            .map(|t| {
                t["amount"]["amount"]
                    .as_str()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
    };
    assert_eq!(
        hub_budget("out"),
        Some(800_000_000),
        "0.5 then 0.3 in: {report}"
    );
    assert!(
        hub_budget("in").is_some_and(|back| back > 500_000_000),
        "the 0.5 in the vault, its reserve and the budget's rent: {report}"
    );
    let treasury = client
        .rpc()
        .get_balance(&pda::treasury(&PROGRAM_ID, &pda::society(&PROGRAM_ID, "Solar").0).0)
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_budget_waits_for_the_treasury_to_hold_the_token_then_pays_in_it() {
    let local = Local::start().await;
    let client = &local.client;
    let (founder_keypair, founder) = local.wallet("founder").await;
    let (door_keypair, door) = local.wallet("door").await;
    let (shop_keypair, _) = local.wallet("shop").await;
    let shop = shop_keypair.pubkey().to_string();
    let me = founder_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    let founded = cli.found(&founder, &["--voting-period", "1h", "--timelock", "0s"]);
    assert!(founded.ok, "{}", founded.stderr);
    let door_key = door_keypair.pubkey().to_string();
    cli.register_hub(&founder, "lisbon", &door_key);
    cli.ok(
        &founder,
        &[
            "treasury",
            "create-token",
            "--transferable",
            "--decimals",
            "2",
        ],
    );
    let mint = cli.json(&founder, &["society", "show"])["contributionMint"]
        .as_str()
        .unwrap()
        .to_string();
    let pass = async |index: &str| {
        cli.ok(&founder, &["proposal", "vote", index, "yes"]);
        local.warp(3_601).await;
        cli.ok(&founder, &["proposal", "finalize", index]);
        local.warp(1).await;
        cli.ok(&founder, &["proposal", "execute", index])
    };
    cli.ok(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Work",
            "mint-contribution",
            "--to",
            &me,
            "--amount",
            "1000",
        ],
    );
    pass("0").await;

    // Granted before the treasury holds any of the token: executed, not funded, and said so.
    cli.ok(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Bulbs",
            "set-node-budget",
            "--code",
            "lisbon",
            "--allowance",
            "20",
            "--mint",
            &mint,
            "--period",
            "7d",
        ],
    );
    let executed = pass("1").await;
    assert!(
        executed.stdout.contains("the treasury holds no"),
        "{}",
        executed.stdout
    );
    cli.refused(
        &founder,
        &["node", "settle", "lisbon"],
        "deposit some first",
    );
    cli.ok(&founder, &["treasury", "deposit-token", &mint, "500"]);
    let settled = cli.ok(&founder, &["node", "settle", "lisbon"]);
    assert!(
        settled.stdout.contains("20 from the treasury"),
        "{}",
        settled.stdout
    );

    // Paid in the token, to a wallet that had no account of it yet.
    let spent = cli.json(
        &door,
        &[
            "node", "spend", "lisbon", "12.5", "--to", &shop, "--memo", "bulbs",
        ],
    );
    assert_eq!(spent["amount"]["amount"], "1250");
    assert_eq!(spent["mint"], mint.as_str());
    let shop_token = netstate_client::instructions::associated_token_address(
        &shop_keypair.pubkey(),
        &mint.parse().unwrap(),
        &anchor_spl::token::ID,
    );
    let held = client
        .rpc()
        .get_token_account_balance(&shop_token)
        .await
        .unwrap();
    assert_eq!(held.amount, "1250");
    cli.refused(
        &door,
        &[
            "node", "spend", "lisbon", "8", "--to", &shop, "--memo", "more",
        ],
        "can spend 7.5 more this period",
    );
    let shown = cli.json(&founder, &["node", "budget", "lisbon"]);
    assert_eq!(shown["asset"], mint.as_str());
    assert_eq!(shown["vaultBalance"]["uiAmountString"], "7.5");
    let report = cli.json(&founder, &["treasury", "report"]);
    let out = report["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "hubBudget" && t["asset"] == mint.as_str())
        .map(|t| t["amount"]["amount"].clone());
    assert_eq!(out, Some(serde_json::json!("2000")), "{report}");
}
