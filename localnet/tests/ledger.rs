//! The ledger on disk: state survives a restart, one node per directory, and foreign or
//! corrupt directories get clear errors, never a panic or an overwrite.

mod common;

use anchor_lang::AccountDeserialize;
use anchor_lang::solana_program::pubkey::Pubkey;
use common::*;
use netstate_client::PROGRAM_ID;
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
    assert!(pda::society(&PROGRAM_ID, "Solar").0 == society);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_to_accounts_loaded_through_a_lookup_table_survive_a_restart() {
    use solana_address_lookup_table_interface::instruction as alt;
    use solana_message::{VersionedMessage, v0};
    use solana_transaction::versioned::VersionedTransaction;

    let dir = tempfile::tempdir().unwrap();
    let n = Node::start(at(dir.path())).await;
    let payer = n.wallet(10).await;
    let recipient = solana_keypair::Keypair::new().pubkey();
    let recent_slot = n.rpc.get_slot().await.unwrap().saturating_sub(1);
    let (create, table) = alt::create_lookup_table(payer.pubkey(), payer.pubkey(), recent_slot);
    let extend =
        alt::extend_lookup_table(table, payer.pubkey(), Some(payer.pubkey()), vec![recipient]);
    n.send(&[create, extend], &[&payer]).await;
    // Addresses added in a slot are usable from the next one.
    let extended_at = n.rpc.get_slot().await.unwrap();
    while n.rpc.get_slot().await.unwrap() <= extended_at {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let lookup = solana_message::AddressLookupTableAccount {
        key: table,
        addresses: vec![recipient],
    };
    let transfer = anchor_lang::solana_program::system_instruction::transfer(
        &payer.pubkey(),
        &recipient,
        2_000_000,
    );
    let blockhash = n.rpc.get_latest_blockhash().await.unwrap();
    let message =
        v0::Message::try_compile(&payer.pubkey(), &[transfer], &[lookup], blockhash).unwrap();
    assert_eq!(
        message.address_table_lookups[0].writable_indexes,
        vec![0],
        "the recipient is loaded through the table, writable"
    );
    let tx = VersionedTransaction::try_new(VersionedMessage::V0(message), &[&payer]).unwrap();
    n.rpc.send_and_confirm_transaction(&tx).await.unwrap();
    assert_eq!(n.rpc.get_balance(&recipient).await.unwrap(), 2_000_000);
    n.stop().await;

    let n = Node::start(at(dir.path())).await;
    assert_eq!(
        n.rpc.get_balance(&recipient).await.unwrap(),
        2_000_000,
        "a confirmed write through a lookup table is kept"
    );
    n.stop().await;
}

/// Accounts in the ledger holding at least a million SOL: the faucet, and nothing else.
fn faucets(dir: &std::path::Path) -> usize {
    let (ledger, _) = netstate_localnet::ledger::Ledger::open(dir, false).unwrap();
    ledger
        .load_accounts()
        .unwrap()
        .iter()
        .filter(|(_, account)| {
            solana_account::ReadableAccount::lamports(account) >= 1_000_000 * 1_000_000_000
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_faucet_per_ledger_and_a_slot_that_never_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut last_slot = 0;
    for start in 0..4 {
        let n = Node::start(at(dir.path())).await;
        let slot = n.rpc.get_slot().await.unwrap();
        assert!(
            slot > last_slot || start == 0,
            "start {start}: slot {slot} after {last_slot}"
        );
        // Airdrops come from the same faucet every time.
        n.wallet(1).await;
        // Let the slot run ahead of anything a transaction persisted.
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        last_slot = n.rpc.get_slot().await.unwrap();
        n.stop().await;
        assert_eq!(faucets(dir.path()), 1, "after start {start}");
    }
}

/// A blockhash handed out just before a clean stop is still valid after the next start, as
/// it is for the next netstate command on the embedded ledger: a transaction signed on it
/// (offline co-signing: `wallet blockhash`, `--sign-only`, then send) lands. The slot still
/// moves forward.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blockhash_from_before_a_clean_stop_still_lands() {
    let dir = tempfile::tempdir().unwrap();
    let n = Node::start(at(dir.path())).await;
    let payer = n.wallet(1).await;
    let hash = n.rpc.get_latest_blockhash().await.unwrap();
    let slot = n.rpc.get_slot().await.unwrap();
    n.stop().await;

    let n = Node::start(at(dir.path())).await;
    assert!(n.rpc.get_slot().await.unwrap() > slot);
    assert!(
        n.rpc
            .is_blockhash_valid(&hash, n.rpc.commitment())
            .await
            .unwrap()
    );
    let tx = solana_transaction::Transaction::new_signed_with_payer(
        &[anchor_lang::solana_program::system_instruction::transfer(
            &payer.pubkey(),
            &Pubkey::new_unique(),
            1_000_000,
        )],
        Some(&payer.pubkey()),
        &[&payer],
        hash,
    );
    n.rpc.send_and_confirm_transaction(&tx).await.unwrap();
    // One that never existed is still refused.
    assert!(
        !n.rpc
            .is_blockhash_valid(&solana_hash::Hash::new_unique(), n.rpc.commitment())
            .await
            .unwrap()
    );
    n.stop().await;
}

/// Opens a ledger whose file was damaged by `damage`. It must be refused with the named
/// corrupt-ledger error, or open with exactly the accounts it held (the damage fell in
/// unused space); it must never panic and never return different data.
fn open_damaged(damage: impl FnOnce(&std::path::Path)) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    {
        let (ledger, _) = netstate_localnet::ledger::Ledger::open(dir.path(), false).unwrap();
        let state = netstate_localnet::ledger::NodeState {
            genesis_id: [9; 32],
            slot: 7,
            clock_offset_secs: 0,
            transaction_count: 1,
        };
        for i in 0..20u8 {
            let mut account = solana_account::AccountSharedData::new(
                5 + u64::from(i),
                100,
                &Pubkey::new_unique(),
            );
            solana_account::WritableAccount::data_as_mut_slice(&mut account).fill(i);
            let address = Pubkey::new_unique();
            ledger
                .commit(&[(address, Some(account.clone()))], None, &state)
                .unwrap();
            written.push((address, account));
        }
    }
    written.sort_by_key(|(address, _)| *address);
    let file = dir.path().join(netstate_localnet::ledger::LEDGER_FILE);
    damage(&file);
    let opened = std::panic::catch_unwind(|| {
        netstate_localnet::ledger::Ledger::open(dir.path(), false)
            .and_then(|(ledger, _)| ledger.load_accounts())
    })
    .map_err(|_| format!("panicked on {}", file.display()))?;
    match opened {
        Ok(mut accounts) => {
            accounts.sort_by_key(|(address, _)| *address);
            if accounts == written {
                Ok(())
            } else {
                Err("opened with different accounts".into())
            }
        }
        Err(LedgerError::Corrupt { path, detail }) => {
            assert_eq!(path, file, "the error names the ledger file");
            assert!(!detail.is_empty());
            Ok(())
        }
        Err(other) => Err(format!("not a corrupt-ledger error: {other}")),
    }
}

#[test]
fn a_truncated_or_damaged_ledger_is_refused_by_name_and_never_panics() {
    for keep in [0usize, 1, 100, 4096, 10_000] {
        open_damaged(|file| {
            let bytes = std::fs::read(file).unwrap();
            std::fs::write(file, &bytes[..keep.min(bytes.len())]).unwrap();
        })
        .unwrap_or_else(|e| panic!("truncated to {keep}: {e}"));
    }
    let len = {
        let dir = tempfile::tempdir().unwrap();
        netstate_localnet::ledger::Ledger::open(dir.path(), false).unwrap();
        std::fs::metadata(dir.path().join(netstate_localnet::ledger::LEDGER_FILE))
            .unwrap()
            .len() as usize
    };
    // Flip bytes at offsets spread over the whole file (a fixed stride, so a failure
    // names an offset that reproduces it).
    let mut failures = Vec::new();
    for offset in (0..len.max(4096)).step_by(509) {
        if let Err(e) = open_damaged(|file| {
            let mut bytes = std::fs::read(file).unwrap();
            let end = (offset + 64).min(bytes.len());
            if offset < end {
                for b in &mut bytes[offset..end] {
                    *b ^= 0xA5;
                }
            }
            std::fs::write(file, &bytes).unwrap();
        }) {
            failures.push(format!("offset {offset}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// `--account ADDRESS FILE.json` (as `solana account --output json` writes it) starts a new
/// ledger with that account, at its own address with `-`; mistakes are named, and an
/// existing ledger is never overwritten by it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_ledger_starts_with_the_accounts_given_and_an_old_one_refuses_them() {
    let source = Node::memory().await;
    let (_, society) = society(&source, "Copied").await;
    let raw = raw_post(
        &source.node.url(),
        &format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"getAccountInfo","params":["{society}",{{"encoding":"base64"}}]}}"#
        ),
    );
    let answer: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let original = source.rpc.get_account(&society).await.unwrap();
    source.stop().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("society.json");
    std::fs::write(
        &file,
        serde_json::json!({ "pubkey": society.to_string(), "account": answer["result"]["value"] })
            .to_string(),
    )
    .unwrap();
    let elsewhere = Pubkey::new_unique();
    let ledger = dir.path().join("ledger");
    let with = |accounts: Vec<(Option<Pubkey>, std::path::PathBuf)>| EngineConfig {
        ledger: Some(ledger.clone()),
        accounts,
        ..Default::default()
    };
    let copy = Node::start(with(vec![
        (None, file.clone()),
        (Some(elsewhere), file.clone()),
    ]))
    .await;
    for address in [society, elsewhere] {
        let account = copy.rpc.get_account(&address).await.unwrap();
        assert_eq!(account.data, original.data);
        assert_eq!(account.owner, original.owner);
        assert_eq!(account.lamports, original.lamports);
    }
    copy.stop().await;

    // The ledger now exists: its state is its own, and --account is refused by name.
    let refused = Localnet::start(with(vec![(None, file.clone())]), 0)
        .await
        .expect_err("refused");
    assert!(
        matches!(&refused, StartError::Engine(EngineError::GenesisAccount(_))),
        "{refused}"
    );
    let message = refused.to_string();
    assert!(message.contains("society.json: the ledger at"), "{message}");
    assert!(
        message.contains("exists; --account sets up a new one"),
        "{message}"
    );
    // A restart without it keeps the copied accounts.
    let again = Node::start(with(Vec::new())).await;
    assert_eq!(
        again.rpc.get_account(&elsewhere).await.unwrap().data,
        original.data
    );
    again.stop().await;

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"pubkey\": 1}").unwrap();
    for (path, says) in [
        (dir.path().join("missing.json"), "cannot read it"),
        (
            broken,
            "not an account as `solana account --output json` writes it",
        ),
    ] {
        let config = EngineConfig {
            accounts: vec![(None, path)],
            ..Default::default()
        };
        let refused = Localnet::start(config, 0).await.expect_err("refused");
        assert!(refused.to_string().contains(says), "{refused}");
    }
}
