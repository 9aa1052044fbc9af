//! The on-disk ledger: a redb database holding every account a transaction changed, the
//! record of every confirmed transaction, and the node's clock and slot.
//!
//! One write transaction per confirmed Solana transaction, committed with redb's immediate
//! durability (fsync) before the RPC answers, so a confirmed transaction survives `kill -9`
//! and a half-written one never appears. redb's file lock refuses a second node on the same
//! directory.

use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use solana_account::{Account, AccountSharedData, ReadableAccount};
use solana_pubkey::Pubkey;
use solana_signature::Signature;

use crate::record::TransactionRecord;

/// File name of the database inside the ledger directory.
pub const LEDGER_FILE: &str = "netstate-ledger.redb";
/// Value of the `format` key: what this directory is and its layout version.
pub const LEDGER_FORMAT: &str = "netstate-localnet-ledger/1";

/// The ledger file's page cache. The node serves accounts from memory (the engine holds
/// them all) and reads the ledger only when it starts and for transaction history, so a
/// small cache does; redb's default (1 GiB) let the node's memory grow with its ledger (849 MB
/// after 125 000 transactions on a 100 000-citizen society, `cli/benches/scale.rs`).
pub const LEDGER_CACHE_BYTES: usize = 64 * 1024 * 1024;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const ACCOUNTS: TableDefinition<&[u8; 32], &[u8]> = TableDefinition::new("accounts");
const TRANSACTIONS: TableDefinition<&[u8; 64], &[u8]> = TableDefinition::new("transactions");
/// Every address a confirmed transaction loaded, by (address, the transaction's index): its
/// signature. Newest last, so `getSignaturesForAddress` reads a range backwards.
const ADDRESS_SIGNATURES: TableDefinition<(&[u8; 32], u64), &[u8; 64]> =
    TableDefinition::new("address_signatures");

/// Why a ledger could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Another node has the ledger open.
    #[error(
        "the ledger at {0} is in use by another netstate node (only one node may open a ledger)"
    )]
    InUse(PathBuf),
    /// The directory holds files that are not a netstate ledger.
    #[error(
        "{0} is not a netstate ledger directory (it holds other files); choose an empty or new directory"
    )]
    Foreign(PathBuf),
    /// The database is not a netstate ledger, or of another layout version.
    #[error(
        "{path} is not a netstate ledger of this version (found {found:?}, expected {LEDGER_FORMAT:?})"
    )]
    WrongFormat {
        /// The database file.
        path: PathBuf,
        /// What its format key said.
        found: String,
    },
    /// The database file is damaged.
    #[error("the ledger at {path} is corrupt: {detail}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What redb reported.
        detail: String,
    },
    /// The file system failed.
    #[error("ledger I/O at {path}: {detail}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
}

/// The node state that is not accounts: where the clock and slot stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NodeState {
    /// Random per ledger: seeds blockhashes so they never repeat across ledgers or restarts.
    pub genesis_id: [u8; 32],
    /// In memory, the current slot; on disk, a ceiling above every slot the node served.
    pub slot: u64,
    /// Seconds added to wall time by admin warps.
    pub clock_offset_secs: i64,
    /// Confirmed transactions so far.
    pub transaction_count: u64,
}

impl NodeState {
    /// The same state with `slot` in place of its own (the slot ceiling that is persisted).
    pub fn with_slot(&self, slot: u64) -> Self {
        Self { slot, ..*self }
    }
}

/// An open ledger.
pub struct Ledger {
    db: Database,
    path: PathBuf,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger").field("path", &self.path).finish()
    }
}

fn io(path: &Path, e: impl std::fmt::Display) -> LedgerError {
    LedgerError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// The ledger's contents are damaged or not what netstate wrote.
fn corrupt(path: &Path, detail: impl std::fmt::Display) -> LedgerError {
    LedgerError::Corrupt {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

/// A redb failure: the file system's (a full disk, a file-size limit) is I/O; the rest means
/// the file is damaged.
fn storage(path: &Path, e: impl Into<redb::Error>) -> LedgerError {
    match e.into() {
        redb::Error::Io(io_err)
            if !matches!(
                io_err.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            io(path, io_err)
        }
        other => corrupt(path, other),
    }
}

/// Account bytes: lamports (8, LE) | owner (32) | executable (1) | rent epoch (8, LE) | data.
fn encode_account(account: &AccountSharedData) -> Vec<u8> {
    let mut out = Vec::with_capacity(49 + account.data().len());
    out.extend_from_slice(&account.lamports().to_le_bytes());
    out.extend_from_slice(account.owner().as_ref());
    out.push(u8::from(account.executable()));
    out.extend_from_slice(&account.rent_epoch().to_le_bytes());
    out.extend_from_slice(account.data());
    out
}

fn decode_account(bytes: &[u8]) -> Option<AccountSharedData> {
    let lamports = u64::from_le_bytes(bytes.get(0..8)?.try_into().ok()?);
    let owner = Pubkey::new_from_array(bytes.get(8..40)?.try_into().ok()?);
    let executable = *bytes.get(40)? != 0;
    let rent_epoch = u64::from_le_bytes(bytes.get(41..49)?.try_into().ok()?);
    let data = bytes.get(49..)?.to_vec();
    Some(AccountSharedData::from(Account {
        lamports,
        data,
        owner,
        executable,
        rent_epoch,
    }))
}

impl Ledger {
    /// Opens the ledger in `dir`, creating it when the directory is new or empty. With
    /// `reset`, an existing netstate ledger there is deleted first (never anything else).
    pub fn open(dir: &Path, reset: bool) -> Result<(Self, Option<NodeState>), LedgerError> {
        let path = dir.join(LEDGER_FILE);
        if dir.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
            let foreign = entries.any(|entry| {
                entry.map_or(true, |entry| {
                    entry.file_name() != std::ffi::OsStr::new(LEDGER_FILE)
                })
            });
            if foreign {
                return Err(LedgerError::Foreign(dir.to_path_buf()));
            }
            if reset && path.exists() {
                // Only after proving it is ours, and not in use.
                Self::open_existing(&path)?;
                std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
            }
        } else {
            std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        }
        if path.exists() {
            let (ledger, state) = Self::open_existing(&path)?;
            Ok((ledger, Some(state)))
        } else {
            let db = redb::Builder::new()
                .set_cache_size(LEDGER_CACHE_BYTES)
                .create(&path)
                .map_err(|e| Self::db_error(&path, e))?;
            let ledger = Self { db, path };
            let txn = ledger
                .db
                .begin_write()
                .map_err(|e| storage(&ledger.path, e))?;
            {
                let mut meta = txn.open_table(META).map_err(|e| storage(&ledger.path, e))?;
                meta.insert("format", LEDGER_FORMAT.as_bytes())
                    .map_err(|e| storage(&ledger.path, e))?;
                txn.open_table(ACCOUNTS)
                    .map_err(|e| storage(&ledger.path, e))?;
                txn.open_table(TRANSACTIONS)
                    .map_err(|e| storage(&ledger.path, e))?;
            }
            txn.commit().map_err(|e| storage(&ledger.path, e))?;
            Ok((ledger, None))
        }
    }

    fn db_error(path: &Path, e: redb::DatabaseError) -> LedgerError {
        match e {
            redb::DatabaseError::DatabaseAlreadyOpen => LedgerError::InUse(path.to_path_buf()),
            other => storage(path, other),
        }
    }

    fn open_existing(path: &Path) -> Result<(Self, NodeState), LedgerError> {
        // Checking every page's checksum on open turns a file damaged outside redb into a
        // `Corrupted` error instead of a panic on first read (it costs a read of the file).
        let db = redb::Builder::new()
            .set_check_integrity_on_open(true)
            .set_cache_size(LEDGER_CACHE_BYTES)
            .open(path)
            .map_err(|e| Self::db_error(path, e))?;
        let ledger = Self {
            db,
            path: path.to_path_buf(),
        };
        let txn = ledger.db.begin_read().map_err(|e| storage(path, e))?;
        let meta = txn.open_table(META).map_err(|_| LedgerError::WrongFormat {
            path: path.to_path_buf(),
            found: "no netstate metadata".into(),
        })?;
        let format = meta
            .get("format")
            .map_err(|e| storage(path, e))?
            .map(|v| String::from_utf8_lossy(v.value()).into_owned())
            .unwrap_or_default();
        if format != LEDGER_FORMAT {
            return Err(LedgerError::WrongFormat {
                path: path.to_path_buf(),
                found: format,
            });
        }
        let state = meta
            .get("state")
            .map_err(|e| storage(path, e))?
            .and_then(|v| serde_json::from_slice::<NodeState>(v.value()).ok())
            .ok_or_else(|| corrupt(path, "missing node state"))?;
        drop(meta);
        drop(txn);
        Ok((ledger, state))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every stored account.
    pub fn load_accounts(&self) -> Result<Vec<(Pubkey, AccountSharedData)>, LedgerError> {
        let txn = self.db.begin_read().map_err(|e| storage(&self.path, e))?;
        let table = txn
            .open_table(ACCOUNTS)
            .map_err(|e| storage(&self.path, e))?;
        let mut out = Vec::new();
        for entry in table.iter().map_err(|e| storage(&self.path, e))? {
            let (key, value) = entry.map_err(|e| storage(&self.path, e))?;
            let account = decode_account(value.value())
                .ok_or_else(|| corrupt(&self.path, "undecodable account"))?;
            out.push((Pubkey::new_from_array(*key.value()), account));
        }
        Ok(out)
    }

    /// Writes, in one durable transaction: the changed accounts (`None` deletes one), the
    /// transaction record (if any) and the node state.
    pub fn commit(
        &self,
        accounts: &[(Pubkey, Option<AccountSharedData>)],
        record: Option<(&Signature, &TransactionRecord, &[Pubkey])>,
        state: &NodeState,
    ) -> Result<(), LedgerError> {
        self.commit_group(&[(accounts, record)], state)
    }

    /// Writes several confirmed transactions' effects, in order, and the node state in one
    /// durable transaction (one fsync): group commit. A later write of an account replaces
    /// an earlier one.
    #[allow(clippy::type_complexity)]
    pub fn commit_group(
        &self,
        writes: &[(
            &[(Pubkey, Option<AccountSharedData>)],
            Option<(&Signature, &TransactionRecord, &[Pubkey])>,
        )],
        state: &NodeState,
    ) -> Result<(), LedgerError> {
        let txn = self.db.begin_write().map_err(|e| storage(&self.path, e))?;
        for (accounts, record) in writes {
            self.write_one(&txn, accounts, *record)?;
        }
        {
            let mut meta = txn.open_table(META).map_err(|e| storage(&self.path, e))?;
            let bytes = serde_json::to_vec(state).map_err(|e| corrupt(&self.path, e))?;
            meta.insert("state", bytes.as_slice())
                .map_err(|e| storage(&self.path, e))?;
        }
        txn.commit().map_err(|e| storage(&self.path, e))
    }

    fn write_one(
        &self,
        txn: &redb::WriteTransaction,
        accounts: &[(Pubkey, Option<AccountSharedData>)],
        record: Option<(&Signature, &TransactionRecord, &[Pubkey])>,
    ) -> Result<(), LedgerError> {
        {
            let mut table = txn
                .open_table(ACCOUNTS)
                .map_err(|e| storage(&self.path, e))?;
            for (address, account) in accounts {
                let key: &[u8; 32] = address.as_array();
                match account {
                    Some(account) => {
                        table
                            .insert(key, encode_account(account).as_slice())
                            .map_err(|e| storage(&self.path, e))?;
                    }
                    None => {
                        table.remove(key).map_err(|e| storage(&self.path, e))?;
                    }
                }
            }
            if let Some((signature, record, addresses)) = record {
                let mut txs = txn
                    .open_table(TRANSACTIONS)
                    .map_err(|e| storage(&self.path, e))?;
                let bytes = serde_json::to_vec(record).map_err(|e| corrupt(&self.path, e))?;
                let key: [u8; 64] = (*signature).into();
                txs.insert(&key, bytes.as_slice())
                    .map_err(|e| storage(&self.path, e))?;
                let mut index = txn
                    .open_table(ADDRESS_SIGNATURES)
                    .map_err(|e| storage(&self.path, e))?;
                for address in addresses {
                    index
                        .insert((address.as_array(), record.index), &key)
                        .map_err(|e| storage(&self.path, e))?;
                }
            }
        }
        Ok(())
    }

    /// The signatures of the confirmed transactions that loaded `address`, newest first,
    /// starting below the transaction index `before` (exclusive), at most `limit`.
    pub fn signatures_for_address(
        &self,
        address: &Pubkey,
        before: u64,
        limit: usize,
    ) -> Result<Vec<Signature>, LedgerError> {
        let txn = self.db.begin_read().map_err(|e| storage(&self.path, e))?;
        let table = match txn.open_table(ADDRESS_SIGNATURES) {
            Ok(table) => table,
            // A ledger that never confirmed a transaction has no index yet.
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(storage(&self.path, e)),
        };
        let key = address.as_array();
        let range = table
            .range((key, 0)..(key, before))
            .map_err(|e| storage(&self.path, e))?;
        let mut out = Vec::new();
        for entry in range.rev().take(limit) {
            let (_, signature) = entry.map_err(|e| storage(&self.path, e))?;
            out.push(Signature::from(*signature.value()));
        }
        Ok(out)
    }

    /// The record of a confirmed transaction.
    pub fn transaction(
        &self,
        signature: &Signature,
    ) -> Result<Option<TransactionRecord>, LedgerError> {
        let txn = self.db.begin_read().map_err(|e| storage(&self.path, e))?;
        let table = txn
            .open_table(TRANSACTIONS)
            .map_err(|e| storage(&self.path, e))?;
        let key: [u8; 64] = (*signature).into();
        let value = table.get(&key).map_err(|e| storage(&self.path, e))?;
        Ok(value.and_then(|v| serde_json::from_slice(v.value()).ok()))
    }
}
