"""Printouts from Python: the same page the CLI's --html writes, from the engine."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from childsupport import InvalidInputError, RequestError, printout
from conftest import REPO, n2_request


def test_the_page_names_the_payer_the_amount_and_the_caption() -> None:
    # N2: $954.21 a month, $596.38 and $357.83 per child (the vectors' derivation).
    page = printout.html(
        n2_request(),
        caption={"county": "Sacramento", "case_number": "25FL000001",
                 "hearing_date": datetime.date(2025, 4, 7)},
        parties={"parent_a": {"name": "Alex Doe", "role": "respondent"}},
    )
    assert page.startswith("<!DOCTYPE html>")
    assert "Parent A (Alex Doe, respondent) pays Parent B $954.21 per month" in page
    assert "County: <b>Sacramento</b>" in page and "2025-04-07" in page
    assert "$596.38" in page and "$357.83" in page
    assert "Fam. Code §4055(b)(8)" in page


def test_the_page_is_the_golden_printout() -> None:
    # The golden cases are pinned by the Rust tests; Python renders the same page.
    golden = REPO / "tests" / "golden" / "printouts"
    for request_file in sorted(golden.glob("*.request.json")):
        case: dict[str, Any] = json.loads(request_file.read_text(encoding="utf-8"))
        opts = case["options"]
        page = printout.html(
            case["request"],
            caption=opts.get("caption"),
            parties=opts.get("parties"),
            time_measure=opts.get("time_measure"),
            hardship_claimed=opts.get("hardship_claimed", False),
        )
        expected = (golden / request_file.name.replace(".request.json", ".html")).read_text(
            encoding="utf-8")
        assert page == expected, request_file.name


def test_errors_name_the_field_and_kinds_without_a_printout_are_refused() -> None:
    bad = n2_request()
    bad["input"]["children"] = "two"
    with pytest.raises(InvalidInputError) as e:
        printout.html(bad)
    assert e.value.field == "children"
    with pytest.raises(RequestError, match="no printout for kind"):
        printout.html({"kind": "arrears_payoff", "input": {}})
    with pytest.raises(InvalidInputError):
        printout.html(n2_request(), caption={"judge": "X"})
    with pytest.raises(TypeError, match="fraction"):
        request = n2_request()
        request["input"]["time_share"]["fraction"] = 0.2
        printout.html(request)
    assert printout.KINDS == ("california_guideline", "texas_guideline", "arrears_ledger")
