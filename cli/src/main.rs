//! The `netstate` command. All logic lives in the library so tests call it in-process.

use clap::Parser;

/// Whether the command line asks for JSON (`--output json` or `json-compact`), read from the
/// raw arguments: clap could not parse them, so a script still gets one JSON document.
fn wants_json(args: &[String]) -> bool {
    args.iter().enumerate().any(|(i, arg)| {
        let value = match arg.strip_prefix("--output=") {
            Some(value) => Some(value),
            None if arg == "--output" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        matches!(value, Some("json" | "json-compact"))
    })
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let cli = match netstate_cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e)
            if wants_json(&args)
                && !matches!(
                    e.kind(),
                    clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
                ) =>
        {
            let rendered = e.render().to_string();
            // The error's first paragraph (what is wrong), without clap's usage lines.
            let message = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
                .trim_start_matches("error: ")
                .to_string();
            let error = netstate_cli::CliError::new(message)
                .named("InvalidArguments")
                .with_hint("see `--help`");
            let _ = netstate_cli::output::print_line(&error.to_json().to_string());
            return std::process::ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
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
