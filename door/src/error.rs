//! What the door refuses, with the HTTP status and the JSON body a wallet shows.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A refusal or failure of the door, named so that a wallet, a kiosk and a script can tell
/// them apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoorError {
    /// No society of that name on the cluster.
    #[error("no society named {0:?} on this cluster")]
    UnknownSociety(String),
    /// No hub of that code in the society.
    #[error("no hub `{hub}` in {society}: see `netstate node list`")]
    UnknownHub {
        /// The hub's code.
        hub: String,
        /// The society's name.
        society: String,
    },
    /// The request is not `{"account": "<base58 wallet>"}` as JSON.
    #[error("{0}")]
    BadRequest(String),
    /// The request body is larger than a check-in request can be.
    #[error("a check-in request is at most {0} bytes")]
    TooLarge(usize),
    /// The request body is not declared as JSON.
    #[error("send the request as application/json, not {0}")]
    NotJson(String),
    /// The request does not carry the code shown on the door's screen.
    #[error("scan the code on the door's screen: this link carries none")]
    QrCodeRequired,
    /// The code is from an earlier screen.
    #[error("this code has expired: scan the door's screen again")]
    QrCodeExpired,
    /// The wallet has no Member record in the society.
    #[error("{wallet} is not a member of {society}: apply first (netstate member apply)")]
    NotAMember {
        /// The wallet that asked.
        wallet: String,
        /// The society's name.
        society: String,
    },
    /// The wallet was expelled.
    #[error("{wallet} was expelled from {society}")]
    MemberExpelled {
        /// The wallet that asked.
        wallet: String,
        /// The society's name.
        society: String,
    },
    /// The wallet already checked in at this hub today (UTC, by the cluster's clock).
    #[error("{wallet} has already checked in at {hub} today ({day}): come back tomorrow")]
    AlreadyCheckedInToday {
        /// The wallet that asked.
        wallet: String,
        /// The hub's code.
        hub: String,
        /// Today, `YYYY-MM-DD` (UTC).
        day: String,
    },
    /// The wallet cannot pay for its check-in.
    #[error(
        "{wallet} holds {held} lamports and its check-in needs {needed}: fund the wallet first"
    )]
    NotEnoughSol {
        /// The wallet that asked.
        wallet: String,
        /// What it holds.
        held: u64,
        /// What its check-in costs it (fee and, the first time at this hub, its record's rent).
        needed: u64,
    },
    /// The hub was retired.
    #[error("hub {0} is retired: it takes no check-ins")]
    HubRetired(String),
    /// The door's key is not (or no longer) the hub's operator.
    #[error("this door's key {door} is not the operator of hub {hub} (the operator is {operator})")]
    NotTheOperator {
        /// The hub's code.
        hub: String,
        /// The door's key.
        door: String,
        /// The operator on chain.
        operator: String,
    },
    /// The door pays fees and today's budget is spent.
    #[error("the door's fee budget for today ({budget} lamports) is spent: try again tomorrow")]
    FeeBudgetSpent {
        /// The daily budget.
        budget: u64,
    },
    /// The cluster could not be reached or answered with an error.
    #[error("the cluster cannot be reached: {0}")]
    Cluster(String),
}

impl DoorError {
    /// The error's stable name.
    pub fn name(&self) -> &'static str {
        match self {
            DoorError::UnknownSociety(_) => "UnknownSociety",
            DoorError::UnknownHub { .. } => "UnknownHub",
            DoorError::BadRequest(_) => "BadRequest",
            DoorError::NotJson(_) => "NotJson",
            DoorError::TooLarge(_) => "RequestTooLarge",
            DoorError::QrCodeRequired => "QrCodeRequired",
            DoorError::QrCodeExpired => "QrCodeExpired",
            DoorError::NotAMember { .. } => "NotAMember",
            DoorError::MemberExpelled { .. } => "MemberExpelled",
            DoorError::AlreadyCheckedInToday { .. } => "AlreadyCheckedInToday",
            DoorError::NotEnoughSol { .. } => "NotEnoughSol",
            DoorError::HubRetired(_) => "HubRetired",
            DoorError::NotTheOperator { .. } => "NotTheOperator",
            DoorError::FeeBudgetSpent { .. } => "FeeBudgetSpent",
            DoorError::Cluster(_) => "ClusterUnavailable",
        }
    }

    /// The HTTP status that says it.
    pub fn status(&self) -> StatusCode {
        match self {
            DoorError::UnknownSociety(_) | DoorError::UnknownHub { .. } => StatusCode::NOT_FOUND,
            DoorError::BadRequest(_) => StatusCode::BAD_REQUEST,
            DoorError::NotJson(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            DoorError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            DoorError::QrCodeRequired
            | DoorError::QrCodeExpired
            | DoorError::NotAMember { .. }
            | DoorError::MemberExpelled { .. } => StatusCode::FORBIDDEN,
            DoorError::AlreadyCheckedInToday { .. } => StatusCode::CONFLICT,
            DoorError::NotEnoughSol { .. } => StatusCode::PAYMENT_REQUIRED,
            DoorError::HubRetired(_) => StatusCode::GONE,
            DoorError::NotTheOperator { .. }
            | DoorError::FeeBudgetSpent { .. }
            | DoorError::Cluster(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The JSON body: `message` for wallets (the Solana Pay convention), `error` with the
    /// name for scripts.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({
            "message": self.to_string(),
            "error": { "name": self.name(), "message": self.to_string() },
        })
    }
}

impl From<netstate_client::ClientError> for DoorError {
    fn from(error: netstate_client::ClientError) -> Self {
        DoorError::Cluster(error.to_string())
    }
}

impl IntoResponse for DoorError {
    fn into_response(self) -> Response {
        (self.status(), axum::Json(self.body())).into_response()
    }
}
