//! Recent prioritization fees, as validators keep them for `getRecentPrioritizationFees`:
//! for each of the last [`MAX_SLOTS`] slots with confirmed transactions, the lowest compute
//! unit price any of them paid, and for each account they write-locked, the lowest price a
//! transaction writing it paid.

use std::collections::{HashMap, VecDeque};

use solana_message::VersionedMessage;
use solana_pubkey::Pubkey;

/// Slots kept, as validators keep them.
pub const MAX_SLOTS: usize = 150;

/// Accounts one request may name, as validators allow.
pub const MAX_ACCOUNTS: usize = 128;

/// One slot's fees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SlotFees {
    slot: u64,
    /// The lowest compute unit price of the slot's transactions (micro-lamports).
    lowest: u64,
    /// The lowest price of the transactions that write-locked each account.
    by_account: HashMap<Pubkey, u64>,
}

/// The fees of the recent slots, oldest first.
#[derive(Debug, Clone, Default)]
pub struct PrioritizationFees {
    slots: VecDeque<SlotFees>,
}

impl PrioritizationFees {
    /// Records a transaction confirmed in `slot` that paid `price` micro-lamports per compute
    /// unit and write-locked `writable`.
    pub fn record(&mut self, slot: u64, price: u64, writable: &[Pubkey]) {
        let fees = match self.slots.back_mut() {
            Some(last) if last.slot == slot => last,
            _ => {
                self.slots.push_back(SlotFees {
                    slot,
                    lowest: price,
                    by_account: HashMap::new(),
                });
                while self.slots.len() > MAX_SLOTS {
                    self.slots.pop_front();
                }
                match self.slots.back_mut() {
                    Some(last) => last,
                    None => return,
                }
            }
        };
        fees.lowest = fees.lowest.min(price);
        for account in writable {
            fees.by_account
                .entry(*account)
                .and_modify(|p| *p = (*p).min(price))
                .or_insert(price);
        }
    }

    /// `(slot, fee)` for each recent slot, oldest first: with no `accounts`, the slot's lowest
    /// price; with accounts, the highest of that and the lowest price paid to write each of
    /// them (what a transaction writing them had to beat), as validators answer.
    pub fn recent(&self, accounts: &[Pubkey]) -> Vec<(u64, u64)> {
        self.slots
            .iter()
            .map(|s| {
                let fee = accounts
                    .iter()
                    .filter_map(|a| s.by_account.get(a).copied())
                    .fold(s.lowest, u64::max);
                (s.slot, fee)
            })
            .collect()
    }
}

/// The compute budget instructions' data in `message`, in order.
fn budget_instructions(message: &VersionedMessage) -> impl Iterator<Item = &[u8]> {
    let keys = message.static_account_keys();
    message
        .instructions()
        .iter()
        .filter(move |ix| {
            keys.get(usize::from(ix.program_id_index))
                .is_some_and(|p| *p == solana_compute_budget_interface::ID)
        })
        .map(|ix| ix.data.as_slice())
}

/// The compute unit price a message sets with the compute budget program (0 when none):
/// the last `SetComputeUnitPrice`, as the runtime reads it.
pub fn compute_unit_price(message: &VersionedMessage) -> u64 {
    budget_instructions(message)
        .filter_map(|data| match data {
            [3, price @ ..] => <[u8; 8]>::try_from(price).ok().map(u64::from_le_bytes),
            _ => None,
        })
        .last()
        .unwrap_or(0)
}

/// The compute units a message may use: its `SetComputeUnitLimit`, else 200 000 per
/// instruction that is not a compute budget one, at most 1 400 000 (the runtime's defaults).
pub fn compute_unit_limit(message: &VersionedMessage) -> u64 {
    let set = budget_instructions(message)
        .filter_map(|data| match data {
            [2, units @ ..] => <[u8; 4]>::try_from(units).ok().map(u32::from_le_bytes),
            _ => None,
        })
        .last();
    let limit = match set {
        Some(units) => u64::from(units),
        None => {
            let others = message
                .instructions()
                .len()
                .saturating_sub(budget_instructions(message).count());
            200_000u64.saturating_mul(others as u64)
        }
    };
    limit.min(1_400_000)
}

/// The prioritization fee of a message, lamports: its compute unit limit times its price,
/// in micro-lamports, rounded up.
pub fn prioritization_fee(message: &VersionedMessage) -> u64 {
    let micro = u128::from(compute_unit_limit(message)) * u128::from(compute_unit_price(message));
    u64::try_from(micro.div_ceil(1_000_000)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_answers_its_lowest_price_or_what_writing_the_accounts_cost() {
        let (hot, cold) = (Pubkey::new_unique(), Pubkey::new_unique());
        let mut fees = PrioritizationFees::default();
        fees.record(10, 500, &[hot]);
        fees.record(10, 0, &[cold]);
        fees.record(11, 200, &[hot, cold]);
        assert_eq!(fees.recent(&[]), [(10, 0), (11, 200)]);
        assert_eq!(fees.recent(&[hot]), [(10, 500), (11, 200)]);
        assert_eq!(fees.recent(&[cold]), [(10, 0), (11, 200)]);
        assert_eq!(fees.recent(&[hot, cold]), [(10, 500), (11, 200)]);
        for slot in 12..(12 + MAX_SLOTS as u64) {
            fees.record(slot, 1, &[]);
        }
        let recent = fees.recent(&[]);
        assert_eq!(recent.len(), MAX_SLOTS);
        assert_eq!(recent[0].0, 12, "the oldest slots go first");
    }

    #[test]
    fn the_price_is_read_from_the_compute_budget_instruction() {
        use solana_keypair::Keypair;
        use solana_signer::Signer;
        let payer = Keypair::new();
        let ixs = [
            solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(
                10_000,
            ),
            solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_price(
                7_500,
            ),
        ];
        let message = solana_message::Message::new(&ixs, Some(&payer.pubkey()));
        let message = VersionedMessage::Legacy(message);
        assert_eq!(compute_unit_price(&message), 7_500);
        assert_eq!(compute_unit_limit(&message), 10_000);
        // 10 000 units at 7 500 micro-lamports: 75 lamports.
        assert_eq!(prioritization_fee(&message), 75);
        let none = VersionedMessage::Legacy(solana_message::Message::new(
            &ixs[..1],
            Some(&payer.pubkey()),
        ));
        assert_eq!(
            (compute_unit_price(&none), prioritization_fee(&none)),
            (0, 0)
        );
    }
}
