"""One collection across an obligor's cases, and the income withholding that brings it in, typed.

- :func:`collection_allocation`: shares a collection across the obligor's cases (45 CFR
  303.100(a)(5)): current support first, prorated by current support due; then arrears by the
  state's policy (by balance, by each withholding order's arrears amount, equal shares, oldest
  first); then the remainder held as future support or refunded. Exact cents by largest
  remainder, ties to the larger weight and then the case ID (never the listing order). Returns a
  :class:`CollectionAllocation`, with totals by managing agency.
- :func:`collection_post`: the same allocation, with each case's share posted as a payment into
  that case's open ledger. Returns a :class:`CollectionPost`.
- :func:`withholding_amounts`: the most an employer may withhold in a pay period (15 U.S.C.
  1673(b), the state's own limit and definition of disposable earnings, an employer's fee inside
  the limit) and how several orders share it (Texas §158.207 equal shares, California §5238
  proration). Returns a :class:`WithholdingAmounts`.
- :func:`withholding_order_arrears`: the most an agency may write into a withholding order
  toward arrears, given current support (22 CCR §116100(a)): what the order asks for, apart from
  what the employer may apply. Returns a :class:`OrderArrears`.

Amounts come back as ``Decimal``, dates as ``datetime.date``, lists as tuples. Input dataclasses
send only the fields the caller gives; plain mappings of the same fields are accepted too.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union

from ._api import compute_typed
from ._native import Rules
from .arrears import _given
from .ledger import LedgerPost

__all__ = [
    "AgencyTotal",
    "AllocationCase",
    "AllocationPolicy",
    "ArrearsPolicy",
    "CaseShare",
    "CollectionAllocation",
    "CollectionPost",
    "CollectionPostCase",
    "Earnings",
    "OrderArrears",
    "OrderArrearsStep",
    "OrderWithholding",
    "PathStep",
    "PayPeriod",
    "PayPeriodConversion",
    "RemainderPolicy",
    "UsedPolicy",
    "WithholdingAmounts",
    "WithholdingLimit",
    "WithholdingOrder",
    "collection_allocation",
    "collection_post",
    "withholding_amounts",
    "withholding_order_arrears",
]

Amount = Union[Decimal, int, str]
DateLike = Union[datetime.date, str]
ArrearsPolicy = Literal["by_balance", "by_withholding_order", "equal", "oldest_first"]
RemainderPolicy = Literal["future", "refund"]
PayPeriod = Literal["weekly", "biweekly", "semimonthly", "monthly"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AllocationCase:
    """One of the obligor's cases: its stable ID (it breaks ties), its managing agency, and
    what it is owed on the date of collection."""

    id: str
    agency: str
    current_due: Amount | None = None
    arrears: Amount | None = None
    #: The arrears amount the case's withholding order asks for (``by_withholding_order``).
    withholding_arrears: Amount | None = None
    #: The due date of the oldest unpaid support (``oldest_first``).
    oldest_unpaid: DateLike | None = None


@dataclass(frozen=True, slots=True)
class AllocationPolicy:
    """A policy given by the caller instead of the state's."""

    arrears: ArrearsPolicy
    remainder: RemainderPolicy


@dataclass(frozen=True, slots=True)
class UsedPolicy:
    """The policy applied and its source."""

    arrears: ArrearsPolicy
    remainder: RemainderPolicy
    citation: str
    state: str | None = None


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of a case's share: the obligation (``current``, ``arrears``, ``future``), the
    amount, how it was found, and its authority."""

    obligation: str
    amount: Decimal
    basis: str
    citation: str


@dataclass(frozen=True, slots=True)
class CaseShare:
    """One case's share, by obligation, and what it is still owed."""

    id: str
    agency: str
    current: Decimal
    arrears: Decimal
    future: Decimal
    total: Decimal
    current_unpaid: Decimal
    arrears_unpaid: Decimal
    path: tuple[PathStep, ...]


@dataclass(frozen=True, slots=True)
class AgencyTotal:
    """What one managing agency receives, and for which cases."""

    agency: str
    cases: tuple[str, ...]
    current: Decimal
    arrears: Decimal
    future: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class CollectionAllocation:
    """A collection shared across cases: the cases in the order given, agencies by name."""

    date: datetime.date
    amount: Decimal
    policy: UsedPolicy
    current: Decimal
    arrears: Decimal
    future: Decimal
    refund: Decimal
    cases: tuple[CaseShare, ...]
    agencies: tuple[AgencyTotal, ...]


@dataclass(frozen=True, slots=True)
class CollectionPostCase:
    """One case's open ledger after its share was posted."""

    id: str
    ledger: LedgerPost


@dataclass(frozen=True, slots=True)
class CollectionPost:
    """The allocation, and each case's ledger after the posting."""

    allocation: CollectionAllocation
    cases: tuple[CollectionPostCase, ...]


def _collection(date: DateLike, amount: Amount, cases: Iterable[AllocationCase | Mapping[str, Any]],
                state: str | None, policy: AllocationPolicy | Mapping[str, Any] | None,
                tax_offset: bool | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"date": date, "amount": amount, "cases": [_given(c) for c in cases]}
    if tax_offset is not None:
        request["tax_offset"] = tax_offset
    if state is not None:
        request["state"] = state
    if policy is not None:
        request["policy"] = _given(policy)
    return request


def collection_allocation(
    date: DateLike,
    amount: Amount,
    cases: Iterable[AllocationCase | Mapping[str, Any]],
    *,
    state: str | None = None,
    policy: AllocationPolicy | Mapping[str, Any] | None = None,
    tax_offset: bool | None = None,
    rules: Rules | None = None,
) -> CollectionAllocation:
    """Shares one collection across the obligor's cases.

    Args:
        date: the date of collection (picks the state's policy in force).
        amount: the amount collected, in whole cents.
        cases: the obligor's cases (:class:`AllocationCase` or mappings).
        state: the state whose policy applies (``"missouri"``).
        policy: the caller's own policy instead of the state's.
        tax_offset: a tax refund offset (arrears only, never current support; an excess is
            repaid).
        rules: a rule set; the embedded rules by default.

    Raises:
        InvalidInputError: naming ``amount`` (negative), ``cases`` (none), ``cases[2]`` (a
            case owed nothing) or ``cases[1].id`` (a repeated ID).
        NoRuleError: the state has no policy for the date.
    """
    return compute_typed("collection_allocation",
                         _collection(date, amount, cases, state, policy, tax_offset),
                         CollectionAllocation, rules)


def collection_post(
    date: DateLike,
    amount: Amount,
    cases: Iterable[AllocationCase | Mapping[str, Any]],
    ledgers: Mapping[str, Mapping[str, Any]],
    *,
    payment_id: str,
    state: str | None = None,
    policy: AllocationPolicy | Mapping[str, Any] | None = None,
    source: str | None = None,
    withheld: DateLike | None = None,
    advance_to: DateLike | None = None,
    rules: Rules | None = None,
) -> CollectionPost:
    """Allocates a collection and posts each case's share into its open ledger.

    Args:
        ledgers: by case ID, ``{"case": {...}, "checkpoint": ...}`` as
            :func:`~childsupport.arrears_ledger_post` takes them.
        payment_id: the collection's ID; each case's payment is ``payment_id/case ID``.
        source: ``"regular"`` (the engine's default) or ``"tax_offset"``.
        withheld: the day an employer withheld it (income withholding).
        advance_to: the ledgers' new date (default: the day after the collection).
        Other arguments as :func:`collection_allocation`.
    """
    request: dict[str, Any] = {
        "collection": _collection(date, amount, cases, state, policy),
        "payment_id": payment_id,
        "ledgers": {k: _given(v) for k, v in ledgers.items()},
    }
    optional: dict[str, Any] = {"source": source, "withheld": withheld, "advance_to": advance_to}
    request.update((k, v) for k, v in optional.items() if v is not None)
    return compute_typed("collection_post", request, CollectionPost, rules)


@dataclass(frozen=True, slots=True, kw_only=True)
class Earnings:
    """A pay period's earnings: ``disposable`` when known, else ``gross`` with its deductions
    (``required_by_law``: income taxes, Social Security, Medicare, state taxes; the Texas
    definition also takes off ``union_dues``, ``mandatory_retirement`` and
    ``health_insurance``; ``other`` never comes off)."""

    disposable: Amount | None = None
    gross: Amount | None = None
    required_by_law: Amount | None = None
    union_dues: Amount | None = None
    mandatory_retirement: Amount | None = None
    health_insurance: Amount | None = None
    other: Amount | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WithholdingOrder:
    """One withholding order's amounts for the pay period."""

    id: str
    current: Amount | None = None
    arrears: Amount | None = None


@dataclass(frozen=True, slots=True)
class WithholdingLimit:
    """A limit considered: ``federal`` or ``state``, the disposable earnings it applies to, the
    fraction, the amount (rounded toward zero) and its authority."""

    source: str
    disposable: Decimal
    fraction: str
    amount: Decimal
    citation: str


@dataclass(frozen=True, slots=True)
class PayPeriodConversion:
    """How monthly amounts were converted: a period's amount is monthly x 12 /
    ``periods_a_year``, rounded to the cent."""

    pay_period: PayPeriod
    periods_a_year: int
    citation: str


@dataclass(frozen=True, slots=True)
class OrderWithholding:
    """One order's withholding: what it asks for in the period (``current_due``,
    ``arrears_due``), what is withheld, and what is not."""

    id: str
    current_due: Decimal
    arrears_due: Decimal
    current: Decimal
    arrears: Decimal
    total: Decimal
    unwithheld: Decimal


@dataclass(frozen=True, slots=True)
class WithholdingAmounts:
    """The withholding for one pay period: disposable earnings (federal, and the state's where
    it differs), the limits, the binding limit (the employer's fee inside it), and each order's
    share."""

    disposable_federal: Decimal
    limits: tuple[WithholdingLimit, ...]
    limit: Decimal
    employer_fee: Decimal
    requested: Decimal
    withheld: Decimal
    unwithheld: Decimal
    multiple_orders: Literal["equal_shares", "prorate"]
    multiple_orders_citation: str
    orders: tuple[OrderWithholding, ...]
    disposable_state: Decimal | None = None
    conversion: PayPeriodConversion | None = None


def withholding_amounts(
    date: DateLike,
    earnings: Earnings | Mapping[str, Any],
    orders: Iterable[WithholdingOrder | Mapping[str, Any]],
    *,
    state: str | None = None,
    supports_other_family: bool | None = None,
    arrears_over_12_weeks: bool | None = None,
    old_arrears_reading: Literal["to_the_extent", "whole_limit"] | None = None,
    state_max_fraction: Amount | None = None,
    employer_fee: Amount | None = None,
    pay_period: PayPeriod | None = None,
    monthly_amounts: bool | None = None,
    rules: Rules | None = None,
) -> WithholdingAmounts:
    """The withholding for one pay period.

    Args:
        date: the pay date (picks the rules).
        earnings: the period's earnings.
        orders: the orders' amounts for the same period.
        state: the state of the principal place of employment (``None``: federal limit only).
        supports_other_family: the obligor supports another spouse or child (50% instead of
            60%).
        arrears_over_12_weeks: support for a period before the last 12 weeks is owed (5 more
            points).
        old_arrears_reading: ``"to_the_extent"`` (the engine's default) or ``"whole_limit"``.
        state_max_fraction: a state limit the caller states, 0 to 1.
        employer_fee: the employer's fee for the period, inside the limit.
        pay_period: the pay period, to convert monthly amounts to.
        monthly_amounts: the orders' amounts are monthly (converted to ``pay_period``).
        rules: a rule set; the embedded rules by default.

    Raises:
        InvalidInputError: naming ``state_max_fraction`` (outside 0..1), ``orders`` (none),
            ``earnings.disposable`` or ``employer_fee`` (above the limit).
    """
    request: dict[str, Any] = {"date": date, "earnings": _given(earnings),
                               "orders": [_given(o) for o in orders]}
    optional: dict[str, Any] = {
        "state": state,
        "supports_other_family": supports_other_family,
        "arrears_over_12_weeks": arrears_over_12_weeks,
        "old_arrears_reading": old_arrears_reading,
        "state_max_fraction": state_max_fraction,
        "employer_fee": employer_fee,
        "pay_period": pay_period,
        "monthly_amounts": monthly_amounts,
    }
    request.update((k, v) for k, v in optional.items() if v is not None)
    return compute_typed("withholding_amounts", request, WithholdingAmounts, rules)


@dataclass(frozen=True, slots=True)
class OrderArrearsStep:
    """One bound on the arrears amount (``share_of_current``, ``terminated_current``,
    ``share_of_disposable``, ``disability_benefits``, ``balance``) or the court's amount
    (``court_order``), with how it was found and its authority."""

    bound: str
    amount: Decimal
    basis: str
    citation: str


@dataclass(frozen=True, slots=True)
class OrderArrears:
    """What a withholding order asks for: current support and the arrears amount (the lowest
    bound), with each bound."""

    current: Decimal
    arrears: Decimal
    total: Decimal
    steps: tuple[OrderArrearsStep, ...]
    notes: tuple[str, ...] = ()


def withholding_order_arrears(
    date: DateLike,
    state: str,
    current: Amount,
    arrears_balance: Amount,
    *,
    terminated_current: Amount | None = None,
    disposable: Amount | None = None,
    court_ordered_arrears: Amount | None = None,
    disability_benefits: Amount | None = None,
    rules: Rules | None = None,
) -> OrderArrears:
    """The arrears amount an agency writes into a withholding order (library reading R-AL-9).

    Args:
        date: the date the order is issued (picks the rules).
        state: the issuing state (``"california"``).
        current: current support for the period.
        arrears_balance: the arrears owed.
        terminated_current: current support for children whose support ended by operation of
            law, for the period.
        disposable: the obligor's disposable earnings for the period (``None``: the bound on
            current support and arrears together is not applied).
        court_ordered_arrears: the arrears amount the court ordered, carried as ordered.
        disability_benefits: a disabled obligor's monthly disability insurance benefits, when
            the regulation's conditions are met.
        rules: a rule set; the embedded rules by default.

    Raises:
        InvalidInputError: naming ``current`` (neither current nor terminated support) or a
            negative amount.
    """
    request: dict[str, Any] = {"date": date, "state": state, "current": current,
                               "arrears_balance": arrears_balance}
    optional: dict[str, Any] = {
        "terminated_current": terminated_current,
        "disposable": disposable,
        "court_ordered_arrears": court_ordered_arrears,
        "disability_benefits": disability_benefits,
    }
    request.update((k, v) for k, v in optional.items() if v is not None)
    return compute_typed("withholding_order_arrears", request, OrderArrears, rules)
