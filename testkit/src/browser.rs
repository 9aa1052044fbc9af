//! Headless Chromium, for testing pages as a person sees them (the dashboard's, the door's
//! kiosk). `.ci/run` installs Chromium from the distribution's packages.

use std::path::PathBuf;
use std::process::Command;

/// The Chromium binary: `$CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
pub fn chromium() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            "Chromium is needed to test pages as a person sees them: apt-get install -y chromium (or set CHROMIUM to its path)".to_string()
        })
}

/// Runs headless Chromium on `url` with `args` (`--dump-dom`, `--screenshot=FILE`,
/// `--window-size=W,H`) in a throwaway profile; its standard output.
pub fn headless(url: &str, args: &[&str]) -> Result<String, String> {
    let profile = tempfile::tempdir().map_err(|e| format!("no temporary profile: {e}"))?;
    let output = Command::new(chromium()?)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run Chromium: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "Chromium failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
