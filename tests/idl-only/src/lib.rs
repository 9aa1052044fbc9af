//! A client of netstate generated from its IDL alone (`idls/netstate.json`, a link to the
//! committed `idl/netstate.json`), with Anchor's `declare_program!`: the instruction
//! builders, account and event types, parsers and errors any language's Anchor client would
//! have. `tests/story.rs` runs a society's story against the local node with it.

use anchor_lang::prelude::*;

declare_program!(netstate);

/// The IDL the client is generated from. Naming the file here makes it an input of this
/// crate's build, so the client is generated again whenever the IDL changes
/// (`declare_program!` reads it without telling cargo).
pub const IDL: &str = include_str!("../idls/netstate.json");
