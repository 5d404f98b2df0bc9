"""The error catalogue (docs/errors.md) through Python: every request of
tests/vectors/errors.json raises the exception class of its code with the expected field (and,
in a batch, comes back in place with the same code and field), and every refused rules document
of its ``rules_cases`` raises ``RulesError`` naming the entry and the line. Rust and the command
line check the same file (crates/childsupport-cli/tests/error_catalogue.rs), C too
(tests/c/conformance.c).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from childsupport import (
    CalculationError,
    ChildSupportError,
    InvalidInputError,
    NoRuleError,
    RequestError,
    Rules,
    RulesError,
    compute,
    compute_many,
)

from conftest import REPO, n2_request

CATALOGUE = json.loads((REPO / "tests" / "vectors" / "errors.json").read_text(encoding="utf-8"))

CLASSES: dict[str, type[ChildSupportError]] = {
    "invalid_input": InvalidInputError,
    "no_rule": NoRuleError,
    "rules": RulesError,
    "request": RequestError,
    "arithmetic": CalculationError,
}


def _expected(case: dict[str, Any], pointer: str) -> str | None:
    for p, value in case["expect"]:
        if p == pointer:
            return str(value)
    return None


ERRORS: list[dict[str, Any]] = [c for c in CATALOGUE["cases"] if _expected(c, "/error/code") is not None]
REFUSED_RULES: list[dict[str, Any]] = list(CATALOGUE["rules_cases"])
ERROR_CASES = [pytest.param(c, id=c["id"]) for c in ERRORS]
RULES_CASES = [pytest.param(c, id=c["id"]) for c in REFUSED_RULES]


def test_every_code_has_an_input_here() -> None:
    produced = {_expected(c, "/error/code") for c in ERRORS}
    produced |= {str(c["code"]) for c in REFUSED_RULES}
    assert produced == set(CLASSES)


@pytest.mark.parametrize("case", ERROR_CASES)
def test_a_request_raises_its_codes_class_naming_the_field(case: dict[str, Any]) -> None:
    code = _expected(case, "/error/code")
    field = _expected(case, "/error/field")
    rules = Rules.from_toml(case["rules"]) if case.get("rules") else None
    with pytest.raises(ChildSupportError) as caught:
        compute(case["request"], rules)
    err = caught.value
    assert type(err) is CLASSES[str(code)]
    assert err.code == code
    assert err.field == field
    assert err.error["code"] == code
    # In a batch the same error comes back in place, between two good requests.
    batch = compute_many([case["request"], n2_request(), case["request"]], rules)
    if rules is None:  # (a county's extreme rules may refuse N2 too)
        assert "result" in batch[1]
    for response in (batch[0], batch[2]):
        assert response["error"]["code"] == code
        assert response["error"].get("field") == field


@pytest.mark.parametrize("case", RULES_CASES)
def test_a_refused_rules_document_names_its_entry_and_line(case: dict[str, Any]) -> None:
    with pytest.raises(RulesError) as caught:
        Rules.from_toml(case["rules"])
    err = caught.value
    assert err.code == case["code"] == "rules"
    assert err.field == case["field"]
    if case["line"] is not None:
        assert err.message.endswith(f"(line {case['line']})"), err.message


def test_extreme_rules_are_an_error_not_a_panic() -> None:
    # Issue 13: a 28-digit multiplier raised pyo3_runtime.PanicException, past `except Exception`.
    case = next(c for c in CATALOGUE["cases"] if c["id"] == "ERR-RULES-HUGE-MULTIPLIER")
    rules = Rules.from_toml(case["rules"])
    with pytest.raises(CalculationError):
        compute(case["request"], rules)
    responses = compute_many([case["request"]] * 3, rules)
    assert [r["error"]["code"] for r in responses] == ["arithmetic"] * 3
