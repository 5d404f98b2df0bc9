//! `childsupport`: guideline and arrears reports, and JSON requests, from case files.
//!
//! A thin shell over the engine's JSON interface ([`childsupport::api`]): the command reads a
//! request, lets the engine answer it, and prints the answer as a readable report or as JSON.
//! It never computes anything itself. See `childsupport --help` and `childsupport COMMAND
//! --help`: the command line is parsed by clap, so each command has its own help, and
//! `childsupport completions SHELL` prints a shell completion script.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use childsupport::{api, Error, ErrorCode, Rules};
use clap::{Args, CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

mod arrears;
mod batch;
mod report;
mod rules_check;
mod texas;

/// What `--help` says after the options of every command: files and exit status.
const AFTER_HELP: &str = "\
FILES:
    A case or request file is JSON: {\"kind\": KIND, \"input\": {...}} (see examples/ and
    `childsupport kinds`). Amounts are written as strings (\"1234.56\") or JSON numbers, read
    exactly. Dates are YYYY-MM-DD. Use - for stdin.

EXIT STATUS:
    0  success
    2  the request or the command line is wrong: an invalid field (the message names it, e.g.
       payments[3].amount), a malformed request, a request of the wrong kind for the command,
       an unreadable case file, a bad option
    1  anything else: no rule covers the date, bad rules data, output errors";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "childsupport",
    version,
    about = "US child support computed exactly as the law says",
    long_about = "US child support computed exactly as the law says: California (Fam. Code §4055) \
                  and Texas (Tex. Fam. Code ch. 154) guideline support, arrears ledgers, payoff \
                  projections and Texas withholding, from JSON case files.",
    after_help = AFTER_HELP,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands. Adding one is a variant here and an arm in [`run`].
#[derive(Debug, Subcommand)]
enum Command {
    /// Compute a guideline case and print a report: who pays how much, the key figures, then
    /// the worksheet (every step, its value and its citation).
    ///
    /// Kinds: california_guideline (Fam. Code §4055), texas_guideline (Tex. Fam. Code ch. 154:
    /// net resources, cap, percentage, multiple households, medical and dental support,
    /// step-downs, §154.130 findings), texas_net_resources.
    #[command(after_help = AFTER_HELP)]
    Guideline(ReportArgs),
    /// Compute an arrears case and print a report.
    ///
    /// arrears_ledger: the settings; principal, interest, fees, credit and total owed as of the
    /// date, and since when; the ledger line by line; the months; how each payment was applied;
    /// the worksheet. arrears_payoff: the payoff date, number of payments and interest paid at a
    /// monthly payment, and the smallest payment that pays off within N months.
    /// texas_withholding (Tex. Fam. Code §158.003): the two options, the additional amount, the
    /// total, the §158.009 limit, what is withheld, and a projection with interest.
    #[command(after_help = AFTER_HELP)]
    Arrears(ReportArgs),
    /// Answer a request of any kind and print the response as JSON.
    #[command(after_help = AFTER_HELP)]
    Compute(ComputeArgs),
    /// Print the embedded rules (TOML): copy it, edit series, pass it with --rules.
    ///
    /// `childsupport rules check FILE [--json] [--today D] [--within N]`: does a county's rules
    /// file load, and what does it change (series replaced, coverage gained or lost, coverage
    /// ending soon)? See `childsupport rules check --help`.
    Rules,
    /// List the request kinds this build answers.
    Kinds,
    /// Print the program's and the embedded rules' versions.
    Version,
    /// Compute a file of cases (CSV or NDJSON, a file or stdin), one result row per input row
    /// with error columns, streaming (`childsupport batch --help`).
    #[command(disable_help_flag = true)]
    Batch {
        /// The batch command's arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `childsupport completions bash > ~/.local/share/bash-completion/completions/childsupport`
    Completions {
        /// The shell.
        shell: Shell,
    },
}

/// The options of `guideline` and `arrears`.
#[derive(Debug, Args)]
struct ReportArgs {
    /// The case file (JSON; - for stdin).
    #[arg(value_name = "CASE_FILE")]
    file: String,
    /// Print the response as pretty JSON instead of the report: every field, exact values,
    /// every ledger line with its citation.
    #[arg(long)]
    json: bool,
    /// Also write a printout for court: one self-contained HTML page with print styles
    /// (california_guideline, texas_guideline, arrears_ledger). Print it to PDF with a browser
    /// (see the README).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// The printout's court (caption).
    #[arg(long, requires = "html")]
    court: Option<String>,
    /// The printout's county (caption).
    #[arg(long, requires = "html")]
    county: Option<String>,
    /// The printout's case number (caption).
    #[arg(long, requires = "html")]
    case_number: Option<String>,
    /// The printout's hearing date, YYYY-MM-DD (caption).
    #[arg(long, requires = "html")]
    hearing_date: Option<String>,
    /// Printout options as JSON: {"caption": {...}, "parties": {"parent_a": {"name": ...,
    /// "role": "petitioner"}, ...}, "time_measure": {...}, "hardship_claimed": true}. The
    /// caption flags take precedence.
    #[arg(long, value_name = "FILE", requires = "html")]
    print_options: Option<PathBuf>,
    /// Replace the rule series that FILE names (TOML, as `childsupport rules` prints).
    #[arg(long, value_name = "FILE")]
    rules: Option<String>,
}

/// The options of `compute`.
#[derive(Debug, Args)]
struct ComputeArgs {
    /// The request file (JSON; - for stdin).
    #[arg(value_name = "REQUEST_FILE")]
    file: String,
    /// Print the response on one line.
    #[arg(long)]
    compact: bool,
    /// Replace the rule series that FILE names (TOML, as `childsupport rules` prints).
    #[arg(long, value_name = "FILE")]
    rules: Option<String>,
}

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
    // `batch` streams a file of cases itself (its own arguments and output).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("batch") {
        return batch::run(&args[1..]);
    }
    // `rules check FILE` reports on a county's rules file (its own arguments).
    if args.first().is_some_and(|a| a == "rules") && args.get(1).is_some_and(|a| a == "check") {
        return rules_check::main(&args[2..]);
    }
    // Help and version print and exit 0; a usage error prints clap's message and exits 2.
    let cli = Cli::parse();
    match run(cli) {
        Ok(text) => {
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(io::stderr(), "childsupport: cannot write the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
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

/// Runs a parsed command; the text is what goes to stdout.
fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Guideline(args) => report("guideline", &args),
        Command::Arrears(args) => report("arrears", &args),
        Command::Compute(args) => compute(&args),
        Command::Rules => Ok(Rules::embedded_toml()),
        Command::Kinds => Ok(api::KINDS.iter().map(|k| format!("{k}\n")).collect()),
        Command::Version => Ok(format!(
            "childsupport {} (rules {})\n",
            childsupport::VERSION,
            Rules::embedded().meta.version
        )),
        // `main` runs `batch` before parsing; reaching here is a usage error.
        Command::Batch { .. } => Err(Failure::Usage(
            "batch takes its own arguments: childsupport batch --help".into(),
        )),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "childsupport", &mut buf);
            String::from_utf8(buf).map_err(|e| Failure::Other(e.to_string()))
        }
    }
}

/// `guideline` and `arrears`: the report (or JSON), and the printout when asked.
fn report(command: &str, args: &ReportArgs) -> Result<String, Failure> {
    let request = read_input(&args.file)?;
    check_kind(command, &request)?;
    let rules = load_rules(args.rules.as_deref())?;
    let response = api::handle(&rules, &request).map_err(|error| Failure::Engine {
        error,
        json: args.json,
        compact: false,
    })?;
    if let Some(path) = &args.html {
        let options = print_options(args)?;
        let page =
            childsupport::printout::from_request(&rules, &request, &options).map_err(|error| {
                Failure::Engine {
                    error,
                    json: false,
                    compact: false,
                }
            })?;
        std::fs::write(path, page).map_err(|e| {
            Failure::Other(format!("cannot write the printout {}: {e}", path.display()))
        })?;
    }
    if args.json {
        Ok(format!("{}\n", pretty_json(&response)))
    } else {
        report::render(&response).map_err(Failure::Other)
    }
}

/// The printout options: `--print-options`, with the caption flags over it.
fn print_options(args: &ReportArgs) -> Result<String, Failure> {
    use serde_json::{json, Map, Value};
    let mut options: Map<String, Value> = match &args.print_options {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Input(format!(
                    "cannot read the print options {}: {e}",
                    path.display()
                ))
            })?;
            serde_json::from_str(&text).map_err(|e| {
                Failure::Input(format!(
                    "the print options {} are not a JSON object: {e}",
                    path.display()
                ))
            })?
        }
        None => Map::new(),
    };
    let caption = options.entry("caption").or_insert_with(|| json!({}));
    let Some(caption) = caption.as_object_mut() else {
        return Err(Failure::Input(
            "the print options' caption must be a JSON object".into(),
        ));
    };
    for (key, value) in [
        ("court", &args.court),
        ("county", &args.county),
        ("case_number", &args.case_number),
        ("hearing_date", &args.hearing_date),
    ] {
        if let Some(v) = value {
            caption.insert(key.to_string(), Value::String(v.clone()));
        }
    }
    Ok(Value::Object(options).to_string())
}

/// `compute`: any request, answered as JSON.
fn compute(args: &ComputeArgs) -> Result<String, Failure> {
    let request = read_input(&args.file)?;
    let rules = load_rules(args.rules.as_deref())?;
    let response = api::handle(&rules, &request).map_err(|error| Failure::Engine {
        error,
        json: true,
        compact: args.compact,
    })?;
    Ok(if args.compact {
        format!("{response}\n")
    } else {
        format!("{}\n", pretty_json(&response))
    })
}

/// The request kinds each report command takes.
const GUIDELINE_KINDS: &[&str] = &[
    "california_guideline",
    "texas_guideline",
    "texas_net_resources",
];
const ARREARS_KINDS: &[&str] = &[
    "arrears_ledger",
    "arrears_ledger_post",
    "arrears_payoff",
    "texas_withholding",
];

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
        // Request and arithmetic errors, and any kind added later: the message says it all.
        _ => {}
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

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("childsupport").chain(line.split_whitespace()))
    }

    #[test]
    fn arguments() {
        let Ok(Cli {
            command: Command::Guideline(a),
        }) = parse("guideline case.json --json --rules r.toml --html out.html --court X")
        else {
            panic!("guideline parses");
        };
        assert_eq!(a.file, "case.json");
        assert!(a.json);
        assert_eq!(a.rules.as_deref(), Some("r.toml"));
        assert_eq!(a.html.as_deref(), Some(std::path::Path::new("out.html")));
        assert_eq!(a.court.as_deref(), Some("X"));
        let Ok(Cli {
            command: Command::Compute(c),
        }) = parse("compute - --rules=x.toml")
        else {
            panic!("compute parses");
        };
        assert_eq!(c.file, "-");
        assert_eq!(c.rules.as_deref(), Some("x.toml"));
        assert!(matches!(
            parse("completions bash").map(|c| c.command),
            Ok(Command::Completions { shell: Shell::Bash })
        ));
        for bad in [
            "",
            "guideline",
            "guideline a b",
            "frobnicate",
            "rules --json",
            "compute x --json",
            "guideline x --rules",
            "guideline x --bogus",
            "guideline x --court X",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be a usage error");
        }
    }

    #[test]
    fn caption_flags_go_over_the_print_options() {
        let Ok(Cli {
            command: Command::Guideline(a),
        }) = parse("guideline c.json --html o.html --county Travis --case-number 7")
        else {
            panic!("guideline parses");
        };
        let options: serde_json::Value =
            serde_json::from_str(&print_options(&a).ok().unwrap()).unwrap();
        assert_eq!(
            options,
            serde_json::json!({"caption": {"county": "Travis", "case_number": "7"}})
        );
    }
}
