//! `netstate treasury show|deposit`.

use clap::Subcommand;
use netstate_client::instructions as ix;
use solana_signer::Signer;

use crate::output::{parse_units, sol, table, units};
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
            let mut rows = vec![
                vec!["SOL (spendable)".to_string(), sol(spendable)],
                vec![
                    "SOL (rent reserve, never spent)".to_string(),
                    sol(reserve.min(t.lamports)),
                ],
            ];
            rows.extend(t.tokens.iter().map(|(mint, _, amount, decimals)| {
                vec![mint.to_string(), units(*amount, *decimals)]
            }));
            Ok(Output {
                human: format!(
                    "Treasury of {} ({})\n{}",
                    s.name,
                    t.address,
                    table(&["ASSET", "BALANCE"], &rows)
                ),
                json: serde_json::json!({
                    "address": t.address.to_string(),
                    "lamports": t.lamports,
                    "spendableLamports": spendable,
                    "reserveLamports": reserve.min(t.lamports),
                    "tokens": t.tokens.iter().map(|(mint, account, amount, decimals)| serde_json::json!({
                        "mint": mint.to_string(),
                        "account": account.to_string(),
                        "amount": amount.to_string(),
                        "decimals": decimals,
                        "uiAmountString": units(*amount, *decimals),
                    })).collect::<Vec<_>>(),
                }),
            })
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
            Ok(super::sent(
                ctx,
                format!(
                    "Deposited {} of {mint} into the treasury of {}.",
                    units(amount_units, decimals),
                    s.name
                ),
                signature,
                serde_json::json!({ "mint": mint.to_string(), "amount": amount_units.to_string() }),
            ))
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
            Ok(super::sent(
                ctx,
                format!(
                    "Created the contribution token of {} at {}: minted only by proposals.",
                    s.name,
                    mint.pubkey()
                ),
                signature,
                serde_json::json!({ "mint": mint.pubkey().to_string() }),
            ))
        }
        TreasuryCommand::Deposit { amount } => {
            let lamports = parse_units(&amount, 9)?;
            let signature = ctx
                .send(&[ix::deposit_sol(&ctx.me(), &society, lamports)], &[])
                .await?;
            Ok(super::sent(
                ctx,
                format!(
                    "Deposited {} into the treasury of {}.",
                    sol(lamports),
                    s.name
                ),
                signature,
                serde_json::json!({ "lamports": lamports }),
            ))
        }
    }
}
