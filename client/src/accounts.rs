//! Reading netstate accounts: one by address, or many with `getProgramAccounts` filtered on
//! the node by discriminator and by the society (or wallet) they belong to.

use anchor_lang::solana_program::pubkey::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_client::rpc_filter::{Memcmp, RpcFilterType};

use crate::error::ClientError;
use crate::{Member, Node, Proposal, ProposalStatus, Residency, Society, VoteRecord};

/// Where the owning society (or node, or proposal) sits in every account that names one:
/// after the 8-byte discriminator, `version` and `bump`.
pub const PARENT_OFFSET: usize = 10;
/// Where a Residency's (and a VoteRecord's) wallet sits: after the parent key.
pub const WALLET_OFFSET: usize = PARENT_OFFSET + 32;

/// A netstate account type the client can fetch and query.
pub trait NetstateAccount: AccountDeserialize + Discriminator {
    /// Its name, for errors.
    const NAME: &'static str;

    /// Reads `data` (discriminator first) in any layout this type has had: the version
    /// byte decides (`netstate::state::layouts`).
    fn read_layout(data: &[u8]) -> Option<Self> {
        Self::try_deserialize(&mut &data[..]).ok()
    }
}

macro_rules! netstate_account {
    ($($t:ty),*) => {$(
        impl NetstateAccount for $t {
            const NAME: &'static str = stringify!($t);
        }
    )*};
}

impl NetstateAccount for Node {
    const NAME: &'static str = "Node";

    fn read_layout(data: &[u8]) -> Option<Self> {
        netstate::state::layouts::read_node(data).ok()
    }
}

netstate_account!(
    Society,
    Member,
    Proposal,
    Residency,
    VoteRecord,
    crate::Sponsorship,
    crate::Country,
    crate::Census,
    crate::Treaty,
    crate::Visitor,
    crate::Share,
    crate::Grant,
    crate::Objection,
    crate::Outflow,
    crate::NodeBudget,
    crate::ExitBasket
);

/// Decodes `data` as `T`, naming the address when it is another type, and saying so when
/// it is a `T` in a layout of another netstate version.
pub fn decode<T: NetstateAccount>(address: &Pubkey, data: &[u8]) -> Result<T, ClientError> {
    T::read_layout(data).ok_or_else(|| {
        if data.starts_with(T::DISCRIMINATOR) {
            ClientError::UnknownLayout {
                address: *address,
                account: T::NAME,
                len: data.len(),
                version: data.get(T::DISCRIMINATOR.len()).copied(),
            }
        } else {
            ClientError::WrongAccountType {
                address: *address,
                expected: T::NAME,
            }
        }
    })
}

/// Fetches and decodes the account at `address`.
pub async fn fetch<T: NetstateAccount>(
    rpc: &RpcClient,
    program_id: &Pubkey,
    address: &Pubkey,
) -> Result<T, ClientError> {
    let account = rpc
        .get_account_with_commitment(address, rpc.commitment())
        .await?
        .value
        .ok_or(ClientError::AccountNotFound(*address))?;
    if account.owner != *program_id {
        return Err(ClientError::WrongAccountType {
            address: *address,
            expected: T::NAME,
        });
    }
    decode(address, &account.data)
}

/// Fetches the account at `address` if it exists.
pub async fn fetch_optional<T: NetstateAccount>(
    rpc: &RpcClient,
    program_id: &Pubkey,
    address: &Pubkey,
) -> Result<Option<T>, ClientError> {
    match fetch(rpc, program_id, address).await {
        Ok(value) => Ok(Some(value)),
        Err(ClientError::AccountNotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// How a scan asks for account data: compressed (`base64+zstd`) from a remote cluster,
/// where bytes cost more than the CPU to pack them, plain `base64` from a node on this
/// machine, where compressing and unpacking each of 50 000 accounts is most of the time a
/// scan takes.
pub fn scan_encoding(rpc: &RpcClient) -> UiAccountEncoding {
    if is_local_url(&rpc.url()) {
        UiAccountEncoding::Base64
    } else {
        UiAccountEncoding::Base64Zstd
    }
}

/// True for URLs of this machine: `127.0.0.1`, `localhost`, `[::1]`.
pub fn is_local_url(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    matches!(host, "127.0.0.1" | "localhost" | "[::1]") || host.starts_with("127.")
}

/// Every `T` whose key at `offset` is `key` (or every `T`, with `None`), filtered on the node.
pub async fn query<T: NetstateAccount>(
    rpc: &RpcClient,
    program_id: &Pubkey,
    key_at: Option<(usize, &Pubkey)>,
) -> Result<Vec<(Pubkey, T)>, ClientError> {
    let bytes_at: Vec<(usize, Vec<u8>)> = key_at
        .map(|(offset, key)| (offset, key.to_bytes().to_vec()))
        .into_iter()
        .collect();
    query_bytes(rpc, program_id, &bytes_at).await
}

/// Every `T` holding each of `bytes_at` (bytes at an offset), filtered on the node.
pub async fn query_bytes<T: NetstateAccount>(
    rpc: &RpcClient,
    program_id: &Pubkey,
    bytes_at: &[(usize, Vec<u8>)],
) -> Result<Vec<(Pubkey, T)>, ClientError> {
    let mut filters = vec![RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
        0,
        T::DISCRIMINATOR.to_vec(),
    ))];
    for (offset, bytes) in bytes_at {
        filters.push(RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
            *offset,
            bytes.clone(),
        )));
    }
    let config = RpcProgramAccountsConfig {
        filters: Some(filters),
        account_config: RpcAccountInfoConfig {
            encoding: Some(scan_encoding(rpc)),
            commitment: Some(rpc.commitment()),
            ..Default::default()
        },
        ..Default::default()
    };
    crate::scan::program_accounts(rpc, program_id, config, |address, data| {
        decode(&address, data).map(|value| (address, value))
    })
    .await
}

/// Every society on the deployment, by name.
pub async fn societies(
    rpc: &RpcClient,
    program_id: &Pubkey,
) -> Result<Vec<(Pubkey, Society)>, ClientError> {
    let mut all = query::<Society>(rpc, program_id, None).await?;
    all.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    Ok(all)
}

/// A society's members (applicants, citizens and expelled), by handle.
pub async fn members(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, Member)>, ClientError> {
    let mut all = query::<Member>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.sort_by(|a, b| a.1.handle.cmp(&b.1.handle));
    Ok(all)
}

/// Where a Member's handle sits (its Borsh length prefix, then up to 32 bytes): after the
/// discriminator, version, bump, society, wallet and status.
pub const MEMBER_HANDLE_OFFSET: usize = 8 + 1 + 1 + 32 + 32 + 1;

/// `len` bytes from `offset` of each Member of `society`, with its address: one
/// `getProgramAccounts` filtered on the Member discriminator and the society, returning only
/// that slice of each account (`dataSlice`).
async fn sliced_members(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    offset: usize,
    len: usize,
    also: Option<(usize, Vec<u8>)>,
) -> Result<Vec<(Pubkey, Vec<u8>)>, ClientError> {
    let mut filters = vec![
        RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, Member::DISCRIMINATOR.to_vec())),
        RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
            PARENT_OFFSET,
            society.to_bytes().to_vec(),
        )),
    ];
    if let Some((at, bytes)) = also {
        filters.push(RpcFilterType::Memcmp(Memcmp::new_raw_bytes(at, bytes)));
    }
    let config = RpcProgramAccountsConfig {
        filters: Some(filters),
        account_config: RpcAccountInfoConfig {
            encoding: Some(UiAccountEncoding::Base64),
            commitment: Some(rpc.commitment()),
            data_slice: Some(solana_account_decoder_client_types::UiDataSliceConfig {
                offset,
                length: len,
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    crate::scan::program_accounts(rpc, program_id, config, |address, data| {
        Ok((address, data.to_vec()))
    })
    .await
}

/// A society's members as an index: each Member's address and handle, by handle (then
/// address), read with `getProgramAccounts` returning only the handle bytes, so that a
/// society of any size is listed a page at a time without holding every account.
pub async fn member_index(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, String)>, ClientError> {
    let accounts = sliced_members(
        rpc,
        program_id,
        society,
        MEMBER_HANDLE_OFFSET,
        4 + netstate::constants::MAX_HANDLE_LEN,
        None,
    )
    .await?;
    let mut index: Vec<(Pubkey, String)> = accounts
        .into_iter()
        .map(|(address, data)| {
            let len = data
                .get(..4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u32::from_le_bytes(b) as usize);
            let handle = data
                .get(4..4 + len)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            (address, handle)
        })
        .collect();
    index.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(index)
}

/// One line of a society's roll: what a directory of members needs without the rest of
/// each Member account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollEntry {
    /// The Member account's address.
    pub address: Pubkey,
    /// The member's wallet.
    pub wallet: Pubkey,
    /// Applicant, citizen, expelled or lapsed.
    pub status: netstate::state::MemberStatus,
    /// The member's handle.
    pub handle: String,
}

/// Bytes of a Member the roll reads: wallet, status, then the handle (length and up to 32
/// bytes), contiguous from [`WALLET_OFFSET`].
pub const ROLL_SLICE_LEN: usize = 32 + 1 + 4 + netstate::constants::MAX_HANDLE_LEN;

/// A society's roll: each Member's address, wallet, status and handle, by handle (then
/// address), read with `getProgramAccounts` returning only those bytes (69 of a Member's
/// 245), so that a directory can sort, search and page a society of any size and then read
/// whole accounts only for the page it shows ([`members_at`]).
pub async fn member_roll(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<RollEntry>, ClientError> {
    let accounts = sliced_members(
        rpc,
        program_id,
        society,
        WALLET_OFFSET,
        ROLL_SLICE_LEN,
        None,
    )
    .await?;
    roll(accounts)
}

/// The lines of a society's roll whose handle starts with `prefix` (as typed: handles are
/// case-sensitive), by handle: the node compares the handle's first bytes
/// (`getProgramAccounts` with a `memcmp` filter) and returns only the roll's slice of the
/// members that match, so a search reads what it finds, not the society.
pub async fn roll_by_handle_prefix(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    prefix: &str,
) -> Result<Vec<RollEntry>, ClientError> {
    if prefix.is_empty() || prefix.len() > netstate::constants::MAX_HANDLE_LEN {
        return Ok(Vec::new());
    }
    let accounts = sliced_members(
        rpc,
        program_id,
        society,
        WALLET_OFFSET,
        ROLL_SLICE_LEN,
        Some((MEMBER_HANDLE_OFFSET + 4, prefix.as_bytes().to_vec())),
    )
    .await?;
    // The bytes after a shorter handle belong to the next field: keep true prefixes only.
    let mut found = roll(accounts)?;
    found.retain(|e| e.handle.starts_with(prefix));
    Ok(found)
}

/// Roll lines from Member slices of [`ROLL_SLICE_LEN`] bytes from [`WALLET_OFFSET`], by
/// handle (then address).
fn roll(accounts: Vec<(Pubkey, Vec<u8>)>) -> Result<Vec<RollEntry>, ClientError> {
    let mut roll = Vec::with_capacity(accounts.len());
    for (address, data) in accounts {
        let wallet = data
            .get(..32)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(Pubkey::new_from_array);
        let status = data.get(32).and_then(|b| {
            <netstate::state::MemberStatus as anchor_lang::AnchorDeserialize>::deserialize(
                &mut &[*b][..],
            )
            .ok()
        });
        let len = data
            .get(33..37)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| u32::from_le_bytes(b) as usize);
        let handle = len.and_then(|len| data.get(37..37 + len));
        match (wallet, status, handle) {
            (Some(wallet), Some(status), Some(handle)) => roll.push(RollEntry {
                address,
                wallet,
                status,
                handle: String::from_utf8_lossy(handle).into_owned(),
            }),
            _ => {
                return Err(ClientError::WrongAccountType {
                    address,
                    expected: "Member",
                });
            }
        }
    }
    roll.sort_by(|a, b| a.handle.cmp(&b.handle).then(a.address.cmp(&b.address)));
    Ok(roll)
}

/// Societies of this many members or more are listed by wallet, a page at a time from a
/// cursor ([`members_after`]), by the CLI and the dashboard; smaller ones by handle, from
/// their roll ([`member_roll`], a few hundred kilobytes at most).
pub const LARGE_SOCIETY: u32 = 10_000;

/// Up to `limit` of a society's members in wallet order, from just after `after` (the start
/// when `None`): a cursor that reads only the members whose wallet starts with the same byte
/// as the next ones (a 256th of the society per call), so that a page costs the same in a
/// society of any size.
pub async fn members_after(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    after: Option<&Pubkey>,
    limit: usize,
) -> Result<Vec<(Pubkey, Member)>, ClientError> {
    let mut page = Vec::with_capacity(limit);
    let first = after.map_or(0, |a| a.to_bytes()[0]);
    for byte in first..=u8::MAX {
        if page.len() >= limit {
            break;
        }
        let mut bucket = members_with_wallet_byte(rpc, program_id, society, byte).await?;
        bucket.retain(|(_, m)| after.is_none_or(|a| m.wallet > *a));
        page.extend(bucket.into_iter().take(limit - page.len()));
    }
    Ok(page)
}

/// A society's members whose wallet starts with `byte`, in wallet order: a 256th of the
/// society, read with one `getProgramAccounts` (the node compares the byte). Walking the 256
/// bytes lists a society of any size in wallet order, a 256th at a time.
pub async fn members_with_wallet_byte(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    byte: u8,
) -> Result<Vec<(Pubkey, Member)>, ClientError> {
    let mut bucket: Vec<(Pubkey, Member)> = query_bytes(
        rpc,
        program_id,
        &[
            (PARENT_OFFSET, society.to_bytes().to_vec()),
            (WALLET_OFFSET, vec![byte]),
        ],
    )
    .await?;
    bucket.sort_by_key(|(_, m)| m.wallet);
    Ok(bucket)
}

/// The Member accounts at `addresses`, in their order (missing ones left out), read with
/// `getMultipleAccounts` in chunks of 100.
pub async fn members_at(
    rpc: &RpcClient,
    program_id: &Pubkey,
    addresses: &[Pubkey],
) -> Result<Vec<(Pubkey, Member)>, ClientError> {
    let mut out = Vec::with_capacity(addresses.len());
    for chunk in addresses.chunks(100) {
        let accounts = rpc
            .get_multiple_accounts_with_commitment(chunk, rpc.commitment())
            .await?
            .value;
        for (address, account) in chunk.iter().zip(accounts) {
            if let Some(account) = account
                && account.owner == *program_id
            {
                out.push((*address, decode(address, &account.data)?));
            }
        }
    }
    Ok(out)
}

/// A society's nodes, by code.
pub async fn nodes(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, Node)>, ClientError> {
    let mut all = query::<Node>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    Ok(all)
}

/// A society's proposals, newest first; with `status`, only those (filtered after the
/// node's society filter: the status sits after variable-length fields).
pub async fn proposals(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    status: Option<ProposalStatus>,
) -> Result<Vec<(Pubkey, Proposal)>, ClientError> {
    let mut all = query::<Proposal>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.retain(|(_, p)| status.is_none_or(|s| p.status == s));
    all.sort_by_key(|(_, p)| std::cmp::Reverse(p.index));
    Ok(all)
}

/// A wallet's residencies at every node.
pub async fn residencies(
    rpc: &RpcClient,
    program_id: &Pubkey,
    wallet: &Pubkey,
) -> Result<Vec<(Pubkey, Residency)>, ClientError> {
    query::<Residency>(rpc, program_id, Some((WALLET_OFFSET, wallet))).await
}

/// Every wallet's residency at one node (a Residency's node is its parent).
pub async fn residents(
    rpc: &RpcClient,
    program_id: &Pubkey,
    node: &Pubkey,
) -> Result<Vec<(Pubkey, Residency)>, ClientError> {
    query::<Residency>(rpc, program_id, Some((PARENT_OFFSET, node))).await
}

/// The sponsorships `sponsor` gave, in every society (a Sponsorship's sponsor sits where a
/// Residency's wallet does: after its parent, the applicant's Member).
pub async fn sponsorships_by(
    rpc: &RpcClient,
    program_id: &Pubkey,
    sponsor: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Sponsorship)>, ClientError> {
    query::<crate::Sponsorship>(rpc, program_id, Some((WALLET_OFFSET, sponsor))).await
}

/// A society's Country records, by code.
pub async fn countries(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Country)>, ClientError> {
    let mut all = query::<crate::Country>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.sort_by_key(|(_, c)| c.code);
    Ok(all)
}

/// A society's frozen censuses, by epoch.
pub async fn censuses(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Census)>, ClientError> {
    let mut all = query::<crate::Census>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.sort_by_key(|(_, c)| c.epoch);
    Ok(all)
}

/// The treaties `society` is party to (either side), by address.
pub async fn treaties(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Treaty)>, ClientError> {
    let mut all = query::<crate::Treaty>(rpc, program_id, Some((PARENT_OFFSET, society))).await?;
    all.extend(query::<crate::Treaty>(rpc, program_id, Some((WALLET_OFFSET, society))).await?);
    all.sort_by_key(|(address, _)| *address);
    Ok(all)
}

/// The visitors `society` has hosted under treaties.
pub async fn visitors(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Visitor)>, ClientError> {
    query::<crate::Visitor>(rpc, program_id, Some((PARENT_OFFSET, society))).await
}

/// Where a Member's status sits: after the discriminator, version, bump, society and wallet.
pub const MEMBER_STATUS_OFFSET: usize = 8 + 1 + 1 + 32 + 32;

/// A society's members of one `status` (its Borsh byte compared on the node), by handle.
pub async fn members_with_status(
    rpc: &RpcClient,
    program_id: &Pubkey,
    society: &Pubkey,
    status: crate::MemberStatus,
) -> Result<Vec<(Pubkey, Member)>, ClientError> {
    let mut all = query_bytes::<Member>(
        rpc,
        program_id,
        &[
            (PARENT_OFFSET, society.to_bytes().to_vec()),
            (MEMBER_STATUS_OFFSET, vec![status as u8]),
        ],
    )
    .await?;
    all.sort_by(|a, b| a.1.handle.cmp(&b.1.handle));
    Ok(all)
}

/// The objection records of a proposal.
pub async fn objections(
    rpc: &RpcClient,
    program_id: &Pubkey,
    proposal: &Pubkey,
) -> Result<Vec<(Pubkey, crate::Objection)>, ClientError> {
    query::<crate::Objection>(rpc, program_id, Some((PARENT_OFFSET, proposal))).await
}

/// The vote records of a proposal.
pub async fn votes(
    rpc: &RpcClient,
    program_id: &Pubkey,
    proposal: &Pubkey,
) -> Result<Vec<(Pubkey, VoteRecord)>, ClientError> {
    query::<VoteRecord>(rpc, program_id, Some((PARENT_OFFSET, proposal))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::AccountSerialize;

    fn ana() -> Member {
        Member {
            version: 1,
            bump: 255,
            society: Pubkey::new_unique(),
            wallet: Pubkey::new_unique(),
            status: crate::MemberStatus::Citizen,
            handle: "ana".into(),
            profile_uri: String::new(),
            applied_seq: 1,
            citizen_seq: 1,
            joined_at: 1,
            admitted_at: 1,
            sponsor_count: 0,
            check_in_count: 0,
            last_check_in_day: 0,
            open_proposals: 0,
            recent_days: [0; 16],
            paid_until: 0,
        }
    }

    #[test]
    fn scans_compress_only_across_the_network() {
        let local = RpcClient::new("http://127.0.0.1:8899".into());
        let named = RpcClient::new("http://localhost:8899".into());
        let remote = RpcClient::new("https://api.devnet.solana.com".into());
        assert_eq!(scan_encoding(&local), UiAccountEncoding::Base64);
        assert_eq!(scan_encoding(&named), UiAccountEncoding::Base64);
        assert_eq!(scan_encoding(&remote), UiAccountEncoding::Base64Zstd);
    }

    #[test]
    fn the_handle_offset_is_where_a_member_keeps_its_handle() {
        let member = ana();
        let mut data = Vec::new();
        anchor_lang::AccountSerialize::try_serialize(&member, &mut data).unwrap();
        assert_eq!(
            &data[MEMBER_HANDLE_OFFSET..MEMBER_HANDLE_OFFSET + 7],
            &[3, 0, 0, 0, b'a', b'n', b'a']
        );
    }

    #[test]
    fn an_older_layout_is_named_not_mistaken_for_another_type() {
        let member = ana();
        let mut data = Vec::new();
        member.try_serialize(&mut data).unwrap();
        let address = Pubkey::new_unique();
        assert!(decode::<Member>(&address, &data).is_ok());
        // The same account as a netstate from before the presence bitmap wrote it.
        let older = &data[..data.len() - 16];
        match decode::<Member>(&address, older) {
            Err(ClientError::UnknownLayout {
                account, version, ..
            }) => assert_eq!((account, version), ("Member", Some(1))),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode::<Society>(&address, &data),
            Err(ClientError::WrongAccountType {
                expected: "Society",
                ..
            })
        ));
    }
}
