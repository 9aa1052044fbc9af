//! Keeping accounts readable across releases: rewriting an account of an earlier layout in
//! the current one (`crate::state::layouts`).

pub mod upgrade_account;

pub use upgrade_account::*;
