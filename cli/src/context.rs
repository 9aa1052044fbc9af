//! A connected command: the client, the signer, the society, and (in embedded mode) the
//! local node running in-process for the duration of the call.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use netstate_client::{ClientError, NetstateClient, Society};
use netstate_localnet::{EngineConfig, Localnet};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::config::{self, SolanaConfig};
use crate::{CliError, GlobalArgs};

/// Lamports an embedded keypair is topped up to when it runs low: 100 SOL.
const EMBEDDED_FUNDING: u64 = 100_000_000_000;

/// Everything a command needs.
pub struct Context {
    /// The client.
    pub client: NetstateClient,
    /// Signs and pays; read-only commands run without one (see [`Context::keypair`]).
    keypair: Result<Box<dyn Signer>, CliError>,
    /// The society named by `--society` or the saved default.
    pub society: Option<String>,
    /// The RPC URL (for messages and explorer links).
    pub url: String,
    embedded: Option<Localnet>,
    /// Offline co-signing flags.
    offline: crate::offline::Offline,
    /// What `--sign-only` produced, in place of the command's own output.
    signed_offline: std::sync::Mutex<Option<crate::Output>>,
    /// How results are printed (for commands that stream their own lines).
    pub output: crate::OutputFormat,
}

fn client_error(url: &str, error: ClientError) -> CliError {
    let expired = error.is_expired();
    match error {
        // Nothing answered at all (the transport failed before any RPC answer): say so, not
        // what the request was for.
        ClientError::Rpc(e) if e.to_string().contains("error sending request") => CliError {
            name: "NodeUnreachable".into(),
            ..CliError::new(format!("nothing answers at {url}"))
        }
        .with_hint(if config::is_local_url(url) {
            "start a local node with `netstate localnet` (or `netstate localnet --embedded` for the embedded ledger), or drop --url to use the embedded ledger"
        } else {
            "check the URL and the network; `-u devnet`, `-u mainnet-beta` and `-u localhost` name the usual ones"
        }),
        ClientError::Rpc(e) => CliError {
            name: "RpcError".into(),
            ..CliError::new(format!("cannot reach {url}: {e}"))
        }
        .with_hint("is the node running and the URL right?"),
        ClientError::Program { error, logs } if error.name == "AccountNotInitialized" => {
            missing_account(&logs).unwrap_or_else(|| CliError {
                code: Some(error.code),
                ..CliError::new(error.message).named(error.name)
            })
        }
        ClientError::Program { error, logs } => {
            let mut message = error.message;
            if !logs.is_empty() && std::env::var_os("NETSTATE_SHOW_LOGS").is_some() {
                message.push_str("\n  logs:\n    ");
                message.push_str(&logs.join("\n    "));
            }
            let hint = hint(&error.name);
            CliError {
                message,
                name: error.name,
                code: Some(error.code),
                hint: hint.map(str::to_string),
            }
        }
        ClientError::Transaction { error, .. } => {
            let failed = CliError {
                name: format!("{error:?}")
                    .split(['(', ' '])
                    .next()
                    .unwrap_or("TransactionError")
                    .to_string(),
                ..CliError::new(format!("transaction failed: {error}"))
            };
            if expired {
                failed.with_hint(
                    "a blockhash is valid for about a minute: sign again with a new one, or sign on a durable nonce (`netstate wallet nonce create`, then --nonce) so that it waits until used",
                )
            } else {
                failed
            }
        }
        e @ ClientError::UnknownLayout { .. } => CliError {
            name: "UnknownLayout".into(),
            ..CliError::new(e.to_string())
        }
        .with_hint(
            "on a local ledger made by another netstate, start it again: `netstate localnet --ledger DIR --reset` (the embedded ledger lives in netstate's data directory, `ledger`)",
        ),
        other => CliError::new(other.to_string()),
    }
}

/// Names what is missing when the program found an account it needs uninitialized: Anchor's
/// report in `logs` says which account (`AnchorError caused by account: proposer_member`).
/// A Member that does not exist is a wallet that is not a member; a Proposal, Node or
/// Society, one that was never created.
fn missing_account(logs: &[String]) -> Option<CliError> {
    let account = logs.iter().find_map(|line| {
        let rest = line.split("AnchorError caused by account: ").nth(1)?;
        rest.split('.').next().map(str::to_string)
    })?;
    let (name, message, hint) = if account == "member" || account.ends_with("_member") {
        (
            "NotAMember",
            format!(
                "the wallet is not a member of the society (its Member account, `{account}`, does not exist)"
            ),
            "apply with `netstate member apply`; `netstate member show WALLET` says where a wallet stands",
        )
    } else if account == "proposal" {
        (
            "ProposalNotFound",
            "no such proposal in the society".to_string(),
            "list them with `netstate proposal list`",
        )
    } else if account == "node" {
        (
            "HubNotFound",
            "no such hub in the society".to_string(),
            "list them with `netstate node list`",
        )
    } else if account == "society" || account.ends_with("society") || account == "partner" {
        (
            "SocietyNotFound",
            format!("no such society (`{account}` does not exist)"),
            "list them with `netstate society list`",
        )
    } else {
        (
            "AccountNotInitialized",
            format!("the account `{account}` this needs does not exist yet"),
            "`netstate ... show` commands say what exists",
        )
    };
    Some(CliError::new(message).named(name).with_hint(hint))
}

/// What to do next, for the refusals people meet most, chosen by the error's name alone
/// where the name says enough (a missing account is never guessed at: the commands check
/// what they name before sending).
fn hint(name: &str) -> Option<&'static str> {
    Some(match name {
        "NotACitizen" => {
            "only citizens may do this: `netstate member show` says where you stand (apply with `netstate member apply`, wait to be admitted, or pay lapsed dues with `netstate member pay-dues`)"
        }
        "AlreadyMember" => "you are already a member: see `netstate member show`",
        "NotTheSteward" | "StewardshipEnded" => {
            "this needs the steward, or a proposal: `netstate proposal create`"
        }
        "AlreadyCheckedInToday" => "one check-in per hub per UTC day: come back tomorrow",
        "ProposalNotYetExecutable" => "the timelock is still running: see `netstate proposal show`",
        "OutcomeNotYetDecided" => "voting is still open and undecided: wait for it to end",
        "VoteUnchanged" => "that is already your vote",
        "NotEligibleToVote" => {
            "only citizens admitted before the proposal was created may vote on it"
        }
        "OpenProposalsOutstanding" => {
            "cancel your open proposals first with `netstate proposal cancel N`, or wait for their vote to end"
        }
        "StewardNotACitizen" => "name a citizen: see `netstate member list`",
        "AccountDidNotDeserialize" => {
            "an account may be in a layout of an older netstate release: `netstate society upgrade` rewrites the society's accounts in the current one"
        }
        "ResultWithNegativeLamports" => {
            "get SOL with `netstate wallet airdrop` (local ledgers, devnet)"
        }
        _ => return None,
    })
}

impl Context {
    /// The Solana CLI config in force (`--config`, else the default file if it exists).
    fn solana_config(global: &GlobalArgs) -> Result<SolanaConfig, CliError> {
        Ok(match &global.config {
            Some(path) => config::read_solana_config(path)?,
            None => match config::default_solana_config().filter(|p| p.exists()) {
                Some(path) => config::read_solana_config(&path)?,
                None => SolanaConfig::default(),
            },
        })
    }

    /// The cluster URL the flags and config name, resolved; `None` for the embedded ledger.
    /// Reads no keypair, so a command can check where it would go before anything else.
    pub fn target_url(global: &GlobalArgs) -> Result<Option<String>, CliError> {
        let solana = Self::solana_config(global)?;
        global
            .url
            .clone()
            .or(solana.json_rpc_url)
            .filter(|u| !config::is_embedded_moniker(u))
            .map(|u| config::resolve_url(&u).map_err(CliError::new))
            .transpose()
    }

    /// Where the signer comes from: `-k`, else (for a cluster) the Solana config's
    /// `keypair_path`, else `~/.config/solana/id.json`; on the embedded ledger, the embedded
    /// keypair unless `-k` says otherwise (a Solana config's keypair is for the clusters it
    /// names); on a node of this machine with no Solana CLI keypair, netstate's own. The
    /// second value is true when that is the embedded keypair, made on first use.
    pub fn signer_source(global: &GlobalArgs) -> Result<(std::path::PathBuf, bool), CliError> {
        if let Some(path) = &global.keypair {
            return Ok((path.clone(), false));
        }
        let Some(url) = Self::target_url(global)? else {
            return Ok((config::data_dir()?.join("id.json"), true));
        };
        let path = Self::solana_config(global)?
            .keypair_path
            .or_else(dirs_keypair);
        // On a node of this machine with no Solana CLI keypair, netstate's own keypair (the
        // embedded ledger's) signs: a session goes on against `netstate localnet` as it began.
        // A signer that is not a file (`usb://ledger`, `prompt://`, `stdin`) is the user's
        // own choice and is never stood in for.
        let named_elsewhere = |p: &std::path::Path| {
            let text = p.to_string_lossy();
            text.contains("://") || text == "stdin" || text == "-" || text == "ASK"
        };
        if config::is_local_url(&url)
            && !path
                .as_ref()
                .is_some_and(|p| p.exists() || named_elsewhere(p))
        {
            let own = config::data_dir()?.join("id.json");
            if own.exists() {
                return Ok((own, false));
            }
        }
        path.map(|path| (path, false))
            .ok_or_else(|| CliError::new("no keypair: pass --keypair FILE"))
    }

    /// The signer: read from its source; the embedded keypair is created on first use.
    pub fn signer(global: &GlobalArgs) -> Result<Box<dyn Signer>, CliError> {
        let (path, embedded) = Self::signer_source(global)?;
        if embedded && !path.exists() {
            let keypair = Keypair::new();
            config::write_keypair(&path, &keypair)?;
            return Ok(Box::new(keypair));
        }
        Ok(config::read_signer(&path)?)
    }

    /// Resolves URL, keypair and commitment; starts the embedded node when there is no URL.
    pub async fn connect(global: &GlobalArgs) -> Result<Self, CliError> {
        let solana = Self::solana_config(global)?;
        let commitment = match global
            .commitment
            .as_deref()
            .or(solana.commitment.as_deref())
        {
            Some(level) => config::parse_commitment(level)?,
            None => solana_commitment_config::CommitmentConfig::confirmed(),
        };
        let url = global.url.clone().or(solana.json_rpc_url.clone());
        let data = config::data_dir()?;
        // `-u embedded` names the embedded ledger even when a Solana config names a cluster.
        let url = url.filter(|u| !config::is_embedded_moniker(u));
        let on_embedded_ledger = url.is_none();
        let (url, embedded) = match url {
            Some(url) => (config::resolve_url(&url)?, None),
            None => match start_embedded(&data).await? {
                // A door, dashboard or local node holds the ledger: use its node.
                EmbeddedLedger::Shared(url) => (url, None),
                EmbeddedLedger::Own(node) => {
                    let notice = data.join(".embedded-notice-shown");
                    if !notice.exists() {
                        eprintln!(
                            "note: no --url and no Solana CLI config: using the embedded local ledger in {} \
                             (keypair {}). Pass --url to use a cluster.",
                            data.join("ledger").display(),
                            data.join("id.json").display()
                        );
                        let _ = std::fs::write(&notice, "");
                    }
                    (node.url(), Some(node))
                }
            },
        };
        Self::finish_connect(global, &data, commitment, url, embedded, on_embedded_ledger).await
    }

    /// The rest of [`Self::connect`], once the node is known: the signer, the fee, the
    /// program id, the embedded keypair's funds, the society and the offline flags.
    /// `on_embedded_ledger` is true when `url` serves the embedded ledger, in this process
    /// (`embedded`) or in another netstate command that holds it.
    async fn finish_connect(
        global: &GlobalArgs,
        data: &std::path::Path,
        commitment: solana_commitment_config::CommitmentConfig,
        url: String,
        embedded: Option<Localnet>,
        on_embedded_ledger: bool,
    ) -> Result<Self, CliError> {
        // A missing keypair stops only the commands that sign (at `send`), so that reading a
        // cluster needs no key. The embedded keypair is made on first use, so it is never
        // missing.
        let keypair = Self::signer(global);
        if global.keypair.is_some() {
            // A keypair named with -k must be readable, whatever the command: it is a mistake
            // worth saying at once.
            keypair.as_ref().map_err(Clone::clone)?;
        }
        let price = match (global.with_compute_unit_price, global.priority) {
            (Some(price), _) => netstate_client::ComputeUnitPrice::Fixed(price),
            (None, Some(crate::Priority::Auto)) => netstate_client::ComputeUnitPrice::Auto,
            (None, None) => netstate_client::ComputeUnitPrice::None,
        };
        if price == netstate_client::ComputeUnitPrice::Auto
            && (global.sign_only || !global.signers.is_empty())
        {
            return Err(CliError::new(
                "--priority auto picks a price at sending time, so the two sides of an offline signature could differ: give both the same --with-compute-unit-price",
            ));
        }
        let program = crate::program_id::resolve(
            global.program_id.as_deref(),
            &std::env::current_dir().unwrap_or_default(),
            (!on_embedded_ledger).then_some(url.as_str()),
        )?;
        let client = NetstateClient::with_commitment(url.clone(), program.id, commitment)
            .with_compute_unit_price(price);
        // Another id than this build's is checked once, so that a mistyped or undeployed id
        // is named instead of every account being "not found" (the build's own id is not:
        // that would cost every command a round trip).
        if program.id != netstate_client::PROGRAM_ID {
            let account = client
                .rpc()
                .get_account_with_commitment(&program.id, commitment)
                .await
                .map_err(|e| client_error(&url, e.into()))?
                .value;
            let place = match on_embedded_ledger {
                true => format!(
                    "the embedded local ledger (it serves netstate at {})",
                    netstate_localnet::program_ids()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                false => url.clone(),
            };
            crate::program_id::check_deployed(&program, account.map(|a| a.executable), &place)?;
        }
        if on_embedded_ledger {
            let keypair = keypair.as_ref().map_err(Clone::clone)?;
            let balance = client
                .rpc()
                .get_balance(&keypair.pubkey())
                .await
                .unwrap_or(0);
            if balance < EMBEDDED_FUNDING / 20 {
                client
                    .airdrop(&keypair.pubkey(), EMBEDDED_FUNDING)
                    .await
                    .map_err(|e| CliError::new(format!("cannot fund the embedded keypair: {e}")))?;
            }
        }
        let society = global.society.clone().or_else(|| saved_society(data));
        let offline = crate::offline::Offline::parse(
            global.sign_only,
            global.blockhash.as_deref(),
            &global.signers,
            global.fee_payer.as_deref(),
            global.nonce.as_deref(),
            global.nonce_authority.as_deref(),
        )?;
        Ok(Self {
            client,
            keypair,
            society,
            url,
            embedded,
            offline,
            signed_offline: std::sync::Mutex::new(None),
            output: global.output,
        })
    }

    /// For a command that serves until stopped (door, dashboard): while the returned guard
    /// lives, other netstate commands use this command's node for the embedded ledger it
    /// holds, instead of waiting for the ledger. None when the command is not on it.
    pub fn share_embedded(&self) -> Result<Option<SharedLedger>, CliError> {
        match &self.embedded {
            Some(node) => SharedLedger::announce(&config::data_dir()?, &node.url()).map(Some),
            None => Ok(None),
        }
    }

    /// True for the embedded ledger and for nodes on this machine (127.0.0.1, localhost).
    pub fn is_local(&self) -> bool {
        self.embedded.is_some() || config::is_local_url(&self.url)
    }

    /// The signer, or why there is none (no `-k`, no config keypair, an unreadable file).
    pub fn keypair(&self) -> Result<&dyn Signer, CliError> {
        self.keypair
            .as_ref()
            .map(|signer| signer.as_ref())
            .map_err(Clone::clone)
    }

    /// The signer's address, for the instructions a command builds. Without a keypair it is
    /// the default (all-zero) address, which never reaches the cluster: [`Context::send`]
    /// refuses first. Defaults shown to people ("your membership") use [`Context::wallet_or_me`].
    pub fn me(&self) -> Pubkey {
        self.keypair
            .as_ref()
            .map(|k| k.pubkey())
            .unwrap_or_default()
    }

    /// `wallet` if given, else the signer's address; without either, says how to name one.
    pub fn wallet_or_me(&self, wallet: Option<&str>) -> Result<Pubkey, CliError> {
        match wallet {
            Some(text) => crate::parse_pubkey(text, "wallet"),
            None => self.keypair().map(|k| k.pubkey()).map_err(|e| {
                CliError::new(format!(
                    "name a WALLET, or give the keypair whose wallet this is ({})",
                    e.message
                ))
            }),
        }
    }

    /// Fails, naming the missing membership before the program would refuse an
    /// uninitialized account, unless `wallet` is a member of `society` (called `name`).
    pub async fn require_member(
        &self,
        society: &Pubkey,
        name: &str,
        wallet: &Pubkey,
    ) -> Result<(Pubkey, netstate_client::Member), CliError> {
        match self.client.member(society, wallet).await {
            Ok(Some(member)) => Ok(member),
            Ok(None) => Err(CliError::new(format!(
                "{wallet} is not a member of {name}: apply first with `netstate member apply`"
            ))),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The cluster's current UTC day (days since 1970-01-01), as the program counts days.
    pub async fn today(&self) -> Result<u32, CliError> {
        self.client.today().await.map_err(|e| self.error(e))
    }

    /// Stops the embedded node, if any.
    pub async fn close(self) {
        if let Some(node) = self.embedded {
            node.stop().await;
        }
    }

    /// What `--sign-only` signed, if the command ran that way: it replaces the command's
    /// own output.
    pub fn signed_offline(&self) -> Option<crate::Output> {
        self.signed_offline.lock().ok().and_then(|mut o| o.take())
    }

    /// Sends `instructions`, paid and signed by the context keypair and `signers`, with a
    /// spinner on stderr while it waits for confirmation (only when stderr is a terminal).
    /// With the offline flags: signs and records the signatures (`--sign-only`), or
    /// completes the transaction with signatures made elsewhere (`--signer`).
    pub async fn send(
        &self,
        instructions: &[Instruction],
        signers: &[&(dyn Signer + Sync)],
    ) -> Result<String, CliError> {
        // A signer whose key is not here (a door that signs elsewhere) makes it an offline
        // transaction: completed with --signer, or refused naming who is missing.
        let here = |key: &Pubkey| {
            signers.iter().any(|k| k.pubkey() == *key)
                || self.keypair().is_ok_and(|k| k.pubkey() == *key)
        };
        let all_here = instructions
            .iter()
            .flat_map(|ix| ix.accounts.iter())
            .filter(|meta| meta.is_signer)
            .all(|meta| here(&meta.pubkey));
        if self.offline.is_active() || !all_here {
            return self.send_offline(instructions, signers).await;
        }
        self.note_mainnet();
        let spinner = spinner();
        let result = self
            .client
            .send(instructions, self.keypair()?, signers)
            .await
            .map(|s| s.to_string())
            .map_err(|e| self.error(e));
        if let Some(spinner) = spinner {
            spinner.abort();
            eprint!("\r\x1b[2K");
        }
        result
    }

    /// Names the cluster on stderr before anything is sent to mainnet-beta.
    fn note_mainnet(&self) {
        if config::is_mainnet(&self.url) {
            eprintln!(
                "note: sending to mainnet-beta ({}): fees and amounts are real SOL",
                self.url
            );
        }
    }

    async fn send_offline(
        &self,
        instructions: &[Instruction],
        signers: &[&(dyn Signer + Sync)],
    ) -> Result<String, CliError> {
        use crate::offline::{NamedSigner, absent, sign, sign_only_output};
        let mut local: Vec<&dyn Signer> = signers.iter().map(|s| *s as &dyn Signer).collect();
        if let Ok(keypair) = self.keypair() {
            local.push(keypair);
        }
        let payer = match &self.offline.fee_payer {
            Some(NamedSigner::Keypair(keypair)) => {
                local.push(keypair);
                keypair.pubkey()
            }
            Some(NamedSigner::Address(address)) => *address,
            None => self.keypair()?.pubkey(),
        };
        // Offline, both sides must build the same message: the price, and no simulated limit.
        let mut instructions = match self.client.compute_unit_price() {
            netstate_client::ComputeUnitPrice::Fixed(price) => {
                netstate_client::fees::with_budget(instructions, None, price)
            }
            _ => instructions.to_vec(),
        };
        let blockhash = match self.offline.nonce {
            Some(nonce) => {
                let authority = match &self.offline.nonce_authority {
                    Some(NamedSigner::Keypair(keypair)) => {
                        local.push(keypair);
                        keypair.pubkey()
                    }
                    Some(NamedSigner::Address(address)) => *address,
                    None => self.keypair()?.pubkey(),
                };
                instructions = netstate_client::nonce::nonced(&instructions, &nonce, &authority);
                self.nonce_blockhash(&nonce, &authority).await?
            }
            None => match self.offline.blockhash {
                Some(blockhash) => blockhash,
                None => self
                    .client
                    .rpc()
                    .get_latest_blockhash()
                    .await
                    .map_err(|e| self.error(e.into()))?,
            },
        };
        let instructions = &instructions;
        let tx = sign(
            instructions,
            &payer,
            blockhash,
            &local,
            &self.offline.presigned,
        )?;
        if self.offline.sign_only {
            if let Ok(mut slot) = self.signed_offline.lock() {
                *slot = Some(sign_only_output(&tx));
            }
            return Ok(String::new());
        }
        let missing = absent(&tx);
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(ToString::to_string).collect();
            return Err(CliError::new(format!(
                "signatures missing for {}: pass --signer PUBKEY=SIGNATURE from the other side's --sign-only output",
                names.join(", ")
            )));
        }
        self.note_mainnet();
        self.client
            .rpc()
            .send_and_confirm_transaction(&tx)
            .await
            .map(|s| s.to_string())
            .map_err(|e| self.error(e.into()))
    }

    /// The blockhash a transaction on the durable nonce `nonce` signs: `--blockhash` as
    /// given (offline, the nonce's value read earlier), else the nonce's value read now.
    /// Online, a `--blockhash` that is no longer the nonce's value is named: the nonce was
    /// used or advanced since, and what was signed with it can never land.
    async fn nonce_blockhash(
        &self,
        nonce: &Pubkey,
        authority: &Pubkey,
    ) -> Result<solana_hash::Hash, CliError> {
        let current = if self.offline.sign_only && self.offline.blockhash.is_some() {
            None
        } else {
            let value = self
                .client
                .durable_nonce(nonce)
                .await
                .map_err(|e| self.error(e))?;
            if value.authority != *authority {
                return Err(CliError::new(format!(
                    "nonce {nonce} is advanced by {}, not {authority}: give --nonce-authority",
                    value.authority
                )));
            }
            Some(value.blockhash)
        };
        match (self.offline.blockhash, current) {
            (Some(given), Some(current)) if given != current => Err(CliError::new(format!(
                "nonce {nonce} has moved on since this was signed (it was used or advanced): its value is now {current}; sign again with it"
            ))),
            (Some(given), _) => Ok(given),
            (None, Some(current)) => Ok(current),
            (None, None) => Err(CliError::new("--sign-only needs --blockhash HASH")),
        }
    }

    /// Maps a client error to words.
    pub fn error(&self, error: ClientError) -> CliError {
        use solana_transaction_error::TransactionError as T;
        if let ClientError::Transaction {
            error: T::AccountNotFound | T::InsufficientFundsForFee,
            ..
        } = &error
        {
            // The fee payer has no SOL (a new wallet): name it and how to fund it.
            let payer = match &self.offline.fee_payer {
                Some(named) => Some(named.pubkey()),
                None => self.keypair.as_ref().ok().map(Signer::pubkey),
            };
            if let Some(payer) = payer {
                let how = if self.is_local() || self.url.contains("devnet") {
                    format!("`netstate wallet airdrop 1 {payer}`, or send it SOL")
                } else {
                    "send it SOL".to_string()
                };
                return CliError::new(format!(
                    "the fee payer {payer} has no SOL to pay this transaction's fee"
                ))
                .named("FeePayerUnfunded")
                .with_hint(how);
            }
        }
        client_error(&self.url, error)
    }

    /// The society to act on, and its account.
    pub async fn society(&self) -> Result<(anchor_lang::prelude::Pubkey, Society), CliError> {
        let name = self.society.clone().ok_or_else(|| {
            CliError::new(
                "which society? pass --society NAME (or create one with `netstate society create`)",
            )
        })?;
        crate::society_address(self.client.program_id(), &name)?;
        match self.client.society(&name).await {
            Ok(found) => Ok(found),
            Err(ClientError::AccountNotFound(_)) => Err(self.no_society(&name).await),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The error for a society `name` that does not exist: the closest names there are,
    /// the likeliest first, or how to found one when there is none.
    pub async fn no_society(&self, name: &str) -> CliError {
        let mut names: Vec<String> = match self.client.societies().await {
            Ok(all) => all.into_iter().map(|(_, s)| s.name).collect(),
            Err(e) => return self.error(e),
        };
        if names.is_empty() {
            return CliError::new(format!(
                "no society named {name:?}: there are none yet; found one with `netstate society create`"
            ))
            .named("SocietyNotFound");
        }
        names.sort_by_key(|known| crate::output::edit_distance(name, known));
        let closest = &names[0];
        let message = if crate::output::edit_distance(name, closest) <= name.chars().count() / 2 + 1
        {
            format!(
                "no society named {name:?}: did you mean {closest:?}? (`netstate society list` lists them)"
            )
        } else {
            let list: Vec<String> = names.iter().take(5).map(|n| format!("{n:?}")).collect();
            format!(
                "no society named {name:?}; societies here, closest first: {}",
                list.join(", ")
            )
        };
        CliError::new(message).named("SocietyNotFound")
    }

    /// Another society named on the command line (a treaty partner, a visitor's host, an
    /// applicant's home), refused by name when there is none.
    pub async fn society_named(
        &self,
        name: &str,
    ) -> Result<(anchor_lang::prelude::Pubkey, Society), CliError> {
        match self.client.society(name).await {
            Ok(found) => Ok(found),
            Err(ClientError::AccountNotFound(_)) => Err(self.no_society(name).await),
            Err(e) => Err(self.error(e)),
        }
    }

    /// A link to the transaction on an explorer, for real clusters.
    pub fn explorer(&self, signature: &str) -> Option<String> {
        let cluster = if self.url.contains("devnet") {
            "?cluster=devnet"
        } else if self.url.contains("testnet") {
            "?cluster=testnet"
        } else if self.url.contains("mainnet") {
            ""
        } else {
            return None;
        };
        Some(format!(
            "https://explorer.solana.com/tx/{signature}{cluster}"
        ))
    }
}

/// How long a command waits for another command to release the embedded ledger.
const EMBEDDED_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The file in netstate's data directory that names the JSON-RPC URL of a long-running
/// netstate command (`door`, `dashboard`, `localnet --embedded`) while it holds the
/// embedded ledger, so that other commands use its node instead of waiting for the ledger.
pub const SHARED_NODE_FILE: &str = "embedded-node-url";

/// The embedded ledger, opened here or held by another netstate command.
enum EmbeddedLedger {
    /// This command holds it.
    Own(Localnet),
    /// A long-running command holds it and serves it at this URL.
    Shared(String),
}

/// Tells other commands, while it lives, where the node holding the embedded ledger
/// answers; removes the note when dropped (see [`SHARED_NODE_FILE`]).
pub struct SharedLedger {
    path: std::path::PathBuf,
}

impl SharedLedger {
    /// Notes in `data` that the embedded ledger is served at `url` until this is dropped.
    pub fn announce(data: &std::path::Path, url: &str) -> Result<Self, CliError> {
        let path = data.join(SHARED_NODE_FILE);
        std::fs::create_dir_all(data)
            .and_then(|()| std::fs::write(&path, url))
            .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))?;
        Ok(Self { path })
    }
}

impl Drop for SharedLedger {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The URL another netstate command serves the embedded ledger at, if one does and answers.
pub async fn shared_node(data: &std::path::Path) -> Option<String> {
    let url = std::fs::read_to_string(data.join(SHARED_NODE_FILE)).ok()?;
    let url = url.trim().to_string();
    // Only the node's health is asked: any deployment id does.
    let client = NetstateClient::new(url.clone(), netstate_client::PROGRAM_ID);
    client.rpc().get_health().await.ok()?;
    Some(url)
}

/// Starts the embedded node on the ledger in `data`. If a long-running netstate command
/// holds the ledger and serves it, uses its node; if another command holds it, waits for it
/// (saying so once on stderr) for up to [`EMBEDDED_WAIT`].
async fn start_embedded(data: &std::path::Path) -> Result<EmbeddedLedger, CliError> {
    let deadline = std::time::Instant::now() + EMBEDDED_WAIT;
    let mut said = false;
    loop {
        let config = EngineConfig {
            ledger: Some(data.join("ledger")),
            ..Default::default()
        };
        match Localnet::start(config, 0).await {
            Ok(node) => return Ok(EmbeddedLedger::Own(node)),
            Err(netstate_localnet::StartError::Engine(netstate_localnet::EngineError::Ledger(
                netstate_localnet::LedgerError::InUse(_),
            ))) if std::time::Instant::now() < deadline => {
                if let Some(url) = shared_node(data).await {
                    return Ok(EmbeddedLedger::Shared(url));
                }
                if !said {
                    eprintln!(
                        "note: another netstate command is using the embedded ledger in {}; waiting for it...",
                        data.display()
                    );
                    said = true;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(netstate_localnet::StartError::Engine(netstate_localnet::EngineError::Ledger(
                netstate_localnet::LedgerError::InUse(_),
            ))) => {
                return Err(CliError::new(format!(
                    "the embedded ledger in {} stayed in use by another netstate command for {} s; is a `netstate localnet --ledger` running on it without --embedded? Stop it, or point at it with -u localhost",
                    data.display(),
                    EMBEDDED_WAIT.as_secs()
                )));
            }
            Err(other) => {
                return Err(CliError::new(format!(
                    "cannot start the embedded ledger: {other}"
                )));
            }
        }
    }
}

fn dirs_keypair() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".config/solana/id.json"))
}

/// The default society saved by `society create` / `society use`.
pub fn saved_society(data: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(data.join("config.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("society")?.as_str().map(str::to_string)
}

/// Saves `name` as the default society.
pub fn save_society(name: &str) -> Result<(), CliError> {
    let data = config::data_dir()?;
    std::fs::create_dir_all(&data)
        .map_err(|e| CliError::new(format!("cannot create {}: {e}", data.display())))?;
    std::fs::write(
        data.join("config.json"),
        serde_json::json!({ "society": name }).to_string(),
    )
    .map_err(|e| CliError::new(format!("cannot save the default society: {e}")))
}

/// A spinner on stderr until aborted, when stderr is a terminal.
fn spinner() -> Option<tokio::task::JoinHandle<()>> {
    use std::io::{IsTerminal, Write};
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(tokio::spawn(async {
        const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
        for frame in FRAMES.iter().cycle() {
            eprint!("\r{frame} waiting for confirmation");
            let _ = std::io::stderr().flush();
            tokio::time::sleep(std::time::Duration::from_millis(80)).await;
        }
    }))
}
