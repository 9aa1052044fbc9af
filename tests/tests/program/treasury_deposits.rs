//! Deposits into the treasury, the contribution token, and what cannot take money out.

use anchor_lang::error::ErrorCode;
use anchor_lang::solana_program::pubkey::Pubkey;
use netstate::error::NetstateError;
use netstate_client::PROGRAM_ID;
use netstate_client::{AdmissionPolicy, Society, events, instructions as ix, pda};
use netstate_tests::tokens::{self, TOKEN, TOKEN_2022};
use netstate_tests::{Fixture, scenario::*};
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn deposit_sol_adds_exactly_the_amount() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    let before = fx.balance(&treasury).await;
    let patron = fx.wallet().await;
    let patron_before = fx.balance(&patron.pubkey()).await;
    let out = fx
        .send_ok(
            &[ix::deposit_sol(
                &PROGRAM_ID,
                &patron.pubkey(),
                &s.address,
                1,
            )],
            &[&patron],
        )
        .await;
    fx.send_ok(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            2_500_000_000,
        )],
        &[&patron],
    )
    .await;
    assert_eq!(fx.balance(&treasury).await - before, 2_500_000_001);
    assert_eq!(
        patron_before - fx.balance(&patron.pubkey()).await,
        2_500_000_001
    );
    let event: events::SolDeposited = out.event();
    assert_eq!(
        (event.amount, event.treasury_balance, event.depositor),
        (1, before + 1, patron.pubkey())
    );
}

#[tokio::test]
async fn zero_deposits_are_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let patron = fx.wallet().await;
    fx.send_err(
        &[ix::deposit_sol(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            0,
        )],
        &[&patron],
        NetstateError::ZeroAmount,
    )
    .await;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 2, &TOKEN).await;
    tokens::mint_to(&mut fx, &mint, &authority, &patron.pubkey(), 100, &TOKEN).await;
    fx.send_err(
        &[ix::deposit_token(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            &mint,
            &TOKEN,
            0,
        )],
        &[&patron],
        NetstateError::ZeroAmount,
    )
    .await;
}

async fn token_deposit(token_program: Pubkey) {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &token_program).await;
    let patron = fx.wallet().await;
    let source = tokens::mint_to(
        &mut fx,
        &mint,
        &authority,
        &patron.pubkey(),
        1_000,
        &token_program,
    )
    .await;
    let treasury_token = tokens::ata_address(
        &pda::treasury(&PROGRAM_ID, &s.address).0,
        &mint,
        &token_program,
    );
    assert!(fx.raw_account(&treasury_token).await.is_none());

    let out = fx
        .send_ok(
            &[ix::deposit_token(
                &PROGRAM_ID,
                &patron.pubkey(),
                &s.address,
                &mint,
                &token_program,
                400,
            )],
            &[&patron],
        )
        .await;
    fx.send_ok(
        &[ix::deposit_token(
            &PROGRAM_ID,
            &patron.pubkey(),
            &s.address,
            &mint,
            &token_program,
            1,
        )],
        &[&patron],
    )
    .await;
    assert_eq!(tokens::balance(&mut fx, &treasury_token).await, 401);
    assert_eq!(tokens::balance(&mut fx, &source).await, 599);
    assert_eq!(
        fx.raw_account(&treasury_token)
            .await
            .expect("created")
            .owner,
        token_program
    );
    let event: events::TokenDeposited = out.event();
    assert_eq!(
        (event.mint, event.amount, event.treasury_balance),
        (mint, 400, 400)
    );
}

#[tokio::test]
async fn spl_token_deposit_creates_the_treasury_account_and_moves_the_exact_amount() {
    token_deposit(TOKEN).await;
}

#[tokio::test]
async fn token_2022_deposit_creates_the_treasury_account_and_moves_the_exact_amount() {
    token_deposit(TOKEN_2022).await;
}

#[tokio::test]
async fn deposit_through_a_fake_token_program_is_rejected() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let authority = Keypair::new();
    let mint = tokens::create_mint(&mut fx, &authority.pubkey(), 6, &TOKEN).await;
    let patron = fx.wallet().await;
    tokens::mint_to(&mut fx, &mint, &authority, &patron.pubkey(), 10, &TOKEN).await;
    const TOKEN_PROGRAM_SLOT: usize = 6;
    let honest = ix::deposit_token(&PROGRAM_ID, &patron.pubkey(), &s.address, &mint, &TOKEN, 5);
    assert_eq!(honest.accounts[TOKEN_PROGRAM_SLOT].pubkey, TOKEN);
    let forged = swap_account(honest.clone(), TOKEN_PROGRAM_SLOT, &Pubkey::new_unique());
    fx.send_err(&[forged], &[&patron], ErrorCode::InvalidProgramId)
        .await;
    // The other token program than the mint's own, once the treasury account exists.
    fx.send_ok(std::slice::from_ref(&honest), &[&patron]).await;
    let forged = swap_account(honest, TOKEN_PROGRAM_SLOT, &TOKEN_2022);
    fx.send_err(
        &[forged],
        &[&patron],
        ErrorCode::ConstraintAssociatedTokenTokenProgram,
    )
    .await;
    let treasury_token =
        tokens::ata_address(&pda::treasury(&PROGRAM_ID, &s.address).0, &mint, &TOKEN);
    assert_eq!(tokens::balance(&mut fx, &treasury_token).await, 5);
}

#[tokio::test]
async fn steward_creates_the_contribution_token_once() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let mint = Keypair::new();
    let out = fx
        .send_ok(
            &[ix::create_contribution_mint(
                &PROGRAM_ID,
                &s.founder.pubkey(),
                &s.address,
                &mint.pubkey(),
                &TOKEN_2022,
                2,
                false,
            )],
            &[&s.founder, &mint],
        )
        .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.contribution_mint, Some(mint.pubkey()));
    let decoded = tokens::mint(&mut fx, &mint.pubkey()).await;
    let treasury = pda::treasury(&PROGRAM_ID, &s.address).0;
    assert_eq!(decoded.mint_authority, Some(treasury).into());
    assert_eq!((decoded.decimals, decoded.supply), (2, 0));
    let event: events::ContributionMintCreated = out.event();
    assert_eq!(
        (event.mint, event.token_program),
        (mint.pubkey(), TOKEN_2022)
    );

    let second = Keypair::new();
    fx.send_err(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &second.pubkey(),
            &TOKEN,
            2,
            false,
        )],
        &[&s.founder, &second],
        NetstateError::ContributionMintExists,
    )
    .await;
}

#[tokio::test]
async fn contribution_token_needs_the_steward_and_sane_decimals() {
    let mut fx = Fixture::new().await;
    let s = TestSociety::create(&mut fx, "Solar", AdmissionPolicy::Open).await;
    let citizen = s.citizen(&mut fx, "ana").await;
    let mint = Keypair::new();
    fx.send_err(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &citizen.pubkey(),
            &s.address,
            &mint.pubkey(),
            &TOKEN,
            2,
            false,
        )],
        &[&citizen, &mint],
        NetstateError::NotTheSteward,
    )
    .await;
    fx.send_err(
        &[ix::create_contribution_mint(
            &PROGRAM_ID,
            &s.founder.pubkey(),
            &s.address,
            &mint.pubkey(),
            &TOKEN,
            10,
            false,
        )],
        &[&s.founder, &mint],
        NetstateError::DecimalsOutOfRange,
    )
    .await;
    let society: Society = fx.account(&s.address).await;
    assert_eq!(society.contribution_mint, None);
}
