//! Errors of the client: RPC failures, and program failures decoded into the name and
//! message of the netstate (or Anchor) error that caused them.

use anchor_lang::solana_program::pubkey::Pubkey;
use solana_client::client_error::{ClientError as RpcClientError, ClientErrorKind};
use solana_client::rpc_request::{RpcError, RpcResponseErrorData};
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

use crate::NetstateError;
use crate::amounts::sol;

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
    if let Some(error) = NetstateError::from_code(code) {
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

/// The program whose failure ended a transaction: the first `Program <id> failed` line of
/// its logs (the innermost failure is logged first, before its callers').
pub fn failed_program(logs: &[String]) -> Option<Pubkey> {
    logs.iter().find_map(|line| {
        let rest = line.strip_prefix("Program ")?;
        let (id, tail) = rest.split_once(' ')?;
        if !tail.starts_with("failed") {
            return None;
        }
        id.parse().ok()
    })
}

/// Names the custom error `code` of a program other than netstate: the system program's
/// and the token programs' by their own types, in a sentence ("not enough SOL: 0.001 held,
/// 0.0024 needed", from the system program's log), others as `Custom(code)`.
pub fn describe_foreign_error(program: &Pubkey, code: u32, logs: &[String]) -> ProgramError {
    if *program == solana_system_interface::program::ID
        && let Ok(error) = solana_system_interface::error::SystemError::try_from(code)
    {
        let name = format!("{error:?}");
        let message = match error {
            solana_system_interface::error::SystemError::ResultWithNegativeLamports => {
                insufficient_lamports(logs)
                    .map(|(held, needed)| {
                        format!("not enough SOL: {} held, {} needed", sol(held), sol(needed))
                    })
                    .unwrap_or_else(|| "not enough SOL for this transfer".into())
            }
            other => format!("system program: {other}"),
        };
        return ProgramError {
            code,
            name,
            message,
        };
    }
    if (*program == anchor_spl::token::ID || *program == anchor_spl::token_2022::ID)
        && let Ok(error) = anchor_spl::token_2022::spl_token_2022::error::TokenError::try_from(code)
    {
        return ProgramError {
            code,
            name: format!("{error:?}"),
            message: format!("token program: {error}"),
        };
    }
    ProgramError {
        code,
        name: format!("Custom({code})"),
        message: format!("program {program} failed with custom error {code:#x}"),
    }
}

/// `(held, needed)` lamports from the system program's "Transfer: insufficient lamports
/// HELD, need NEEDED" log line.
fn insufficient_lamports(logs: &[String]) -> Option<(u64, u64)> {
    logs.iter().find_map(|line| {
        let rest = line.split("insufficient lamports ").nth(1)?;
        let (held, needed) = rest.split_once(", need ")?;
        Some((held.trim().parse().ok()?, needed.trim().parse().ok()?))
    })
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
    /// The transaction could not be signed (a signer it needs was not given).
    #[error("cannot sign the transaction: {0}")]
    Signing(String),
    /// The cluster served no new blockhash to sign a transaction again with.
    #[error("the cluster served no new blockhash for 5 s: is it producing blocks?")]
    NoFreshBlockhash,
    /// The account is of the type asked for (its discriminator says so) but in a layout this
    /// version does not read: written by another version of netstate.
    #[error(
        "the {account} at {address} has a layout this netstate does not read ({len} bytes, version byte {version:?}): it was written by another version of netstate"
    )]
    UnknownLayout {
        /// The address.
        address: Pubkey,
        /// The account type.
        account: &'static str,
        /// Its length in bytes.
        len: usize,
        /// Its version byte, if it has one.
        version: Option<u8>,
    },
    /// The cluster's clock is before 1970 or too far ahead for a day number.
    #[error("the cluster's clock is out of range: {0}")]
    ClockOutOfRange(i64),
    /// Text that is not a signed netstate ticket.
    #[error("not a signed netstate ticket: {0}")]
    InvalidTicket(String),
    /// The node answered a request with something this client does not read (a field
    /// missing or of another type): named rather than read as a zero or an empty address.
    #[error("the node's answer to {request} is not what this client reads: {answer}")]
    UnexpectedAnswer {
        /// What was asked.
        request: &'static str,
        /// What came back (or what was missing from it).
        answer: String,
    },
    /// An execute instruction was asked for without what its action needs beyond the
    /// proposal (read it with [`crate::NetstateClient::execute_context`]).
    #[error("executing a {action} needs {needs} in the ExecuteContext")]
    MissingExecuteContext {
        /// The action's kind.
        action: &'static str,
        /// What was missing.
        needs: &'static str,
    },
    /// The account is not an initialized durable nonce account.
    #[error(
        "{0} is not an initialized nonce account (create one with `netstate wallet nonce create`)"
    )]
    NotANonceAccount(Pubkey),
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
                let error = match failed_program(&logs) {
                    Some(program) if program != crate::PROGRAM_ID => {
                        describe_foreign_error(&program, code, &logs)
                    }
                    _ => describe_program_error(code),
                };
                ClientError::Program { error, logs }
            }
            error => ClientError::Transaction { error, logs },
        }
    }

    /// The same error, with a failure of the netstate deployment at `program_id` (another
    /// address than the compiled-in one) described by netstate's own error table rather
    /// than as a foreign program's code.
    pub fn at_deployment(self, program_id: &Pubkey) -> Self {
        match self {
            ClientError::Program { error, logs }
                if failed_program(&logs).is_some_and(|p| p == *program_id) =>
            {
                ClientError::Program {
                    error: describe_program_error(error.code),
                    logs,
                }
            }
            other => other,
        }
    }

    /// True when the transaction was refused as a replay of one already processed.
    pub fn is_replayed(&self) -> bool {
        matches!(
            self,
            ClientError::Transaction {
                error: TransactionError::AlreadyProcessed,
                ..
            }
        )
    }

    /// True when the transaction was refused for an expired (or unknown) blockhash.
    pub fn is_expired(&self) -> bool {
        matches!(
            self,
            ClientError::Transaction {
                error: TransactionError::BlockhashNotFound,
                ..
            }
        )
    }

    /// True when the transaction was refused as a replay or for an expired blockhash: the
    /// cases where signing again with a fresh blockhash may be right.
    pub fn is_stale_or_replayed(&self) -> bool {
        self.is_replayed() || self.is_expired()
    }

    /// The program error's name, when the program refused the transaction.
    pub fn program_error_name(&self) -> Option<&str> {
        match self {
            ClientError::Program { error, .. } => Some(&error.name),
            _ => None,
        }
    }

    /// The netstate error the program refused the transaction with, when that is why it
    /// failed: `matches!(e.netstate_error(), Some(NetstateError::NotACitizen))` instead of
    /// comparing codes. `None` for any other failure (another program's error, the runtime,
    /// the node).
    pub fn netstate_error(&self) -> Option<NetstateError> {
        let ClientError::Program { error, .. } = self else {
            return None;
        };
        let named = NetstateError::from_code(error.code)?;
        (named.name() == error.name).then_some(named)
    }

    /// The custom error code of a program failure.
    pub fn program_error_code(&self) -> Option<u32> {
        match self {
            ClientError::Program { error, .. } => Some(error.code),
            _ => None,
        }
    }
}
