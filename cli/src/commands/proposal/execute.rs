//! `netstate proposal finalize|execute`: close the vote, then carry out what passed.

use netstate_client::{ProposalAction, instructions as ix, pda};

use super::Scope;
use super::action::action_view;
use crate::commands::lookup::{mint_info, now};
use crate::results::Sent;
use crate::results::proposal::{Executed, Finalized, Status};
use crate::{CliError, Context, Output};

/// Closes the vote on proposal `index` once its outcome is settled.
pub(super) async fn finalize(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let (ctx, society) = (scope.ctx, &scope.society);
    let (address, p) = scope.load(index).await?;
    let finalize = match &p.action {
        ProposalAction::TransferToken { mint, .. } => {
            let with = ctx
                .client
                .execute_context(&p)
                .await
                .map_err(|e| ctx.error(e))?;
            ix::finalize_token_proposal(
                ctx.client.program_id(),
                society,
                &address,
                &p.proposer,
                mint,
                &with.token_program,
            )
        }
        _ => ix::finalize_proposal(ctx.client.program_id(), society, &address, &p.proposer),
    };
    let signature = ctx.send(&[finalize], &[]).await?;
    let (_, p) = scope.load(index).await?;
    let status = Status::of(&p, now(ctx).await?);
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Finalized {
            index,
            status,
            status_text: status.text(&p),
        },
    )))
}

/// Executes passed proposal `index` after its timelock (and settles a hub budget it sets).
pub(super) async fn execute(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let (ctx, society, s, me) = (scope.ctx, &scope.society, &scope.s, scope.me);
    let (address, p) = scope.load(index).await?;
    // A passed proposal in its timelock: say when it opens, once, before sending.
    let time = now(ctx).await?;
    if Status::of(&p, time) == Status::Passed && time < p.executable_at {
        let minutes = u64::try_from(p.executable_at - time)
            .unwrap_or(0)
            .div_ceil(60);
        let wait = match minutes {
            m if m >= 1440 => format!("{} d {} h", m / 1440, m % 1440 / 60),
            m if m >= 60 => format!("{} h {} min", m / 60, m % 60),
            m => format!("{m} min"),
        };
        let hint = if ctx.is_local() {
            format!("on a local ledger, `netstate localnet warp {minutes}m` moves the clock there")
        } else {
            "objections may still veto it until then: `netstate proposal show` follows it"
                .to_string()
        };
        return Err(CliError::new(format!(
            "#{index} passed and opens for execution on {} (in {wait}), after its timelock",
            netstate_client::describe::date(p.executable_at)
        ))
        .named("ProposalNotYetExecutable")
        .with_code(u32::from(
            netstate_client::NetstateError::ProposalNotYetExecutable,
        ))
        .with_hint(hint));
    }
    let mint = match &p.action {
        ProposalAction::MintContribution { .. } => s.contribution_mint,
        action => action.treasury_mint(),
    };
    let token_program = match mint {
        Some(mint) => mint_info(ctx, &mint).await?.0,
        None => anchor_spl::token::ID,
    };
    let node_country = match &p.action {
        ProposalAction::RetireNode { code } => Some(
            crate::commands::lookup::find_hub(ctx, society, &s.name, code)
                .await?
                .1
                .country,
        ),
        _ => None,
    };
    let with = ix::ExecuteContext {
        token_program,
        contribution_mint: s.contribution_mint,
        node_country,
    };
    if let ProposalAction::TransferSol { amount, .. } = &p.action {
        sol_within_cap(ctx, society, s, *amount, index).await?;
    }
    let signature = ctx
        .send(
            &[
                ix::execute_proposal(ctx.client.program_id(), &me, &address, &p, &with)
                    .map_err(|e| ctx.error(e))?,
            ],
            &[],
        )
        .await?;
    // A budget's money moves in a settlement, sent next: its failure (the outflow
    // cap, say) leaves the proposal executed and is retried by `node settle`.
    let settlement = match &p.action {
        ProposalAction::SetNodeBudget { code, .. } | ProposalAction::EndNodeBudget { code } => {
            Some(crate::commands::node::settle_after_execution(ctx, society, code).await?)
        }
        _ => None,
    };
    let action = action_view(ctx, s, &p.action).await;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Executed {
            index,
            action,
            settlement,
        },
    )))
}

/// Fails, naming why and until when, when a SOL payment of `amount` cannot pass the
/// treasury's outflow cap now: above the cap of the treasury as it is (it never will until
/// the treasury grows), or above what the bucket has room for (it will as it drains).
async fn sol_within_cap(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    amount: u64,
    index: u64,
) -> Result<(), CliError> {
    let g = &s.governance;
    let rpc = ctx.client.rpc();
    let reserve = rpc
        .get_minimum_balance_for_rent_exemption(0)
        .await
        .map_err(|e| ctx.error(e.into()))?;
    let balance = rpc
        .get_balance(&pda::treasury(ctx.client.program_id(), society).0)
        .await
        .map_err(|e| ctx.error(e.into()))?
        .saturating_sub(reserve);
    let now = now(ctx).await?;
    let mut bucket = ctx
        .client
        .sol_outflow(society)
        .await
        .map_err(|e| ctx.error(e))?;
    let level = bucket.level;
    if bucket
        .spend(
            amount,
            balance,
            now,
            g.outflow_cap_bps,
            g.outflow_window_secs,
        )
        .is_ok()
    {
        return Ok(());
    }
    let sol = crate::output::sol;
    let empty_cap = u128::from(balance) * u128::from(g.outflow_cap_bps) / 10_000;
    let window = netstate_client::describe::duration(u64::from(g.outflow_window_secs));
    if u128::from(amount) > empty_cap {
        return Err(CliError::new(format!(
            "proposal #{index} pays {}, above the outflow cap of the treasury as it is ({}% of {} per {window}): it can execute only once the treasury holds more",
            sol(amount),
            crate::output::units(u64::from(g.outflow_cap_bps), 2),
            sol(balance),
        )));
    }
    Err(CliError::new(format!(
        "proposal #{index} pays {}, more than the outflow cap has room for now (recent payments: {} of the {}% per {window}): retry as it drains, before its deadline",
        sol(amount),
        sol(level),
        crate::output::units(u64::from(g.outflow_cap_bps), 2),
    )))
}
