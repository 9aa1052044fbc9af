//! Registering and retiring the society's physical hubs.

pub mod register_node;
pub mod retire_node;
pub mod set_node_operator;

pub use register_node::*;
pub use retire_node::*;
pub use set_node_operator::*;
