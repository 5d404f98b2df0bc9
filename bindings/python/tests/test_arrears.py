"""The typed arrears API on the spec's examples (spec/california.md §5.4-5.5, spec/texas.md §6
TX-15 to TX-18) and the arrears conformance vectors (tests/vectors/arrears.json).

Expected figures come from the spec and the vectors' derivations, not from running the code.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import typing
from decimal import Decimal
from typing import Any

import pytest

import childsupport
from childsupport import (
    ArrearsLedger,
    ArrearsPayoff,
    CreditingTier,
    DayCount,
    Fee,
    InterestStart,
    InvalidInputError,
    Judgment,
    Jurisdiction,
    LedgerItemKind,
    LedgerOptions,
    LedgerSavedState,
    LineEvent,
    ObligationType,
    Order,
    OrderChange,
    OrderFrequency,
    Payment,
    PaymentSource,
    Renewal,
    Step,
    TexasWithholding,
    arrears_ledger,
    arrears_payoff,
    texas_withholding,
)

from childsupport.arrears import _given
from conftest import REPO
from test_california import _check_covers

D = Decimal
JAN_1 = datetime.date(2025, 1, 1)


def one_installment() -> list[Order]:
    """spec/california.md §5.4 I1: one $500 installment due 2025-01-01."""
    return [Order("monthly", D("500"), "2025-01-01", type="child", end="2025-01-31", due_day=1)]


def six_installments() -> list[Order]:
    """§5.4 I2: $500 due on the 1st, January to June 2025."""
    return [Order("monthly", D("500"), JAN_1, end=datetime.date(2025, 6, 30))]


@pytest.mark.parametrize(("iv_d", "day_count", "interest"), [
    (False, "actual_365", "24.79"),   # 500 x 0.10 x 181/365
    (False, "monthly", "25.00"),      # 6 months x 500 x 0.10/12
    (True, "actual_365", "20.55"),    # Fam. Code §17433.5: from 2025-02-01, 150 days
    (True, "monthly", "20.83"),       # 5 months
])
def test_california_i1_one_unpaid_installment(iv_d: bool, day_count: DayCount, interest: str) -> None:
    r = arrears_ledger("california", "2025-07-01", one_installment(), iv_d=iv_d,
                       options=LedgerOptions(day_count=day_count))
    assert isinstance(r, ArrearsLedger)
    assert r.totals.balances.principal == D("500.00")
    assert r.totals.balances.interest == D(interest)
    assert r.totals.owed_since == JAN_1
    assert r.settings.iv_d is iv_d and r.settings.day_count == day_count
    assert r.settings.interest_start == ("first_of_next_month" if iv_d else "due_date")


@pytest.mark.parametrize(("iv_d", "day_count", "interest"), [
    (False, "actual_365", "86.99"),   # 635 installment-days x 500 x 0.10/365
    (False, "monthly", "87.50"),      # 21 installment-months
    (True, "actual_365", "62.19"),    # 454 installment-days, rounded once (not 62.20)
    (True, "monthly", "62.50"),       # 15 installment-months
])
def test_california_i2_six_unpaid_installments(iv_d: bool, day_count: DayCount, interest: str) -> None:
    r = arrears_ledger("california", "2025-07-01", six_installments(), iv_d=iv_d,
                       options={"day_count": day_count})
    assert r.totals.balances.principal == D("3000.00")
    assert r.totals.due == D("3000.00")
    assert r.totals.balances.interest == D(interest)
    assert [i.due.month for i in r.installments] == [1, 2, 3, 4, 5, 6]


def crediting_case(amount: str, as_of: str = "2025-07-16",
                   options: LedgerOptions | None = None) -> ArrearsLedger:
    """§5.5: $500 monthly from January 2025, IV-D, monthly day count; one payment 2025-07-15."""
    return arrears_ledger(
        "california", as_of, [Order("monthly", D("500"), "2025-01-01", type="child", due_day=1)],
        payments=[Payment("2025-07-15", D(amount))], iv_d=True, options=options,
    )


def test_california_5_5_crediting_after_2009() -> None:
    """§5.5, CCP §695.221 from 2009: 1,200 -> 500 July current, 700 principal (Jan 500, Feb
    200), 0 interest; after: principal 2,300, interest 73.79 (62.50 + 3,000 x 0.10/12 x 14/31)."""
    r = crediting_case("1200")
    posting, line = r.lines[12], r.lines[13]
    assert (posting.event, posting.date, posting.amount) == ("interest", datetime.date(2025, 7, 15),
                                                            D("11.29"))
    assert line.event == "payment" and line.reference == "payments[0]"
    assert line.amount == D("1200.00")
    assert [(a.tier, a.item, a.amount) for a in line.applied] == [
        ("current", "orders[0]#7", D("500.00")),
        ("principal", "orders[0]#1", D("500.00")),
        ("principal", "orders[0]#2", D("200.00")),
    ]
    assert line.applied[0].due == datetime.date(2025, 7, 1) and line.applied[0].type == "child"
    assert not any(a.from_credit for a in line.applied)
    assert line.to_credit == D("0.00")
    assert line.balances.principal == D("2300.00")
    assert line.balances.interest == D("73.79")
    assert "695.221" in line.citation
    july = r.periods[-1]
    assert (july.month, july.paid, july.applied_current, july.applied_principal) == (
        "2025-07", D("1200.00"), D("500.00"), D("700.00"))


def test_california_5_5_crediting_before_2009_by_parameter() -> None:
    """§5.5, the pre-2009 order applied by ``crediting_date``: 500 current, 73.79 interest,
    626.21 principal (Jan 500, Feb 126.21); after: principal 2,373.79, interest 0."""
    r = crediting_case("1200", options=LedgerOptions(crediting_date=datetime.date(2008, 12, 31)))
    line = r.lines[13]
    assert [(a.tier, a.amount) for a in line.applied] == [
        ("current", D("500.00")), ("interest", D("73.79")),
        ("principal", D("500.00")), ("principal", D("126.21"))]
    assert (line.balances.principal, line.balances.interest) == (D("2373.79"), D("0.00"))
    assert r.settings.crediting_date == datetime.date(2008, 12, 31)


def test_california_5_5_overpayment_is_credit_for_later_installments() -> None:
    """§5.5, payment 3,600: 500 current, 3,000 principal, 73.79 interest, 26.21 credit, which
    pays August's installment in part when it falls due."""
    r = crediting_case("3600", as_of="2025-08-02")
    line = r.lines[13]
    assert (line.applied[7].tier, line.applied[7].amount) == ("interest", D("73.79"))
    assert line.to_credit == D("26.21") and line.balances.credit == D("26.21")
    assert r.totals.counters.credit_applied == D("26.21")
    assert r.totals.balances.credit == D("0.00")
    assert r.totals.balances.principal == D("473.79")
    assert any(a.from_credit for ln in r.lines for a in ln.applied)


def texas_tx15_payments(december: str = "500") -> list[Payment]:
    """TX-15: from April 2025, 500 paid on each due date (TX-16: December's is 800)."""
    days = [datetime.date(2025, m, 1) for m in range(4, 13)]
    return [Payment(d, D(december if d.month == 12 else "500")) for d in days]


def test_texas_tx15_interest_on_the_excess_over_one_month() -> None:
    """TX-15 (Fam. Code §157.265): interest through 2025-12-31 = 2.30137 + 45.20548 = 47.51;
    principal 1,500 (Jan-Mar), all unconfirmed."""
    r = arrears_ledger("texas", "2026-01-01",
                       [Order("monthly", D("500"), "2025-01-01", type="child", due_day=1)],
                       payments=texas_tx15_payments())
    b = r.totals.balances
    assert b.interest == D("47.51")
    assert b.principal == D("1500.00") and b.unconfirmed_principal == D("1500.00")
    assert b.confirmed_principal == D("0.00")
    assert r.totals.owed_since == JAN_1
    assert r.settings.day_count == "actual_365" and r.settings.interest_start is None
    assert r.settings.type_order == ("child", "medical", "dental", "spousal")
    assert [t.type for t in r.totals.by_type] == ["child", "medical", "dental", "spousal"]
    assert r.totals.by_type[0].interest_accrued == D("47.51")


def test_texas_tx16_crediting_and_a_report_date() -> None:
    """TX-16 (§157.268): 800 on 2025-12-01: 500 current, 300 unconfirmed principal (January);
    interest 42.41 as of 2025-12-01 (snapshot), 45.98 at the year end."""
    r = arrears_ledger("texas", datetime.date(2026, 1, 1),
                       [{"type": "child", "frequency": "monthly", "amount": "500",
                         "start": "2025-01-01", "due_day": 1}],
                       payments=texas_tx15_payments("800"), report_dates=["2025-12-01"])
    (snap,) = r.snapshots
    assert snap.as_of == datetime.date(2025, 12, 1)
    assert snap.balances.interest == D("42.41")
    assert snap.balances.unconfirmed_principal == D("1500.00")
    line = r.lines[29]
    assert line.event == "payment"
    assert [(a.tier, a.item, a.amount) for a in line.applied] == [
        ("current", "orders[0]#12", D("500.00")),
        ("unconfirmed_principal", "orders[0]#1", D("300.00"))]
    assert line.balances.unconfirmed_principal == D("1200.00")
    assert line.balances.interest == D("42.41")
    assert r.totals.balances.interest == D("45.98")


def test_texas_tx17_two_year_option_limited_by_disposable_earnings() -> None:
    """TX-17 (§158.003, §158.009): 15,000 / 24 = 625.00 > 20% x 500; total 1,125.00; limit
    50% x 2,000 = 1,000.00 withheld, 500.00 of it to arrears; 24 payments without interest."""
    w = texas_withholding("2025-07-01", D("500"), D("15000"), disposable_earnings=D("2000"))
    assert isinstance(w, TexasWithholding)
    assert (w.two_year_amount, w.twenty_percent_amount) == (D("625.00"), D("100.00"))
    assert (w.additional, w.option) == (D("625.00"), "two_year")
    assert w.total == D("1125.00")
    assert (w.limit, w.withheld, w.arrears_payment) == (D("1000.00"), D("1000.00"), D("500.00"))
    assert w.months_without_interest == 24
    assert w.projection is not None and w.projection.payment == D("500.00")
    assert w.projection.paid_off and w.projection.schedule == ()
    assert any("158.009" in s.citation for s in w.worksheet)


def test_texas_tx18_twenty_percent_option() -> None:
    """TX-18: 1,000 / 24 = 41.6667 -> 41.67 (rounded up); 20% of 500 = 100.00 is larger;
    total 600.00; 10 payments without interest; no limit without disposable earnings."""
    w = texas_withholding(datetime.date(2025, 7, 1), 500, "1000")
    assert (w.two_year_amount, w.twenty_percent_amount) == (D("41.67"), D("100.00"))
    assert (w.additional, w.option, w.total) == (D("100.00"), "twenty_percent", D("600.00"))
    assert w.limit is None and w.withheld == D("600.00")
    assert w.months_without_interest == 10


def test_payoff_arr_payoff_1() -> None:
    """ARR-PAYOFF-1: California, 1,000 principal from 2025-01-01, 10% monthly. Paying 1,000 on
    2025-02-01 posts 8.33 and pays principal first; the second payment (2025-03-01) pays the
    8.33. The smallest payment paying off in one is 1,008.33."""
    p = arrears_payoff("california", "2025-01-01", D("1000"), payment=D("1000"), within_months=1,
                       schedule=True)
    assert isinstance(p, ArrearsPayoff)
    assert (p.rate, p.day_count, p.state) == (D("0.10"), "monthly", "california")
    w = p.with_payment
    assert w is not None
    assert (w.payments, w.payoff_date) == (2, datetime.date(2025, 3, 1))
    assert (w.interest_paid, w.last_payment, w.total_paid) == (D("8.33"), D("8.33"), D("1008.33"))
    first = w.schedule[0]
    assert (first.number, first.interest_posted, first.to_principal, first.interest) == (
        1, D("8.33"), D("1000.00"), D("8.33"))
    m = p.within_months
    assert m is not None
    assert (m.months, m.payment, m.projection.payments) == (1, D("1008.33"), 1)
    # Neither asked for: left out of the answer, None here.
    only = arrears_payoff("california", "2025-01-01", 1000, within_months=1)
    assert only.with_payment is None and only.within_months is not None
    assert only.within_months.projection.schedule == ()


def test_payoff_needs_a_payment_or_months() -> None:
    with pytest.raises(InvalidInputError) as e:
        arrears_payoff("texas", "2025-01-01", D("1000"))
    assert e.value.field == "payment"


# --- errors ----------------------------------------------------------------------------------


def test_a_payment_before_any_order_names_the_payment_date() -> None:
    """ARR-ERR-payment-before-order."""
    with pytest.raises(InvalidInputError) as e:
        arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01")],
                       payments=[Payment("2024-12-31", D("10"))])
    assert e.value.field == "payments[0].date"
    assert e.value.code == "invalid_input"
    assert e.value.allowed and "2025-01-01" in e.value.allowed
    assert isinstance(e.value, childsupport.ChildSupportError) and isinstance(e.value, ValueError)


def test_engine_errors_name_the_field() -> None:
    with pytest.raises(InvalidInputError) as e:  # ARR-ERR-negative-payment
        arrears_ledger("texas", "2025-07-01", [Order("monthly", 500, "2025-01-01")],
                       payments=[Payment("2025-02-01", 10), {"date": "2025-03-01", "amount": "-10"}])
    assert e.value.field == "payments[1].amount"
    with pytest.raises(InvalidInputError) as e:  # ARR-ERR-frequency
        arrears_ledger("texas", "2025-07-01", [{"frequency": "daily", "amount": 500,
                                                "start": "2025-01-01"}])
    assert e.value.field == "orders[0].frequency"
    with pytest.raises(InvalidInputError) as e:
        arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01")],
                       judgments=[Judgment("2025-03-01")])
    assert e.value.field == "judgments[0]"
    with pytest.raises(InvalidInputError) as e:
        arrears_ledger("texas", "2025-07-01", [Order("monthly", 500, "2025-01-01")],
                       options=LedgerOptions(type_order=["child", "medical"]))
    assert e.value.field == "options.type_order"


def test_a_float_is_refused_naming_the_field() -> None:
    with pytest.raises(TypeError, match=r"payments\[0\]\.amount.*float"):
        arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01")],
                       payments=[Payment("2025-02-01", 10.5)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"orders\[0\]\.changes\[0\]\.amount"):
        arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01", changes=[
            OrderChange("2025-03-01", 600.0)])])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"arrears"):
        texas_withholding("2025-07-01", 500, 1000.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rate"):
        arrears_payoff("california", "2025-01-01", 1000, payment=100, rate=0.1)  # type: ignore[arg-type]


# --- defaults, types, saved state ------------------------------------------------------------


def test_unset_fields_take_the_engine_defaults() -> None:
    """An order without ``type`` is child support, without ``due_day`` due on the start's day;
    ``iv_d`` left out is a non-IV-D case; an empty ``Judgment.types`` is sent (confirms none)."""
    plain = arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01")])
    full = arrears_ledger("california", "2025-07-01", [Order("monthly", 500, "2025-01-01",
                                                              type="child", due_day=1)], iv_d=False)
    assert plain == full
    orders = [Order("monthly", 500, "2025-01-01")]
    pays = texas_tx15_payments()
    every = arrears_ledger("texas", "2026-01-01", orders, payments=pays,
                           judgments=[Judgment("2025-06-30")])
    none = arrears_ledger("texas", "2026-01-01", orders, payments=pays,
                          judgments=[Judgment("2025-06-30", types=[])])
    # TX-15's ledger confirmed on 2025-06-30 (§157.263): principal 1,500 (Jan-Mar) + interest to
    # the judgment: 500 x 0.06 x 28/365 (Mar 4-31) + 1,000 x 0.06 x 90/365 (Apr 1-Jun 29; the
    # judgment bears interest from the date rendered, §157.265(b)) = 17.095890 -> 17.10. The later
    # payments each meet their month's installment (current support), so the judgment stays.
    assert every.totals.balances.confirmed_principal == D("1517.10")
    assert none.totals.balances.confirmed_principal == 0


def test_every_amount_is_a_decimal_and_every_date_a_date() -> None:
    r = crediting_case("1200")
    for name in ("due", "paid", "interest_accrued_exact"):
        assert type(getattr(r.totals, name)) is Decimal, name
    for f in dataclasses.fields(r.totals.balances):
        assert type(getattr(r.totals.balances, f.name)) is Decimal, f.name
    for ln in r.lines:
        assert isinstance(ln.date, datetime.date) and type(ln.amount) is Decimal
        for a in ln.applied:
            assert type(a.amount) is Decimal
    for inst in r.installments:
        assert type(inst.rate) is Decimal and type(inst.unpaid) is Decimal
        assert isinstance(inst.interest_from, datetime.date)
    assert isinstance(r.saved_state.consumed.payments, int)
    assert r.worksheet and all(isinstance(s, Step) and s.key and s.citation for s in r.worksheet)
    assert isinstance(r.lines, tuple) and isinstance(r.saved_state.items, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.as_of = JAN_1  # type: ignore[misc]


def texas_rich_inputs() -> dict[str, Any]:
    """A Texas ledger with two orders (one changed), a dental order, fees, a tax offset, a
    judgment confirming child support, an overpayment carried as credit, and a report date."""
    return {
        "orders": [Order("monthly", D("500"), "2025-01-01", due_day=1,
                         changes=[OrderChange("2025-09-15", D("550"))]),
                   Order("monthly", D("100"), "2025-01-01", type="dental")],
        "payments": [Payment("2025-04-01", D("600"), receipt=1),
                     Payment("2025-05-01", D("300"), source="tax_offset"),
                     Payment("2025-08-01", D("700")),
                     Payment("2025-11-01", D("9000"))],
        "fees": [Fee("2025-02-01", D("25"), "service")],
        "judgments": [Judgment("2025-06-30", types=["child"])],
        "report_dates": ["2025-05-01"],
    }


def test_resuming_from_a_saved_state_gives_the_totals_from_the_start() -> None:
    inputs = texas_rich_inputs()
    whole = arrears_ledger("texas", "2026-03-01", **inputs)
    # The first run knows only the events before its as_of; later ones are added on resuming.
    early = {**inputs, "payments": inputs["payments"][:2], "report_dates": []}
    first = arrears_ledger("texas", "2025-07-15", **early)
    assert isinstance(first.saved_state, LedgerSavedState)
    assert first.saved_state.as_of == datetime.date(2025, 7, 15)
    assert first.saved_state.consumed.judgments == 1
    resumed = arrears_ledger("texas", "2026-03-01", resume_from=first.saved_state,
                             **{**inputs, "report_dates": []})
    assert resumed.totals == whole.totals
    assert resumed.saved_state == whole.saved_state
    assert resumed.lines == tuple(ln for ln in whole.lines if ln.date >= datetime.date(2025, 7, 15))
    # Stored as JSON text and read back, the state resumes the same way.
    stored = json.dumps(first.saved_state.to_json())
    again = arrears_ledger("texas", "2026-03-01", resume_from=json.loads(stored),
                           **{**inputs, "report_dates": []})
    assert again.totals == whole.totals


def test_resuming_a_california_ledger_with_a_renewal() -> None:
    orders = [Order("monthly", D("500"), "2024-01-01")]
    pays = [Payment("2024-06-10", D("700")), Payment("2025-03-10", D("400"))]
    renewals = [Renewal("2024-12-20")]
    whole = arrears_ledger("california", "2025-06-01", orders, payments=pays, renewals=renewals)
    first = arrears_ledger("california", "2024-09-01", orders, payments=pays[:1])
    resumed = arrears_ledger("california", "2025-06-01", orders, payments=pays, renewals=renewals,
                             resume_from=first.saved_state)
    assert resumed.totals == whole.totals
    # The renewal (2024-12-20) capitalises the interest accrued to the start of its day (the
    # renewed amount bears interest from it), derived by hand: 10% from each due date (non-IV-D),
    # a whole month 0.10/12, a partial one by days / days in the month. The 2024-06-10 payment
    # pays June (current) and 200 of January. In months of 500: February-May and July-November
    # 49 whole months, and those 9 installments plus December's 19/31 of December each (190/31);
    # January 500 x (5 + 9/30) then 300 x (21/30 + 5 + 19/31); June 500 x 9/30 (to June 9):
    # 0.10/12 x (500 x (49 + 190/31) + 500 x (5 + 9/30) + 300 x (21/30 + 5 + 19/31) + 500 x 9/30)
    # = 268.819892 -> 268.82.
    assert whole.totals.by_type[0].interest_capitalized == D("268.82")
    assert any(i.kind == "renewal" for i in whole.installments)


def test_the_saved_state_round_trips_exactly() -> None:
    """The typed saved state gives back the engine's JSON digit for digit."""
    request = {"kind": "arrears_ledger", "input": {
        "state": "texas", "as_of": "2026-01-01",
        "orders": [{"frequency": "monthly", "amount": "500", "start": "2025-01-01"}],
        "payments": [{"date": "2025-04-01", "amount": "500"}],
        "judgments": [{"date": "2025-06-30"}]}}
    raw = childsupport.compute(request)["result"]["saved_state"]
    typed = arrears_ledger("texas", "2026-01-01", [Order("monthly", "500", "2025-01-01")],
                           payments=[Payment("2025-04-01", "500")],
                           judgments=[Judgment("2025-06-30")]).saved_state
    assert typed.to_json() == raw
    assert typed.interest[0].accrued == D(raw["interest"][0]["accrued"]) != 0
    assert [i.kind for i in typed.items].count("judgment") == 1


# --- drift: the dataclasses follow the engine ------------------------------------------------


def test_the_dataclasses_cover_every_field_the_engine_returns() -> None:
    """If the engine adds a field, this fails until the typed layer declares it."""
    texas = childsupport.compute({"kind": "arrears_ledger", "input": {
        "state": "texas", "as_of": "2026-03-01", **_given(texas_rich_inputs())}})["result"]
    events = {ln["event"] for ln in texas["lines"]}
    assert {"installment", "order_change", "fee", "payment", "interest", "judgment"} <= events
    assert {"judgment", "installment"} <= {i["kind"] for i in texas["installments"]}
    tiers = {a["tier"] for ln in texas["lines"] for a in ln.get("applied", [])}
    assert {"current", "unconfirmed_principal", "confirmed_principal", "interest", "fees"} <= tiers
    assert texas["snapshots"] and texas["totals"]["balances"]["credit"] != "0.00"
    assert _check_covers(ArrearsLedger, texas, "result") == []

    california = childsupport.compute({"kind": "arrears_ledger", "input": {
        "state": "california", "as_of": "2026-03-01", "iv_d": True,
        "options": {"interest_start": "due_date", "day_count": "actual_365",
                    "crediting_date": "2020-01-01", "type_order": ["spousal", "child", "medical"]},
        "orders": [{"frequency": "semimonthly", "amount": "250", "start": "2025-01-01",
                    "changes": [{"effective": "2025-06-15", "amount": "300",
                                 "frequency": "monthly", "due_day": 5}]},
                   {"type": "spousal", "frequency": "weekly", "amount": "50",
                    "start": "2025-01-03", "end": "2025-12-31"}],
        "payments": [{"date": "2025-04-01", "amount": "5000", "receipt": 1},
                     {"date": "2025-11-20", "amount": "20000", "source": "tax_offset"},
                     {"date": "2025-12-01", "amount": "9000"}],
        "fees": [{"date": "2025-02-01", "amount": "25", "description": "service"}],
        "renewals": [{"date": "2025-10-30"}], "report_dates": ["2025-06-01"]}})["result"]
    assert "interest_start" in california["settings"] and "crediting_date" in california["settings"]
    assert "renewal" in {ln["event"] for ln in california["lines"]}
    assert any(a.get("from_credit") for ln in california["lines"] for a in ln.get("applied", []))
    assert _check_covers(ArrearsLedger, california, "result") == []

    payoff = childsupport.compute({"kind": "arrears_payoff", "input": {
        "state": "texas", "start": "2025-01-01", "principal": "1000", "interest": "5",
        "payment": "300", "within_months": 3, "interest_free": "100", "first_payment": "2025-01-15",
        "schedule": True}})["result"]
    assert payoff["with_payment"]["schedule"] and payoff["within_months"]["projection"]["schedule"]
    assert _check_covers(ArrearsPayoff, payoff, "result") == []

    withholding = childsupport.compute({"kind": "texas_withholding", "input": {
        "calculation_date": "2025-07-01", "current_support": "500", "arrears": "15000",
        "accrued_interest": "120", "disposable_earnings": "2000", "confirmed": True}})["result"]
    # §158.003: (15,000 + 120) / 24 = 630.00 > 20% x 500 = 100.00; 500 + 630 = 1,130.00 capped
    # at 50% x 2,000 (§158.009) = 1,000.00.
    assert (withholding["additional"], withholding["total"], withholding["limit"],
            withholding["withheld"]) == ("630.00", "1130.00", "1000.00", "1000.00")
    assert withholding["projection"]["payment"] == "500.00"
    assert _check_covers(TexasWithholding, withholding, "result") == []

    # And every one of them converts.
    arrears_ledger("texas", "2026-03-01", **texas_rich_inputs())
    texas_withholding("2025-07-01", 500, 0)


def _rust_enum(path: str, name: str) -> set[str]:
    """The serde names of a Rust enum's variants (snake_case, or a ``rename``)."""
    source = (REPO / "crates/childsupport/src" / path).read_text(encoding="utf-8")
    body = re.search(rf"pub enum {name} \{{(.*?)\n\}}", source, re.S)
    assert body is not None, name
    names = set()
    rename = None
    for line in body.group(1).splitlines():
        m = re.match(r'\s*#\[serde\(rename = "([^"]+)"\)\]', line)
        if m:
            rename = m.group(1)
            continue
        v = re.match(r"^\s{4}([A-Z][A-Za-z0-9]*),", line)
        if v:
            names.add(rename or re.sub(r"(?<!^)([A-Z])", r"_\1", v.group(1)).lower())
            rename = None
    assert names, name
    return names


@pytest.mark.parametrize(("literal", "path", "enum"), [
    (Jurisdiction, "arrears/mod.rs", "Jurisdiction"),
    (ObligationType, "arrears/mod.rs", "ObligationType"),
    (OrderFrequency, "arrears/schedule.rs", "Frequency"),
    (DayCount, "rules/arrears.rs", "DayCount"),
    (InterestStart, "rules/arrears.rs", "AccrualStart"),
    (PaymentSource, "arrears/crediting.rs", "PaymentSource"),
    (CreditingTier, "rules/arrears.rs", "Tier"),
    (LineEvent, "arrears/report.rs", "LineEvent"),
    (LedgerItemKind, "arrears/state.rs", "ItemKind"),
])
def test_the_literals_list_every_engine_value(literal: Any, path: str, enum: str) -> None:
    assert set(typing.get_args(literal)) == _rust_enum(path, enum)


def test_input_dataclasses_go_straight_to_compute() -> None:
    # An Order whose optional fields are left at None reaches the engine without them, so the
    # engine's defaults apply (spec california.md §5.4 I1: 500 due 2025-01-01, unpaid; monthly
    # day count from the due date: 6 months x 500 x 0.10 / 12 = 25.00 as of 2025-07-01).
    from childsupport import Order

    response = childsupport.compute({
        "kind": "arrears_ledger",
        "input": {
            "state": "california", "as_of": "2025-07-01", "iv_d": False,
            "options": {"day_count": "monthly"},
            "orders": [Order(frequency="monthly", amount=Decimal("500"), start=datetime.date(2025, 1, 1),
                             end=datetime.date(2025, 1, 31))],
        },
    })
    assert response["result"]["totals"]["balances"]["interest"] == "25.00"


def test_payment_ids_and_sources_are_on_the_lines_and_through_is_the_end_of_a_day() -> None:
    # Issue 8's audit order (vector CA-MOD-650-480-ivd-monthly): 480 charged on 2021-07-01.
    order = Order("monthly", D("650"), "2019-03-01", type="child", due_day=1,
                  changes=[OrderChange("2021-07-01", D("480"))])
    r = arrears_ledger("california", None, [order], through="2021-07-01", iv_d=True,
                       payments=[Payment("2021-07-01", D("100"), id="B-2"),
                                 Payment("2021-07-01", D("200"), id="A-1", source="tax_offset")])
    assert r.as_of == datetime.date(2021, 7, 2) and r.through == datetime.date(2021, 7, 1)
    change = next(line for line in r.lines if line.event == "order_change")
    assert change.amount == D("0.00") and change.installment_amount == D("480.00")
    july = [line for line in r.lines if line.date == datetime.date(2021, 7, 1)]
    assert [line.event for line in july][:2] == ["order_change", "installment"]
    assert july[1].amount == D("480.00")
    pays = [line for line in r.lines if line.event == "payment"]
    # Same day, no receipt numbers: by payment ID, whatever the listing order.
    assert [(p.payment_id, p.source) for p in pays] == [("A-1", "tax_offset"), ("B-2", "regular")]


def test_a_reversed_payment_is_as_if_never_credited() -> None:
    # The engine test's case: CHK-1 800 (2025-02-10) comes back NSF; EFT-2 900 (2025-03-10)
    # then pays March 500 and January 400; principal 600.00, interest 6.75 (derived there).
    from childsupport.arrears import Reversal
    r = arrears_ledger("california", "2025-03-11", [Order("monthly", D("500"), "2025-01-01")],
                       iv_d=True,
                       payments=[Payment("2025-02-10", D("800"), id="CHK-1"),
                                 Payment("2025-03-10", D("900"), id="EFT-2")],
                       reversals=[Reversal("CHK-1", "2025-02-20", "NSF")])
    assert r.reversals[0].payment_id == "CHK-1"
    assert [(a.item, a.amount) for a in r.reversals[0].applied] == [
        ("orders[0]#2", D("500.00")), ("orders[0]#1", D("300.00"))]
    assert [m.payment_id for m in r.moved if m.event == "payment"] == ["EFT-2"]
    assert (r.totals.balances.principal, r.totals.balances.interest) == (D("600.00"), D("6.75"))
