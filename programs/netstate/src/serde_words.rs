//! How the program's types read as JSON (feature `serde`): keys in base58, hashes in hex,
//! country codes as letters, empty slots left out. Used through `serialize_with` on the
//! fields of [`crate::state::ProposalAction`] and the terms it carries, so a tool that
//! prints an action (the CLI's `--output json`) needs no mirror of it.

use std::fmt::Write as _;

use anchor_lang::prelude::Pubkey;
use serde::Serializer;

/// A key as base58 text.
pub fn pubkey<S: Serializer>(key: &Pubkey, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(key)
}

/// An optional key as base58 text, or null.
pub fn option_pubkey<S: Serializer>(key: &Option<Pubkey>, s: S) -> Result<S::Ok, S::Error> {
    match key {
        Some(key) => s.collect_str(key),
        None => s.serialize_none(),
    }
}

/// Slots of keys as a list of base58 texts, empty slots (`Pubkey::default()`) left out.
pub fn filled_slots<S: Serializer, const N: usize>(
    keys: &[Pubkey; N],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        keys.iter()
            .filter(|k| **k != Pubkey::default())
            .map(|k| k.to_string()),
    )
}

/// 32 bytes (a SHA-256) as lowercase hex.
pub fn hex32<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
    let mut text = String::with_capacity(64);
    for b in bytes {
        let _ = write!(text, "{b:02x}");
    }
    s.serialize_str(&text)
}

/// An ISO 3166-1 alpha-2 code as its two letters.
pub fn country<S: Serializer>(code: &[u8; 2], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{FastTrack, ProposalAction, TreatyTerms};

    #[test]
    fn an_action_reads_with_base58_keys_hex_hashes_and_no_empty_slots() {
        let key = Pubkey::new_from_array([7; 32]);
        // A failure to serialize reads as null, which no assertion below expects.
        let json = |a: &ProposalAction| serde_json::to_value(a).unwrap_or_default();
        assert_eq!(
            json(&ProposalAction::TransferSol {
                recipient: key,
                amount: 5
            }),
            serde_json::json!({"kind": "transferSol", "recipient": key.to_string(), "amount": 5})
        );
        assert_eq!(
            json(&ProposalAction::AmendConstitution {
                uri: "ipfs://x".into(),
                hash: [0xab; 32]
            })["hash"],
            "ab".repeat(32)
        );
        let mut mints = [Pubkey::default(); crate::constants::EXIT_BASKET_MINTS];
        mints[1] = key;
        assert_eq!(
            json(&ProposalAction::SetExitBasket { mints })["mints"],
            serde_json::json!([key.to_string()])
        );
        assert_eq!(
            json(&ProposalAction::SetSteward { steward: None })["steward"],
            serde_json::Value::Null
        );
        assert_eq!(
            json(&ProposalAction::ProposeTreaty {
                partner: key,
                terms: TreatyTerms {
                    visits: true,
                    fast_track: FastTrack::Sponsors { count: 2 },
                    notice_secs: 60
                }
            })["terms"],
            serde_json::json!({"visits": true, "fastTrack": {"kind": "sponsors", "count": 2}, "noticeSecs": 60})
        );
        assert_eq!(
            json(&ProposalAction::Signal),
            serde_json::json!({"kind": "signal"})
        );
    }
}
