//! SPL Token and Token-2022 helpers: mints, associated token accounts, balances. The token
//! programs are the real SBF programs that ship with the runtime.

use anchor_lang::AccountDeserialize;
use anchor_lang::solana_program::{pubkey::Pubkey, system_instruction};
use anchor_spl::token_interface::{Mint, TokenAccount};
use solana_keypair::Keypair;
use solana_signer::Signer;
use spl_associated_token_account_interface::{
    address::get_associated_token_address_with_program_id,
    instruction::create_associated_token_account_idempotent,
};
use spl_token_2022_interface::instruction as token_ix;

use crate::Fixture;

/// SPL Token.
pub const TOKEN: Pubkey = anchor_spl::token::ID;
/// Token-2022.
pub const TOKEN_2022: Pubkey = anchor_spl::token_2022::ID;

/// Bytes of a mint without extensions (the same under both programs).
const MINT_LEN: usize = 82;

/// Creates a mint under `token_program` with `decimals`, minted by `authority`.
pub async fn create_mint(
    fx: &mut Fixture,
    authority: &Pubkey,
    decimals: u8,
    token_program: &Pubkey,
) -> Pubkey {
    let mint = Keypair::new();
    let rent = fx.rent_exempt(MINT_LEN).await;
    let payer = fx.payer().pubkey();
    let create = system_instruction::create_account(
        &payer,
        &mint.pubkey(),
        rent,
        MINT_LEN as u64,
        token_program,
    );
    let init = token_ix::initialize_mint2(token_program, &mint.pubkey(), authority, None, decimals)
        .expect("mint ix");
    fx.send_ok(&[create, init], &[&mint]).await;
    mint.pubkey()
}

/// The associated token account of `owner` for `mint`, created if missing.
pub async fn ata(
    fx: &mut Fixture,
    owner: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> Pubkey {
    let payer = fx.payer().pubkey();
    let ix = create_associated_token_account_idempotent(&payer, owner, mint, token_program);
    fx.send_ok(&[ix], &[]).await;
    ata_address(owner, mint, token_program)
}

/// The address of the associated token account of `owner` for `mint`.
pub fn ata_address(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    get_associated_token_address_with_program_id(owner, mint, token_program)
}

/// Mints `amount` to `owner`'s associated token account (created if missing).
pub async fn mint_to(
    fx: &mut Fixture,
    mint: &Pubkey,
    authority: &Keypair,
    owner: &Pubkey,
    amount: u64,
    token_program: &Pubkey,
) -> Pubkey {
    let account = ata(fx, owner, mint, token_program).await;
    let ix = token_ix::mint_to(
        token_program,
        mint,
        &account,
        &authority.pubkey(),
        &[],
        amount,
    )
    .expect("mint_to ix");
    fx.send_ok(&[ix], &[authority]).await;
    account
}

/// Token balance of `account` (0 when it does not exist).
pub async fn balance(fx: &mut Fixture, account: &Pubkey) -> u64 {
    match fx.raw_account(account).await {
        None => 0,
        Some(a) => {
            TokenAccount::try_deserialize(&mut a.data.as_slice())
                .expect("token account")
                .amount
        }
    }
}

/// The decoded mint at `address`.
pub async fn mint(fx: &mut Fixture, address: &Pubkey) -> Mint {
    let account = fx.raw_account(address).await.expect("mint exists");
    Mint::try_deserialize(&mut account.data.as_slice()).expect("mint decodes")
}
