//! `netstate member list`: a page by handle (`--offset`), by wallet from a cursor (a large
//! society, or `--after`), or every member streamed (`--all`).

use netstate_client::Member;
use netstate_client::accounts::LARGE_SOCIETY;

use crate::results::member::{MemberPage, WalletPage, member_list};
use crate::{CliError, Context, Output};

/// `member list` with its flags, `--lapsed` aside.
pub(super) async fn run(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    limit: u32,
    offset: u32,
    all: bool,
    after: Option<anchor_lang::prelude::Pubkey>,
) -> Result<Output, CliError> {
    if all {
        return list_all(ctx, society, s).await;
    }
    if pages_by_wallet(after.is_some(), s.member_count, offset) {
        return list_by_wallet(ctx, society, s, limit as usize, after).await;
    }
    list(ctx, society, s, limit as usize, offset as usize).await
}

/// Whether a page of `member list` is read by wallet: with a cursor, or for a large
/// society when no handle order was asked for (`--offset`). (`--all` streams: see
/// [`list_all`].)
fn pages_by_wallet(cursor: bool, members: u32, offset: u32) -> bool {
    cursor || (members >= LARGE_SOCIETY && offset == 0)
}

/// `member list` of a large society, or with `--after`: a page in wallet order from a
/// cursor, reading only the members whose wallets start like the page's.
async fn list_by_wallet(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    limit: usize,
    after: Option<anchor_lang::prelude::Pubkey>,
) -> Result<Output, CliError> {
    let members = ctx
        .client
        .members_after(society, after.as_ref(), limit)
        .await
        .map_err(|e| ctx.error(e))?;
    let today = ctx.today().await?;
    let next = (members.len() == limit)
        .then(|| members.last().map(|(_, m)| m.wallet.to_string()))
        .flatten();
    Ok(Output::new(WalletPage {
        listed: member_list(&members, &s.admission, today),
        next,
        members: s.member_count,
    }))
}

/// `member list`: a page read through the handle index.
async fn list(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
    limit: usize,
    offset: usize,
) -> Result<Output, CliError> {
    let index = ctx
        .client
        .member_index(society)
        .await
        .map_err(|e| ctx.error(e))?;
    let today = ctx.today().await?;
    let page: Vec<_> = index
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(a, _)| *a)
        .collect();
    let members = ctx
        .client
        .members_at(&page)
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Output::new(MemberPage {
        listed: member_list(&members, &s.admission, today),
        offset,
        total: index.len(),
    }))
}

/// Members read at a time by `member list --all`.
const STREAM_CHUNK: usize = 100;

/// `member list --all`: every member printed as read, so that no more than a part of the
/// society is held at once: a large society in wallet order, a 256th at a time (the members
/// whose wallet starts with each byte in turn), a smaller one by handle through its handle
/// index, a hundred at a time.
async fn list_all(
    ctx: &Context,
    society: &anchor_lang::prelude::Pubkey,
    s: &netstate_client::Society,
) -> Result<Output, CliError> {
    let today = ctx.today().await?;
    let large = s.member_count >= LARGE_SOCIETY;
    let index = if large {
        Vec::new()
    } else {
        ctx.client
            .member_index(society)
            .await
            .map_err(|e| ctx.error(e))?
    };
    let handle_width = if large {
        netstate_client::constants::MAX_HANDLE_LEN
    } else {
        index
            .iter()
            .map(|(_, h)| h.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut out = Stream::start(ctx.output.is_json(), handle_width, s.member_count == 0)?;
    if large {
        for byte in 0..=u8::MAX {
            let members = ctx
                .client
                .members_with_wallet_byte(society, byte)
                .await
                .map_err(|e| ctx.error(e))?;
            out.members(&members, &s.admission, today)?;
        }
    } else {
        for chunk in index.chunks(STREAM_CHUNK) {
            let addresses: Vec<_> = chunk.iter().map(|(a, _)| *a).collect();
            let members = ctx
                .client
                .members_at(&addresses)
                .await
                .map_err(|e| ctx.error(e))?;
            out.members(&members, &s.admission, today)?;
        }
    }
    out.end()?;
    Ok(Output::new(crate::results::Nothing))
}

/// What `member list --all` prints as it reads: a JSON array written element by element,
/// or a table's rows.
struct Stream {
    json: bool,
    handle_width: usize,
    written: usize,
}

impl Stream {
    /// Prints the opening (`[`, the table's header, or "No members yet.").
    fn start(json: bool, handle_width: usize, empty: bool) -> Result<Self, CliError> {
        let out = Stream {
            json,
            handle_width: handle_width.max("HANDLE".len()),
            written: 0,
        };
        if json {
            print("[")?;
        } else if empty {
            print("No members yet.")?;
        } else {
            print(
                &out.row(
                    ["HANDLE", "STATUS", "WALLET", "CHECK-INS"]
                        .map(String::from)
                        .to_vec(),
                ),
            )?;
        }
        Ok(out)
    }

    fn row(&self, cells: Vec<String>) -> String {
        let width = self.handle_width;
        format!(
            "{:<width$}  {:<34}  {:<44}  {}",
            cells[0], cells[1], cells[2], cells[3]
        )
    }

    /// Prints `members`.
    fn members(
        &mut self,
        members: &[(anchor_lang::prelude::Pubkey, Member)],
        admission: &netstate_client::AdmissionPolicy,
        today: u32,
    ) -> Result<(), CliError> {
        for (address, member) in members {
            let view = crate::results::member::MemberView::new(address, member, admission, today);
            if self.json {
                let text = serde_json::to_string(&view)
                    .map_err(|e| CliError::new(format!("cannot write JSON: {e}")))?;
                let comma = if self.written > 0 { "," } else { "" };
                print(&format!("{comma}{text}"))?;
            } else {
                print(&self.row(view.row()))?;
            }
            self.written += 1;
        }
        Ok(())
    }

    /// Prints the closing (`]`).
    fn end(self) -> Result<(), CliError> {
        if self.json {
            print("]")?;
        }
        Ok(())
    }
}

/// One line of `member list --all`, written at once.
fn print(line: &str) -> Result<(), CliError> {
    crate::output::print_line(line)
        .map_err(|e| CliError::new(format!("cannot write the output: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_societies_page_by_wallet_unless_asked_for_handles() {
        assert!(!pages_by_wallet(false, 9_999, 0), "small: by handle");
        assert!(pages_by_wallet(false, LARGE_SOCIETY, 0), "large: by wallet");
        assert!(!pages_by_wallet(false, 50_000, 100), "--offset: by handle");
        assert!(
            pages_by_wallet(true, 3, 0),
            "--after: by wallet at any size"
        );
    }
}
