//! The Solana Pay transaction request endpoint: `GET` names the door, `POST {"account"}`
//! answers with a check-in for that wallet, signed by the operator.

use std::str::FromStr;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::{CheckInOffer, Door, DoorError, MAX_REQUEST_BYTES};

/// The body of a Solana Pay POST: the wallet that will sign (other fields are allowed, as
/// the specification asks).
#[derive(Debug, serde::Deserialize)]
struct CheckInRequest {
    account: String,
}

/// Headers every answer of the endpoint carries: no caching, and readable by wallets that
/// run in a browser.
fn with_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// `GET /check-in`: `{"label", "icon"}`.
pub async fn label(State(door): State<Arc<Door>>) -> Response {
    let (_, hub_name, society) = door.names();
    with_headers(
        Json(serde_json::json!({
            "label": format!("{hub_name} · {society}"),
            "icon": format!("{}/icon.svg", door.public_url()),
        }))
        .into_response(),
    )
}

/// `OPTIONS /check-in`: what a browser wallet may send.
pub async fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type, accept-encoding"),
    );
    with_headers(response)
}

/// The query of the endpoint: the code on the door's screen.
#[derive(Debug, serde::Deserialize)]
pub struct Code {
    /// The code.
    pub k: Option<String>,
}

/// `POST /check-in?k=CODE`: a check-in for the wallet in the body, or a named refusal.
pub async fn transaction(
    State(door): State<Arc<Door>>,
    Query(code): Query<Code>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let answer = match door.require_code(code.k.as_deref()) {
        Ok(()) => offer(&door, &headers, body).await,
        Err(e) => Err(e),
    };
    with_headers(match answer {
        Ok(offer) => Json(offer).into_response(),
        Err(error) => error.into_response(),
    })
}

async fn offer(
    door: &Door,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<CheckInOffer, DoorError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("no content type");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" {
        return Err(DoorError::NotJson(content_type.to_string()));
    }
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            DoorError::TooLarge(MAX_REQUEST_BYTES)
        } else {
            DoorError::BadRequest(format!("cannot read the request: {rejection}"))
        }
    })?;
    let request: CheckInRequest = serde_json::from_slice(&body).map_err(|e| {
        DoorError::BadRequest(format!(
            "the request must be {{\"account\": \"<wallet address>\"}}: {e}"
        ))
    })?;
    let wallet = Pubkey::from_str(request.account.trim()).map_err(|_| {
        DoorError::BadRequest(format!(
            "account is not a base58 wallet address: {:?}",
            request.account
        ))
    })?;
    door.check_in_offer(&wallet).await
}
