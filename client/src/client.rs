//! [`NetstateClient`]: builds, signs, sends and confirms netstate transactions over
//! `solana-client`'s nonblocking RpcClient, and reads accounts back typed.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_commitment_config::CommitmentConfig;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::Transaction;

use crate::accounts::{self, NetstateAccount};
use crate::error::ClientError;
use crate::{
    Member, Node, Proposal, ProposalAction, ProposalStatus, Residency, Society, VoteRecord, pda,
};

/// How many times [`NetstateClient::send`] signs a transaction again with a fresh blockhash.
pub const MAX_RESIGNS: usize = 3;

/// The society's treasury: its lamports and its token accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryBalances {
    /// The treasury PDA.
    pub address: Pubkey,
    /// Lamports held, its rent reserve included (what can be paid out is this less the
    /// rent-exempt minimum of an empty account, and less what passed payments set aside:
    /// `Society::exit`).
    pub lamports: u64,
    /// Token accounts owned by the treasury: (mint, token account, amount, decimals).
    pub tokens: Vec<(Pubkey, Pubkey, u64, u8)>,
}

/// A netstate client over JSON-RPC.
///
/// ```no_run
/// # async fn demo() -> Result<(), netstate_client::ClientError> {
/// use netstate_client::{NetstateClient, instructions, pda};
/// use solana_keypair::Keypair;
/// use solana_signer::Signer;
///
/// // The deployment: `netstate_client::PROGRAM_ID` for this build, or your own address.
/// let client = NetstateClient::new("http://127.0.0.1:8899", netstate_client::PROGRAM_ID);
/// let wallet = Keypair::new();
/// let (society, _) = client.society("The Solar State").await?;
/// let apply = instructions::apply(
///     client.program_id(),
///     &wallet.pubkey(),
///     &society,
///     netstate_client::ApplyArgs { handle: "ana".into(), profile_uri: String::new() },
/// );
/// let signature = client.send(&[apply], &wallet, &[]).await?;
/// println!("applied: {signature}");
/// # Ok(()) }
/// ```
pub struct NetstateClient {
    rpc: RpcClient,
    /// The netstate deployment this client talks to.
    pub(crate) program_id: Pubkey,
    pub(crate) price: crate::fees::ComputeUnitPrice,
}

impl std::fmt::Debug for NetstateClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetstateClient")
            .field("url", &self.rpc.url())
            .field("program_id", &self.program_id)
            .finish()
    }
}

/// Another client of the same cluster, deployment, commitment and fee setting (its own
/// connection): what a door or a dashboard is handed by the command that starts it.
impl Clone for NetstateClient {
    fn clone(&self) -> Self {
        Self::with_commitment(self.rpc.url(), self.program_id, self.rpc.commitment())
            .with_compute_unit_price(self.price)
    }
}

impl NetstateClient {
    /// A client for the netstate deployment at `program_id` ([`crate::PROGRAM_ID`] for the
    /// build this crate was compiled with) on the cluster at `url`, at `confirmed`
    /// commitment. The deployment is always named: a society on a build at another address
    /// is never read at this crate's by mistake.
    pub fn new(url: impl ToString, program_id: Pubkey) -> Self {
        Self::with_commitment(url, program_id, CommitmentConfig::confirmed())
    }

    /// A client for the deployment at `program_id` on `url` at `commitment`.
    pub fn with_commitment(
        url: impl ToString,
        program_id: Pubkey,
        commitment: CommitmentConfig,
    ) -> Self {
        Self {
            rpc: RpcClient::new_with_commitment(url.to_string(), commitment),
            program_id,
            price: crate::fees::ComputeUnitPrice::None,
        }
    }

    /// The same client for the netstate deployment at `program_id`: a build of this
    /// program's source whose `declare_id!` names that address (`anchor keys sync`, see
    /// `docs/deploy.md`). Every address, instruction, query and decoder of this client then
    /// uses it.
    pub fn with_program_id(mut self, program_id: Pubkey) -> Self {
        self.program_id = program_id;
        self
    }

    /// The netstate deployment this client talks to.
    pub fn program_id(&self) -> &Pubkey {
        &self.program_id
    }

    /// The underlying RpcClient.
    pub fn rpc(&self) -> &RpcClient {
        &self.rpc
    }

    /// Signs `instructions` with `payer` (the fee payer) and `signers` (any [`Signer`]: a
    /// keypair, a hardware wallet, a remote signer), sends, and waits for
    /// confirmation. A program failure comes back as [`ClientError::Program`] with the error's
    /// name, message and the simulation's logs.
    ///
    /// Each call does its work once: if an identical transaction already landed or lands
    /// first (the same instructions signed in the same slot, by another call), this one
    /// waits for a new blockhash and signs again instead of being refused as a replay; and
    /// if the blockhash expires or the confirmation is lost, the signature's status decides,
    /// as the Solana CLI does it: landed is done, otherwise it signs again with a fresh
    /// blockhash and resends (at most [`MAX_RESIGNS`] times).
    ///
    /// The payer may be any signer, a hardware wallet's included (`&dyn Signer`); the other
    /// signers are shared ones (`Sync`, as keypairs are), so that the future of a send paid
    /// by a keypair can be spawned on another thread.
    pub async fn send<P: Signer + ?Sized>(
        &self,
        instructions: &[Instruction],
        payer: &P,
        signers: &[&(dyn Signer + Sync)],
    ) -> Result<Signature, ClientError> {
        let first = self.send_once(instructions, payer, signers).await;
        // An account in an earlier layout is upgraded by the transaction that first needs
        // it, paid by its payer (`netstate::state::layouts`).
        let Err(error) = first else {
            return first;
        };
        let error = error.at_deployment(&self.program_id);
        if !error
            .program_error_code()
            .is_some_and(crate::layouts::may_need_upgrade)
        {
            return Err(error);
        }
        let mut upgraded = self.upgrades_for(instructions, &payer.pubkey()).await?;
        if upgraded.is_empty() {
            return Err(error);
        }
        upgraded.extend_from_slice(instructions);
        self.send_once(&upgraded, payer, signers)
            .await
            .map_err(|e| e.at_deployment(&self.program_id))
    }

    async fn send_once<P: Signer + ?Sized>(
        &self,
        instructions: &[Instruction],
        payer: &P,
        signers: &[&(dyn Signer + Sync)],
    ) -> Result<Signature, ClientError> {
        let instructions = &self.budgeted(instructions, &payer.pubkey()).await?;
        let mut previous = None;
        let mut last_error = None;
        for _ in 0..=MAX_RESIGNS {
            let blockhash = self.fresh_blockhash(previous).await?;
            previous = Some(blockhash);
            let tx = signed(instructions, payer, signers, blockhash)?;
            let signature = tx.signatures[0];
            if self.landed(&signature).await?.is_some() {
                // The very same bytes were already sent: sign again in a later slot.
                continue;
            }
            match self.rpc.send_and_confirm_transaction(&tx).await {
                Ok(signature) => return Ok(signature),
                Err(error) => {
                    let error = ClientError::from(error);
                    if error.is_replayed() {
                        // These bytes were never sent by this call (their status was checked
                        // just before): another sender's identical transaction landed first.
                        // Sign again in a later slot so that this call does its own work.
                        last_error = Some(error);
                        continue;
                    }
                    let expired = error.is_expired();
                    if !expired && !matches!(error, ClientError::Rpc(_)) {
                        return Err(error);
                    }
                    // An expired blockhash or a lost confirmation: the signature's status
                    // decides, as the Solana CLI does it.
                    match self.landed(&signature).await? {
                        Some(Ok(())) => return Ok(signature),
                        Some(Err(error)) => {
                            return Err(ClientError::from_transaction_error(error, Vec::new()));
                        }
                        None if expired => last_error = Some(error),
                        None => return Err(error),
                    }
                }
            }
        }
        Err(last_error.unwrap_or(ClientError::NoFreshBlockhash))
    }

    /// The status of `signature` if it was processed: `Ok` if it succeeded.
    async fn landed(
        &self,
        signature: &Signature,
    ) -> Result<Option<Result<(), solana_transaction_error::TransactionError>>, ClientError> {
        let statuses = self.rpc.get_signature_statuses(&[*signature]).await?;
        Ok(statuses
            .value
            .into_iter()
            .next()
            .flatten()
            .map(|status| status.status))
    }

    /// The latest blockhash; when `previous` is given, waits (up to 5 s) for one that is
    /// different, so that a transaction signed again is a new transaction.
    async fn fresh_blockhash(
        &self,
        previous: Option<solana_hash::Hash>,
    ) -> Result<solana_hash::Hash, ClientError> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let blockhash = self.rpc.get_latest_blockhash().await?;
            if Some(blockhash) != previous {
                return Ok(blockhash);
            }
            if std::time::Instant::now() > deadline {
                return Err(ClientError::NoFreshBlockhash);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    /// The account at `address`, decoded as `T`.
    pub async fn account<T: NetstateAccount>(&self, address: &Pubkey) -> Result<T, ClientError> {
        accounts::fetch(&self.rpc, &self.program_id, address).await
    }

    /// The society called `name`.
    pub async fn society(&self, name: &str) -> Result<(Pubkey, Society), ClientError> {
        let address = pda::society(&self.program_id, name).0;
        Ok((address, self.account(&address).await?))
    }

    /// `wallet`'s membership of `society`, if any.
    pub async fn member(
        &self,
        society: &Pubkey,
        wallet: &Pubkey,
    ) -> Result<Option<(Pubkey, Member)>, ClientError> {
        let address = pda::member(&self.program_id, society, wallet).0;
        Ok(
            accounts::fetch_optional(&self.rpc, &self.program_id, &address)
                .await?
                .map(|m| (address, m)),
        )
    }

    /// The node `code` of `society`.
    pub async fn node(&self, society: &Pubkey, code: &str) -> Result<(Pubkey, Node), ClientError> {
        let address = pda::node(&self.program_id, society, code).0;
        Ok((address, self.account(&address).await?))
    }

    /// Proposal number `index` of `society`.
    pub async fn proposal(
        &self,
        society: &Pubkey,
        index: u64,
    ) -> Result<(Pubkey, Proposal), ClientError> {
        let address = pda::proposal(&self.program_id, society, index).0;
        Ok((address, self.account(&address).await?))
    }

    /// Every society.
    pub async fn societies(&self) -> Result<Vec<(Pubkey, Society)>, ClientError> {
        accounts::societies(&self.rpc, &self.program_id).await
    }

    /// A society's members.
    pub async fn members(&self, society: &Pubkey) -> Result<Vec<(Pubkey, Member)>, ClientError> {
        accounts::members(&self.rpc, &self.program_id, society).await
    }

    /// A society's members as an index of (address, handle), by handle: see
    /// [`accounts::member_index`].
    pub async fn member_index(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<(Pubkey, String)>, ClientError> {
        accounts::member_index(&self.rpc, &self.program_id, society).await
    }

    /// A society's roll (address, wallet, standing and handle of each member, by handle):
    /// see [`accounts::member_roll`].
    pub async fn member_roll(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<accounts::RollEntry>, ClientError> {
        accounts::member_roll(&self.rpc, &self.program_id, society).await
    }

    /// The lines of a society's roll whose handle starts with `prefix`: see
    /// [`accounts::roll_by_handle_prefix`].
    pub async fn roll_by_handle_prefix(
        &self,
        society: &Pubkey,
        prefix: &str,
    ) -> Result<Vec<accounts::RollEntry>, ClientError> {
        accounts::roll_by_handle_prefix(&self.rpc, &self.program_id, society, prefix).await
    }

    /// Up to `limit` of a society's members in wallet order after `after`: see
    /// [`accounts::members_after`].
    pub async fn members_after(
        &self,
        society: &Pubkey,
        after: Option<&Pubkey>,
        limit: usize,
    ) -> Result<Vec<(Pubkey, Member)>, ClientError> {
        accounts::members_after(&self.rpc, &self.program_id, society, after, limit).await
    }

    /// A society's members whose wallet starts with `byte`, in wallet order: see
    /// [`accounts::members_with_wallet_byte`].
    pub async fn members_with_wallet_byte(
        &self,
        society: &Pubkey,
        byte: u8,
    ) -> Result<Vec<(Pubkey, Member)>, ClientError> {
        accounts::members_with_wallet_byte(&self.rpc, &self.program_id, society, byte).await
    }

    /// The Member accounts at `addresses`, in their order.
    pub async fn members_at(
        &self,
        addresses: &[Pubkey],
    ) -> Result<Vec<(Pubkey, Member)>, ClientError> {
        accounts::members_at(&self.rpc, &self.program_id, addresses).await
    }

    /// A society's nodes.
    pub async fn nodes(&self, society: &Pubkey) -> Result<Vec<(Pubkey, Node)>, ClientError> {
        accounts::nodes(&self.rpc, &self.program_id, society).await
    }

    /// A society's proposals, optionally only those with `status`.
    pub async fn proposals(
        &self,
        society: &Pubkey,
        status: Option<ProposalStatus>,
    ) -> Result<Vec<(Pubkey, Proposal)>, ClientError> {
        accounts::proposals(&self.rpc, &self.program_id, society, status).await
    }

    /// The sponsorships `sponsor` gave, in every society.
    pub async fn sponsorships_by(
        &self,
        sponsor: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Sponsorship)>, ClientError> {
        accounts::sponsorships_by(&self.rpc, &self.program_id, sponsor).await
    }

    /// A society's members of one status (lapsed ones, say), by handle.
    pub async fn members_with_status(
        &self,
        society: &Pubkey,
        status: crate::MemberStatus,
    ) -> Result<Vec<(Pubkey, Member)>, ClientError> {
        accounts::members_with_status(&self.rpc, &self.program_id, society, status).await
    }

    /// The objection records of a proposal.
    pub async fn objections(
        &self,
        proposal: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Objection)>, ClientError> {
        accounts::objections(&self.rpc, &self.program_id, proposal).await
    }

    /// The vote records of a proposal.
    pub async fn votes(&self, proposal: &Pubkey) -> Result<Vec<(Pubkey, VoteRecord)>, ClientError> {
        accounts::votes(&self.rpc, &self.program_id, proposal).await
    }

    /// Simulates `prove_residency` for `wallet` at hub `code` (all days with `window_days`
    /// 0, else the last `window_days`) with `payer` as the (unsigned) fee payer: the days
    /// present, or the program's refusal (`NotResidentLongEnough`).
    pub async fn prove_residency(
        &self,
        society: &Pubkey,
        code: &str,
        wallet: &Pubkey,
        min_days: u32,
        window_days: u32,
        payer: &Pubkey,
    ) -> Result<u32, ClientError> {
        use base64::Engine;
        use solana_client::rpc_config::RpcSimulateTransactionConfig;
        let ix = crate::instructions::prove_residency(
            &self.program_id,
            society,
            code,
            wallet,
            min_days,
            window_days,
        );
        let tx = Transaction::new_with_payer(&[ix], Some(payer));
        let config = RpcSimulateTransactionConfig {
            sig_verify: false,
            replace_recent_blockhash: true,
            ..Default::default()
        };
        let result = self
            .rpc
            .simulate_transaction_with_config(&tx, config)
            .await?
            .value;
        if let Some(error) = result.err {
            return Err(ClientError::from_transaction_error(
                error.into(),
                result.logs.unwrap_or_default(),
            )
            .at_deployment(&self.program_id));
        }
        let bytes = result
            .return_data
            .and_then(|r| {
                base64::engine::general_purpose::STANDARD
                    .decode(r.data.0)
                    .ok()
            })
            .unwrap_or_default();
        let days: [u8; 4] = bytes
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .unwrap_or_default();
        Ok(u32::from_le_bytes(days))
    }

    /// A wallet's residencies.
    pub async fn residencies(
        &self,
        wallet: &Pubkey,
    ) -> Result<Vec<(Pubkey, Residency)>, ClientError> {
        accounts::residencies(&self.rpc, &self.program_id, wallet).await
    }

    /// Every wallet's residency at `node` (a hub's Node account): who was ever present
    /// there, with their days and last day.
    pub async fn residents(&self, node: &Pubkey) -> Result<Vec<(Pubkey, Residency)>, ClientError> {
        accounts::residents(&self.rpc, &self.program_id, node).await
    }

    /// A society's Country records (its active hubs per country), by code.
    pub async fn countries(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Country)>, ClientError> {
        accounts::countries(&self.rpc, &self.program_id, society).await
    }

    /// A society's frozen censuses, by epoch.
    pub async fn censuses(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Census)>, ClientError> {
        accounts::censuses(&self.rpc, &self.program_id, society).await
    }

    /// The treaties `society` is party to.
    pub async fn treaties(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Treaty)>, ClientError> {
        accounts::treaties(&self.rpc, &self.program_id, society).await
    }

    /// The visitors `society` has hosted under treaties.
    pub async fn visitors(
        &self,
        society: &Pubkey,
    ) -> Result<Vec<(Pubkey, crate::Visitor)>, ClientError> {
        accounts::visitors(&self.rpc, &self.program_id, society).await
    }

    /// Every account the census of `society` is made of (each read once), with the
    /// treasury's balance and the cluster's day.
    pub async fn census_data(
        &self,
        society: &Pubkey,
    ) -> Result<crate::census::CensusData, ClientError> {
        let society_account: Society = self.account(society).await?;
        let nodes = self.nodes(society).await?;
        let mut residencies = Vec::new();
        for (address, _) in &nodes {
            residencies.extend(self.residents(address).await?);
        }
        Ok(crate::census::CensusData {
            program_id: self.program_id,
            address: *society,
            society: society_account,
            members: self.members(society).await?,
            nodes,
            countries: self.countries(society).await?,
            censuses: self.censuses(society).await?,
            residencies,
            visitors: self.visitors(society).await?,
            treasury_lamports: self
                .rpc
                .get_balance(&pda::treasury(&self.program_id, society).0)
                .await?,
            today: self.today().await?,
        })
    }

    /// What executing `proposal` needs beyond it: the mint's token program for token
    /// actions, the society's contribution mint, the retired hub's country.
    pub async fn execute_context(
        &self,
        proposal: &Proposal,
    ) -> Result<crate::instructions::ExecuteContext, ClientError> {
        let society: Society = self.account(&proposal.society).await?;
        let mut with = crate::instructions::ExecuteContext {
            contribution_mint: society.contribution_mint,
            ..Default::default()
        };
        let mint = match &proposal.action {
            ProposalAction::MintContribution { .. } => society.contribution_mint,
            action => action.treasury_mint(),
        };
        if let Some(mint) = mint {
            with.token_program = self.rpc.get_account(&mint).await?.owner;
        }
        if let ProposalAction::RetireNode { code } = &proposal.action {
            with.node_country = Some(self.node(&proposal.society, code).await?.1.country);
        }
        Ok(with)
    }

    /// The treasury's SOL and token balances.
    pub async fn treasury(&self, society: &Pubkey) -> Result<TreasuryBalances, ClientError> {
        use solana_client::rpc_request::TokenAccountsFilter;
        let address = pda::treasury(&self.program_id, society).0;
        let lamports = self.rpc.get_balance(&address).await?;
        let mut tokens = Vec::new();
        for program in [anchor_spl::token::ID, anchor_spl::token_2022::ID] {
            let accounts = self
                .rpc
                .get_token_accounts_by_owner(&address, TokenAccountsFilter::ProgramId(program))
                .await?;
            for keyed in accounts {
                let account: Pubkey = keyed
                    .pubkey
                    .parse()
                    .map_err(|_| ClientError::AccountNotFound(address))?;
                let balance = self.rpc.get_token_account_balance(&account).await?;
                let mint = match &keyed.account.data {
                    solana_account_decoder_client_types::UiAccountData::Json(parsed) => parsed
                        .parsed
                        .get("info")
                        .and_then(|i| i.get("mint"))
                        .and_then(|m| m.as_str())
                        .and_then(|m| m.parse().ok()),
                    _ => None,
                };
                let unexpected = |what: &str| ClientError::UnexpectedAnswer {
                    request: "getTokenAccountsByOwner",
                    answer: format!("{what} of the treasury's token account {account}"),
                };
                let amount = balance
                    .amount
                    .parse()
                    .map_err(|_| unexpected("an unreadable amount"))?;
                let mint = mint.ok_or_else(|| unexpected("no mint"))?;
                tokens.push((mint, account, amount, balance.decimals));
            }
        }
        Ok(TreasuryBalances {
            address,
            lamports,
            tokens,
        })
    }

    /// The cluster's UTC day (days since 1970-01-01), as the program counts days.
    pub async fn today(&self) -> Result<u32, ClientError> {
        let now = self.unix_time().await?;
        u32::try_from(now.div_euclid(netstate::constants::SECONDS_PER_DAY))
            .map_err(|_| ClientError::ClockOutOfRange(now))
    }

    /// Asks the cluster's faucet (a local node, devnet, testnet) for `lamports` for `to` and
    /// waits for the airdrop to be confirmed (feature `localnet`).
    #[cfg(feature = "localnet")]
    pub async fn airdrop(&self, to: &Pubkey, lamports: u64) -> Result<Signature, ClientError> {
        let signature = self.rpc.request_airdrop(to, lamports).await?;
        self.rpc.confirm_transaction(&signature).await?;
        Ok(signature)
    }

    /// The cluster's time (unix seconds), read from the Clock sysvar: the time the program
    /// itself sees, on any cluster and on a local node whose clock was warped.
    pub async fn unix_time(&self) -> Result<i64, ClientError> {
        use anchor_lang::solana_program::sysvar::SysvarId;
        let address = anchor_lang::prelude::Clock::id();
        let clock = self.rpc.get_account(&address).await?;
        // Clock's bincode layout: slot, epoch_start_timestamp, epoch, leader_schedule_epoch,
        // unix_timestamp, eight bytes each.
        let bytes: [u8; 8] = clock
            .data
            .get(32..40)
            .and_then(|b| b.try_into().ok())
            .ok_or(ClientError::WrongAccountType {
                address,
                expected: "Clock sysvar",
            })?;
        Ok(i64::from_le_bytes(bytes))
    }

    /// Moves a local node's clock forward (the `netstate_warpClock` admin method of
    /// `netstate-localnet`; real clusters do not have it; feature `localnet`).
    #[cfg(feature = "localnet")]
    pub async fn warp_clock(&self, seconds: i64) -> Result<i64, ClientError> {
        let answer: serde_json::Value = self
            .rpc
            .send(
                solana_client::rpc_request::RpcRequest::Custom {
                    method: "netstate_warpClock",
                },
                serde_json::json!([seconds]),
            )
            .await?;
        answer
            .get("unixTimestamp")
            .and_then(|t| t.as_i64())
            .ok_or_else(|| ClientError::UnexpectedAnswer {
                request: "netstate_warpClock",
                answer: answer.to_string(),
            })
    }
}

/// `instructions` in a transaction paid by `payer`, signed by it and by `signers` (the payer
/// once if it is among them) over `blockhash`.
fn signed<P: Signer + ?Sized>(
    instructions: &[Instruction],
    payer: &P,
    signers: &[&(dyn Signer + Sync)],
    blockhash: solana_hash::Hash,
) -> Result<Transaction, ClientError> {
    let payer_key = payer.pubkey();
    let mut tx = Transaction::new_with_payer(instructions, Some(&payer_key));
    let mut keys: Vec<&dyn Signer> = Vec::with_capacity(signers.len() + 1);
    // `&P` is a `Signer` (and sized) whatever `P` is: the payer goes in by reference.
    keys.push(&payer);
    keys.extend(
        signers
            .iter()
            .map(|k| *k as &dyn Signer)
            .filter(|k| k.pubkey() != payer_key),
    );
    tx.try_sign(&keys, blockhash)
        .map_err(|e| ClientError::Signing(e.to_string()))?;
    Ok(tx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_keeps_the_cluster_deployment_commitment_and_fees() {
        let id = Pubkey::new_unique();
        let client = NetstateClient::with_commitment(
            "http://127.0.0.1:1",
            id,
            CommitmentConfig::finalized(),
        )
        .with_compute_unit_price(crate::fees::ComputeUnitPrice::Fixed(5));
        let clone = client.clone();
        assert_eq!(
            (
                clone.rpc().url(),
                *clone.program_id(),
                clone.rpc().commitment(),
                clone.compute_unit_price(),
            ),
            (
                "http://127.0.0.1:1".to_string(),
                id,
                CommitmentConfig::finalized(),
                crate::fees::ComputeUnitPrice::Fixed(5),
            )
        );
    }
}
