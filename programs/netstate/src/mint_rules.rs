//! Which token mints a treasury accepts. Token-2022 mints can carry extensions that let
//! someone other than an executed proposal move, freeze or trap the treasury's tokens;
//! `deposit_token`, `create_proposal` (for `TransferToken`) and `execute_transfer_token`
//! refuse those mints, each extension with its own named error. The table of every
//! extension and what netstate does with it is in `docs/design.md`.

use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{
        default_account_state::DefaultAccountState, non_transferable::NonTransferable,
        pausable::PausableConfig, permanent_delegate::PermanentDelegate,
        transfer_hook::TransferHook, BaseStateWithExtensions, StateWithExtensions,
    },
    state::{AccountState, Mint},
};

use crate::error::NetstateError;

/// Fails with the extension's named error unless the treasury may hold tokens of `mint`.
///
/// SPL Token mints carry no extensions and are always accepted. A freeze authority (as
/// USDC has) is accepted: it is a trust assumption stated in `docs/security.md`.
pub fn require_treasury_safe_mint(mint: &AccountInfo) -> Result<()> {
    if *mint.owner == anchor_spl::token::ID {
        return Ok(());
    }
    require_keys_eq!(
        *mint.owner,
        anchor_spl::token_2022::ID,
        NetstateError::InvalidMint
    );
    let data = mint.try_borrow_data()?;
    let state =
        StateWithExtensions::<Mint>::unpack(&data).map_err(|_| NetstateError::InvalidMint)?;
    if let Ok(delegate) = state.get_extension::<PermanentDelegate>() {
        require!(
            Option::<Pubkey>::from(delegate.delegate).is_none(),
            NetstateError::MintHasPermanentDelegate
        );
    }
    if let Ok(pausable) = state.get_extension::<PausableConfig>() {
        // Without an authority and not paused, nobody can ever pause it.
        require!(
            Option::<Pubkey>::from(pausable.authority).is_none() && !bool::from(pausable.paused),
            NetstateError::MintIsPausable
        );
    }
    if let Ok(default_state) = state.get_extension::<DefaultAccountState>() {
        require!(
            default_state.state != AccountState::Frozen as u8,
            NetstateError::MintDefaultFrozen
        );
    }
    require!(
        state.get_extension::<NonTransferable>().is_err(),
        NetstateError::MintNonTransferable
    );
    if let Ok(hook) = state.get_extension::<TransferHook>() {
        // An authority could install a hook later, so either one refuses the mint.
        require!(
            Option::<Pubkey>::from(hook.program_id).is_none()
                && Option::<Pubkey>::from(hook.authority).is_none(),
            NetstateError::MintHasTransferHook
        );
    }
    Ok(())
}
