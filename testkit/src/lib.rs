//! What the tests of the client, the CLI, the door and the dashboard share, so that each
//! suite starts from the same "a society on a local node" instead of its own copy: a local
//! node with a client ([`LocalNode`]), funded wallets, an open society founded by one of
//! them, a hub's spec, and headless Chromium ([`browser`]) to look at pages as a person
//! does. A dev-dependency only; never published.

pub mod browser;

use netstate_client::{
    AdmissionPolicy, ClientError, CreateSocietyArgs, NetstateClient, NodeSpec, PROGRAM_ID,
    instructions as ix, pda,
};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

pub use solana_keypair;

/// Lamports a funded wallet starts with: 20 SOL.
pub const FUNDS: u64 = 20_000_000_000;

/// A local node kept in memory, with a client for it.
pub struct LocalNode {
    /// The node.
    pub node: Localnet,
    /// A client for it, at netstate's own program id.
    pub client: NetstateClient,
}

impl LocalNode {
    /// Starts a node on a free port.
    pub async fn start() -> Self {
        let node = Localnet::start(EngineConfig::default(), 0)
            .await
            .expect("the local node starts");
        let client = NetstateClient::new(node.url(), PROGRAM_ID);
        Self { node, client }
    }

    /// The node's JSON-RPC URL.
    pub fn url(&self) -> String {
        self.node.url()
    }

    /// A new wallet holding [`FUNDS`].
    pub async fn funded(&self) -> Keypair {
        let wallet = Keypair::new();
        self.fund(&wallet.pubkey(), FUNDS).await;
        wallet
    }

    /// Airdrops `lamports` to `wallet`.
    pub async fn fund(&self, wallet: &netstate_client::prelude::Pubkey, lamports: u64) {
        self.client
            .airdrop(wallet, lamports)
            .await
            .expect("the local faucet pays");
    }

    /// `founder` founds `args`'s society: its address, or the program's refusal.
    pub async fn found(
        &self,
        founder: &Keypair,
        args: CreateSocietyArgs,
    ) -> Result<netstate_client::prelude::Pubkey, ClientError> {
        let name = args.name.clone();
        self.client
            .send(
                &[ix::create_society(&PROGRAM_ID, &founder.pubkey(), args)],
                founder,
                &[],
            )
            .await?;
        Ok(pda::society(&PROGRAM_ID, &name).0)
    }
}

/// The arguments that found an open society `name`, its founder called `founder_handle`.
pub fn open_society(name: &str, founder_handle: &str) -> CreateSocietyArgs {
    CreateSocietyArgs {
        name: name.into(),
        constitution_uri: "ipfs://constitution".into(),
        constitution_hash: [1; 32],
        admission: AdmissionPolicy::Open,
        governance: None,
        founder_handle: founder_handle.into(),
        founder_profile_uri: String::new(),
    }
}

/// A hub `code` called `name` in `country` at (`latitude`, `longitude`) micro-degrees,
/// whose door signs with `operator`.
pub fn hub(
    code: &str,
    name: &str,
    country: [u8; 2],
    (latitude, longitude): (i32, i32),
    operator: &Keypair,
) -> NodeSpec {
    NodeSpec {
        code: code.into(),
        name: name.into(),
        country,
        latitude_microdeg: latitude,
        longitude_microdeg: longitude,
        operator: operator.pubkey(),
    }
}
