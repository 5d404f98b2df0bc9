//! `childsupport._native`: the Python extension module.
//!
//! Deliberately thin. Every computation goes through the core crate's JSON interface
//! ([`childsupport::api::respond`]); this module only moves text across the boundary, releases
//! the GIL while the engine works, and turns core errors into the package's exception classes
//! (defined in Python, `childsupport/_errors.py`, so they are ordinary, picklable classes).
//! Conversions between Python values and JSON (Decimal, date, float rejection) live in the
//! Python layer, where the field paths are known.

mod arrow;

use std::path::PathBuf;

use childsupport::batch::{Batch, Kind};
use childsupport::{api, Error};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use serde_json::value::RawValue;

/// A rule set: the rules embedded in this build, or those with series replaced from TOML.
#[pyclass(name = "Rules", module = "childsupport", frozen)]
struct PyRules {
    /// `None`: the embedded rules (shared, parsed once).
    owned: Option<childsupport::Rules>,
}

impl PyRules {
    fn rules(&self) -> &childsupport::Rules {
        self.owned
            .as_ref()
            .unwrap_or_else(|| childsupport::Rules::embedded())
    }
}

#[pymethods]
impl PyRules {
    /// The rules embedded in this build.
    #[staticmethod]
    fn default() -> PyRules {
        PyRules { owned: None }
    }

    /// The embedded rules with the series named in `text` (a TOML document) replaced.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<PyRules> {
        let loaded = py.detach(|| childsupport::Rules::from_toml_str(text));
        loaded
            .map(|r| PyRules { owned: Some(r) })
            .map_err(|e| to_pyerr(py, &e))
    }

    /// [`PyRules::from_toml`] on the contents of a file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<PyRules> {
        let loaded = py.detach(|| childsupport::Rules::from_path(&path));
        loaded
            .map(|r| PyRules { owned: Some(r) })
            .map_err(|e| to_pyerr(py, &e))
    }

    /// The embedded rules as one TOML document (the starting point for an override).
    #[staticmethod]
    fn embedded_toml() -> String {
        childsupport::Rules::embedded_toml()
    }

    /// The rule set's version, as reported in every result (`rules_version`).
    #[getter]
    fn version(&self) -> String {
        self.rules().meta.version.clone()
    }

    /// `sha256:` and the digest of the whole effective rule set, as every response's
    /// `rules.fingerprint` reports it.
    #[getter]
    fn fingerprint(&self) -> String {
        self.rules().fingerprint().to_string()
    }

    /// The series a caller replaced (`california.minimum_wage`); empty for the embedded rules.
    #[getter]
    fn replaced(&self) -> Vec<String> {
        self.rules().replaced().to_vec()
    }

    /// Whether these are the embedded rules, unchanged.
    #[getter]
    fn is_default(&self) -> bool {
        self.owned.is_none()
    }

    fn __repr__(&self) -> String {
        let origin = if self.owned.is_none() {
            "embedded"
        } else {
            "overridden"
        };
        format!("Rules(version={:?}, {origin})", self.rules().meta.version)
    }
}

fn rules_of<'a>(rules: Option<&'a Bound<'_, PyRules>>) -> &'a childsupport::Rules {
    match rules {
        Some(r) => r.get().rules(),
        None => childsupport::Rules::embedded(),
    }
}

/// Answers one JSON request with JSON (the result or the error), without the GIL.
#[pyfunction]
#[pyo3(signature = (request, rules=None))]
fn respond(py: Python<'_>, request: &str, rules: Option<&Bound<'_, PyRules>>) -> String {
    let rules = rules_of(rules);
    py.detach(|| api::respond(rules, request))
}

/// Answers a JSON array of requests with a JSON array of responses, in order, without the GIL.
///
/// One crossing per batch: each element is answered as by [`respond`], so one bad request gives
/// one error response and does not stop the batch. Only text that is not a JSON array raises.
#[pyfunction]
#[pyo3(signature = (requests, rules=None))]
fn respond_many(
    py: Python<'_>,
    requests: &str,
    rules: Option<&Bound<'_, PyRules>>,
) -> PyResult<String> {
    let rules = rules_of(rules);
    let answered: Result<String, Error> = py.detach(|| {
        let items: Vec<&RawValue> = serde_json::from_str(requests).map_err(|e| Error::Request {
            message: format!("a batch is a JSON array of requests: {e}"),
        })?;
        let mut out = String::with_capacity(items.len() * 512 + 2);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&api::respond(rules, item.get()));
        }
        out.push(']');
        Ok(out)
    });
    answered.map_err(|e| to_pyerr(py, &e))
}

/// Computes a request and returns its printout for court: one self-contained HTML page
/// ([`childsupport::printout::from_request`]); `options` is the printout options' JSON (empty
/// for none). Raises the package's exception for the request's errors.
#[pyfunction]
#[pyo3(signature = (request, options, rules=None))]
fn printout_html(
    py: Python<'_>,
    request: &str,
    options: &str,
    rules: Option<&Bound<'_, PyRules>>,
) -> PyResult<String> {
    let rules = rules_of(rules);
    py.detach(|| childsupport::printout::from_request(rules, request, options))
        .map_err(|e| to_pyerr(py, &e))
}

/// Computes a table of cases of `kind` (`california_guideline`, `texas_guideline`): `data` is
/// anything with `__arrow_c_stream__` or `__arrow_c_array__`; returns a `pyarrow.Table` with the
/// columns named in `keep` (carried unchanged), the kind's key figures and the three error
/// columns, one row per input row in order. The input is read batch by batch, each cut into
/// chunks of at most `chunk_rows` rows computed on all cores without the GIL.
///
/// Raises only for what concerns the whole table (an unknown kind, a malformed column name, a
/// stream that fails); a bad row is reported in its error columns.
#[pyfunction]
#[pyo3(name = "batch", signature = (kind, data, keep=Vec::new(), rules=None, chunk_rows=65_536))]
fn compute_batch<'py>(
    py: Python<'py>,
    kind: &str,
    data: pyo3_arrow::input::AnyRecordBatch,
    keep: Vec<String>,
    rules: Option<&Bound<'py, PyRules>>,
    chunk_rows: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = rules_of(rules);
    let kind = Kind::from_name(kind).map_err(|e| to_pyerr(py, &e))?;
    let reader = data.into_reader()?;
    let input_schema = reader.schema();
    for k in &keep {
        if input_schema.field_with_name(k).is_err() {
            return Err(PyKeyError::new_err(format!(
                "keep: the table has no column {k:?}"
            )));
        }
    }
    let names: Vec<&str> = input_schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    let keep_names: Vec<&str> = keep.iter().map(String::as_str).collect();
    let plan = Batch::new(rules, kind, &names, &keep_names).map_err(|e| to_pyerr(py, &e))?;
    let schema = arrow::output_schema(kind, &input_schema, &keep);
    let chunk_rows = chunk_rows.max(1);
    let batches = py.detach(|| {
        let mut out = Vec::new();
        for input in reader {
            let input = input?;
            let mut start = 0;
            while start < input.num_rows() {
                let len = chunk_rows.min(input.num_rows() - start);
                out.push(arrow::compute_chunk(
                    &plan,
                    &input.slice(start, len),
                    &keep,
                    &schema,
                )?);
                start += len;
            }
        }
        Ok::<_, arrow_schema::ArrowError>(out)
    });
    let batches = batches.map_err(|e| PyValueError::new_err(format!("reading the table: {e}")))?;
    pyo3_arrow::PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// A core error as the package's exception (`childsupport._errors.error_from_json`).
fn to_pyerr(py: Python<'_>, error: &Error) -> PyErr {
    let body = api::error_json(error);
    let built = py
        .import("childsupport._errors")
        .and_then(|m| m.getattr("error_from_json"))
        .and_then(|f| f.call1((body,)));
    match built {
        Ok(exc) => PyErr::from_value(exc),
        // Only when the package's Python part is missing (the module used on its own).
        Err(_) => PyValueError::new_err(error.to_string()),
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", childsupport::VERSION)?;
    m.add("KINDS", api::KINDS.to_vec())?;
    m.add_class::<PyRules>()?;
    m.add_function(wrap_pyfunction!(respond, m)?)?;
    m.add_function(wrap_pyfunction!(respond_many, m)?)?;
    m.add_function(wrap_pyfunction!(printout_html, m)?)?;
    m.add_function(wrap_pyfunction!(compute_batch, m)?)?;
    Ok(())
}
