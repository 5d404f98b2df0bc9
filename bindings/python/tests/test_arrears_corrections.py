"""Corrections a caseworker makes, through the typed API: opening balances, lump-sum judgments,
a judgment at the court's figure, misapplied payments moved, and checkpoints that refuse what
differs. Expected figures are derived by hand in the comments (the same derivations as the
Rust tests next to the engine).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from childsupport import (
    ArrearsLedger,
    ConfirmedAmount,
    InvalidInputError,
    Judgment,
    LumpSum,
    Move,
    OpeningBalance,
    Order,
    Payment,
    arrears_ledger,
)


def test_an_opening_balance_bears_interest_from_its_date() -> None:
    # 5,000.00 principal and 1,250.00 interest as of 2025-01-01 (California, 10%, monthly);
    # 500.00 paid 2025-02-01 goes to principal (CCP §695.221). January 41.67, February 37.50:
    # interest 1,329.17, principal 4,500.00, total 5,829.17 as of 2025-03-01.
    r = arrears_ledger("california", "2025-03-01", [],
                       opening_balances=[OpeningBalance("2025-01-01", Decimal("5000"),
                                                        Decimal("1250"))],
                       payments=[Payment("2025-02-01", Decimal("500"))])
    assert r.lines[0].event == "opening_balance"
    assert r.totals.balances.principal == Decimal("4500.00")
    assert r.totals.balances.interest == Decimal("1329.17")
    assert r.totals.balances.total_owed == Decimal("5829.17")
    assert r.totals.counters.opening == Decimal("6250.00")


def test_a_lump_sum_judgment_bears_interest_from_the_day_rendered() -> None:
    # Texas: 6,000.00 rendered 2025-03-15; 6% for 30 days to 2025-04-14: 29.589... -> 29.59.
    r = arrears_ledger("texas", "2025-04-14", [],
                       lump_sums=[LumpSum("2025-03-15", Decimal("6000"),
                                          owed_since="2024-01-01")])
    assert r.totals.balances.total_owed == Decimal("6029.59")
    assert r.totals.owed_since is not None and r.totals.owed_since.isoformat() == "2024-01-01"


def test_the_courts_figure_governs_a_judgment() -> None:
    # Texas, 500/month from 2025-01-01; computed 1,500.00 + 2.22 interest = 1,502.22; the court
    # confirms 1,400.00 on 2025-03-31 (difference -102.22); one day at 6%: 0.23.
    r = arrears_ledger("texas", "2025-04-01", [Order("monthly", Decimal("500"), "2025-01-01")],
                       judgments=[Judgment("2025-03-31", confirmed=[
                           ConfirmedAmount("child", Decimal("1400"))])])
    assert r.totals.counters.court_adjustments == Decimal("-102.22")
    assert r.totals.balances.total_owed == Decimal("1400.23")


def _two_orders(**kw: Any) -> ArrearsLedger:
    return arrears_ledger(
        "california", "2025-02-15",
        [Order("monthly", Decimal("500"), "2025-01-01", type="child"),
         Order("monthly", Decimal("300"), "2025-01-01", type="spousal")],
        payments=[Payment("2025-01-15", Decimal("300"), id="P1"),
                  Payment("2025-02-05", Decimal("900"), id="P2")],
        **kw)


def test_a_misapplied_payment_moves_to_its_obligation() -> None:
    r = _two_orders(moves=[Move("P1", "2025-02-10", "wrong obligation", to_type="spousal")])
    m = r.moved_payments[0]
    assert m.before[0].item == "orders[0]#1" and m.after[0].item == "orders[1]#1"
    # 1,600 due - 1,200 paid.
    assert r.totals.balances.principal == Decimal("400.00")
    r = _two_orders(moves=[Move("P1", "2025-02-10", "other case", to_case="CASE-2")])
    assert r.totals.balances.principal == Decimal("700.00")
    with pytest.raises(InvalidInputError) as e:
        _two_orders(moves=[Move("P1", "2025-02-10", "nowhere")])
    assert e.value.field == "moves[0]"


def test_a_checkpoint_refuses_a_corrected_earlier_payment() -> None:
    orders = [Order("monthly", Decimal("500"), "2025-01-01")]
    pays = [Payment("2025-02-10", Decimal("400"), id="P0"),
            Payment("2025-05-10", Decimal("400"), id="P1")]
    first = arrears_ledger("california", "2025-04-01", orders, payments=pays)
    saved = first.saved_state
    assert saved.version == 2 and set(saved.fingerprint) >= {"rules", "payments", "orders"}
    whole = arrears_ledger("california", "2025-06-01", orders, payments=pays)
    resumed = arrears_ledger("california", "2025-06-01", orders, payments=pays,
                             resume_from=saved)
    assert resumed.totals == whole.totals
    corrected = [Payment("2025-02-10", Decimal("400.01"), id="P0"), pays[1]]
    with pytest.raises(InvalidInputError) as e:
        arrears_ledger("california", "2025-06-01", orders, payments=corrected,
                       resume_from=saved)
    assert e.value.field == "resume_from.fingerprint.payments"
    edited = dataclasses.replace(saved, credit=Decimal("10.00"))
    with pytest.raises(InvalidInputError) as e:
        arrears_ledger("california", "2025-06-01", orders, payments=pays, resume_from=edited)
    assert e.value.field == "resume_from.seal"


def test_the_county_estimator_method_matches_humboldt_countys_example() -> None:
    # Humboldt County DCSS's published example (see the Rust test for the month-by-month
    # interest): 500.00 a month pays 5,000.00 + 1,250.00 off in 13 months, 6,475.00 in all;
    # 542.54 a month in 12 months, 6,462.23 in all.
    from childsupport import arrears_payoff
    r = arrears_payoff("california", "2025-01-01", Decimal("5000"), interest=Decimal("1250"),
                       payment=Decimal("500"), method="county_estimator")
    assert r.method == "county_estimator"
    assert r.with_payment is not None
    assert (r.with_payment.payments, r.with_payment.total_paid) == (13, Decimal("6475.00"))
    r = arrears_payoff("california", "2025-01-01", Decimal("5000"), interest=Decimal("1250"),
                       payment=Decimal("542.54"), method="county_estimator")
    assert r.with_payment is not None
    assert (r.with_payment.payments, r.with_payment.total_paid) == (12, Decimal("6462.23"))
    with pytest.raises(InvalidInputError) as e:
        arrears_payoff("texas", "2025-01-01", Decimal("5000"), payment=Decimal("500"),
                       method="county_estimator")
    assert e.value.field == "method"


def test_the_open_ledger_posts_advances_and_replays() -> None:
    # The shared vector ARR-POST-650-480-NSF, step by step: California IV-D, 650 a month from
    # 2021-05-01, 480 from 2021-07-01; P1 pays May; P2 (June) is dishonored. As of 2021-07-02:
    # principal 650 + 480 = 1,130.00, interest on June's 650 for one day 0.17.
    from childsupport import OpenLedger
    from childsupport.arrears import OrderChange, Reversal
    ledger = OpenLedger("california",
                        [Order("monthly", Decimal("650"), "2021-05-01",
                               changes=[OrderChange("2021-07-01", Decimal("480"))])],
                        iv_d=True)
    ledger.post(Payment("2021-05-10", Decimal("650"), id="P1"),
                Payment("2021-06-10", Decimal("650"), id="P2"))
    r = ledger.advance_to("2021-07-02")
    assert r.totals.balances.total_owed == Decimal("480.00")
    posted = ledger.post(Reversal("P2", "2021-06-20", "NSF"))
    # The reversal reaches back before the ledger's date: it was replayed.
    assert posted[0].replayed_from is not None
    assert ledger.totals.balances.principal == Decimal("1130.00")
    assert ledger.totals.balances.interest == Decimal("0.17")
    with pytest.raises(InvalidInputError) as e:
        ledger.post(Payment("2021-07-05", Decimal("1.001"), id="P3"))
    assert e.value.field == "post[0].amount"
