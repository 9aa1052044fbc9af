//! A client of netstate generated from its IDL alone (`idls/netstate.json`, a link to the
//! committed `idl/netstate.json`), with Anchor's `declare_program!`: the instruction
//! builders, account and event types, parsers and errors any language's Anchor client would
//! have. `tests/story.rs` runs a society's story against the local node with it.

use anchor_lang::prelude::*;

declare_program!(netstate);
