"""The example case files (examples/*.json) are complete requests; Python gives the spec's figures."""

from __future__ import annotations

import json
from typing import Any

import pytest

from childsupport import compute, compute_many

from conftest import REPO

EXAMPLES = REPO / "examples"

# Expected figures from spec/california.md §5 (see examples/README.md), not from the code.
EXPECTED: dict[str, list[tuple[str, Any]]] = {
    "california-n2.json": [("amount", "954.21"), ("per_child", ["596.38", "357.83"])],
    # N1: §4055(b)(7) presumes the low-income adjustment: the amount is the lowest, 228.01.
    "california-low-income.json": [("amount", "228.01"), ("lowest", "228.01")],
    "california-add-ons.json": [("amount", "750.00"), ("add_ons", ("724.14", "275.86"))],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name: str) -> None:
    request = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    result = compute(request)["result"]
    for what, expected in EXPECTED[name]:
        if what == "amount":
            assert result["amount"] == expected
        elif what == "per_child":
            assert [c["amount"] for c in result["per_child"]] == expected
        elif what == "lowest":
            assert result["low_income_adjustment"]["lowest_amount"] == expected
        elif what == "add_ons":
            a = result["add_ons"]
            assert (a["parent_a_total"], a["parent_b_total"]) == expected


def test_every_example_is_listed_and_computes_in_one_batch() -> None:
    files = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert set(EXPECTED) <= set(files)
    responses = compute_many(json.loads((EXAMPLES / f).read_text(encoding="utf-8")) for f in files)
    assert all("result" in r for r in responses), responses
