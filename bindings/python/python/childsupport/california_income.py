"""California net disposable income from gross, then the guideline (Fam. Code §§4058-4060,
4070-4073, 4055), typed.

:func:`california_guideline_from_gross` builds a ``california_guideline_from_gross`` request
from each parent's gross income items (plain mappings, as the JSON interface takes them) and the
case facts, lets the engine compute it, and returns a :class:`CaliforniaFromGross`.

As in :mod:`childsupport.california`, amounts rounded to cents are ``Decimal`` and exact values
(annual figures, monthly net disposable income = annual / 12, which need not terminate) are
``fractions.Fraction``; the guideline on the two monthly figures is a
:class:`~childsupport.california.CaliforniaGuideline`. :func:`exact` reads an exact value as the
engine writes it in JSON (``"12.5"`` or ``"550259/120"``).

>>> from decimal import Decimal
>>> r = california_guideline_from_gross(
...     "2025-07-01",
...     parent_a={"filing_status": "single",
...               "incomes": [{"kind": "wages", "amount": "5000", "per": "month"}]},
...     parent_b={"filing_status": "hoh", "incomes": [{"kind": "wages", "amount": "42000"}]},
...     time_share={"parent": "parent_a", "fraction": "0.20"}, children=1)
>>> r.parent_a.monthly_net_income, r.parent_b.federal_tax
(Fraction(1599299, 400), Decimal('-1682.73'))
>>> r.guideline.amount
Decimal('759.75')
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Union

from ._api import compute_typed
from .california import CaliforniaGuideline
from ._native import Rules
from ._types import Step

__all__ = [
    "CaliforniaFromGross",
    "FilingStatus",
    "HardshipResult",
    "NetIncome",
    "california_guideline_from_gross",
    "exact",
]

#: Filing statuses (``qss`` uses the joint tables).
FilingStatus = Literal["single", "mfj", "mfs", "hoh", "qss"]

Amount = Union[Decimal, int, str]


def exact(text: str) -> Fraction:
    """An exact value as the engine writes it (``"12.5"`` or ``"550259/120"``), as a Fraction."""
    return Fraction(text)


@dataclass(frozen=True, slots=True)
class HardshipResult:
    """A parent's hardship deductions per month (§4071)."""

    extraordinary_expenses: Fraction
    children_deduction: Decimal
    cap_per_child: Decimal
    children_weight: Fraction
    basis: Literal["presumed", "basic"]
    one_pass: bool


@dataclass(frozen=True, slots=True)
class NetIncome:
    """One parent's net disposable income; annual amounts unless named monthly."""

    filing_status: FilingStatus
    gross_income: Fraction
    federal_tax: Decimal
    federal_tax_entered: bool
    california_tax: Decimal
    california_tax_entered: bool
    social_security: Decimal
    medicare: Decimal
    additional_medicare: Decimal
    self_employment_tax: Decimal
    fica_alternative: Decimal
    sdi: Decimal
    mandatory_retirement: Fraction
    union_dues: Fraction
    health_insurance: Fraction
    other_support_paid: Fraction
    job_expenses: Fraction
    joint_share: Fraction | None
    annual_net_income: Fraction
    monthly_net_income: Fraction
    hardship: HardshipResult | None
    net_income_for_guideline: Fraction
    below_zero: bool
    worksheet: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class CaliforniaFromGross:
    """Both parents' net disposable income and the §4055 guideline on them.

    ``guideline`` is the §4055 guideline on the two monthly figures, typed as
    :func:`childsupport.california_guideline`'s result. ``worksheet`` holds every step:
    parent A, parent B, then the guideline.
    """

    rules_version: str
    tax_year: int
    parent_a: NetIncome
    parent_b: NetIncome
    hardship_rounds: int
    guideline: CaliforniaGuideline
    worksheet: tuple[Step, ...]


def california_guideline_from_gross(
    calculation_date: datetime.date | str,
    parent_a: Mapping[str, Any],
    parent_b: Mapping[str, Any],
    time_share: Mapping[str, Any] | None,
    children: int,
    tax_year: int | None = None,
    child_time_shares: Iterable[Mapping[str, Any]] = (),
    birth_dates: Iterable[datetime.date | str] = (),
    add_ons: Iterable[Mapping[str, Any]] = (),
    spousal_support: Mapping[str, Any] | None = None,
    add_on_split: Literal["equal", "proportional"] | None = None,
    ordered_basic_support: Amount | None = None,
    rules: Rules | None = None,
) -> CaliforniaFromGross:
    """California guideline support from each parent's gross income.

    Args:
        calculation_date: the date computed for; its calendar year is the tax year unless
            ``tax_year`` is given.
        parent_a, parent_b: each parent's gross income as the JSON interface takes it:
            ``{"filing_status": "single", "incomes": [{"kind": "wages", "amount": "5000",
            "per": "month"}], "deductions": [...], ...}`` (see docs/california-income.md);
            amounts as ``Decimal``, ``int`` or decimal strings, never ``float``.
        time_share: one parent's share of time, ``{"parent": "parent_a", "fraction": "0.2"}``.
        children: the number of children of this order.
        Other arguments: as :func:`childsupport.california_guideline`.

    Raises:
        TypeError: a float was given; InvalidInputError, NoRuleError, RequestError: as the
        engine reports them, naming the field (``parent_a.incomes[0].amount``).
    """
    request: dict[str, Any] = {
        "calculation_date": calculation_date,
        "parent_a": parent_a,
        "parent_b": parent_b,
        "children": children,
        "birth_dates": list(birth_dates),
        "add_ons": list(add_ons),
    }
    if tax_year is not None:
        request["tax_year"] = tax_year
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
    return compute_typed("california_guideline_from_gross", request, CaliforniaFromGross, rules)
