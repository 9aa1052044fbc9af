//! `netstate proposal vote|respond|object`: what a citizen does while a proposal is decided.

use netstate_client::{Proposal, ProposalAction, VoteChoice, instructions as ix};

use super::{Choice, Scope};
use crate::commands::lookup::now;
use crate::results::Sent;
use crate::results::proposal::{Objected, Responded, Status, Voted};
use crate::{CliError, Output};

/// Casts (or changes) the signer's vote on proposal `index`.
pub(super) async fn vote(
    scope: &Scope<'_>,
    index: u64,
    choice: Choice,
) -> Result<Output, CliError> {
    let (ctx, society, s, me) = (scope.ctx, &scope.society, &scope.s, scope.me);
    let (address, _) = scope.load(index).await?;
    ctx.require_member(society, &s.name, &me).await?;
    let choice = match choice {
        Choice::Yes => VoteChoice::Yes,
        Choice::No => VoteChoice::No,
        Choice::Abstain => VoteChoice::Abstain,
    };
    let signature = ctx
        .send(
            &[ix::cast_vote(
                ctx.client.program_id(),
                &me,
                society,
                &address,
                choice,
            )],
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Voted { index, choice },
    )))
}

/// Attaches the answer of the member an expulsion names.
pub(super) async fn respond(
    scope: &Scope<'_>,
    index: u64,
    uri: String,
    file: Option<std::path::PathBuf>,
    hash: Option<String>,
) -> Result<Output, CliError> {
    let (ctx, society, me) = (scope.ctx, &scope.society, scope.me);
    let (address, p) = scope.load(index).await?;
    let ProposalAction::ExpelMember { wallet } = p.action else {
        return Err(CliError::new(format!(
            "proposal #{index} is not an expulsion: only the member an expulsion names may answer it"
        )));
    };
    if wallet != me {
        return Err(CliError::new(format!(
            "proposal #{index} names {wallet}, not you ({me}): only they may answer it"
        )));
    }
    crate::rules::check(Proposal::validate_response_uri(&uri), "--uri")?;
    let digest = crate::digest::from_file_or_hex(file.as_deref(), hash.as_deref(), "--hash")?
        .ok_or_else(|| CliError::new("pin your answer's text: add --file FILE or --hash HEX"))?;
    if p.status != netstate_client::ProposalStatus::Voting || now(ctx).await? >= p.voting_ends_at {
        return Err(CliError::new(format!(
            "the vote on proposal #{index} is closed: an answer is attached while it is open"
        )));
    }
    let signature = ctx
        .send(
            &[ix::respond_to_proposal(
                ctx.client.program_id(),
                &me,
                society,
                &address,
                uri.clone(),
                digest,
            )],
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Responded {
            index,
            uri,
            sha256: crate::digest::hex(&digest),
        },
    )))
}

/// Objects to a passed proposal during its timelock.
pub(super) async fn object(scope: &Scope<'_>, index: u64) -> Result<Output, CliError> {
    let (ctx, society, s, me) = (scope.ctx, &scope.society, &scope.s, scope.me);
    let (address, p) = scope.load(index).await?;
    ctx.require_member(society, &s.name, &me).await?;
    let now = now(ctx).await?;
    if p.status != netstate_client::ProposalStatus::Passed || now >= p.executable_at {
        return Err(CliError::new(format!(
            "proposal #{index} is {}: objections are accepted only while a passed proposal waits out its timelock",
            Status::of(&p, now)
        )));
    }
    let record = netstate_client::pda::objection(ctx.client.program_id(), &address, &me).0;
    if ctx.client.rpc().get_account(&record).await.is_ok() {
        return Err(CliError::new(format!(
            "you already objected to #{index}: {} of {} objected so far",
            p.objections, p.eligible_count
        )));
    }
    let signature = ctx
        .send(
            &[ix::object_to_proposal(
                ctx.client.program_id(),
                &me,
                society,
                &address,
            )],
            &[],
        )
        .await?;
    let (_, after) = scope.load(index).await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Objected {
            index,
            objections: after.objections,
            eligible: after.eligible_count,
            needed: crate::results::proposal::objections_to_veto(&after),
            vetoed: after.status == netstate_client::ProposalStatus::Vetoed,
        },
    )))
}
