//! Shared steps for the node's tests: a node, a client, funded wallets, transactions.

#![allow(dead_code)]

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use netstate_client::PROGRAM_ID;
use netstate_client::{AdmissionPolicy, CreateSocietyArgs};
use netstate_localnet::{EngineConfig, Localnet};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::Transaction;

/// A running node and a client for it.
pub struct Node {
    pub node: Localnet,
    pub rpc: RpcClient,
}

impl Node {
    pub async fn start(config: EngineConfig) -> Self {
        let node = Localnet::start(config, 0).await.expect("node starts");
        let rpc = RpcClient::new_with_commitment(node.url(), CommitmentConfig::confirmed());
        Self { node, rpc }
    }

    pub async fn memory() -> Self {
        Self::start(EngineConfig::default()).await
    }

    /// A new wallet with `sol` SOL from the faucet.
    pub async fn wallet(&self, sol: u64) -> Keypair {
        let wallet = Keypair::new();
        let sig = self
            .rpc
            .request_airdrop(&wallet.pubkey(), sol * 1_000_000_000)
            .await
            .expect("airdrop");
        assert!(self.rpc.confirm_transaction(&sig).await.expect("confirm"));
        wallet
    }

    /// A signed transaction paid by `signers[0]`.
    pub async fn tx(&self, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
        let blockhash = self.rpc.get_latest_blockhash().await.expect("blockhash");
        Transaction::new_signed_with_payer(ixs, Some(&signers[0].pubkey()), signers, blockhash)
    }

    /// Sends and confirms.
    pub async fn send(&self, ixs: &[Instruction], signers: &[&Keypair]) -> Signature {
        let tx = self.tx(ixs, signers).await;
        self.rpc
            .send_and_confirm_transaction(&tx)
            .await
            .expect("transaction confirms")
    }

    pub async fn stop(self) {
        self.node.stop().await;
    }
}

pub fn society_args(name: &str) -> CreateSocietyArgs {
    CreateSocietyArgs {
        name: name.into(),
        constitution_uri: "ipfs://constitution".into(),
        constitution_hash: [1; 32],
        admission: AdmissionPolicy::Open,
        governance: None,
        founder_handle: "founder".into(),
        founder_profile_uri: String::new(),
    }
}

/// A society called `name` founded by a new wallet; returns the founder and the society.
pub async fn society(node: &Node, name: &str) -> (Keypair, Pubkey) {
    let founder = node.wallet(10).await;
    node.send(
        &[netstate_client::instructions::create_society(
            &PROGRAM_ID,
            &founder.pubkey(),
            society_args(name),
        )],
        &[&founder],
    )
    .await;
    (founder, netstate_client::pda::society(&PROGRAM_ID, name).0)
}

/// Sends a raw HTTP POST with `body` to the node and returns the response body.
pub fn raw_post(url: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}
