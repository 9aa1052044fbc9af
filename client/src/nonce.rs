//! Durable nonces: a transaction signed with a nonce account's value instead of a recent
//! blockhash stays valid until it is used (or the nonce is advanced), so an offline
//! co-signature (a door's, a multi-party grant's) does not expire after about a minute.

use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};
use solana_hash::Hash;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_system_interface::instruction as system;
use solana_transaction::Transaction;

use crate::{ClientError, NetstateClient};

/// Bytes of a nonce account.
pub const NONCE_ACCOUNT_LEN: usize = 80;

/// A durable nonce account's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DurableNonce {
    /// The nonce account.
    pub address: Pubkey,
    /// Who may advance it (and must sign every transaction that uses it).
    pub authority: Pubkey,
    /// Its value: the blockhash a transaction using it signs.
    pub blockhash: Hash,
    /// The fee per signature recorded with it.
    pub lamports_per_signature: u64,
    /// Lamports it holds.
    pub lamports: u64,
}

/// Decodes a nonce account's `data` (owned by the system program) at `address`.
pub fn decode_nonce(
    address: &Pubkey,
    lamports: u64,
    data: &[u8],
) -> Result<DurableNonce, ClientError> {
    let versions: solana_nonce::versions::Versions =
        bincode::deserialize(data).map_err(|_| ClientError::NotANonceAccount(*address))?;
    match versions.state() {
        solana_nonce::state::State::Initialized(nonce) => Ok(DurableNonce {
            address: *address,
            authority: nonce.authority,
            blockhash: nonce.blockhash(),
            lamports_per_signature: nonce.fee_calculator.lamports_per_signature,
            lamports,
        }),
        solana_nonce::state::State::Uninitialized => Err(ClientError::NotANonceAccount(*address)),
    }
}

/// `instructions` preceded by the advance of `nonce` by `authority`, as every transaction
/// that uses a durable nonce must start.
pub fn nonced(
    instructions: &[Instruction],
    nonce: &Pubkey,
    authority: &Pubkey,
) -> Vec<Instruction> {
    let mut out = Vec::with_capacity(instructions.len() + 1);
    out.push(system::advance_nonce_account(nonce, authority));
    out.extend_from_slice(instructions);
    out
}

/// The instructions that create a nonce account at `nonce` (a new keypair, which signs)
/// controlled by `authority`, funded by `payer` with `lamports` (at least the rent-exempt
/// minimum of [`NONCE_ACCOUNT_LEN`] bytes).
pub fn create_nonce_account(
    payer: &Pubkey,
    nonce: &Pubkey,
    authority: &Pubkey,
    lamports: u64,
) -> Vec<Instruction> {
    system::create_nonce_account(payer, nonce, authority, lamports)
}

impl NetstateClient {
    /// The durable nonce account at `address`.
    pub async fn durable_nonce(&self, address: &Pubkey) -> Result<DurableNonce, ClientError> {
        let account = self
            .rpc()
            .get_account_with_commitment(address, self.rpc().commitment())
            .await?
            .value
            .ok_or(ClientError::AccountNotFound(*address))?;
        if account.owner != solana_system_interface::program::ID {
            return Err(ClientError::NotANonceAccount(*address));
        }
        decode_nonce(address, account.lamports, &account.data)
    }

    /// Sends `instructions` paid by `payer` and signed by `signers`, with the durable nonce
    /// at `nonce` (advanced by `authority`) in place of a recent blockhash; with a price
    /// (see [`NetstateClient::with_compute_unit_price`]) the advance still comes first.
    pub async fn send_with_nonce(
        &self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
        nonce: &Pubkey,
        authority: &Keypair,
    ) -> Result<Signature, ClientError> {
        let value = self.durable_nonce(nonce).await?;
        if value.authority != authority.pubkey() {
            return Err(ClientError::Signing(format!(
                "the nonce {nonce} is advanced by {}, not {}",
                value.authority,
                authority.pubkey()
            )));
        }
        let budgeted = self.budgeted(instructions, &payer.pubkey()).await?;
        let all_instructions = nonced(&budgeted, nonce, &authority.pubkey());
        let mut tx = Transaction::new_with_payer(&all_instructions, Some(&payer.pubkey()));
        let mut unique: Vec<&Keypair> = Vec::new();
        for key in [payer, authority]
            .into_iter()
            .chain(signers.iter().copied())
        {
            if !unique.iter().any(|k| k.pubkey() == key.pubkey()) {
                unique.push(key);
            }
        }
        tx.try_sign(&unique, value.blockhash)
            .map_err(|e| ClientError::Signing(e.to_string()))?;
        self.rpc()
            .send_and_confirm_transaction(&tx)
            .await
            .map_err(|e| ClientError::from(e).at_deployment(&self.program_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advance_comes_first_and_data_that_is_no_nonce_is_named() {
        let (nonce, authority) = (Pubkey::new_unique(), Pubkey::new_unique());
        let ix = system::transfer(&authority, &Pubkey::new_unique(), 1);
        let all = nonced(std::slice::from_ref(&ix), &nonce, &authority);
        assert_eq!(all[0], system::advance_nonce_account(&nonce, &authority));
        assert_eq!(all[1], ix);
        let address = Pubkey::new_unique();
        assert!(matches!(
            decode_nonce(&address, 1, &[0; NONCE_ACCOUNT_LEN]),
            Err(ClientError::NotANonceAccount(a)) if a == address
        ));
        assert!(matches!(
            decode_nonce(&address, 1, b"short"),
            Err(ClientError::NotANonceAccount(_))
        ));
    }
}
