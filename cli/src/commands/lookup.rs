//! Reads several commands share: a hub by its code, a mint's token program and decimals,
//! the cluster's time.

use netstate_client::Node;

use crate::{CliError, Context};

/// Hub `code` of `society` (called `name`). A malformed code or a hub that does not exist is
/// named as such, before the program would refuse an uninitialized account.
pub(crate) async fn find_hub(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    name: &str,
    code: &str,
) -> Result<(anchor_lang::prelude::Pubkey, Node), CliError> {
    crate::rules::check(Node::validate_code(code), "hub code")?;
    ctx.client.node(society, code).await.map_err(|e| match e {
        netstate_client::ClientError::AccountNotFound(_) => CliError::new(format!(
            "no hub `{code}` in {name}: see `netstate node list`"
        )),
        e => ctx.error(e),
    })
}

/// The token program that owns `mint`, and its decimals, from one read of the mint.
pub(crate) async fn mint_info(
    ctx: &Context,
    mint: &anchor_lang::prelude::Pubkey,
) -> Result<(anchor_lang::prelude::Pubkey, u8), CliError> {
    let account = ctx
        .client
        .rpc()
        .get_account(mint)
        .await
        .map_err(|_| CliError::new(format!("no mint at {mint}")))?;
    if account.owner != anchor_spl::token::ID && account.owner != anchor_spl::token_2022::ID {
        return Err(CliError::new(format!(
            "{mint} is not an SPL Token or Token-2022 mint"
        )));
    }
    let decimals = spl_token_2022_interface::extension::StateWithExtensions::<
        spl_token_2022_interface::state::Mint,
    >::unpack(&account.data)
    .map(|m| m.base.decimals)
    .map_err(|_| CliError::new(format!("{mint} is not a mint")))?;
    Ok((account.owner, decimals))
}

/// The cluster's unix time.
pub(crate) async fn now(ctx: &Context) -> Result<i64, CliError> {
    ctx.client.unix_time().await.map_err(|e| ctx.error(e))
}
