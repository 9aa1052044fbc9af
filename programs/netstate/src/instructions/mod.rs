//! One module per domain, one file per instruction: the accounts, `validate()` for
//! permissions and state checks, then the handler.

pub mod budget;
pub mod census;
pub mod execute;
pub mod member;
pub mod node;
pub mod presence;
pub mod proposal;
pub mod society;
pub mod treasury;
pub mod upgrade;

pub use budget::*;
pub use census::*;
pub use execute::*;
pub use member::*;
pub use node::*;
pub use presence::*;
pub use proposal::*;
pub use society::*;
pub use treasury::*;
pub use upgrade::*;

use anchor_lang::prelude::*;

use crate::error::NetstateError;

/// Refuses accounts beyond those an instruction declares: only `exit_with_share` (the
/// basket's token accounts) and `create_proposal` of a `SetExitBasket` (its mints) read
/// `remaining_accounts`, so elsewhere extra ones are a caller mistake or an attack.
pub fn require_no_remaining_accounts(remaining: &[AccountInfo]) -> Result<()> {
    require!(
        remaining.is_empty(),
        NetstateError::UnexpectedRemainingAccounts
    );
    Ok(())
}
