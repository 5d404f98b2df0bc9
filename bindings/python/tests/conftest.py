from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]


def n2_request() -> dict[str, Any]:
    """spec/california.md §5.2 N2: 3,000 / 1,000, parent A has 20%, two children."""
    return {
        "kind": "california_guideline",
        "input": {
            "calculation_date": "2025-03-01",
            "parent_a_net_income": Decimal("3000"),
            "parent_b_net_income": Decimal("1000"),
            "time_share": {"parent": "parent_a", "fraction": Decimal("0.20")},
            "children": 2,
        },
    }


@pytest.fixture
def n2() -> dict[str, Any]:
    return n2_request()
