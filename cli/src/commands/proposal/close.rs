//! `netstate proposal cancel|close`: withdraw a proposal, or close a final one and return its rent.

use netstate_client::instructions as ix;

use super::Scope;
use crate::commands::lookup::now;
use crate::results::Sent;
use crate::results::proposal::{Cancelled, Closed, Status};
use crate::{CliError, Output};

/// Vote records closed per transaction by `proposal close` (each instruction is small).
const CLOSES_PER_TRANSACTION: usize = 8;

/// Withdraws the signer's proposal `index` while voting is open.
pub(super) async fn cancel(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let (ctx, society, me) = (scope.ctx, &scope.society, scope.me);
    let (address, _) = scope.load(index).await?;
    let signature = ctx
        .send(
            &[ix::cancel_proposal(
                ctx.client.program_id(),
                &me,
                society,
                &address,
            )],
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(ctx, signature, Cancelled { index })))
}

/// Closes a final proposal's vote records and objections, then the proposal.
pub(super) async fn close(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let (ctx, society) = (scope.ctx, &scope.society);
    let (address, p) = scope.load(index).await?;
    let now = now(ctx).await?;
    if !p.is_final(now) {
        return Err(CliError::new(format!(
            "proposal #{index} is still {}: it can be closed once it is final (cancelled, defeated, executed or expired)",
            Status::of(&p, now)
        )));
    }
    let votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
    let objections = ctx
        .client
        .objections(&address)
        .await
        .map_err(|e| ctx.error(e))?;
    let returned_to_voters: u64 = {
        let mut total = 0;
        let records = votes
            .iter()
            .map(|(a, _)| a)
            .chain(objections.iter().map(|(a, _)| a));
        for record in records {
            total += ctx.client.rpc().get_balance(record).await.unwrap_or(0);
        }
        total
    };
    let closes: Vec<_> = votes
        .iter()
        .map(|(_, v)| ix::close_vote(ctx.client.program_id(), society, &address, &v.voter))
        .chain(objections.iter().map(|(_, o)| {
            ix::close_objection(ctx.client.program_id(), society, &address, &o.objector)
        }))
        .collect();
    let mut signatures = Vec::new();
    for chunk in closes.chunks(CLOSES_PER_TRANSACTION) {
        signatures.push(ctx.send(chunk, &[]).await?);
    }
    let proposal_rent = ctx.client.rpc().get_balance(&address).await.unwrap_or(0);
    let signature = ctx
        .send(
            &[ix::close_proposal(
                ctx.client.program_id(),
                society,
                &address,
                &p.proposer,
            )],
            &[],
        )
        .await?;
    signatures.push(signature.clone());
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Closed {
            index,
            vote_records_closed: votes.len(),
            objections_closed: objections.len(),
            lamports_to_voters: returned_to_voters,
            lamports_to_proposer: proposal_rent,
            signatures,
        },
    )))
}
