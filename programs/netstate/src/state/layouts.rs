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
//! | Node | 3 | `previous_operator_since_day` appended (4 bytes): a rotated-out key counts only for the days it held the door |
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
    /// until the next check-in, and the previous key's term taken to begin at the hub's
    /// registration (the earliest it can have).
    pub fn upgrade(self) -> Node {
        let registered_day = u32::try_from(
            self.registered_at
                .div_euclid(crate::constants::SECONDS_PER_DAY),
        )
        .unwrap_or(0);
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
            previous_operator_since_day: registered_day,
        }
    }
}

/// A Node in layout 2: layout 1, then `latest_day` and `latest_day_present`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct NodeV2 {
    /// The fields of layout 1 (its version byte says 2).
    pub base: NodeV1,
    /// The latest UTC day anyone was recorded present.
    pub latest_day: u32,
    /// Distinct members recorded present on `latest_day`.
    pub latest_day_present: u32,
}

impl NodeV2 {
    /// The fields of `node` that layout 2 has (for tools and tests that write accounts of
    /// the earlier layout).
    pub fn of(node: &Node) -> Self {
        NodeV2 {
            base: NodeV1 {
                version: 2,
                ..NodeV1::of(node)
            },
            latest_day: node.latest_day,
            latest_day_present: node.latest_day_present,
        }
    }

    /// The same hub in the current layout: every field kept, the previous key's term taken
    /// to begin at the hub's registration (see [`NodeV1::upgrade`]).
    pub fn upgrade(self) -> Node {
        Node {
            latest_day: self.latest_day,
            latest_day_present: self.latest_day_present,
            ..self.base.upgrade()
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
    /// The layout it is in now.
    pub fn version(&self) -> u8 {
        match self {
            Upgraded::Node(node) => node.version,
        }
    }
}

/// A Node's data (discriminator first) in layout 1.
fn read_node_v1(data: &[u8]) -> Result<NodeV1> {
    NodeV1::deserialize(&mut data.get(8..).unwrap_or_default())
        .map_err(|_| error!(ErrorCode::AccountDidNotDeserialize))
}

/// A Node's data (discriminator first) in layout 2.
fn read_node_v2(data: &[u8]) -> Result<NodeV2> {
    NodeV2::deserialize(&mut data.get(8..).unwrap_or_default())
        .map_err(|_| error!(ErrorCode::AccountDidNotDeserialize))
}

/// Reads the data of a netstate account (discriminator first) in an earlier layout and
/// returns it in the current one. An account already in the current layout is refused with
/// `AccountUpToDate`, an unknown version with `UnknownAccountVersion`.
pub fn upgrade(data: &[u8]) -> Result<Upgraded> {
    let version = data.get(8).copied();
    if data.starts_with(Node::DISCRIMINATOR) {
        return match version {
            Some(1) => Ok(Upgraded::Node(Box::new(read_node_v1(data)?.upgrade()))),
            Some(2) => Ok(Upgraded::Node(Box::new(read_node_v2(data)?.upgrade()))),
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
    if data.starts_with(Node::DISCRIMINATOR) {
        match data.get(8) {
            Some(&1) => {
                return Ok(Node {
                    version: 1,
                    ..read_node_v1(data)?.upgrade()
                });
            }
            Some(&2) => {
                return Ok(Node {
                    version: 2,
                    ..read_node_v2(data)?.upgrade()
                });
            }
            _ => {}
        }
    }
    Node::try_deserialize(&mut &data[..])
}
