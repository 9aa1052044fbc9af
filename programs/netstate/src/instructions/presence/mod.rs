//! Proof of presence at a hub.

pub mod check_in;

pub use check_in::*;
