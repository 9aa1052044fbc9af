//! `netstate wallet nonce create|show|advance`: durable nonce accounts, whose value a
//! transaction signs instead of a recent blockhash (`--nonce`), so that an offline signature
//! stays valid until it is used.

use std::path::PathBuf;

use anchor_lang::prelude::Pubkey;
use clap::Subcommand;
use netstate_client::nonce::{self, NONCE_ACCOUNT_LEN};
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::output::Output;
use crate::results::Sent;
use crate::results::wallet::NonceView;
use crate::{CliError, Context, config};

/// Durable nonce accounts.
#[derive(Debug, Subcommand)]
pub enum NonceCommand {
    /// Create a nonce account: FILE holds its keypair (made if missing; only needed now),
    /// funded by the signer with the rent-exempt minimum.
    ///
    /// Example: netstate wallet nonce create ./door-nonce.json --authority DOOR_PUBKEY
    Create {
        /// The nonce account's keypair file.
        file: PathBuf,
        /// Who advances it (default: the signer).
        #[arg(long, value_name = "PUBKEY")]
        authority: Option<String>,
    },
    /// Show a nonce account: its authority and its value (what --blockhash is with --nonce).
    Show {
        /// The nonce account, or its keypair file.
        account: String,
    },
    /// Advance a nonce (its authority signs: --authority, else the signer): every
    /// transaction signed with its old value can no longer land.
    Advance {
        /// The nonce account, or its keypair file.
        account: String,
        /// The authority's keypair (default: the signer).
        #[arg(long, value_name = "KEYPAIR")]
        authority: Option<PathBuf>,
    },
}

/// The address `text` names: base58, or the keypair file at that path.
fn account_of(text: &str) -> Result<Pubkey, CliError> {
    match text.parse::<Pubkey>() {
        Ok(address) => Ok(address),
        Err(_) if std::path::Path::new(text).exists() => {
            config::read_keypair(std::path::Path::new(text))
                .map(|k| k.pubkey())
                .map_err(CliError::new)
        }
        Err(_) => Err(CliError::new(format!(
            "not a nonce account address nor a keypair file: {text:?}"
        ))),
    }
}

/// The nonce account at `address`, named as such when it is not one.
async fn read(ctx: &Context, address: &Pubkey) -> Result<nonce::DurableNonce, CliError> {
    ctx.client
        .durable_nonce(address)
        .await
        .map_err(|e| match e {
            netstate_client::ClientError::AccountNotFound(_) => CliError::new(format!(
                "no account at {address}: create the nonce with `netstate wallet nonce create FILE`"
            )),
            e => ctx.error(e),
        })
}

/// Runs a nonce command.
pub async fn run(ctx: &Context, command: NonceCommand) -> Result<Output, CliError> {
    match command {
        NonceCommand::Create { file, authority } => {
            let me = ctx.keypair()?.pubkey();
            let authority = authority
                .as_deref()
                .map(|a| crate::parse_pubkey(a, "--authority"))
                .transpose()?
                .unwrap_or(me);
            let keypair = if file.exists() {
                config::read_keypair(&file).map_err(CliError::new)?
            } else {
                let keypair = Keypair::new();
                config::write_keypair(&file, &keypair).map_err(CliError::new)?;
                keypair
            };
            let address = keypair.pubkey();
            if ctx.client.rpc().get_account(&address).await.is_ok() {
                return Err(CliError::new(format!(
                    "{address} (in {}) exists already: `netstate wallet nonce show {address}`",
                    file.display()
                )));
            }
            let rent = ctx
                .client
                .rpc()
                .get_minimum_balance_for_rent_exemption(NONCE_ACCOUNT_LEN)
                .await
                .map_err(|e| ctx.error(e.into()))?;
            let signature = ctx
                .send(
                    &nonce::create_nonce_account(&me, &address, &authority, rent),
                    &[&keypair],
                )
                .await?;
            let created = read(ctx, &address).await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                NonceView::new(&created),
            )))
        }
        NonceCommand::Show { account } => {
            let address = account_of(&account)?;
            Ok(Output::new(NonceView::new(&read(ctx, &address).await?)))
        }
        NonceCommand::Advance { account, authority } => {
            let address = account_of(&account)?;
            let before = read(ctx, &address).await?;
            let keypair = authority
                .as_deref()
                .map(config::read_keypair)
                .transpose()
                .map_err(|e| CliError::new(format!("--authority: {e}")))?;
            let authority = keypair
                .as_ref()
                .map(|k| k.pubkey())
                .unwrap_or_else(|| ctx.me());
            if authority != before.authority {
                return Err(CliError::new(format!(
                    "nonce {address} is advanced by {}, not {authority}: give --authority KEYPAIR",
                    before.authority
                )));
            }
            let signers: Vec<&(dyn Signer + Sync)> =
                keypair.iter().map(|k| k as &(dyn Signer + Sync)).collect();
            let signature = ctx
                .send(
                    &[solana_system_interface::instruction::advance_nonce_account(
                        &address, &authority,
                    )],
                    &signers,
                )
                .await?;
            let after = read(ctx, &address).await?;
            Ok(Output::new(Sent::new(
                ctx,
                signature,
                NonceView::new(&after),
            )))
        }
    }
}
