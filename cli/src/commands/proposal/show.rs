//! `netstate proposal show|list|votes`: read proposals and their votes.

use super::Scope;
use super::action::{action_decimals, action_view};
use crate::commands::lookup::now;
use crate::results::proposal::{
    DescriptionCheck, ProposalView, VoteView, proposal_list, vote_list,
};
use crate::{CliError, Output};

/// One proposal; with `check`, whether that file is the text its description pins.
pub(super) async fn show(
    scope: &Scope<'_>,
    index: u64,
    check: Option<std::path::PathBuf>,
) -> Result<Output, CliError> {
    let (ctx, s) = (scope.ctx, &scope.s);
    let (address, p) = scope.load(index).await?;
    let now = now(ctx).await?;
    let decimals = action_decimals(ctx, s, &p.action).await;
    let mut view = ProposalView::new(&address, &p, now, decimals);
    view.action = action_view(ctx, s, &p.action).await;
    if let Some(path) = check {
        let local = crate::digest::hex(&crate::digest::sha256_file(&path)?);
        let Some(recorded) = &view.description_sha256 else {
            return Err(CliError::new(format!(
                "proposal #{index} pins no description text to check {} against",
                path.display()
            )));
        };
        if *recorded != local {
            return Err(CliError::new(format!(
                "{} does NOT match proposal #{index}'s description: its SHA-256 is {local}, the proposal pins {recorded}",
                path.display()
            )));
        }
        view.check = Some(DescriptionCheck {
            file: path.display().to_string(),
            sha256: local,
            matches: true,
        });
    }
    Ok(Output::new(view))
}

/// Every proposal, newest first.
pub(super) async fn list(scope: &Scope<'_>) -> Result<Output, CliError> {
    let (ctx, society, s) = (scope.ctx, &scope.society, &scope.s);
    let all = ctx
        .client
        .proposals(society, None)
        .await
        .map_err(|e| ctx.error(e))?;
    let now = now(ctx).await?;
    let mut views = Vec::with_capacity(all.len());
    for (address, p) in &all {
        let decimals = action_decimals(ctx, s, &p.action).await;
        let mut view = ProposalView::new(address, p, now, decimals);
        view.action = action_view(ctx, s, &p.action).await;
        views.push(view);
    }
    Ok(Output::new(proposal_list(views)))
}

/// The votes cast on proposal `index`, in the order they were cast.
pub(super) async fn votes(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let ctx = scope.ctx;
    let (address, _) = scope.load(index).await?;
    let mut votes = ctx.client.votes(&address).await.map_err(|e| ctx.error(e))?;
    votes.sort_by_key(|(_, v)| v.voted_at);
    Ok(Output::new(vote_list(
        index,
        votes.iter().map(|(a, v)| VoteView::new(a, v)).collect(),
    )))
}
