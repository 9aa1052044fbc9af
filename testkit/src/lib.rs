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

impl LocalNode {
    /// Writes `n` citizens of `society` into this node: see [`add_citizens`].
    pub async fn add_citizens(
        &self,
        society: &netstate_client::prelude::Pubkey,
        n: usize,
    ) -> Vec<netstate_client::prelude::Pubkey> {
        add_citizens(&self.node, &self.client, society, n).await
    }
}

/// Writes `n` citizens of `society` straight into `node`'s state, as a genesis would (no
/// transactions: a society of ten thousand in a second), and counts them in the Society
/// account: wallets as random as real ones (addresses only: they have no keys and cannot
/// sign), handles `citizen000001` onwards (numbered after
/// the members it had). Their wallets, in the order written. For tests of what reads a
/// large society.
pub async fn add_citizens(
    node: &Localnet,
    client: &NetstateClient,
    society: &netstate_client::prelude::Pubkey,
    n: usize,
) -> Vec<netstate_client::prelude::Pubkey> {
    use netstate_client::anchor_lang::{AccountSerialize, Space};
    use netstate_client::{Member, MemberStatus, Society};
    let mut s: Society = client.account(society).await.expect("the society");
    let first = s.member_count as usize;
    let wallets: Vec<_> = (0..n)
        .map(|i| {
            let seed = [
                b"citizen".as_slice(),
                &society.to_bytes(),
                &(i as u64).to_le_bytes(),
            ];
            netstate_client::prelude::Pubkey::new_from_array(netstate_client::sha256(
                &seed.concat(),
            ))
        })
        .collect();
    let account = |data: Vec<u8>| {
        solana_account::AccountSharedData::from(solana_account::Account {
            lamports: 10_000_000,
            data,
            owner: PROGRAM_ID,
            executable: false,
            rent_epoch: 0,
        })
    };
    let mut writes = Vec::with_capacity(n + 1);
    for (i, wallet) in wallets.iter().enumerate() {
        let (address, bump) = pda::member(&PROGRAM_ID, society, wallet);
        let seq = s.seq + 1 + i as u64;
        let member = Member {
            version: 1,
            bump,
            society: *society,
            wallet: *wallet,
            status: MemberStatus::Citizen,
            handle: format!("citizen{:06}", first + i),
            profile_uri: String::new(),
            applied_seq: seq,
            citizen_seq: seq,
            joined_at: s.created_at,
            admitted_at: s.created_at,
            sponsor_count: 0,
            check_in_count: 0,
            last_check_in_day: 0,
            open_proposals: 0,
            recent_days: [0; 16],
            paid_until: 0,
        };
        let mut data = Vec::with_capacity(8 + Member::INIT_SPACE);
        member
            .try_serialize(&mut data)
            .expect("a Member serializes");
        data.resize(8 + Member::INIT_SPACE, 0);
        writes.push((address, account(data)));
    }
    s.seq += n as u64;
    s.member_count += n as u32;
    s.citizen_count += n as u32;
    let mut data = Vec::new();
    s.try_serialize(&mut data).expect("a Society serializes");
    data.resize(8 + Society::INIT_SPACE, 0);
    let mut society_account = node
        .engine()
        .call({
            let society = *society;
            move |e| Ok(e.account(&society))
        })
        .await
        .expect("the engine answers")
        .expect("the society's account");
    society_account.set_data_from_slice(&data);
    writes.push((*society, society_account));
    let written = node
        .engine()
        .call(move |e| {
            Ok(writes
                .into_iter()
                .try_for_each(|(address, account)| e.set_account(address, account))
                .map_err(|err| err.to_string()))
        })
        .await
        .expect("the engine answers");
    written.expect("the citizens are written");
    wallets
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
