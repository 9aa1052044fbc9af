//! Hub budgets: `node budget CODE` (show), `node settle CODE` (anyone, once per period), and
//! the flags of `proposal create set-node-budget` (`node spend` is in `spend.rs`).

use anchor_lang::prelude::Pubkey;
use clap::Args;
use netstate_client::history::BudgetRecord;
use netstate_client::instructions::{self as ix, BasketMint, BudgetAsset};
use netstate_client::{BudgetTerms, Node, NodeBudget, Society, pda};

use crate::output::Output;
use crate::results::Sent;
use crate::results::budget::{BudgetEntryView, BudgetView, PastBudget, Settled};
use crate::{CliError, Context, parse_pubkey};

/// Spends and settlements `node budget` reads back by default.
const HISTORY_LIMIT: usize = 100;

/// The terms of a hub budget as typed: `proposal create set-node-budget`.
#[derive(Debug, Args)]
pub struct BudgetFlags {
    /// The hub's code.
    #[arg(long)]
    pub code: String,
    /// Per period, in SOL (or in the token's units with --mint).
    #[arg(long)]
    pub allowance: String,
    /// The token it is paid in (default: SOL).
    #[arg(long, value_name = "MINT")]
    pub mint: Option<String>,
    /// How long one period is, e.g. 30d (1d to 366d).
    #[arg(long, value_name = "DURATION", default_value = "30d")]
    pub period: String,
    /// A hub keeper's key that may spend besides the hub's operator.
    #[arg(long, value_name = "PUBKEY")]
    pub keeper: Option<String>,
}

impl BudgetFlags {
    /// The hub and terms the flags describe, checked with the program's rules before
    /// sending: the hub exists and is active, the mint is a mint.
    pub async fn terms(
        &self,
        ctx: &Context,
        society: &Pubkey,
        s: &Society,
    ) -> Result<(String, BudgetTerms), CliError> {
        let (_, hub) = crate::commands::lookup::find_hub(ctx, society, &s.name, &self.code).await?;
        if !hub.active {
            return Err(CliError::new(format!(
                "hub {} is retired: it can have no budget",
                self.code
            )));
        }
        let (mint, decimals) = match &self.mint {
            None => (None, 9),
            Some(text) => {
                let mint = parse_pubkey(text, "--mint")?;
                let (_, decimals) = crate::commands::lookup::mint_info(ctx, &mint).await?;
                (Some(mint), decimals)
            }
        };
        let period_secs = crate::output::parse_span(&self.period)
            .map_err(|e| CliError::new(format!("--period: {e}")))
            .and_then(|secs| {
                u32::try_from(secs)
                    .map_err(|_| CliError::new(format!("--period is too long: {:?}", self.period)))
            })?;
        let terms = BudgetTerms {
            mint,
            allowance: crate::output::parse_units(&self.allowance, decimals)
                .map_err(|e| CliError::new(format!("--allowance: {e}")))?,
            period_secs,
            keeper: self
                .keeper
                .as_deref()
                .map(|k| parse_pubkey(k, "--keeper"))
                .transpose()?,
        };
        crate::rules::check(terms.validate(), "--allowance/--period/--keeper")?;
        Ok((self.code.clone(), terms))
    }
}

/// Hub `code`'s node and budget; a hub without one is named as such.
pub(super) async fn load_budget(
    ctx: &Context,
    society: &Pubkey,
    s: &Society,
    code: &str,
) -> Result<(Pubkey, Node, NodeBudget), CliError> {
    let (node_address, node) =
        crate::commands::lookup::find_hub(ctx, society, &s.name, code).await?;
    let budget = ctx
        .client
        .account::<NodeBudget>(&pda::node_budget(ctx.client.program_id(), &node_address).0)
        .await
        .map_err(|e| match e {
            netstate_client::ClientError::AccountNotFound(_) => CliError::new(format!(
                "hub {code} has no budget: a set-node-budget proposal grants one"
            )),
            e => ctx.error(e),
        })?;
    Ok((node_address, node, budget))
}

/// The asset of `budget` as its instructions need it, and its decimals.
pub(super) async fn asset_of(
    ctx: &Context,
    budget: &NodeBudget,
) -> Result<(BudgetAsset, u8), CliError> {
    match budget.terms.mint {
        None => Ok((None, 9)),
        Some(mint) => {
            let (token_program, decimals) = crate::commands::lookup::mint_info(ctx, &mint).await?;
            Ok((
                Some(BasketMint {
                    mint,
                    token_program,
                }),
                decimals,
            ))
        }
    }
}

/// What hub `node`'s vault may spend now, in the budget's asset.
pub(super) async fn vault_balance(ctx: &Context, node: &Pubkey, asset: &BudgetAsset) -> u64 {
    let vault = pda::node_vault(ctx.client.program_id(), node).0;
    let rpc = ctx.client.rpc();
    match asset {
        None => {
            let lamports = rpc.get_balance(&vault).await.unwrap_or(0);
            let reserve = rpc
                .get_minimum_balance_for_rent_exemption(0)
                .await
                .unwrap_or(0);
            lamports.saturating_sub(reserve)
        }
        Some(BasketMint {
            mint,
            token_program,
        }) => {
            let account = ix::associated_token_address(&vault, mint, token_program);
            rpc.get_token_account_balance(&account)
                .await
                .ok()
                .and_then(|b| b.amount.parse().ok())
                .unwrap_or(0)
        }
    }
}

/// Fails, saying what to do, when a settlement of a token budget in force could not fund
/// the vault because the treasury holds no account of the token at all.
async fn require_treasury_token(
    ctx: &Context,
    society: &Pubkey,
    budget: &NodeBudget,
    asset: &BudgetAsset,
) -> Result<(), CliError> {
    let Some(BasketMint {
        mint,
        token_program,
    }) = asset
    else {
        return Ok(());
    };
    if !budget.active {
        return Ok(());
    }
    let treasury = ix::associated_token_address(
        &pda::treasury(ctx.client.program_id(), society).0,
        mint,
        token_program,
    );
    if ctx.client.rpc().get_account(&treasury).await.is_err() {
        return Err(CliError::new(format!(
            "the treasury holds no {mint} to fund the budget: deposit some first (`netstate treasury deposit-token {mint} AMOUNT`)"
        )));
    }
    Ok(())
}

/// Hub `node`'s budget in words ("0.1 SOL per 30 d"; "ended, not settled yet"), or none
/// when it has none.
pub async fn in_words(ctx: &Context, node: &Pubkey) -> Option<String> {
    let budget = ctx
        .client
        .account::<NodeBudget>(&pda::node_budget(ctx.client.program_id(), node).0)
        .await
        .ok()?;
    let decimals = match budget.terms.mint {
        None => None,
        Some(mint) => crate::commands::lookup::mint_info(ctx, &mint)
            .await
            .ok()
            .map(|(_, d)| d),
    };
    let terms = netstate_client::describe::budget_terms(&budget.terms, decimals);
    Some(if budget.active {
        terms
    } else {
        format!("{terms}, ended (its vault goes back at the next settlement)")
    })
}

/// `node budget CODE`.
pub async fn show(
    ctx: &Context,
    society: &Pubkey,
    s: &Society,
    code: &str,
) -> Result<Output, CliError> {
    let (node_address, node, budget) = match load_budget(ctx, society, s, code).await {
        Ok(found) => found,
        // A budget that ended and was settled is closed: its history still tells.
        Err(no_budget) => return past(ctx, code, society, no_budget).await,
    };
    let (asset, decimals) = asset_of(ctx, &budget).await?;
    let held = vault_balance(ctx, &node_address, &asset).await;
    let now = crate::commands::lookup::now(ctx).await?;
    let history = ctx
        .client
        .node_budget_history(&node_address, HISTORY_LIMIT)
        .await
        .map_err(|e| ctx.error(e))?;
    let entries = history
        .iter()
        .map(|entry| BudgetEntryView::new(entry, decimals))
        .collect();
    Ok(Output::new(BudgetView::new(
        code, &node, &budget, decimals, held, now, entries,
    )))
}

/// `node budget CODE` for a hub whose budget was closed: its history, or `no_budget` when it
/// never had one.
async fn past(
    ctx: &Context,
    code: &str,
    society: &Pubkey,
    no_budget: CliError,
) -> Result<Output, CliError> {
    let node_address = pda::node(ctx.client.program_id(), society, code).0;
    let history = ctx
        .client
        .node_budget_history(&node_address, HISTORY_LIMIT)
        .await
        .map_err(|e| ctx.error(e))?;
    let mint = history.iter().find_map(|e| match &e.record {
        BudgetRecord::Set(set) => Some(set.terms.mint),
        _ => None,
    });
    let Some(mint) = mint else {
        return Err(no_budget);
    };
    let decimals = match mint {
        None => 9,
        Some(mint) => crate::commands::lookup::mint_info(ctx, &mint).await?.1,
    };
    Ok(Output::new(PastBudget {
        hub: code.to_string(),
        history: history
            .iter()
            .map(|entry| BudgetEntryView::new(entry, decimals))
            .collect(),
    }))
}

/// Sends the settlement of hub `node`'s `budget`, signed by the CLI's keypair; returns its
/// signature and the decimals of the budget's asset. A token budget the treasury cannot fund
/// at all is refused first, saying what to do.
async fn send_settlement(
    ctx: &Context,
    society: &Pubkey,
    node: &Pubkey,
    budget: &NodeBudget,
) -> Result<(String, u8), CliError> {
    let (asset, decimals) = asset_of(ctx, budget).await?;
    require_treasury_token(ctx, society, budget, &asset).await?;
    let signature = ctx
        .send(
            &[ix::settle_node_budget(
                ctx.client.program_id(),
                &ctx.me(),
                society,
                node,
                &asset,
            )],
            &[],
        )
        .await?;
    Ok((signature, decimals))
}

/// `node settle CODE`: anyone levels the vault (or empties an ended budget's).
pub async fn settle(
    ctx: &Context,
    society: &Pubkey,
    s: &Society,
    code: &str,
) -> Result<Output, CliError> {
    let (node_address, node, budget) = load_budget(ctx, society, s, code).await?;
    let now = crate::commands::lookup::now(ctx).await?;
    if !budget.settlement_due(now, node.active) {
        return Err(CliError::new(format!(
            "hub {code}'s budget is settled for this period already; the next period begins {}",
            crate::output::date(budget.next_settlement_at())
        )));
    }
    let (signature, decimals) = send_settlement(ctx, society, &node_address, &budget).await?;
    let event = ctx
        .client
        .node_budget_history(&node_address, 1)
        .await
        .ok()
        .and_then(|mut h| {
            h.drain(..).find_map(|e| match e.record {
                BudgetRecord::Settled(settled) if e.signature == signature => Some(settled),
                _ => None,
            })
        });
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Settled::new(code, budget.terms.mint, decimals, event.as_ref()),
    )))
}

/// After a budget proposal executed: settles it (a new budget is funded, an ended one
/// returned), or says why not and how to retry.
pub async fn settle_after_execution(
    ctx: &Context,
    society: &Pubkey,
    code: &str,
) -> Result<String, CliError> {
    let node_address = pda::node(ctx.client.program_id(), society, code).0;
    let budget = ctx
        .client
        .account::<NodeBudget>(&pda::node_budget(ctx.client.program_id(), &node_address).0)
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(
        match send_settlement(ctx, society, &node_address, &budget).await {
            Ok(_) if budget.active => format!("hub {code}'s vault is funded for this period"),
            Ok(_) => format!("hub {code}'s vault is back in the treasury"),
            Err(why) => format!(
                "hub {code}'s vault is not settled yet: {}; `netstate node settle {code}` retries",
                why.message
            ),
        },
    )
}
