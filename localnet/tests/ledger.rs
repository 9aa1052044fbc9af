//! The ledger on disk: state survives a restart, one node per directory, and foreign or
//! corrupt directories get clear errors, never a panic or an overwrite.

mod common;

use anchor_lang::AccountDeserialize;
use common::*;
use netstate_client::{Society, pda};
use netstate_localnet::{EngineConfig, EngineError, LedgerError, Localnet, StartError};
use solana_signer::Signer;

fn at(dir: &std::path::Path) -> EngineConfig {
    EngineConfig {
        ledger: Some(dir.to_path_buf()),
        ..Default::default()
    }
}

fn ledger_error(result: Result<Localnet, StartError>) -> LedgerError {
    match result {
        Err(StartError::Engine(EngineError::Ledger(e))) => e,
        Err(other) => panic!("expected a ledger error, got {other}"),
        Ok(_) => panic!("expected a ledger error, the node started"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_and_history_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let n = Node::start(at(dir.path())).await;
    let (founder, society) = society(&n, "Solar").await;
    let balance = n.rpc.get_balance(&founder.pubkey()).await.unwrap();
    let slot = n.rpc.get_slot().await.unwrap();
    let sig = n
        .send(
            &[anchor_lang::solana_program::system_instruction::transfer(
                &founder.pubkey(),
                &society,
                1_000,
            )],
            &[&founder],
        )
        .await;
    let warp = raw_post(
        &n.node.url(),
        r#"{"jsonrpc":"2.0","id":1,"method":"netstate_warpClock","params":[3600]}"#,
    );
    assert!(warp.contains("unixTimestamp"));
    n.stop().await;

    let n = Node::start(at(dir.path())).await;
    let data = n.rpc.get_account_data(&society).await.unwrap();
    assert_eq!(
        Society::try_deserialize(&mut data.as_slice()).unwrap().name,
        "Solar"
    );
    assert_eq!(
        n.rpc.get_balance(&founder.pubkey()).await.unwrap(),
        balance - 1_000 - 5_000
    );
    assert!(n.rpc.get_slot().await.unwrap() > slot);
    let status = n.rpc.get_signature_statuses(&[sig]).await.unwrap().value;
    assert!(status[0].as_ref().is_some_and(|s| s.err.is_none()));
    // The warp is kept: the clock is still an hour ahead of wall time.
    let clock = n
        .rpc
        .get_account_data(
            &"SysvarC1ock11111111111111111111111111111111"
                .parse()
                .unwrap(),
        )
        .await
        .unwrap();
    let clock: anchor_lang::prelude::Clock = bincode::deserialize(&clock).unwrap();
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        clock.unix_timestamp - wall >= 3_590,
        "offset lost: {}",
        clock.unix_timestamp - wall
    );
    // And the same transaction cannot be replayed after the restart.
    assert!(pda::society("Solar").0 == society);
    n.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_node_on_the_same_ledger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = Node::start(at(dir.path())).await;
    let error = ledger_error(Localnet::start(at(dir.path()), 0).await);
    assert!(matches!(error, LedgerError::InUse(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("in use by another netstate node")
    );
    // The first node is unaffected.
    assert!(first.rpc.get_slot().await.is_ok());
    first.stop().await;
    // Once it stops, the ledger opens again.
    Node::start(at(dir.path())).await.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_directory_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let error = ledger_error(Localnet::start(at(dir.path()), 0).await);
    assert!(matches!(error, LedgerError::Foreign(_)), "{error}");
    let reset = EngineConfig {
        reset: true,
        ..at(dir.path())
    };
    assert!(matches!(
        ledger_error(Localnet::start(reset, 0).await),
        LedgerError::Foreign(_)
    ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_or_foreign_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(netstate_localnet::ledger::LEDGER_FILE);
    std::fs::write(&file, b"this is not a database at all, just bytes").unwrap();
    let error = ledger_error(Localnet::start(at(dir.path()), 0).await);
    assert!(matches!(error, LedgerError::Corrupt { .. }), "{error}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"this is not a database at all, just bytes"
    );

    // A valid redb database that is not a netstate ledger.
    std::fs::remove_file(&file).unwrap();
    {
        let db = redb::Database::create(&file).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(redb::TableDefinition::<&str, &str>::new("other"))
            .unwrap();
        txn.commit().unwrap();
    }
    let error = ledger_error(Localnet::start(at(dir.path()), 0).await);
    assert!(matches!(error, LedgerError::WrongFormat { .. }), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_starts_from_genesis() {
    let dir = tempfile::tempdir().unwrap();
    let n = Node::start(at(dir.path())).await;
    let (_, society) = society(&n, "Solar").await;
    n.stop().await;
    let n = Node::start(EngineConfig {
        reset: true,
        ..at(dir.path())
    })
    .await;
    assert!(n.rpc.get_account(&society).await.is_err());
    n.stop().await;
}
