//! Proof of presence at a hub.

pub mod check_in;
pub mod prove_residency;
pub mod redeem_ticket;
pub mod visit;

pub use check_in::*;
pub use prove_residency::*;
pub use redeem_ticket::*;
pub use visit::*;
