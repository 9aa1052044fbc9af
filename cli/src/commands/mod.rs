//! One module per noun.

pub mod demo;
pub mod door;
pub mod genesis;
pub mod localnet;
pub mod member;
pub mod node;
pub mod proposal;
pub mod see;
pub mod society;
pub mod tickets;
pub mod treasury;
pub mod wallet;
