//! `netstate member exit [AMOUNT] [--yes]`: the earned share's quote, then with `--yes` the
//! exit itself.

use anchor_lang::prelude::Pubkey;
use netstate_client::instructions as ix;
use netstate_client::share::ExitQuote;

use crate::output::parse_units;
use crate::results::share::{AssetView, ExitQuoteView, Exited, HoldView};
use crate::results::{Sent, TokenAmount};
use crate::{CliError, Context, Output};

/// `member exit [AMOUNT] [--yes]`.
pub async fn exit(
    ctx: &Context,
    amount: Option<String>,
    yes: bool,
    skip_frozen: bool,
) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    let Some(token) = ctx.client.share_token(&s).await.map_err(|e| ctx.error(e))? else {
        return Err(CliError::new(format!(
            "{} has no contribution token: there is no share to exit with",
            s.name
        )));
    };
    if !token.non_transferable {
        return Err(CliError::new(format!(
            "{}'s contribution token {} is transferable: only an earned (non-transferable) share exits with a part of the treasury",
            s.name, token.mint
        )));
    }
    let amount = amount
        .map(|text| parse_units(&text, token.decimals))
        .transpose()?;
    let quote = ctx
        .client
        .exit_quote(&society, &s, &me, amount)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| CliError::new("the contribution token disappeared"))?;
    let units = |v: u64| TokenAmount::new(v, token.decimals);
    if quote.balance == 0 {
        return Err(no_tokens(ctx, &society, &s, &me).await);
    }
    if quote.amount == 0 || quote.amount > quote.balance {
        return Err(CliError::new(format!(
            "AMOUNT must be above 0 and at most your {} vested tokens",
            units(quote.balance)
        )));
    }
    let now = ctx.client.unix_time().await.map_err(|e| ctx.error(e))?;
    let holds: Vec<HoldView> = quote
        .held_by
        .iter()
        .map(|(address, p)| HoldView {
            proposal: address.to_string(),
            index: p.as_ref().map(|p| p.index),
            is_final: p.as_ref().is_none_or(|p| p.is_final(now)),
        })
        .collect();
    let view = ExitQuoteView {
        society: s.name.clone(),
        amount: units(quote.amount),
        balance: units(quote.balance),
        supply: units(token.supply),
        assets: quote.assets.iter().map(AssetView::new).collect(),
        held_by: holds.clone(),
        within_rails: units(quote.most_within_rails()),
    };
    let blocking = holds.iter().any(|h| !h.is_final);
    if !yes || blocking {
        if yes {
            return Err(CliError::new(format!(
                "{view}\nYour exit is held until those proposals are final"
            )));
        }
        return Ok(Output::new(view));
    }
    refuse_unpayable(&view, &quote, skip_frozen)?;
    // Final proposals' records are closed first: that releases the hold (and the rent).
    let mut closed = 0;
    for (address, _) in &quote.held_by {
        ctx.send(
            &[ix::close_vote(
                ctx.client.program_id(),
                &society,
                address,
                &me,
            )],
            &[],
        )
        .await?;
        closed += 1;
    }
    let before = balances(ctx, &society, &me, &quote).await?;
    let instructions = ix::exit_with_share(
        ctx.client.program_id(),
        &me,
        &society,
        &token.mint,
        &quote.basket(),
        quote.amount,
        if skip_frozen { quote.frozen_slots() } else { 0 },
    );
    let signature = ctx.send(&instructions, &[]).await?;
    let after = balances(ctx, &society, &me, &quote).await?;
    let received = quote
        .assets
        .iter()
        .zip(before.iter().zip(after))
        .map(|(asset, (b, a))| {
            let name = asset
                .mint
                .map_or_else(|| "SOL".to_string(), |m| m.to_string());
            // SOL leaves the treasury; tokens arrive in the holder's accounts.
            let moved = if asset.mint.is_none() {
                b.saturating_sub(a)
            } else {
                a.saturating_sub(*b)
            };
            (name, TokenAmount::new(moved, asset.decimals))
        })
        .collect();
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Exited {
            society: s.name.clone(),
            burnt: units(quote.amount),
            received,
            votes_closed: closed,
        },
    )))
}

/// Why a holder with no contribution tokens cannot exit, naming grants still vesting.
async fn no_tokens(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    me: &anchor_lang::prelude::Pubkey,
) -> CliError {
    let vesting = match ctx.client.grants_to(society, me).await {
        Ok(grants) => grants.len(),
        Err(e) => return ctx.error(e),
    };
    let hint = if vesting > 0 {
        format!(
            "; {vesting} grant(s) to you still vest: `netstate treasury release` mints what has vested"
        )
    } else {
        String::new()
    };
    CliError::new(format!(
        "you hold no contribution tokens of {}{hint}",
        s.name
    ))
}

/// Fails, with the quote, when the exit cannot be paid as quoted: a frozen basket asset
/// (unless skipped), above what the outflow rails let out now, or nothing to pay.
fn refuse_unpayable(
    view: &ExitQuoteView,
    quote: &netstate_client::share::ExitQuote,
    skip_frozen: bool,
) -> Result<(), CliError> {
    let frozen: Vec<String> = quote
        .assets
        .iter()
        .filter(|a| a.frozen)
        .filter_map(|a| a.mint.map(|m| m.to_string()))
        .collect();
    if !frozen.is_empty() && !skip_frozen {
        return Err(CliError::new(format!(
            "{view}\nThe treasury's account of {} is frozen by its issuer: it cannot pay its share now",
            frozen.join(", ")
        ))
        .named("BasketAssetFrozen")
        .with_hint(
            "`--skip-frozen` exits without it (its share stays in the treasury), or wait until it is thawed",
        ));
    }
    if view.over_rails() {
        // The quote already says what the rails let out and what fits now.
        return Err(CliError::new(view.to_string()).named("OutflowCapExceeded"));
    }
    if quote.assets.iter().all(|a| a.paid == 0) {
        return Err(CliError::new(format!(
            "{view}\nThis exit would pay nothing: the basket holds nothing free to pay out"
        )));
    }
    Ok(())
}

/// The treasury's lamports, then the holder's balance of each basket mint.
async fn balances(
    ctx: &Context,
    society: &Pubkey,
    holder: &Pubkey,
    quote: &ExitQuote,
) -> Result<Vec<u64>, CliError> {
    let rpc = ctx.client.rpc();
    let mut out = Vec::with_capacity(quote.assets.len());
    for asset in &quote.assets {
        let value = match (asset.mint, asset.token_program) {
            (Some(mint), Some(program)) => {
                let account = ix::associated_token_address(holder, &mint, &program);
                rpc.get_token_account_balance(&account)
                    .await
                    .ok()
                    .and_then(|b| b.amount.parse().ok())
                    .unwrap_or(0)
            }
            _ => rpc
                .get_balance(&netstate_client::pda::treasury(ctx.client.program_id(), society).0)
                .await
                .map_err(|e| ctx.error(e.into()))?,
        };
        out.push(value);
    }
    Ok(out)
}
