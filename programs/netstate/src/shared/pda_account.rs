//! Creating, reading and writing program accounts at PDAs by hand.
//!
//! Anchor 1.2's `init` creates an address that already holds lamports with the system
//! program's `CreateAccountAllowPrefund` (SIMD-0312), which runtimes without that feature
//! reject with `InvalidInstructionData` (the whole Agave 3.1 line does). Every netstate PDA
//! is predictable (a society's name, a wallet, a node code), so a griefer could block a
//! name, a membership or a member's residency at a hub by sending it lamports first. The
//! accounts we create therefore go through [`create_pda_account`], which uses
//! `create_account` when the address is empty and transfer + allocate + assign when it is
//! not: the same outcome on every runtime.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};

use crate::error::NetstateError;

/// True when `account` already holds a netstate account (owned by us, with data).
pub fn is_created(account: &AccountInfo) -> bool {
    account.owner == &crate::ID && !account.data_is_empty()
}

/// Creates `target` (a PDA of this program, signed for by `signer_seeds`) with `space`
/// bytes, rent-exempt, owned by this program, paid by `payer`, whatever lamports the
/// address already had.
pub fn create_pda_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    space: usize,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    require!(
        target.data_is_empty() && target.owner == &system_program::ID,
        NetstateError::AccountAlreadyExists
    );
    let required = Rent::get()?.minimum_balance(space).max(1);
    let current = target.lamports();
    let signer = &[signer_seeds];
    let space_u64 = u64::try_from(space).map_err(|_| NetstateError::CounterOverflow)?;
    if current == 0 {
        return system_program::create_account(
            CpiContext::new(
                system.key(),
                CreateAccount {
                    from: payer.clone(),
                    to: target.clone(),
                },
            )
            .with_signer(signer),
            required,
            space_u64,
            &crate::ID,
        );
    }
    let shortfall = required.saturating_sub(current);
    if shortfall > 0 {
        system_program::transfer(
            CpiContext::new(
                system.key(),
                Transfer {
                    from: payer.clone(),
                    to: target.clone(),
                },
            ),
            shortfall,
        )?;
    }
    system_program::allocate(
        CpiContext::new(
            system.key(),
            Allocate {
                account_to_allocate: target.clone(),
            },
        )
        .with_signer(signer),
        space_u64,
    )?;
    system_program::assign(
        CpiContext::new(
            system.key(),
            Assign {
                account_to_assign: target.clone(),
            },
        )
        .with_signer(signer),
        &crate::ID,
    )
}

/// Reads a netstate account of type `T` (owner and discriminator checked).
pub fn load<T: AccountDeserialize>(account: &AccountInfo) -> Result<T> {
    require_keys_eq!(
        *account.owner,
        crate::ID,
        ErrorCode::AccountOwnedByWrongProgram
    );
    let data = account.try_borrow_data()?;
    T::try_deserialize(&mut &data[..])
}

/// Reads the netstate account of type `T` at `account`, or `None` when nothing is there yet.
pub fn load_if_created<T: AccountDeserialize>(account: &AccountInfo) -> Result<Option<T>> {
    if is_created(account) {
        load(account).map(Some)
    } else {
        Ok(None)
    }
}

/// Writes `value` (discriminator and Borsh bytes) into `account`.
pub fn store<T: AccountSerialize>(account: &AccountInfo, value: &T) -> Result<()> {
    let mut data = account.try_borrow_mut_data()?;
    let mut cursor: &mut [u8] = &mut data;
    value.try_serialize(&mut cursor)
}
