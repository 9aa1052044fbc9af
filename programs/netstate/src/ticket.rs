//! Offline check-in tickets: the message a hub's door signs when it cannot reach the chain,
//! redeemed later by `redeem_ticket`. Defined once here; the client and the door build the
//! same bytes with [`Ticket::to_bytes`].
//!
//! | bytes | field |
//! | --- | --- |
//! | 0..16 | tag `netstate-ticket\0` (domain separation: never a transaction or another message) |
//! | 16 | version (1) |
//! | 17..49 | program id |
//! | 49..81 | society (the Society PDA) |
//! | 81..113 | hub (the Node PDA) |
//! | 113..145 | member wallet |
//! | 145..149 | UTC day (days since 1970-01-01), little-endian u32 |

use anchor_lang::prelude::*;

use crate::error::NetstateError;

/// The domain-separation tag that opens every ticket.
pub const TICKET_TAG: [u8; 16] = *b"netstate-ticket\0";
/// The ticket format's version.
pub const TICKET_VERSION: u8 = 1;
/// A ticket's length in bytes.
pub const TICKET_LEN: usize = 16 + 1 + 32 * 4 + 4;

/// One signed presence: `wallet` was at `node` of `society` on `day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// The program the ticket is for.
    pub program: Pubkey,
    /// The Society PDA.
    pub society: Pubkey,
    /// The Node PDA.
    pub node: Pubkey,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// UTC day.
    pub day: u32,
}

impl Ticket {
    /// The bytes the door signs.
    pub fn to_bytes(&self) -> [u8; TICKET_LEN] {
        let mut out = [0u8; TICKET_LEN];
        out[..16].copy_from_slice(&TICKET_TAG);
        out[16] = TICKET_VERSION;
        out[17..49].copy_from_slice(self.program.as_ref());
        out[49..81].copy_from_slice(self.society.as_ref());
        out[81..113].copy_from_slice(self.node.as_ref());
        out[113..145].copy_from_slice(self.wallet.as_ref());
        out[145..149].copy_from_slice(&self.day.to_le_bytes());
        out
    }

    /// Parses signed bytes; anything but a ticket of this version is `TicketMalformed`.
    pub fn parse(bytes: &[u8]) -> Result<Ticket> {
        require!(bytes.len() == TICKET_LEN, NetstateError::TicketMalformed);
        require!(bytes[..16] == TICKET_TAG, NetstateError::TicketMalformed);
        require!(bytes[16] == TICKET_VERSION, NetstateError::TicketMalformed);
        let key = |at: usize| -> Result<Pubkey> {
            let raw: [u8; 32] = bytes
                .get(at..at + 32)
                .and_then(|b| b.try_into().ok())
                .ok_or(NetstateError::TicketMalformed)?;
            Ok(Pubkey::new_from_array(raw))
        };
        let day: [u8; 4] = bytes
            .get(145..149)
            .and_then(|b| b.try_into().ok())
            .ok_or(NetstateError::TicketMalformed)?;
        Ok(Ticket {
            program: key(17)?,
            society: key(49)?,
            node: key(81)?,
            wallet: key(113)?,
            day: u32::from_le_bytes(day),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_round_trip_and_anything_else_is_refused() {
        let ticket = Ticket {
            program: crate::ID,
            society: Pubkey::new_unique(),
            node: Pubkey::new_unique(),
            wallet: Pubkey::new_unique(),
            day: 20_417,
        };
        let bytes = ticket.to_bytes();
        assert_eq!(bytes.len(), 149);
        assert_eq!(Ticket::parse(&bytes).ok(), Some(ticket));
        assert!(Ticket::parse(&bytes[..148]).is_err());
        let mut other_version = bytes;
        other_version[16] = 2;
        assert!(Ticket::parse(&other_version).is_err());
        let mut other_tag = bytes;
        other_tag[0] = b'N';
        assert!(Ticket::parse(&other_tag).is_err());
    }
}
