//! `netstate treasury show|deposit`.

use clap::Subcommand;
use netstate_client::instructions as ix;
use solana_signer::Signer;

use crate::output::parse_units;
use crate::results::treasury::{
    Deposited, ExitBasketView, TokenCreated, TreasuryToken, TreasuryView,
};
use crate::results::{Sent, TokenAmount};
use crate::{CliError, Context, Output};

/// Treasury commands.
#[derive(Debug, Subcommand)]
pub enum TreasuryCommand {
    /// Show the treasury's SOL and tokens.
    Show,
    /// Deposit SOL into the treasury.
    ///
    /// Example: netstate treasury deposit 2.5
    Deposit {
        /// Amount in SOL (up to 9 decimals).
        amount: String,
    },
    /// Deposit tokens from your associated token account for MINT.
    ///
    /// Example: netstate treasury deposit-token MINT 250
    DepositToken {
        /// The mint (SPL Token or Token-2022).
        mint: String,
        /// Amount in the token's units.
        amount: String,
    },
    /// Mint what has vested of the contribution grants vesting to you.
    Release,
    /// Create the society's contribution token (steward only); minted only by proposals.
    /// By default an earned share: a Token-2022 mint that cannot be transferred, only
    /// burnt in an exit (`netstate member exit`).
    CreateToken {
        /// Decimals (0..=9).
        #[arg(long, default_value_t = 0)]
        decimals: u8,
        /// An ordinary token its holders can transfer and sell (no exit with a share).
        #[arg(long)]
        transferable: bool,
        /// With --transferable: on Token-2022 instead of SPL Token (a share is always on
        /// Token-2022).
        #[arg(long)]
        token_2022: bool,
    },
}

/// Runs a treasury command.
pub async fn run(ctx: &Context, command: TreasuryCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    match command {
        TreasuryCommand::Show => {
            let t = ctx
                .client
                .treasury(&society)
                .await
                .map_err(|e| ctx.error(e))?;
            let reserve = ctx
                .client
                .rpc()
                .get_minimum_balance_for_rent_exemption(0)
                .await
                .map_err(|e| ctx.error(e.into()))?;
            let spendable = t.lamports.saturating_sub(reserve);
            let exit_basket = match ctx.client.share_token(&s).await.map_err(|e| ctx.error(e))? {
                Some(token) if token.non_transferable => {
                    let one = 10u64.saturating_pow(u32::from(token.decimals));
                    let assets = ctx
                        .client
                        .basket_assets(&society, &s, one.min(token.supply), token.supply)
                        .await
                        .map_err(|e| ctx.error(e))?;
                    Some(ExitBasketView {
                        token: token.mint.to_string(),
                        supply: crate::results::TokenAmount::new(token.supply, token.decimals),
                        assets: assets
                            .iter()
                            .map(crate::results::share::AssetView::new)
                            .collect(),
                    })
                }
                _ => None,
            };
            Ok(Output::new(TreasuryView {
                exit_basket,
                society: s.name.clone(),
                address: t.address.to_string(),
                lamports: t.lamports,
                spendable_lamports: spendable,
                reserve_lamports: reserve.min(t.lamports),
                tokens: t
                    .tokens
                    .iter()
                    .map(|(mint, account, amount, decimals)| TreasuryToken {
                        mint: mint.to_string(),
                        account: account.to_string(),
                        balance: TokenAmount::new(*amount, *decimals),
                    })
                    .collect(),
            }))
        }
        TreasuryCommand::Release => super::share::release(ctx).await,
        TreasuryCommand::DepositToken { mint, amount } => {
            let mint = crate::parse_pubkey(&mint, "mint")?;
            let (token_program, decimals) = super::proposal::mint_info(ctx, &mint).await?;
            let amount_units = parse_units(&amount, decimals)?;
            let signature = ctx
                .send(
                    &[ix::deposit_token(
                        &ctx.me(),
                        &society,
                        &mint,
                        &token_program,
                        amount_units,
                    )],
                    &[],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Deposited::Token {
                    society: s.name.clone(),
                    mint: mint.to_string(),
                    amount: TokenAmount::new(amount_units, decimals),
                },
            )))
        }
        TreasuryCommand::CreateToken {
            decimals,
            transferable,
            token_2022,
        } => {
            let mint = solana_keypair::Keypair::new();
            let program = if token_2022 || !transferable {
                anchor_spl::token_2022::ID
            } else {
                anchor_spl::token::ID
            };
            let signature = ctx
                .send(
                    &[ix::create_contribution_mint(
                        &ctx.me(),
                        &society,
                        &mint.pubkey(),
                        &program,
                        decimals,
                        !transferable,
                    )],
                    &[&mint],
                )
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                TokenCreated {
                    society: s.name.clone(),
                    mint: mint.pubkey().to_string(),
                    non_transferable: !transferable,
                },
            )))
        }
        TreasuryCommand::Deposit { amount } => {
            let lamports = parse_units(&amount, 9)?;
            let signature = ctx
                .send(&[ix::deposit_sol(&ctx.me(), &society, lamports)], &[])
                .await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                Deposited::Sol {
                    society: s.name.clone(),
                    lamports,
                },
            )))
        }
    }
}
