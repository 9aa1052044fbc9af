//! A society of 10 000 members or more, as the CLI lists it: the first page in wallet order
//! from a cursor, and `member list --all` streamed in wallet order a hundred at a time (never
//! holding a list of the society), every member once, in JSON and as a table.

mod common;

use common::Local;
use netstate_client::prelude::Pubkey;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_society_is_listed_by_wallet_and_streamed_whole() {
    const NAME: &str = "Many";
    let local = Local::start().await;
    let (founder, founder_key) = local.wallet("founder").await;
    let cli = local.cli(NAME);
    cli.found(&founder_key, &[]);
    let society = netstate_client::pda::society(&netstate_client::PROGRAM_ID, NAME).0;
    let added = netstate_client::accounts::LARGE_SOCIETY as usize + 149;
    let wallets = netstate_testkit::add_citizens(&local.node, &local.client, &society, added).await;
    let mut by_wallet: Vec<Pubkey> = wallets.clone();
    by_wallet.push(solana_signer::Signer::pubkey(&founder));
    by_wallet.sort();
    let listed = |rows: &serde_json::Value| -> Vec<Pubkey> {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["wallet"].as_str().unwrap().parse().unwrap())
            .collect()
    };

    // The first page: the lowest hundred wallets.
    let page = cli.json(&founder_key, &["member", "list"]);
    assert_eq!(listed(&page), by_wallet[..100]);

    // Everything, streamed: every member once, in wallet order.
    let all = cli.json(&founder_key, &["member", "list", "--all"]);
    assert_eq!(listed(&all), by_wallet);
    let text = cli.ok(&founder_key, &["member", "list", "--all"]).stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), by_wallet.len() + 1, "a header and a row each");
    assert!(lines[0].starts_with("HANDLE"), "{}", lines[0]);
    assert!(lines[1].contains(&by_wallet[0].to_string()), "{}", lines[1]);
    assert!(
        lines[by_wallet.len()].contains(&by_wallet[by_wallet.len() - 1].to_string()),
        "{}",
        lines[by_wallet.len()]
    );
    local.node.stop().await;
}
