//! Reading netstate's events back from transaction logs, for indexers and tests.
//!
//! Every state change emits an event (see [`crate::events`]) as the bytes
//! `discriminator ++ borsh(event)`, which appear in the log as `Program data: <base64>`
//! (natively too: see the local node's `native` module). Ledgers written before that wrote
//! natively run events as `Program log: Program data: <base64>`; both forms are read here.

use anchor_lang::{AnchorDeserialize, Discriminator};
use base64::Engine;

/// The raw bytes of every event line in `logs`, in order (any program's, not only
/// netstate's: filter by discriminator, as [`decode`] does).
pub fn program_data(logs: &[String]) -> impl Iterator<Item = Vec<u8>> + '_ {
    logs.iter()
        .filter_map(|line| {
            let line = line.strip_prefix("Program log: ").unwrap_or(line);
            line.strip_prefix("Program data: ")
        })
        .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
}

/// Every event of type `E` in `logs`, in order. An event line whose bytes carry `E`'s
/// discriminator but do not decode is skipped.
///
/// ```
/// use netstate_client::event_log;
/// use netstate_client::events::ProposalCancelled;
///
/// let logs = vec!["Program log: hello".to_string()];
/// assert!(event_log::decode::<ProposalCancelled>(&logs).is_empty());
/// ```
pub fn decode<E: AnchorDeserialize + Discriminator>(logs: &[String]) -> Vec<E> {
    program_data(logs)
        .filter(|bytes| bytes.starts_with(E::DISCRIMINATOR))
        .filter_map(|bytes| E::deserialize(&mut &bytes[E::DISCRIMINATOR.len()..]).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::Event;
    use anchor_lang::prelude::Pubkey;
    use netstate::events::ProposalCancelled;

    fn line(prefix: &str, event: &impl Event) -> String {
        let b64 = base64::engine::general_purpose::STANDARD.encode(event.data());
        format!("{prefix}Program data: {b64}")
    }

    #[test]
    fn both_log_forms_decode_in_order_and_other_lines_are_skipped() {
        let first = ProposalCancelled {
            society: Pubkey::new_unique(),
            seq: 7,
            proposal: Pubkey::new_unique(),
        };
        let second = ProposalCancelled { seq: 8, ..first };
        let logs = vec![
            "Program log: Instruction: CancelProposal".to_string(),
            line("", &first),
            "Program data: not base64!".to_string(),
            line("Program log: ", &second),
        ];
        let seqs: Vec<u64> = decode::<ProposalCancelled>(&logs)
            .iter()
            .map(|e| e.seq)
            .collect();
        assert_eq!(seqs, vec![7, 8]);
        assert_eq!(program_data(&logs).count(), 2);
    }
}
