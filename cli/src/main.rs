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
            let text = match output.render(format) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("error: {e}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            if !text.is_empty()
                && let Err(e) = netstate_cli::output::print_line(&text)
            {
                // The reader stopped reading (`| head`): nothing more to say, as other
                // Unix tools do; the command itself succeeded.
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("error: cannot write the output: {e}");
                    return std::process::ExitCode::FAILURE;
                }
            }
            if output.is_failure() {
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            match format {
                netstate_cli::OutputFormat::Json | netstate_cli::OutputFormat::JsonCompact => {
                    let _ = netstate_cli::output::print_line(&error.to_json().to_string());
                }
                netstate_cli::OutputFormat::Display => {
                    use std::io::IsTerminal;
                    // Colour only on a terminal.
                    if netstate_cli::output::colour(std::io::stderr().is_terminal()) {
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
