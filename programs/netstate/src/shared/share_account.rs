//! The Share account of a wallet, created on first need by the instruction that needs it:
//! the first contribution minted to the wallet, its first grant, or its first yes vote on a
//! payment.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::shared::pda_account::{create_pda_account, load_if_created};
use crate::state::Share;

/// The Share of `wallet` in `society` at `account` (whose address the caller's seeds
/// constraint checked, with `bump`), created paid by `payer` when it does not exist yet.
pub fn load_or_create_share<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    society: &Pubkey,
    wallet: &Pubkey,
    bump: u8,
) -> Result<Share> {
    if let Some(share) = load_if_created::<Share>(account)? {
        return Ok(share);
    }
    create_pda_account(
        payer,
        account,
        system,
        8 + Share::INIT_SPACE,
        &[SHARE_SEED, society.as_ref(), wallet.as_ref(), &[bump]],
    )?;
    Ok(Share {
        version: ACCOUNT_VERSION,
        bump,
        society: *society,
        wallet: *wallet,
        yes_on_outflows: 0,
        earned: 0,
        exited: 0,
        last_exit_at: 0,
    })
}
