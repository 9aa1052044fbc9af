//! A local node with a society, a hub and its door, shared by the door's tests.

#![allow(dead_code)]

use netstate_client::PROGRAM_ID;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use base64::Engine;
use netstate_client::{ApplyArgs, NetstateClient, Residency, instructions as ix, pda};
use netstate_door::{Door, DoorConfig};
use netstate_localnet::Localnet;
use netstate_testkit::LocalNode;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

pub const SOCIETY: &str = "Door State";
pub const HUB: &str = "lisbon";

/// A local node with a society (open admission), a hub whose operator is `operator`, and
/// funded wallets.
pub struct World {
    pub node: Localnet,
    pub client: NetstateClient,
    pub founder: Keypair,
    pub operator: Keypair,
    pub society: Pubkey,
}

pub async fn fund(client: &NetstateClient, wallet: &Pubkey, lamports: u64) {
    client.airdrop(wallet, lamports).await.unwrap();
}

pub async fn world() -> World {
    let local = LocalNode::start().await;
    let founder = local.funded().await;
    let operator = Keypair::new();
    local.fund(&operator.pubkey(), 1_000_000_000).await;
    let society = local
        .found(&founder, netstate_testkit::open_society(SOCIETY, "founder"))
        .await
        .unwrap();
    // A name with markup: the kiosk must show it as text.
    let spec = netstate_testkit::hub(
        HUB,
        "Lisbon <House>",
        *b"PT",
        (38_722_252, -9_139_337),
        &operator,
    );
    let LocalNode { node, client } = local;
    client
        .send(
            &[ix::register_node(
                &PROGRAM_ID,
                &founder.pubkey(),
                &society,
                spec,
            )],
            &founder,
            &[],
        )
        .await
        .unwrap();
    World {
        node,
        client,
        founder,
        operator,
        society,
    }
}

impl World {
    /// A funded wallet that applied (a citizen at once: admission is open).
    pub async fn member(&self, handle: &str) -> Keypair {
        let wallet = Keypair::new();
        fund(&self.client, &wallet.pubkey(), 1_000_000_000).await;
        let apply = ix::apply(
            &PROGRAM_ID,
            &wallet.pubkey(),
            &self.society,
            ApplyArgs {
                handle: handle.into(),
                profile_uri: String::new(),
            },
        );
        self.client.send(&[apply], &wallet, &[]).await.unwrap();
        wallet
    }

    /// A door for the hub, served on a free port; its base URL.
    pub async fn door(&self, fee_budget: Option<u64>) -> (Arc<Door>, String) {
        self.door_with(fee_budget, None).await
    }

    /// A door as [`World::door`], appending its offline tickets to `queue`.
    pub async fn door_with(
        &self,
        fee_budget: Option<u64>,
        queue: Option<std::path::PathBuf>,
    ) -> (Arc<Door>, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let door = Door::open(DoorConfig {
            client: netstate_client::NetstateClient::new(self.node.url(), PROGRAM_ID),
            society: SOCIETY.into(),
            hub: HUB.into(),
            operator: self.operator.insecure_clone(),
            public_url: base.clone(),
            fee_budget,
            queue,
        })
        .await
        .unwrap();
        let serving = door.clone();
        tokio::spawn(async move { serving.serve(listener, std::future::pending()).await });
        (door, base)
    }

    pub async fn days_present(&self, wallet: &Pubkey) -> Option<u32> {
        let node = pda::node(&PROGRAM_ID, &self.society, HUB).0;
        self.client
            .account::<Residency>(&pda::residency(&PROGRAM_ID, &node, wallet).0)
            .await
            .ok()
            .map(|r| r.days_present)
    }
}

/// What a wallet does with the answer: decode, check that only its own signature is
/// missing, sign, send.
pub async fn sign_and_send(
    client: &NetstateClient,
    answer: &serde_json::Value,
    wallet: &Keypair,
) -> Result<(), String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["transaction"].as_str().unwrap())
        .unwrap();
    let mut tx: Transaction = bincode::deserialize(&bytes).unwrap();
    let required = usize::from(tx.message.header.num_required_signatures);
    let missing: Vec<Pubkey> = tx.message.account_keys[..required]
        .iter()
        .zip(&tx.signatures)
        .filter(|(_, s)| **s == solana_signature::Signature::default())
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(
        missing,
        vec![wallet.pubkey()],
        "only the wallet's signature is missing"
    );
    let blockhash = tx.message.recent_blockhash;
    tx.try_partial_sign(&[wallet], blockhash).unwrap();
    tx.verify().map_err(|e| e.to_string())?;
    client
        .rpc()
        .send_and_confirm_transaction(&tx)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// `GET url`: the status and the body.
pub async fn get(url: String) -> (u16, String) {
    let response = reqwest::get(url).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}
