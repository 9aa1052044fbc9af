//! Proof of presence at a hub.

pub mod check_in;
pub mod prove_residency;

pub use check_in::*;
pub use prove_residency::*;
