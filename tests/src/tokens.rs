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

/// A Token-2022 mint extension, as a test asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MintExtension {
    /// A permanent delegate (a fresh key) who can move anyone's tokens.
    PermanentDelegate,
    /// A pause authority (the mint authority) who can stop every transfer.
    Pausable,
    /// New token accounts start frozen.
    DefaultFrozen,
    /// Tokens can never be transferred.
    NonTransferable,
    /// Every transfer calls a hook program (a fresh key), set by the mint authority.
    TransferHook,
    /// No extension, only a freeze authority (as USDC has): allowed.
    FreezeAuthorityOnly,
}

/// Creates a Token-2022 mint with 6 decimals and `extension`, minted (and, when the
/// extension needs one, frozen) by `authority`.
pub async fn create_mint_with(
    fx: &mut Fixture,
    authority: &Pubkey,
    extension: MintExtension,
) -> Pubkey {
    use spl_token_2022_interface::extension::{
        ExtensionType, default_account_state, pausable, transfer_hook,
    };
    use spl_token_2022_interface::state::{AccountState, Mint as MintState};
    let mint = Keypair::new();
    let address = mint.pubkey();
    let (types, init) = match extension {
        MintExtension::PermanentDelegate => (
            vec![ExtensionType::PermanentDelegate],
            Some(token_ix::initialize_permanent_delegate(
                &TOKEN_2022,
                &address,
                &Pubkey::new_unique(),
            )),
        ),
        MintExtension::Pausable => (
            vec![ExtensionType::Pausable],
            Some(pausable::instruction::initialize(
                &TOKEN_2022,
                &address,
                authority,
            )),
        ),
        MintExtension::DefaultFrozen => (
            vec![ExtensionType::DefaultAccountState],
            Some(
                default_account_state::instruction::initialize_default_account_state(
                    &TOKEN_2022,
                    &address,
                    &AccountState::Frozen,
                ),
            ),
        ),
        MintExtension::NonTransferable => (
            vec![ExtensionType::NonTransferable],
            Some(token_ix::initialize_non_transferable_mint(
                &TOKEN_2022,
                &address,
            )),
        ),
        MintExtension::TransferHook => (
            vec![ExtensionType::TransferHook],
            Some(transfer_hook::instruction::initialize(
                &TOKEN_2022,
                &address,
                Some(*authority),
                Some(Pubkey::new_unique()),
            )),
        ),
        MintExtension::FreezeAuthorityOnly => (Vec::new(), None),
    };
    let len = ExtensionType::try_calculate_account_len::<MintState>(&types).expect("mint len");
    let rent = fx.rent_exempt(len).await;
    let payer = fx.payer().pubkey();
    let mut ixs = vec![system_instruction::create_account(
        &payer,
        &address,
        rent,
        len as u64,
        &TOKEN_2022,
    )];
    ixs.extend(init.map(|ix| ix.expect("extension ix")));
    ixs.push(
        token_ix::initialize_mint2(&TOKEN_2022, &address, authority, Some(authority), 6)
            .expect("mint ix"),
    );
    fx.send_ok(&ixs, &[&mint]).await;
    address
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
