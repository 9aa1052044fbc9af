//! The earned share from the command line: a non-transferable contribution token by
//! default, grants at once and vesting (`treasury release`), `member exit` quoting before it
//! sends and holding a yes-voter until the payment is final, `treasury show` with the exit
//! basket, and the mistakes people make.

mod common;

use common::Local;
use netstate_client::PROGRAM_ID;
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_earn_a_share_and_exit_with_it_from_the_command_line() {
    let local = Local::start().await;
    let client = &local.client;
    let (_, founder) = local.wallet("founder").await;
    let (ana_keypair, ana) = local.wallet("ana").await;
    let (bob_keypair, bob) = local.wallet("bob").await;
    let ana_wallet = ana_keypair.pubkey().to_string();
    let bob_wallet = bob_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    let warp = |secs: i64| local.warp(secs);
    let founded = cli.found(&founder, &["--voting-period", "1h", "--timelock", "0s"]);
    assert!(founded.ok, "{}", founded.stderr);
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);
    cli.ok(&bob, &["member", "apply", "--handle", "bob"]);
    cli.refused(&ana, &["member", "exit"], "no contribution token");
    cli.ok(&founder, &["treasury", "create-token"]);
    cli.ok(&founder, &["treasury", "deposit", "10"]);

    // Every citizen votes yes on proposal `index`, it is finalized and, a slot later (never
    // in its creation's slot), executed.
    let pass = async |index: &str| {
        for key in [&founder, &ana, &bob] {
            cli.ok(key, &["proposal", "vote", index, "yes"]);
        }
        cli.ok(&founder, &["proposal", "finalize", index]);
        warp(1).await;
        cli.ok(&founder, &["proposal", "execute", index]);
    };
    let grant = |title: &str, to: &str, amount: &str, vesting: Option<&str>| {
        let mut args = vec![
            "proposal",
            "create",
            "--title",
            title,
            "mint-contribution",
            "--to",
            to,
            "--amount",
            amount,
        ];
        if let Some(v) = vesting {
            args.extend_from_slice(&["--vesting", v]);
        }
        cli.ok(&founder, &args);
    };
    cli.refused(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Too long",
            "mint-contribution",
            "--to",
            &ana_wallet,
            "--amount",
            "1",
            "--vesting",
            "5000d",
        ],
        "--vesting",
    );
    grant("Ana's work", &ana_wallet, "60", None);
    pass("0").await;
    grant("Bob's work", &bob_wallet, "40", Some("10d"));
    pass("1").await;

    // A quote first: nothing is sent without --yes.
    let quote = cli.json(&ana, &["member", "exit", "30"]);
    assert_eq!(quote["amount"]["uiAmountString"], "30");
    assert_eq!(
        quote["supply"]["uiAmountString"], "60",
        "bob's grant is not vested"
    );
    let sol = &quote["assets"][0];
    assert_eq!(sol["asset"], "SOL");
    let paid: u64 = sol["paid"]["amount"].as_str().unwrap().parse().unwrap();
    let free: u64 = sol["free"]["amount"].as_str().unwrap().parse().unwrap();
    assert_eq!(paid, free / 2);
    let text = cli.ok(&ana, &["member", "exit", "30"]);
    assert!(text.stdout.contains("Nothing was sent"), "{}", text.stdout);
    let again = cli.json(&ana, &["member", "exit", "30"]);
    assert_eq!(again["assets"][0]["paid"], quote["assets"][0]["paid"]);
    cli.refused(&ana, &["member", "exit", "61", "--yes"], "at most your 60");
    cli.refused(&ana, &["member", "exit", "abc"], "not an amount: \"abc\"");

    // Bob's grant vests: nothing yet to exit with, then a release.
    cli.refused(&bob, &["member", "exit"], "1 grant(s) to you still vest");
    warp(86_400 + 1).await;
    let released = cli.json(&bob, &["treasury", "release"]);
    assert_eq!(released["grants"][0][1]["uiAmountString"], "4");
    let released = cli.json(&bob, &["treasury", "release"]);
    assert_eq!(
        released["grants"].as_array().unwrap().len(),
        0,
        "{released}"
    );

    // A payment ana votes for holds her exit until it is final and her vote is closed.
    cli.ok(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Pay",
            "transfer-sol",
            "--to",
            &bob_wallet,
            "--amount",
            "1",
        ],
    );
    cli.ok(&ana, &["proposal", "vote", "2", "yes"]);
    cli.refused(&ana, &["member", "exit", "10", "--yes"], "held");
    cli.ok(&founder, &["proposal", "vote", "2", "yes"]);
    cli.ok(&bob, &["proposal", "vote", "2", "yes"]);
    cli.ok(&founder, &["proposal", "finalize", "2"]);
    warp(1).await;
    cli.ok(&founder, &["proposal", "execute", "2"]);
    let before = client
        .rpc()
        .get_balance(&ana_keypair.pubkey())
        .await
        .unwrap();
    // The payment filled half the week's rails (20% of 10 SOL): 10 of 64 tokens would take
    // about 1.4 SOL, more than the 1 SOL they still let out. The quote says so and what
    // fits; --yes is refused by name and sends nothing.
    let quote = cli.json(&ana, &["member", "exit", "10"]);
    assert_eq!(quote["assets"][0]["overRails"], true, "{quote}");
    let room: u64 = quote["assets"][0]["room"]["amount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(room > 990_000_000 && room <= 1_000_000_000, "{quote}");
    let within = quote["withinRails"]["uiAmountString"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(within, "7", "1 SOL of 9 free is 7.1 of 64 tokens: {quote}");
    let text = cli.ok(&ana, &["member", "exit", "10"]);
    assert!(
        text.stdout.contains("let out only 1 SOL now")
            && text.stdout.contains("exit at most 7 tokens now"),
        "{}",
        text.stdout
    );
    let refused = cli.run(&ana, &["member", "exit", "10", "--yes", "--output", "json"]);
    assert!(!refused.ok);
    let error = refused.json()["error"].clone();
    assert_eq!(error["name"], "OutflowCapExceeded", "{error}");
    let unchanged = cli.json(&ana, &["member", "exit", "10"]);
    assert_eq!(unchanged["balance"], quote["balance"]);
    assert_eq!(unchanged["assets"][0]["held"], quote["assets"][0]["held"]);
    let exited = cli.json(&ana, &["member", "exit", &within, "--yes"]);
    assert_eq!(exited["votesClosed"], 1);
    assert_eq!(exited["burnt"]["uiAmountString"], "7");
    let got: u64 = exited["received"][0][1]["amount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(got > 0);
    let after = client
        .rpc()
        .get_balance(&ana_keypair.pubkey())
        .await
        .unwrap();
    assert!(after > before, "paid more than the fees");

    // The report counts the exit, the grant and the deposit, and reconciles with the treasury.
    let report = cli.json(&ana, &["treasury", "report"]);
    let total = |kind: &str, way: &str| -> u64 {
        report["totals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["asset"] == "SOL" && t["kind"] == kind && t["direction"] == way)
            .map(|t| {
                t["amount"]["amount"]
                    .as_str()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
            .sum()
    };
    assert_eq!(total("exit", "out"), got);
    assert_eq!(total("grant", "out"), 1_000_000_000);
    assert_eq!(total("deposit", "in"), 10_000_000_000);
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

    // The treasury shows the basket and what one token is worth.
    let shown = cli.ok(&ana, &["treasury", "show"]);
    assert!(shown.stdout.contains("Exit basket"), "{}", shown.stdout);
    let shown = cli.json(&ana, &["treasury", "show"]);
    assert_eq!(shown["exitBasket"]["assets"][0]["asset"], "SOL");
    // The contribution token cannot be in its own basket.
    let mint = shown["exitBasket"]["token"].as_str().unwrap().to_string();
    cli.refused(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Basket",
            "set-exit-basket",
            "--mint",
            &mint,
        ],
        "contribution token",
    );
}

/// A basket asset whose treasury account its issuer froze: the quote says so, an exit is
/// refused by name and says how to go on, and `--skip-frozen` exits with the rest, the
/// frozen asset's share staying in the treasury.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frozen_basket_asset_is_named_and_forgone_only_when_asked() {
    use anchor_spl::token_2022::ID as TOKEN_2022;
    use spl_token_2022_interface::instruction as token_ix;
    let local = Local::start().await;
    let client = &local.client;
    let (_, founder) = local.wallet("founder").await;
    let (ana_keypair, ana) = local.wallet("ana").await;
    let (issuer, _) = local.wallet("issuer").await;
    let ana_wallet = ana_keypair.pubkey().to_string();
    let cli = local.cli("Solar");
    let founded = cli.found(&founder, &["--voting-period", "1h", "--timelock", "0s"]);
    assert!(founded.ok, "{}", founded.stderr);
    cli.ok(&ana, &["member", "apply", "--handle", "ana"]);
    cli.ok(&founder, &["treasury", "create-token"]);
    cli.ok(&founder, &["treasury", "deposit", "10"]);
    let pass = async |index: &str| {
        for key in [&founder, &ana] {
            cli.ok(key, &["proposal", "vote", index, "yes"]);
        }
        cli.ok(&founder, &["proposal", "finalize", index]);
        local.warp(1).await;
        cli.ok(&founder, &["proposal", "execute", index]);
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
            &ana_wallet,
            "--amount",
            "60",
        ],
    );
    pass("0").await;

    // A Token-2022 mint with a freeze authority (as USDC has), 1 000 of it in the treasury.
    let usdc = solana_keypair::Keypair::new();
    let rent = client
        .rpc()
        .get_minimum_balance_for_rent_exemption(82)
        .await
        .unwrap();
    let treasury = netstate_client::pda::treasury(
        &PROGRAM_ID,
        &netstate_client::pda::society(&PROGRAM_ID, "Solar").0,
    )
    .0;
    let vault = anchor_spl::associated_token::get_associated_token_address_with_program_id(
        &treasury,
        &usdc.pubkey(),
        &TOKEN_2022,
    );
    client
        .send(
            &[
                solana_system_interface::instruction::create_account(
                    &issuer.pubkey(),
                    &usdc.pubkey(),
                    rent,
                    82,
                    &TOKEN_2022,
                ),
                token_ix::initialize_mint2(
                    &TOKEN_2022,
                    &usdc.pubkey(),
                    &issuer.pubkey(),
                    Some(&issuer.pubkey()),
                    6,
                )
                .unwrap(),
                spl_associated_token_account_interface::instruction::create_associated_token_account_idempotent(
                    &issuer.pubkey(),
                    &treasury,
                    &usdc.pubkey(),
                    &TOKEN_2022,
                ),
                token_ix::mint_to(&TOKEN_2022, &usdc.pubkey(), &vault, &issuer.pubkey(), &[], 1_000)
                    .unwrap(),
            ],
            &issuer,
            &[&usdc],
        )
        .await
        .unwrap();
    let usdc_text = usdc.pubkey().to_string();
    cli.ok(
        &founder,
        &[
            "proposal",
            "create",
            "--title",
            "Basket",
            "set-exit-basket",
            "--mint",
            &usdc_text,
        ],
    );
    pass("1").await;
    client
        .send(
            &[
                token_ix::freeze_account(
                    &TOKEN_2022,
                    &vault,
                    &usdc.pubkey(),
                    &issuer.pubkey(),
                    &[],
                )
                .unwrap(),
            ],
            &issuer,
            &[],
        )
        .await
        .unwrap();

    let quote = cli.ok(&ana, &["member", "exit", "10"]);
    assert!(
        quote.stdout.contains("frozen by its issuer"),
        "{}",
        quote.stdout
    );
    let refused = cli.run(&ana, &["member", "exit", "10", "--yes", "--output", "json"]);
    assert!(!refused.ok);
    let error = refused.json()["error"].clone();
    assert_eq!(error["name"], "BasketAssetFrozen", "{error}");
    assert!(
        error["hint"].as_str().unwrap().contains("--skip-frozen"),
        "{error}"
    );
    let exited = cli.json(&ana, &["member", "exit", "10", "--yes", "--skip-frozen"]);
    assert_eq!(exited["burnt"]["uiAmountString"], "10", "{exited}");
    let held = client
        .rpc()
        .get_token_account_balance(&vault)
        .await
        .unwrap();
    assert_eq!(held.amount, "1000");
}
