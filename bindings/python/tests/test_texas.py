"""The typed Texas API on the spec's examples (spec/texas.md §6 golden vectors, §4.4 chart rows).

Expected figures come from the spec, not from running the code.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import childsupport
from childsupport import (
    ChildDates,
    Deductions,
    DentalSupport,
    HealthSupport,
    IncomeItem,
    InvalidInputError,
    Medical,
    NoRuleError,
    Resources,
    Step,
    TexasFlag,
    TexasGuideline,
    TexasNetResources,
    texas_guideline,
    texas_net_resources,
)

from conftest import REPO
from test_california import _check_covers


def wages(monthly: str) -> Resources:
    return Resources(incomes=[IncomeItem(Decimal(monthly), "monthly", "wages")])


def test_tx02_2026_chart_gross_6000_one_child() -> None:
    """TX-02: 2026 chart, gross 6,000 monthly wages, 1 child."""
    r = texas_guideline(datetime.date(2026, 3, 1), wages("6000"), 1)
    nr = r.net_resources
    assert nr.method == "tax_chart"
    assert nr.tax_year == 2026
    assert nr.social_security == Decimal("372.00")
    assert nr.medicare == Decimal("87.00")
    assert nr.federal_income_tax == Decimal("584.17")
    assert nr.net_resources == Decimal("4956.83")
    assert r.amount == Decimal("991.37")
    assert r.schedule == "standard"
    assert r.method == "single_household"
    assert r.order_date == datetime.date(2026, 3, 1)
    assert r.total_child_support == r.total_monthly == Decimal("991.37")
    assert r.multiple_household is None and r.medical is None and r.above_cap_support is None
    assert r.step_downs == ()


def test_tx06_multiple_households_methods_agree() -> None:
    """TX-06: NR 4,000; 2 before the court, 1 other: 1,200 / 400 / 3,600 -> 900.00 both ways."""
    r = texas_guideline("2025-01-15", Resources(net_resources=Decimal("4000")), 2, other_children=1)
    mh = r.multiple_household
    assert mh is not None
    assert (mh.formula.one_household_amount, mh.formula.credit, mh.formula.adjusted_net_resources) == (
        Fraction(1200), Fraction(400), Fraction(3600))
    assert mh.formula.amount == Decimal("900.00")
    assert mh.table is not None and mh.table.amount == Decimal("900.00")
    assert not mh.methods_differ
    assert r.amount == Decimal("900.00")


def test_tx07_formula_and_table_both_reported() -> None:
    """TX-07: NR 5,000; 3 before the court, 1 other: formula 1,368.75, table 27.38% -> 1,369.00."""
    obligor = Resources(net_resources=Decimal("5000"))
    formula = texas_guideline("2025-01-15", obligor, 3, other_children=1)
    assert formula.amount == Decimal("1368.75")
    assert formula.method == "formula_154_128"
    mh = formula.multiple_household
    assert mh is not None and mh.method_used == "formula_154_128"
    assert mh.formula.total_children == 4
    assert (mh.formula.one_household_amount, mh.formula.credit, mh.formula.adjusted_net_resources) == (
        Fraction(1750), Fraction("437.5"), Fraction("4562.5"))
    assert mh.table is not None
    assert (mh.table.percent, mh.table.amount) == (Fraction("27.38"), Decimal("1369.00"))
    assert mh.methods_differ
    assert "multiple_household_methods_differ" in formula.flags

    table = texas_guideline("2025-01-15", obligor, 3, other_children=1,
                            multiple_household_method="table")
    assert table.amount == Decimal("1369.00")
    assert table.method == "table_154_129"
    assert table.percentage == Decimal("27.38")
    assert table.multiple_household is not None
    assert table.multiple_household.formula.amount == Decimal("1368.75")


def test_tx11_medical_and_dental_caps() -> None:
    """TX-11: annual resources 60,000; obligee carries health 520/mo, dental 90/mo."""
    r = texas_guideline(
        "2025-01-15", Resources(net_resources=Decimal("4000")), 1,
        medical=Medical(annual_resources=Decimal("60000"),
                        health=HealthSupport("obligee_coverage", Decimal("520")),
                        dental=DentalSupport(Decimal("90"))),
    )
    m = r.medical
    assert m is not None
    assert (m.health_cap, m.dental_cap) == (Decimal("450.00"), Decimal("75.00"))
    assert m.health_kind == "obligee_coverage"
    assert m.health is not None and m.dental is not None
    assert (m.health.cost, m.health.amount, m.health.limited_by_cap) == (
        Decimal("520.00"), Decimal("450.00"), True)
    assert (m.dental.cost, m.dental.amount, m.dental.limited_by_cap) == (
        Decimal("90.00"), Decimal("75.00"), True)
    assert m.total == Decimal("525.00")
    # In addition to guideline support (20% x 4,000 = 800.00).
    assert r.amount == Decimal("800.00")
    assert r.total_monthly == Decimal("1325.00")


def test_tx10_empty_medical_mapping_reports_the_caps() -> None:
    """TX-10: annual resources 30,000: health cap 225.00/mo, dental 37.50/mo."""
    r = texas_guideline("2025-01-15", {"net_resources": "2000", "annual_resources": "30000"}, 1,
                        medical={})
    assert r.medical is not None
    assert (r.medical.health_cap, r.medical.dental_cap, r.medical.total) == (
        Decimal("225.00"), Decimal("37.50"), Decimal("0.00"))
    assert r.medical.health is None and r.medical.health_kind is None


def test_tx12_deductions_2025() -> None:
    """TX-12: 2025 chart, gross 5,000; child health 300; union dues 50; 2 children."""
    obligor = Resources(
        incomes=[IncomeItem(Decimal("5000"), "monthly", "wages")],
        deductions=Deductions(union_dues=Decimal("50"), child_health_insurance=Decimal("300")),
    )
    r = texas_guideline("2025-06-01", obligor, 2)
    assert r.net_resources.deductions == Decimal("350")
    assert r.net_resources.net_resources == Decimal("3837.37")
    assert r.amount == Decimal("959.34")


def test_tx14_step_downs() -> None:
    """TX-14: NR 5,000, 3 children: 1,500.00 -> 1,250.00 -> 1,000.00 (-> 0.00)."""
    r = texas_guideline(
        "2025-01-15", Resources(net_resources=Decimal("5000")), 3,
        children_dates=[ChildDates(datetime.date(2010, 3, 20)), "2008-06-10",
                        {"birth_date": "2012-09-05"}],
    )
    assert r.amount == Decimal("1500.00")
    assert [s.amount for s in r.step_downs] == [Decimal("1250.00"), Decimal("1000.00"), Decimal("0.00")]
    first = r.step_downs[0]
    assert first.effective_date == datetime.date(2026, 7, 1)
    assert first.children_ending == (1,)
    assert first.support_ends == (datetime.date(2026, 6, 10),)
    assert first.children_remaining == 2
    assert [s.effective_date for s in r.step_downs[1:]] == [
        datetime.date(2028, 4, 1), datetime.date(2030, 10, 1)]
    assert r.step_downs[-1].children_remaining == 0


def test_tx14_edges_support_end_and_due_day() -> None:
    """TX-14 variant: due day 15; a given end date; a 29 February birthday."""
    r = texas_guideline(
        "2025-01-15", Resources(net_resources=Decimal("5000")), 3, due_day=15,
        children_dates=[ChildDates("2008-02-29"), ChildDates("2011-01-10", "2029-05-31"),
                        ChildDates("2013-03-15")],
    )
    assert [(s.effective_date, s.amount) for s in r.step_downs] == [
        (datetime.date(2026, 3, 15), Decimal("1250.00")),
        (datetime.date(2029, 6, 15), Decimal("1000.00")),
        (datetime.date(2031, 4, 15), Decimal("0.00")),
    ]


def test_tx04_above_the_cap() -> None:
    """TX-04: 2026, gross 20,000, 1 child, proven needs 3,000: presumptive 2,340.00; max 3,000."""
    r = texas_guideline("2026-01-15", wages("20000"), 1, proven_needs=Decimal("3000"),
                        court_allocated_extra=Decimal("1000"))
    assert r.net_resources.net_resources == Decimal("14718.08")
    assert r.above_cap and r.cap == Decimal("11700.00")
    a = r.above_cap_support
    assert a is not None
    assert (a.presumptive, a.obligor_maximum, a.needs_gap) == (
        Decimal("2340.00"), Decimal("3000.00"), Decimal("660.00"))
    assert a.limited_by_maximum
    assert r.amount == Decimal("2340.00") and r.total_child_support == Decimal("3000.00")


def test_findings_and_deviation() -> None:
    r = texas_guideline("2025-01-15", Resources(net_resources=Decimal("4000")), 1,
                        obligee_net_resources=Decimal("2500"), ordered_amount=Decimal("750"))
    f = r.findings
    assert (f.obligor_net_resources, f.obligee_net_resources) == (Decimal("4000.00"), Decimal("2500.00"))
    assert f.percentage_applied == Decimal("20")
    assert (f.guideline_amount, f.ordered_amount) == (Decimal("800.00"), Decimal("750.00"))
    assert f.deviation and f.deviation_amount == Decimal("-50.00")
    assert "deviation" in r.flags


def test_texas_net_resources_chart_row() -> None:
    """spec/texas.md §4.4, 2026 row: gross 3,000 -> SS 186.00, Med 43.50, FIT 178.33, NR 2,592.17."""
    nr = texas_net_resources("2026-07-01", wages("3000.00"))
    assert isinstance(nr, TexasNetResources)
    assert (nr.social_security, nr.medicare, nr.federal_income_tax, nr.net_resources) == (
        Decimal("186.00"), Decimal("43.50"), Decimal("178.33"), Decimal("2592.17"))
    assert nr.tax_year == 2026 and nr.tax_parameter_set == "2026"
    assert nr.monthly_gross == Decimal("3000")
    assert nr.self_employment is None and nr.flags == ()


def test_texas_net_resources_alternative_set_and_self_employment() -> None:
    """§4.4: 2025 with standard deduction 15,750, gross 5,000 -> FIT 422.63, NR 4,194.87; §4.5
    self-employed (UNVERIFIED method) is flagged."""
    nr = texas_net_resources("2025-07-01", Resources(
        incomes=[IncomeItem("5000.00", "monthly", "wages")], tax_parameter_set="2025_sd_15750"))
    assert (nr.federal_income_tax, nr.net_resources) == (Decimal("422.63"), Decimal("4194.87"))
    assert nr.tax_parameter_set == "2025_sd_15750"
    assert "alternative_tax_parameters" in nr.flags

    se = texas_net_resources("2026-07-01", {"incomes": [
        {"amount": "5000", "frequency": "monthly", "kind": "self_employment"}]})
    assert se.self_employment is not None and se.self_employment.unverified
    assert se.flags[0] == "self_employed_method_unverified"


def test_presumption_and_unset_fields_take_the_engine_defaults() -> None:
    """TX-13 2026: no evidence of resources -> NR 1,160.54, support 232.11."""
    r = texas_guideline("2026-06-01", Resources(no_evidence_of_resources=True), 1)
    assert r.net_resources.method == "minimum_wage_presumption"
    assert r.net_resources.net_resources == Decimal("1160.54")
    assert r.amount == Decimal("232.11")
    # taxable=None is not sent: the engine's default (taxable) applies, as with taxable=True.
    a = texas_net_resources("2026-07-01", Resources(incomes=[IncomeItem(3000, "monthly", "other")]))
    b = texas_net_resources("2026-07-01", Resources(incomes=[IncomeItem(3000, "monthly", "other", True)]))
    c = texas_net_resources("2026-07-01", Resources(incomes=[IncomeItem(3000, "monthly", "other", False)]))
    # 2026: 36,000 - 16,100 = 19,900 taxable; 1,240 + 12% x 7,500 = 2,140 / 12 = 178.33
    # (the 2026 chart row for 3,000, spec/texas.md §4.4).
    assert a.federal_income_tax == b.federal_income_tax == Decimal("178.33")
    assert c.federal_income_tax == 0


def _numbers_match_their_annotations(obj: Any, path: str = "") -> None:
    """Money fields hold ``Decimal``, exact fields ``Fraction``, all the way down."""
    hints = typing.get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        where = f"{path}.{f.name}" if path else f.name
        hint = str(hints[f.name])
        if value is None:
            continue
        if "Fraction" in hint:
            assert type(value) is Fraction, where
        elif "Decimal" in hint:
            assert type(value) is Decimal, where
        elif dataclasses.is_dataclass(value):
            _numbers_match_their_annotations(value, where)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    _numbers_match_their_annotations(item, f"{where}[{i}]")


def test_amounts_are_decimals_exact_values_fractions_and_the_worksheet_is_steps() -> None:
    r = texas_guideline("2026-03-01", wages("6000"), 2, other_children=1,
                        children_dates=["2015-01-01", "2017-01-01"])
    _numbers_match_their_annotations(r)
    for name in ("cap", "amount", "total_child_support", "total_monthly"):
        assert type(getattr(r, name)) is Decimal, name
    for name in ("guideline_net_resources", "capped_net_resources", "percentage", "amount_exact"):
        assert type(getattr(r, name)) is Fraction, name
    for name in ("social_security", "medicare", "federal_income_tax", "net_resources"):
        assert type(getattr(r.net_resources, name)) is Decimal, name
    assert type(r.net_resources.net_resources_exact) is Fraction
    assert r.multiple_household is not None
    f = r.multiple_household.formula
    assert type(f.credit) is Fraction and type(f.amount) is Decimal
    for s in r.step_downs:
        assert type(s.amount) is Decimal
        assert isinstance(s.effective_date, datetime.date)
    assert isinstance(r.children, int) and isinstance(r.net_resources.tax_year, int)
    # The net-resources steps move into the result's one worksheet.
    assert r.net_resources.worksheet == ()
    assert any(s.key.startswith("texas.") and "154.062" in s.citation for s in r.worksheet)
    nr = texas_net_resources("2026-03-01", wages("6000"))
    for ws in (r.worksheet, nr.worksheet):
        assert ws and all(isinstance(s, Step) and s.key and s.citation for s in ws)
    assert dataclasses.is_dataclass(r)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.amount = Decimal(0)  # type: ignore[misc]


def test_a_float_is_refused_naming_the_field() -> None:
    with pytest.raises(TypeError, match=r"obligor\.incomes\[0\]\.amount.*float"):
        texas_guideline("2026-03-01", Resources(incomes=[IncomeItem(6000.0, "monthly", "wages")]), 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"proven_needs"):
        texas_guideline("2026-03-01", Resources(net_resources=20000), 1, proven_needs=3000.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"resources\.deductions\.union_dues"):
        texas_net_resources("2026-03-01", {"incomes": [{"amount": "1", "frequency": "monthly",
                                                         "kind": "wages"}],
                                           "deductions": {"union_dues": 5.5}})


def test_zero_children_is_invalid_input_naming_children() -> None:
    with pytest.raises(InvalidInputError) as e:
        texas_guideline("2026-03-01", Resources(net_resources=Decimal("3000")), 0)
    assert e.value.field == "children"
    assert e.value.code == "invalid_input"
    assert e.value.allowed
    assert isinstance(e.value, childsupport.ChildSupportError) and isinstance(e.value, ValueError)


def test_engine_field_paths_name_the_nested_input() -> None:
    with pytest.raises(InvalidInputError) as e:
        texas_guideline("2026-03-01", Resources(incomes=[IncomeItem(-100, "monthly", "wages")]), 1)
    assert e.value.field == "obligor.incomes[0].amount"
    with pytest.raises(InvalidInputError) as e:
        texas_net_resources("2026-03-01", Resources(incomes=[IncomeItem(-100, "monthly", "wages")]))
    assert e.value.field == "resources.incomes[0].amount"


def test_a_2023_tax_year_is_a_no_rule_error() -> None:
    with pytest.raises(NoRuleError) as e:
        texas_guideline("2023-06-01", wages("3000"), 1)
    assert e.value.rule == e.value.field == "federal_tax.parameters"
    assert e.value.date == "2023-01-01"
    assert e.value.covered and "2023" in e.value.covered
    with pytest.raises(NoRuleError):
        texas_net_resources("2026-06-01", Resources(incomes=[IncomeItem(3000, "monthly", "wages")],
                                                    tax_year=2023))


def test_the_dataclasses_cover_every_field_the_engine_returns() -> None:
    """If the engine adds a field, this fails until the typed layer declares it."""
    rich = childsupport.compute({"kind": "texas_guideline", "input": {
        "order_date": "2026-01-15",
        "obligor": {"incomes": [{"amount": "20000", "frequency": "monthly", "kind": "wages"},
                                {"amount": "1000", "frequency": "monthly", "kind": "self_employment"}]},
        "children": 2, "other_children": 1, "proven_needs": "5000", "court_allocated_extra": "500",
        "obligee_net_resources": "3000", "ordered_amount": "3000",
        "medical": {"health": {"kind": "obligee_coverage", "monthly_cost": "200"},
                    "dental": {"monthly_cost": "40"}},
        "children_dates": [{"birth_date": "2012-05-01"}, {"birth_date": "2015-02-28"}],
    }})["result"]
    assert rich["net_resources"]["self_employment"] is not None
    assert rich["multiple_household"]["table"] is not None
    assert rich["above_cap_support"] is not None
    assert rich["medical"]["health"] is not None and rich["step_downs"]
    assert _check_covers(TexasGuideline, rich, "result") == []
    low = childsupport.compute({"kind": "texas_guideline", "input": {
        "order_date": "2025-01-15", "obligor": {"net_resources": "900"}, "children": 1,
        "other_children": 1}})["result"]
    assert low["multiple_household"]["non_statutory"]
    assert _check_covers(TexasGuideline, low, "result") == []
    nr = childsupport.compute({"kind": "texas_net_resources", "input": {
        "calculation_date": "2026-07-01", "resources": {"incomes": [
            {"amount": "5000", "frequency": "monthly", "kind": "self_employment"}]}}})["result"]
    assert _check_covers(TexasNetResources, nr, "result") == []
    # And every one of them converts.
    assert texas_guideline("2025-01-15", Resources(net_resources=900), 1, other_children=1).multiple_household


def test_the_flag_literal_lists_every_engine_flag() -> None:
    """``TexasFlag`` follows the engine's ``Flag`` enum (serde snake_case of each variant)."""
    source = (REPO / "crates/childsupport/src/guideline/texas/mod.rs").read_text(encoding="utf-8")
    body = re.search(r"pub enum Flag \{(.*?)\n\}", source, re.S)
    assert body is not None
    variants = re.findall(r"^\s{4}([A-Z][A-Za-z0-9]*),", body.group(1), re.M)
    snake = {re.sub(r"(?<!^)([A-Z])", r"_\1", v).lower() for v in variants}
    assert snake and snake == set(typing.get_args(TexasFlag))



def test_issue_7_half_cent_and_exact_fractions() -> None:
    # NR 2,087.50, 4 before the court, 3 other (T = 7): credit 835 / 7 x 3 = 2505/7; adjusted
    # 24215/14; 0.35 x 24215/14 = 605.375 exactly -> 605.38 (half away from zero).
    r = texas_guideline("2025-05-06", Resources(net_resources=Decimal("2087.50")), 4,
                        other_children=3)
    assert r.amount == Decimal("605.38")
    assert r.amount_exact == Decimal("605.375")
    assert r.multiple_household is not None
    f = r.multiple_household.formula
    assert f.credit == Fraction(2505, 7)
    assert childsupport.texas.as_fraction(f.adjusted_net_resources) == Fraction(24215, 14)
    assert childsupport.texas.as_fraction(f.amount_exact) == Fraction(605375, 1000)


def test_net_resources_given_are_rounded_to_cents() -> None:
    # Library reading R-TX-1: 999.995 -> 1,000.00, not below 1,000: standard schedule, 200.00.
    r = texas_guideline("2025-01-15", Resources(net_resources=Decimal("999.995")), 1)
    assert r.net_resources.net_resources == Decimal("1000.00")
    assert r.net_resources.net_resources_exact == Decimal("999.995")
    assert (r.schedule, r.amount) == ("standard", Decimal("200.00"))
