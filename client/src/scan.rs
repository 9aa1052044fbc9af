//! `getProgramAccounts` read straight from the answer's bytes. `RpcClient` parses every
//! answer into a `serde_json::Value` before its types, several times the answer's size in
//! memory (over 300 MB for the 100 000 Members and 100 000 residencies a census reads);
//! here the answer is parsed once, into text borrowed from it, and each account decoded as
//! it is reached, so a scan holds the answer and what it decodes to, no more.

use std::borrow::Cow;

use anchor_lang::solana_program::pubkey::Pubkey;
use base64::Engine as _;
use serde::Deserialize;
use solana_account_decoder_client_types::{UiAccountData, UiAccountEncoding};
use solana_client::client_error::ClientError as RpcClientError;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_client::rpc_config::RpcProgramAccountsConfig;
use solana_client::rpc_request::{RpcError, RpcResponseErrorData};

use crate::error::ClientError;

/// How long a scan may take, answer included: a society's whole membership from a remote
/// provider can take tens of seconds; a node that never answers is named after this.
pub const SCAN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// A JSON-RPC answer to `getProgramAccounts` (without `withContext`).
#[derive(Deserialize)]
struct Answer<'a> {
    #[serde(borrow, default)]
    result: Option<Vec<Keyed<'a>>>,
    #[serde(default)]
    error: Option<AnswerError>,
}

#[derive(Deserialize)]
struct AnswerError {
    code: i64,
    message: String,
}

#[derive(Deserialize)]
struct Keyed<'a> {
    #[serde(borrow)]
    pubkey: Cow<'a, str>,
    #[serde(borrow)]
    account: Data<'a>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    data: (Cow<'a, str>, Cow<'a, str>),
}

/// Every account of `program_id` that `config` selects (its encoding must be `base64`,
/// `base64+zstd` or omitted), each address and data handed to `decode` as it is read.
pub async fn program_accounts<T>(
    rpc: &RpcClient,
    program_id: &Pubkey,
    config: RpcProgramAccountsConfig,
    mut decode: impl FnMut(Pubkey, &[u8]) -> Result<T, ClientError>,
) -> Result<Vec<T>, ClientError> {
    let encoding = config
        .account_config
        .encoding
        .unwrap_or(UiAccountEncoding::Base64);
    let request = serde_json::json!({
        "jsonrpc": "2.0",
        "id": 1,
        "method": "getProgramAccounts",
        "params": [program_id.to_string(), config],
    });
    let body = reqwest::Client::builder()
        .timeout(SCAN_TIMEOUT)
        .build()
        .map_err(rpc_error)?
        .post(rpc.url())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(request.to_string())
        .send()
        .await
        .map_err(rpc_error)?
        .bytes()
        .await
        .map_err(rpc_error)?;
    let answer: Answer = serde_json::from_slice(&body).map_err(|e| unexpected(e.to_string()))?;
    if let Some(error) = answer.error {
        return Err(ClientError::Rpc(Box::new(RpcClientError::from(
            RpcError::RpcResponseError {
                code: error.code,
                message: error.message,
                data: RpcResponseErrorData::Empty,
            },
        ))));
    }
    let listed = answer
        .result
        .ok_or_else(|| unexpected("neither a result nor an error".into()))?;
    let mut out = Vec::with_capacity(listed.len());
    for keyed in listed {
        let address: Pubkey = keyed
            .pubkey
            .parse()
            .map_err(|_| unexpected(format!("{:?} is not an address", keyed.pubkey)))?;
        let (text, _) = keyed.account.data;
        let data = match encoding {
            UiAccountEncoding::Base64 => base64::engine::general_purpose::STANDARD
                .decode(text.as_bytes())
                .ok(),
            other => UiAccountData::Binary(text.into_owned(), other).decode(),
        }
        .ok_or_else(|| unexpected(format!("the data of {address} is not {encoding:?}")))?;
        out.push(decode(address, &data)?);
    }
    Ok(out)
}

fn rpc_error(error: reqwest::Error) -> ClientError {
    ClientError::Rpc(Box::new(RpcClientError::from(error)))
}

fn unexpected(answer: String) -> ClientError {
    ClientError::UnexpectedAnswer {
        request: "getProgramAccounts",
        answer,
    }
}
