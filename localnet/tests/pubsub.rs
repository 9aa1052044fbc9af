//! The websocket API, through Agave's own client for it (`solana-pubsub-client`): what
//! web3.js's `confirmTransaction`, Anchor's `.rpc()` and wallets wait on.

mod common;

use std::time::Duration;

use anchor_lang::solana_program::pubkey::Pubkey;
use common::{Node, society_args};
use futures_util::StreamExt;
use netstate_client::PROGRAM_ID;
use netstate_localnet::server::{MAX_SUBSCRIPTIONS_PER_CONNECTION, Ports};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_pubsub_client::nonblocking::pubsub_client::{PubsubClient, PubsubClientError};
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSignatureSubscribeConfig,
    RpcTransactionLogsConfig, RpcTransactionLogsFilter,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_rpc_client_types::response::{
    ProcessedSignatureResult, ReceivedSignatureResult, RpcSignatureResult,
};
use solana_signer::Signer;

/// Waits for the next item of `stream`, failing the test after 10 s.
async fn next<T>(stream: &mut (impl futures_util::Stream<Item = T> + Unpin)) -> T {
    tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .expect("a notification within 10 s")
        .expect("the subscription is open")
}

#[test]
fn the_websocket_api_is_on_the_next_port_as_validators_serve_it() {
    assert_eq!(
        Ports::from(8899),
        Ports {
            rpc: 8899,
            ws: Some(8900)
        }
    );
    assert_eq!(Ports::from(0).ws, Some(0));
    assert_eq!(Ports::from(u16::MAX).ws, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standard_client_confirms_over_the_websocket_on_both_ports() {
    let n = Node::memory().await;
    let payer = n.wallet(2).await;
    for url in [n.node.ws_url(), n.node.url().replace("http", "ws")] {
        let pubsub = PubsubClient::new(&url).await.expect("connects");
        let to = Pubkey::new_unique();
        let tx = n
            .tx(
                &[solana_system_interface::instruction::transfer(
                    &payer.pubkey(),
                    &to,
                    1_000_000,
                )],
                &[&payer],
            )
            .await;
        let signature = tx.signatures[0];
        let config = RpcSignatureSubscribeConfig {
            commitment: None,
            enable_received_notification: Some(true),
        };
        let (mut updates, unsubscribe) = pubsub
            .signature_subscribe(&signature, Some(config))
            .await
            .expect("subscribes");
        n.rpc.send_transaction(&tx).await.expect("sent");
        let received = next(&mut updates).await;
        assert_eq!(
            received.value,
            RpcSignatureResult::ReceivedSignature(ReceivedSignatureResult::ReceivedSignature)
        );
        let processed = next(&mut updates).await;
        assert_eq!(
            processed.value,
            RpcSignatureResult::ProcessedSignature(ProcessedSignatureResult { err: None })
        );
        let landed = n
            .rpc
            .get_transaction(
                &signature,
                solana_transaction_status_client_types::UiTransactionEncoding::Base64,
            )
            .await
            .expect("the transaction is readable");
        assert_eq!(processed.context.slot, landed.slot);
        assert_eq!(n.rpc.get_balance(&to).await.unwrap(), 1_000_000);
        // The node ends the subscription after its one notification, as a validator does:
        // nothing more comes.
        assert!(
            tokio::time::timeout(Duration::from_secs(1), updates.next())
                .await
                .is_err()
        );
        unsubscribe().await;

        // Subscribing after it landed notifies at once.
        let (mut again, _) = pubsub
            .signature_subscribe(&signature, None)
            .await
            .expect("subscribes");
        assert_eq!(next(&mut again).await.value, processed.value);
    }
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_programs_logs_slots_and_roots_are_notified_as_agave_shapes_them() {
    let n = Node::memory().await;
    let pubsub = PubsubClient::new(&n.node.ws_url()).await.expect("connects");
    let founder = n.wallet(10).await;
    let society = netstate_client::pda::society(&PROGRAM_ID, "Subscribed").0;
    let base64 = RpcAccountInfoConfig {
        encoding: Some(UiAccountEncoding::Base64),
        ..Default::default()
    };
    let (mut account, _) = pubsub
        .account_subscribe(&society, Some(base64.clone()))
        .await
        .expect("account");
    let (mut program, _) = pubsub
        .program_subscribe(
            &PROGRAM_ID,
            Some(RpcProgramAccountsConfig {
                filters: Some(vec![RpcFilterType::Memcmp(
                    solana_rpc_client_types::filter::Memcmp::new_raw_bytes(
                        0,
                        <netstate::state::Society as anchor_lang::Discriminator>::DISCRIMINATOR
                            .to_vec(),
                    ),
                )]),
                account_config: base64.clone(),
                ..Default::default()
            }),
        )
        .await
        .expect("program");
    let (mut logs, _) = pubsub
        .logs_subscribe(
            RpcTransactionLogsFilter::Mentions(vec![founder.pubkey().to_string()]),
            RpcTransactionLogsConfig { commitment: None },
        )
        .await
        .expect("logs");
    let (mut slots, _) = pubsub.slot_subscribe().await.expect("slots");
    let (mut roots, _) = pubsub.root_subscribe().await.expect("roots");

    let signature = n
        .send(
            &[netstate_client::instructions::create_society(
                &PROGRAM_ID,
                &founder.pubkey(),
                society_args("Subscribed"),
            )],
            &[&founder],
        )
        .await;

    let written = next(&mut account).await;
    let stored = n.rpc.get_account(&society).await.expect("the society");
    assert_eq!(written.value.lamports, stored.lamports);
    assert_eq!(written.value.owner, PROGRAM_ID.to_string());
    assert_eq!(
        written.value.data.decode().expect("base64 data"),
        stored.data
    );

    // Only the Society passes the discriminator filter (not the member or the treasury).
    let keyed = next(&mut program).await;
    assert_eq!(keyed.value.pubkey, society.to_string());
    assert!(
        tokio::time::timeout(Duration::from_millis(500), program.next())
            .await
            .is_err(),
        "only accounts that pass the filters are notified"
    );

    let logged = next(&mut logs).await;
    assert_eq!(logged.value.signature, signature.to_string());
    assert_eq!(logged.value.err, None);
    assert_eq!(
        logged.value.logs[1],
        "Program log: Instruction: CreateSociety"
    );

    let first = next(&mut slots).await;
    let second = next(&mut slots).await;
    assert!(second.slot > first.slot);
    assert_eq!(second.parent, second.slot - 1);
    assert_eq!(second.root, second.slot);
    let root = next(&mut roots).await;
    assert!(root >= first.slot);
    n.stop().await;
}

/// The reason a refused subscription gives.
fn refusal(result: Result<impl Sized, PubsubClientError>) -> String {
    match result {
        Err(
            PubsubClientError::RequestFailed { reason, .. }
            | PubsubClientError::SubscribeFailed { reason, .. },
        ) => reason,
        Err(other) => panic!("another error: {other}"),
        Ok(_) => panic!("the subscription was accepted"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_subscriptions_are_refused_by_name_and_each_connection_has_a_bound() {
    let n = Node::memory().await;
    let pubsub = PubsubClient::new(&n.node.ws_url()).await.expect("connects");
    let two = RpcTransactionLogsFilter::Mentions(vec![
        Pubkey::new_unique().to_string(),
        Pubkey::new_unique().to_string(),
    ]);
    let reason = refusal(
        pubsub
            .logs_subscribe(two, RpcTransactionLogsConfig { commitment: None })
            .await,
    );
    assert!(reason.contains("Only 1 address supported"), "{reason}");
    let five = RpcProgramAccountsConfig {
        filters: Some(vec![RpcFilterType::DataSize(8); 5]),
        ..Default::default()
    };
    let reason = refusal(pubsub.program_subscribe(&PROGRAM_ID, Some(five)).await);
    assert!(
        reason.contains("Too many filters provided; max 4"),
        "{reason}"
    );

    let mut open = Vec::new();
    for _ in 0..MAX_SUBSCRIPTIONS_PER_CONNECTION {
        open.push(pubsub.root_subscribe().await.expect("within the bound"));
    }
    let reason = refusal(pubsub.root_subscribe().await);
    assert!(
        reason.contains("Too many subscriptions on the connection"),
        "{reason}"
    );
    // Another connection has its own bound.
    let other = PubsubClient::new(&n.node.ws_url()).await.expect("connects");
    let (mut roots, _) = other.root_subscribe().await.expect("a new connection");
    next(&mut roots).await;
    drop(open);
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_confirmed_before_a_restart_is_still_notified_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = || netstate_localnet::EngineConfig {
        ledger: Some(dir.path().join("ledger")),
        ..Default::default()
    };
    let n = Node::start(config()).await;
    let payer = n.wallet(1).await;
    let before = n
        .send(
            &[solana_system_interface::instruction::transfer(
                &payer.pubkey(),
                &Pubkey::new_unique(),
                1_000_000,
            )],
            &[&payer],
        )
        .await;
    n.stop().await;

    // The restarted node remembers nothing since its start: the engine answers.
    let n = Node::start(config()).await;
    let pubsub = PubsubClient::new(&n.node.ws_url()).await.expect("connects");
    let (mut updates, _) = pubsub
        .signature_subscribe(&before, None)
        .await
        .expect("subscribes");
    let landed = n
        .rpc
        .get_transaction(
            &before,
            solana_transaction_status_client_types::UiTransactionEncoding::Base64,
        )
        .await
        .unwrap();
    let notified = next(&mut updates).await;
    assert_eq!(notified.context.slot, landed.slot);
    assert_eq!(
        notified.value,
        RpcSignatureResult::ProcessedSignature(ProcessedSignatureResult { err: None })
    );
    // A signature that never landed is never notified.
    let (mut never, _) = pubsub
        .signature_subscribe(&solana_signature::Signature::from([9u8; 64]), None)
        .await
        .expect("subscribes");
    assert!(
        tokio::time::timeout(Duration::from_millis(800), never.next())
            .await
            .is_err()
    );
    n.stop().await;
}
