//! The fuzz targets' checks, as plain functions of bytes, so the stable test suite can replay
//! every corpus file (`tests/fuzz_corpus.rs` at the repository root) and libFuzzer can drive them
//! (`fuzz/fuzz_targets/`).
//!
//! The engine targets are *structured*: the bytes choose a valid request of the engine's kind
//! (the examples and the conformance vectors' requests) and a few edits to it, each setting one
//! value of the input to something drawn from a dictionary of extreme decimals, dates, numbers,
//! words and shapes, or removing or repeating one. Most of a request stays valid, so the edits
//! reach the engine's arithmetic instead of stopping at the first parse error.
//!
//! What every target checks: no panic; the answer is a JSON result or a JSON error with one of
//! the five codes; an `invalid_input` error names a field; the same request answers the same
//! twice; with the embedded rules, no `arithmetic` error (every input within the input limits
//! has a result in money). The rules target loads edited rules documents and then answers a
//! request of every kind with them (there an `arithmetic` error is allowed: a county's extreme
//! rules may make amounts no money holds). The C target calls `cs_california_guideline` and
//! checks it against the JSON interface.

use std::ffi::{CStr, CString};
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Result as ArbResult, Unstructured};
use serde_json::{Map, Value};

use childsupport::{api, Rules};

/// Decimals that have broken or could break exact arithmetic and the number reader: the
/// largest and smallest 28-digit values, 29 digits, exponents, signs, notation the reader
/// refuses, the legal edges (0, 1, the input limit 1,000,000,000,000) and band edges.
pub const EXTREME_DECIMALS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "1",
    "-1",
    "0.5",
    "0.005",
    "0.01",
    "0.99999999999999999999999999",
    "1.0000000000000000000000000001",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "7922816251426433759354395033.5",
    "0.80000000000000000000000000001",
    "0.80000000000000000000000000001e0",
    "1e3",
    "1E-28",
    "+3000",
    " 3000 ",
    "3_000",
    "3,000",
    ".5",
    "5.",
    "NaN",
    "inf",
    "",
    "1000000000000",
    "1000000000000.01",
    "999999999999.99",
    "9223372036854775807",
    "92233720368547758.07",
    "2900",
    "2900.01",
    "5000",
    "10000",
    "15000",
    "15000.01",
    "82857",
    "16.50",
    "2773.333333333333333333333333",
    "1800.00",
    "0.20",
    "0.50",
    "1.0",
];

/// Dates at the edges of the calendar and of the rules' coverage.
pub const EXTREME_DATES: &[&str] = &[
    "2024-08-31",
    "2024-09-01",
    "2024-02-29",
    "2023-02-29",
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "9999-12-31",
    "1900-01-01",
    "1993-09-01",
    "2004-01-01",
    "2026-12-31",
    "2027-01-01",
    "2100-01-01",
    "2025-1-1",
    "20250101",
    "2025-01-01T00:00:00",
    "",
];

/// A value an edit writes into a request.
#[derive(Debug, Clone)]
pub enum Leaf {
    /// A decimal from [`EXTREME_DECIMALS`], as a JSON string.
    Decimal(&'static str),
    /// The same decimal as a JSON number (read from its text), where it is one.
    Number(&'static str),
    /// A date from [`EXTREME_DATES`].
    Date(&'static str),
    /// A whole number.
    Integer(i64),
    /// A word the requests use (an enum value, a kind), from the seeds.
    Word(usize),
    /// Any text.
    Text(String),
    /// true or false.
    Bool(bool),
    /// null.
    Null,
    /// An empty list.
    EmptyList,
    /// An empty object.
    EmptyObject,
}

impl<'a> Arbitrary<'a> for Leaf {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<Leaf> {
        Ok(match u.int_in_range(0u8..=9)? {
            0 | 1 => Leaf::Decimal(u.choose(EXTREME_DECIMALS)?),
            2 => Leaf::Number(u.choose(EXTREME_DECIMALS)?),
            3 => Leaf::Date(u.choose(EXTREME_DATES)?),
            4 => Leaf::Integer(match u.int_in_range(0u8..=3)? {
                0 => i64::from(u.int_in_range(-2i8..=12)?),
                1 => i64::MAX,
                2 => i64::MIN,
                _ => i64::from(u32::MAX) + 1,
            }),
            5 => Leaf::Word(usize::from(u.arbitrary::<u16>()?)),
            6 => Leaf::Text(u.arbitrary()?),
            7 => Leaf::Bool(u.arbitrary()?),
            8 => Leaf::Null,
            _ => {
                if u.arbitrary()? {
                    Leaf::EmptyList
                } else {
                    Leaf::EmptyObject
                }
            }
        })
    }
}

/// One change to a request's input.
#[derive(Debug, Clone, Arbitrary)]
pub enum Edit {
    /// Set the value at a place (chosen among every place of the input) to a leaf.
    Set(u16, Leaf),
    /// Remove the value at a place.
    Remove(u16),
    /// Repeat a list element (a second payment, a third order).
    Repeat(u16),
}

/// A structured engine input: which seed request, and up to eight edits.
#[derive(Debug, Clone)]
pub struct EngineCase {
    /// Index into the kind's seed requests.
    pub seed: u16,
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
}

impl<'a> Arbitrary<'a> for EngineCase {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<EngineCase> {
        let seed = u.arbitrary()?;
        let n = u.int_in_range(0u8..=8)?;
        let mut edits = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            if u.is_empty() {
                break;
            }
            edits.push(u.arbitrary()?);
        }
        Ok(EngineCase { seed, edits })
    }
}

/// The engines the structured targets reach, by the request kinds each answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `california_guideline`.
    California,
    /// `california_guideline_from_gross`.
    CaliforniaFromGross,
    /// `texas_guideline` and `texas_net_resources`.
    Texas,
    /// `arrears_ledger`, `arrears_payoff`, `texas_withholding`.
    Arrears,
}

impl Engine {
    fn kinds(self) -> &'static [&'static str] {
        match self {
            Engine::California => &["california_guideline"],
            Engine::CaliforniaFromGross => &["california_guideline_from_gross"],
            Engine::Texas => &["texas_guideline", "texas_net_resources"],
            Engine::Arrears => &["arrears_ledger", "arrears_payoff", "texas_withholding"],
        }
    }
}

/// Every request of the examples and the conformance vectors (those without a rules override).
fn all_seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for text in EXAMPLES.iter().copied() {
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                out.push(v);
            }
        }
        for text in VECTORS.iter().copied() {
            let Ok(doc) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            for case in doc["cases"].as_array().into_iter().flatten() {
                if case.get("rules").is_none() && case["request"]["input"].is_object() {
                    out.push(case["request"].clone());
                }
            }
        }
        out
    })
}

fn seeds(engine: Engine) -> Vec<&'static Value> {
    all_seeds()
        .iter()
        .filter(|v| {
            v["kind"]
                .as_str()
                .is_some_and(|k| engine.kinds().contains(&k))
        })
        .collect()
}

/// The words the seed requests use (enum values, kinds): what a [`Leaf::Word`] picks from.
fn words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::String(s)
                    if !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    out.push(s.clone());
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        all_seeds().iter().for_each(|v| walk(v, &mut out));
        out.sort();
        out.dedup();
        out
    })
}

const EXAMPLES: &[&str] = &[
    include_str!("../../../examples/arrears-california-crediting.json"),
    include_str!("../../../examples/arrears-payoff.json"),
    include_str!("../../../examples/arrears-texas-tx15.json"),
    include_str!("../../../examples/california-add-ons.json"),
    include_str!("../../../examples/california-from-gross-e8.json"),
    include_str!("../../../examples/california-low-income.json"),
    include_str!("../../../examples/california-n2.json"),
    include_str!("../../../examples/texas-half-cent.json"),
    include_str!("../../../examples/texas-multiple-households.json"),
    include_str!("../../../examples/texas-tx02.json"),
    include_str!("../../../examples/texas-withholding-tx17.json"),
];

const VECTORS: &[&str] = &[
    include_str!("../../../tests/vectors/arrears.json"),
    include_str!("../../../tests/vectors/california_guideline.json"),
    include_str!("../../../tests/vectors/california_income.json"),
    include_str!("../../../tests/vectors/texas_guideline.json"),
];

/// Every place in `v`, as a path of object keys and list positions.
fn places(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                path.push(Step::Key(k.clone()));
                out.push(path.clone());
                places(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Step::Index(i));
                out.push(path.clone());
                places(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The parent of the place `path` and its last step.
fn parent_mut<'v>(root: &'v mut Value, path: &[Step]) -> Option<(&'v mut Value, Step)> {
    let (last, init) = path.split_last()?;
    let mut v = root;
    for s in init {
        v = match s {
            Step::Key(k) => v.get_mut(k.as_str())?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    Some((v, last.clone()))
}

fn leaf_value(leaf: &Leaf) -> Value {
    match leaf {
        Leaf::Decimal(s) | Leaf::Date(s) => Value::String((*s).to_string()),
        // A decimal that is not a JSON number stays a string.
        Leaf::Number(s) => {
            serde_json::from_str(s).unwrap_or_else(|_| Value::String((*s).to_string()))
        }
        Leaf::Integer(i) => Value::from(*i),
        Leaf::Word(i) => {
            let w = words();
            Value::String(w.get(i % w.len().max(1)).cloned().unwrap_or_default())
        }
        Leaf::Text(s) => Value::String(s.clone()),
        Leaf::Bool(b) => Value::Bool(*b),
        Leaf::Null => Value::Null,
        Leaf::EmptyList => Value::Array(Vec::new()),
        Leaf::EmptyObject => Value::Object(Map::new()),
    }
}

/// The request an [`EngineCase`] makes for `engine`: its seed with the edits applied.
pub fn request(engine: Engine, case: &EngineCase) -> Option<Value> {
    let seeds = seeds(engine);
    let mut req = (*seeds.get(usize::from(case.seed) % seeds.len().max(1))?).clone();
    for edit in &case.edits {
        let input = req.get_mut("input")?;
        let mut all = Vec::new();
        places(input, &mut Vec::new(), &mut all);
        let pick = |i: &u16| all.get(usize::from(*i) % all.len().max(1)).cloned();
        match edit {
            Edit::Set(i, leaf) => {
                let Some(path) = pick(i) else { continue };
                if let Some((parent, step)) = parent_mut(input, &path) {
                    let slot = match step {
                        Step::Key(k) => parent.get_mut(k.as_str()),
                        Step::Index(i) => parent.get_mut(i),
                    };
                    if let Some(slot) = slot {
                        *slot = leaf_value(leaf);
                    }
                }
            }
            Edit::Remove(i) => {
                let Some(path) = pick(i) else { continue };
                if let Some((parent, step)) = parent_mut(input, &path) {
                    match (parent, step) {
                        (Value::Object(o), Step::Key(k)) => {
                            o.remove(&k);
                        }
                        (Value::Array(a), Step::Index(i)) if i < a.len() => {
                            a.remove(i);
                        }
                        _ => {}
                    }
                }
            }
            Edit::Repeat(i) => {
                let Some(path) = pick(i) else { continue };
                if let Some((Value::Array(a), Step::Index(i))) = parent_mut(input, &path) {
                    if let Some(x) = a.get(i).cloned() {
                        a.insert(i, x);
                    }
                }
            }
        }
    }
    Some(req)
}

/// The five error codes.
const CODES: &[&str] = &["invalid_input", "no_rule", "rules", "request", "arithmetic"];

/// Checks one answer of the JSON interface; `arithmetic_allowed` for extreme rules.
fn check_answer(request: &str, answer: &str, arithmetic_allowed: bool) {
    let v: Value = serde_json::from_str(answer)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {answer}\nrequest: {request}"));
    if let Some(err) = v.get("error") {
        let code = err["code"].as_str().unwrap_or_default();
        assert!(CODES.contains(&code), "unknown code {code}: {answer}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "an error without a message: {answer}"
        );
        if code == "invalid_input" {
            assert!(
                err["field"].as_str().is_some(),
                "invalid_input without a field: {answer}\nrequest: {request}"
            );
        }
        assert!(
            arithmetic_allowed || code != "arithmetic",
            "an arithmetic error from an input within the limits: {answer}\nrequest: {request}"
        );
    } else {
        assert!(
            v.get("result").is_some() && v.get("kind").is_some() && v.get("rules").is_some(),
            "neither a result nor an error: {answer}"
        );
    }
}

/// The structured engine target: a request of `engine`'s kinds, edited, answered twice.
pub fn engine(engine: Engine, data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(case) = EngineCase::arbitrary(&mut u) else {
        return;
    };
    let Some(req) = request(engine, &case) else {
        return;
    };
    let text = req.to_string();
    let rules = Rules::embedded();
    let first = api::respond(rules, &text);
    check_answer(&text, &first, false);
    assert_eq!(first, api::respond(rules, &text), "two answers to {text}");
}

/// Any bytes to the JSON interface (the first target): JSON, and the same answer twice.
pub fn json_api(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let rules = Rules::embedded();
        let first = api::respond(rules, text);
        assert!(first.starts_with('{'), "not JSON: {first}");
        assert_eq!(first, api::respond(rules, text));
    }
}

/// One change to the embedded rules, series by series.
#[derive(Debug, Clone, Arbitrary)]
pub enum RulesEdit {
    /// Set a value inside an entry of a series (both chosen among every place of the series).
    Set(u16, u16, Leaf),
    /// Remove a value or an entry.
    Remove(u16, u16),
    /// Repeat an entry or a list element.
    Repeat(u16, u16),
}

/// The embedded rules as JSON-like values, one per series (`california.minimum_wage`).
fn embedded_series() -> &'static [(String, String, Value)] {
    static SERIES: OnceLock<Vec<(String, String, Value)>> = OnceLock::new();
    SERIES.get_or_init(|| {
        let table: toml::Table = Rules::embedded_toml().parse().unwrap_or_default();
        let mut out = Vec::new();
        for (j, v) in table {
            if j == "meta" {
                continue;
            }
            if let toml::Value::Table(series) = v {
                for (s, entries) in series {
                    if let Ok(json) = serde_json::to_value(&entries) {
                        out.push((j.clone(), s, json));
                    }
                }
            }
        }
        out
    })
}

/// A rules document (TOML) the edits make: each edited series, whole, under its jurisdiction.
pub fn rules_document(edits: &[RulesEdit]) -> String {
    let all = embedded_series();
    let mut chosen: Vec<(String, String, Value)> = Vec::new();
    for edit in edits {
        let (series, place) = match edit {
            RulesEdit::Set(s, p, _) | RulesEdit::Remove(s, p) | RulesEdit::Repeat(s, p) => (s, p),
        };
        let Some((j, s, base)) = all.get(usize::from(*series) % all.len().max(1)) else {
            continue;
        };
        let idx = match chosen.iter().position(|(cj, cs, _)| cj == j && cs == s) {
            Some(i) => i,
            None => {
                chosen.push((j.clone(), s.clone(), base.clone()));
                chosen.len() - 1
            }
        };
        let value = &mut chosen[idx].2;
        let mut spots = Vec::new();
        places(value, &mut Vec::new(), &mut spots);
        let Some(path) = spots.get(usize::from(*place) % spots.len().max(1)).cloned() else {
            continue;
        };
        let Some((parent, step)) = parent_mut(value, &path) else {
            continue;
        };
        match (edit, parent, step) {
            (RulesEdit::Set(_, _, leaf), parent, step) => {
                let slot = match step {
                    Step::Key(k) => parent.get_mut(k.as_str()),
                    Step::Index(i) => parent.get_mut(i),
                };
                if let Some(slot) = slot {
                    *slot = leaf_value(leaf);
                }
            }
            (RulesEdit::Remove(..), Value::Object(o), Step::Key(k)) => {
                o.remove(&k);
            }
            (RulesEdit::Remove(..), Value::Array(a), Step::Index(i)) if i < a.len() => {
                a.remove(i);
            }
            (RulesEdit::Repeat(..), Value::Array(a), Step::Index(i)) => {
                if let Some(x) = a.get(i).cloned() {
                    a.insert(i, x);
                }
            }
            _ => {}
        }
    }
    let mut doc = toml::Table::new();
    for (j, s, v) in chosen {
        // A JSON null has no TOML form: the document leaves such a value out.
        let Ok(t) = toml::Value::try_from(strip_nulls(v)) else {
            continue;
        };
        let entry = doc
            .entry(j)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(jt) = entry {
            jt.insert(s, t);
        }
    }
    toml::to_string(&doc).unwrap_or_default()
}

fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(
            a.into_iter()
                .filter(|x| !x.is_null())
                .map(strip_nulls)
                .collect(),
        ),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k, strip_nulls(x)))
                .collect(),
        ),
        other => other,
    }
}

/// The rules loader target: a rules document made by structured edits of the embedded rules.
/// It loads or is refused with a `rules` error naming where; a rule set that loads answers a
/// request of every kind without a panic and reports on itself (`rules check`).
pub fn rules_loader(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut edits = Vec::new();
    while !u.is_empty() && edits.len() < 6 {
        match RulesEdit::arbitrary(&mut u) {
            Ok(e) => edits.push(e),
            Err(_) => break,
        }
    }
    let doc = rules_document(&edits);
    rules_text(&doc);
}

/// Loads `doc` as a rules document and, if it loads, answers every seed kind with it.
pub fn rules_text(doc: &str) {
    match Rules::from_toml_str(doc) {
        Err(e) => {
            assert_eq!(e.code(), childsupport::ErrorCode::Rules, "{e}\n{doc}");
            assert!(e.field().is_some_and(|f| !f.is_empty()), "{e}\n{doc}");
        }
        Ok(rules) => {
            assert!(rules.fingerprint().starts_with("sha256:"));
            if let Ok(today) = childsupport::Date::new(2026, 11, 30) {
                let report = childsupport::rules::check::check(&rules, today, 90);
                let _ = report.to_string();
            }
            for engine in [
                Engine::California,
                Engine::CaliforniaFromGross,
                Engine::Texas,
                Engine::Arrears,
            ] {
                for req in seeds(engine).iter().take(3) {
                    let text = req.to_string();
                    check_answer(&text, &api::respond(&rules, &text), true);
                }
            }
        }
    }
}

/// The C typed call's input, as the bytes choose it.
#[derive(Debug, Clone)]
pub struct TypedCase {
    /// Each string field: a choice from the dictionaries, any text, or NULL.
    pub date: Option<String>,
    /// Parent A's income.
    pub a: Option<String>,
    /// Parent B's income.
    pub b: Option<String>,
    /// `time_share_parent`.
    pub parent: u32,
    /// `time_share_fraction`.
    pub fraction: Option<String>,
    /// `children`.
    pub children: u32,
    /// `low_income_adjustment`.
    pub low_income: u32,
    /// `low_income_amount`.
    pub amount: Option<String>,
}

fn typed_text(u: &mut Unstructured<'_>, dates: bool) -> ArbResult<Option<String>> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => None,
        1 => Some(u.arbitrary::<String>()?),
        2..=5 if dates => Some(u.choose(EXTREME_DATES)?.to_string()),
        _ => Some(u.choose(EXTREME_DECIMALS)?.to_string()),
    })
}

impl<'a> Arbitrary<'a> for TypedCase {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<TypedCase> {
        Ok(TypedCase {
            date: typed_text(u, true)?,
            a: typed_text(u, false)?,
            b: typed_text(u, false)?,
            parent: u.int_in_range(0u32..=3)?,
            fraction: typed_text(u, false)?,
            children: if u.arbitrary()? {
                u.int_in_range(0u32..=12)?
            } else {
                u.arbitrary()?
            },
            low_income: u.int_in_range(0u32..=3)?,
            amount: typed_text(u, false)?,
        })
    }
}

/// A C string of the text up to any NUL (a C string ends there).
fn c_text(s: &Option<String>) -> Option<CString> {
    s.as_ref().map(|s| {
        let cut = s.split('\0').next().unwrap_or_default();
        CString::new(cut).unwrap_or_default()
    })
}

/// The C typed call target: `cs_california_guideline` with the chosen fields, checked against
/// the JSON interface given the same values (the same status, field and amount), and every
/// response freed once.
pub fn c_typed(data: &[u8]) {
    use childsupport_ffi as ffi;
    let mut u = Unstructured::new(data);
    let Ok(case) = TypedCase::arbitrary(&mut u) else {
        return;
    };
    let [date, a, b, fraction, amount] =
        [&case.date, &case.a, &case.b, &case.fraction, &case.amount].map(c_text);
    let ptr = |c: &Option<CString>| c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    let mut rules: *mut ffi::cs_rules = std::ptr::null_mut();
    // SAFETY: every pointer is NULL or points to a live value of the right type; the strings
    // live until the end of this function; each response and the rules are freed once.
    unsafe {
        assert_eq!(ffi::cs_rules_default(&mut rules), ffi::CS_STATUS_OK);
        let mut input = std::mem::zeroed::<ffi::cs_california_input>();
        ffi::cs_california_input_init(&mut input);
        input.calculation_date = ptr(&date);
        input.parent_a_net_income = ptr(&a);
        input.parent_b_net_income = ptr(&b);
        input.time_share_parent = case.parent;
        input.time_share_fraction = ptr(&fraction);
        input.children = case.children;
        input.low_income_adjustment = case.low_income;
        input.low_income_amount = ptr(&amount);
        let mut out = std::mem::zeroed::<ffi::cs_california_output>();
        let mut response: *mut ffi::cs_response = std::ptr::null_mut();
        let status = ffi::cs_california_guideline(rules, &input, &mut out, &mut response);
        assert_ne!(
            status,
            ffi::CS_STATUS_INTERNAL,
            "a panic inside the typed call"
        );
        assert!(!response.is_null(), "no response for status {status}");
        let json = CStr::from_ptr(ffi::cs_response_json(response))
            .to_string_lossy()
            .into_owned();
        ffi::cs_response_free(response);
        ffi::cs_rules_free(rules);
        let strings_given = date.is_some()
            && a.is_some()
            && b.is_some()
            && fraction.is_some()
            && (case.low_income != 2 || amount.is_some());
        if !strings_given {
            // The fields are read in order: a bad value before the NULL one is reported first.
            assert!(
                status == ffi::CS_STATUS_NULL_POINTER || status == ffi::CS_STATUS_INVALID_INPUT,
                "status {status} with a NULL field: {json}"
            );
            return;
        }
        // The same values through the JSON interface.
        let text = |c: &Option<CString>| {
            Value::String(
                c.as_ref()
                    .map(|c| c.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        };
        let mut input = Map::new();
        input.insert("calculation_date".into(), text(&date));
        input.insert("parent_a_net_income".into(), text(&a));
        input.insert("parent_b_net_income".into(), text(&b));
        let parent = match case.parent {
            0 => Value::from("parent_a"),
            1 => Value::from("parent_b"),
            n => Value::from(n),
        };
        input.insert(
            "time_share".into(),
            serde_json::json!({"parent": parent, "fraction": text(&fraction)}),
        );
        input.insert("children".into(), Value::from(case.children));
        let li = match case.low_income {
            0 => Value::from("presumptive"),
            1 => Value::from("none"),
            2 => serde_json::json!({ "amount": text(&amount) }),
            n => Value::from(n),
        };
        input.insert("low_income_adjustment".into(), li);
        let mut req =
            serde_json::json!({"kind": "california_guideline", "input": input}).to_string();
        let mut answer = api::respond(Rules::embedded(), &req);
        check_answer(&req, &answer, false);
        let mut v: Value = serde_json::from_str(&answer).unwrap_or_default();
        let typed: Value = serde_json::from_str(&json).unwrap_or_default();
        // With several bad fields, each interface reports the first it reads, in its own order
        // (the C struct's, the JSON object's). Replace the field the JSON interface names with a
        // good value until it names the typed call's field: that field must be bad there too.
        for _ in 0..8 {
            let named = v["error"]["field"].as_str().unwrap_or_default().to_string();
            if v.get("error").is_none() || Some(named.as_str()) == typed["error"]["field"].as_str()
            {
                break;
            }
            let good = match named.as_str() {
                "calculation_date" => Value::from("2025-03-01"),
                "parent_a_net_income" | "parent_b_net_income" => Value::from("1000"),
                "time_share.parent" => Value::from("parent_a"),
                "time_share.fraction" => Value::from("0.5"),
                "children" => Value::from(2),
                "low_income_adjustment" | "low_income_adjustment.amount" => {
                    Value::from("presumptive")
                }
                _ => break,
            };
            let mut fixed: Value = serde_json::from_str(&req).unwrap_or_default();
            let pointer = format!("/input/{}", named.split('.').collect::<Vec<_>>().join("/"));
            let pointer =
                pointer.replace("/low_income_adjustment/amount", "/low_income_adjustment");
            if let Some(slot) = fixed.pointer_mut(&pointer) {
                *slot = good;
            }
            req = fixed.to_string();
            answer = api::respond(Rules::embedded(), &req);
            check_answer(&req, &answer, false);
            v = serde_json::from_str(&answer).unwrap_or_default();
        }
        if status == ffi::CS_STATUS_OK {
            assert_eq!(
                typed, v,
                "the typed call and the JSON interface differ for {req}"
            );
            let cents = v["result"]["amount"].as_str().unwrap_or_default();
            let d = CStr::from_ptr(out.amount.decimal.as_ptr()).to_string_lossy();
            assert_eq!(cents, d, "{req}");
        } else {
            assert_eq!(
                typed["error"]["code"], v["error"]["code"],
                "typed {json} vs JSON {answer} for {req}"
            );
            // The typed call names the C field (`time_share.parent`, `low_income_adjustment`)
            // the way the JSON path does.
            assert_eq!(
                typed["error"]["field"], v["error"]["field"],
                "typed {json} vs JSON {answer} for {req}"
            );
        }
    }
}
