"""Texas guideline support (Tex. Fam. Code ch. 154), typed.

:func:`texas_guideline` builds a ``texas_guideline`` request (net resources, §154.125
percentages and cap, §154.126 above the cap, §154.127 step-downs, §§154.128-154.129 multiple
households, §154.130 findings, §§154.181-154.1825 medical and dental support) and returns a
:class:`TexasGuideline`; :func:`texas_net_resources` computes one party's monthly net resources
by the Attorney General's tax-chart method (§§154.061-154.068) and returns a
:class:`TexasNetResources`. Amounts come back as ``Decimal``, dates as ``datetime.date``.

The readings chosen where the law is silent are the engine's (see the crate docs,
``guideline/texas/``); each is stated in the worksheet. The input dataclasses here send only the
fields the caller gives (``None`` and empty lists are left out), so every default is the
engine's own.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Union

from ._api import compute_typed
from ._native import Rules
from ._types import MissingRule, Step

__all__ = [
    "AboveCap",
    "ChildDates",
    "Deductions",
    "DentalSupport",
    "Exact",
    "Findings",
    "FormulaDetail",
    "Frequency",
    "HealthKind",
    "HealthSupport",
    "IncomeItem",
    "IncomeKind",
    "Medical",
    "MedicalResult",
    "MultipleHousehold",
    "MultipleHouseholdMethod",
    "NetResourcesMethod",
    "Resources",
    "SelfEmploymentTax",
    "StepDown",
    "SupportItem",
    "TableDetail",
    "TexasFlag",
    "TexasGuideline",
    "TexasMethod",
    "TexasNetResources",
    "TexasSchedule",
    "as_fraction",
    "texas_guideline",
    "texas_net_resources",
]

Amount = Union[Decimal, int, str]
DateLike = Union[datetime.date, str]
#: An exact value of a result (a factor, an income, an unrounded amount): a ``Fraction``, as in
#: every typed result (amounts of money are ``Decimal``).
Exact = Fraction


def as_fraction(value: Fraction | Decimal | str) -> Fraction:
    """An exact value (a ``Fraction``, a ``Decimal`` or the JSON text ``"n/d"``) as a ``Fraction``."""
    return Fraction(value)


#: How often an income item is received (§154.061(a): annualised by periods per year).
Frequency = Literal["weekly", "biweekly", "semimonthly", "monthly", "annual"]
#: What kind of resource an income item is (§154.062(b)).
IncomeKind = Literal["wages", "self_employment", "other"]
#: §154.128 computation (``"formula"``, the engine's default) or the §154.129 table.
MultipleHouseholdMethod = Literal["formula", "table"]
#: How the obligor supports the child's health care through the obligee (§154.182).
HealthKind = Literal["obligee_coverage", "cash_medical_support"]
#: How net resources were found.
NetResourcesMethod = Literal["given", "tax_chart", "minimum_wage_presumption"]
#: The method that produced an amount: §154.125, §154.128 or §154.129.
TexasMethod = Literal["single_household", "formula_154_128", "table_154_129"]
#: The percentage schedule applied (§154.125(b) or the low-income (c)).
TexasSchedule = Literal["standard", "low_income"]
#: Conditions a Texas result reports, for callers to act on.
TexasFlag = Literal[
    "additional_medicare_tax",
    "self_employed_method_unverified",
    "net_resources_below_zero",
    "minimum_wage_presumption",
    "alternative_tax_parameters",
    "low_income_schedule",
    "six_or_more_children_floor",
    "above_cap",
    "non_statutory_multiple_household",
    "multiple_household_methods_differ",
    "deviation",
]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncomeItem:
    """One resource of a party, per period (negative only for a self-employment loss).

    ``taxable`` (whether it enters the federal income tax base) is the engine's default, true,
    unless given.
    """

    amount: Amount
    frequency: Frequency
    kind: IncomeKind
    taxable: bool | None = None


@dataclass(frozen=True, slots=True)
class Deductions:
    """Monthly deductions from resources (§154.062(d)(3)-(6)); each is zero unless given."""

    union_dues: Amount | None = None
    child_health_insurance: Amount | None = None
    child_dental_insurance: Amount | None = None
    cash_medical_support: Amount | None = None
    nondiscretionary_retirement: Amount | None = None
    state_income_tax: Amount | None = None


@dataclass(frozen=True, slots=True)
class Resources:
    """A party's resources: exactly one of ``net_resources`` (found directly), ``incomes`` (run
    through the tax chart) or ``no_evidence_of_resources=True`` (the §154.068 presumption).

    The rest are optional; left ``None`` the engine's defaults apply (``pays_social_security``
    true; ``tax_year`` the calendar year of the date; ``tax_parameter_set`` the year's set;
    ``half_se_tax_deduction`` the rules' self-employed method). ``annual_resources`` is the annual
    gross (§154.062(b)) for the medical and dental caps, needed when ``net_resources`` is given.
    """

    net_resources: Amount | None = None
    incomes: Sequence[IncomeItem | Mapping[str, Any]] = ()
    no_evidence_of_resources: bool | None = None
    confined_over_90_days: bool | None = None
    pays_social_security: bool | None = None
    deductions: Deductions | Mapping[str, Any] | None = None
    annual_resources: Amount | None = None
    tax_year: int | None = None
    tax_parameter_set: str | None = None
    half_se_tax_deduction: bool | None = None


@dataclass(frozen=True, slots=True)
class HealthSupport:
    """Health support through the obligee: ``monthly_cost`` is the actual cost for the child
    (``obligee_coverage``, §154.182(b-1)) or the cash amount sought (``cash_medical_support``,
    §154.182(b)(3))."""

    kind: HealthKind
    monthly_cost: Amount


@dataclass(frozen=True, slots=True)
class DentalSupport:
    """The obligee's dental insurance for the child: the monthly actual cost (§154.1825)."""

    monthly_cost: Amount


@dataclass(frozen=True, slots=True)
class Medical:
    """Medical and dental support requested with a guideline calculation.

    ``annual_resources`` defaults (in the engine) to the obligor's: from the income items, or the
    obligor's ``annual_resources`` when net resources are given directly.
    """

    annual_resources: Amount | None = None
    health: HealthSupport | Mapping[str, Any] | None = None
    dental: DentalSupport | Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ChildDates:
    """A child before the court, for §154.127 step-downs; ``support_ends`` when not the 18th
    birthday (for example the high-school extension)."""

    birth_date: DateLike
    support_ends: DateLike | None = None


def _given(value: Any) -> Any:
    """Input dataclasses as mappings of the fields the caller gave: ``None`` and empty lists are
    left out, so the engine applies its own defaults. Mappings are passed as given."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if v is None or (isinstance(v, (list, tuple)) and not v):
                continue
            out[f.name] = _given(v)
        return out
    if isinstance(value, Mapping):
        return {k: _given(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_given(v) for v in value]
    return value


def _child(value: ChildDates | Mapping[str, Any] | DateLike) -> Any:
    if isinstance(value, (datetime.date, str)):
        return {"birth_date": value}
    return _given(value)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SelfEmploymentTax:
    """The self-employment tax figures (an unverified self-employed method, library reading R-TX-4)."""

    annual_net_income: Exact
    se_base: Exact
    annual_se_tax: Exact
    half_deducted: bool
    unverified: bool


@dataclass(frozen=True, slots=True)
class TexasNetResources:
    """A party's monthly net resources (§§154.061-154.068), with every step.

    ``net_resources`` is rounded half away from zero to cents: the finding, and what the
    percentages apply to (library reading R-TX-1); ``net_resources_exact`` is the value before
    that rounding. The tax figures are zero and the chart fields ``None`` when
    net resources were given directly.
    """

    method: NetResourcesMethod
    tax_year: int | None
    tax_parameter_set: str | None
    annual_gross: Exact | None
    monthly_gross: Exact | None
    annual_taxable_income: Exact | None
    social_security: Decimal
    medicare: Decimal
    additional_medicare_applies: bool
    federal_income_tax: Decimal
    self_employment: SelfEmploymentTax | None
    deductions: Exact
    net_resources: Decimal
    net_resources_exact: Exact
    below_zero: bool
    annual_resources: Exact | None
    flags: tuple[TexasFlag, ...]
    worksheet: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class FormulaDetail:
    """The §154.128 computation's steps (percentages as fractions, 0.35)."""

    total_children: int
    one_household_percentage: Exact
    one_household_amount: Exact
    credit: Exact
    adjusted_net_resources: Exact
    percentage: Exact
    amount_exact: Exact
    amount: Decimal


@dataclass(frozen=True, slots=True)
class TableDetail:
    """The §154.129 table's figures (``percent`` in percent, 27.38)."""

    percent: Exact
    amount_exact: Exact
    amount: Decimal


@dataclass(frozen=True, slots=True)
class MultipleHousehold:
    """Both multiple-household methods; ``table`` is ``None`` where the table does not apply."""

    method_used: TexasMethod
    formula: FormulaDetail
    table: TableDetail | None
    methods_differ: bool
    non_statutory: str | None


@dataclass(frozen=True, slots=True)
class AboveCap:
    """§154.126: support above the cap, with the court's allocation (an input)."""

    presumptive: Decimal
    proven_needs: Decimal
    needs_gap: Decimal
    obligor_maximum: Decimal
    court_allocated_extra: Decimal
    total: Decimal
    limited_by_maximum: bool


@dataclass(frozen=True, slots=True)
class SupportItem:
    """One medical or dental support amount: min(cost, cap)."""

    cost: Decimal
    amount: Decimal
    limited_by_cap: bool


@dataclass(frozen=True, slots=True)
class MedicalResult:
    """Medical and dental support (§§154.181-154.1825); caps are ``None`` when the rule is not
    known for the date."""

    annual_resources: Exact
    health_cap: Decimal | None
    dental_cap: Decimal | None
    health_kind: HealthKind | None
    health: SupportItem | None
    dental: SupportItem | None
    total: Decimal


@dataclass(frozen=True, slots=True)
class StepDown:
    """One §154.127 step: the reduced amount from ``effective_date`` (``children_ending`` are
    indices into ``children_dates``; ``percentage`` in percent)."""

    effective_date: datetime.date
    children_ending: tuple[int, ...]
    support_ends: tuple[datetime.date, ...]
    children_remaining: int
    percentage: Exact
    amount: Decimal
    amount_exact: Exact
    is_floor: bool


@dataclass(frozen=True, slots=True)
class Findings:
    """The §154.130 findings (``percentage_applied`` in percent, rounded to 2 places)."""

    obligor_net_resources: Decimal
    obligee_net_resources: Decimal | None
    percentage_applied: Exact
    guideline_amount: Decimal
    ordered_amount: Decimal | None
    deviation: bool
    deviation_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class TexasGuideline:
    """Texas guideline support for one case, with its worksheet.

    ``amount`` is the guideline (presumptive) monthly amount rounded half away from zero;
    ``amount_exact`` keeps every digit; ``percentage`` is in percent (20 for 20%).
    ``total_child_support`` is ``amount`` or the §154.126 total; ``total_monthly`` adds medical
    and dental support.
    """

    rules_version: str
    order_date: datetime.date
    net_resources: TexasNetResources
    child_support_received: Decimal
    guideline_net_resources: Exact
    cap: Decimal
    above_cap: bool
    capped_net_resources: Exact
    schedule: TexasSchedule
    children: int
    other_children: int
    method: TexasMethod
    percentage: Exact
    amount: Decimal
    amount_exact: Exact
    is_floor: bool
    multiple_household: MultipleHousehold | None
    above_cap_support: AboveCap | None
    total_child_support: Decimal
    medical: MedicalResult | None
    total_monthly: Decimal
    step_downs: tuple[StepDown, ...]
    findings: Findings
    flags: tuple[TexasFlag, ...]
    missing_rules: tuple[MissingRule, ...]
    worksheet: tuple[Step, ...]


# --- functions -------------------------------------------------------------------------------


def texas_guideline(
    order_date: DateLike,
    obligor: Resources | Mapping[str, Any],
    children: int,
    *,
    other_children: int = 0,
    child_support_received: Amount | None = None,
    multiple_household_method: MultipleHouseholdMethod | None = None,
    court_percentage: Amount | None = None,
    proven_needs: Amount | None = None,
    court_allocated_extra: Amount | None = None,
    obligee_net_resources: Amount | None = None,
    ordered_amount: Amount | None = None,
    medical: Medical | Mapping[str, Any] | None = None,
    children_dates: Iterable[ChildDates | Mapping[str, Any] | DateLike] = (),
    due_day: int | None = None,
    rules: Rules | None = None,
) -> TexasGuideline:
    """Texas guideline child support (Tex. Fam. Code §§154.125-154.130) for one case.

    Args:
        order_date: the date the order is rendered: it picks the cap, the schedule and (its
            calendar year) the tax year.
        obligor: the obligor's resources, e.g. ``Resources(net_resources=Decimal("5000"))`` or
            ``Resources(incomes=[IncomeItem(Decimal("6000"), "monthly", "wages")])``, or a mapping
            of the same fields.
        children: children before the court (1 or more).
        other_children: other children the obligor must support (§154.128(b)).
        child_support_received: support the obligor receives, monthly (§154.070).
        multiple_household_method: ``"formula"`` (§154.128) or ``"table"`` (§154.129); both are
            reported either way.
        court_percentage: for 6 or more children, the court's percentage as a fraction (at
            least the 5-child one).
        proven_needs, court_allocated_extra: §154.126, above the cap: the child's proven monthly
            needs and the part above the presumptive amount the court allocates to the obligor.
        obligee_net_resources: for the §154.130 findings.
        ordered_amount: the amount ordered, if known: the findings say whether it deviates.
        medical: medical and dental support, e.g.
            ``Medical(health=HealthSupport("obligee_coverage", Decimal("520")))``.
        children_dates: one per child before the court, for §154.127 step-downs:
            ``ChildDates(birth_date, support_ends)``, a mapping, or just the birth date.
        due_day: the day of the month installments are due (the engine's default is 1).
        rules: a rule set (``Rules.from_toml(...)``); the embedded rules by default.

    Money is ``Decimal``, ``int`` or a decimal string; never ``float``. Arguments left ``None``
    are not sent: the engine's defaults apply.

    Raises:
        TypeError: a float (or another unsupported type) was given; the message names the field.
        InvalidInputError, NoRuleError, RequestError: as the engine reports them, naming the
            field (``obligor.incomes[0].amount``, ``children``, ``federal_tax.parameters``).
    """
    request: dict[str, Any] = {
        "order_date": order_date,
        "obligor": _given(obligor),
        "children": children,
        "other_children": other_children,
    }
    optional: dict[str, Any] = {
        "child_support_received": child_support_received,
        "multiple_household_method": multiple_household_method,
        "court_percentage": court_percentage,
        "proven_needs": proven_needs,
        "court_allocated_extra": court_allocated_extra,
        "obligee_net_resources": obligee_net_resources,
        "ordered_amount": ordered_amount,
        "medical": None if medical is None else _given(medical),
        "due_day": due_day,
    }
    request.update((k, v) for k, v in optional.items() if v is not None)
    dates = [_child(c) for c in children_dates]
    if dates:
        request["children_dates"] = dates
    return compute_typed("texas_guideline", request, TexasGuideline, rules)


def texas_net_resources(
    calculation_date: DateLike,
    resources: Resources | Mapping[str, Any],
    rules: Rules | None = None,
) -> TexasNetResources:
    """One party's monthly net resources by the Texas tax-chart method (§§154.061-154.068).

    ``calculation_date``'s calendar year is the tax year unless ``resources.tax_year`` names one.
    Errors name fields under ``resources`` (``resources.incomes[0].amount``).
    """
    request = {"calculation_date": calculation_date, "resources": _given(resources)}
    return compute_typed("texas_net_resources", request, TexasNetResources, rules)
