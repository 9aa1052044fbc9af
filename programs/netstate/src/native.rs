//! Running the program natively (tests, the local node), never compiled for SBF.

use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey,
};

/// Anchor's `entry` with the signature of a native builtin processor
/// (`solana-program-test`'s `processor!`, LiteSVM's `add_builtin`). `entry` ties the program
/// id, the accounts and the data to one lifetime; the runtime hands out independent ones,
/// all of which outlive the call, so narrowing them to the slice's lifetime is sound.
pub fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    // SAFETY: only lifetimes change; every borrow lives for the whole call.
    let accounts: &[AccountInfo<'_>] = unsafe { std::mem::transmute(accounts) };
    crate::entry(program_id, accounts, data)
}
