"""childsupport: US child support computed exactly as the law says.

Every computation is done by the Rust engine; this package converts Python values to and from
it. Money is ``decimal.Decimal`` (or ``int``/``str``) going in and exact decimal text or
``Decimal`` coming out; a ``float`` is refused with a ``TypeError`` naming the field.

- :func:`compute` / :func:`compute_many`: any request kind (``KINDS``) as the JSON interface
  takes it, ``{"kind": ..., "input": {...}}``; the response as parsed JSON (amounts as strings).
- :func:`california_guideline`, :func:`texas_guideline`, :func:`texas_net_resources`: typed,
  returning frozen dataclasses with ``Decimal`` amounts.
- :class:`Rules`: the embedded rule set, or one with series replaced from TOML.
- Errors: :class:`ChildSupportError` (a ``ValueError``) and one subclass per error code.

>>> from decimal import Decimal
>>> r = california_guideline("2025-03-01", Decimal("3000"), Decimal("1000"),
...                          TimeShare("parent_a", Decimal("0.20")), children=2)
>>> r.amount, r.payer
(Decimal('954.21'), 'parent_a')
"""

from __future__ import annotations

from ._api import KINDS, compute, compute_many
from ._errors import (
    ChildSupportError,
    InvalidInputError,
    NoRuleError,
    RequestError,
    RulesError,
)
from ._native import Rules, __version__
from ._types import MissingRule, Parent, Step
from .california import (
    AddOn,
    AddOnApportionment,
    AddOnItem,
    CaliforniaGuideline,
    ChildShare,
    LowIncomeAdjustment,
    SpousalSupport,
    TimeShare,
    california_guideline,
)
from .texas import (
    AboveCap,
    ChildDates,
    Deductions,
    DentalSupport,
    Findings,
    FormulaDetail,
    Frequency,
    HealthKind,
    HealthSupport,
    IncomeItem,
    IncomeKind,
    Medical,
    MedicalResult,
    MultipleHousehold,
    MultipleHouseholdMethod,
    NetResourcesMethod,
    Resources,
    SelfEmploymentTax,
    StepDown,
    SupportItem,
    TableDetail,
    TexasFlag,
    TexasGuideline,
    TexasMethod,
    TexasNetResources,
    TexasSchedule,
    texas_guideline,
    texas_net_resources,
)

__all__ = [
    "KINDS",
    "AboveCap",
    "AddOn",
    "AddOnApportionment",
    "AddOnItem",
    "CaliforniaGuideline",
    "ChildDates",
    "ChildShare",
    "ChildSupportError",
    "Deductions",
    "DentalSupport",
    "Findings",
    "FormulaDetail",
    "Frequency",
    "HealthKind",
    "HealthSupport",
    "IncomeItem",
    "IncomeKind",
    "InvalidInputError",
    "LowIncomeAdjustment",
    "Medical",
    "MedicalResult",
    "MissingRule",
    "MultipleHousehold",
    "MultipleHouseholdMethod",
    "NetResourcesMethod",
    "NoRuleError",
    "Parent",
    "RequestError",
    "Resources",
    "Rules",
    "RulesError",
    "SelfEmploymentTax",
    "SpousalSupport",
    "Step",
    "StepDown",
    "SupportItem",
    "TableDetail",
    "TexasFlag",
    "TexasGuideline",
    "TexasMethod",
    "TexasNetResources",
    "TexasSchedule",
    "TimeShare",
    "__version__",
    "california_guideline",
    "compute",
    "compute_many",
    "texas_guideline",
    "texas_net_resources",
]
