//! `netstate treasury show|deposit`.

use clap::Subcommand;
use netstate_client::instructions as ix;
use solana_signer::Signer;

use crate::output::parse_units;
use crate::results::treasury::{Deposited, TokenCreated, TreasuryToken, TreasuryView};
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
    /// Create the society's contribution token (steward only); minted only by proposals.
    CreateToken {
        /// Decimals (0..=9).
        #[arg(long, default_value_t = 0)]
        decimals: u8,
        /// Use Token-2022 instead of SPL Token.
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
            Ok(Output::new(TreasuryView {
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
            token_2022,
        } => {
            let mint = solana_keypair::Keypair::new();
            let program = if token_2022 {
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
