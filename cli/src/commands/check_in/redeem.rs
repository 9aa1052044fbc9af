//! Redeeming offline tickets, shared by `check-in redeem` (whoever runs it pays) and
//! `door sync` (the door's operator pays): checked here first, packed several to a
//! transaction, and a batch the program refuses is sent again ticket by ticket so that one
//! bad ticket names itself and does not hold back the others.

use netstate_client::tickets::SignedTicket;
use netstate_client::{PROGRAM_ID, Residency, pda};
use solana_signer::Signer;
use solana_transaction::Transaction;

use crate::results::tickets::{Redeemed, Refused};
use crate::{CliError, Context};

/// The most bytes a transaction may have on the wire.
const PACKET_DATA_SIZE: usize = 1_232;

/// Bytes of a legacy transaction of `ixs` paid and signed by `payer` alone.
fn wire_size(
    ixs: &[anchor_lang::solana_program::instruction::Instruction],
    payer: &dyn Signer,
) -> usize {
    let tx = Transaction::new_with_payer(ixs, Some(&payer.pubkey()));
    1 + 64 * usize::from(tx.message.header.num_required_signatures) + tx.message_data().len()
}

/// Redeems `texts` (base58 tickets), `payer` paying fees and first-time records.
pub async fn redeem(
    ctx: &Context,
    texts: &[String],
    payer: &dyn Signer,
) -> Result<Redeemed, CliError> {
    let mut result = Redeemed::default();
    let mut pending: Vec<(String, SignedTicket)> = Vec::new();
    for text in texts {
        let refuse = |reason: String| Refused {
            ticket: text.clone(),
            reason,
        };
        let ticket = match SignedTicket::from_base58(text) {
            Ok(t) => t,
            Err(e) => {
                result.refused.push(refuse(e.to_string()));
                continue;
            }
        };
        if ticket.ticket.program != PROGRAM_ID {
            result.refused.push(refuse(format!(
                "the ticket is for the program {}, not netstate's {PROGRAM_ID}",
                ticket.ticket.program
            )));
            continue;
        }
        if !ticket.verify() {
            result.refused.push(refuse(
                "its signature is not its signer's: the ticket was altered".into(),
            ));
            continue;
        }
        let t = ticket.ticket;
        let residency = pda::residency(ctx.client.program_id(), &t.node, &t.wallet).0;
        match ctx.client.account::<Residency>(&residency).await {
            Ok(r) if r.was_present(t.day) => {
                result.already_counted += 1;
                continue;
            }
            Ok(_) | Err(netstate_client::ClientError::AccountNotFound(_)) => {}
            Err(e) => return Err(ctx.error(e)),
        }
        pending.push((text.clone(), ticket));
    }

    // Pack as many as fit in one transaction.
    let mut batches: Vec<Vec<(String, SignedTicket)>> = Vec::new();
    let mut current: Vec<(String, SignedTicket)> = Vec::new();
    for item in pending {
        let mut ixs: Vec<_> = current
            .iter()
            .flat_map(|(_, t)| t.redeem(&payer.pubkey()))
            .collect();
        ixs.extend(item.1.redeem(&payer.pubkey()));
        if !current.is_empty() && wire_size(&ixs, payer) > PACKET_DATA_SIZE {
            batches.push(std::mem::take(&mut current));
        }
        current.push(item);
    }
    if !current.is_empty() {
        batches.push(current);
    }

    // Tickets sent and accepted: a day named twice counts once (the program makes the
    // second a no-op).
    let mut accepted: Vec<(
        anchor_lang::prelude::Pubkey,
        anchor_lang::prelude::Pubkey,
        u32,
    )> = Vec::new();
    let key = |t: &SignedTicket| (t.ticket.node, t.ticket.wallet, t.ticket.day);
    for batch in batches {
        let ixs: Vec<_> = batch
            .iter()
            .flat_map(|(_, t)| t.redeem(&payer.pubkey()))
            .collect();
        match ctx.client.send(&ixs, payer, &[]).await {
            Ok(signature) => {
                result.signatures.push(signature.to_string());
                accepted.extend(batch.iter().map(|(_, t)| key(t)));
            }
            Err(e) if batch.len() == 1 => {
                let (text, _) = &batch[0];
                result.refused.push(Refused {
                    ticket: text.clone(),
                    reason: reason(ctx, e),
                });
            }
            Err(netstate_client::ClientError::Rpc(e)) => {
                return Err(ctx.error(netstate_client::ClientError::Rpc(e)));
            }
            Err(_) => {
                // One at a time, so each refusal names its ticket.
                for (text, ticket) in &batch {
                    match ctx
                        .client
                        .send(&ticket.redeem(&payer.pubkey()), payer, &[])
                        .await
                    {
                        Ok(signature) => {
                            result.signatures.push(signature.to_string());
                            accepted.push(key(ticket));
                        }
                        Err(e) => result.refused.push(Refused {
                            ticket: text.clone(),
                            reason: reason(ctx, e),
                        }),
                    }
                }
            }
        }
    }
    let distinct: std::collections::HashSet<_> = accepted.iter().collect();
    result.counted = distinct.len();
    result.already_counted += accepted.len() - distinct.len();
    Ok(result)
}

/// Why the program (or the cluster) refused a ticket: its error's name and sentence.
fn reason(ctx: &Context, error: netstate_client::ClientError) -> String {
    let error = ctx.error(error);
    format!("{} ({})", error.message, error.name)
}

/// Tickets as given on the command line or in a file (one per line; blank lines and lines
/// starting with `#` skipped).
pub fn gather(given: &[String], file: Option<&std::path::Path>) -> Result<Vec<String>, CliError> {
    let mut all: Vec<String> = given.iter().map(|t| t.trim().to_string()).collect();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::new(format!("cannot read {}: {e}", path.display())))?;
        all.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    if all.is_empty() {
        return Err(CliError::new(
            "no tickets: give them as arguments or with --file FILE (one per line)",
        ));
    }
    Ok(all)
}
