//! The engine: LiteSVM with netstate loaded, a clock that follows wall time, recent
//! blockhashes, and the ledger that makes confirmed transactions durable.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use litesvm::LiteSVM;
use solana_account::{AccountSharedData, ReadableAccount};
use solana_clock::Clock;
use solana_hash::Hash;
use solana_keypair::Keypair;
use solana_message::{Message, VersionedMessage};
use solana_pubkey::Pubkey;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_error::TransactionError;

use solana_address_lookup_table_interface::state::AddressLookupTable;
use solana_system_interface::instruction::SystemInstruction;

use crate::ledger::{Ledger, LedgerError, NodeState};
use crate::record::TransactionRecord;

/// Milliseconds per slot, as on mainnet.
pub const SLOT_MS: u128 = 400;
/// How many recent blockhashes stay valid (one per slot), as on mainnet.
pub const MAX_RECENT_BLOCKHASHES: usize = 150;
/// Slots per epoch, as on mainnet.
pub const SLOTS_PER_EPOCH: u64 = 432_000;
/// Lamports per signature.
pub const LAMPORTS_PER_SIGNATURE: u64 = 5_000;
/// What the faucet holds when a ledger is created: 500 million SOL.
pub const FAUCET_LAMPORTS: u64 = 500_000_000 * 1_000_000_000;
/// Slots reserved ahead of the current one in the ledger: the persisted slot is a ceiling
/// the node never serves past without raising it first, so after a restart (even after
/// `kill -9`) the slot resumes above anything a client has seen. One extra write per
/// 1 000 slots (about 7 minutes).
pub const SLOT_RESERVATION: u64 = 1_000;
/// Largest airdrop, lamports (1 000 SOL).
pub const MAX_AIRDROP_LAMPORTS: u64 = 1_000_000_000_000;

/// Loads a native build of netstate into `$svm` at `$id`; `$process` is that build's
/// `native::process_instruction`. Its log reads as the SBF build's (see [`crate::native`]).
macro_rules! add_native {
    ($svm:expr, $id:expr, $process:path) => {{
        install_syscall_stubs();
        let entry: Option<solana_program_runtime::invoke_context::BuiltinFunctionWithContext> =
            crate::native_builtin!($process);
        if let Some(entry) = entry {
            $svm.add_builtin($id, entry);
        }
    }};
}

/// How to start an engine.
#[derive(Debug, Clone, Default)]
pub struct EngineConfig {
    /// Keep the state in this directory; `None` keeps it in memory only.
    pub ledger: Option<PathBuf>,
    /// Delete an existing netstate ledger in `ledger` first.
    pub reset: bool,
    /// Load this compiled `netstate.so` instead of the native builtin. When `None`, the
    /// `.so` in `SBF_OUT_DIR` is used if the variable is set.
    pub program_so: Option<PathBuf>,
    /// Other SBF programs to serve, each at its address (`--bpf-program ADDRESS FILE.so`, as
    /// `solana-test-validator` takes them): loaded at every start, replacing what the node
    /// ships at that address (SPL Token, Token-2022, Associated Token, Memo). Not at
    /// netstate's own ids: that is `program_so`.
    pub programs: Vec<(Pubkey, PathBuf)>,
    /// Accounts a new ledger starts with (`--account ADDRESS FILE.json`, as
    /// `solana-test-validator` takes them): each file as `solana account --output json`
    /// writes it; `None` takes the address from the file. Refused on an existing ledger,
    /// whose accounts its own transactions have written since.
    pub accounts: Vec<(Option<Pubkey>, PathBuf)>,
}

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The ledger could not be opened.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// Another program (`--bpf-program`) could not be served.
    #[error(transparent)]
    OtherProgram(#[from] Box<OtherProgramError>),
    /// A genesis account (`--account`) could not be loaded.
    #[error(transparent)]
    GenesisAccount(#[from] Box<GenesisAccountError>),
    /// The compiled program could not be loaded.
    #[error("cannot load the netstate program from {path}: {detail}")]
    Program {
        /// The `.so` file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
}

/// What the node tells its subscribers (the websocket API), once what it reports is durable.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A transaction was confirmed.
    Confirmed(Arc<Confirmed>),
    /// The node reached a new slot.
    Slot(u64),
}

/// A confirmed transaction, as subscribers see it.
#[derive(Debug)]
pub struct Confirmed {
    /// Its first signature.
    pub signature: Signature,
    /// The slot it landed in.
    pub slot: u64,
    /// Its log.
    pub logs: Vec<String>,
    /// Every account it loaded (static keys, then lookup-table addresses).
    pub keys: Vec<Pubkey>,
    /// Every account it could write, as it left them (`None`: closed).
    pub accounts: Vec<(Pubkey, Option<AccountSharedData>)>,
}

/// Why a `--bpf-program` could not be served.
#[derive(Debug, thiserror::Error)]
#[error("--bpf-program {address} {}: {detail}", path.display())]
pub struct OtherProgramError {
    /// The address asked for.
    pub address: Pubkey,
    /// The `.so` file.
    pub path: PathBuf,
    /// What failed.
    pub detail: String,
}

/// Why an `--account` could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("--account {}: {detail}", path.display())]
pub struct GenesisAccountError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong.
    pub detail: String,
}

/// An account file as `solana account --output json` writes it.
#[derive(serde::Deserialize)]
struct AccountFile {
    pubkey: String,
    account: solana_account_decoder_client_types::UiAccount,
}

/// The address and account in `path`, at `address` when given.
fn account_from_file(
    address: Option<Pubkey>,
    path: &std::path::Path,
) -> Result<(Pubkey, AccountSharedData), GenesisAccountError> {
    let refuse = |detail: String| GenesisAccountError {
        path: path.to_path_buf(),
        detail,
    };
    let text = std::fs::read_to_string(path).map_err(|e| refuse(format!("cannot read it: {e}")))?;
    let file: AccountFile = serde_json::from_str(&text).map_err(|e| {
        refuse(format!(
            "not an account as `solana account --output json` writes it: {e}"
        ))
    })?;
    let address = match address {
        Some(address) => address,
        None => file
            .pubkey
            .parse()
            .map_err(|_| refuse(format!("{:?} is not a base58 address", file.pubkey)))?,
    };
    let account = file
        .account
        .decode::<AccountSharedData>()
        .ok_or_else(|| refuse("its data or owner does not decode".into()))?;
    Ok((address, account))
}

/// Why a transaction was not confirmed.
#[derive(Debug, Clone, PartialEq)]
pub enum SendFailure {
    /// Its signatures do not verify.
    SignatureFailure,
    /// It failed in simulation (or, without preflight, in execution): nothing was stored.
    Failed(Box<Simulation>),
    /// It executed, but its effects could not be written to the ledger. The engine refuses
    /// everything from then on ([`Engine::fault`]); whoever runs it should stop.
    LedgerWrite(String),
}

/// The result of running a transaction without keeping its effects.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// `None` on success.
    pub err: Option<TransactionError>,
    /// Program logs.
    pub logs: Vec<String>,
    /// Compute units consumed.
    pub units: u64,
    /// Return data (program id, bytes), if any.
    pub return_data: Option<(Pubkey, Vec<u8>)>,
    /// Fee it would pay.
    pub fee: u64,
    /// Accounts after, for requested addresses.
    pub accounts: Vec<(Pubkey, AccountSharedData)>,
}

impl Simulation {
    /// Refused before it ran (stale blockhash, replay): no logs, no units.
    fn refused(err: TransactionError, fee: u64) -> Self {
        Self {
            err: Some(err),
            logs: Vec::new(),
            units: 0,
            return_data: None,
            fee,
            accounts: Vec::new(),
        }
    }

    /// It ran and failed.
    fn failed(failed: litesvm::types::FailedTransactionMetadata, fee: u64) -> Self {
        Self {
            err: Some(failed.err),
            return_data: return_data(&failed.meta.return_data),
            logs: failed.meta.logs,
            units: failed.meta.compute_units_consumed,
            fee,
            accounts: Vec::new(),
        }
    }
}

/// Installs, once per process, the runtime's syscall stubs that let a native program log,
/// read sysvars and make CPIs; solana-program-test installs them when it first builds a bank.
fn install_syscall_stubs() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime starts");
        // ProgramTest sets `log` up for itself (debug logging of every instruction). A host
        // that embeds the node keeps its own: its level is put back here, and the node's
        // binaries choose theirs (`cli::run`).
        let host_level = log::max_level();
        #[allow(deprecated)]
        runtime.block_on(async {
            let program = solana_program_test::ProgramTest::default();
            drop(program.start().await);
        });
        log::set_max_level(host_level);
        crate::native::install_stubs();
    });
}

/// LiteSVM as it is, with netstate's native build loaded as the node loads it and nothing
/// else: no ledger, no clock, no signature checks of the node's own, no RPC. What the
/// benchmarks measure the node against (the engine it runs on).
pub fn bare_svm() -> LiteSVM {
    let mut svm = LiteSVM::new();
    add_native!(svm, netstate::ID, netstate::native::process_instruction);
    svm
}

/// The node's state machine. Single-threaded: the server runs it on its own thread.
pub struct Engine {
    svm: LiteSVM,
    ledger: Option<Ledger>,
    state: NodeState,
    started: Instant,
    start_slot: u64,
    recent: VecDeque<(Hash, u64)>,
    faucet: Keypair,
    memory_records: HashMap<Signature, TransactionRecord>,
    /// Without a ledger: the signatures of the confirmed transactions that loaded each
    /// address, oldest first.
    memory_index: HashMap<Pubkey, Vec<(u64, Signature)>>,
    program_so: Option<PathBuf>,
    /// The slot persisted as the ceiling of every slot served (see [`SLOT_RESERVATION`]).
    reserved_slot: u64,
    /// Set when a ledger write failed: the in-memory state is ahead of the disk.
    fault: Option<String>,
    /// The compute unit prices of the recent slots' transactions (not kept across a
    /// restart, as a validator's cache is not).
    fees: crate::fees::PrioritizationFees,
    /// While a group is open ([`Engine::begin_group`]): the writes waiting for its one
    /// commit.
    group: Option<Vec<PendingWrite>>,
    /// The slot and time last written into the Clock sysvar.
    clock_written: Option<(u64, i64)>,
    /// While subscribers may listen ([`Engine::collect_notices`]): what happened since the
    /// last [`Engine::take_notices`].
    notices: Option<Vec<Notice>>,
}

/// A transaction whose every signature verified ([`SignedTransaction::check`]): what
/// [`Engine::send_signed`] takes.
#[derive(Debug, Clone)]
pub struct SignedTransaction(VersionedTransaction);

impl SignedTransaction {
    /// `tx`, once each of its signatures verifies; else [`SendFailure::SignatureFailure`].
    pub fn check(tx: VersionedTransaction) -> Result<Self, SendFailure> {
        if tx.verify_with_results().iter().all(|ok| *ok) {
            Ok(Self(tx))
        } else {
            Err(SendFailure::SignatureFailure)
        }
    }
}

/// One confirmed transaction's (or admin change's) effects, waiting for the group commit.
#[derive(Debug)]
struct PendingWrite {
    accounts: Vec<(Pubkey, Option<AccountSharedData>)>,
    record: Option<(Signature, TransactionRecord, Vec<Pubkey>)>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("state", &self.state)
            .field("ledger", &self.ledger)
            .finish()
    }
}

fn wall_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl Engine {
    /// Starts an engine, loading the ledger's accounts when there is one.
    pub fn open(config: EngineConfig) -> Result<Self, EngineError> {
        let program_so = config.program_so.clone().or_else(|| {
            std::env::var_os("SBF_OUT_DIR")
                .map(|dir| PathBuf::from(dir).join("netstate.so"))
                .filter(|p| p.exists())
        });
        // Signatures are verified by `send` itself (and by sendTransaction before preflight),
        // so that simulations can skip them as `sigVerify: false` asks.
        let mut svm = LiteSVM::new()
            .with_sigverify(false)
            .with_blockhash_check(false)
            .with_transaction_history(0)
            .with_log_bytes_limit(Some(100_000));
        match &program_so {
            Some(path) => {
                svm.add_program_from_file(netstate::ID, path)
                    .map_err(|e| EngineError::Program {
                        path: path.clone(),
                        detail: e.to_string(),
                    })?
            }
            None => add_native!(svm, netstate::ID, netstate::native::process_instruction),
        }
        #[cfg(feature = "relocated")]
        add_native!(
            svm,
            netstate_relocated::ID,
            netstate_relocated::native::process_instruction
        );
        for (id, path) in &config.programs {
            let refuse = |detail: String| {
                Box::new(OtherProgramError {
                    address: *id,
                    path: path.clone(),
                    detail,
                })
            };
            if crate::program_ids().contains(id) {
                return Err(refuse(
                    "that is netstate's own address; load a compiled netstate with --program-so"
                        .into(),
                )
                .into());
            }
            let elf = std::fs::read(path).map_err(|e| refuse(format!("cannot read it: {e}")))?;
            svm.add_program(*id, &elf).map_err(|e| {
                refuse(format!(
                    "not an SBF program the runtime accepts (an ELF built by cargo build-sbf): {e}"
                ))
            })?;
        }

        let (ledger, state) = match &config.ledger {
            Some(dir) => {
                let (ledger, state) = Ledger::open(dir, config.reset)?;
                (Some(ledger), state)
            }
            None => (None, None),
        };
        let is_new = state.is_none();
        let mut state = state.unwrap_or_else(|| NodeState {
            genesis_id: Keypair::new().pubkey().to_bytes(),
            slot: 0,
            clock_offset_secs: 0,
            transaction_count: 0,
        });
        // The persisted slot is a ceiling no served slot ever reached: resume just above it.
        state.slot = state.slot.saturating_add(1);
        // One faucet per ledger: its key is derived from the ledger's genesis id, so every
        // start finds the same account (and its balance) again.
        let faucet = faucet_keypair(&state.genesis_id);
        let mut genesis_accounts = Vec::new();
        if let Some(ledger) = &ledger {
            for (address, account) in ledger.load_accounts()? {
                svm.set_account(address, account.into())
                    .map_err(|e| LedgerError::Corrupt {
                        path: ledger.path().to_path_buf(),
                        detail: format!("account {address} cannot be restored: {e}"),
                    })?;
            }
        }
        if is_new || svm.get_account(&faucet.pubkey()).is_none() {
            let account = solana_account::Account {
                lamports: FAUCET_LAMPORTS,
                data: Vec::new(),
                owner: Pubkey::default(),
                executable: false,
                rent_epoch: 0,
            };
            svm.set_account(faucet.pubkey(), account.clone())
                .map_err(|e| EngineError::Program {
                    path: PathBuf::new(),
                    detail: format!("cannot fund the faucet: {e}"),
                })?;
            genesis_accounts.push((faucet.pubkey(), Some(AccountSharedData::from(account))));
        }
        if let (Some((_, file)), false) = (config.accounts.first(), is_new) {
            let ledger = ledger
                .as_ref()
                .map(|l| l.path().display().to_string())
                .unwrap_or_default();
            return Err(Box::new(GenesisAccountError {
                path: file.clone(),
                detail: format!(
                    "the ledger at {ledger} exists; --account sets up a new one (add --reset to start it again)"
                ),
            })
            .into());
        }
        for (address, path) in &config.accounts {
            let (address, account) = account_from_file(*address, path).map_err(Box::new)?;
            svm.set_account(address, account.clone().into())
                .map_err(|e| {
                    Box::new(GenesisAccountError {
                        path: path.clone(),
                        detail: format!("cannot be set at {address}: {e}"),
                    })
                })?;
            genesis_accounts.push((address, Some(account)));
        }
        let reserved_slot = state.slot.saturating_add(SLOT_RESERVATION);
        if let Some(ledger) = &ledger {
            // Records the genesis state of a new ledger, and the new slot ceiling.
            ledger.commit(&genesis_accounts, None, &state.with_slot(reserved_slot))?;
        }
        let mut engine = Self {
            svm,
            ledger,
            start_slot: state.slot,
            state,
            started: Instant::now(),
            recent: VecDeque::new(),
            faucet,
            memory_records: HashMap::new(),
            memory_index: HashMap::new(),
            program_so,
            reserved_slot,
            fault: None,
            fees: Default::default(),
            group: None,
            clock_written: None,
            notices: None,
        };
        // The blockhashes of the slots just before this start stay valid, as they were: a
        // transaction signed on one a moment ago (another netstate command that held the
        // ledger, this node before a restart) still lands. After a clean stop those are the
        // slots last served (see [`Engine::close`]).
        let first = engine
            .state
            .slot
            .saturating_sub(MAX_RECENT_BLOCKHASHES as u64 - 1);
        for slot in first..engine.state.slot {
            let hash = engine.blockhash_for(slot);
            engine.recent.push_back((hash, slot));
        }
        engine.push_blockhash();
        engine.sync_clock();
        Ok(engine)
    }

    /// A clean stop: persists the slot served last as the ceiling (every slot served is at
    /// or below it), so that the next start resumes right above it, with the blockhashes
    /// of the slots before still valid. After `kill -9` the next start resumes above the
    /// reserved ceiling instead, and those blockhashes have expired.
    pub fn close(&mut self) -> Result<(), LedgerError> {
        if self.fault.is_some() || self.group.is_some() {
            return Ok(());
        }
        match &self.ledger {
            Some(ledger) => {
                ledger.commit(&[], None, &self.state.with_slot(self.state.slot))?;
                self.reserved_slot = self.state.slot;
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Opens a group: until [`Engine::commit_group`], confirmed writes wait in memory, so
    /// that several transactions share one durable commit (one fsync). Whoever opens a group
    /// must not answer for anything done in it before the group is committed. Without a
    /// ledger there is nothing to group.
    pub fn begin_group(&mut self) {
        if self.ledger.is_some() && self.fault.is_none() {
            self.group = Some(Vec::new());
        }
    }

    /// Commits the open group in one durable transaction; returns how many writes it held.
    /// A failure faults the engine ([`Engine::fault`]): memory is ahead of the disk, and
    /// nothing done in the group may be reported as confirmed.
    pub fn commit_group(&mut self) -> Result<usize, LedgerError> {
        let Some(group) = self.group.take() else {
            return Ok(0);
        };
        if group.is_empty() {
            return Ok(0);
        }
        let Some(ledger) = &self.ledger else {
            return Ok(0);
        };
        let writes: Vec<_> = group
            .iter()
            .map(|w| {
                (
                    w.accounts.as_slice(),
                    w.record
                        .as_ref()
                        .map(|(s, r, keys)| (s, r, keys.as_slice())),
                )
            })
            .collect();
        match ledger.commit_group(&writes, &self.state.with_slot(self.reserved_slot)) {
            Ok(()) => Ok(group.len()),
            Err(e) => {
                self.fault = Some(e.to_string());
                Err(e)
            }
        }
    }

    /// Why the engine stopped accepting transactions, if it did: a ledger write failed, so
    /// memory is ahead of the disk. The server reports it and stops.
    pub fn fault(&self) -> Option<&str> {
        self.fault.as_deref()
    }

    /// Persists `self.state` with the slot ceiling; raises the ceiling first when the slot
    /// reached it.
    fn persist(
        &mut self,
        accounts: &[(Pubkey, Option<AccountSharedData>)],
        record: Option<(&Signature, &TransactionRecord, &[Pubkey])>,
    ) -> Result<(), LedgerError> {
        if self.state.slot >= self.reserved_slot {
            self.reserved_slot = self.state.slot.saturating_add(SLOT_RESERVATION);
        }
        if let Some(group) = &mut self.group {
            group.push(PendingWrite {
                accounts: accounts.to_vec(),
                record: record.map(|(s, r, keys)| (*s, r.clone(), keys.to_vec())),
            });
            return Ok(());
        }
        match &self.ledger {
            Some(ledger) => {
                ledger.commit(accounts, record, &self.state.with_slot(self.reserved_slot))
            }
            None => Ok(()),
        }
    }

    /// The ledger's genesis hash (stable for the ledger's life).
    pub fn genesis_hash(&self) -> Hash {
        Hash::new_from_array(
            solana_sha256_hasher::hashv(&[b"netstate-localnet-genesis", &self.state.genesis_id])
                .to_bytes(),
        )
    }

    /// Where the program came from: the compiled `.so`, or `None` for the native builtin.
    pub fn program_so(&self) -> Option<&PathBuf> {
        self.program_so.as_ref()
    }

    fn blockhash_for(&self, slot: u64) -> Hash {
        Hash::new_from_array(
            solana_sha256_hasher::hashv(&[
                b"netstate-localnet",
                &self.state.genesis_id,
                &slot.to_le_bytes(),
            ])
            .to_bytes(),
        )
    }

    fn push_blockhash(&mut self) {
        let hash = self.blockhash_for(self.state.slot);
        // The runtime's blockhash of the slot: what a durable nonce advances to.
        self.svm.set_latest_blockhash(hash);
        self.recent.push_back((hash, self.state.slot));
        while self.recent.len() > MAX_RECENT_BLOCKHASHES {
            self.recent.pop_front();
        }
    }

    /// Writes the Clock sysvar when its slot or time moved. Only then: LiteSVM copies its
    /// whole account map whenever the Clock is written, which on a ledger of 100 000
    /// accounts costs milliseconds, so writing it on every request would bound the node to
    /// a few dozen transactions per second.
    fn sync_clock(&mut self) {
        let slot = self.state.slot;
        let unix_timestamp = self.unix_time();
        if self.clock_written == Some((slot, unix_timestamp)) {
            return;
        }
        let clock = Clock {
            slot,
            epoch_start_timestamp: 0,
            epoch: slot / SLOTS_PER_EPOCH,
            leader_schedule_epoch: slot / SLOTS_PER_EPOCH + 1,
            unix_timestamp,
        };
        self.svm.set_sysvar(&clock);
        self.clock_written = Some((slot, unix_timestamp));
    }

    /// Advances the slot with wall time (one per 400 ms), each with a new blockhash. The
    /// slot never passes the persisted ceiling without raising it first.
    pub fn tick(&mut self) {
        let by_time = self.start_slot
            + u64::try_from(self.started.elapsed().as_millis() / SLOT_MS).unwrap_or(u64::MAX);
        if by_time > self.state.slot {
            let steps = (by_time - self.state.slot).min(MAX_RECENT_BLOCKHASHES as u64);
            self.state.slot = by_time - steps;
            for _ in 0..steps {
                self.state.slot += 1;
                self.push_blockhash();
            }
            self.notice(Notice::Slot(self.state.slot));
        }
        if self.state.slot >= self.reserved_slot
            && self.fault.is_none()
            && let Err(e) = self.persist(&[], None)
        {
            self.fault = Some(e.to_string());
        }
        self.sync_clock();
    }

    /// Cluster time: wall time plus the admin offset.
    pub fn unix_time(&self) -> i64 {
        wall_unix().saturating_add(self.state.clock_offset_secs)
    }

    /// The current slot.
    pub fn slot(&mut self) -> u64 {
        self.tick();
        self.state.slot
    }

    /// Transactions confirmed since the ledger was created.
    pub fn transaction_count(&self) -> u64 {
        self.state.transaction_count
    }

    /// The newest blockhash and the last block height at which it is valid.
    pub fn latest_blockhash(&mut self) -> (Hash, u64) {
        self.tick();
        let (hash, slot) = self.recent.back().copied().unwrap_or_default();
        (hash, slot + MAX_RECENT_BLOCKHASHES as u64)
    }

    /// Whether `hash` is still accepted.
    pub fn is_blockhash_valid(&mut self, hash: &Hash) -> bool {
        self.tick();
        self.recent.iter().any(|(h, _)| h == hash)
    }

    /// Moves the clock forward by `seconds`, and the slot with it as a validator's would
    /// have moved (one per 400 ms, at least one): the blockhashes of the slots passed expire,
    /// as they would have, while a durable nonce stays valid.
    pub fn warp(&mut self, seconds: i64) -> Result<(), LedgerError> {
        let seconds = seconds.max(0);
        self.state.clock_offset_secs = self.state.clock_offset_secs.saturating_add(seconds);
        let jump =
            (u64::try_from(seconds).unwrap_or(0).saturating_mul(1_000) / SLOT_MS as u64).max(1);
        // Wall time keeps counting slots on from here.
        self.start_slot = self.start_slot.saturating_add(jump);
        let steps = jump.min(MAX_RECENT_BLOCKHASHES as u64);
        self.state.slot = self.state.slot.saturating_add(jump - steps);
        for _ in 0..steps {
            self.state.slot += 1;
            self.push_blockhash();
        }
        self.notice(Notice::Slot(self.state.slot));
        self.sync_clock();
        self.persist(&[], None)
    }

    /// Starts (or stops) collecting [`Notice`]s for subscribers; off by default, so that a
    /// node without subscribers copies nothing.
    pub fn collect_notices(&mut self, on: bool) {
        self.notices = on.then(Vec::new);
    }

    /// What happened since the last call. Whoever publishes them must do so only once the
    /// writes they report are durable ([`Engine::commit_group`]).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        self.notices
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn notice(&mut self, notice: Notice) {
        if let Some(notices) = &mut self.notices {
            notices.push(notice);
        }
    }

    /// Writes `account` at `address` directly, outside any transaction, and keeps it in the
    /// ledger: for setting up benchmarks and for tests that tamper with state on purpose.
    /// No RPC method reaches it.
    pub fn set_account(
        &mut self,
        address: Pubkey,
        account: AccountSharedData,
    ) -> Result<(), LedgerError> {
        self.svm
            .set_account(address, account.clone().into())
            .map_err(|e| LedgerError::Corrupt {
                path: self
                    .ledger
                    .as_ref()
                    .map(|l| l.path().to_path_buf())
                    .unwrap_or_default(),
                detail: format!("account {address} cannot be written: {e}"),
            })?;
        self.persist(&[(address, Some(account))], None)
    }

    /// The account at `address`.
    pub fn account(&self, address: &Pubkey) -> Option<AccountSharedData> {
        self.svm
            .get_account(address)
            .map(AccountSharedData::from)
            .filter(|a| a.lamports() > 0)
    }

    /// Every account owned by `program` that passes `keep`.
    pub fn program_accounts(
        &self,
        program: &Pubkey,
        keep: impl Fn(&AccountSharedData) -> bool,
    ) -> Vec<(Pubkey, AccountSharedData)> {
        let mut out: Vec<(Pubkey, AccountSharedData)> = self
            .svm
            .accounts_db()
            .inner
            .iter()
            .filter(|(_, a)| a.owner() == program && a.lamports() > 0 && keep(a))
            .map(|(k, a)| (*k, a.clone()))
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }

    /// Rent-exempt minimum for `len` bytes.
    pub fn minimum_balance(&self, len: usize) -> u64 {
        self.svm.minimum_balance_for_rent_exemption(len)
    }

    /// The fee of a message: per signature, plus its prioritization fee.
    pub fn fee_for(&self, message: &VersionedMessage) -> u64 {
        let signatures = u64::from(message.header().num_required_signatures);
        LAMPORTS_PER_SIGNATURE
            .saturating_mul(signatures)
            .saturating_add(crate::fees::prioritization_fee(message))
    }

    /// Runs `tx` without keeping its effects; returns the post-state of `addresses`.
    pub fn simulate(&mut self, tx: VersionedTransaction, addresses: &[Pubkey]) -> Simulation {
        self.tick();
        let fee = self.fee_for(&tx.message);
        if !self.is_recent(&tx) {
            return Simulation::refused(TransactionError::BlockhashNotFound, fee);
        }
        match self.svm.simulate_transaction(tx) {
            Ok(info) => {
                let accounts = addresses
                    .iter()
                    .filter_map(|a| {
                        info.post_accounts
                            .iter()
                            .find(|(k, _)| k == a)
                            .map(|(k, acc)| (*k, acc.clone()))
                            .or_else(|| self.account(a).map(|acc| (*a, acc)))
                    })
                    .collect();
                Simulation {
                    err: None,
                    logs: info.meta.logs,
                    units: info.meta.compute_units_consumed,
                    return_data: return_data(&info.meta.return_data),
                    fee,
                    accounts,
                }
            }
            Err(failed) => Simulation::failed(failed, fee),
        }
    }

    fn is_recent(&self, tx: &VersionedTransaction) -> bool {
        let hash = tx.message.recent_blockhash();
        self.recent.iter().any(|(h, _)| h == hash) || self.uses_current_nonce(&tx.message)
    }

    /// Whether `message` is a durable-nonce transaction whose nonce is current, which
    /// validators accept instead of a recent blockhash: its first instruction advances a
    /// nonce account (owned by the system program) whose stored nonce is the message's
    /// blockhash, and the nonce's authority signs the message. Executing that instruction
    /// then moves the nonce on, so the transaction lands once.
    fn uses_current_nonce(&self, message: &VersionedMessage) -> bool {
        let keys = message.static_account_keys();
        let key = |i: u8| keys.get(usize::from(i)).copied();
        let Some(first) = message.instructions().first() else {
            return false;
        };
        if key(first.program_id_index) != Some(solana_system_interface::program::ID)
            || !matches!(
                bincode::deserialize::<SystemInstruction>(&first.data),
                Ok(SystemInstruction::AdvanceNonceAccount)
            )
        {
            return false;
        }
        let Some(nonce) = first.accounts.first().and_then(|i| key(*i)) else {
            return false;
        };
        let Some(account) = self.account(&nonce) else {
            return false;
        };
        if *account.owner() != solana_system_interface::program::ID {
            return false;
        }
        let Ok(versions) = bincode::deserialize::<solana_nonce::versions::Versions>(account.data())
        else {
            return false;
        };
        let solana_nonce::state::State::Initialized(data) = versions.state() else {
            return false;
        };
        let signers = usize::from(message.header().num_required_signatures).min(keys.len());
        data.blockhash() == *message.recent_blockhash() && keys[..signers].contains(&data.authority)
    }

    /// `(slot, fee)` of the recent slots, oldest first, for `getRecentPrioritizationFees`
    /// (see [`crate::fees::PrioritizationFees::recent`]).
    pub fn recent_prioritization_fees(&self, accounts: &[Pubkey]) -> Vec<(u64, u64)> {
        self.fees.recent(accounts)
    }

    /// Whether `signature` was already confirmed.
    pub fn transaction(
        &self,
        signature: &Signature,
    ) -> Result<Option<TransactionRecord>, LedgerError> {
        let pending = self.group.iter().flatten().find_map(|w| match &w.record {
            Some((s, record, _)) if s == signature => Some(record.clone()),
            _ => None,
        });
        if pending.is_some() {
            return Ok(pending);
        }
        match &self.ledger {
            Some(ledger) => ledger.transaction(signature),
            None => Ok(self.memory_records.get(signature).cloned()),
        }
    }

    /// The signatures of confirmed transactions that loaded `address`, newest first: at most
    /// `limit`, older than `before` when given (a signature this node confirmed).
    pub fn signatures_for_address(
        &self,
        address: &Pubkey,
        before: Option<&Signature>,
        limit: usize,
    ) -> Result<Vec<(Signature, TransactionRecord)>, LedgerError> {
        let below = match before {
            Some(signature) => match self.transaction(signature)? {
                Some(record) => record.index,
                None => return Ok(Vec::new()),
            },
            None => u64::MAX,
        };
        let signatures: Vec<Signature> = match &self.ledger {
            Some(ledger) => ledger.signatures_for_address(address, below, limit)?,
            None => self
                .memory_index
                .get(address)
                .map(|all| {
                    all.iter()
                        .rev()
                        .filter(|(index, _)| *index < below)
                        .take(limit)
                        .map(|(_, s)| *s)
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mut out = Vec::with_capacity(signatures.len());
        for signature in signatures {
            if let Some(record) = self.transaction(&signature)? {
                out.push((signature, record));
            }
        }
        Ok(out)
    }

    /// Executes `tx` and, when it succeeds, stores its effects durably before returning.
    /// With `preflight`, a failing transaction is refused with its simulation; without, it
    /// is refused the same way (this node keeps no failed transactions).
    pub fn send(&mut self, tx: VersionedTransaction) -> Result<Signature, SendFailure> {
        let checked = SignedTransaction::check(tx)?;
        self.send_signed(checked)
    }

    /// [`Engine::send`] for a transaction whose signatures were checked already (by the RPC
    /// worker that received it, so the engine's one thread does not spend its time on it).
    pub fn send_signed(&mut self, tx: SignedTransaction) -> Result<Signature, SendFailure> {
        let SignedTransaction(tx) = tx;
        self.tick();
        if let Some(fault) = &self.fault {
            return Err(SendFailure::LedgerWrite(fault.clone()));
        }
        let signature = tx.signatures.first().copied().unwrap_or_default();
        if matches!(self.transaction(&signature), Ok(Some(_))) {
            return Err(self.failure(TransactionError::AlreadyProcessed, &tx));
        }
        if !self.is_recent(&tx) {
            return Err(self.failure(TransactionError::BlockhashNotFound, &tx));
        }
        // Every account the transaction may write: its static keys and, for a v0 message,
        // the writable addresses it loads through lookup tables (read before it runs). The
        // keys follow the runtime's order: static, loaded writable, loaded read-only.
        let static_keys: Vec<Pubkey> = tx.message.static_account_keys().to_vec();
        let (loaded_writable, loaded_readonly) = self.loaded_addresses(&tx.message);
        let mut writable: Vec<Pubkey> = static_keys
            .iter()
            .enumerate()
            .filter(|(i, _)| tx.message.is_maybe_writable(*i, None))
            .map(|(_, k)| *k)
            .collect();
        writable.extend(&loaded_writable);
        let keys: Vec<Pubkey> = static_keys
            .into_iter()
            .chain(loaded_writable)
            .chain(loaded_readonly)
            .collect();
        let pre_balances: Vec<u64> = keys
            .iter()
            .map(|k| self.account(k).map_or(0, |a| a.lamports()))
            .collect();
        let wire = bincode::serialize(&tx).unwrap_or_default();
        let price = crate::fees::compute_unit_price(&tx.message);
        match self.svm.send_transaction(tx) {
            Err(failed) => {
                let fee = failed.meta.fee;
                Err(SendFailure::Failed(Box::new(Simulation::failed(
                    failed, fee,
                ))))
            }
            Ok(meta) => {
                let changed: Vec<(Pubkey, Option<AccountSharedData>)> =
                    writable.iter().map(|k| (*k, self.account(k))).collect();
                let post_balances: Vec<u64> = keys
                    .iter()
                    .map(|k| self.account(k).map_or(0, |a| a.lamports()))
                    .collect();
                self.state.transaction_count += 1;
                self.fees.record(self.state.slot, price, &writable);
                let notice_logs = self.notices.as_ref().map(|_| meta.logs.clone());
                let record = TransactionRecord {
                    slot: self.state.slot,
                    block_time: self.unix_time(),
                    wire_base64: base64::engine::general_purpose::STANDARD.encode(wire),
                    err: None,
                    logs: meta.logs,
                    fee: meta.fee,
                    compute_units: meta.compute_units_consumed,
                    pre_balances,
                    post_balances,
                    return_data: return_data(&meta.return_data).map(|(p, d)| {
                        (
                            p.to_string(),
                            base64::engine::general_purpose::STANDARD.encode(d),
                        )
                    }),
                    index: self.state.transaction_count,
                };
                if self.ledger.is_none() {
                    for key in &keys {
                        self.memory_index
                            .entry(*key)
                            .or_default()
                            .push((record.index, signature));
                    }
                    self.memory_records.insert(signature, record);
                } else if let Err(e) =
                    self.persist(&changed, Some((&signature, &record, keys.as_slice())))
                {
                    // The effects are in memory but not on disk: never answer "confirmed"
                    // for something a restart would lose. Refuse everything from now on.
                    let detail = e.to_string();
                    self.fault = Some(detail.clone());
                    return Err(SendFailure::LedgerWrite(detail));
                }
                if let Some(logs) = notice_logs {
                    self.notice(Notice::Confirmed(Arc::new(Confirmed {
                        signature,
                        slot: self.state.slot,
                        logs,
                        keys,
                        accounts: changed,
                    })));
                }
                Ok(signature)
            }
        }
    }

    /// The writable and read-only addresses `message` loads through lookup tables (empty
    /// for legacy messages). A table or index that does not resolve loads nothing here; the
    /// runtime then refuses the transaction itself.
    fn loaded_addresses(&self, message: &VersionedMessage) -> (Vec<Pubkey>, Vec<Pubkey>) {
        let mut writable = Vec::new();
        let mut readonly = Vec::new();
        for lookup in message.address_table_lookups().unwrap_or_default() {
            let Some(account) = self.svm.get_account(&lookup.account_key) else {
                continue;
            };
            let Ok(table) = AddressLookupTable::deserialize(&account.data) else {
                continue;
            };
            let resolve = |indexes: &[u8], out: &mut Vec<Pubkey>| {
                out.extend(
                    indexes
                        .iter()
                        .filter_map(|i| table.addresses.get(usize::from(*i)).copied()),
                );
            };
            resolve(&lookup.writable_indexes, &mut writable);
            resolve(&lookup.readonly_indexes, &mut readonly);
        }
        (writable, readonly)
    }

    fn failure(&self, err: TransactionError, tx: &VersionedTransaction) -> SendFailure {
        SendFailure::Failed(Box::new(Simulation::refused(
            err,
            self.fee_for(&tx.message),
        )))
    }

    /// Sends `lamports` from the faucet to `to`, as a normal confirmed transaction.
    pub fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<Signature, SendFailure> {
        let (blockhash, _) = self.latest_blockhash();
        let ix =
            solana_system_interface::instruction::transfer(&self.faucet.pubkey(), to, lamports);
        let message = Message::new_with_blockhash(&[ix], Some(&self.faucet.pubkey()), &blockhash);
        let tx = VersionedTransaction::try_new(VersionedMessage::Legacy(message), &[&self.faucet])
            .map_err(|_| SendFailure::SignatureFailure)?;
        self.send(tx)
    }
}

/// The faucet of the ledger with `genesis_id`: the same key at every start.
fn faucet_keypair(genesis_id: &[u8; 32]) -> Keypair {
    let seed = solana_sha256_hasher::hashv(&[b"netstate-localnet-faucet", genesis_id]).to_bytes();
    Keypair::new_from_array(seed)
}

fn return_data(
    data: &solana_transaction_context::TransactionReturnData,
) -> Option<(Pubkey, Vec<u8>)> {
    (!data.data.is_empty()).then(|| (data.program_id, data.data.clone()))
}
