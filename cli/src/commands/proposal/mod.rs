//! `netstate proposal create|show|list|vote|respond|object|finalize|execute|cancel|close|votes`:
//! one file per step of a proposal's life, one function per subcommand.

mod action;
mod close;
mod create;
mod execute;
mod show;
mod vote;

use anchor_lang::prelude::Pubkey;
use clap::{Subcommand, ValueEnum};
use netstate_client::Proposal;

pub use action::ActionArgs;
pub(crate) use create::send_proposal;

use crate::{CliError, Context, Output};

/// A vote as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts towards quorum only.
    Abstain,
}

/// Proposal commands.
// Parsed once per process: the size of one variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// Put an action to the vote. The proposal's own options (--title, --description...)
    /// may come before or after the action.
    ///
    /// Examples:
    ///   netstate proposal create --title "Grant to Lisbon" transfer-sol --to WALLET --amount 5
    ///   netstate proposal create signal --title "Adopt the charter" --description ipfs://Qm... --description-file charter.md
    #[command(verbatim_doc_comment)]
    Create {
        /// Title (1..=64 bytes); required.
        #[arg(long, global = true)]
        title: Option<String>,
        /// Where the full text lives (URI, 0..=128 bytes); pin its content with
        /// --description-file or --description-hash.
        #[arg(long, global = true, value_name = "URI")]
        description: Option<String>,
        /// A local copy of the full text: its SHA-256 is recorded with the URI.
        #[arg(
            long,
            global = true,
            value_name = "FILE",
            conflicts_with = "description_hash"
        )]
        description_file: Option<std::path::PathBuf>,
        /// The full text's SHA-256, 64 hex digits (instead of --description-file).
        #[arg(long, global = true, value_name = "HEX")]
        description_hash: Option<String>,
        /// The action.
        #[command(subcommand)]
        action: ActionArgs,
    },
    /// Show a proposal; with --check FILE, whether FILE is the text its description pins.
    Show {
        /// Its index.
        index: u64,
        /// A local copy of the description to compare with the recorded SHA-256.
        #[arg(long, value_name = "FILE")]
        check: Option<std::path::PathBuf>,
    },
    /// List proposals, newest first.
    List,
    /// Vote yes, no or abstain (again to change it).
    Vote {
        /// Its index.
        index: u64,
        /// Your vote.
        #[arg(value_enum)]
        choice: Choice,
    },
    /// Answer an expulsion that names you: attach where your answer lives, pinned by its
    /// SHA-256, while the vote is open (again to replace it). `proposal show` prints it.
    ///
    /// Example:
    ///   netstate proposal respond 4 --uri ipfs://Qm... --file answer.md
    #[command(verbatim_doc_comment)]
    Respond {
        /// Its index.
        index: u64,
        /// Where your answer lives (URI, 1..=128 printable characters).
        #[arg(long, value_name = "URI")]
        uri: String,
        /// A local copy of the answer: its SHA-256 is recorded with the URI.
        #[arg(long, value_name = "FILE", conflicts_with = "hash")]
        file: Option<std::path::PathBuf>,
        /// The answer's SHA-256, 64 hex digits (instead of --file).
        #[arg(long, value_name = "HEX")]
        hash: Option<String>,
    },
    /// Object to a passed proposal during its timelock (citizens of its electorate): enough
    /// objections (`society show`: the veto share) veto it, and it never executes.
    Object {
        /// Its index.
        index: u64,
    },
    /// Close the vote (anyone, once the outcome is settled).
    Finalize {
        /// Its index.
        index: u64,
    },
    /// Execute a passed proposal after its timelock (anyone, once).
    Execute {
        /// Its index.
        index: u64,
    },
    /// Withdraw your proposal while voting is open.
    Cancel {
        /// Its index.
        index: u64,
    },
    /// Once a proposal is final, close its vote records and then the proposal itself, in as
    /// many transactions as needed: the rent goes back to each voter and to the proposer.
    Close {
        /// Its index.
        index: u64,
    },
    /// The votes cast on a proposal, one line per voter.
    Votes {
        /// Its index.
        index: u64,
    },
}

/// The society a proposal command acts in, read once, and who signs.
pub(super) struct Scope<'a> {
    /// The CLI's connection and signer.
    ctx: &'a Context,
    /// The society's address.
    society: Pubkey,
    /// The society as read when the command started.
    s: netstate_client::Society,
    /// The signer's wallet.
    me: Pubkey,
}

impl Scope<'_> {
    /// Proposal `index` of the society and its address, or an error naming the index.
    async fn load(&self, index: u64) -> Result<(Pubkey, Proposal), CliError> {
        let name = self.s.name.as_str();
        self.ctx
            .client
            .proposal(&self.society, index)
            .await
            .map_err(|e| match e {
                netstate_client::ClientError::AccountNotFound(_) => CliError::new(format!(
                    "no proposal {index} in {name}: list them with `netstate proposal list`"
                )),
                e => self.ctx.error(e),
            })
    }
}

/// Runs a proposal command.
pub async fn run(ctx: &Context, command: ProposalCommand) -> Result<Output, CliError> {
    let (society, s) = ctx.society().await?;
    let scope = Scope {
        ctx,
        society,
        s,
        me: ctx.me(),
    };
    let scope = &scope;
    match command {
        ProposalCommand::Create {
            title,
            description,
            description_file,
            description_hash,
            action,
        } => {
            create::create(
                scope,
                title,
                description,
                description_file,
                description_hash,
                action,
            )
            .await
        }
        ProposalCommand::Show { index, check } => show::show(scope, index, check).await,
        ProposalCommand::List => show::list(scope).await,
        ProposalCommand::Votes { index } => show::votes(scope, index).await,
        ProposalCommand::Vote { index, choice } => vote::vote(scope, index, choice).await,
        ProposalCommand::Respond {
            index,
            uri,
            file,
            hash,
        } => vote::respond(scope, index, uri, file, hash).await,
        ProposalCommand::Object { index } => vote::object(scope, index).await,
        ProposalCommand::Finalize { index } => execute::finalize(scope, index).await,
        ProposalCommand::Execute { index } => execute::execute(scope, index).await,
        ProposalCommand::Cancel { index } => close::cancel(scope, index).await,
        ProposalCommand::Close { index } => close::close(scope, index).await,
    }
}
