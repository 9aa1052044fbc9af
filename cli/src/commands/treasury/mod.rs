//! `netstate treasury show|deposit|deposit-token|create-token|report`, and `release` in `release.rs`.

mod release;

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
        #[arg(allow_negative_numbers = true)]
        amount: String,
    },
    /// Deposit tokens from your associated token account for MINT.
    ///
    /// Example: netstate treasury deposit-token MINT 250
    DepositToken {
        /// The mint (SPL Token or Token-2022).
        mint: String,
        /// Amount in the token's units.
        #[arg(allow_negative_numbers = true)]
        amount: String,
    },
    /// Mint what has vested of the contribution grants vesting to you.
    Release,
    /// The society's financial report: what came in (deposits, dues) and went out (grants,
    /// hub budgets, exits) by asset, from its transactions' events, and the balances now.
    ///
    /// Examples:
    ///   netstate treasury report
    ///   netstate treasury report --from 2026-01-01 --to 2026-03-31 --output json
    ///   netstate treasury report --csv > movements.csv
    #[command(verbatim_doc_comment)]
    Report {
        /// First day included, YYYY-MM-DD (UTC); default the start.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Last day included, YYYY-MM-DD (UTC); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Print every movement as CSV (date, kind, direction, asset, amount, counterparty,
        /// signature) instead of the report.
        #[arg(long)]
        csv: bool,
    },
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
        TreasuryCommand::Release => release::release(ctx).await,
        TreasuryCommand::Report { from, to, csv } => report(ctx, &society, &s, from, to, csv).await,
        TreasuryCommand::DepositToken { mint, amount } => {
            let mint = crate::parse_pubkey(&mint, "mint")?;
            let (token_program, decimals) = crate::commands::lookup::mint_info(ctx, &mint).await?;
            let amount_units = parse_units(&amount, decimals)?;
            let signature = ctx
                .send(
                    &[ix::deposit_token(
                        ctx.client.program_id(),
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
                        ctx.client.program_id(),
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
                .send(
                    &[ix::deposit_sol(
                        ctx.client.program_id(),
                        &ctx.me(),
                        &society,
                        lamports,
                    )],
                    &[],
                )
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

/// `treasury report`.
async fn report(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    from: Option<String>,
    to: Option<String>,
    csv: bool,
) -> Result<Output, CliError> {
    use crate::results::treasury::{ReportMovement, ReportTotal, TreasuryReport};
    use netstate_client::history::Direction;
    let day = |text: &Option<String>, flag: &str| {
        text.as_deref()
            .map(|t| crate::output::parse_date(t, flag).map(|d| i64::from(d) * 86_400))
            .transpose()
    };
    let start = day(&from, "--from")?;
    // The last day is included whole.
    let end = day(&to, "--to")?.map(|t| t + 86_400);
    if let (Some(a), Some(b)) = (start, end)
        && a >= b
    {
        return Err(CliError::new("--from is after --to"));
    }
    let flows = ctx
        .client
        .treasury_history(society, start.unwrap_or(0))
        .await
        .map_err(|e| ctx.error(e))?;
    let flows: Vec<_> = flows
        .into_iter()
        .filter(|f| end.is_none_or(|end| f.block_time.is_none_or(|t| t < end)))
        .collect();
    let treasury = ctx
        .client
        .treasury(society)
        .await
        .map_err(|e| ctx.error(e))?;
    // Decimals of each asset: SOL's 9, the treasury's tokens', else read from the mint.
    let mut decimals: std::collections::BTreeMap<Option<anchor_lang::prelude::Pubkey>, u8> =
        treasury
            .tokens
            .iter()
            .map(|(m, _, _, d)| (Some(*m), *d))
            .collect();
    decimals.insert(None, 9);
    for f in &flows {
        if let (Some(mint), false) = (f.mint, decimals.contains_key(&f.mint)) {
            let d = crate::commands::lookup::mint_info(ctx, &mint)
                .await
                .map(|(_, d)| d)
                .unwrap_or(0);
            decimals.insert(Some(mint), d);
        }
    }
    let asset = |mint: Option<anchor_lang::prelude::Pubkey>| {
        mint.map_or_else(|| "SOL".to_string(), |m| m.to_string())
    };
    let way = |d: Direction| if d == Direction::In { "in" } else { "out" };
    let mut sums: std::collections::BTreeMap<
        (String, netstate_client::history::FlowKind, &str),
        (usize, u64, u8),
    > = std::collections::BTreeMap::new();
    let mut net: i128 = 0;
    for f in &flows {
        let d = decimals.get(&f.mint).copied().unwrap_or(0);
        let entry = sums
            .entry((asset(f.mint), f.kind, way(f.direction)))
            .or_insert((0, 0, d));
        entry.0 += 1;
        entry.1 = entry.1.saturating_add(f.amount);
        if f.mint.is_none() {
            net += match f.direction {
                Direction::In => i128::from(f.amount),
                Direction::Out => -i128::from(f.amount),
            };
        }
    }
    let totals = sums
        .into_iter()
        .map(
            |((asset, kind, direction), (count, amount, d))| ReportTotal {
                asset,
                kind,
                direction,
                count,
                amount: TokenAmount::new(amount, d),
            },
        )
        .collect();
    let movements = flows
        .iter()
        .map(|f| ReportMovement {
            date: f.block_time.map(crate::output::date).unwrap_or_default(),
            kind: f.kind,
            direction: way(f.direction),
            asset: asset(f.mint),
            amount: TokenAmount::new(f.amount, decimals.get(&f.mint).copied().unwrap_or(0)),
            counterparty: f.counterparty.to_string(),
            signature: f.signature.clone(),
        })
        .collect();
    let mut balances = vec![("SOL".to_string(), TokenAmount::new(treasury.lamports, 9))];
    balances.extend(
        treasury
            .tokens
            .iter()
            .map(|(mint, _, amount, d)| (mint.to_string(), TokenAmount::new(*amount, *d))),
    );
    Ok(Output::new(TreasuryReport {
        society: s.name.clone(),
        from,
        to,
        totals,
        net_lamports: i64::try_from(net).unwrap_or(if net < 0 { i64::MIN } else { i64::MAX }),
        balances,
        movements,
        csv,
    }))
}
