"""``compute`` and ``compute_many``: any kind through the JSON interface."""

from __future__ import annotations

import concurrent.futures
import copy
import datetime
import pickle
from decimal import Decimal
from typing import Any

import pytest

import childsupport
from childsupport import (
    ChildSupportError,
    InvalidInputError,
    RequestError,
    Rules,
    TimeShare,
    compute,
    compute_many,
)
from conftest import n2_request


def test_version_and_kinds() -> None:
    assert isinstance(childsupport.__version__, str) and childsupport.__version__.count(".") == 2
    assert "california_guideline" in childsupport.KINDS


def test_compute_returns_the_response_with_amounts_as_exact_strings(n2: dict[str, Any]) -> None:
    r = compute(n2)
    assert r["kind"] == "california_guideline"
    assert r["result"]["amount"] == "954.21"
    assert r["result"]["band"] == 2  # counts are ints
    assert r["result"]["worksheet"][0].keys() == {"key", "label", "value", "citation"}
    assert compute(n2, Rules.default()) == r


def test_dates_and_dataclasses_are_encoded(n2: dict[str, Any]) -> None:
    n2["input"]["calculation_date"] = datetime.date(2025, 3, 1)
    n2["input"]["time_share"] = TimeShare("parent_a", Decimal("0.20"))
    assert compute(n2)["result"]["amount"] == "954.21"
    n2["input"]["calculation_date"] = datetime.datetime(2025, 3, 1, 12, 0)
    with pytest.raises(TypeError, match="calculation_date"):
        compute(n2)


def test_floats_are_refused_with_the_path(n2: dict[str, Any]) -> None:
    n2["input"]["time_share"]["fraction"] = 0.2
    with pytest.raises(TypeError, match=r"input\.time_share\.fraction"):
        compute(n2)


def test_non_finite_decimals_are_invalid_input(n2: dict[str, Any]) -> None:
    n2["input"]["parent_a_net_income"] = Decimal("NaN")
    with pytest.raises(InvalidInputError) as e:
        compute(n2)
    assert e.value.field == "input.parent_a_net_income"


def test_request_errors() -> None:
    with pytest.raises(RequestError) as e:
        compute({"kind": "ohio_guideline", "input": {}})
    assert "california_guideline" in str(e.value)
    assert e.value.field is None
    # A field missing from the input is named (issue 13); only the envelope is a request error.
    with pytest.raises(InvalidInputError) as missing:
        compute({"kind": "california_guideline", "input": {"children": 1}})
    assert missing.value.field == "calculation_date"
    with pytest.raises(RequestError):
        compute({"kind": "california_guideline"})
    with pytest.raises(TypeError):
        compute([n2_request()])  # type: ignore[arg-type]


def test_exceptions_pickle(n2: dict[str, Any]) -> None:
    n2["input"]["children"] = 11
    with pytest.raises(InvalidInputError) as e:
        compute(n2)
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is InvalidInputError
    assert (again.field, again.value, again.allowed) == ("children", "11", e.value.allowed)
    assert str(again) == str(e.value)


def test_compute_many_answers_in_order_with_errors_in_place(n2: dict[str, Any]) -> None:
    bad = copy.deepcopy(n2)
    bad["input"]["children"] = 0
    responses = compute_many([n2, bad, {"kind": "nope", "input": {}}, n2])
    assert len(responses) == 4
    assert responses[0]["result"]["amount"] == "954.21"
    assert responses[1]["error"]["code"] == "invalid_input"
    assert responses[1]["error"]["field"] == "children"
    assert responses[2]["error"]["code"] == "request"
    assert responses[3] == responses[0]
    with pytest.raises(InvalidInputError):
        compute_many([n2, bad], errors="raise")
    assert compute_many([]) == []
    # A generator works; the batch is one call.
    assert [r["result"]["amount"] for r in compute_many(n2_request() for _ in range(3))] == ["954.21"] * 3


def test_compute_many_answers_floats_in_place_naming_the_field(n2: dict[str, Any]) -> None:
    bad = copy.deepcopy(n2)
    bad["input"]["parent_b_net_income"] = 1000.0
    out = compute_many([n2, bad])
    assert out[1]["error"]["code"] == "invalid_input"
    assert out[1]["error"]["field"] == "parent_b_net_income"
    assert "float" in out[1]["error"]["message"]
    with pytest.raises(InvalidInputError):
        compute_many([n2, bad], errors="raise")


def test_compute_many_with_rules_and_threads() -> None:
    """The engine runs without the GIL: batches on several threads give the same answers."""
    rules = Rules.from_toml(
        '[[california.minimum_wage]]\neffective_from = "2027-01-01"\nhourly = "17.00"\n'
        'citation = "test fixture"\nstatus = "UNVERIFIED"\n'
    )
    req = {"kind": "california_guideline", "input": {
        "calculation_date": "2027-03-01", "parent_a_net_income": "1800", "parent_b_net_income": "700",
        "time_share": {"parent": "parent_a", "fraction": "0"}, "children": 1}}
    batch = [req] * 200
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: compute_many(batch, rules), range(8)))
    first = results[0][0]["result"]
    # N1 in 2027 with the loaded $17.00: lowest = CS x N / T = 351.31... x 1,800 / 2,946.67 = 214.60.
    assert first["low_income_adjustment"]["lowest_amount"] == "214.60"
    assert all(r["result"] == first for batch_out in results for r in batch_out)
    assert compute_many([req])[0]["result"]["low_income_adjustment"] is None


def test_error_is_a_value_error() -> None:
    assert issubclass(ChildSupportError, ValueError)
    for cls in (InvalidInputError, childsupport.NoRuleError, childsupport.RulesError, RequestError):
        assert issubclass(cls, ChildSupportError)
