//! `netstate proposal create`: put an action to the vote.

use netstate_client::{CreateProposalArgs, Proposal, ProposalAction, instructions as ix, pda};

use super::Scope;
use super::action::ActionArgs;
use crate::commands::lookup::mint_info;
use crate::results::Sent;
use crate::results::proposal::Proposed;
use crate::{CliError, Context, Output};

/// Checks the proposal's text and action, then sends it as the society's next proposal.
pub(super) async fn create(
    scope: &Scope<'_>,
    title: Option<String>,
    description: Option<String>,
    description_file: Option<std::path::PathBuf>,
    description_hash: Option<String>,
    action: ActionArgs,
) -> Result<Output, CliError> {
    let (ctx, society, s) = (scope.ctx, &scope.society, &scope.s);
    let (title, description_uri, description_hash) = proposal_text(
        title,
        description,
        description_file.as_deref(),
        description_hash.as_deref(),
    )?;
    let action = action.resolve(scope).await?;
    {
        use crate::rules::check;
        check(Proposal::validate_title(&title), "--title")?;
        check(
            Proposal::validate_description_uri(&description_uri),
            "--description",
        )?;
        match &action {
            ProposalAction::RetireNode { code } | ProposalAction::SetNodeOperator { code, .. } => {
                check(netstate_client::Node::validate_code(code), "--code")?
            }
            ProposalAction::AmendConstitution { uri, .. } => check(
                netstate_client::Society::validate_constitution_uri(uri),
                "--uri",
            )?,
            ProposalAction::UpdateGovernance { params } => check(params.validate(), "governance")?,
            _ => {}
        }
    }
    let args = CreateProposalArgs {
        title,
        description_uri,
        description_hash,
        action,
    };
    send_proposal(ctx, society, s.proposal_count, args).await
}

/// The title, description URI and digest of a new proposal, checked before sending.
fn proposal_text(
    title: Option<String>,
    description: Option<String>,
    file: Option<&std::path::Path>,
    hash: Option<&str>,
) -> Result<(String, String, [u8; 32]), CliError> {
    let title = title.ok_or_else(|| {
        CliError::new("a proposal needs --title TEXT, before or after the action: netstate proposal create --title \"...\" signal")
    })?;
    let digest = crate::digest::from_file_or_hex(file, hash, "--description-hash")?;
    match (description, digest) {
        (None, None) => Ok((title, String::new(), [0; 32])),
        (Some(uri), Some(digest)) => Ok((title, uri, digest)),
        (Some(_), None) => Err(CliError::new(
            "--description needs the text's SHA-256 pinned with it: add --description-file FILE or --description-hash HEX",
        )),
        (None, Some(_)) => Err(CliError::new(
            "--description-file and --description-hash pin a description: add --description URI",
        )),
    }
}

/// Creates proposal number `index` (the society's `proposal_count`) of `society` with
/// `args`, signed by the CLI's keypair: shared by `proposal create` and `treaty …`.
pub(crate) async fn send_proposal(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    index: u64,
    args: CreateProposalArgs,
) -> Result<Output, CliError> {
    let title = args.title.clone();
    // A token payment names the treasury's account of the mint under the mint's program.
    let token_program = match args.action.treasury_mint() {
        Some(mint) => mint_info(ctx, &mint).await?.0,
        None => anchor_spl::token::ID,
    };
    // A mint of contribution tokens names the society's mint (its supply judges how much of
    // what exits pay the new tokens take).
    let contribution_mint = match &args.action {
        ProposalAction::MintContribution { .. } => {
            let s: netstate_client::Society = ctx
                .client
                .account(society)
                .await
                .map_err(|e| ctx.error(e))?;
            s.contribution_mint
        }
        _ => None,
    };
    let signature = ctx
        .send(
            &[ix::create_proposal_for_token(
                ctx.client.program_id(),
                &ctx.me(),
                society,
                index,
                args,
                &token_program,
                contribution_mint,
            )],
            &[],
        )
        .await?;
    Ok(Output::new(Sent::new(
        ctx,
        signature,
        Proposed {
            index,
            proposal: pda::proposal(ctx.client.program_id(), society, index)
                .0
                .to_string(),
            title,
        },
    )))
}
