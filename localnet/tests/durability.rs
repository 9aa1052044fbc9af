//! Kill -9 the node in the middle of a stream of transactions, restart it on the same
//! ledger, and check that exactly the confirmed transactions are there, whole.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anchor_lang::solana_program::{pubkey::Pubkey, system_instruction};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::Transaction;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn spawn_node(ledger: &std::path::Path, port: u16) -> (Child, RpcClient) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_netstate-localnet"));
    command
        .arg("--ledger")
        .arg(ledger)
        .arg("--rpc-port")
        .arg(port.to_string())
        // Only the RPC port: a second one (port + 1) could be taken by another test's socket.
        .arg("--ws-port")
        .arg("0")
        // Kept, so that a node that stops before serving says why.
        .stderr(Stdio::piped());
    serving(command, port).await
}

/// Starts `command` (a node on `port`) and waits until it answers.
async fn serving(mut command: Command, port: u16) -> (Child, RpcClient) {
    let child = command
        .stdout(Stdio::null())
        .spawn()
        .expect("node binary starts");
    let rpc = RpcClient::new_with_commitment(
        format!("http://127.0.0.1:{port}"),
        CommitmentConfig::confirmed(),
    );
    let mut child = child;
    let deadline = Instant::now() + Duration::from_secs(30);
    while rpc.get_health().await.is_err() {
        // A node that stopped says why (its stderr, when the test keeps it).
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                std::io::Read::read_to_string(&mut pipe, &mut stderr).unwrap();
            }
            panic!("the node on port {port} stopped before serving ({status}): {stderr}");
        }
        assert!(Instant::now() < deadline, "node did not come up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (child, rpc)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_the_confirmed_transactions_survive_kill_9() {
    confirmed_transactions_survive_kill_9(1, 25).await;
}

/// Eight clients at once: their transactions share group commits (one fsync for several),
/// and still each is durable before its confirmation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_lose_nothing_confirmed_to_kill_9() {
    confirmed_transactions_survive_kill_9(8, 120).await;
}

/// `clients` streams of transfers, each from its own payer, until `at_least` are
/// confirmed; then kill -9, restart, and check every confirmed one whole and every one in
/// flight wholly there or wholly absent.
async fn confirmed_transactions_survive_kill_9(clients: usize, at_least: usize) {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let (mut child, rpc) = spawn_node(dir.path(), port).await;
    let payers: Vec<Keypair> = (0..clients).map(|_| Keypair::new()).collect();
    for payer in &payers {
        let sig = rpc
            .request_airdrop(&payer.pubkey(), 100_000_000_000)
            .await
            .unwrap();
        assert!(rpc.confirm_transaction(&sig).await.unwrap());
    }

    // Each transfer pays a fresh recipient an amount of its own.
    type Sent = Arc<Mutex<Vec<(usize, Signature, Pubkey, u64)>>>;
    let confirmed: Sent = Arc::default();
    let attempted: Sent = Arc::default();
    let mut streamers = Vec::new();
    for (n, payer) in payers.iter().enumerate() {
        let (confirmed, attempted) = (confirmed.clone(), attempted.clone());
        let payer = payer.insecure_clone();
        let rpc = RpcClient::new_with_commitment(rpc.url(), CommitmentConfig::confirmed());
        streamers.push(tokio::spawn(async move {
            for i in 0u64.. {
                let to = Pubkey::new_unique();
                let amount = 1_000_000 + i;
                let Ok(blockhash) = rpc.get_latest_blockhash().await else {
                    return;
                };
                let tx = Transaction::new_signed_with_payer(
                    &[system_instruction::transfer(&payer.pubkey(), &to, amount)],
                    Some(&payer.pubkey()),
                    &[&payer],
                    blockhash,
                );
                attempted
                    .lock()
                    .unwrap()
                    .push((n, tx.signatures[0], to, amount));
                match rpc.send_and_confirm_transaction(&tx).await {
                    Ok(sig) => confirmed.lock().unwrap().push((n, sig, to, amount)),
                    Err(_) => return,
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while confirmed.lock().unwrap().len() < at_least {
        assert!(Instant::now() < deadline, "stream too slow");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    for streamer in streamers {
        let _ = streamer.await;
    }

    let (mut child, rpc) = spawn_node(dir.path(), free_port()).await;
    let confirmed = confirmed.lock().unwrap().clone();
    let attempted = attempted.lock().unwrap().clone();
    assert!(confirmed.len() >= at_least);
    for (_, sig, to, amount) in &confirmed {
        let status = rpc.get_signature_statuses(&[*sig]).await.unwrap().value;
        assert!(
            status[0].as_ref().is_some_and(|s| s.err.is_none()),
            "confirmed {sig} lost"
        );
        assert_eq!(
            rpc.get_balance(to).await.unwrap(),
            *amount,
            "confirmed transfer to {to} lost"
        );
    }
    // A transfer that was in flight at the kill is either wholly there or wholly absent.
    let mut spent = vec![0; clients];
    for (n, _, to, amount) in &attempted {
        let balance = rpc.get_balance(to).await.unwrap();
        assert!(
            balance == 0 || balance == *amount,
            "half-written transfer to {to}: {balance}"
        );
        if balance > 0 {
            spent[*n] += amount + 5_000;
        }
    }
    for (n, payer) in payers.iter().enumerate() {
        assert_eq!(
            rpc.get_balance(&payer.pubkey()).await.unwrap(),
            100_000_000_000 - spent[n],
            "payer {n}'s debits match the transfers present"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_that_cannot_be_written_stops_the_node_and_loses_nothing_confirmed() {
    // A file-size limit (with SIGXFSZ ignored, so writes fail with EFBIG instead of killing
    // the process) makes the ledger's commits fail after a while, as a full disk would.
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!(
            // Only the RPC port, as in `spawn_node`.
            "trap '' XFSZ; ulimit -f 300; exec '{}' --ledger '{}' --rpc-port {port} --ws-port 0",
            env!("CARGO_BIN_EXE_netstate-localnet"),
            dir.path().display()
        ))
        .stderr(Stdio::piped());
    let (mut child, rpc) = serving(command, port).await;
    let mut confirmed = Vec::new();
    let mut refused = None;
    for i in 0..5_000u64 {
        let recipient = Pubkey::new_unique();
        let lamports = 1_000_000 + i;
        // Sent as a raw request so the node's own error message comes back.
        let request = solana_client::rpc_request::RpcRequest::RequestAirdrop;
        let params = serde_json::json!([recipient.to_string(), lamports]);
        match rpc.send::<String>(request, params).await {
            Ok(_) => confirmed.push((recipient, lamports)),
            Err(e) => {
                refused = Some((recipient, e.to_string()));
                break;
            }
        }
    }
    let (lost, error) = refused.expect("the ledger filled up before 5 000 airdrops");
    assert!(error.contains("could not be written"), "{error}");
    assert!(confirmed.len() > 10, "only {} confirmed", confirmed.len());
    // The node stops by itself, and says why, with a non-zero exit.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the node kept running");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(!status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains("could not be written to the ledger"),
        "{stderr}"
    );

    // Without the limit, the ledger opens with every confirmed airdrop and not the lost one.
    let port = free_port();
    let (mut child, rpc) = spawn_node(dir.path(), port).await;
    for (recipient, lamports) in &confirmed {
        assert_eq!(rpc.get_balance(recipient).await.unwrap(), *lamports);
    }
    assert_eq!(rpc.get_balance(&lost).await.unwrap(), 0);
    child.kill().unwrap();
    child.wait().unwrap();
}
