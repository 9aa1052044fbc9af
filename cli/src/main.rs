//! The `netstate` command. All logic lives in the library so tests call it in-process.

use clap::Parser;

/// Keeps stdout for the command's own output. The embedded node runs the program natively,
/// and a native program's `msg!` lines (Anchor's error reports) go to the process's stdout:
/// they would break `--output json`. Stdout is moved to a private descriptor for our output,
/// and file descriptor 1 now leads to /dev/null (or to stderr with NETSTATE_SHOW_LOGS=1).
#[cfg(unix)]
fn keep_stdout_for_output() {
    use std::os::fd::FromRawFd;
    // SAFETY: plain descriptor calls at start-up, before any other thread exists; every
    // returned descriptor is checked before use and owned by exactly one File.
    unsafe {
        let saved = libc::dup(1);
        if saved < 0 {
            return;
        }
        let target = if std::env::var_os("NETSTATE_SHOW_LOGS").is_some() {
            2
        } else {
            libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY)
        };
        if target < 0 || libc::dup2(target, 1) < 0 {
            libc::close(saved);
            return;
        }
        let _ = netstate_cli::output::OUTPUT
            .set(std::sync::Mutex::new(std::fs::File::from_raw_fd(saved)));
    }
}

fn main() -> std::process::ExitCode {
    let cli = netstate_cli::Cli::parse();
    // `netstate localnet` prints its banner itself and runs no command after it.
    #[cfg(unix)]
    if !matches!(
        cli.command,
        netstate_cli::Command::Localnet(netstate_cli::LocalnetCommand { action: None, .. })
    ) {
        keep_stdout_for_output();
    }
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
