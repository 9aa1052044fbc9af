//! Confirmed transactions per second and latency, in-process and through JSON-RPC, on a
//! ledger holding 10 000 member accounts (system transfers, and netstate `apply`
//! transactions through the native program); and how long that ledger takes to open. The
//! same transactions run first on bare LiteSVM in the same process (no ledger, no RPC:
//! `engine::bare_svm`), and each of the node's rates is printed as a fraction of it: in-process
//! with fsync, and over JSON-RPC from 1, 8 and 32 concurrent clients.
//!
//! `cargo bench -p netstate-localnet --bench throughput` (release build). Prints a table for
//! the README. Not a test: it asserts nothing about speed.

use netstate_client::PROGRAM_ID;
use std::time::{Duration, Instant};

use anchor_lang::solana_program::{pubkey::Pubkey, system_instruction};
use anchor_lang::{AccountSerialize, Space};
use netstate_client::{Member, MemberStatus};
use netstate_localnet::engine::{Engine, EngineConfig};
use netstate_localnet::ledger::{Ledger, NodeState};
use solana_account::{Account, AccountSharedData};
use solana_keypair::Keypair;
use solana_message::{Message, VersionedMessage};
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;

const MEMBERS: usize = 10_000;

/// Rounds of concurrent clients over RPC: (clients, transfers each).
const CONCURRENT: [(usize, usize); 2] = [(8, 500), (32, 150)];

/// Confirmed transfers per second from `clients` concurrent clients over JSON-RPC, `each`
/// apiece, each client with its own payer (funded from the node's faucet first) and a fresh
/// blockhash every 10; and each transfer's time from send to confirmed.
async fn rpc_transfers(url: &str, clients: usize, each: usize) -> (f64, Vec<Duration>) {
    use solana_client::nonblocking::rpc_client::RpcClient;
    use solana_commitment_config::CommitmentConfig;
    let mut payers = Vec::new();
    for _ in 0..clients {
        let rpc = RpcClient::new_with_commitment(url.to_string(), CommitmentConfig::confirmed());
        let payer = Keypair::new();
        let sig = rpc
            .request_airdrop(&payer.pubkey(), 10_000_000_000)
            .await
            .expect("airdrop");
        rpc.confirm_transaction(&sig).await.expect("confirm");
        payers.push((rpc, payer));
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (rpc, payer) in payers {
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(each);
            let mut blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
            for i in 0..each {
                if i % 10 == 0 {
                    blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
                }
                let tx = solana_transaction::Transaction::new_signed_with_payer(
                    &[system_instruction::transfer(
                        &payer.pubkey(),
                        &Pubkey::new_unique(),
                        1_000_000,
                    )],
                    Some(&payer.pubkey()),
                    &[&payer],
                    blockhash,
                );
                let t = Instant::now();
                rpc.send_and_confirm_transaction(&tx)
                    .await
                    .expect("confirmed");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(clients * each);
    for task in tasks {
        latencies.extend(task.await.expect("client"));
    }
    (
        (clients * each) as f64 / started.elapsed().as_secs_f64(),
        latencies,
    )
}

fn seed_members(dir: &std::path::Path) {
    let (ledger, state) = Ledger::open(dir, true).expect("ledger");
    let state = state.unwrap_or(NodeState {
        genesis_id: [7; 32],
        slot: 1,
        clock_offset_secs: 0,
        transaction_count: 0,
    });
    let society = netstate_client::pda::society(&PROGRAM_ID, "Bench State").0;
    let mut accounts = Vec::with_capacity(MEMBERS);
    for i in 0..MEMBERS {
        let wallet = Pubkey::new_unique();
        let (address, bump) = netstate_client::pda::member(&PROGRAM_ID, &society, &wallet);
        let member = Member {
            version: 1,
            bump,
            society,
            wallet,
            status: MemberStatus::Citizen,
            handle: format!("member{i}"),
            profile_uri: String::new(),
            applied_seq: i as u64,
            citizen_seq: i as u64,
            joined_at: 0,
            admitted_at: 0,
            sponsor_count: 0,
            check_in_count: 0,
            last_check_in_day: 0,
            open_proposals: 0,
            recent_days: [0; 16],
            paid_until: 0,
        };
        let mut data = Vec::with_capacity(8 + Member::INIT_SPACE);
        member.try_serialize(&mut data).expect("serialize");
        data.resize(8 + Member::INIT_SPACE, 0);
        let account = Account {
            lamports: 2_540_400,
            data,
            owner: netstate::ID,
            executable: false,
            rent_epoch: 0,
        };
        accounts.push((address, Some(AccountSharedData::from(account))));
    }
    ledger.commit(&accounts, None, &state).expect("seed");
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    (
        mean,
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 99 / 100]),
    )
}

fn transfer(engine: &mut Engine, payer: &Keypair) -> VersionedTransaction {
    let (blockhash, _) = engine.latest_blockhash();
    let ix = system_instruction::transfer(&payer.pubkey(), &Pubkey::new_unique(), 1_000_000);
    VersionedTransaction::try_new(
        VersionedMessage::Legacy(Message::new_with_blockhash(
            &[ix],
            Some(&payer.pubkey()),
            &blockhash,
        )),
        &[payer],
    )
    .expect("sign")
}

/// Transactions per second of bare LiteSVM: `transfers` system transfers, then a society
/// founded and `applies` members applying, each funded in the same transaction.
fn bare(transfers: usize, applies: usize) -> (f64, f64) {
    let mut svm = netstate_localnet::engine::bare_svm();
    let payer = Keypair::new();
    svm.airdrop(&payer.pubkey(), 500_000_000_000)
        .expect("airdrop");
    let started = Instant::now();
    for _ in 0..transfers {
        let tx = solana_transaction::Transaction::new_signed_with_payer(
            &[system_instruction::transfer(
                &payer.pubkey(),
                &Pubkey::new_unique(),
                1_000_000,
            )],
            Some(&payer.pubkey()),
            &[&payer],
            svm.latest_blockhash(),
        );
        svm.send_transaction(tx).expect("transfer");
    }
    let transfer_tps = transfers as f64 / started.elapsed().as_secs_f64();
    let args = netstate_client::CreateSocietyArgs {
        name: "Bench State".into(),
        constitution_uri: "ipfs://bench".into(),
        constitution_hash: [1; 32],
        admission: netstate_client::AdmissionPolicy::Open,
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    };
    let create = netstate_client::instructions::create_society(&PROGRAM_ID, &payer.pubkey(), args);
    let tx = solana_transaction::Transaction::new_signed_with_payer(
        &[create],
        Some(&payer.pubkey()),
        &[&payer],
        svm.latest_blockhash(),
    );
    svm.send_transaction(tx).expect("society");
    let society = netstate_client::pda::society(&PROGRAM_ID, "Bench State").0;
    let started = Instant::now();
    for i in 0..applies {
        let wallet = Keypair::new();
        let fund = system_instruction::transfer(&payer.pubkey(), &wallet.pubkey(), 10_000_000);
        let apply = netstate_client::instructions::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            netstate_client::ApplyArgs {
                handle: format!("applicant{i}"),
                profile_uri: String::new(),
            },
        );
        let tx = solana_transaction::Transaction::new_signed_with_payer(
            &[fund, apply],
            Some(&payer.pubkey()),
            &[&payer, &wallet],
            svm.latest_blockhash(),
        );
        svm.send_transaction(tx).expect("apply");
    }
    let apply_tps = applies as f64 / started.elapsed().as_secs_f64();
    (transfer_tps, apply_tps)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    seed_members(dir.path());
    let config = EngineConfig {
        ledger: Some(dir.path().to_path_buf()),
        ..Default::default()
    };

    // The first open in a process also installs the native program's syscall stubs.
    let started = Instant::now();
    drop(Engine::open(config.clone()).expect("open"));
    let first_open = started.elapsed();
    let mut opens = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        drop(Engine::open(config.clone()).expect("open"));
        opens.push(started.elapsed());
    }
    let (open_mean, _, _) = stats(opens);
    // The engine the node runs on, after the first open has installed the runtime's stubs.
    let (bare_tps, bare_apply_tps) = bare(1_000, 500);

    let mut engine = Engine::open(config.clone()).expect("open");
    let payer = Keypair::new();
    engine
        .airdrop(&payer.pubkey(), 500_000_000_000)
        .expect("airdrop");
    let mut latencies = Vec::new();
    let started = Instant::now();
    for _ in 0..1_000 {
        let tx = transfer(&mut engine, &payer);
        let t = Instant::now();
        engine.send(tx).expect("confirmed");
        latencies.push(t.elapsed());
    }
    let in_process_tps = 1_000.0 / started.elapsed().as_secs_f64();
    let (mean, p50, p99) = stats(latencies);

    // netstate transactions: founding a society, then 500 members applying (each funded in
    // the same transaction), every one committed to the 10 000-member ledger.
    let (blockhash, _) = engine.latest_blockhash();
    let args = netstate_client::CreateSocietyArgs {
        name: "Bench State".into(),
        constitution_uri: "ipfs://bench".into(),
        constitution_hash: [1; 32],
        admission: netstate_client::AdmissionPolicy::Open,
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    };
    let create = netstate_client::instructions::create_society(&PROGRAM_ID, &payer.pubkey(), args);
    let tx = VersionedTransaction::try_new(
        VersionedMessage::Legacy(Message::new_with_blockhash(
            &[create],
            Some(&payer.pubkey()),
            &blockhash,
        )),
        &[&payer],
    )
    .expect("sign");
    engine.send(tx).expect("society");
    let society = netstate_client::pda::society(&PROGRAM_ID, "Bench State").0;
    let mut applies = Vec::new();
    let started = Instant::now();
    for i in 0..500 {
        let wallet = Keypair::new();
        let (blockhash, _) = engine.latest_blockhash();
        let fund = system_instruction::transfer(&payer.pubkey(), &wallet.pubkey(), 10_000_000);
        let apply = netstate_client::instructions::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &society,
            netstate_client::ApplyArgs {
                handle: format!("applicant{i}"),
                profile_uri: String::new(),
            },
        );
        let tx = VersionedTransaction::try_new(
            VersionedMessage::Legacy(Message::new_with_blockhash(
                &[fund, apply],
                Some(&payer.pubkey()),
                &blockhash,
            )),
            &[&payer, &wallet],
        )
        .expect("sign");
        let t = Instant::now();
        engine.send(tx).expect("apply confirmed");
        applies.push(t.elapsed());
    }
    let apply_tps = 500.0 / started.elapsed().as_secs_f64();
    let (apply_mean, apply_p50, apply_p99) = stats(applies);
    drop(engine);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (rpc_tps, rpc_mean, rpc_p50, rpc_p99, concurrent) = runtime.block_on(async {
        let node = netstate_localnet::Localnet::start(config, 0)
            .await
            .expect("node");
        let (tps, latencies) = rpc_transfers(&node.url(), 1, 300).await;
        // Concurrent clients share a commit (the group commit).
        let mut concurrent = Vec::new();
        for (clients, each) in CONCURRENT {
            concurrent.push(rpc_transfers(&node.url(), clients, each).await.0);
        }
        node.stop().await;
        let (mean, p50, p99) = stats(latencies);
        (tps, mean, p50, p99, concurrent)
    });

    println!("netstate-localnet throughput, ledger with {MEMBERS} member accounts");
    println!("| measure | value |");
    println!("| --- | --- |");
    println!(
        "| open ledger (first in process, incl. runtime stubs) | {:.0} ms |",
        first_open.as_secs_f64() * 1e3
    );
    println!("| open ledger (mean of 5) | {open_mean:.0} ms |");
    println!(
        "| in-process confirm incl. fsync: mean / p50 / p99 | {mean:.2} / {p50:.2} / {p99:.2} ms |"
    );
    println!("| in-process confirmed tx/s (one at a time) | {in_process_tps:.0} |");
    println!(
        "| in-process netstate `apply` incl. fsync: mean / p50 / p99 | {apply_mean:.2} / {apply_p50:.2} / {apply_p99:.2} ms |"
    );
    println!("| in-process netstate `apply` tx/s | {apply_tps:.0} |");
    println!(
        "| RPC send_and_confirm: mean / p50 / p99 | {rpc_mean:.2} / {rpc_p50:.2} / {rpc_p99:.2} ms |"
    );
    println!("| RPC confirmed tx/s (one client, one at a time) | {rpc_tps:.0} |");
    println!();
    println!(
        "The node beside the engine it runs on (bare LiteSVM, same process, same transactions)"
    );
    println!("| measure | bare LiteSVM tx/s | node tx/s | node / bare |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| transfers, in-process, durable (fsync) | {bare_tps:.0} | {in_process_tps:.0} | {:.0}% |",
        100.0 * in_process_tps / bare_tps
    );
    println!(
        "| netstate `apply`, in-process, durable | {bare_apply_tps:.0} | {apply_tps:.0} | {:.0}% |",
        100.0 * apply_tps / bare_apply_tps
    );
    println!(
        "| transfers over RPC, one client | {bare_tps:.0} | {rpc_tps:.0} | {:.0}% |",
        100.0 * rpc_tps / bare_tps
    );
    for ((clients, _), tps) in CONCURRENT.iter().zip(&concurrent) {
        println!(
            "| transfers over RPC, {clients} concurrent clients | {bare_tps:.0} | {tps:.0} | {:.0}% |",
            100.0 * tps / bare_tps
        );
    }
}
