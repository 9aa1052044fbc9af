//! The society's counters move one at a time: up, or down, never past their bounds. Kept
//! apart so that every account type's state can use them without importing another's.

use anchor_lang::prelude::*;

use crate::error::NetstateError;

/// `n + 1`, or `CounterOverflow`.
pub(crate) fn inc(n: u32) -> Result<u32> {
    n.checked_add(1)
        .ok_or_else(|| error!(NetstateError::CounterOverflow))
}

/// `n - 1`, or `CounterUnderflow` (the counters were already wrong).
pub(crate) fn dec(n: u32) -> Result<u32> {
    n.checked_sub(1)
        .ok_or_else(|| error!(NetstateError::CounterUnderflow))
}
