"""Refused input (issue 13): the same code, field and value as the Rust API and C.

Numbers are plain decimal notation or refused; a value that does not fit its field names its path.
Expected fields follow docs/errors.md; tests/vectors/errors.json holds the shared cases.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from childsupport import (
    InvalidInputError,
    RequestError,
    TimeShare,
    california_guideline,
    compute,
)


def request(**changes: Any) -> dict[str, Any]:
    inp: dict[str, Any] = {
        "calculation_date": "2025-03-01", "parent_a_net_income": "3000",
        "parent_b_net_income": "1000", "time_share": {"parent": "parent_a", "fraction": "0.20"},
        "children": 2,
    }
    inp.update(changes)
    return {"kind": "california_guideline", "input": inp}


REFUSED = ["3_000", " 3000 ", "+3000", "1e3", "1E3", "0.80000000000000000000000000001e0",
           "0.80000000000000000000000000001", "3,000", ".5", "5.", ""]


@pytest.mark.parametrize("text", REFUSED)
def test_a_string_amount_gets_the_engines_strict_check(text: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        compute(request(parent_a_net_income=text))
    assert e.value.field == "parent_a_net_income"
    assert e.value.error["value"] == text
    assert "plain decimal number" in e.value.error["allowed"]


@pytest.mark.parametrize("text", ["3_000", " 3000 ", "+3000", "1e3"])
def test_the_typed_call_passes_strings_through_to_the_same_check(text: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        california_guideline("2025-03-01", text, "1000", TimeShare("parent_a", Decimal("0.2")), 2)
    assert e.value.field == "parent_a_net_income"


def test_a_python_decimal_with_an_exponent_is_its_value() -> None:
    # Decimal("3E+3") is how Python stores 3000, not text the caller wrote: it goes as "3000".
    ts = TimeShare("parent_a", Decimal("0.2"))
    stored = california_guideline("2025-03-01", Decimal("3E+3"), Decimal("1E+3"), ts, 2)
    plain = california_guideline("2025-03-01", Decimal("3000"), Decimal("1000"), ts, 2)
    assert stored.amount == plain.amount == Decimal("954.21")
    # A value with more digits than the engine holds is refused there, never rounded.
    with pytest.raises(InvalidInputError) as e:
        california_guideline("2025-03-01", Decimal("1E-30"), Decimal("1000"), ts, 2)
    assert e.value.field == "parent_a_net_income"


@pytest.mark.parametrize(("changes", "field", "value"), [
    ({"calculation_date": "2025-02-30"}, "calculation_date", "2025-02-30"),
    ({"time_share": {"parent": "parent_c", "fraction": "0.2"}}, "time_share.parent", "parent_c"),
    ({"children": "two"}, "children", "two"),
    ({"childern": 2}, "childern", "childern"),
])
def test_deserialisation_errors_name_their_field(changes: dict[str, Any], field: str, value: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        compute(request(**changes))
    assert (e.value.field, e.value.error["value"]) == (field, value)


def test_a_path_reaches_into_lists() -> None:
    order = {"type": "child", "frequency": "monthly", "amount": "650", "start": "2019-03-01",
             "due_day": 1}
    req = {"kind": "arrears_ledger", "input": {
        "state": "california", "as_of": "2021-10-01", "iv_d": True, "payments": [],
        "orders": [order, {**order, "changes": [{"effective": "2021-03-01", "amount": "+480"}]}]}}
    with pytest.raises(InvalidInputError) as e:
        compute(req)
    assert e.value.field == "orders[1].changes[0].amount"


def test_a_malformed_envelope_is_a_request_error() -> None:
    with pytest.raises(RequestError):
        compute({"kind": "california_guideline"})
