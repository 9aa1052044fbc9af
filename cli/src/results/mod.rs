//! One typed result per command: `Serialize` for scripts, `Display` for people (the habit of
//! the SPL token CLI). Commands build these values; [`crate::Output`] renders one of them.
//!
//! JSON follows the Solana RPC conventions: camelCase keys, addresses as base58 strings,
//! lamports as numbers, token amounts as `{amount, decimals, uiAmountString}` with the amount
//! a string, `null` for what has not happened yet (never `0`), and every enum as a stable
//! camelCase name with its sentence in a separate `…Text` field.

pub mod budget;
pub mod census;
pub mod demo;
pub mod door;
pub mod genesis;
pub mod member;
pub mod node;
pub mod proposal;
pub mod see;
pub mod share;
pub mod society;
pub mod tickets;
pub mod treasury;
pub mod treaty;
pub mod wallet;

use std::fmt;

use serde::Serialize;

use crate::Context;

/// A token amount as Solana's RPC returns it (`getTokenAccountBalance`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenAmount {
    /// Base units, as a string (a u64 does not fit in a JSON number everywhere).
    pub amount: String,
    /// The mint's decimals.
    pub decimals: u8,
    /// The amount in the token's own units, exactly (`"2.25"`).
    pub ui_amount_string: String,
}

impl TokenAmount {
    /// `amount` base units of a token with `decimals`.
    pub fn new(amount: u64, decimals: u8) -> Self {
        Self {
            amount: amount.to_string(),
            decimals,
            ui_amount_string: crate::output::units(amount, decimals),
        }
    }
}

impl fmt::Display for TokenAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ui_amount_string)
    }
}

/// A unix time that may not have happened yet: `None` (JSON `null`) for the stored `0`.
pub fn when(unix: i64) -> Option<i64> {
    (unix != 0).then_some(unix)
}

/// The result of a command that sent one transaction (or the last of several): what was
/// done (`detail`, whose `Display` is the sentence), and the signature.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent<D> {
    /// What was done.
    #[serde(flatten)]
    pub detail: D,
    /// The transaction's signature (base58).
    pub signature: String,
    /// A link to the transaction in an explorer, on public clusters.
    #[serde(skip)]
    pub explorer: Option<String>,
}

impl<D> Sent<D> {
    /// `detail`, done by the transaction `signature` sent through `ctx`.
    pub fn new(ctx: &Context, signature: String, detail: D) -> Self {
        Self {
            explorer: ctx.explorer(&signature),
            detail,
            signature,
        }
    }
}

impl<D: fmt::Display> fmt::Display for Sent<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if crate::output::colour(crate::output::output_is_terminal()) {
            "\x1b[32m✓\x1b[0m"
        } else {
            "✓"
        };
        write!(f, "{mark} {}\n  signature: {}", self.detail, self.signature)?;
        if let Some(link) = &self.explorer {
            write!(f, "\n  explorer:  {link}")?;
        }
        Ok(())
    }
}

/// A list result: a JSON array, an aligned table for people (or `empty` when there are no
/// rows).
#[derive(Debug, Clone)]
pub struct Listed<T> {
    /// The items.
    pub items: Vec<T>,
    /// The table's header.
    pub header: &'static [&'static str],
    /// One table row per item.
    pub row: fn(&T) -> Vec<String>,
    /// What is said when there are no items.
    pub empty: String,
}

impl<T: Serialize> Serialize for Listed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<T> fmt::Display for Listed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.items.is_empty() {
            return f.write_str(&self.empty);
        }
        let rows: Vec<Vec<String>> = self.items.iter().map(self.row).collect();
        f.write_str(&crate::output::table(self.header, &rows))
    }
}

/// One address (`address`, `wallet address`).
#[derive(Debug, Clone, Serialize)]
pub struct Address {
    /// Base58.
    pub address: String,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

/// `program-id`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramId {
    /// Base58.
    pub program_id: String,
    /// Where it came from: `--program-id`, an `Anchor.toml` section, or `compiled in`.
    pub source: String,
}

impl fmt::Display for ProgramId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.program_id)
    }
}

/// `localnet warp`: where the clock is now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warped {
    /// How far the clock moved.
    pub warped_seconds: i64,
    /// The cluster's unix time now.
    pub unix_timestamp: i64,
    /// The slot now.
    pub slot: u64,
}

impl fmt::Display for Warped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Clock moved {} forward: now {} (slot {}).",
            crate::output::duration(self.warped_seconds.unsigned_abs()),
            crate::output::date(self.unix_timestamp),
            self.slot
        )
    }
}

/// `--sign-only`: the blockhash, the signatures made here and the signers still absent.
#[derive(Debug, Clone, Serialize)]
pub struct SignedOffline {
    /// The blockhash signed over.
    pub blockhash: String,
    /// `PUBKEY=SIGNATURE`, one per signature made here.
    pub signers: Vec<String>,
    /// Signers whose signatures are still missing.
    pub absent: Vec<String>,
}

impl fmt::Display for SignedOffline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Signed offline, not sent.\n  blockhash: {}",
            self.blockhash
        )?;
        for signer in &self.signers {
            write!(f, "\n  signer:    {signer}")?;
        }
        for key in &self.absent {
            write!(f, "\n  absent:    {key}")?;
        }
        f.write_str("\nThe sender runs the same command with --blockhash and each --signer above.")
    }
}

/// Nothing more to print: the command printed its own lines as it ran (`localnet`).
#[derive(Debug, Clone, Copy)]
pub struct Nothing;

impl Serialize for Nothing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl fmt::Display for Nothing {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_amounts_follow_the_rpc_shape() {
        let json = serde_json::to_value(TokenAmount::new(225, 2)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "amount": "225", "decimals": 2, "uiAmountString": "2.25" })
        );
        assert_eq!(TokenAmount::new(225, 2).to_string(), "2.25");
    }

    #[test]
    fn times_not_yet_reached_are_none() {
        assert_eq!(when(0), None);
        assert_eq!(when(1_767_261_600), Some(1_767_261_600));
    }

    #[test]
    fn lists_are_arrays_in_json_and_tables_for_people() {
        let list = Listed {
            items: vec![Address {
                address: "abc".into(),
            }],
            header: &["ADDRESS"],
            row: |a: &Address| vec![a.address.clone()],
            empty: "none".into(),
        };
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            serde_json::json!([{ "address": "abc" }])
        );
        assert_eq!(list.to_string(), "ADDRESS\nabc");
        let none = Listed {
            items: Vec::new(),
            ..list
        };
        assert_eq!(none.to_string(), "none");
        assert_eq!(serde_json::to_value(&none).unwrap(), serde_json::json!([]));
    }
}
