"""The typed IV-D distribution API on the spec's examples (spec/federal.md §10 E3, E5, E15, E16),
a day over several cases with a move, Medicaid, IV-E foster care and undistributable collections.

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
    Hold,
    InvalidInputError,
    MonthSupport,
    CollectionMove,
    PassThrough,
    RecoveryRates,
    UnclaimedPeriod,
    iv_d_distribution,
    iv_d_distribution_day,
    iv_d_enforcement_thresholds,
)
from childsupport.distribution import Event

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


def test_a_day_totals_by_agency_and_moves_a_collection() -> None:
    # A (Jackson, NA 500.00) is sent 200.00 that belongs to B (Greene, NA 300.00); moved before
    # it was paid out: A is back to NA 500.00, B's NA is 100.00, Greene's family total 200.00.
    cases = [DistributionCase("A", arrears=ArrearsCategories(NA="500.00"), agency="Jackson"),
             DistributionCase("B", arrears=ArrearsCategories(NA="300.00"), agency="Greene")]
    collection = DistributionCollection("c1", "200.00", "voluntary", "2025-03-10", case="A")
    events: list[Event] = [
        collection,
        CollectionMove("c1", "B", "2025-03-12", "posted to the wrong obligor", disbursed=False)]
    r = iv_d_distribution_day(cases, [PRWORA], events)
    assert r.cases[0].case.arrears["NA"] == Decimal("500.00")
    assert r.cases[1].case.arrears["NA"] == Decimal("100.00")
    assert [e.type for e in r.cases[0].events] == ["collection", "move_out"]
    assert r.cases[1].events[0].linked_case == "A"
    assert r.cases[1].events[0].reason == "posted to the wrong obligor"
    assert [(a.agency, a.totals.family) for a in r.agencies] == [
        ("Greene", Decimal("200.00")), ("Jackson", Decimal("0.00"))]
    with pytest.raises(InvalidInputError) as e:
        iv_d_distribution_day(cases, [PRWORA],
                              [collection, CollectionMove("c1", "A", "2025-03-12", "x")])
    assert e.value.field == "events[1].to_case"


def test_medicaid_foster_care_and_undistributable() -> None:
    # 45 CFR 302.51(c): 500.00 pays current 300.00 (family), the order's medical 50.00
    # (Medicaid), NA 100.00 (family), 50.00 of the assigned medical arrears (Medicaid).
    case = DistributionCase("M", medicaid=[AssistancePeriod("2024-06-01")],
                            current_support=[MonthSupport("2025-03-01", "300.00")],
                            medical_support=[MonthSupport("2025-03-01", "50.00")],
                            arrears=ArrearsCategories(NA="100.00"), medical_arrears="80.00")
    r = iv_d_distribution(case, [PRWORA],
                          [DistributionCollection("c1", "500.00", "voluntary", "2025-03-10")])
    assert (r.totals.family, r.totals.medicaid) == (Decimal("400.00"), Decimal("100.00"))
    assert r.case.medical_arrears == Decimal("30.00")
    # 45 CFR 302.52(b): maintenance 400.00 retained (federal 240.00), 100.00 to the IV-E agency,
    # 700.00 of past support retained (federal 420.00).
    foster = DistributionCase("F", foster_care=[AssistancePeriod("2025-01-01")],
                              foster_care_maintenance=[{"month": "2025-03-01", "amount": "400.00"}],
                              current_support=[MonthSupport("2025-03-01", "500.00")],
                              arrears=ArrearsCategories(PA="1000.00"), ura="3000.00")
    r = iv_d_distribution(foster, [PRWORA], [DistributionCollection(
        "c1", "1200.00", "income_withholding", "2025-03-10")], fmap=FMAP)
    assert (r.totals.federal, r.totals.state, r.totals.iv_e_agency) == (
        Decimal("660.00"), Decimal("440.00"), Decimal("100.00"))
    assert r.events[0].status == "foster_care"
    # Held 36 months (a hypothetical State period) from 2022-03-10: undistributable 2025-03-10.
    election = Election("2000-01-01", "prwora", annual_fee="not_retained",
                        unclaimed_after=UnclaimedPeriod(36, "the State's unclaimed-property law"))
    r = iv_d_distribution(DistributionCase("U"), [election], [DistributionCollection(
        "c1", "150.00", "voluntary", "2022-03-10", hold=Hold("unidentified_payee"))],
        as_of="2025-03-10")
    assert r.undistributable[0].undistributable_from == datetime.date(2025, 3, 10)
    assert r.undistributable[0].amount == Decimal("150.00")
