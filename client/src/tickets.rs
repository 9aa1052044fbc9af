//! Offline tickets: a hub's door signs one when it cannot reach the chain, and anyone redeems
//! it later with `redeem_ticket` (see the program's `ticket` module for the format).
//!
//! A [`SignedTicket`] travels as base58 text (a QR code, a file, a message): the 149 bytes of
//! the ticket, the operator's key (32) and the Ed25519 signature (64).

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use netstate::ticket::{TICKET_LEN, Ticket};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::ClientError;

/// Bytes of a signed ticket: ticket, signer, signature.
pub const SIGNED_TICKET_LEN: usize = TICKET_LEN + 32 + 64;

/// A ticket with its operator's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedTicket {
    /// What it says.
    pub ticket: Ticket,
    /// Who signed it (the hub's operator of that day, if it is valid).
    pub signer: Pubkey,
    /// The Ed25519 signature over [`Ticket::to_bytes`].
    pub signature: [u8; 64],
}

impl SignedTicket {
    /// `operator` signs that `wallet` was at the hub `node` of `society` on UTC `day`, for the
    /// netstate deployment `program_id`.
    pub fn sign(
        operator: &Keypair,
        program_id: &Pubkey,
        society: Pubkey,
        node: Pubkey,
        wallet: Pubkey,
        day: u32,
    ) -> Self {
        let ticket = Ticket {
            program: *program_id,
            society,
            node,
            wallet,
            day,
        };
        let signature = operator.sign_message(&ticket.to_bytes());
        SignedTicket {
            ticket,
            signer: operator.pubkey(),
            signature: signature.into(),
        }
    }

    /// Whether the signature is the signer's over the ticket (the program checks it again,
    /// through the Ed25519 program).
    pub fn verify(&self) -> bool {
        solana_signature::Signature::from(self.signature)
            .verify(self.signer.as_ref(), &self.ticket.to_bytes())
    }

    /// The ticket as base58 text.
    pub fn to_base58(&self) -> String {
        let mut bytes = Vec::with_capacity(SIGNED_TICKET_LEN);
        bytes.extend_from_slice(&self.ticket.to_bytes());
        bytes.extend_from_slice(self.signer.as_ref());
        bytes.extend_from_slice(&self.signature);
        bs58::encode(bytes).into_string()
    }

    /// Reads a ticket from base58 text.
    pub fn from_base58(text: &str) -> Result<Self, ClientError> {
        let bad = |why: &str| ClientError::InvalidTicket(why.to_string());
        let bytes = bs58::decode(text.trim())
            .into_vec()
            .map_err(|_| bad("not base58"))?;
        if bytes.len() != SIGNED_TICKET_LEN {
            return Err(bad(&format!(
                "{} bytes, a signed ticket has {SIGNED_TICKET_LEN}",
                bytes.len()
            )));
        }
        let ticket = Ticket::parse(&bytes[..TICKET_LEN])
            .map_err(|_| bad("not a netstate ticket (tag or version)"))?;
        let signer: [u8; 32] = bytes[TICKET_LEN..TICKET_LEN + 32]
            .try_into()
            .map_err(|_| bad("no signer"))?;
        let signature: [u8; 64] = bytes[TICKET_LEN + 32..]
            .try_into()
            .map_err(|_| bad("no signature"))?;
        Ok(SignedTicket {
            ticket,
            signer: Pubkey::new_from_array(signer),
            signature,
        })
    }

    /// The Ed25519 signature check of this ticket: the instruction that must come right
    /// before its `redeem_ticket`.
    pub fn signature_check(&self) -> Instruction {
        let signer: [u8; 32] = self.signer.to_bytes();
        solana_ed25519_program::new_ed25519_instruction_with_signature(
            &self.ticket.to_bytes(),
            &self.signature,
            &signer,
        )
    }

    /// The two instructions that redeem this ticket, `payer` sending them.
    pub fn redeem(&self, payer: &Pubkey) -> [Instruction; 2] {
        [
            self.signature_check(),
            crate::instructions::redeem_ticket(&self.ticket.program, payer, &self.ticket),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_tickets_round_trip_as_text_and_verify() {
        let operator = Keypair::new();
        // A ticket names its deployment, and is redeemed there.
        let deployment = Pubkey::new_unique();
        let signed = SignedTicket::sign(
            &operator,
            &deployment,
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            20_417,
        );
        assert!(signed.verify());
        let text = signed.to_base58();
        assert_eq!(SignedTicket::from_base58(&text).unwrap(), signed);
        let mut forged = signed.clone();
        forged.ticket.day += 1;
        assert!(!forged.verify());
        assert!(SignedTicket::from_base58("abc").is_err());
        assert!(SignedTicket::from_base58("0OIl").is_err());
        let [check, redeem] = signed.redeem(&operator.pubkey());
        assert_eq!(check.program_id, solana_sdk_ids::ed25519_program::ID);
        assert_eq!(redeem.program_id, deployment);
    }
}
