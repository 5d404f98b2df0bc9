"""The typed California API on the spec's examples (spec/california.md §5)."""

from __future__ import annotations

import dataclasses
import datetime
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import childsupport
from childsupport import (
    AddOn,
    CaliforniaGuideline,
    InvalidInputError,
    NoRuleError,
    Rules,
    SpousalSupport,
    Step,
    TimeShare,
    california_guideline,
)


def n1(date: str, rules: Rules | None = None) -> CaliforniaGuideline:
    """N1: parent A 1,800, parent B 700, the high earner (A) has 0% time, one child."""
    return california_guideline(
        date, Decimal("1800"), Decimal("700"), TimeShare("parent_a", Decimal("0")), 1, rules=rules
    )


def test_n2_amount_payer_and_per_child() -> None:
    r = california_guideline(
        datetime.date(2025, 3, 1), Decimal("3000"), Decimal("1000"),
        time_share=TimeShare("parent_a", Decimal("0.20")), children=2,
    )
    assert r.amount == Decimal("954.21")
    assert r.payer == "parent_a" and r.recipient == "parent_b"
    assert r.band == 2
    assert r.law == "sb343"
    assert r.calculation_date == datetime.date(2025, 3, 1)
    assert [c.amount for c in r.per_child] == [Decimal("596.38"), Decimal("357.83")]
    assert r.low_income_adjustment is None
    assert r.add_ons is None
    assert r.missing_rules == ()
    # K = 1.2 x (0.131 + 4000/42149), exactly (§4055(b)(3), band 2).
    assert r.k == Fraction(6, 5) * (Fraction("0.131") + Fraction(4000, 42149))


def test_plain_ints_strings_and_mappings_are_accepted() -> None:
    r = california_guideline("2025-03-01", 3000, "1000.00", {"parent": "parent_b", "fraction": "0.8"}, 2)
    assert r.amount == Decimal("954.21")


def test_amounts_are_decimals_exact_values_fractions_and_the_worksheet_is_steps() -> None:
    r = california_guideline(
        "2025-01-01", Decimal("6000"), Decimal("2000"), TimeShare("parent_a", Decimal("0.5")), 2,
        birth_dates=[datetime.date(2015, 5, 1), datetime.date(2018, 2, 3)],
        add_ons=[AddOn("childcare", Decimal("1000"))],
    )
    for name in ("amount", "unadjusted_amount", "hardship_cap_per_child"):
        assert type(getattr(r, name)) is Decimal, name
    for name in ("amount_exact", "unadjusted_amount_exact", "high_earner_net_income",
                 "total_net_income", "high_earner_time_share", "fraction", "k", "multiplier",
                 "one_child_amount_exact"):
        assert type(getattr(r, name)) is Fraction, name
    assert isinstance(r.band, int)
    for c in r.per_child:
        assert type(c.amount) is Decimal and type(c.unadjusted_exact) is Fraction
        assert isinstance(c.birth_date, datetime.date)
    # Youngest first; input_index points back into birth_dates.
    assert [c.input_index for c in r.per_child] == [1, 0]
    assert r.add_ons is not None
    for name in ("parent_a_adjusted_income", "parent_b_adjusted_income", "parent_a_share",
                 "parent_b_share"):
        assert type(getattr(r.add_ons, name)) is Fraction, name
    for name in ("parent_a_total", "parent_b_total"):
        assert type(getattr(r.add_ons, name)) is Decimal, name
    assert r.worksheet and all(isinstance(s, Step) for s in r.worksheet)
    assert all(s.key and s.label and s.citation for s in r.worksheet)
    assert dataclasses.is_dataclass(r)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.amount = Decimal(0)  # type: ignore[misc]


def test_n1_low_income_range_sept_2024() -> None:
    # §4055(b)(7) presumes the adjustment: the amount is the lowest of the range.
    r = n1("2024-10-01")
    assert r.amount == Decimal("228.01")
    assert r.unadjusted_amount == Decimal("351.31")
    lia = r.low_income_adjustment
    assert lia is not None
    assert (lia.lowest_amount, lia.highest_amount) == (Decimal("228.01"), Decimal("351.31"))
    assert lia.applied == "presumptive"
    # T = 16.00 x 40 x 52 / 12 = 8320/3, exactly.
    assert lia.threshold == Fraction(8320, 3)
    assert [c.amount for c in r.per_child] == [Decimal("228.01")]
    assert [c.unadjusted_amount for c in r.per_child] == [Decimal("351.31")]


def test_n1_the_court_may_apply_another_amount_in_the_range_or_none() -> None:
    def run(choice: Any) -> CaliforniaGuideline:
        return california_guideline(
            "2025-06-01", Decimal("1800"), Decimal("700"), TimeShare("parent_a", Decimal("0")), 1,
            low_income_adjustment=choice,
        )
    assert run("none").amount == Decimal("351.31")
    r = run({"amount": Decimal("300.00")})
    assert (r.amount, r.hardship_cap_per_child) == (Decimal("300.00"), Decimal("300.00"))
    assert r.low_income_adjustment is not None
    assert r.low_income_adjustment.applied == {"amount": Decimal("300")}
    with pytest.raises(InvalidInputError) as e:
        run({"amount": Decimal("221.09")})
    assert e.value.field == "low_income_adjustment.amount"


def test_a_half_cent_result_rounds_up() -> None:
    # Issue 7's vector: exact 2,032.125 -> 2,032.13 (derivation in the conformance vector).
    r = california_guideline(
        "2026-07-22", Decimal("8547.50"), Decimal("8547.50"), TimeShare("parent_a", Decimal("0.75")), 3,
    )
    assert r.amount_exact == Fraction("2032.125")
    assert r.amount == Decimal("2032.13") and r.payer == "parent_b"
    assert [c.amount for c in r.per_child] == [Decimal("1016.06"), Decimal("609.64"), Decimal("406.43")]


def test_n1_low_income_range_2025() -> None:
    lia = n1("2025-06-01").low_income_adjustment
    assert lia is not None
    assert lia.threshold == Fraction(2860)
    assert (lia.max_reduction, lia.lowest_amount) == (Decimal("130.21"), Decimal("221.10"))


def test_n3_childcare_split_2025() -> None:
    """N3 (6,000 / 2,000, 50% time, one child): basic 750.00; $1,000 childcare -> 724.14 / 275.86."""
    r = california_guideline(
        "2025-01-01", Decimal("6000"), Decimal("2000"), TimeShare("parent_a", Decimal("0.50")), 1,
        add_ons=[AddOn("childcare", Decimal("1000"))],
    )
    assert r.amount == Decimal("750.00")
    assert r.payer == "parent_a"
    assert r.add_ons is not None
    assert r.add_ons.split == "proportional" and r.add_ons.is_default
    (item,) = r.add_ons.items
    assert (item.kind, item.amount, item.parent_a, item.parent_b) == (
        "childcare", Decimal("1000.00"), Decimal("724.14"), Decimal("275.86"))
    assert (r.add_ons.parent_a_total, r.add_ons.parent_b_total) == (Decimal("724.14"), Decimal("275.86"))


def test_add_on_split_override_and_spousal_support_are_passed_through() -> None:
    r = california_guideline(
        "2025-01-01", Decimal("6000"), Decimal("2000"), TimeShare("parent_a", Decimal("0.50")), 1,
        add_ons=[{"kind": "childcare", "amount": "1000"}], add_on_split="equal",
        spousal_support=SpousalSupport("parent_a", Decimal("500")),
    )
    assert r.add_ons is not None
    assert r.add_ons.split == "equal" and not r.add_ons.is_default
    assert (r.add_ons.parent_a_total, r.add_ons.parent_b_total) == (Decimal("500.00"), Decimal("500.00"))


def test_a_float_is_refused_naming_the_field() -> None:
    with pytest.raises(TypeError, match=r"parent_a_net_income.*float"):
        california_guideline("2025-03-01", 3000.0, 1000, TimeShare("parent_a", Decimal("0.2")), 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"time_share\.fraction"):
        california_guideline("2025-03-01", 3000, 1000, TimeShare("parent_a", 0.2), 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"add_ons\[0\]\.amount"):
        california_guideline("2025-03-01", 3000, 1000, TimeShare("parent_a", 0), 2,
                              add_ons=[{"kind": "childcare", "amount": 99.5}])


def test_engine_errors_carry_the_field() -> None:
    with pytest.raises(InvalidInputError) as e:
        california_guideline("2025-03-01", Decimal("-5"), 1000, TimeShare("parent_a", 0), 2)
    assert e.value.field == "parent_a_net_income"
    assert e.value.value == "-5"
    assert e.value.allowed
    assert e.value.code == "invalid_input"
    assert isinstance(e.value, childsupport.ChildSupportError) and isinstance(e.value, ValueError)

    with pytest.raises(InvalidInputError) as e:
        california_guideline("2025-03-01", 3000, 1000, TimeShare("parent_a", 0), 2,
                             birth_dates=["2020-01-01", "2026-01-01"])
    assert e.value.field == "birth_dates[1]"

    with pytest.raises(InvalidInputError) as e:
        california_guideline("2025-03-01", 3000, 1000, TimeShare("parent_a", Decimal("1.5")), 2)
    assert e.value.field == "time_share.fraction"


def test_a_date_before_the_rules_is_a_no_rule_error() -> None:
    with pytest.raises(NoRuleError) as e:
        california_guideline("1990-01-01", 3000, 1000, TimeShare("parent_a", 0), 1)
    assert e.value.rule is not None and e.value.rule == e.value.field
    assert e.value.rule.startswith("california.")
    assert e.value.date == "1990-01-01"
    assert e.value.covered


# A 2027 minimum wage for the rules-override test. The figure is a test fixture, not a claim
# about the law: the point is that a county can load a year the embedded rules lack.
RULES_2027 = """
[[california.minimum_wage]]
effective_from = "2027-01-01"
effective_through = "2027-12-31"
hourly = "17.00"
citation = "test fixture: a county-loaded 2027 minimum wage"
status = "UNVERIFIED"
"""


def test_rules_override_gives_2027_a_low_income_range() -> None:
    plain = n1("2027-03-01")
    assert plain.low_income_adjustment is None
    assert [m.rule for m in plain.missing_rules] == ["california.minimum_wage"]
    assert isinstance(plain.missing_rules[0].date, datetime.date)

    rules = Rules.from_toml(RULES_2027)
    assert not rules.is_default and rules.version == Rules.default().version
    r = n1("2027-03-01", rules)
    assert r.missing_rules == ()
    lia = r.low_income_adjustment
    assert lia is not None
    # Derived independently: T = 17 x 40 x 52 / 12; CS = (0.165 + 2500/82857) x 1800 (H% = 0);
    # lowest = CS x N / T, N = 1,800; rounded half away from zero.
    t = Fraction("17.00") * 40 * 52 / 12
    cs = (Fraction("0.165") + Fraction(2500, 82857)) * 1800
    assert lia.threshold == t
    lowest = cs * 1800 / t
    assert lia.lowest_amount_exact == lowest
    assert lia.lowest_amount == Decimal(lowest.numerator * 100 // lowest.denominator
                                        + (1 if (lowest * 100) % 1 >= Fraction(1, 2) else 0)) / 100
    assert r.unadjusted_amount == Decimal("351.31") and r.amount == lia.lowest_amount


def test_rules_from_path(tmp_path: Any) -> None:
    p = tmp_path / "ca-2027.toml"
    p.write_text(RULES_2027, encoding="utf-8")
    # As in the test above: T = 17 x 40 x 52 / 12; CS = (0.165 + 2500/82857) x 1800 = 351.31;
    # lowest = CS x 1,800 / T = 214.599... -> 214.60.
    for rules in (Rules.from_path(p), Rules.from_path(str(p))):
        lia = n1("2027-03-01", rules).low_income_adjustment
        assert lia is not None and lia.lowest_amount == Decimal("214.60")


def test_bad_rules_raise_rules_error() -> None:
    with pytest.raises(childsupport.RulesError) as e:
        Rules.from_toml("[[california.minimum_wage]]\nhourly = 'x'\n")
    assert e.value.code == "rules"
    with pytest.raises(childsupport.RulesError):
        Rules.from_path("/nonexistent/rules.toml")
    assert "[[california.k_tables]]" in Rules.embedded_toml()


def _check_covers(tp: Any, value: Any, path: str) -> list[str]:
    """Keys of ``value`` (result JSON) that the dataclass ``tp`` does not declare, recursively."""
    missing: list[str] = []
    origin = typing.get_origin(tp)
    if origin is not None and origin is not tuple and value is not None:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and typing.get_origin(args[0]) is not typing.Literal:
            return _check_covers(args[0], value, path)
    if origin is tuple and isinstance(value, list):
        for i, v in enumerate(value):
            missing += _check_covers(typing.get_args(tp)[0], v, f"{path}[{i}]")
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = typing.get_type_hints(tp)
        for k, v in value.items():
            if k not in hints:
                missing.append(f"{path}.{k}")
            else:
                missing += _check_covers(hints[k], v, f"{path}.{k}")
    return missing


def test_the_dataclasses_cover_every_field_the_engine_returns() -> None:
    """If the engine adds a field, this fails until the typed layer declares it."""
    response = childsupport.compute({"kind": "california_guideline", "input": {
        "calculation_date": "2024-10-01", "parent_a_net_income": "1800", "parent_b_net_income": "700",
        "time_share": {"parent": "parent_a", "fraction": "0"}, "children": 2,
        "birth_dates": ["2015-01-01", "2019-01-01"],
        "add_ons": [{"kind": "childcare", "amount": "300"}],
    }})
    # 2024-10-01: T = 16 x 40 x 52 / 12 = 2,773.33...; CS = (0.165 + 2500/82857) x 1800 x 1.6
    # = 562.10; lowest = CS x 1,800 / T = 364.82 (FC §4055(b)(7)).
    assert response["result"]["low_income_adjustment"]["lowest_amount"] == "364.82"
    assert _check_covers(CaliforniaGuideline, response["result"], "result") == []
    missing = childsupport.compute({"kind": "california_guideline", "input": {
        "calculation_date": "2027-10-01", "parent_a_net_income": "1800", "parent_b_net_income": "700",
        "time_share": {"parent": "parent_a", "fraction": "0"}, "children": 1}})
    assert missing["result"]["missing_rules"]
    assert _check_covers(CaliforniaGuideline, missing["result"], "result") == []


def test_hardship_cap_and_ordered_support() -> None:
    # spec california.md §5.2: the §4071(b) cap for the N2 order (954.21, 2 children) is
    # 954.21 / 2 = 477.105, rounded toward zero: 477.10.
    r = childsupport.california_guideline(
        "2025-03-01", Decimal("3000"), Decimal("1000"),
        time_share=TimeShare("parent_a", Decimal("0.20")), children=2,
    )
    assert r.hardship_cap_per_child == Decimal("477.10")
    # Regal Law example (spec §5.2, SECONDARY): 7,000 - 1,000 spousal - 500 ordered = 5,500 vs
    # 3,000 + 1,000 = 4,000; childcare 1,000 -> 5500/9500 = 578.947... -> 578.95 and 421.05.
    r = childsupport.california_guideline(
        "2025-03-01", Decimal("7000"), Decimal("3000"),
        time_share=TimeShare("parent_a", Decimal("0.20")), children=1,
        add_ons=[AddOn("childcare", Decimal("1000"))],
        spousal_support={"paid_by": "parent_a", "amount": Decimal("1000")},
        ordered_basic_support=Decimal("500"),
    )
    assert r.add_ons is not None
    assert (r.add_ons.items[0].parent_a, r.add_ons.items[0].parent_b) == (Decimal("578.95"), Decimal("421.05"))


def test_different_time_shares_per_child() -> None:
    # FC §4055(b)(1)(D): H% is the average (0.4 and 0.6 -> 0.5); TN 8,000: K = 1.5 x 0.25;
    # CS1 = 0.375 x (6000 - 4000) = 750; x 1.6 = 1,200.00; (b)(8) does not apply.
    r = childsupport.california_guideline(
        "2025-03-01", Decimal("6000"), Decimal("2000"), time_share=None, children=2,
        child_time_shares=[TimeShare("parent_a", Decimal("0.4")), TimeShare("parent_a", Decimal("0.6"))],
    )
    assert r.amount == Decimal("1200.00")
    assert r.per_child == ()
    with pytest.raises(InvalidInputError) as e:
        childsupport.california_guideline(
            "2025-03-01", Decimal("6000"), Decimal("2000"), time_share=None, children=2,
        )
    assert e.value.field == "time_share"
