//! `netstate-localnet`: a local Solana node with netstate built in.

use clap::Parser;

/// A local Solana node with netstate built in.
#[derive(Debug, Parser)]
#[command(name = "netstate-localnet", version, about)]
struct Cli {
    #[command(flatten)]
    args: netstate_localnet::cli::LocalnetArgs,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match netstate_localnet::cli::run(Cli::parse().args, false).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
