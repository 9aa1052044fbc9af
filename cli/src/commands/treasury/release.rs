//! `netstate treasury release`: mint what has vested of one's grants of contribution tokens.

use netstate_client::instructions as ix;

use crate::results::TokenAmount;
use crate::results::share::Released;
use crate::{CliError, Context, Output};

/// `treasury release`: mints what has vested of every grant to the caller.
pub async fn release(ctx: &Context) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let me = ctx.me();
    let token = ctx
        .client
        .share_token(&s)
        .await
        .map_err(|e| ctx.error(e))?
        .ok_or_else(|| CliError::new(format!("{} has no contribution token", s.name)))?;
    let grants = ctx
        .client
        .grants_to(&society, &me)
        .await
        .map_err(|e| ctx.error(e))?;
    if grants.is_empty() {
        return Err(CliError::new(format!(
            "no grant of {} is vesting to you ({me})",
            s.name
        )));
    }
    let now = ctx.client.unix_time().await.map_err(|e| ctx.error(e))?;
    let mut released = Vec::new();
    let mut signatures = Vec::new();
    let mut waiting = 0;
    for (address, grant) in &grants {
        let amount = grant.releasable(now).unwrap_or(0);
        if amount == 0 {
            waiting += 1;
            continue;
        }
        let signature = ctx
            .send(
                &[ix::release_grant(
                    ctx.client.program_id(),
                    &me,
                    address,
                    grant,
                    &token.mint,
                    &token.token_program,
                )],
                &[],
            )
            .await?;
        signatures.push(signature);
        released.push((
            address.to_string(),
            TokenAmount::new(amount, token.decimals),
        ));
        if grant.released.saturating_add(amount) < grant.amount {
            waiting += 1;
        }
    }
    Ok(Output::new(Released {
        society: s.name.clone(),
        grants: released,
        waiting,
        signatures,
    }))
}
