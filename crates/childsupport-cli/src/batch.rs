//! `childsupport batch`: a file of cases (CSV or NDJSON) to a file of key figures, one row per
//! case, streaming, on all cores.
//!
//! Rows are read and computed by the core crate ([`childsupport::batch`]): a CSV's header names
//! the columns by the flattening rule there (`time_share.parent`, `add_ons[0].amount`,
//! `..._cents`); an NDJSON line is the kind's JSON input as the JSON interface takes it. Each
//! chunk of rows is computed in parallel and written in input order before the next is read, so
//! memory stays bounded whatever the file's size. A bad row gets its error in the
//! `error_code`, `error_field` and `error_message` columns and never stops the run.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use childsupport::batch::{self, Batch, Cell, Figure, FigureDef, Kind, Row};
use childsupport::{Error, Rules};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::value::RawValue;

const USAGE: &str = "\
childsupport batch: a file of cases to a file of key figures, one row per case

USAGE:
    childsupport batch KIND [INPUT] [--output FILE] [--from csv|ndjson] [--to csv|ndjson]
                       [--keep COLUMN]... [--rules RULES.toml] [--no-progress]

KIND:
    california_guideline             Fam. Code §4055 from net incomes
    california_guideline_from_gross  Fam. Code §§4058-4059 from gross income, then §4055
    texas_guideline                  Tex. Fam. Code ch. 154 from net resources or gross income
    texas_net_resources              Tex. Fam. Code §154.062 net resources of one party
    arrears_ledger                   an arrears ledger's totals as of its date
    arrears_payoff                   a payoff projection
    texas_withholding                Tex. Fam. Code §158.003 additional withholding for arrears
    iv_d_enforcement_thresholds      passport denial and tax refund offset thresholds
    collection_allocation            45 CFR 303.100: one collection across an obligor's cases
    withholding_amounts              15 U.S.C. 1673: income withholding for a pay period
    withholding_order_arrears        22 CCR §116100: the arrears amount an order may ask for
    iv_d_distribution                42 U.S.C. 657: one case's collections, family/State/federal

INPUT (a file, or - or nothing for stdin):
    CSV     a header row naming each column by its field's path: calculation_date,
            parent_a_net_income, time_share.parent, time_share.fraction, children,
            birth_dates[0], add_ons[0].kind, add_ons[0].amount, obligor.incomes[0].amount ...
            A name ending in _cents holds whole cents. An empty cell is an absent field.
            A file with one column `input` holds each row's input as JSON text (for inputs
            with lists of any length, such as an arrears ledger's payments).
    NDJSON  one JSON object a line: the kind's input, as `childsupport compute` takes it.
    The format is taken from --from, else the file's extension (.csv, .ndjson, .jsonl),
    else CSV.

OUTPUT (--output FILE, default stdout): the columns named by --keep (carried unchanged, such
    as a case id), the kind's key figures (amounts as 1234.56), then error_code, error_field
    and error_message (empty for a computed row). The format is taken from --to, else the
    output file's extension, else the input's format.

A progress bar is shown on a terminal (not with --no-progress).

EXIT STATUS:
    0  every row was written (rows with errors included; their count is printed on stderr)
    2  the command line, the header or the input file is wrong
    1  anything else (bad rules data, output errors)
";

/// Rows read, computed in parallel and written before the next are read.
const CHUNK_ROWS: usize = 16_384;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Ndjson,
}

impl Format {
    fn parse(text: &str) -> Result<Format, String> {
        match text {
            "csv" => Ok(Format::Csv),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            other => Err(format!(
                "unknown format {other:?}; the formats are csv, ndjson"
            )),
        }
    }

    fn of_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Format::parse(&ext).ok()
    }
}

#[derive(Debug, Default)]
struct Options {
    kind: Option<String>,
    input: Option<String>,
    output: Option<String>,
    from: Option<Format>,
    to: Option<Format>,
    keep: Vec<String>,
    rules: Option<String>,
    no_progress: bool,
    help: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => o.help = true,
            "-o" | "--output" => o.output = Some(value("--output")?),
            "--from" => o.from = Some(Format::parse(&value("--from")?)?),
            "--to" => o.to = Some(Format::parse(&value("--to")?)?),
            "--keep" => o.keep.push(value("--keep")?),
            "--rules" => o.rules = Some(value("--rules")?),
            "--no-progress" => o.no_progress = true,
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            _ if o.kind.is_none() => o.kind = Some(arg.clone()),
            _ if o.input.is_none() => o.input = Some(arg.clone()),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    Ok(o)
}

/// A failure and its exit status.
struct Failure(u8, String);

fn usage(message: impl Into<String>) -> Failure {
    Failure(2, message.into())
}

/// Runs `childsupport batch` with the arguments after `batch`.
pub fn run(args: &[String]) -> ExitCode {
    match execute(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, message)) => {
            let _ = writeln!(io::stderr(), "childsupport batch: {message}");
            ExitCode::from(code)
        }
    }
}

fn execute(args: &[String]) -> Result<(), Failure> {
    let o = parse_args(args).map_err(usage)?;
    if o.help {
        print!("{USAGE}");
        return Ok(());
    }
    let kind_name = o.kind.as_deref().ok_or_else(|| {
        usage("no kind given (california_guideline, texas_guideline); see --help")
    })?;
    let kind = Kind::from_name(kind_name).map_err(|e| usage(e.to_string()))?;
    let rules = match &o.rules {
        None => None,
        Some(path) => Some(
            Rules::from_path(std::path::Path::new(path))
                .map_err(|e| Failure(1, format!("{path}: {e}")))?,
        ),
    };
    let rules = rules.as_ref().unwrap_or_else(|| Rules::embedded());
    let input_name = o.input.as_deref().unwrap_or("-");
    let from = o
        .from
        .or_else(|| Format::of_path(input_name))
        .unwrap_or(Format::Csv);
    let to =
        o.to.or_else(|| o.output.as_deref().and_then(Format::of_path))
            .unwrap_or(from);
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if input_name == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(input_name).map_err(|e| usage(format!("{input_name}: {e}")))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let out: Box<dyn Write> = match o.output.as_deref() {
        None | Some("-") => Box::new(io::stdout().lock()),
        Some(path) => Box::new(File::create(path).map_err(|e| Failure(1, format!("{path}: {e}")))?),
    };
    let progress = if o.no_progress || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        progress_bar(size)
    };
    let counted = Counted {
        inner: reader,
        progress: progress.clone(),
    };
    let mut writer = Writer::new(to, out, kind.figures(), &o.keep);
    let stats = match from {
        Format::Csv => read_csv(rules, kind, &o.keep, counted, &mut writer, &progress)?,
        Format::Ndjson => read_ndjson(rules, kind, &o.keep, counted, &mut writer, &progress)?,
    };
    writer
        .finish()
        .map_err(|e| Failure(1, format!("writing the output: {e}")))?;
    progress.finish_and_clear();
    if stats.errors > 0 || !o.no_progress {
        let _ = writeln!(
            io::stderr(),
            "childsupport batch: {} rows, {} with errors",
            stats.rows,
            stats.errors
        );
    }
    Ok(())
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    match size {
        Some(len) => {
            let bar = ProgressBar::new(len);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)")
            {
                bar.set_style(style);
            }
            bar
        }
        None => ProgressBar::new_spinner(),
    }
}

/// The input, counting bytes read for the progress bar.
struct Counted {
    inner: Box<dyn Read + Send>,
    progress: ProgressBar,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}

#[derive(Default)]
struct Stats {
    rows: u64,
    errors: u64,
}

/// A row's outcome: the kept cells as text (or JSON), and the figures or the error.
struct Answer {
    kept: Vec<Kept>,
    result: Result<Vec<Figure>, Error>,
}

enum Kept {
    Text(String),
    Json(serde_json::Value),
}

struct CsvRow<'a>(&'a csv::StringRecord);

impl Row for CsvRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.0.get(column) {
            None | Some("") => Cell::Null,
            Some(t) => Cell::Text(t),
        }
    }
}

fn read_csv(
    rules: &Rules,
    kind: Kind,
    keep: &[String],
    input: Counted,
    writer: &mut Writer,
    progress: &ProgressBar,
) -> Result<Stats, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| usage(format!("reading the header: {e}")))?
        .clone();
    let names: Vec<&str> = header.iter().collect();
    let keep_names: Vec<&str> = keep.iter().map(String::as_str).collect();
    let keep_at: Vec<usize> = keep
        .iter()
        .map(|k| {
            names
                .iter()
                .position(|n| n == k)
                .ok_or_else(|| usage(format!("--keep {k}: the header has no such column")))
        })
        .collect::<Result<_, _>>()?;
    let plan = Batch::new(rules, kind, &names, &keep_names).map_err(|e| usage(e.to_string()))?;
    let mut stats = Stats::default();
    let mut records = reader.into_records();
    loop {
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        for record in records.by_ref().take(CHUNK_ROWS) {
            let line = stats.rows + chunk.len() as u64 + 2;
            chunk.push(record.map_err(|e| usage(format!("line {line}: {e}")))?);
        }
        if chunk.is_empty() {
            return Ok(stats);
        }
        let answers: Vec<Answer> = chunk
            .par_iter()
            .map(|record| {
                let mut out = Vec::new();
                Answer {
                    kept: keep_at
                        .iter()
                        .map(|&i| Kept::Text(record.get(i).unwrap_or("").to_string()))
                        .collect(),
                    result: plan.compute(&CsvRow(record), &mut out).map(|()| out),
                }
            })
            .collect();
        write_chunk(writer, &answers, &mut stats, progress)?;
    }
}

fn read_ndjson(
    rules: &Rules,
    kind: Kind,
    keep: &[String],
    input: Counted,
    writer: &mut Writer,
    progress: &ProgressBar,
) -> Result<Stats, Failure> {
    let mut lines = BufReader::new(input).lines();
    let mut stats = Stats::default();
    loop {
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        for line in lines.by_ref() {
            let line = line.map_err(|e| usage(format!("reading the input: {e}")))?;
            if !line.trim().is_empty() {
                chunk.push(line);
            }
            if chunk.len() == CHUNK_ROWS {
                break;
            }
        }
        if chunk.is_empty() {
            return Ok(stats);
        }
        let answers: Vec<Answer> = chunk
            .par_iter()
            .map(|line| ndjson_answer(rules, kind, keep, line))
            .collect();
        write_chunk(writer, &answers, &mut stats, progress)?;
    }
}

fn ndjson_answer(rules: &Rules, kind: Kind, keep: &[String], line: &str) -> Answer {
    let mut kept = Vec::new();
    let result = (|| {
        let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
            .map_err(|e| Error::Request {
                message: format!("a line is one JSON object, the kind's input: {e}"),
            })?;
        kept = keep
            .iter()
            .map(|k| Kept::Json(object.remove(k).unwrap_or(serde_json::Value::Null)))
            .collect();
        let raw: Box<RawValue> =
            serde_json::value::to_raw_value(&object).map_err(|e| Error::Request {
                message: e.to_string(),
            })?;
        let mut out = Vec::new();
        batch::compute_json(rules, kind, &raw, &mut out).map(|()| out)
    })();
    if kept.len() != keep.len() {
        kept = keep
            .iter()
            .map(|_| Kept::Json(serde_json::Value::Null))
            .collect();
    }
    Answer { kept, result }
}

fn write_chunk(
    writer: &mut Writer,
    answers: &[Answer],
    stats: &mut Stats,
    progress: &ProgressBar,
) -> Result<(), Failure> {
    for answer in answers {
        stats.rows += 1;
        stats.errors += u64::from(answer.result.is_err());
        writer
            .row(answer)
            .map_err(|e| Failure(1, format!("writing the output: {e}")))?;
    }
    progress.set_message(format!("{} rows", stats.rows));
    Ok(())
}

/// Writes result rows as CSV or NDJSON.
struct Writer {
    sink: Sink,
    figures: &'static [FigureDef],
    keep: Vec<String>,
    header_written: bool,
}

enum Sink {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    Ndjson(BufWriter<Box<dyn Write>>),
}

const ERROR_COLUMNS: [&str; 3] = ["error_code", "error_field", "error_message"];

impl Writer {
    fn new(
        format: Format,
        out: Box<dyn Write>,
        figures: &'static [FigureDef],
        keep: &[String],
    ) -> Writer {
        Writer {
            sink: match format {
                Format::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
                Format::Ndjson => Sink::Ndjson(BufWriter::new(out)),
            },
            figures,
            keep: keep.to_vec(),
            header_written: false,
        }
    }

    fn row(&mut self, answer: &Answer) -> io::Result<()> {
        match self.sink {
            Sink::Csv(_) => self.csv_row(answer),
            Sink::Ndjson(_) => self.ndjson_row(answer),
        }
    }

    fn csv_row(&mut self, answer: &Answer) -> io::Result<()> {
        if !self.header_written {
            self.csv_header()?;
        }
        let Sink::Csv(csv) = &mut self.sink else {
            return Ok(());
        };
        let mut cells: Vec<String> = answer
            .kept
            .iter()
            .map(|k| match k {
                Kept::Text(t) => t.clone(),
                Kept::Json(serde_json::Value::String(s)) => s.clone(),
                Kept::Json(serde_json::Value::Null) => String::new(),
                Kept::Json(v) => v.to_string(),
            })
            .collect();
        match &answer.result {
            Ok(figures) => {
                cells.extend(figures.iter().map(figure_text));
                cells.extend([String::new(), String::new(), String::new()]);
            }
            Err(e) => {
                cells.extend(self.figures.iter().map(|_| String::new()));
                cells.push(e.code().as_str().to_string());
                cells.push(e.field().unwrap_or("").to_string());
                cells.push(e.to_string());
            }
        }
        Ok(csv.write_record(&cells)?)
    }

    fn ndjson_row(&mut self, answer: &Answer) -> io::Result<()> {
        use serde_json::Value;
        // Keys in column order (a serde_json map would sort them).
        let mut object: Vec<(String, Value)> = Vec::new();
        for (name, k) in self.keep.iter().zip(&answer.kept) {
            let value = match k {
                Kept::Text(t) => Value::String(t.clone()),
                Kept::Json(v) => v.clone(),
            };
            object.push((name.clone(), value));
        }
        let (figures, error) = match &answer.result {
            Ok(f) => (Some(f), None),
            Err(e) => (None, Some(e)),
        };
        for (at, def) in self.figures.iter().enumerate() {
            let value = match figures.and_then(|f| f.get(at)) {
                None | Some(Figure::Null) => Value::Null,
                Some(Figure::Money(m)) => Value::String(m.to_string()),
                Some(Figure::Text(t)) => Value::String(t.to_string()),
                Some(Figure::Int(i)) => Value::from(*i),
                Some(Figure::Bool(b)) => Value::Bool(*b),
                Some(Figure::Date(d)) => Value::String(d.to_string()),
            };
            object.push((def.name.to_string(), value));
        }
        let text = |s: Option<String>| s.map_or(Value::Null, Value::String);
        object.push((
            "error_code".into(),
            text(error.map(|e| e.code().as_str().to_string())),
        ));
        object.push((
            "error_field".into(),
            text(error.and_then(|e| e.field().map(str::to_string))),
        ));
        object.push(("error_message".into(), text(error.map(Error::to_string))));
        let Sink::Ndjson(out) = &mut self.sink else {
            return Ok(());
        };
        out.write_all(b"{")?;
        for (i, (key, value)) in object.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, key)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut *out, value)?;
        }
        out.write_all(b"}\n")
    }

    fn csv_header(&mut self) -> io::Result<()> {
        self.header_written = true;
        let Sink::Csv(csv) = &mut self.sink else {
            return Ok(());
        };
        let header = self
            .keep
            .iter()
            .map(String::as_str)
            .chain(self.figures.iter().map(|f| f.name))
            .chain(ERROR_COLUMNS);
        Ok(csv.write_record(header)?)
    }

    fn finish(mut self) -> io::Result<()> {
        if !self.header_written {
            // An input without rows still gets the header.
            self.csv_header()?;
        }
        match &mut self.sink {
            Sink::Csv(csv) => csv.flush(),
            Sink::Ndjson(out) => out.flush(),
        }
    }
}

fn figure_text(f: &Figure) -> String {
    match f {
        Figure::Null => String::new(),
        Figure::Money(m) => m.to_string(),
        Figure::Text(t) => t.to_string(),
        Figure::Int(i) => i.to_string(),
        Figure::Bool(b) => b.to_string(),
        Figure::Date(d) => d.to_string(),
    }
}
