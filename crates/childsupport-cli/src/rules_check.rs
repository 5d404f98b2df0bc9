//! `childsupport rules check FILE [--json] [--today YYYY-MM-DD] [--within DAYS]`: does a county's
//! rules file load, and what does it change against the embedded rules?
//!
//! The report is the library's ([`childsupport::rules::check`]); this file reads the command
//! line, loads the file and prints the report as text or JSON.
//!
//! Exit status: 0 the file loads (the report follows), 1 it does not (the error names the entry
//! and line), 2 a bad command line.

use std::io::Write;
use std::process::ExitCode;

use childsupport::rules::check::check;
use childsupport::{api, Date, Rules};

/// What `childsupport rules check --help` prints.
pub const USAGE: &str = "\
childsupport rules check FILE [--json] [--today YYYY-MM-DD] [--within DAYS]

Loads FILE as `--rules` would and reports what it changes against the embedded rules: the series
it replaces, the dates each of them covers that the embedded series did not (gained) or no longer
covers (lost), gaps inside a replaced series, and every series whose coverage ends within DAYS
(default 90) of today (or of --today), or has ended.

    --json      print the report (or the error) as JSON
    --today D   measure \"ending soon\" from D instead of today's date (UTC)
    --within N  how many days count as soon (default 90)

Exit status: 0 the file loads, 1 it does not (the message names the entry and its line),
2 a bad command line.
";

/// The days counted as "soon" unless `--within` says otherwise.
const DEFAULT_WITHIN: i64 = 90;

struct Options {
    file: String,
    json: bool,
    today: Option<Date>,
    within: i64,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut file = None;
    let mut json = false;
    let mut today = None;
    let mut within = DEFAULT_WITHIN;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" => json = true,
            "--today" => {
                let d = it
                    .next()
                    .ok_or("--today needs a date: --today YYYY-MM-DD")?;
                today = Some(
                    d.parse::<Date>()
                        .map_err(|e| format!("--today {d:?}: {e}"))?,
                );
            }
            "--within" => {
                let n = it.next().ok_or("--within needs a number of days")?;
                within = n.parse::<u16>().map(i64::from).map_err(|_| {
                    format!("--within {n:?}: allowed: a whole number of days from 0 to 65535")
                })?;
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ if file.is_some() => return Err(format!("unexpected argument {arg:?}")),
            _ => file = Some(arg.clone()),
        }
    }
    let file = file.ok_or("`childsupport rules check` needs a rules file (TOML)")?;
    Ok(Some(Options {
        file,
        json,
        today,
        within,
    }))
}

/// Today's date in UTC, from the system clock.
fn today_utc() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_days(i64::try_from(secs / 86_400).ok()?).ok()
}

/// Writes `text` to stdout; a closed stdout is an error (exit 1), never a panic.
fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            let _ = writeln!(
                std::io::stderr(),
                "childsupport: cannot write the output: {e}"
            );
            ExitCode::from(1)
        })
}

/// Runs `childsupport rules check` with the arguments after `check`.
pub fn main(args: &[String]) -> ExitCode {
    let opts = match parse(args) {
        Ok(Some(o)) => o,
        Ok(None) => return print(USAGE).err().unwrap_or(ExitCode::SUCCESS),
        Err(msg) => {
            let _ = writeln!(
                std::io::stderr(),
                "childsupport: {msg}\nRun `childsupport rules check --help` for usage."
            );
            return ExitCode::from(2);
        }
    };
    let Some(today) = opts.today.or_else(today_utc) else {
        let _ = writeln!(
            std::io::stderr(),
            "childsupport: the system clock gives no date; pass --today YYYY-MM-DD"
        );
        return ExitCode::from(2);
    };
    let rules = match Rules::from_path(&opts.file) {
        Ok(r) => r,
        Err(error) => {
            if opts.json {
                if let Err(code) = print(&format!("{}\n", api::error_json(&error))) {
                    return code;
                }
            }
            let _ = writeln!(
                std::io::stderr(),
                "childsupport: {} does not load: {error}",
                opts.file
            );
            return ExitCode::from(1);
        }
    };
    let report = check(&rules, today, opts.within);
    let text = if opts.json {
        match serde_json::to_string_pretty(&report) {
            Ok(t) => format!("{t}\n"),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "childsupport: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        format!("Rules file: {}\n{report}", opts.file)
    };
    print(&text).err().unwrap_or(ExitCode::SUCCESS)
}
