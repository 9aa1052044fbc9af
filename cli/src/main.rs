//! The `netstate` command. All logic lives in the library so tests call it in-process.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = netstate_cli::Cli::parse();
    let format = cli.global.output;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(netstate_cli::run(cli)) {
        Ok(output) => {
            let text = output.render(format);
            if !text.is_empty() {
                println!("{text}");
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            match format {
                netstate_cli::OutputFormat::Json => {
                    println!("{}", serde_json::json!({ "error": error.to_string() }));
                }
                netstate_cli::OutputFormat::Display => {
                    use std::io::IsTerminal;
                    // Colour only on a terminal.
                    if std::io::stderr().is_terminal() {
                        eprintln!("\x1b[31merror:\x1b[0m {error}");
                    } else {
                        eprintln!("error: {error}");
                    }
                }
            }
            std::process::ExitCode::FAILURE
        }
    }
}
