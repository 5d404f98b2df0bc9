"""Arrears, typed: ledgers, payoff projections and Texas §158.003 additional withholding.

- :func:`arrears_ledger`: from an order history and a payment history to an exact ledger
  (installments, interest, statutory crediting of each payment, judgments and renewals), with
  monthly periods, totals as of any date, and a saved state to continue from
  (California: CCP §§685.010-685.030, §695.221, Fam. Code §17433.5; Texas: Fam. Code
  §§157.261-157.268). Returns an :class:`ArrearsLedger`.
- :func:`arrears_payoff`: a payoff projection at a monthly payment, and/or the smallest payment
  that pays off within a number of months. Returns an :class:`ArrearsPayoff`.
- :func:`texas_withholding`: Tex. Fam. Code §158.003 additional withholding for arrears, with
  the §158.009 limit. Returns a :class:`TexasWithholding`.

Amounts come back as ``Decimal``, dates as ``datetime.date``, lists as tuples. The readings
chosen where the law is silent (same-day event order, interest posting, current support as the
installments due in the payment's month, tax offsets paying arrears only) are the engine's
(``crates/childsupport/src/arrears/``) and are stated in each worksheet and line citation.

Input dataclasses send only the fields the caller gives (a field left ``None`` is not sent), so
every default is the engine's own; plain mappings of the same fields are accepted anywhere a
dataclass is.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union

from ._api import compute_typed
from ._encode import to_json_value
from ._native import Rules
from ._types import Step

__all__ = [
    "ArrearsLedger",
    "ArrearsPayoff",
    "CreditingTier",
    "DayCount",
    "Fee",
    "InterestStart",
    "ConfirmedAmount",
    "Judgment",
    "Jurisdiction",
    "LedgerMovedPayment",
    "LumpSum",
    "Move",
    "OpeningBalance",
    "LedgerApplication",
    "LedgerBalances",
    "LedgerConsumed",
    "LedgerCounters",
    "LedgerInstallment",
    "LedgerItem",
    "LedgerItemKind",
    "LedgerLine",
    "LedgerOptions",
    "LedgerPeriod",
    "LedgerSavedState",
    "LedgerSettings",
    "LedgerTotals",
    "LedgerTypeInterest",
    "LedgerTypeTotals",
    "LineEvent",
    "ObligationType",
    "Order",
    "OrderChange",
    "OrderFrequency",
    "Payment",
    "PaymentSource",
    "PayoffMethod",
    "PayoffProjection",
    "PayoffRow",
    "PayoffWithinMonths",
    "Renewal",
    "TexasWithholding",
    "WithholdingOption",
    "arrears_ledger",
    "arrears_payoff",
    "texas_withholding",
]

Amount = Union[Decimal, int, str]
DateLike = Union[datetime.date, str]

#: The state whose law applies.
Jurisdiction = Literal["california", "texas"]
#: A kind of support obligation, kept apart in the ledger (``dental`` in Texas only).
ObligationType = Literal["child", "medical", "dental", "spousal"]
#: How often an order's installments fall due.
OrderFrequency = Literal["monthly", "semimonthly", "biweekly", "weekly"]
#: How interest is counted over days: ``monthly`` (rate/12 a whole month, California's default)
#: or ``actual_365`` (rate x days / 365, Texas's default).
DayCount = Literal["monthly", "actual_365"]
#: California: when an installment starts to bear interest (CCP §685.020(b): the due date;
#: Fam. Code §17433.5, IV-D cases: the first of the next month).
InterestStart = Literal["due_date", "first_of_next_month"]
#: Where a payment comes from: ``tax_offset`` pays arrears only (principal, then interest).
PaymentSource = Literal["regular", "tax_offset"]
#: A tier of the statutory crediting order (CCP §695.221; Tex. Fam. Code §157.268).
CreditingTier = Literal[
    "current",
    "non_delinquent",
    "principal",
    "unconfirmed_principal",
    "confirmed_principal",
    "interest",
    "fees",
]
#: What a ledger line records.
LineEvent = Literal[
    "installment", "order_change", "fee", "payment", "interest", "judgment", "renewal",
    "reversal", "move", "opening_balance", "lump_sum",
]
#: What a principal item is: an installment, a Texas money judgment, or California interest
#: capitalised on renewal.
LedgerItemKind = Literal["installment", "judgment", "renewal", "opening"]
#: How a payoff projection computes interest.
PayoffMethod = Literal["statutory", "county_estimator"]
#: Which §158.003 option gives the additional withholding.
WithholdingOption = Literal["two_year", "twenty_percent"]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderChange:
    """A modification of an order: the new amount from ``effective`` (it governs installments
    due after that day); the frequency and due days stay unless given."""

    effective: DateLike
    amount: Amount
    frequency: OrderFrequency | None = None
    due_day: int | None = None
    due_days: Sequence[int] | None = None
    first_due: DateLike | None = None


@dataclass(frozen=True, slots=True)
class Order:
    """A support order: ``amount`` each installment at ``frequency`` from ``start``.

    Left ``None``, the engine's defaults apply: ``type`` child; ``end`` still in force; monthly
    ``due_day`` the start's day; semimonthly ``due_days`` the 1st and 15th; weekly or biweekly
    ``first_due`` the start; ``prorate`` false (partial first and last months due in full).
    """

    frequency: OrderFrequency
    amount: Amount
    start: DateLike
    type: ObligationType | None = None
    end: DateLike | None = None
    due_day: int | None = None
    due_days: Sequence[int] | None = None
    first_due: DateLike | None = None
    prorate: bool | None = None
    changes: Sequence[OrderChange | Mapping[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received on ``date``. ``source`` is ``regular`` unless given; ``receipt``
    orders payments within a day (lower first; payments without it come after); ``id`` is the
    caller's payment ID (unique), carried on its ledger lines and ordering same-day payments
    after ``receipt``, so the order in which payments are listed does not matter.
    """

    date: DateLike
    amount: Amount
    source: PaymentSource | None = None
    receipt: int | None = None
    id: str | None = None
    #: The day an employer withheld it (income withholding), if not the day received; with
    #: ``LedgerOptions(date_of_withholding=True)`` the date of collection when withheld in
    #: another month (45 CFR 302.51(a)(4)(ii)).
    withheld: DateLike | None = None


@dataclass(frozen=True, slots=True)
class Reversal:
    """The reversal of the payment whose ``id`` is ``payment_id`` (dishonored, NSF), recorded on
    ``date``: the ledger is as if it had never been credited, and later payments are credited
    again in the statutory order."""

    payment_id: str
    date: DateLike
    reason: str


@dataclass(frozen=True, slots=True)
class Move:
    """A misapplied payment (by its ``id``) moved on ``date`` to the obligation type it belonged
    to (``to_type``: applied to that obligation only, as of the day it was received) or to
    another case (``to_case``: it leaves this ledger). Give one of them."""

    payment_id: str
    date: DateLike
    reason: str
    to_type: ObligationType | None = None
    to_case: str | None = None


@dataclass(frozen=True, slots=True)
class OpeningBalance:
    """A balance carried over from another system as of ``date`` (every opening balance of a
    case has the same date): the ledger starts there, and installments due before it are in the
    balance, not charged again. ``owed_since`` is the due date of the oldest unpaid support in
    it (default ``date``); ``confirmed`` (Texas) that it was reduced to money judgment."""

    date: DateLike
    principal: Amount
    interest: Amount | None = None
    type: ObligationType | None = None
    owed_since: DateLike | None = None
    confirmed: bool | None = None


@dataclass(frozen=True, slots=True)
class LumpSum:
    """A lump-sum or retroactive support judgment rendered on ``date`` (bearing interest from
    that day), for support owed since ``owed_since`` (default ``date``)."""

    date: DateLike
    amount: Amount
    type: ObligationType | None = None
    description: str | None = None
    owed_since: DateLike | None = None


@dataclass(frozen=True, slots=True)
class ConfirmedAmount:
    """The amount a court confirmed for one obligation type in a judgment (its figure governs
    from then on; the difference from the computed balance is shown)."""

    type: ObligationType
    amount: Amount


@dataclass(frozen=True, slots=True)
class Fee:
    """A fee or cost ordered, owed from ``date`` (the last crediting tier)."""

    date: DateLike
    amount: Amount
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Judgment:
    """Texas: arrears confirmed and reduced to money judgment on ``date`` (Fam. Code §157.263),
    at the end of that day; ``types`` the obligation types confirmed (the engine's default:
    every type)."""

    date: DateLike
    types: Sequence[ObligationType] | None = None
    confirmed: Sequence[ConfirmedAmount | Mapping[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class Renewal:
    """California: a renewal of the judgment filed on ``date`` (accrued interest becomes
    principal), at the end of that day."""

    date: DateLike


@dataclass(frozen=True, slots=True)
class LedgerOptions:
    """Options overriding the engine's defaults; each left ``None`` is not sent.

    ``interest_start`` (California only; default the rules', the IV-D start in IV-D cases);
    ``day_count`` (default the state's); ``crediting_date`` applies the crediting order in force
    on that date to every payment (default: each payment's own date); ``type_order`` the order of
    obligation types within each tier (default child, medical, (dental,) spousal).
    """

    interest_start: InterestStart | None = None
    day_count: DayCount | None = None
    crediting_date: DateLike | None = None
    type_order: Sequence[ObligationType] | None = None
    #: Take the date of withholding as the date of collection of a payment withheld in one
    #: month and received in another (45 CFR 302.51(a)(4)(ii)); the default is the date of
    #: receipt.
    date_of_withholding: bool | None = None


def _given(value: Any) -> Any:
    """Input dataclasses as mappings of the fields the caller gave (``None`` left out, so the
    engine's defaults apply; an empty list given is sent, it can mean something: confirming no
    types). Mappings are passed as given."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _given(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) is not None}
    if isinstance(value, Mapping):
        return {k: _given(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_given(v) for v in value]
    return value


# --- ledger results --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerSettings:
    """The settings a ledger used (``interest_start`` and ``day_count`` for its first
    installment; ``interest_start`` California only; ``crediting_date`` when fixed)."""

    iv_d: bool
    interest_start: InterestStart | None = None
    day_count: DayCount
    type_order: tuple[ObligationType, ...]
    crediting_date: datetime.date | None = None
    #: The date of withholding was taken as the date of collection (45 CFR 302.51(a)(4)(ii)).
    date_of_withholding: bool = False


@dataclass(frozen=True, slots=True)
class LedgerBalances:
    """Balances after a line or as of a date. ``principal`` is every unpaid amount fallen due
    (the current month's included); Texas splits it into ``unconfirmed_principal`` and
    ``confirmed_principal`` (judgments); ``interest`` is the rounded cumulative exact interest
    less what was paid or capitalised; ``total_owed`` = principal + interest + fees."""

    principal: Decimal
    unconfirmed_principal: Decimal
    confirmed_principal: Decimal
    interest: Decimal
    fees: Decimal
    credit: Decimal
    total_owed: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerApplication:
    """One application of money to a debt: the tier, and for principal the item paid
    (``orders[0]#5``) and its due date; ``type`` is ``None`` for fees."""

    tier: CreditingTier
    type: ObligationType | None = None
    item: str | None = None
    due: datetime.date | None = None
    amount: Decimal
    from_credit: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerLine:
    """A ledger line: what happened on ``date``, where in the request it comes from
    (``reference``: ``payments[3]``, ``orders[0]#5``, ``judgments[0]/child``), how money was
    applied, the balances after it, and the law or reading behind it."""

    date: datetime.date
    event: LineEvent
    reference: str
    type: ObligationType | None = None
    payment_id: str | None = None
    source: PaymentSource | None = None
    description: str
    amount: Decimal
    installment_amount: Decimal | None = None
    applied: tuple[LedgerApplication, ...] = ()
    to_credit: Decimal
    balances: LedgerBalances
    citation: str


@dataclass(frozen=True, slots=True)
class LedgerPeriod:
    """A calendar month (``month`` is ``YYYY-MM``), with its closing balances (for the last
    month, as of the ledger's date)."""

    month: str
    due: Decimal
    paid: Decimal
    applied_current: Decimal
    applied_non_delinquent: Decimal
    applied_principal: Decimal
    applied_interest: Decimal
    applied_fees: Decimal
    to_credit: Decimal
    interest_posted: Decimal
    closing: LedgerBalances


@dataclass(frozen=True, slots=True)
class LedgerOwed:
    """A part of a judgment: the due date of what it confirmed (its interest: the date
    rendered) and the amount; parts are paid oldest first."""

    due: datetime.date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class LedgerInstallment:
    """A principal item fallen due (or prepaid) and what of it is unpaid: an installment, a
    Texas judgment, or California interest capitalised on renewal. ``interest_from`` is the
    first day it bears interest (Texas installments: the day they become delinquent)."""

    id: str
    kind: LedgerItemKind
    type: ObligationType
    due: datetime.date
    amount: Decimal
    paid: Decimal
    confirmed: Decimal
    interest_from: datetime.date
    rate: Decimal
    day_count: DayCount
    unpaid: Decimal
    #: A judgment: what it confirmed, oldest first (``None`` for other items).
    components: tuple[LedgerOwed, ...] | None = None


@dataclass(frozen=True, slots=True)
class LedgerCounters:
    """Running totals of a ledger."""

    due: Decimal
    paid: Decimal
    applied_current: Decimal
    applied_non_delinquent: Decimal
    applied_principal: Decimal
    applied_interest: Decimal
    applied_fees: Decimal
    carried_to_credit: Decimal
    credit_applied: Decimal
    fees_assessed: Decimal
    #: The court's figures less the computed balances they replaced (signed).
    court_adjustments: Decimal
    #: Balances carried over (opening principal and interest).
    opening: Decimal
    #: Lump-sum and retroactive judgments entered.
    lump_sums: Decimal


@dataclass(frozen=True, slots=True)
class LedgerTypeTotals:
    """Totals of one obligation type (``interest_accrued_exact`` keeps every digit;
    ``interest_accrued`` is it rounded to cents)."""

    type: ObligationType
    principal: Decimal
    interest: Decimal
    interest_accrued_exact: Decimal
    interest_accrued: Decimal
    interest_paid: Decimal
    interest_capitalized: Decimal


@dataclass(frozen=True, slots=True)
class LedgerTotals:
    """Totals as of the start of ``as_of``; ``owed_since`` is the due date of the oldest
    unpaid installment, also inside a judgment (``None`` when nothing is owed)."""

    as_of: datetime.date
    due: Decimal
    paid: Decimal
    counters: LedgerCounters
    balances: LedgerBalances
    interest_accrued_exact: Decimal
    owed_since: datetime.date | None
    by_type: tuple[LedgerTypeTotals, ...]


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """A principal item in a saved state (as :class:`LedgerInstallment`, without ``unpaid``)."""

    id: str
    kind: LedgerItemKind
    type: ObligationType
    due: datetime.date
    amount: Decimal
    paid: Decimal
    confirmed: Decimal
    interest_from: datetime.date
    rate: Decimal
    day_count: DayCount
    #: A judgment: what it confirmed, oldest first (``None`` for other items).
    components: tuple[LedgerOwed, ...] | None = None


@dataclass(frozen=True, slots=True)
class LedgerTypeInterest:
    """Interest of one obligation type in a saved state: ``accrued`` is the cumulative exact
    interest in the engine's internal unit (kept exactly, never rounded)."""

    accrued: Decimal
    posted: Decimal
    paid: Decimal
    capitalized: Decimal


@dataclass(frozen=True, slots=True)
class LedgerConsumed:
    """How many input events of each kind a saved state has applied."""

    payments: int
    fees: int
    judgments: int
    renewals: int


@dataclass(frozen=True, slots=True)
class LedgerSavedState:
    """The whole engine state as of ``as_of`` (every event before that day applied).

    Pass it back as ``resume_from`` with the same orders and events (later events may be
    added) and a later ``as_of``: the result is the one from the start, with the lines from the
    saved date on. It round-trips exactly: :meth:`to_json` gives the engine's JSON (every
    digit), which can be stored and passed back as ``resume_from`` as it is.

    It is a checkpoint: ``version`` of its format, ``fingerprint`` (one digest per part of what
    it was computed from before its date: rules, case, orders, each kind of event) and ``seal``
    (a digest of its own contents). Resuming with a request that differs before its date, or
    with an edited state, is refused with the field that differs
    (``resume_from.fingerprint.payments``, ``resume_from.seal``).
    """

    version: int
    fingerprint: dict[str, str]
    seal: str
    state: Jurisdiction
    as_of: datetime.date
    items: tuple[LedgerItem, ...]
    interest: tuple[LedgerTypeInterest, ...]
    credit: Decimal
    fees_paid: Decimal
    counters: LedgerCounters
    consumed: LedgerConsumed

    def to_json(self) -> dict[str, Any]:
        """The state as the engine's JSON (amounts as exact decimal strings), for storing."""
        out: dict[str, Any] = to_json_value(self)
        return out


@dataclass(frozen=True, slots=True)
class LedgerReversal:
    """A payment reversed: how it had been applied (now undone)."""

    payment_id: str
    reference: str
    payment_date: datetime.date
    amount: Decimal
    date: datetime.date
    reason: str
    applied: tuple[LedgerApplication, ...]
    to_credit: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerMoved:
    """A line whose applications a reversal changed, before and after."""

    date: datetime.date
    event: LineEvent
    reference: str
    payment_id: str | None = None
    before: tuple[LedgerApplication, ...]
    before_to_credit: Decimal
    after: tuple[LedgerApplication, ...]
    after_to_credit: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerMovedPayment:
    """A misapplied payment moved: how it had been applied (taken back) and how it is applied
    now (empty when it left for another case)."""

    payment_id: str
    reference: str
    payment_date: datetime.date
    amount: Decimal
    date: datetime.date
    reason: str
    to_type: ObligationType | None = None
    to_case: str | None = None
    before: tuple[LedgerApplication, ...]
    before_to_credit: Decimal
    after: tuple[LedgerApplication, ...]
    after_to_credit: Decimal


@dataclass(frozen=True, slots=True)
class ArrearsLedger:
    """An arrears ledger as of the start of ``as_of``: lines in event order, monthly periods,
    principal items, totals (and ``snapshots`` as of each report date), the saved state to
    resume from, and the worksheet of rules and readings applied."""

    state: Jurisdiction
    as_of: datetime.date
    settings: LedgerSettings
    lines: tuple[LedgerLine, ...]
    periods: tuple[LedgerPeriod, ...]
    installments: tuple[LedgerInstallment, ...]
    totals: LedgerTotals
    snapshots: tuple[LedgerTotals, ...]
    saved_state: LedgerSavedState
    worksheet: tuple[Step, ...]
    #: The day the ledger was asked "through" (its end; ``as_of`` is the next day), if it was.
    through: datetime.date | None = None
    #: The payments reversed, with how they had first been applied.
    reversals: tuple[LedgerReversal, ...] = ()
    #: The misapplied payments moved, before and after.
    moved_payments: tuple[LedgerMovedPayment, ...] = ()
    #: The lines whose applications the reversals and moves changed.
    moved: tuple[LedgerMoved, ...] = ()


# --- payoff and withholding results ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayoffRow:
    """One payment of a projection: interest posted since the previous one, how the payment
    was applied, and the balances after it."""

    number: int
    date: datetime.date
    interest_posted: Decimal
    payment: Decimal
    to_principal: Decimal
    to_interest: Decimal
    principal: Decimal
    interest: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class PayoffProjection:
    """A projection at one monthly ``payment``: ``payments`` made (to payoff, or the engine's
    maximum of 1,200 when not ``paid_off``), the last payment (what was left), interest paid and
    everything paid; ``schedule`` when asked for."""

    payment: Decimal
    paid_off: bool
    payments: int
    payoff_date: datetime.date | None
    last_payment: Decimal
    interest_paid: Decimal
    total_paid: Decimal
    schedule: tuple[PayoffRow, ...] = ()


@dataclass(frozen=True, slots=True)
class PayoffWithinMonths:
    """The smallest payment, in cents, that pays off within ``months`` payments."""

    months: int
    payment: Decimal
    projection: PayoffProjection


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrearsPayoff:
    """A payoff answer: the rate and day count used, the projection at the payment given
    (``with_payment``) and/or the smallest payment within the months given (``within_months``).
    """

    method: PayoffMethod
    state: Jurisdiction
    rate: Decimal
    day_count: DayCount
    with_payment: PayoffProjection | None = None
    within_months: PayoffWithinMonths | None = None
    worksheet: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class TexasWithholding:
    """Tex. Fam. Code §158.003 additional withholding for arrears.

    ``two_year_amount`` is (principal + interest) / 24 rounded up to the cent;
    ``additional`` the larger of it and ``twenty_percent_amount`` (``option`` says which);
    ``total`` current support plus it; ``limit`` the §158.009 limit (50% of disposable earnings,
    when given); ``withheld`` the total at most the limit, of which ``arrears_payment`` goes to
    arrears; ``months_without_interest`` the payments of ``additional`` that discharge the
    arrears without interest; ``projection`` the payoff with interest at ``arrears_payment``.
    """

    two_year_amount: Decimal
    twenty_percent_amount: Decimal
    additional: Decimal
    option: WithholdingOption
    total: Decimal
    limit: Decimal | None
    withheld: Decimal
    arrears_payment: Decimal
    months_without_interest: int | None
    projection: PayoffProjection | None
    worksheet: tuple[Step, ...]


# --- functions -------------------------------------------------------------------------------


def _list(name: str, values: Iterable[Any], request: dict[str, Any]) -> None:
    items = [_given(v) for v in values]
    if items:
        request[name] = items


def arrears_ledger(
    state: Jurisdiction,
    as_of: DateLike | None,
    orders: Iterable[Order | Mapping[str, Any]],
    *,
    through: DateLike | None = None,
    payments: Iterable[Payment | Mapping[str, Any]] = (),
    fees: Iterable[Fee | Mapping[str, Any]] = (),
    judgments: Iterable[Judgment | Mapping[str, Any]] = (),
    renewals: Iterable[Renewal | Mapping[str, Any]] = (),
    reversals: Iterable[Reversal | Mapping[str, Any]] = (),
    moves: Iterable[Move | Mapping[str, Any]] = (),
    opening_balances: Iterable[OpeningBalance | Mapping[str, Any]] = (),
    lump_sums: Iterable[LumpSum | Mapping[str, Any]] = (),
    iv_d: bool | None = None,
    options: LedgerOptions | Mapping[str, Any] | None = None,
    report_dates: Iterable[DateLike] = (),
    resume_from: LedgerSavedState | Mapping[str, Any] | None = None,
    rules: Rules | None = None,
) -> ArrearsLedger:
    """An arrears ledger (California or Texas) as of the start of ``as_of``.

    Args:
        state: ``"california"`` or ``"texas"``.
        as_of: the ledger runs to the start of this day (events on it are not yet in it); or
            ``None`` with ``through``.
        through: instead of ``as_of``, the ledger runs to the end of this day (the same as as
            of the next day).
        orders: the order history, e.g. ``[Order("monthly", Decimal("500"), "2025-01-01")]``.
        payments: payments received, e.g. ``[Payment("2025-07-15", Decimal("1200"))]``.
        fees: fees and costs ordered.
        judgments: Texas confirmations of arrears (Fam. Code §157.263).
        renewals: California renewals of the judgment.
        reversals: payments reversed by their ``id`` (:class:`Reversal`).
        moves: misapplied payments moved to another obligation or case (:class:`Move`).
        opening_balances: balances carried over from another system (:class:`OpeningBalance`).
        lump_sums: lump-sum or retroactive support judgments (:class:`LumpSum`).
        iv_d: a IV-D case (California: interest from the first of the next month, Fam. Code
            §17433.5); the engine's default is false.
        options: :class:`LedgerOptions` (interest start, day count, crediting date, type order).
        report_dates: more dates to report totals as of (``snapshots``), on or before ``as_of``.
        resume_from: the ``saved_state`` of an earlier answer (or its :meth:`~LedgerSavedState.
            to_json`), with the same orders and events and a later ``as_of``.
        rules: a rule set (``Rules.from_toml(...)``); the embedded rules by default.

    Money is ``Decimal``, ``int`` or a decimal string; never ``float``. Arguments left ``None``
    (or empty) are not sent: the engine's defaults apply.

    Raises:
        TypeError: a float (or another unsupported type) was given; the message names the field.
        InvalidInputError, NoRuleError, RequestError: as the engine reports them, naming the
            field (``payments[0].date``, ``orders[0].frequency``).
    """
    request: dict[str, Any] = {
        "state": state,
        "orders": [_given(o) for o in orders],
    }
    if as_of is not None:
        request["as_of"] = as_of
    if through is not None:
        request["through"] = through
    if iv_d is not None:
        request["iv_d"] = iv_d
    if options is not None:
        request["options"] = _given(options)
    _list("payments", payments, request)
    _list("fees", fees, request)
    _list("judgments", judgments, request)
    _list("renewals", renewals, request)
    _list("reversals", reversals, request)
    _list("moves", moves, request)
    _list("opening_balances", opening_balances, request)
    _list("lump_sums", lump_sums, request)
    _list("report_dates", report_dates, request)
    if resume_from is not None:
        request["resume_from"] = (resume_from.to_json() if isinstance(resume_from, LedgerSavedState)
                                  else resume_from)
    return compute_typed("arrears_ledger", request, ArrearsLedger, rules)


def arrears_payoff(
    state: Jurisdiction,
    start: DateLike,
    principal: Amount,
    *,
    interest: Amount | None = None,
    payment: Amount | None = None,
    within_months: int | None = None,
    first_payment: DateLike | None = None,
    day_count: DayCount | None = None,
    rate: Amount | None = None,
    interest_free: Amount | None = None,
    schedule: bool | None = None,
    method: PayoffMethod | None = None,
    rules: Rules | None = None,
) -> ArrearsPayoff:
    """A payoff projection from balances as of the start of ``start``.

    Give ``payment`` (project a fixed monthly payment) and/or ``within_months`` (find the
    smallest payment, in cents, that pays off within that many payments). Left ``None``, the
    engine's defaults apply: ``interest`` (already accrued) zero; ``first_payment`` one month
    after ``start``; ``day_count`` and ``rate`` (yearly, 0.10 for 10%) the state's rules on
    ``start``; ``interest_free`` (principal bearing no interest: Texas, one month's obligation
    of unconfirmed arrears, §157.265(a)) zero; ``schedule`` (include every payment) false;
    ``method`` ``"statutory"`` (the ledger: interest by day, statutory crediting) or
    ``"county_estimator"`` (California counties' published estimator: 0.008333 a month on the
    principal at the start of each month, rounded half up, none in the month the principal is
    paid off; with it give no ``rate``, ``day_count`` or ``interest_free``).

    Raises:
        TypeError: a float was given; the message names the field.
        InvalidInputError, NoRuleError: as the engine reports them (``payment``,
            ``within_months``, ``first_payment``, ``rate``).
    """
    request: dict[str, Any] = {"state": state, "start": start, "principal": principal}
    optional: dict[str, Any] = {
        "interest": interest,
        "payment": payment,
        "within_months": within_months,
        "first_payment": first_payment,
        "day_count": day_count,
        "rate": rate,
        "interest_free": interest_free,
        "schedule": schedule,
        "method": method,
    }
    request.update((k, v) for k, v in optional.items() if v is not None)
    return compute_typed("arrears_payoff", request, ArrearsPayoff, rules)


def texas_withholding(
    calculation_date: DateLike,
    current_support: Amount,
    arrears: Amount,
    *,
    accrued_interest: Amount | None = None,
    disposable_earnings: Amount | None = None,
    confirmed: bool | None = None,
    rules: Rules | None = None,
) -> TexasWithholding:
    """Texas Fam. Code §158.003 additional withholding for arrears.

    Args:
        calculation_date: picks the rules.
        current_support: the current monthly support order.
        arrears: unpaid arrears principal.
        accrued_interest: accrued interest (§157.267: part of the obligation); the engine's
            default is zero.
        disposable_earnings: monthly disposable earnings (§101.010), for the §158.009 limit.
        confirmed: whether the arrears are confirmed by judgment (then all of them bear interest
            in the projection; otherwise one month's obligation is excluded, §157.265(a)); the
            engine's default is false.
        rules: a rule set; the embedded rules by default.
    """
    request: dict[str, Any] = {
        "calculation_date": calculation_date,
        "current_support": current_support,
        "arrears": arrears,
    }
    optional: dict[str, Any] = {
        "accrued_interest": accrued_interest,
        "disposable_earnings": disposable_earnings,
        "confirmed": confirmed,
    }
    request.update((k, v) for k, v in optional.items() if v is not None)
    return compute_typed("texas_withholding", request, TexasWithholding, rules)
