//! Confirming over the websocket API: time from `sendTransaction` to the
//! `signatureNotification` (one client, and 8 at once), confirmed transactions per second at 8
//! clients confirming by websocket against the same 8 confirming by polling (in the same run),
//! and the cost of 1 000 open subscriptions (memory each, and a confirmation's latency while
//! every one of them is notified of every transaction).
//!
//! `cargo bench -p netstate-localnet --bench websocket` (release build; an in-memory node in
//! this process, so memory figures include the clients' side). Prints a table for the
//! README. Not a test: it asserts nothing about speed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anchor_lang::solana_program::{pubkey::Pubkey, system_instruction};
use futures_util::StreamExt;
use netstate_localnet::{EngineConfig, Localnet};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client_types::config::{RpcTransactionLogsConfig, RpcTransactionLogsFilter};
use solana_signer::Signer;
use solana_transaction::Transaction;

/// Transactions each client sends in a measure.
const PER_CLIENT: usize = 100;
/// Clients at once.
const CLIENTS: usize = 8;
/// Subscriptions held open in the load measure.
const OPEN: usize = 1_000;
/// Rounds of the throughput comparison: websocket and polling alternate, each going first
/// in turn, so that neither gains from the machine warming up or quieting down.
const ROUNDS: usize = 3;

/// The median of `rates`.
fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1_000.0;
    (
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 99 / 100]),
    )
}

/// Resident memory of this process, bytes (Linux).
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// A wallet with 100 SOL, confirmed.
async fn funded(rpc: &RpcClient) -> Keypair {
    let wallet = Keypair::new();
    let sig = rpc
        .request_airdrop(&wallet.pubkey(), 100_000_000_000)
        .await
        .expect("airdrop");
    while !rpc.confirm_transaction(&sig).await.expect("confirm") {}
    wallet
}

async fn transfer(rpc: &RpcClient, payer: &Keypair) -> Transaction {
    let blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
    Transaction::new_signed_with_payer(
        &[system_instruction::transfer(
            &payer.pubkey(),
            &Pubkey::new_unique(),
            1_000_000,
        )],
        Some(&payer.pubkey()),
        &[payer],
        blockhash,
    )
}

/// `PER_CLIENT` transfers confirmed by websocket: each latency from send to notification.
async fn confirm_by_websocket(node: Arc<Localnet>, payer: Keypair) -> Vec<Duration> {
    let rpc = RpcClient::new_with_commitment(node.url(), CommitmentConfig::confirmed());
    let pubsub = PubsubClient::new(&node.ws_url()).await.expect("connects");
    let mut latencies = Vec::with_capacity(PER_CLIENT);
    for _ in 0..PER_CLIENT {
        let tx = transfer(&rpc, &payer).await;
        let (mut updates, _unsubscribe) = pubsub
            .signature_subscribe(&tx.signatures[0], None)
            .await
            .expect("subscribes");
        let started = Instant::now();
        rpc.send_transaction(&tx).await.expect("sent");
        updates.next().await.expect("notified");
        latencies.push(started.elapsed());
    }
    latencies
}

/// `PER_CLIENT` transfers confirmed by polling `getSignatureStatuses`.
async fn confirm_by_polling(node: Arc<Localnet>, payer: Keypair) -> Vec<Duration> {
    let rpc = RpcClient::new_with_commitment(node.url(), CommitmentConfig::confirmed());
    let mut latencies = Vec::with_capacity(PER_CLIENT);
    for _ in 0..PER_CLIENT {
        let tx = transfer(&rpc, &payer).await;
        let started = Instant::now();
        rpc.send_and_confirm_transaction(&tx)
            .await
            .expect("confirmed");
        latencies.push(started.elapsed());
    }
    latencies
}

/// `CLIENTS` clients at once, each running `each`: (tx/s, all latencies).
async fn at_once<F, Fut>(
    node: &Arc<Localnet>,
    payers: Vec<Keypair>,
    each: F,
) -> (f64, Vec<Duration>)
where
    F: Fn(Arc<Localnet>, Keypair) -> Fut,
    Fut: std::future::Future<Output = Vec<Duration>> + Send + 'static,
{
    let started = Instant::now();
    let tasks: Vec<_> = payers
        .into_iter()
        .map(|payer| tokio::spawn(each(node.clone(), payer)))
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("client"));
    }
    let tps = all.len() as f64 / started.elapsed().as_secs_f64();
    (tps, all)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let node = Arc::new(
            Localnet::start(EngineConfig::default(), 0)
                .await
                .expect("node"),
        );
        let rpc = RpcClient::new_with_commitment(node.url(), CommitmentConfig::confirmed());
        let mut payers = Vec::new();
        for _ in 0..(1 + CLIENTS + 1) {
            payers.push(funded(&rpc).await);
        }

        let one = confirm_by_websocket(node.clone(), payers.remove(0)).await;
        let (one_p50, one_p99) = stats(one);

        let clients: Vec<Keypair> = payers.drain(..CLIENTS).collect();
        let each = || clients.iter().map(Keypair::insecure_clone).collect::<Vec<_>>();
        let (mut ws_rates, mut ws_all, mut poll_rates, mut poll_all) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            for websocket in [round % 2 == 0, round % 2 == 1] {
                if websocket {
                    let (tps, all) = at_once(&node, each(), confirm_by_websocket).await;
                    ws_rates.push(tps);
                    ws_all.extend(all);
                } else {
                    let (tps, all) = at_once(&node, each(), confirm_by_polling).await;
                    poll_rates.push(tps);
                    poll_all.extend(all);
                }
            }
        }
        let rounds = |rates: &[f64]| {
            rates
                .iter()
                .map(|r| format!("{r:.0}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (ws_each, poll_each) = (rounds(&ws_rates), rounds(&poll_rates));
        let (ws_tps, poll_tps) = (median(ws_rates), median(poll_rates));
        let (ws_p50, ws_p99) = stats(ws_all);
        let (poll_p50, poll_p99) = stats(poll_all);

        // 1 000 subscriptions, each notified of every transaction (logs of all), drained.
        let before = resident_bytes();
        let mut drained = Vec::new();
        let per_connection = 100;
        for _ in 0..(OPEN / per_connection) {
            let pubsub = Arc::new(PubsubClient::new(&node.ws_url()).await.expect("connects"));
            for _ in 0..per_connection {
                let client = pubsub.clone();
                let (ready, opened) = tokio::sync::oneshot::channel();
                drained.push(tokio::spawn(async move {
                    let (mut logs, _unsubscribe) = client
                        .logs_subscribe(
                            RpcTransactionLogsFilter::All,
                            RpcTransactionLogsConfig { commitment: None },
                        )
                        .await
                        .expect("subscribes");
                    let _ = ready.send(());
                    while logs.next().await.is_some() {}
                }));
                opened.await.expect("opened");
            }
        }
        let per_subscription = resident_bytes().saturating_sub(before) / OPEN as u64;
        let loaded = confirm_by_websocket(node.clone(), payers.remove(0)).await;
        let (loaded_p50, loaded_p99) = stats(loaded);
        for task in drained {
            task.abort();
        }

        println!("netstate-localnet over the websocket API (in-memory node, this process)");
        println!("| measure | value |");
        println!("| --- | --- |");
        println!(
            "| send to signatureNotification, one client: p50 / p99 | {one_p50:.2} / {one_p99:.2} ms |"
        );
        println!(
            "| send to signatureNotification, {CLIENTS} clients at once: p50 / p99 | {ws_p50:.2} / {ws_p99:.2} ms |"
        );
        println!(
            "| confirmed tx/s, {CLIENTS} clients confirming by websocket, median of {ROUNDS} rounds | {ws_tps:.0} ({ws_each}) |"
        );
        println!(
            "| confirmed tx/s, {CLIENTS} clients confirming by polling (send_and_confirm), alternating with those | {poll_tps:.0} ({poll_each}) |"
        );
        println!(
            "| websocket against polling | {:.0} % |",
            100.0 * ws_tps / poll_tps
        );
        println!(
            "| polling, {CLIENTS} clients: p50 / p99 | {poll_p50:.2} / {poll_p99:.2} ms |"
        );
        println!(
            "| memory per open subscription (server and client side) | {:.1} KiB |",
            per_subscription as f64 / 1024.0
        );
        println!(
            "| send to signatureNotification with {OPEN} `logsSubscribe all` notified: p50 / p99 | {loaded_p50:.2} / {loaded_p99:.2} ms |"
        );
        match Arc::try_unwrap(node) {
            Ok(node) => node.stop().await,
            Err(_) => eprintln!("a client still holds the node"),
        }
    });
}
