//! `childsupport`: guideline and arrears reports, and JSON requests, from case files.
//!
//! A thin shell over the engine's JSON interface ([`childsupport::api`]): the command reads a
//! request, lets the engine answer it, and prints the answer as a readable report or as JSON.
//! It never computes anything itself. See `childsupport --help`.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use childsupport::{api, Error, ErrorCode, Rules};

mod arrears;
mod report;
mod rules_check;
mod texas;

const USAGE: &str = "\
childsupport: US child support computed exactly as the law says

USAGE:
    childsupport guideline CASE_FILE [--json] [--rules RULES.toml]
    childsupport arrears CASE_FILE [--json] [--rules RULES.toml]
    childsupport compute REQUEST_FILE [--rules RULES.toml] [--compact]
    childsupport rules
    childsupport rules check RULES.toml [--json] [--today YYYY-MM-DD] [--within DAYS]
    childsupport kinds
    childsupport version
    childsupport --help

COMMANDS:
    guideline   Compute a guideline case and print a report: who pays how much, the key
                figures, then the worksheet (every step, its value and its citation).
                Kinds: california_guideline (Fam. Code §4055), texas_guideline (Tex. Fam. Code
                ch. 154: net resources, cap, percentage, multiple households, medical and
                dental support, step-downs, §154.130 findings), texas_net_resources.
    arrears     Compute an arrears case and print a report:
                  arrears_ledger     the case settings (state, IV-D, day count, interest
                                     start, as-of date); principal, interest, fees, credit
                                     and total owed as of the date, and since when; the
                                     ledger line by line (amount, what it was applied to,
                                     balances after it); the months; how each payment was
                                     applied; the worksheet.
                  arrears_payoff     the payoff date, number of payments and interest paid
                                     at a monthly payment, and the smallest payment that
                                     pays off within N months.
                  texas_withholding  Tex. Fam. Code §158.003: the two options, the
                                     additional amount, the total, the §158.009 limit, what
                                     is withheld, and a projection with interest.
    compute     Answer a request of any kind and print the response as JSON.
    rules       Print the embedded rules (TOML): copy it, edit series, pass it with --rules.
                `rules check F`: does F load, and what does it change (series replaced,
                coverage gained or lost, coverage ending soon)? See `rules check --help`.
    kinds       List the request kinds this build answers.
    version     Print the program's and the embedded rules' versions.

OPTIONS:
    --json      (guideline, arrears) print the engine's response as pretty JSON instead
                of the report: every field, every ledger line with its citation.
    --rules F   replace the rule series that F names (TOML, as `childsupport rules` prints).
    --compact   (compute) print the response on one line.

FILES:
    A case or request file is JSON: {\"kind\": KIND, \"input\": {...}} (see examples/ and
    `childsupport kinds`). Amounts are written as strings (\"1234.56\") or JSON numbers,
    read exactly. Dates are YYYY-MM-DD. Use - for stdin.

EXIT STATUS:
    0  success
    2  the request or the command line is wrong: an invalid field (the message names it,
       e.g. payments[3].amount), a malformed request, a request of the wrong kind for the
       command, an unreadable case file, a bad option
    1  anything else: no rule covers the date, bad rules data, output errors
";

/// A failure, with the exit status it maps to.
enum Failure {
    /// Bad command line (exit 2).
    Usage(String),
    /// A case file that cannot be read (exit 2).
    Input(String),
    /// An engine error; `json` prints the error JSON on stdout too, on one line if `compact`.
    Engine {
        error: Error,
        json: bool,
        compact: bool,
    },
    /// Anything else (exit 1).
    Other(String),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Input(_) => 2,
            Failure::Engine { error, .. } => match error.code() {
                ErrorCode::InvalidInput | ErrorCode::Request => 2,
                ErrorCode::Arithmetic => 1,
                ErrorCode::NoRule | ErrorCode::Rules => 1,
            },
            Failure::Other(_) => 1,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "rules") && args.get(1).is_some_and(|a| a == "check") {
        return rules_check::main(&args[2..]);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let code = failure.exit_code();
            let mut err = io::stderr().lock();
            match &failure {
                Failure::Usage(msg) => {
                    let _ = writeln!(err, "childsupport: {msg}");
                    let _ = writeln!(err, "Run `childsupport --help` for usage.");
                }
                Failure::Input(msg) | Failure::Other(msg) => {
                    let _ = writeln!(err, "childsupport: {msg}");
                }
                Failure::Engine {
                    error,
                    json,
                    compact,
                } => {
                    if *json {
                        let body = api::error_json(error);
                        let text = if *compact { body } else { pretty_json(&body) };
                        // A closed stdout is reported below, never a panic (println! would).
                        if writeln!(io::stdout().lock(), "{text}").is_err() {
                            let _ = writeln!(err, "childsupport: cannot write the error JSON");
                        }
                    }
                    let _ = write!(err, "{}", describe_error(error));
                }
            }
            ExitCode::from(code)
        }
    }
}

/// A command line, parsed.
#[derive(Debug, Default, PartialEq)]
struct Options {
    command: String,
    file: Option<String>,
    json: bool,
    compact: bool,
    rules: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut opts = Options::default();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                opts.command = "help".into();
                return Ok(opts);
            }
            "-V" | "--version" => {
                opts.command = "version".into();
                return Ok(opts);
            }
            "--json" => opts.json = true,
            "--compact" => opts.compact = true,
            "--rules" => {
                let path = it.next().ok_or_else(|| {
                    Failure::Usage("--rules needs a file: --rules RULES.toml".into())
                })?;
                opts.rules = Some(path.clone());
            }
            s if s.starts_with("--rules=") => opts.rules = Some(s["--rules=".len()..].to_string()),
            s if s.starts_with('-') && s != "-" => {
                return Err(Failure::Usage(format!("unknown option {s:?}")));
            }
            _ => positional.push(arg.clone()),
        }
    }
    let mut positional = positional.into_iter();
    opts.command = positional
        .next()
        .ok_or_else(|| Failure::Usage("no command given".into()))?;
    let takes_file = matches!(opts.command.as_str(), "guideline" | "arrears" | "compute");
    if takes_file {
        opts.file = Some(positional.next().ok_or_else(|| {
            Failure::Usage(format!(
                "`childsupport {}` needs a file (a JSON request; - for stdin)",
                opts.command
            ))
        })?);
    }
    if let Some(extra) = positional.next() {
        return Err(Failure::Usage(format!("unexpected argument {extra:?}")));
    }
    let allowed: &[&str] = match opts.command.as_str() {
        "guideline" | "arrears" => &["--json", "--rules"],
        "compute" => &["--compact", "--rules"],
        "rules" | "kinds" | "version" | "help" => &[],
        other => {
            return Err(Failure::Usage(format!(
            "unknown command {other:?}; the commands are guideline, arrears, compute, rules, kinds, version"
        )))
        }
    };
    for (flag, given) in [
        ("--json", opts.json),
        ("--compact", opts.compact),
        ("--rules", opts.rules.is_some()),
    ] {
        if given && !allowed.contains(&flag) {
            return Err(Failure::Usage(format!(
                "{flag} does not apply to `childsupport {}`",
                opts.command
            )));
        }
    }
    Ok(opts)
}

fn run(args: &[String]) -> Result<(), Failure> {
    let opts = parse_args(args)?;
    let mut out = io::stdout().lock();
    let text = match opts.command.as_str() {
        "help" => USAGE.to_string(),
        "version" => format!(
            "childsupport {} (rules {})\n",
            childsupport::VERSION,
            Rules::embedded().meta.version
        ),
        "rules" => Rules::embedded_toml(),
        "kinds" => api::KINDS.iter().map(|k| format!("{k}\n")).collect(),
        "guideline" | "arrears" | "compute" => {
            let file = opts.file.as_deref().unwrap_or("-");
            let request = read_input(file)?;
            check_kind(&opts.command, &request)?;
            let rules = load_rules(opts.rules.as_deref())?;
            let json_out = opts.command == "compute" || opts.json;
            let response = api::handle(&rules, &request).map_err(|error| Failure::Engine {
                error,
                json: json_out,
                compact: opts.compact,
            })?;
            if opts.command == "compute" && opts.compact {
                format!("{response}\n")
            } else if json_out {
                format!("{}\n", pretty_json(&response))
            } else {
                report::render(&response).map_err(Failure::Other)?
            }
        }
        _ => unreachable!("parse_args accepts only known commands"),
    };
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Failure::Other(format!("cannot write the output: {e}")))
}

/// The request kinds each report command takes.
const GUIDELINE_KINDS: &[&str] = &[
    "california_guideline",
    "texas_guideline",
    "texas_net_resources",
];
const ARREARS_KINDS: &[&str] = &["arrears_ledger", "arrears_payoff", "texas_withholding"];

/// `arrears` does not take the guideline kinds, nor `guideline` the arrears kinds: a request
/// for the other command is a usage error (exit 2) that names it. Other kinds (including any
/// added later) get the generic report from either; a request whose kind cannot be read is
/// left to the engine, which names what is wrong with it.
fn check_kind(command: &str, request: &str) -> Result<(), Failure> {
    #[derive(serde::Deserialize)]
    struct Kind {
        kind: String,
    }
    let (theirs, other) = match command {
        "arrears" => (GUIDELINE_KINDS, "guideline"),
        "guideline" => (ARREARS_KINDS, "arrears"),
        _ => return Ok(()),
    };
    let Ok(Kind { kind }) = serde_json::from_str::<Kind>(request) else {
        return Ok(());
    };
    if !theirs.contains(&kind.as_str()) {
        return Ok(());
    }
    let ours = if command == "arrears" {
        ARREARS_KINDS
    } else {
        GUIDELINE_KINDS
    };
    Err(Failure::Usage(format!(
        "`childsupport {command}` takes {} requests; this is a {kind} request: use `childsupport {other}`",
        ours.join(", ")
    )))
}

fn read_input(file: &str) -> Result<String, Failure> {
    if file == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::Input(format!("cannot read the request from stdin: {e}")))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::Input(format!("cannot read the case file {file}: {e}")))
    }
}

fn load_rules(path: Option<&str>) -> Result<Rules, Failure> {
    match path {
        None => Ok(Rules::embedded().clone()),
        Some(p) => Rules::from_path(p).map_err(|error| Failure::Engine {
            error,
            json: false,
            compact: false,
        }),
    }
}

/// An engine error for a person: the message, then the field and what is allowed.
fn describe_error(error: &Error) -> String {
    let mut s = format!("childsupport: {error}\n");
    match error {
        Error::InvalidInput {
            field,
            value,
            allowed,
        } => {
            s += &format!("  field:   {field}\n  value:   {value}\n  allowed: {allowed}\n");
        }
        Error::NoRule {
            rule,
            date,
            covered,
        } => {
            s += &format!(
                "  rule:    {rule}\n  date:    {date}\n  covered: {covered}\n  \
                 (load rules for the date with --rules; `childsupport rules` prints the format)\n"
            );
        }
        Error::Rules { location, .. } => s += &format!("  in:      {location}\n"),
        Error::Request { .. } | Error::Arithmetic { .. } => {}
    }
    s
}

/// Compact JSON text, indented two spaces a level, keys in the order written.
///
/// Works on the text (it never parses numbers), so exact decimals and key order stay as the
/// engine wrote them.
fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = compact.chars().collect();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                // Empty containers stay on one line.
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if next == Some(&close) {
                    out.push(c);
                    out.push(close);
                    let skip = chars[i + 1..].iter().position(|x| *x == close).unwrap_or(0);
                    i += skip + 2;
                    continue;
                }
                out.push(c);
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn pretty_json_keeps_order_digits_and_strings() {
        let s = r#"{"b":"x,{y}: \"q\"","a":[1.10,{}],"c":[],"d":{"e":null}}"#;
        let p = pretty_json(s);
        assert_eq!(
            p,
            "{\n  \"b\": \"x,{y}: \\\"q\\\"\",\n  \"a\": [\n    1.10,\n    {}\n  ],\n  \"c\": [],\n  \"d\": {\n    \"e\": null\n  }\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&p).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(s).unwrap());
    }

    #[test]
    fn arguments() {
        let o = parse_args(&args("guideline case.json --json --rules r.toml"))
            .ok()
            .unwrap();
        assert_eq!(o.command, "guideline");
        assert_eq!(o.file.as_deref(), Some("case.json"));
        assert!(o.json);
        assert_eq!(o.rules.as_deref(), Some("r.toml"));
        let o = parse_args(&args("compute - --rules=x.toml")).ok().unwrap();
        assert_eq!(o.file.as_deref(), Some("-"));
        assert_eq!(o.rules.as_deref(), Some("x.toml"));
        assert_eq!(parse_args(&args("--help")).ok().unwrap().command, "help");
        assert_eq!(parse_args(&args("help")).ok().unwrap().command, "help");
        for bad in [
            "",
            "guideline",
            "guideline a b",
            "frobnicate",
            "rules --json",
            "compute x --json",
            "guideline x --rules",
            "guideline x --bogus",
        ] {
            assert!(
                matches!(parse_args(&args(bad)), Err(Failure::Usage(_))),
                "{bad:?} should be a usage error"
            );
        }
    }
}
