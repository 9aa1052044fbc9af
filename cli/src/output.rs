//! One result, rendered for people (aligned text) or for scripts (`--output json`).

use std::io::Write;

use clap::ValueEnum;

/// Whether the command's own output goes to a terminal (for colours).
pub fn output_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Prints one line of the command's own output; fails when it cannot be written (a closed
/// pipe, a full disk), so that the command exits non-zero instead of claiming success.
pub fn print_line(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()
}

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Text for people.
    #[default]
    Display,
    /// One JSON document, indented.
    Json,
    /// One JSON document on one line.
    JsonCompact,
}

impl OutputFormat {
    /// True for both JSON forms.
    pub fn is_json(self) -> bool {
        matches!(self, OutputFormat::Json | OutputFormat::JsonCompact)
    }
}

/// Whether colours may be used: on a terminal, unless `NO_COLOR` is set (to anything).
pub fn colour(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A command's typed result, whatever its type: text for people, JSON for scripts.
trait Rendered: Send + Sync {
    fn text(&self) -> String;
    fn json(&self) -> serde_json::Result<serde_json::Value>;
}

impl<T: std::fmt::Display + serde::Serialize + Send + Sync> Rendered for T {
    fn text(&self) -> String {
        self.to_string()
    }
    fn json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }
}

/// What a command produced: one value of its result type (see `results/`), which is both
/// `Display` and `Serialize`.
pub struct Output(Box<dyn Rendered>, bool);

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Output").field(&self.0.text()).finish()
    }
}

impl Output {
    /// Wraps a command's result.
    pub fn new<T>(result: T) -> Self
    where
        T: std::fmt::Display + serde::Serialize + Send + Sync + 'static,
    {
        Output(Box::new(result), false)
    }

    /// Wraps a result that is printed in full and still makes the command exit non-zero
    /// (`census verify` with a discrepancy).
    pub fn failing<T>(result: T) -> Self
    where
        T: std::fmt::Display + serde::Serialize + Send + Sync + 'static,
    {
        Output(Box::new(result), true)
    }

    /// Whether the command should exit non-zero after printing this result.
    pub fn is_failure(&self) -> bool {
        self.1
    }

    /// The result as people read it.
    pub fn text(&self) -> String {
        self.0.text()
    }

    /// The result as scripts read it.
    pub fn json(&self) -> Result<serde_json::Value, crate::CliError> {
        self.0
            .json()
            .map_err(|e| crate::CliError::new(format!("cannot write the result as JSON: {e}")))
    }

    /// Renders in `format`; a `null` JSON result renders as nothing (the command printed
    /// its own lines as it ran).
    pub fn render(&self, format: OutputFormat) -> Result<String, crate::CliError> {
        Ok(match format {
            OutputFormat::Display => self.text(),
            OutputFormat::Json | OutputFormat::JsonCompact => {
                let json = self.json()?;
                match format {
                    _ if json.is_null() => String::new(),
                    OutputFormat::Json => serde_json::to_string_pretty(&json)
                        .map_err(|e| crate::CliError::new(format!("cannot write JSON: {e}")))?,
                    _ => json.to_string(),
                }
            }
        })
    }
}

/// An aligned table: a header row and rows of cells.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = widths.get(i).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = vec![line(header.iter().map(|h| h.to_string()).collect())];
    out.extend(rows.iter().map(|r| line(r.clone())));
    out.join("\n")
}

/// Amounts as people read them (`1.5 SOL`, `2.25`), shared with the client's errors.
pub use netstate_client::amounts::{sol, units};

/// A signed amount in a token's units ("-1.5"), for a net of ins and outs.
pub fn signed_units(amount: i128, decimals: u8) -> String {
    let magnitude = u64::try_from(amount.unsigned_abs()).unwrap_or(u64::MAX);
    let text = units(magnitude, decimals);
    if amount < 0 { format!("-{text}") } else { text }
}

/// Parses `text` ("1.25") as an amount with `decimals`, exactly (no floating point).
pub fn parse_units(text: &str, decimals: u8) -> Result<u64, String> {
    let bad = || {
        format!("not an amount: {text:?} (expected a number like 1.5, at most {decimals} decimals)")
    };
    if text.starts_with('-') {
        return Err(format!(
            "amounts are never negative: {text:?} (give how much, like 1.5)"
        ));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > decimals as usize {
        return Err(bad());
    }
    if !whole
        .chars()
        .chain(fraction.chars())
        .all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let fraction_value: u64 = format!("{fraction:0<width$}", width = decimals as usize)
        .parse::<u64>()
        .unwrap_or(0);
    whole
        .checked_mul(10u64.pow(u32::from(decimals)))
        .and_then(|w| w.checked_add(fraction_value))
        .ok_or_else(bad)
}

/// Dates and durations as people read them, shared with the other tools.
pub use netstate_client::describe::{date, duration};

/// Parses a duration as people type it: `90m`, `36h`, `3d`, `1w`, `45s` (also `min`, and
/// a bare number of seconds); zero and overflows are refused by name.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    match parse_span(text)? {
        0 => Err(format!("a duration of zero moves nothing: {text:?}")),
        seconds => Ok(seconds),
    }
}

/// [`parse_duration`] for settings where zero means none (a timelock, a notice period).
pub fn parse_span(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let bad = || format!("not a duration: {text:?} (write 90m, 36h, 3d, 1w or 45s)");
    let number: i64 = number.parse().map_err(|_| bad())?;
    let unit_secs = match unit.trim() {
        "" | "s" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(bad()),
    };
    number
        .checked_mul(unit_secs)
        .ok_or_else(|| format!("duration too long: {text:?}"))
}

/// `YYYY-MM-DD` as a UTC day number (days since 1970-01-01), `flag` naming it in errors.
pub fn parse_date(text: &str, flag: &str) -> Result<u32, crate::CliError> {
    let bad = || crate::CliError::new(format!("{flag} is a date like 2026-11-25, got {text:?}"));
    let mut parts = text.trim().split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let (y, m, d): (i64, i64, i64) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    // Days-from-civil (proleptic Gregorian).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // A date that does not exist (2026-02-30) does not come back as itself.
    if netstate_door::day_text(days)
        != format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
    {
        return Err(bad());
    }
    u32::try_from(days).map_err(|_| bad())
}

/// How many single-character edits turn `a` into `b` (Levenshtein), to suggest names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.to_lowercase().chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// `n` `noun`s, singular for one: `1 check-in`, `2 check-ins`, `0 check-ins`.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "check-in"), "1 check-in");
        assert_eq!(count(0, "check-in"), "0 check-ins");
        assert_eq!(count(2, "check-in"), "2 check-ins");
    }

    #[test]
    fn amounts_round_trip_exactly() {
        assert_eq!(parse_units("1.5", 9), Ok(1_500_000_000));
        assert_eq!(parse_units("0.000000001", 9), Ok(1));
        assert_eq!(parse_units("42", 0), Ok(42));
        assert!(parse_units("1.5.2", 9).is_err());
        assert!(parse_units("abc", 9).is_err());
        assert!(parse_units("-1", 9).is_err());
        assert!(parse_units("0.0000000001", 9).is_err());
        assert!(parse_units("99999999999999999999", 9).is_err());
        assert_eq!(sol(1_500_000_000), "1.5 SOL");
        assert_eq!(units(1_234_500, 6), "1.2345");
    }

    #[test]
    fn durations_parse_as_people_type_them() {
        let parsed: Vec<i64> = ["90m", "36h", "3d", "1w", "45s", "45", "2 min"]
            .into_iter()
            .map(|t| parse_duration(t).unwrap())
            .collect();
        assert_eq!(parsed, [5_400, 129_600, 259_200, 604_800, 45, 45, 120]);
        assert!(
            parse_duration("3 days")
                .unwrap_err()
                .contains("not a duration")
        );
        assert!(parse_duration("0d").unwrap_err().contains("zero"));
        assert_eq!(parse_span("0s"), Ok(0));
        assert_eq!(parse_span("2m"), Ok(120));
        assert!(
            parse_duration("-1d")
                .unwrap_err()
                .contains("not a duration")
        );
        assert!(
            parse_duration("99999999999999w")
                .unwrap_err()
                .contains("too long")
        );
    }

    #[test]
    fn names_closest_to_a_typo_come_first() {
        let mut names = ["Lunar League", "The Solar State", "Solar Punks"];
        names.sort_by_key(|n| edit_distance("the solar stat", n));
        assert_eq!(names[0], "The Solar State");
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn tables_align_columns() {
        let t = table(&["a", "long"], &[vec!["xyz".into(), "1".into()]]);
        assert_eq!(t, "a    long\nxyz  1");
    }
}
