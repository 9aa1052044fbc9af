//! Priority fees from the command line: `--with-compute-unit-price` adds a compute unit limit
//! from a simulation and the price, and the fee charged is the validators' (limit × price on
//! top of the signature fee); `--priority auto` picks the price from
//! `getRecentPrioritizationFees`; the flags that cannot go together are named.

mod common;

use common::Local;
use netstate_client::NetstateClient;
use netstate_client::PROGRAM_ID;
use solana_signer::Signer;
use solana_transaction_status_client_types::{
    EncodedTransaction, UiMessage, UiTransactionEncoding,
};

/// The compute unit limit and price the newest transaction signed by `wallet` set (none when
/// it set none), and the fee it paid.
async fn newest_budget(
    client: &NetstateClient,
    wallet: &anchor_lang::prelude::Pubkey,
) -> (Option<u32>, Option<u64>, u64) {
    let rpc = client.rpc();
    let newest = rpc.get_signatures_for_address(wallet).await.unwrap();
    let signature = newest[0].signature.parse().unwrap();
    let tx = rpc
        .get_transaction(&signature, UiTransactionEncoding::Json)
        .await
        .unwrap();
    let EncodedTransaction::Json(ui) = &tx.transaction.transaction else {
        panic!("json");
    };
    let UiMessage::Raw(message) = &ui.message else {
        panic!("raw");
    };
    let (mut limit, mut price) = (None, None);
    for ix in &message.instructions {
        if message.account_keys[usize::from(ix.program_id_index)]
            != "ComputeBudget111111111111111111111111111111"
        {
            continue;
        }
        let data = bs58::decode(&ix.data).into_vec().unwrap();
        match data[0] {
            2 => limit = Some(u32::from_le_bytes(data[1..5].try_into().unwrap())),
            3 => price = Some(u64::from_le_bytes(data[1..9].try_into().unwrap())),
            _ => {}
        }
    }
    (limit, price, tx.transaction.meta.unwrap().fee)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_priority_fee_sets_a_simulated_limit_and_is_charged_as_validators_charge_it() {
    let local = Local::start().await;
    let client = &local.client;
    let (founder_keypair, founder) = local.wallet("founder").await;
    let (ana_keypair, ana) = local.wallet("ana").await;
    let cli = local.cli("Solar");

    // Without a price: no compute budget instructions, the signature fee alone.
    assert!(cli.found(&founder, &[]).ok);
    assert_eq!(
        newest_budget(client, &founder_keypair.pubkey()).await,
        (None, None, 5_000)
    );

    // (A slot of its own for what follows, so that the society's fee in it is ana's.)
    let slot = client.rpc().get_slot().await.unwrap();
    while client.rpc().get_slot().await.unwrap() <= slot {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // With one: a limit from the simulation (well under the default 200 000 per
    // instruction) and the price, charged on top.
    cli.ok(
        &ana,
        &[
            "member",
            "apply",
            "--handle",
            "ana",
            "--with-compute-unit-price",
            "250000",
        ],
    );
    let (limit, price, fee) = newest_budget(client, &ana_keypair.pubkey()).await;
    let limit = limit.expect("a compute unit limit");
    assert!((1_000..200_000).contains(&limit), "{limit}");
    assert_eq!(price, Some(250_000));
    assert_eq!(
        fee,
        5_000 + (u64::from(limit) * 250_000).div_ceil(1_000_000)
    );

    // Auto: the price the recent fees for the same accounts give.
    let society = netstate_client::pda::society(&PROGRAM_ID, "Solar").0;
    let accounts = [founder_keypair.pubkey(), society];
    let recent: Vec<u64> = client
        .rpc()
        .get_recent_prioritization_fees(&accounts)
        .await
        .unwrap()
        .iter()
        .map(|f| f.prioritization_fee)
        .collect();
    assert!(
        recent.contains(&250_000),
        "ana's apply wrote the society: {recent:?}"
    );
    cli.ok(
        &founder,
        &[
            "society",
            "set-dues",
            "--amount",
            "0.1",
            "--priority",
            "auto",
        ],
    );
    let (limit, price, _) = newest_budget(client, &founder_keypair.pubkey()).await;
    assert!(limit.is_some());
    let expected = netstate_client::fees::auto_price(&recent);
    assert_eq!(price.unwrap_or(0), expected);

    // What cannot go together.
    cli.refused(
        &founder,
        &[
            "society",
            "show",
            "--priority",
            "auto",
            "--with-compute-unit-price",
            "5",
        ],
        "cannot be used with",
    );
    cli.refused(
        &founder,
        &[
            "society",
            "renounce-steward",
            "--yes",
            "--priority",
            "auto",
            "--sign-only",
            "--blockhash",
            "11111111111111111111111111111111",
        ],
        "--priority auto picks a price at sending time",
    );
    cli.refused(
        &founder,
        &["society", "show", "--priority", "high"],
        "invalid value 'high'",
    );
}
