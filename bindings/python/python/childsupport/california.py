"""California guideline support (Fam. Code §4055, with §4061-4062 add-ons), typed.

:func:`california_guideline` builds a ``california_guideline`` request, lets the engine compute
it, and returns a :class:`CaliforniaGuideline` whose amounts (whole cents) are ``Decimal``, exact
values (incomes, factors, unrounded amounts) ``fractions.Fraction``, and dates ``datetime.date``.
The readings chosen where the law is silent are the library's (``docs/readings.md``); each is
cited in the worksheet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Union

from ._api import compute_typed
from ._native import Rules
from ._types import MissingRule, Parent, Step

__all__ = [
    "AddOn",
    "AddOnApportionment",
    "AddOnItem",
    "AddOnKind",
    "AddOnSplit",
    "CaliforniaGuideline",
    "ChildShare",
    "LowIncomeAdjustment",
    "LowIncomeChoice",
    "SpousalSupport",
    "TimeShare",
    "california_guideline",
]

#: §4062 add-on kinds.
AddOnKind = Literal["childcare", "uninsured_health", "educational_needs", "visitation_travel"]
#: Ways of splitting add-ons between the parents (§4061).
AddOnSplit = Literal["equal", "proportional"]

Amount = Union[Decimal, int, str]

#: The court's finding on a low-income adjustment (§4055(b)(7)): ``"presumptive"`` (the lowest
#: amount of the range, the default), ``"none"`` (the presumption rebutted), or
#: ``{"amount": Decimal("300.00")}`` (an amount within the range).
LowIncomeChoice = Union[Literal["presumptive", "none"], Mapping[str, Amount]]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeShare:
    """One parent's share of time with the children, 0 to 1 (``Decimal("0.20")`` for 20%)."""

    parent: Parent
    fraction: Amount


@dataclass(frozen=True, slots=True)
class AddOn:
    """A §4062 add-on expense per month."""

    kind: AddOnKind
    amount: Amount


@dataclass(frozen=True, slots=True)
class SpousalSupport:
    """Spousal support ordered between the parents, per month (§4061(c))."""

    paid_by: Parent
    amount: Amount


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LowIncomeAdjustment:
    """The low-income adjustment (§4055(b)(7); a computer calculation must show the range, (c)).

    The range runs from ``lowest_amount`` (presumed) to ``highest_amount`` (the guideline amount);
    ``applied`` says what the result's ``amount`` is.
    """

    threshold: Fraction
    obligor_net_income: Fraction
    max_reduction: Decimal
    lowest_amount: Decimal
    lowest_amount_exact: Fraction
    highest_amount: Decimal
    #: ``"presumptive"``, ``"none"``, or ``{"amount": Decimal("300")}`` (the court's amount).
    applied: Union[Literal["presumptive", "none"], dict[str, Decimal]]


@dataclass(frozen=True, slots=True)
class ChildShare:
    """One child's share of the support (§4055(b)(8)); rank 1 is the youngest."""

    rank: int
    input_index: int | None
    birth_date: datetime.date | None
    amount: Decimal
    unadjusted_amount: Decimal
    unadjusted_exact: Fraction


@dataclass(frozen=True, slots=True)
class AddOnItem:
    """One add-on, split between the parents."""

    kind: AddOnKind
    amount: Decimal
    parent_a: Decimal
    parent_b: Decimal


@dataclass(frozen=True, slots=True)
class AddOnApportionment:
    """The §4061 apportionment of the add-ons."""

    split: AddOnSplit
    is_default: bool
    parent_a_adjusted_income: Fraction
    parent_b_adjusted_income: Fraction
    negative_adjusted_income: bool
    parent_a_share: Fraction
    parent_b_share: Fraction
    items: tuple[AddOnItem, ...]
    parent_a_total: Decimal
    parent_b_total: Decimal


@dataclass(frozen=True, slots=True)
class CaliforniaGuideline:
    """California guideline support for one case, with its worksheet.

    ``amount`` is the monthly support rounded to cents (half away from zero): the guideline
    amount or, when the obligor qualifies for the low-income adjustment, the amount applied (by
    default the presumptive, lowest amount); ``unadjusted_amount`` is the guideline amount before
    any adjustment. ``*_exact`` values and factors are exact ``Fraction``s.
    ``payer``/``recipient`` are ``None`` when the formula gives zero.
    """

    rules_version: str
    law: str
    calculation_date: datetime.date
    payer: Parent | None
    recipient: Parent | None
    amount: Decimal
    amount_exact: Fraction
    unadjusted_amount: Decimal
    unadjusted_amount_exact: Fraction
    high_earner: Parent
    high_earner_net_income: Fraction
    total_net_income: Fraction
    high_earner_time_share: Fraction
    band: int
    fraction: Fraction
    k: Fraction
    multiplier: Fraction
    one_child_amount_exact: Fraction
    low_income_adjustment: LowIncomeAdjustment | None
    per_child: tuple[ChildShare, ...]
    add_ons: AddOnApportionment | None
    hardship_cap_per_child: Decimal
    missing_rules: tuple[MissingRule, ...]
    worksheet: tuple[Step, ...]


def california_guideline(
    calculation_date: datetime.date | str,
    parent_a_net_income: Amount,
    parent_b_net_income: Amount,
    time_share: TimeShare | Mapping[str, Any] | None,
    children: int,
    birth_dates: Iterable[datetime.date | str] = (),
    add_ons: Iterable[AddOn | Mapping[str, Any]] = (),
    spousal_support: SpousalSupport | Mapping[str, Any] | None = None,
    add_on_split: AddOnSplit | None = None,
    ordered_basic_support: Amount | None = None,
    child_time_shares: Iterable[TimeShare | Mapping[str, Any]] = (),
    low_income_adjustment: LowIncomeChoice | None = None,
    rules: Rules | None = None,
) -> CaliforniaGuideline:
    """California guideline child support (Fam. Code §4055) for one case.

    Args:
        calculation_date: the date computed for; it picks the law and thresholds.
        parent_a_net_income, parent_b_net_income: monthly net disposable incomes (§4059-4060),
            as ``Decimal``, ``int`` or decimal string; never ``float``.
        time_share: one parent's share of time with the children, e.g.
            ``TimeShare("parent_a", Decimal("0.20"))`` or ``{"parent": "parent_a", "fraction": "0.2"}``;
            ``None`` when ``child_time_shares`` is given instead.
        children: the number of children of this order (1 to 10).
        birth_dates: one per child, any order, for the §4055(b)(8) per-child allocation.
        add_ons: §4062 expenses, e.g. ``[AddOn("childcare", Decimal("1000"))]``.
        spousal_support: spousal support between the parents, for §4061(c).
        add_on_split: ``"equal"`` or ``"proportional"`` when not the default in force.
        child_time_shares: one time share per child when the children have different
            arrangements: H% is their average and the (b)(8) allocation does not apply.
        ordered_basic_support: the basic support actually ordered, when it differs from the
            guideline amount; §4061(d) and the §4071(b) hardship cap use it.
        low_income_adjustment: when the obligor qualifies (§4055(b)(7)): ``"presumptive"``
            (the default: the lowest amount of the range), ``"none"`` (the presumption
            rebutted), or ``{"amount": Decimal("300.00")}`` (the court's amount, in the range).
        rules: a rule set (``Rules.from_toml(...)``); the embedded rules by default.

    Raises:
        TypeError: a float (or another unsupported type) was given; the message names the field.
        InvalidInputError, NoRuleError, RequestError: as the engine reports them, naming the field.
    """
    request: dict[str, Any] = {
        "calculation_date": calculation_date,
        "parent_a_net_income": parent_a_net_income,
        "parent_b_net_income": parent_b_net_income,
        "children": children,
        "birth_dates": list(birth_dates),
        "add_ons": list(add_ons),
    }
    if time_share is not None:
        request["time_share"] = time_share
    shares = list(child_time_shares)
    if shares:
        request["child_time_shares"] = shares
    if spousal_support is not None:
        request["spousal_support"] = spousal_support
    if add_on_split is not None:
        request["add_on_split"] = add_on_split
    if ordered_basic_support is not None:
        request["ordered_basic_support"] = ordered_basic_support
    if low_income_adjustment is not None:
        request["low_income_adjustment"] = low_income_adjustment
    return compute_typed("california_guideline", request, CaliforniaGuideline, rules)
