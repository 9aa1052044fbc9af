//! Errors a test expects, by name: a netstate error or one of Anchor's own.

use netstate::error::NetstateError;

/// An error a failing transaction must end with: its custom code and the name Anchor
/// logs (`Error Code: <name>.`).
pub trait ExpectedError: std::fmt::Debug {
    /// The `InstructionError::Custom` code.
    fn code(&self) -> u32;
    /// The name in the program log.
    fn name(&self) -> String {
        format!("{self:?}")
    }
}

impl ExpectedError for NetstateError {
    fn code(&self) -> u32 {
        u32::from(*self)
    }
}

impl ExpectedError for anchor_lang::error::ErrorCode {
    fn code(&self) -> u32 {
        u32::from(*self)
    }
}
