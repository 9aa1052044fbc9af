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
            let mut rows = vec![vec!["SOL".to_string(), sol(t.lamports)]];
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
                    "tokens": t.tokens.iter().map(|(mint, account, amount, decimals)| serde_json::json!({
                        "mint": mint.to_string(), "account": account.to_string(), "amount": amount.to_string(), "decimals": decimals,
                    })).collect::<Vec<_>>(),
                }),
            })
        }
        TreasuryCommand::Deposit { amount } => {
            let lamports = parse_units(&amount, 9)?;
            let signature = ctx
                .send(
                    &[ix::deposit_sol(&ctx.keypair.pubkey(), &society, lamports)],
                    &[],
                )
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
