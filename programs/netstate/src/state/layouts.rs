//! Earlier layouts of netstate accounts, and how each becomes the current one.
//!
//! Every account carries its layout `version` right after the 8-byte discriminator. A
//! release that changes a layout raises that account's version, keeps the previous layout
//! here, and teaches [`upgrade`] to rewrite it: `upgrade_account` (anyone, paying the rent of
//! the growth) reallocates the account and writes it in the current layout without losing a
//! field, and clients read either layout (the version byte decides) until it has been
//! upgraded.
//!
//! | account | layout | what changed |
//! | --- | --- | --- |
//! | Node | 1 | the first release |
//! | Node | 2 | `latest_day` and `latest_day_present` appended (8 bytes) |
//! | every other account | 1 | the first release |

use anchor_lang::prelude::*;
use anchor_lang::Discriminator;

use crate::constants::ACCOUNT_VERSION;
use crate::error::NetstateError;
use crate::state::Node;

/// A Node in layout 1: as [`Node`] without `latest_day` and `latest_day_present`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct NodeV1 {
    /// Layout version (1).
    pub version: u8,
    /// Canonical bump of the PDA.
    pub bump: u8,
    /// Society the node belongs to.
    pub society: Pubkey,
    /// Unique code within the society.
    pub code: String,
    /// Display name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: [u8; 2],
    /// Latitude in micro-degrees.
    pub latitude_microdeg: i32,
    /// Longitude in micro-degrees.
    pub longitude_microdeg: i32,
    /// Key that co-signs check-ins at the door.
    pub operator: Pubkey,
    /// False once retired.
    pub active: bool,
    /// Check-ins ever recorded here.
    pub check_in_count: u64,
    /// Distinct wallets ever checked in here.
    pub resident_count: u32,
    /// Unix time of registration.
    pub registered_at: i64,
    /// Unix time of retirement (0 while active).
    pub retired_at: i64,
    /// The operator before the latest rotation.
    pub previous_operator: Pubkey,
    /// UTC day from which `operator` signs.
    pub operator_since_day: u32,
}

impl NodeV1 {
    /// The fields of `node` that layout 1 has: what the hub would hold had it stayed there
    /// (for tools and tests that write accounts of the earlier layout).
    pub fn of(node: &Node) -> Self {
        NodeV1 {
            version: 1,
            bump: node.bump,
            society: node.society,
            code: node.code.clone(),
            name: node.name.clone(),
            country: node.country,
            latitude_microdeg: node.latitude_microdeg,
            longitude_microdeg: node.longitude_microdeg,
            operator: node.operator,
            active: node.active,
            check_in_count: node.check_in_count,
            resident_count: node.resident_count,
            registered_at: node.registered_at,
            retired_at: node.retired_at,
            previous_operator: node.previous_operator,
            operator_since_day: node.operator_since_day,
        }
    }

    /// The same hub in the current layout: every field kept, the latest day unknown (0)
    /// until the next check-in.
    pub fn upgrade(self) -> Node {
        Node {
            version: Node::LAYOUT_VERSION,
            bump: self.bump,
            society: self.society,
            code: self.code,
            name: self.name,
            country: self.country,
            latitude_microdeg: self.latitude_microdeg,
            longitude_microdeg: self.longitude_microdeg,
            operator: self.operator,
            active: self.active,
            check_in_count: self.check_in_count,
            resident_count: self.resident_count,
            registered_at: self.registered_at,
            retired_at: self.retired_at,
            previous_operator: self.previous_operator,
            operator_since_day: self.operator_since_day,
            latest_day: 0,
            latest_day_present: 0,
        }
    }
}

/// What [`upgrade`] makes of an account in an earlier layout.
#[derive(Debug)]
pub enum Upgraded {
    /// A hub, now in the current layout.
    Node(Box<Node>),
}

impl Upgraded {
    /// The layout it was read from and the one it is in now.
    pub fn versions(&self, from: u8) -> (u8, u8) {
        match self {
            Upgraded::Node(_) => (from, Node::LAYOUT_VERSION),
        }
    }
}

/// Reads the data of a netstate account (discriminator first) in an earlier layout and
/// returns it in the current one. An account already in the current layout is refused with
/// `AccountUpToDate`, an unknown version with `UnknownAccountVersion`.
pub fn upgrade(data: &[u8]) -> Result<Upgraded> {
    let version = data.get(8).copied();
    if data.starts_with(Node::DISCRIMINATOR) {
        return match version {
            Some(1) => {
                let old = NodeV1::deserialize(&mut data.get(8..).unwrap_or_default())
                    .map_err(|_| error!(ErrorCode::AccountDidNotDeserialize))?;
                Ok(Upgraded::Node(Box::new(old.upgrade())))
            }
            Some(Node::LAYOUT_VERSION) => err!(NetstateError::AccountUpToDate),
            _ => err!(NetstateError::UnknownAccountVersion),
        };
    }
    match version {
        Some(ACCOUNT_VERSION) => err!(NetstateError::AccountUpToDate),
        _ => err!(NetstateError::UnknownAccountVersion),
    }
}

/// Reads a Node in any layout it has had (what clients do before it is upgraded): the
/// fields it has, the newer ones at their defaults, and `version` the stored one, so that
/// a reader knows it still needs `upgrade_account`.
pub fn read_node(data: &[u8]) -> Result<Node> {
    if data.get(8) == Some(&1) && data.starts_with(Node::DISCRIMINATOR) {
        return match upgrade(data)? {
            Upgraded::Node(node) => Ok(Node {
                version: 1,
                ..*node
            }),
        };
    }
    Node::try_deserialize(&mut &data[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_hub() -> NodeV1 {
        NodeV1 {
            version: 1,
            bump: 254,
            society: Pubkey::new_unique(),
            code: "lisbon".into(),
            name: "Lisbon House".into(),
            country: *b"PT",
            latitude_microdeg: 38_722_252,
            longitude_microdeg: -9_139_337,
            operator: Pubkey::new_unique(),
            active: true,
            check_in_count: 41,
            resident_count: 7,
            registered_at: 1_767_261_600,
            retired_at: 0,
            previous_operator: Pubkey::new_unique(),
            operator_since_day: 20_454,
        }
    }

    fn account_data(hub: &NodeV1) -> Vec<u8> {
        let mut data = Node::DISCRIMINATOR.to_vec();
        hub.serialize(&mut data).unwrap();
        data
    }

    #[test]
    fn a_layout_1_hub_is_read_and_upgraded_with_every_field() {
        let old = old_hub();
        let data = account_data(&old);
        let Upgraded::Node(new) = upgrade(&data).unwrap();
        assert_eq!(new.version, Node::LAYOUT_VERSION);
        assert_eq!((new.latest_day, new.latest_day_present), (0, 0));
        let back = NodeV1::of(&new);
        assert_eq!(back, old);
        // Read as it is, it keeps saying it is in layout 1.
        let read = read_node(&data).unwrap();
        assert_eq!((read.version, read.code.as_str()), (1, "lisbon"));
    }

    #[test]
    fn current_and_unknown_layouts_are_refused_by_name() {
        let mut current = Vec::new();
        let Upgraded::Node(node) = upgrade(&account_data(&old_hub())).unwrap();
        node.try_serialize(&mut current).unwrap();
        assert_eq!(
            upgrade(&current).unwrap_err(),
            error!(NetstateError::AccountUpToDate)
        );
        assert_eq!(read_node(&current).unwrap().version, Node::LAYOUT_VERSION);
        let mut newer = current.clone();
        newer[8] = 9;
        assert_eq!(
            upgrade(&newer).unwrap_err(),
            error!(NetstateError::UnknownAccountVersion)
        );
        // Any other account: current at version 1, unknown otherwise.
        let mut member = crate::state::Member::DISCRIMINATOR.to_vec();
        member.extend([1, 255]);
        assert_eq!(
            upgrade(&member).unwrap_err(),
            error!(NetstateError::AccountUpToDate)
        );
        member[8] = 3;
        assert_eq!(
            upgrade(&member).unwrap_err(),
            error!(NetstateError::UnknownAccountVersion)
        );
        // A layout-1 hub cut short is not read.
        let data = account_data(&old_hub());
        assert!(upgrade(&data[..40]).is_err());
    }

    #[test]
    fn a_hub_counts_the_members_of_its_latest_day() {
        let Upgraded::Node(mut hub) = upgrade(&account_data(&old_hub())).unwrap();
        assert_eq!(hub.present_on(20_500), Some(0));
        hub.record_check_in(true, 20_500).unwrap();
        hub.record_check_in(false, 20_500).unwrap();
        assert_eq!((hub.latest_day, hub.present_on(20_500)), (20_500, Some(2)));
        // A ticket of an earlier day, redeemed late, counts in the totals only.
        hub.record_check_in(false, 20_499).unwrap();
        assert_eq!(hub.present_on(20_500), Some(2));
        assert_eq!(hub.present_on(20_499), None);
        assert_eq!(hub.check_in_count, 44);
        // The next day starts again from one.
        hub.record_check_in(false, 20_501).unwrap();
        assert_eq!(
            (hub.present_on(20_501), hub.present_on(20_502)),
            (Some(1), Some(0))
        );
    }
}
