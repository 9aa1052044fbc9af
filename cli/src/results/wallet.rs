//! Results of `wallet …`.

use std::fmt;

use serde::Serialize;

use crate::output::sol;

/// `wallet new`.
#[derive(Debug, Clone, Serialize)]
pub struct KeypairWritten {
    /// The new key's address.
    pub address: String,
    /// Where the keypair was written.
    pub path: String,
}

impl fmt::Display for KeypairWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Wrote a new keypair to {}\n  address: {}",
            self.path, self.address
        )
    }
}

/// `wallet balance`.
#[derive(Debug, Clone, Serialize)]
pub struct Balance {
    /// Whose.
    pub address: String,
    /// How much.
    pub lamports: u64,
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({} lamports) at {}",
            sol(self.lamports),
            self.lamports,
            self.address
        )
    }
}

/// `wallet airdrop`.
#[derive(Debug, Clone, Serialize)]
pub struct Airdropped {
    /// Who received.
    pub address: String,
    /// How much was airdropped.
    pub lamports: u64,
    /// What the address holds now.
    pub balance: u64,
}

impl fmt::Display for Airdropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Airdropped {} to {}; it holds {}.",
            sol(self.lamports),
            self.address,
            sol(self.balance)
        )
    }
}

/// `wallet blockhash`.
#[derive(Debug, Clone, Serialize)]
pub struct Blockhash {
    /// Base58.
    pub blockhash: String,
}

impl fmt::Display for Blockhash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.blockhash)
    }
}

/// `wallet nonce show`, and what `wallet nonce create` and `advance` leave.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NonceView {
    /// The nonce account.
    pub address: String,
    /// Who advances it, and signs every transaction that uses it.
    pub authority: String,
    /// Its value: what `--blockhash` is when signing with `--nonce` offline.
    pub blockhash: String,
    /// Lamports it holds.
    pub lamports: u64,
}

impl NonceView {
    /// `nonce` as shown.
    pub fn new(nonce: &netstate_client::nonce::DurableNonce) -> Self {
        Self {
            address: nonce.address.to_string(),
            authority: nonce.authority.to_string(),
            blockhash: nonce.blockhash.to_string(),
            lamports: nonce.lamports,
        }
    }
}

impl fmt::Display for NonceView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Nonce account {}\n  authority: {}\n  value:     {} (sign with --nonce {} --blockhash {})\n  holds:     {}",
            self.address,
            self.authority,
            self.blockhash,
            self.address,
            self.blockhash,
            sol(self.lamports)
        )
    }
}
