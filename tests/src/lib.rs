//! The netstate test fixture: starts the program inside the real Solana runtime
//! (`solana-program-test`'s bank, with SPL Token, Token-2022 and Associated Token as the
//! real SBF programs), and gives tests funded wallets, transaction helpers that assert
//! named errors, typed account reads, decoded events and a clock they can move.
//!
//! The program runs natively by default. When `SBF_OUT_DIR` (or `BPF_OUT_DIR`) is set, as
//! `cargo test-sbf` does, the same tests load `netstate.so` from there instead.

// solana-program-test 3.x marks its API "for inclusion in the Agave Unstable API"; we
// acknowledge that (it is the runtime harness the Agave 3.1 line ships) and pin the version.
#![allow(deprecated)]

pub mod errors;
pub mod fixture;
pub mod governance;
pub mod model;
pub mod scenario;
pub mod tokens;

pub use errors::ExpectedError;
pub use fixture::{Fixture, Outcome};
