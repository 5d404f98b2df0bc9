"""Typed allocation and withholding: the spec's vectors E8, E9 and E12 and the Texas Attorney
General's example 1, with values derived by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from childsupport import (
    AllocationCase,
    AllocationPolicy,
    Earnings,
    InvalidInputError,
    WithholdingOrder,
    collection_allocation,
    collection_post,
    withholding_amounts,
    withholding_order_arrears,
)


def test_allocation_e8_by_current_support_with_agency_totals() -> None:
    # 500 x 350/750 = 233.33.., x 250/750 = 166.66.. (+1 cent, largest fraction), x 150/750 = 100.
    r = collection_allocation("2026-03-10", Decimal("500"), [
        AllocationCase(id="A", agency="Jackson", current_due="350"),
        AllocationCase(id="B", agency="Jackson", current_due="250"),
        AllocationCase(id="C", agency="Greene", current_due="150"),
    ], state="missouri")
    assert [c.total for c in r.cases] == [Decimal("233.33"), Decimal("166.67"), Decimal("100.00")]
    assert [(a.agency, a.total) for a in r.agencies] == [
        ("Greene", Decimal("100.00")), ("Jackson", Decimal("400.00"))]
    assert r.cases[0].path[0].obligation == "current"
    assert "303.100(a)(5)" in r.cases[0].path[0].citation


def test_allocation_e9_oldest_first_policy() -> None:
    # Current 750 in full; the 250 left to B, whose unpaid support is the oldest.
    r = collection_allocation("2026-03-10", 1000, [
        {"id": "A", "agency": "X", "current_due": "350", "arrears": "1000",
         "oldest_unpaid": "2024-05-01"},
        {"id": "B", "agency": "X", "current_due": "250", "arrears": "3000",
         "oldest_unpaid": "2023-01-01"},
        {"id": "C", "agency": "X", "current_due": "150"},
    ], policy=AllocationPolicy("oldest_first", "refund"))
    assert [c.arrears for c in r.cases] == [Decimal("0.00"), Decimal("250.00"), Decimal("0.00")]
    assert r.policy.arrears == "oldest_first"


def test_allocation_errors_name_the_field() -> None:
    with pytest.raises(InvalidInputError) as e:
        collection_allocation("2026-03-10", "-1", [AllocationCase(id="A", agency="X",
                                                                  current_due="1")],
                              state="missouri")
    assert e.value.field == "amount"
    with pytest.raises(InvalidInputError) as e:
        collection_allocation("2026-03-10", "1", [], state="missouri")
    assert e.value.field == "cases"


def test_allocation_posting_credits_each_ledger() -> None:
    # $600 on 2025-02-10: current 300 + 200, then 100 by balance 300:200 = 60, 40; each ledger
    # credits current support, then principal: January's principal left 240 and 160.
    def ledger(amount: str) -> dict[str, object]:
        return {"case": {"state": "california", "orders": [
            {"frequency": "monthly", "amount": amount, "start": "2025-01-01"}]}}
    r = collection_post("2025-02-10", "600", [
        AllocationCase(id="A", agency="Fresno", current_due="300", arrears="300"),
        AllocationCase(id="B", agency="Kern", current_due="200", arrears="200"),
    ], {"A": ledger("300"), "B": ledger("200")}, payment_id="SDU-1",
        policy=AllocationPolicy("by_balance", "future"))
    assert [c.ledger.totals.balances.principal for c in r.cases] == [
        Decimal("240.00"), Decimal("160.00")]


def test_withholding_texas_attorney_general_example_1() -> None:
    # Limit 50% x 850 = 425; current 350 in full, then 25 of arrears each: 125, 225, 75.
    r = withholding_amounts("2026-03-06", Earnings(disposable="850"), [
        WithholdingOrder(id="1", current="100", arrears="50"),
        WithholdingOrder(id="2", current="200", arrears="50"),
        WithholdingOrder(id="3", current="50", arrears="25"),
    ], state="texas")
    assert [o.total for o in r.orders] == [Decimal("125.00"), Decimal("225.00"), Decimal("75.00")]
    assert r.unwithheld == Decimal("50.00")


def test_withholding_e12_proration_and_a_bad_fraction() -> None:
    # 50% x 1,000 = 500 prorated 400:200 = 333.33, 166.67.
    r = withholding_amounts("2026-03-06", {"disposable": "1000"}, [
        {"id": "X", "current": "400", "arrears": "100"},
        {"id": "Y", "current": "200", "arrears": "50"},
    ], supports_other_family=True)
    assert [o.total for o in r.orders] == [Decimal("333.33"), Decimal("166.67")]
    with pytest.raises(InvalidInputError) as e:
        withholding_amounts("2026-03-06", {"disposable": "1000"}, [{"id": "X", "current": "1"}],
                            state_max_fraction="1.5")
    assert e.value.field == "state_max_fraction"


def test_withholding_converts_monthly_amounts() -> None:
    # $500 a month, biweekly: 500 x 12 / 26 = 230.769... -> 230.77.
    r = withholding_amounts("2026-03-06", Earnings(disposable="5000"),
                            [WithholdingOrder(id="1", current="500")],
                            pay_period="biweekly", monthly_amounts=True)
    assert r.orders[0].current_due == Decimal("230.77")
    assert r.conversion is not None and r.conversion.periods_a_year == 26


def test_order_arrears_lower_of_25_percent_and_50_percent_of_disposable() -> None:
    # 22 CCR 116100(a)(3): 25% of 400 = 100; 50% of 900 = 450, less 400 current = 50 (binds).
    r = withholding_order_arrears("2026-03-01", "california", "400", "5000", disposable="900")
    assert (r.arrears, r.total) == (Decimal("50.00"), Decimal("450.00"))
    assert [s.bound for s in r.steps] == ["share_of_current", "share_of_disposable", "balance"]


def test_order_arrears_needs_current_or_terminated_support() -> None:
    with pytest.raises(InvalidInputError) as e:
        withholding_order_arrears("2026-03-01", "california", "0", "5000")
    assert e.value.field == "current"
