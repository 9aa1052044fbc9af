//! `netstate census [--epoch N] | census verify | census close`.

use clap::{Args, Subcommand};
use netstate_client::census::{self, CensusData, epoch_of};
use netstate_client::instructions as ix;

use crate::results::census::{CensusClosed, CensusClosings, CensusView, VerificationView};
use crate::{CliError, Context, Output};

/// Most epochs one `census close` closes (each is a transaction).
const MAX_CLOSES: usize = 24;

/// `netstate census`: the State of the Network.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CensusCommand {
    /// Check or close instead of reporting.
    #[command(subcommand)]
    pub action: Option<CensusAction>,
    /// The census epoch to report (`day / 30`): a frozen one, or the open one (the
    /// default, with live figures).
    #[arg(long)]
    pub epoch: Option<u32>,
}

/// What `census` does besides reporting.
#[derive(Debug, Subcommand)]
pub enum CensusAction {
    /// Recount every figure from the accounts and check the census chain; lists each
    /// discrepancy and exits non-zero if there is one.
    Verify,
    /// Close every census epoch that is over, in order (anyone may; you pay each
    /// Census account's rent).
    Close,
}

async fn data(ctx: &Context) -> Result<CensusData, CliError> {
    let (society, _) = ctx.society().await?;
    ctx.client
        .census_data(&society)
        .await
        .map_err(|e| ctx.error(e))
}

/// Runs a census command.
pub async fn run(ctx: &Context, command: CensusCommand) -> Result<Output, CliError> {
    match command.action {
        None => {
            let data = data(ctx).await?;
            let epoch = command.epoch.unwrap_or(epoch_of(data.today));
            let report = census::report(&data, epoch).ok_or_else(|| {
                let first = data
                    .society
                    .census
                    .next_epoch_to_close
                    .min(data.censuses.first().map_or(u32::MAX, |(_, c)| c.epoch));
                CliError::new(format!(
                    "{} has no census epoch {epoch}: its epochs run from {first} to {} (today's)",
                    data.society.name,
                    epoch_of(data.today)
                ))
            })?;
            Ok(Output::new(CensusView(report)))
        }
        Some(CensusAction::Verify) => {
            let data = data(ctx).await?;
            let verification = census::verify(&data);
            let failed = !verification.discrepancies.is_empty();
            let view = VerificationView {
                society: data.society.name.clone(),
                epoch: epoch_of(data.today),
                verification,
            };
            Ok(if failed {
                Output::failing(view)
            } else {
                Output::new(view)
            })
        }
        Some(CensusAction::Close) => {
            let me = ctx.me();
            let (society, s) = ctx.society().await?;
            let today_epoch = epoch_of(ctx.today().await?);
            let mut closed = Vec::new();
            let mut epoch = s.census.next_epoch_to_close;
            while epoch < today_epoch && closed.len() < MAX_CLOSES {
                let signature = ctx
                    .send(
                        &[ix::close_census_epoch(
                            ctx.client.program_id(),
                            &me,
                            &society,
                            epoch,
                        )],
                        &[],
                    )
                    .await?;
                let (_, census) = ctx
                    .client
                    .censuses(&society)
                    .await
                    .map_err(|e| ctx.error(e))?
                    .into_iter()
                    .find(|(_, c)| c.epoch == epoch)
                    .ok_or_else(|| CliError::new(format!("census {epoch} was not written")))?;
                closed.push(CensusClosed {
                    epoch,
                    signature,
                    present: census.present,
                    person_days: census.person_days,
                    figures_kept: census.figures_kept,
                    hash: census::hex(&census.hash),
                });
                epoch += 1;
            }
            Ok(Output::new(CensusClosings {
                society: s.name,
                closed,
                next_epoch: epoch,
                open_epoch: today_epoch,
            }))
        }
    }
}
