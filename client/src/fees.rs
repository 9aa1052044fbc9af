//! Priority fees and compute: what a [`NetstateClient`] offers per compute unit, and the
//! compute unit limit it sets from a simulation, as the Solana CLI does with
//! `--with-compute-unit-price`.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use solana_client::rpc_config::RpcSimulateTransactionConfig;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_transaction::Transaction;

use crate::{ClientError, NetstateClient};

/// Most compute units a transaction may ask for.
pub const MAX_COMPUTE_UNIT_LIMIT: u32 = 1_400_000;

/// Units added to a simulation's count, besides a fifth of it, for what a simulation cannot
/// see (an account created since, a longer path through the program).
pub const COMPUTE_UNIT_MARGIN: u32 = 1_000;

/// The highest price `Auto` offers, micro-lamports per compute unit (at 200 000 units,
/// 0.001 SOL): past it, name a price with [`ComputeUnitPrice::Fixed`].
pub const MAX_AUTO_PRICE: u64 = 5_000_000;

/// The percentile of recent fees `Auto` offers.
pub const AUTO_PERCENTILE: usize = 75;

/// What a client offers per compute unit, on top of the signature fee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ComputeUnitPrice {
    /// No priority fee and no compute budget instructions (the default).
    #[default]
    None,
    /// This many micro-lamports per compute unit.
    Fixed(u64),
    /// The 75th percentile of the recent fees paid to write the accounts the transaction
    /// writes (`getRecentPrioritizationFees`), at most [`MAX_AUTO_PRICE`].
    Auto,
}

/// The compute unit limit for a transaction a simulation found to use `units`: a fifth more
/// and [`COMPUTE_UNIT_MARGIN`], at most [`MAX_COMPUTE_UNIT_LIMIT`].
pub fn limit_for(units: u64) -> u32 {
    let limit = units
        .saturating_add(units / 5)
        .saturating_add(u64::from(COMPUTE_UNIT_MARGIN));
    u32::try_from(limit.min(u64::from(MAX_COMPUTE_UNIT_LIMIT))).unwrap_or(MAX_COMPUTE_UNIT_LIMIT)
}

/// What `Auto` offers given the recent `fees`: their [`AUTO_PERCENTILE`]th percentile, at
/// most [`MAX_AUTO_PRICE`]; 0 when there are none.
pub fn auto_price(fees: &[u64]) -> u64 {
    let mut sorted = fees.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return 0;
    }
    let index = (sorted.len() * AUTO_PERCENTILE)
        .div_ceil(100)
        .saturating_sub(1);
    sorted[index.min(sorted.len() - 1)].min(MAX_AUTO_PRICE)
}

/// The accounts `instructions` (paid by `payer`) write, at most 128, for
/// `getRecentPrioritizationFees`.
pub fn writable_accounts(instructions: &[Instruction], payer: &Pubkey) -> Vec<Pubkey> {
    let mut out = vec![*payer];
    for meta in instructions.iter().flat_map(|ix| ix.accounts.iter()) {
        if meta.is_writable && !out.contains(&meta.pubkey) {
            out.push(meta.pubkey);
        }
    }
    out.truncate(128);
    out
}

/// `instructions` preceded by the compute budget ones: a `limit` when given, and `price`
/// when above 0.
pub fn with_budget(
    instructions: &[Instruction],
    limit: Option<u32>,
    price: u64,
) -> Vec<Instruction> {
    let mut out = Vec::with_capacity(instructions.len() + 2);
    if let Some(limit) = limit {
        out.push(ComputeBudgetInstruction::set_compute_unit_limit(limit));
    }
    if price > 0 {
        out.push(ComputeBudgetInstruction::set_compute_unit_price(price));
    }
    out.extend_from_slice(instructions);
    out
}

impl NetstateClient {
    /// The client offering `price` per compute unit on every transaction it sends.
    pub fn with_compute_unit_price(mut self, price: ComputeUnitPrice) -> Self {
        self.price = price;
        self
    }

    /// What the client offers per compute unit.
    pub fn compute_unit_price(&self) -> ComputeUnitPrice {
        self.price
    }

    /// The price this client offers for `instructions` paid by `payer`: none, its fixed
    /// price, or the one [`ComputeUnitPrice::Auto`] picks from the recent fees.
    pub async fn price_for(
        &self,
        instructions: &[Instruction],
        payer: &Pubkey,
    ) -> Result<Option<u64>, ClientError> {
        match self.price {
            ComputeUnitPrice::None => Ok(None),
            ComputeUnitPrice::Fixed(price) => Ok(Some(price)),
            ComputeUnitPrice::Auto => {
                let fees = self
                    .rpc()
                    .get_recent_prioritization_fees(&writable_accounts(instructions, payer))
                    .await?;
                let fees: Vec<u64> = fees.iter().map(|f| f.prioritization_fee).collect();
                Ok(Some(auto_price(&fees)))
            }
        }
    }

    /// `instructions` as this client sends them: unchanged without a price; with one,
    /// preceded by a compute unit limit (a simulation's units, a fifth more and
    /// [`COMPUTE_UNIT_MARGIN`]) and the price. A simulation that fails is the transaction's
    /// error, named as a send would name it.
    pub async fn budgeted(
        &self,
        instructions: &[Instruction],
        payer: &Pubkey,
    ) -> Result<Vec<Instruction>, ClientError> {
        let Some(price) = self.price_for(instructions, payer).await? else {
            return Ok(instructions.to_vec());
        };
        let trial = with_budget(instructions, Some(MAX_COMPUTE_UNIT_LIMIT), price);
        // Unsigned, with the blockhash the node replaces: a simulation checks neither.
        let tx = Transaction::new_with_payer(&trial, Some(payer));
        let simulated = self
            .rpc()
            .simulate_transaction_with_config(
                &tx,
                RpcSimulateTransactionConfig {
                    sig_verify: false,
                    replace_recent_blockhash: true,
                    ..Default::default()
                },
            )
            .await?
            .value;
        if let Some(error) = simulated.err {
            return Err(ClientError::from_transaction_error(
                error.into(),
                simulated.logs.unwrap_or_default(),
            )
            .at_deployment(&self.program_id));
        }
        let units = simulated
            .units_consumed
            .unwrap_or(u64::from(MAX_COMPUTE_UNIT_LIMIT));
        Ok(with_budget(instructions, Some(limit_for(units)), price))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_the_simulation_with_a_margin_within_the_maximum() {
        assert_eq!(limit_for(10_000), 13_000);
        assert_eq!(limit_for(0), COMPUTE_UNIT_MARGIN);
        assert_eq!(limit_for(2_000_000), MAX_COMPUTE_UNIT_LIMIT);
        assert_eq!(limit_for(u64::MAX), MAX_COMPUTE_UNIT_LIMIT);
    }

    #[test]
    fn auto_takes_the_75th_percentile_within_its_cap() {
        assert_eq!(auto_price(&[]), 0);
        assert_eq!(auto_price(&[0, 0, 0, 0]), 0);
        assert_eq!(auto_price(&[400, 100, 300, 200]), 300);
        assert_eq!(auto_price(&[7]), 7);
        assert_eq!(auto_price(&[u64::MAX, u64::MAX]), MAX_AUTO_PRICE);
    }

    #[test]
    fn budget_instructions_come_first_and_a_zero_price_is_left_out() {
        let payer = Pubkey::new_unique();
        let ix = anchor_lang::solana_program::system_instruction::transfer(
            &payer,
            &Pubkey::new_unique(),
            1,
        );
        let with = with_budget(std::slice::from_ref(&ix), Some(5_000), 10);
        assert_eq!(with.len(), 3);
        assert_eq!(
            with[0],
            ComputeBudgetInstruction::set_compute_unit_limit(5_000)
        );
        assert_eq!(
            with[1],
            ComputeBudgetInstruction::set_compute_unit_price(10)
        );
        assert_eq!(with[2], ix);
        let unchanged = with_budget(std::slice::from_ref(&ix), None, 0);
        assert_eq!(unchanged.len(), 1);
        assert_eq!(unchanged[0], ix);
        assert_eq!(
            writable_accounts(&[ix.clone(), ix.clone()], &payer),
            [payer, ix.accounts[1].pubkey]
        );
    }
}
