//! The Node account: a physical hub of the society's archipelago.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::NetstateError;
use crate::state::text::{is_code, is_printable_label};

/// Where a node is and who runs it: the arguments of `register_node` (and of a
/// `RegisterNode` proposal).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct NodeSpec {
    /// Short unique code within the society, the PDA seed (`lisbon`; 1..=16 of a-z0-9-_).
    #[max_len(MAX_NODE_CODE_LEN)]
    pub code: String,
    /// Display name (`Lisbon House`; 1..=48 bytes of printable UTF-8).
    #[max_len(MAX_NODE_NAME_LEN)]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (`PT`).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_words::country")
    )]
    pub country: [u8; 2],
    /// Latitude in micro-degrees (−90 000 000 ..= 90 000 000).
    pub latitude_microdeg: i32,
    /// Longitude in micro-degrees (−180 000 000 ..= 180 000 000).
    pub longitude_microdeg: i32,
    /// Key of the device at the door that co-signs check-ins.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_words::pubkey")
    )]
    pub operator: Pubkey,
}

impl NodeSpec {
    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        Node::validate_code(&self.code)?;
        require!(!self.name.is_empty(), NetstateError::NodeNameEmpty);
        require!(
            self.name.len() <= MAX_NODE_NAME_LEN,
            NetstateError::NodeNameTooLong
        );
        require!(
            is_printable_label(&self.name),
            NetstateError::NodeNameNotPrintable
        );
        require!(
            self.country.iter().all(u8::is_ascii_uppercase),
            NetstateError::InvalidCountryCode
        );
        require!(
            (-MAX_LATITUDE_MICRODEG..=MAX_LATITUDE_MICRODEG).contains(&self.latitude_microdeg),
            NetstateError::LatitudeOutOfRange
        );
        require!(
            (-MAX_LONGITUDE_MICRODEG..=MAX_LONGITUDE_MICRODEG).contains(&self.longitude_microdeg),
            NetstateError::LongitudeOutOfRange
        );
        require!(
            self.operator != Pubkey::default(),
            NetstateError::InvalidOperator
        );
        Ok(())
    }
}

/// A physical hub. PDA `["node", society, code]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Node {
    /// Layout version ([`Node::LAYOUT_VERSION`]; 1 before `latest_day`, see
    /// [`crate::state::layouts`]).
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Society the node belongs to.
    pub society: Pubkey,
    /// Unique code within the society (PDA seed).
    #[max_len(MAX_NODE_CODE_LEN)]
    pub code: String,
    /// Display name.
    #[max_len(MAX_NODE_NAME_LEN)]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: [u8; 2],
    /// Latitude in micro-degrees.
    pub latitude_microdeg: i32,
    /// Longitude in micro-degrees.
    pub longitude_microdeg: i32,
    /// Key that co-signs check-ins at the door.
    pub operator: Pubkey,
    /// False once retired: no new check-ins, history kept.
    pub active: bool,
    /// Check-ins ever recorded here.
    pub check_in_count: u64,
    /// Distinct wallets ever checked in here (Residency accounts created).
    pub resident_count: u32,
    /// Unix time of registration.
    pub registered_at: i64,
    /// Unix time of retirement (0 while active).
    pub retired_at: i64,
    /// The operator before the latest rotation, whose tickets still count for days before
    /// `operator_since_day`; the all-zero address when there is none or it was revoked.
    pub previous_operator: Pubkey,
    /// UTC day from which `operator` signs (its registration or rotation day).
    pub operator_since_day: u32,
    /// The latest UTC day anyone was recorded present here (0: none since the hub took this
    /// layout). Since layout 2.
    pub latest_day: u32,
    /// Distinct members recorded present here on `latest_day`: what a door's kiosk shows as
    /// today's check-ins, without reading every Residency. Since layout 2.
    pub latest_day_present: u32,
    /// UTC day from which `previous_operator` held the door: its tickets count for the days
    /// of its own term only, `previous_operator_since_day..operator_since_day`. Since
    /// layout 3 (a hub upgraded from an earlier layout takes its registration day: the
    /// earliest its previous key can have held the door).
    pub previous_operator_since_day: u32,
}

impl Node {
    /// The layout `register_node` writes: 3, the first with `previous_operator_since_day`.
    pub const LAYOUT_VERSION: u8 = 3;

    /// Members present here on UTC `day`: known for the hub's latest day and any later one
    /// (none yet); `None` for an earlier day, which only the Residency records still hold.
    pub fn present_on(&self, day: u32) -> Option<u32> {
        match day.cmp(&self.latest_day) {
            std::cmp::Ordering::Less => None,
            std::cmp::Ordering::Equal => Some(self.latest_day_present),
            std::cmp::Ordering::Greater => Some(0),
        }
    }

    /// Validates a node code.
    pub fn validate_code(code: &str) -> Result<()> {
        require!(!code.is_empty(), NetstateError::NodeCodeEmpty);
        require!(
            code.len() <= MAX_NODE_CODE_LEN,
            NetstateError::NodeCodeTooLong
        );
        require!(is_code(code), NetstateError::NodeCodeInvalid);
        Ok(())
    }

    /// Whether `key` signs for this hub on UTC `day`: the operator from
    /// `operator_since_day` on, the previous operator (unless revoked) for the days of its
    /// own term, from `previous_operator_since_day` to the day before the rotation. A key
    /// counts only for the days it held the door.
    pub fn operator_of_day(&self, key: &Pubkey, day: u32) -> bool {
        if day >= self.operator_since_day {
            *key == self.operator
        } else {
            self.previous_operator != Pubkey::default()
                && *key == self.previous_operator
                && day >= self.previous_operator_since_day
        }
    }

    /// Hands the door to `operator` from UTC day `today`. With `revoke_previous` (a key
    /// stolen or lost) the old key's tickets stop counting at once; otherwise the old key's
    /// tickets for days before `today` still count.
    pub fn rotate_operator(
        &mut self,
        operator: Pubkey,
        revoke_previous: bool,
        today: u32,
    ) -> Result<()> {
        require!(self.active, NetstateError::NodeRetired);
        require!(
            operator != Pubkey::default(),
            NetstateError::InvalidOperator
        );
        require!(operator != self.operator, NetstateError::OperatorUnchanged);
        (self.previous_operator, self.previous_operator_since_day) = if revoke_previous {
            (Pubkey::default(), today)
        } else {
            (self.operator, self.operator_since_day)
        };
        self.operator = operator;
        self.operator_since_day = today;
        Ok(())
    }

    /// Retires an active node at `now`.
    pub fn retire(&mut self, now: i64) -> Result<()> {
        require!(self.active, NetstateError::NodeRetired);
        self.active = false;
        self.retired_at = now;
        Ok(())
    }

    /// Records a check-in on UTC `day` (counted once per wallet and day by its Residency);
    /// `new_resident` when it is this wallet's first here.
    pub fn record_check_in(&mut self, new_resident: bool, day: u32) -> Result<()> {
        require!(self.active, NetstateError::NodeRetired);
        self.check_in_count = self
            .check_in_count
            .checked_add(1)
            .ok_or(NetstateError::CounterOverflow)?;
        match day.cmp(&self.latest_day) {
            std::cmp::Ordering::Greater => {
                self.latest_day = day;
                self.latest_day_present = 1;
            }
            std::cmp::Ordering::Equal => {
                self.latest_day_present = self
                    .latest_day_present
                    .checked_add(1)
                    .ok_or(NetstateError::CounterOverflow)?;
            }
            // A ticket of an earlier day (redeemed late) counts in the totals only.
            std::cmp::Ordering::Less => {}
        }
        if new_resident {
            self.resident_count = self
                .resident_count
                .checked_add(1)
                .ok_or(NetstateError::CounterOverflow)?;
        }
        Ok(())
    }
}
