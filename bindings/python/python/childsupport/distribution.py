"""IV-D distribution, typed: who keeps each cent of a collection on a case (42 U.S.C. 657;
45 CFR 302.51-302.52, 303.72), and the enforcement thresholds.

- :func:`iv_d_distribution`: replays collections, releases of held collections, reversals of
  dishonored payments and consents on one case (its assistance history, URA and arrears
  categories PA, TA, CA, UA, UP, NA) under the State's dated elections, and returns each cent's
  path (what it paid, who receives it, the law), totals by payee and the case after. Returns an
  :class:`IvDDistribution`.
- :func:`iv_d_distribution_day`: a day's events over several cases, each naming its managing
  agency (county): each case's distribution, the totals by payee and by agency, and moves of a
  misallocated collection from one case to another (:class:`CollectionMove`). Returns an
  :class:`IvDDistributionDay`.
- :func:`iv_d_enforcement_thresholds`: passport denial (arrears exceeding $2,500) and federal tax
  refund offset ($150 assigned, $500 non-assistance, never combined). Returns an
  :class:`EnforcementThresholds`.

The State's elections (PRWORA or family-first, pass-through, recovery rates, ...) and FMAP
values are the caller's (library reading R-DI-1); the federal ceilings, the annual fee, the
deadlines and the thresholds are rules data. Input dataclasses send only the fields given; plain
mappings of the same fields are accepted anywhere a dataclass is.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union

from ._api import compute_typed
from ._native import Rules

__all__ = [
    "ArrearsCategories",
    "AssistancePeriod",
    "Consent",
    "DistributionCase",
    "DistributionAgencyTotals",
    "DistributionCollection",
    "DistributionEvent",
    "DistributionPath",
    "DistributionReversal",
    "DistributionTotals",
    "Election",
    "EnforcementThresholds",
    "FeeYear",
    "Fmap",
    "Hold",
    "HeldCollection",
    "IvDDistribution",
    "IvDDistributionDay",
    "MonthAmount",
    "MonthSupport",
    "CollectionMove",
    "PassThrough",
    "RecoveryRates",
    "Release",
    "UnclaimedPeriod",
    "Undistributable",
    "iv_d_distribution",
    "iv_d_distribution_day",
    "iv_d_enforcement_thresholds",
]

Amount = Union[Decimal, int, str]
DateLike = Union[datetime.date, str]
Source = Literal["income_withholding", "voluntary", "federal_tax_offset", "state_tax_offset", "other"]
HoldReason = Literal["joint_return", "unidentified_payee", "arrears_appeal", "tax_offset_appeal", "other"]


@dataclass(frozen=True, slots=True)
class ArrearsCategories:
    """Arrears by category (the JSON keys are the codes: ``PA``, ``TA``, ...)."""

    PA: Amount | None = None
    TA: Amount | None = None
    CA: Amount | None = None
    UA: Amount | None = None
    UP: Amount | None = None
    NA: Amount | None = None


@dataclass(frozen=True, slots=True)
class AssistancePeriod:
    """A period of assistance, both days inclusive (``end`` None: still receiving it)."""

    start: DateLike
    end: DateLike | None = None


@dataclass(frozen=True, slots=True)
class MonthSupport:
    """Current support due for a month (``month`` is its first day) and what is already paid."""

    month: DateLike
    due: Amount
    paid: Amount | None = None


@dataclass(frozen=True, slots=True)
class MonthAmount:
    """An amount for a month (the pass-through already paid)."""

    month: datetime.date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class FeeYear:
    """Support collected and disbursed to the family in a federal fiscal year, and its fee."""

    ffy: int
    collected: Decimal = Decimal("0")
    fee: Decimal = Decimal("0")


@dataclass(frozen=True, slots=True)
class DistributionCase:
    """One case before the events."""

    id: str
    children: int | None = None
    assistance: Sequence[AssistancePeriod | Mapping[str, Any]] | None = None
    ura: Amount | None = None
    arrears: ArrearsCategories | Mapping[str, Any] | None = None
    current_support: Sequence[MonthSupport | Mapping[str, Any]] | None = None
    pass_through_paid: Sequence[Mapping[str, Any]] | None = None
    fee_years: Sequence[Mapping[str, Any]] | None = None
    overpayment_receivable: Amount | None = None
    recovery_consent: bool | None = None
    agency: str | None = None
    medicaid: Sequence[AssistancePeriod | Mapping[str, Any]] | None = None
    medical_support: Sequence[MonthSupport | Mapping[str, Any]] | None = None
    medical_arrears: Amount | None = None
    foster_care: Sequence[AssistancePeriod | Mapping[str, Any]] | None = None
    foster_care_maintenance: Sequence[Mapping[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class PassThrough:
    """The State's monthly pass-through (at most $100 / $200, 42 U.S.C. 657(a)(6)(B))."""

    one_child: Amount
    two_or_more_children: Amount


@dataclass(frozen=True, slots=True)
class RecoveryRates:
    """Fractions of the family's current support and arrears payments recovered, with consent."""

    current: Amount
    arrears: Amount


@dataclass(frozen=True, slots=True)
class UnclaimedPeriod:
    """The State's unclaimed-property period after which a held collection whose payee cannot be
    found is undistributable, and the State law that sets it."""

    months: int
    citation: str


@dataclass(frozen=True, slots=True)
class Election:
    """A State's distribution elections for the dates they hold."""

    effective_from: DateLike
    former_assistance_order: Literal["prwora", "family_first"]
    effective_through: DateLike | None = None
    tax_offset_pays_current: bool | None = None
    discontinue_pre_assistance_assignment: bool | None = None
    current_assistance_order: Literal["pa_first", "ta_first"] | None = None
    pass_through: PassThrough | None = None
    withholding_date_is_collection_date: bool | None = None
    annual_fee: Literal["retained_from_family", "not_retained"] | None = None
    recovery: RecoveryRates | None = None
    medical_support_order: Literal["after_child_support", "before_child_support"] | None = None
    former_assistance_pass_through: bool | None = None
    unclaimed_after: UnclaimedPeriod | None = None
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Fmap:
    """The FMAP of a federal fiscal year (caller data)."""

    ffy: int
    rate: Amount


@dataclass(frozen=True, slots=True)
class Hold:
    """A hold placed on a collection when it arrives."""

    reason: HoldReason
    notified: DateLike | None = None


@dataclass(frozen=True, slots=True)
class DistributionCollection:
    """A collection on the case."""

    id: str
    amount: Amount
    source: Source
    receipt_date: DateLike
    withholding_date: DateLike | None = None
    distribution_date: DateLike | None = None
    hold: Hold | None = None
    case: str | None = None
    type: Literal["collection"] = "collection"


@dataclass(frozen=True, slots=True)
class Release:
    """A held collection released for distribution on ``date``."""

    collection_id: str
    date: DateLike
    type: Literal["release"] = "release"


@dataclass(frozen=True, slots=True)
class DistributionReversal:
    """A dishonored payment; ``disbursed``: the family's share was already paid out."""

    collection_id: str
    date: DateLike
    disbursed: bool | None = None
    type: Literal["reversal"] = "reversal"


@dataclass(frozen=True, slots=True)
class Consent:
    """The custodial parent's written consent to recovery (``given``) or its withdrawal."""

    date: DateLike
    given: bool
    case: str | None = None
    type: Literal["consent"] = "consent"


@dataclass(frozen=True, slots=True)
class CollectionMove:
    """A misallocated collection moved to ``to_case`` (a day's distribution only): reversed on
    its case and distributed on ``to_case`` with its date of collection; ``reason`` is required;
    ``disbursed``: the first case's family share was already paid out."""

    collection_id: str
    to_case: str
    date: DateLike
    reason: str
    disbursed: bool | None = None
    type: Literal["move"] = "move"


Event = Union[DistributionCollection, Release, DistributionReversal, Consent, CollectionMove,
              Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class DistributionPath:
    """One part of a collection. ``applied`` is ``"current"``, ``"futures"``, ``"excess"``,
    ``"hold"`` or ``{"arrears": "PA"}``; ``payee`` is ``family``, ``state``, ``federal``,
    ``fee``, ``recovery``, ``held``, ``refund``, ``medicaid`` or ``iv_e_agency``."""

    applied: Union[str, dict[str, str]]
    payee: str
    amount: Decimal
    citation: str
    disburse_by: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class DistributionTotals:
    """Amounts by payee (negative for a reversal)."""

    family: Decimal
    state: Decimal
    federal: Decimal
    fee: Decimal
    recovered: Decimal
    held: Decimal
    refund: Decimal
    medicaid: Decimal = Decimal("0.00")
    iv_e_agency: Decimal = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class HeldCollection:
    """A held collection: its date of collection is kept for its distribution."""

    reason: str
    amount: Decimal
    date_of_collection: datetime.date
    release_by: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class DistributionEvent:
    """What one event did."""

    type: str
    paths: tuple[DistributionPath, ...]
    totals: DistributionTotals
    ura_after: Decimal
    collection_id: str | None = None
    status: str | None = None
    date_of_collection: datetime.date | None = None
    distribution_date: datetime.date | None = None
    support_month: datetime.date | None = None
    fmap: Decimal | None = None
    held: HeldCollection | None = None
    overpayment_added: Decimal = Decimal("0.00")
    notes: tuple[str, ...] = ()
    reason: str | None = None
    linked_case: str | None = None


@dataclass(frozen=True, slots=True)
class CaseAfter:
    """The case after the events."""

    id: str
    children: int
    ura: Decimal
    arrears: dict[str, Decimal]
    current_support: tuple[dict[str, Any], ...]
    overpayment_receivable: Decimal
    recovery_consent: bool
    pass_through_paid: tuple[MonthAmount, ...] = ()
    fee_years: tuple[FeeYear, ...] = ()
    agency: str | None = None
    medicaid: tuple[dict[str, Any], ...] = ()
    medical_support: tuple[dict[str, Any], ...] = ()
    medical_arrears: Decimal = Decimal("0.00")
    foster_care: tuple[dict[str, Any], ...] = ()
    foster_care_maintenance: tuple[MonthAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class Undistributable:
    """A held collection whose payee could not be found past the State's period: reported as
    program income (``citation`` the federal law, ``state_citation`` the State's)."""

    collection_id: str
    amount: Decimal
    date_of_collection: datetime.date
    undistributable_from: datetime.date
    citation: str
    state_citation: str


@dataclass(frozen=True, slots=True)
class IvDDistribution:
    """The events in the order taken, totals by payee, the case after, collections still held,
    and those past the State's unclaimed period."""

    events: tuple[DistributionEvent, ...]
    totals: DistributionTotals
    case: CaseAfter
    held: tuple[HeldCollection, ...]
    undistributable: tuple[Undistributable, ...] = ()


@dataclass(frozen=True, slots=True)
class DistributionAgencyTotals:
    """What one managing agency's cases moved, by payee (``agency`` None: cases naming none)."""

    cases: tuple[str, ...]
    totals: DistributionTotals
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class IvDDistributionDay:
    """Each case's distribution (in the order given), the totals by payee and by agency."""

    cases: tuple[IvDDistribution, ...]
    totals: DistributionTotals
    agencies: tuple[DistributionAgencyTotals, ...]


@dataclass(frozen=True, slots=True)
class EnforcementThresholds:
    """Which remedies the arrears qualify for, and the thresholds applied."""

    passport: bool
    tax_offset_assigned: bool
    tax_offset_non_assistance: bool
    passport_exceeding: Decimal
    tax_offset_assigned_at_least: Decimal
    tax_offset_non_assistance_at_least: Decimal
    citation: str


def iv_d_distribution(
    case: DistributionCase | Mapping[str, Any],
    policy: Sequence[Election | Mapping[str, Any]],
    events: Sequence[Event],
    *,
    fmap: Sequence[Fmap | Mapping[str, Any]] | None = None,
    holidays: Sequence[DateLike] | None = None,
    as_of: DateLike | None = None,
    rules: Rules | None = None,
) -> IvDDistribution:
    """Distributes the events on one case (JSON kind ``iv_d_distribution``).

    Args:
        case: the case before the events.
        policy: the State's elections, dated, not overlapping.
        events: collections, releases, reversals and consents, in any order (taken by date,
            then consents, collections by identifier, releases, reversals).
        fmap: FMAP by federal fiscal year (needed when anything is retained).
        holidays: days the State's offices are closed besides weekends.
        as_of: report held collections past the State's unclaimed period on this date.
        rules: a rule set; the embedded rules by default.
    """
    request: dict[str, Any] = {"case": case, "policy": list(policy), "events": list(events)}
    _options(request, fmap, holidays, as_of)
    return compute_typed("iv_d_distribution", request, IvDDistribution, rules)


def _options(request: dict[str, Any], fmap: Sequence[Any] | None,
             holidays: Sequence[DateLike] | None, as_of: DateLike | None) -> None:
    if fmap is not None:
        request["fmap"] = list(fmap)
    if holidays is not None:
        request["holidays"] = list(holidays)
    if as_of is not None:
        request["as_of"] = as_of


def iv_d_distribution_day(
    cases: Sequence[DistributionCase | Mapping[str, Any]],
    policy: Sequence[Election | Mapping[str, Any]],
    events: Sequence[Event],
    *,
    fmap: Sequence[Fmap | Mapping[str, Any]] | None = None,
    holidays: Sequence[DateLike] | None = None,
    as_of: DateLike | None = None,
    rules: Rules | None = None,
) -> IvDDistributionDay:
    """Distributes a day's events over several cases (JSON kind ``iv_d_distribution_day``).

    Collections and consents name their ``case``; a :class:`CollectionMove` names ``to_case``.
    The result does not depend on the order of ``cases`` or ``events`` beyond the order of its
    ``cases``.
    Other arguments as :func:`iv_d_distribution`.
    """
    request: dict[str, Any] = {"cases": list(cases), "policy": list(policy),
                               "events": list(events)}
    _options(request, fmap, holidays, as_of)
    return compute_typed("iv_d_distribution_day", request, IvDDistributionDay, rules)


def iv_d_enforcement_thresholds(
    date: DateLike,
    *,
    assigned_arrears: Amount | None = None,
    non_assistance_arrears: Amount | None = None,
    rules: Rules | None = None,
) -> EnforcementThresholds:
    """Passport denial and federal tax refund offset thresholds on ``date`` (JSON kind
    ``iv_d_enforcement_thresholds``); assigned and non-assistance arrears are never combined
    for the offset."""
    request: dict[str, Any] = {"date": date}
    if assigned_arrears is not None:
        request["assigned_arrears"] = assigned_arrears
    if non_assistance_arrears is not None:
        request["non_assistance_arrears"] = non_assistance_arrears
    return compute_typed("iv_d_enforcement_thresholds", request, EnforcementThresholds, rules)
