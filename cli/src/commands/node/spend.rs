//! `netstate node spend CODE AMOUNT --to WALLET --memo TEXT`: the hub's operator or keeper
//! pays from the hub's budget vault, within what the period has left.

use std::path::PathBuf;

use anchor_lang::prelude::Pubkey;
use clap::Args;
use netstate_client::Society;
use netstate_client::instructions as ix;

use super::budget::{asset_of, load_budget, vault_balance};
use crate::results::Sent;
use crate::results::budget::Spent;
use crate::{CliError, Context, Output, parse_pubkey};

/// What `node spend` pays and why.
#[derive(Debug, Args)]
pub struct SpendArgs {
    /// The hub's code.
    pub code: String,
    /// How much, in SOL (or the budget token's units).
    #[arg(allow_negative_numbers = true)]
    pub amount: String,
    /// The wallet paid.
    #[arg(long, value_name = "WALLET")]
    pub to: String,
    /// What it pays for, in words (up to 64 bytes), recorded with the spend.
    #[arg(long)]
    pub memo: String,
    /// A receipt file (an invoice, a photo): its SHA-256 is recorded (else the memo's).
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
}

/// `node spend CODE AMOUNT --to WALLET --memo TEXT`: the signer, the hub's operator or
/// keeper, pays from the hub's vault.
pub async fn spend(
    ctx: &Context,
    society: &Pubkey,
    s: &Society,
    args: SpendArgs,
) -> Result<Output, CliError> {
    let (node_address, node, budget) = load_budget(ctx, society, s, &args.code).await?;
    let code = args.code.as_str();
    let me = ctx.me();
    if !budget.active {
        return Err(CliError::new(format!(
            "hub {code}'s budget was ended: nothing more can be spent from it"
        )));
    }
    if !node.active {
        return Err(CliError::new(format!(
            "hub {code} is retired: its budget cannot be spent"
        )));
    }
    if me != node.operator && Some(me) != budget.terms.keeper {
        return Err(CliError::new(format!(
            "{me} is neither hub {code}'s operator ({}) nor its budget's keeper: only they spend it",
            node.operator
        )));
    }
    let (asset, decimals) = asset_of(ctx, &budget).await?;
    let amount = crate::output::parse_units(&args.amount, decimals)
        .map_err(|e| CliError::new(format!("amount: {e}")))?;
    if amount == 0 {
        return Err(CliError::new("amount: spend more than 0"));
    }
    let to = parse_pubkey(&args.to, "--to")?;
    let memo = args.memo.trim();
    if memo.is_empty() || memo.len() > netstate_client::constants::MAX_BUDGET_MEMO_LEN as usize {
        return Err(CliError::new(format!(
            "--memo: say what the spend is for in 1 to {} bytes, got {}",
            netstate_client::constants::MAX_BUDGET_MEMO_LEN,
            memo.len()
        )));
    }
    let (memo_hash, receipt) = match &args.receipt {
        Some(path) => (
            crate::digest::sha256_file(path)?,
            Some(path.display().to_string()),
        ),
        None => (crate::digest::sha256_bytes(memo.as_bytes()), None),
    };
    let held = vault_balance(ctx, &node_address, &asset).await;
    let now = crate::commands::lookup::now(ctx).await?;
    let left = budget.left_to_spend(held, now);
    if amount > left {
        return Err(CliError::new(format!(
            "hub {code} can spend {} more this period{}; {} asked",
            crate::output::units(left, decimals),
            if budget.settlement_due(now, node.active) {
                " (a new period has begun: `netstate node settle` first)"
            } else {
                ""
            },
            crate::output::units(amount, decimals)
        )));
    }
    let signature = ctx
        .send(
            &ix::spend_node_budget(
                ctx.client.program_id(),
                &me,
                society,
                &node_address,
                &asset,
                &ix::BudgetSpend {
                    recipient: to,
                    amount,
                    memo: memo.to_string(),
                    memo_hash,
                },
            ),
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Spent {
            hub: code.to_string(),
            to: to.to_string(),
            amount: crate::results::TokenAmount::new(amount, decimals),
            mint: budget.terms.mint.map(|m| m.to_string()),
            memo: memo.to_string(),
            receipt,
            memo_sha256: crate::digest::hex(&memo_hash),
            left_this_period: crate::results::TokenAmount::new(left - amount, decimals),
        },
    )))
}
