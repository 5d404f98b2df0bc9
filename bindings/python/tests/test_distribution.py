"""The typed IV-D distribution API on the spec's examples (spec/federal.md §10 E3, E5, E15, E16).

Expected figures come from the spec's derivations, not from running the code.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from childsupport import (
    ArrearsCategories,
    AssistancePeriod,
    Consent,
    DistributionCase,
    DistributionCollection,
    DistributionReversal,
    Election,
    Fmap,
    InvalidInputError,
    MonthSupport,
    PassThrough,
    RecoveryRates,
    iv_d_distribution,
    iv_d_enforcement_thresholds,
)

PRWORA = Election("2000-01-01", "prwora", annual_fee="not_retained")
FMAP = [Fmap(2025, Decimal("0.60"))]


def test_e3_pass_through_and_federal_share() -> None:
    election = Election("2008-10-01", "prwora", pass_through=PassThrough("100", "200"))
    case = DistributionCase("E3", children=2, assistance=[AssistancePeriod("2024-01-01")],
                            ura="3450.00", current_support=[MonthSupport("2025-03-01", "400.00")])
    r = iv_d_distribution(case, [election],
                          [DistributionCollection("c1", "400.00", "income_withholding", "2025-03-10")],
                          fmap=FMAP)
    assert (r.totals.family, r.totals.federal, r.totals.state) == (
        Decimal("200.00"), Decimal("120.00"), Decimal("80.00"))
    assert r.case.ura == Decimal("3250.00")
    assert r.events[0].status == "current_assistance"


def test_e5_family_first() -> None:
    case = DistributionCase(
        "E5", assistance=[AssistancePeriod("2020-01-01", "2023-12-31")], ura="1500.00",
        arrears=ArrearsCategories(NA="400.00", UP="200.00", UA="100.00", CA="500.00", PA="1000.00"),
        current_support=[MonthSupport("2025-03-01", "300.00")])
    r = iv_d_distribution(case, [Election("2008-10-01", "family_first", annual_fee="not_retained")],
                          [DistributionCollection("c1", "2000.00", "income_withholding", "2025-03-10")],
                          fmap=FMAP)
    assert r.totals.family == Decimal("1500.00")
    assert (r.totals.federal, r.totals.state) == (Decimal("300.00"), Decimal("200.00"))
    assert r.case.arrears["PA"] == Decimal("500.00")
    assert r.case.ura == Decimal("1000.00")
    # Every path names its law.
    assert all(p.citation for p in r.events[0].paths)
    assert r.events[0].paths[0].disburse_by == datetime.date(2025, 3, 12)


def test_e15_reversal_then_consented_recovery() -> None:
    election = Election("2000-01-01", "prwora", annual_fee="not_retained",
                        recovery=RecoveryRates("0.25", "1"))
    case = DistributionCase("E15", arrears={"NA": "300.00"},
                            current_support=[MonthSupport("2025-03-01", "300.00"),
                                             MonthSupport("2025-04-01", "300.00")])
    events: list[DistributionCollection | DistributionReversal | Consent] = [
        DistributionCollection("c2", "500.00", "voluntary", "2025-04-10"),
        Consent("2025-03-25", True),
        DistributionReversal("c1", "2025-03-20"),
        DistributionCollection("c1", "400.00", "voluntary", "2025-03-05"),
    ]
    r = iv_d_distribution(case, [election], events)
    assert [e.type for e in r.events] == ["collection", "reversal", "consent", "collection"]
    assert r.events[1].overpayment_added == Decimal("400.00")
    assert r.events[3].totals.family == Decimal("225.00")
    assert r.events[3].totals.recovered == Decimal("275.00")
    assert r.case.overpayment_receivable == Decimal("125.00")


def test_errors_name_the_field() -> None:
    with pytest.raises(InvalidInputError) as e:
        iv_d_distribution(DistributionCase("X"), [PRWORA],
                          [DistributionCollection("c1", "-1.00", "voluntary", "2025-03-10")])
    assert e.value.field == "events[0].amount"
    with pytest.raises(InvalidInputError) as e:
        iv_d_distribution(DistributionCase("X"), [PRWORA], [], fmap=[Fmap(2025, "1.5")])
    assert e.value.field == "fmap[0].rate"


def test_e16_thresholds_are_never_mixed() -> None:
    r = iv_d_enforcement_thresholds("2025-03-01", assigned_arrears="100.00",
                                    non_assistance_arrears="450.00")
    assert (r.passport, r.tax_offset_assigned, r.tax_offset_non_assistance) == (False, False, False)
    assert iv_d_enforcement_thresholds("2025-03-01", non_assistance_arrears="2500.01").passport
    assert not iv_d_enforcement_thresholds("2025-03-01", non_assistance_arrears="2500.00").passport
    assert r.tax_offset_assigned_at_least == Decimal("150.00")
