//! Hubs written in the first layout, as an older release left them on a ledger: the first
//! command that needs one upgrades it on the way (paid by its signer), `society upgrade` does
//! the rest at once, and says so when nothing is left.

mod common;

use anchor_lang::AnchorSerialize;
use common::Local;
use netstate::state::layouts::NodeV1;
use netstate_client::{Node, pda};
use solana_account::ReadableAccount;
use solana_signer::Signer;

/// Rewrites the hub at `address` in the node as layout 1 left it: the same fields, without
/// the two layout 2 added, in an account of the first layout's size.
async fn downgrade(local: &Local, address: anchor_lang::prelude::Pubkey) {
    let node: Node = local.client.account(&address).await.unwrap();
    let old = NodeV1::of(&node);
    local
        .node
        .engine()
        .call(move |engine| {
            let mut account = engine.account(&address).expect("the hub exists");
            let mut data = <Node as anchor_lang::Discriminator>::DISCRIMINATOR.to_vec();
            old.serialize(&mut data).expect("encodes");
            // Layout 1's size: 8 bytes fewer than layout 2's.
            data.resize(account.data().len() - 8, 0);
            account.set_data_from_slice(&data);
            engine.set_account(address, account).map_err(|e| {
                jsonrpsee::types::ErrorObjectOwned::owned::<()>(-32000, e.to_string(), None)
            })
        })
        .await
        .expect("written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_hubs_are_upgraded_by_the_first_command_that_needs_them_or_all_at_once() {
    let local = Local::start().await;
    let (_, founder) = local.wallet("founder").await;
    let (door, door_key) = local.wallet("door").await;
    let cli = local.cli("Old Hubs");
    assert!(cli.found(&founder, &[]).ok);
    let door_address = door.pubkey().to_string();
    cli.register_hub(&founder, "lisbon", &door_address);
    cli.register_hub(&founder, "porto", &door_address);
    let society = pda::society(&netstate_client::PROGRAM_ID, "Old Hubs").0;
    let lisbon = pda::node(&netstate_client::PROGRAM_ID, &society, "lisbon").0;
    let porto = pda::node(&netstate_client::PROGRAM_ID, &society, "porto").0;
    for hub in [lisbon, porto] {
        downgrade(&local, hub).await;
    }
    // The client reads a hub of either layout: `node show` still works.
    let shown = cli.json(&founder, &["node", "show", "lisbon"]);
    assert_eq!(shown["code"], "lisbon", "{shown}");
    let old: Node = local.client.account(&lisbon).await.unwrap();
    assert_eq!(old.version, 1);

    // A check-in at Lisbon upgrades the hub first, in the same transaction, and lands.
    cli.ok(
        &founder,
        &["check-in", "lisbon", "--operator-keypair", &door_key],
    );
    let lisbon_now: Node = local.client.account(&lisbon).await.unwrap();
    assert_eq!(
        (
            lisbon_now.version,
            lisbon_now.latest_day_present,
            lisbon_now.check_in_count
        ),
        (Node::LAYOUT_VERSION, 1, 1)
    );
    let raw = local.client.rpc().get_account(&lisbon).await.unwrap();
    assert_eq!(raw.data.len(), 8 + <Node as anchor_lang::Space>::INIT_SPACE);

    // `society upgrade` does the rest, then has nothing left to do.
    let upgraded = cli.json(&founder, &["society", "upgrade"]);
    let list = upgraded["upgraded"].as_array().expect("a list");
    assert_eq!(list.len(), 1, "{upgraded}");
    assert_eq!(list[0]["address"], porto.to_string());
    assert_eq!(
        (
            list[0]["fromVersion"].as_u64(),
            list[0]["toVersion"].as_u64()
        ),
        (Some(1), Some(u64::from(Node::LAYOUT_VERSION)))
    );
    let again = cli.ok(&founder, &["society", "upgrade"]);
    assert!(
        again.stdout.contains("nothing to upgrade"),
        "{}",
        again.stdout
    );
    let porto_now: Node = local.client.account(&porto).await.unwrap();
    assert_eq!(porto_now.version, Node::LAYOUT_VERSION);

    // Without a society there is nothing to upgrade, and it says which is missing.
    local.cli("Nowhere").refused(
        &founder,
        &["society", "upgrade"],
        "no society named \"Nowhere\"",
    );
}
