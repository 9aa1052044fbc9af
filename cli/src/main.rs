//! The `netstate` command. All logic lives in the library so tests call it in-process.

fn main() -> std::process::ExitCode {
    use clap::Parser;
    match netstate_cli::run(netstate_cli::Cli::parse()) {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
