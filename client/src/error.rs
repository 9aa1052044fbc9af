//! Errors of the client: RPC failures, and program failures decoded into the name and
//! message of the netstate (or Anchor) error that caused them.

use anchor_lang::solana_program::pubkey::Pubkey;
use solana_client::client_error::{ClientError as RpcClientError, ClientErrorKind};
use solana_client::rpc_request::{RpcError, RpcResponseErrorData};
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

use crate::NetstateError;

/// A program error decoded from a failed transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramError {
    /// The custom error code.
    pub code: u32,
    /// The error's name (`AlreadyCheckedInToday`), or `Custom(code)` when unknown.
    pub name: String,
    /// Its message.
    pub message: String,
}

/// Names the custom error `code`: netstate's own, or Anchor's most common ones.
pub fn describe_program_error(code: u32) -> ProgramError {
    if let Some(error) = code
        .checked_sub(6000)
        .and_then(|i| NetstateError::ALL.get(i as usize))
        .filter(|e| u32::from(**e) == code)
    {
        return ProgramError {
            code,
            name: error.name(),
            message: error.to_string(),
        };
    }
    use anchor_lang::error::ErrorCode as A;
    let anchor = [
        A::InstructionMissing,
        A::InstructionDidNotDeserialize,
        A::ConstraintMut,
        A::ConstraintHasOne,
        A::ConstraintSigner,
        A::ConstraintRaw,
        A::ConstraintOwner,
        A::ConstraintSeeds,
        A::ConstraintTokenOwner,
        A::ConstraintMintTokenProgram,
        A::ConstraintAssociatedTokenTokenProgram,
        A::ConstraintDuplicateMutableAccount,
        A::AccountDiscriminatorNotFound,
        A::AccountDiscriminatorMismatch,
        A::AccountDidNotDeserialize,
        A::AccountNotEnoughKeys,
        A::AccountNotMutable,
        A::AccountOwnedByWrongProgram,
        A::InvalidProgramId,
        A::AccountNotSigner,
        A::AccountNotSystemOwned,
        A::AccountNotInitialized,
        A::DeclaredProgramIdMismatch,
    ];
    match anchor.iter().find(|e| u32::from(**e) == code) {
        Some(error) => ProgramError {
            code,
            name: error.name(),
            message: error.to_string(),
        },
        None => ProgramError {
            code,
            name: format!("Custom({code})"),
            message: format!("custom program error {code:#x}"),
        },
    }
}

/// Why a client call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The program refused the transaction.
    #[error("{} ({}): {}", .error.name, .error.code, .error.message)]
    Program {
        /// The decoded error.
        error: ProgramError,
        /// The program logs of the failed simulation, when the node sent them.
        logs: Vec<String>,
    },
    /// The transaction failed for a runtime reason (fees, blockhash, signatures...).
    #[error("transaction failed: {error}")]
    Transaction {
        /// The runtime's error.
        error: TransactionError,
        /// Logs, when the node sent them.
        logs: Vec<String>,
    },
    /// No account at the address.
    #[error("no account at {0}")]
    AccountNotFound(Pubkey),
    /// The account is not the netstate account type asked for.
    #[error("the account at {address} is not a netstate {expected}")]
    WrongAccountType {
        /// The address.
        address: Pubkey,
        /// The type expected.
        expected: &'static str,
    },
    /// The node could not be reached or answered with an error.
    #[error("RPC: {0}")]
    Rpc(Box<RpcClientError>),
    /// The cluster served no new blockhash to sign a transaction again with.
    #[error("the cluster served no new blockhash for 5 s: is it producing blocks?")]
    NoFreshBlockhash,
}

impl From<RpcClientError> for ClientError {
    fn from(error: RpcClientError) -> Self {
        let (err, logs) = match error.kind() {
            ClientErrorKind::RpcError(RpcError::RpcResponseError {
                data: RpcResponseErrorData::SendTransactionPreflightFailure(sim),
                ..
            }) => (
                sim.err.clone().map(TransactionError::from),
                sim.logs.clone().unwrap_or_default(),
            ),
            ClientErrorKind::TransactionError(err) => (Some(err.clone()), Vec::new()),
            _ => (None, Vec::new()),
        };
        match err {
            Some(error) => ClientError::from_transaction_error(error, logs),
            None => ClientError::Rpc(Box::new(error)),
        }
    }
}

impl ClientError {
    /// Decodes a failed transaction's error.
    pub fn from_transaction_error(error: TransactionError, logs: Vec<String>) -> Self {
        match error {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => {
                ClientError::Program {
                    error: describe_program_error(code),
                    logs,
                }
            }
            error => ClientError::Transaction { error, logs },
        }
    }

    /// True when the transaction was refused as a replay or for an expired blockhash: the
    /// cases where signing again with a fresh blockhash may be right.
    pub fn is_stale_or_replayed(&self) -> bool {
        matches!(
            self,
            ClientError::Transaction {
                error: TransactionError::AlreadyProcessed | TransactionError::BlockhashNotFound,
                ..
            }
        )
    }

    /// The program error's name, when the program refused the transaction.
    pub fn program_error_name(&self) -> Option<&str> {
        match self {
            ClientError::Program { error, .. } => Some(&error.name),
            _ => None,
        }
    }
}
