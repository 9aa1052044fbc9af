//! Accounts of earlier layouts (`netstate::state::layouts`): finding them, and upgrading
//! them in the transaction that first needs them.

use anchor_lang::Discriminator;
use anchor_lang::solana_program::{instruction::Instruction, pubkey::Pubkey};

use crate::{ClientError, NetstateClient, Node};

/// An account in an earlier layout than the program's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    /// Its address.
    pub address: Pubkey,
    /// Its type (`Node`).
    pub kind: &'static str,
    /// The society it belongs to.
    pub society: Pubkey,
    /// The layout it is in.
    pub version: u8,
    /// The layout `upgrade_account` writes.
    pub current: u8,
}

impl Outdated {
    /// The hub `node` at `address`, when it is in an earlier layout.
    pub fn node(address: &Pubkey, node: &Node) -> Option<Self> {
        (node.version < Node::LAYOUT_VERSION).then_some(Outdated {
            address: *address,
            kind: "Node",
            society: node.society,
            version: node.version,
            current: Node::LAYOUT_VERSION,
        })
    }
}

/// The account `data` (at `address`) describes, when it is in an earlier layout.
pub fn outdated(address: &Pubkey, data: &[u8]) -> Option<Outdated> {
    if !data.starts_with(Node::DISCRIMINATOR) {
        return None;
    }
    Outdated::node(address, &netstate::state::layouts::read_node(data).ok()?)
}

/// Whether a program failure with `code` may come from an account in an earlier layout:
/// `AccountNeedsUpgrade`, or Anchor's `AccountDidNotDeserialize` (an old account too full to
/// read in the current layout).
pub fn may_need_upgrade(code: u32) -> bool {
    code == u32::from(crate::NetstateError::AccountNeedsUpgrade)
        || code == u32::from(anchor_lang::error::ErrorCode::AccountDidNotDeserialize)
}

impl NetstateClient {
    /// The accounts of `society` in an earlier layout, which `upgrade_account` rewrites.
    pub async fn outdated_accounts(&self, society: &Pubkey) -> Result<Vec<Outdated>, ClientError> {
        Ok(self
            .nodes(society)
            .await?
            .iter()
            .filter_map(|(address, node)| Outdated::node(address, node))
            .collect())
    }

    /// The `upgrade_account` instructions, paid by `payer`, for the accounts of this
    /// deployment that `instructions` name and that are in an earlier layout.
    pub async fn upgrades_for(
        &self,
        instructions: &[Instruction],
        payer: &Pubkey,
    ) -> Result<Vec<Instruction>, ClientError> {
        let mut named: Vec<Pubkey> = instructions
            .iter()
            .filter(|ix| ix.program_id == self.program_id)
            .flat_map(|ix| ix.accounts.iter().map(|m| m.pubkey))
            .collect();
        named.sort();
        named.dedup();
        let mut upgrades = Vec::new();
        for chunk in named.chunks(100) {
            let accounts = self
                .rpc()
                .get_multiple_accounts_with_commitment(chunk, self.rpc().commitment())
                .await?
                .value;
            for (address, account) in chunk.iter().zip(accounts) {
                let Some(account) = account.filter(|a| a.owner == self.program_id) else {
                    continue;
                };
                if let Some(old) = outdated(address, &account.data) {
                    upgrades.push(crate::instructions::upgrade_account(
                        &self.program_id,
                        payer,
                        &old.society,
                        &old.address,
                    ));
                }
            }
        }
        Ok(upgrades)
    }
}
