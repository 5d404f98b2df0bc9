"""California net disposable income from gross, typed (spec california_income.md §10 E1, E8,
E10; expected values are the spec's, not the code's)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import childsupport
from childsupport import california_guideline_from_gross
from childsupport.california_income import exact

E1 = {"filing_status": "single", "incomes": [{"kind": "wages", "amount": "5000", "per": "month"}]}
E8_B = {"filing_status": "hoh", "incomes": [{"kind": "wages", "amount": Decimal("42000")}]}
SHARE = {"parent": "parent_a", "fraction": Decimal("0.20")}


def test_e8_both_parents_from_gross_then_the_guideline() -> None:
    r = california_guideline_from_gross("2025-07-01", E1, E8_B, SHARE, children=1)
    # E1: 60,000 - 5,071.50 - 1,639.53 - 3,720 - 870 - 720 = 47,978.97; / 12.
    assert r.parent_a.annual_net_income == Fraction("47978.97")
    assert r.parent_a.monthly_net_income == Fraction("3998.2475")
    assert isinstance(r.parent_a.monthly_net_income, Fraction)
    assert r.parent_a.monthly_net_income == r.parent_a.annual_net_income / 12  # §4060
    # The engine's JSON text of an exact value that does not terminate, read exactly.
    assert exact("550259/120") == Fraction(550259, 120)
    assert r.parent_a.federal_tax == Decimal("5071.50")
    # E8 parent B: CTC, ACTC 335, EITC 1,347.73 make the federal tax negative.
    assert r.parent_b.federal_tax == Decimal("-1682.73")
    assert r.parent_b.monthly_net_income == Fraction("3330.4775")
    assert r.guideline.amount == Decimal("759.75")
    assert r.guideline.payer == "parent_a"
    assert r.tax_year == 2025
    keys = [s.key for s in r.worksheet]
    assert keys.count("california_income.parent") == 2 and "california.amount" in keys


def test_e10_entered_taxes_and_a_year_without_parameters() -> None:
    a = dict(E1, tax_override_federal="5000.00", tax_override_state="1600.00")
    r = california_guideline_from_gross("2025-07-01", a, E8_B, SHARE, children=1)
    assert r.parent_a.annual_net_income == Fraction(48090)
    assert r.parent_a.federal_tax_entered and r.parent_a.california_tax_entered
    with pytest.raises(childsupport.NoRuleError):
        california_guideline_from_gross("2027-03-01", E1, E8_B, SHARE, children=1)


def test_bad_input_names_the_field() -> None:
    bad = {"filing_status": "single", "incomes": [{"kind": "wages", "amount": "-1"}]}
    with pytest.raises(childsupport.InvalidInputError) as e:
        california_guideline_from_gross("2025-07-01", bad, E8_B, SHARE, children=1)
    assert e.value.field == "parent_a.incomes[0].amount"
    with pytest.raises(TypeError):
        california_guideline_from_gross(
            "2025-07-01",
            {"filing_status": "single", "incomes": [{"kind": "wages", "amount": 5000.0}]},
            E8_B, SHARE, children=1,
        )
