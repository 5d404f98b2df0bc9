"""The open arrears ledger: post events as they happen, advance, ask what is owed.

- :func:`arrears_ledger_post`: one step of the open ledger over the JSON interface (kind
  ``arrears_ledger_post``): the case and its checkpoint go in, events are posted, the ledger
  advances, and the case with the events appended and the new checkpoint come back to store.
- :class:`OpenLedger`: the same, keeping the case and the checkpoint for you.

An event dated before the ledger's date (a payment received late, a reversal of a dishonored
check, a misapplied payment moved) is applied at once: the engine replays from its last
checkpoint before the event, later payments are credited again in the statutory order, and
:attr:`LedgerPosted.moved` shows what changed. Interest and crediting are the engine's own
(``arrears_ledger``); this module only carries the case between calls.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Union

from ._api import compute_typed
from ._native import Rules
from .arrears import (
    DateLike,
    Fee,
    Judgment,
    Jurisdiction,
    LedgerInstallment,
    LedgerLine,
    LedgerMoved,
    LedgerOptions,
    LedgerSavedState,
    LedgerTotals,
    LumpSum,
    Move,
    OpeningBalance,
    Order,
    Payment,
    Renewal,
    Reversal,
    _given,
)

__all__ = ["LedgerPost", "LedgerPosted", "OpenLedger", "Posting", "arrears_ledger_post"]

#: An event to post: an input dataclass (its kind is its class) or a mapping with ``"event"``.
Posting = Union[Payment, Fee, Judgment, Renewal, LumpSum, Reversal, Move, Order, Mapping[str, Any]]

_EVENTS: dict[type, str] = {
    Payment: "payment",
    Fee: "fee",
    Judgment: "judgment",
    Renewal: "renewal",
    LumpSum: "lump_sum",
    Reversal: "reversal",
    Move: "move",
    Order: "order",
}


@dataclass(frozen=True, slots=True)
class LedgerPosted:
    """What posting one event did: where it is in the case (``payments[12]``), and if it
    reached back before the ledger's date, the day the ledger was computed again from and the
    lines whose applications changed."""

    reference: str
    replayed_from: datetime.date | None = None
    moved: tuple[LedgerMoved, ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerPost:
    """The ledger after a step: as of the start of ``as_of``, what each posting did, the lines
    since the checkpoint it started from, what is owed (totals and by installment), and the
    case and checkpoint to store and send back."""

    as_of: datetime.date
    posted: tuple[LedgerPosted, ...]
    lines: tuple[LedgerLine, ...]
    totals: LedgerTotals
    installments: tuple[LedgerInstallment, ...]
    case: dict[str, Any]
    checkpoint: LedgerSavedState | None = None


def _event(e: Posting) -> dict[str, Any]:
    if isinstance(e, Mapping):
        out = dict(_given(e))
        if "event" not in out:
            raise TypeError("a posting given as a mapping names its kind in \"event\"")
        return out
    kind = _EVENTS.get(type(e))
    if kind is None:
        raise TypeError(f"cannot post a {type(e).__name__}: post one of "
                        f"{', '.join(t.__name__ for t in _EVENTS)} or a mapping with \"event\"")
    return {"event": kind, **_given(e)}


def arrears_ledger_post(
    case: Mapping[str, Any],
    *,
    post: Iterable[Posting] = (),
    checkpoint: LedgerSavedState | Mapping[str, Any] | None = None,
    advance_to: DateLike | None = None,
    rules: Rules | None = None,
) -> LedgerPost:
    """One step of the open ledger.

    Args:
        case: the case and its events so far, as the ``arrears_ledger`` request without
            ``as_of`` (``{"state": "california", "orders": [...], "payments": [...]}``).
        post: events to post, in order (:class:`~childsupport.Payment`, ``Reversal``, ...).
        checkpoint: the ``checkpoint`` of the last answer (``None``: from the start).
        advance_to: the ledger's new date (the start of that day).
        rules: a rule set; the embedded rules by default.

    Raises:
        InvalidInputError: naming ``post[2].amount``, ``case.orders[0].start`` or
            ``checkpoint.fingerprint.payments`` (an earlier payment changed since the
            checkpoint).
    """
    request: dict[str, Any] = {"case": _given(case), "post": [_event(e) for e in post]}
    if checkpoint is not None:
        request["checkpoint"] = (checkpoint.to_json() if isinstance(checkpoint, LedgerSavedState)
                                 else checkpoint)
    if advance_to is not None:
        request["advance_to"] = advance_to
    return compute_typed("arrears_ledger_post", request, LedgerPost, rules)


class OpenLedger:
    """An open ledger that keeps its case and checkpoint between calls.

    >>> from decimal import Decimal
    >>> ledger = OpenLedger("california", [Order("monthly", Decimal("500"), "2025-01-01")],
    ...                     iv_d=True)
    >>> _ = ledger.post(Payment("2025-01-10", Decimal("500"), id="PMT-1"))
    >>> ledger.advance_to("2025-02-02").totals.balances.principal
    Decimal('500.00')
    """

    def __init__(
        self,
        state: Jurisdiction,
        orders: Iterable[Order | Mapping[str, Any]],
        *,
        iv_d: bool | None = None,
        options: LedgerOptions | Mapping[str, Any] | None = None,
        opening_balances: Iterable[OpeningBalance | Mapping[str, Any]] = (),
        rules: Rules | None = None,
    ) -> None:
        case: dict[str, Any] = {"state": state, "orders": [_given(o) for o in orders]}
        if iv_d is not None:
            case["iv_d"] = iv_d
        if options is not None:
            case["options"] = _given(options)
        balances = [_given(b) for b in opening_balances]
        if balances:
            case["opening_balances"] = balances
        self._rules = rules
        self._last = arrears_ledger_post(case, rules=rules)

    def post(self, *events: Posting) -> tuple[LedgerPosted, ...]:
        """Posts events (see :func:`arrears_ledger_post`); what each did."""
        self._last = self._step(post=events)
        return self._last.posted

    def advance_to(self, date: DateLike) -> LedgerPost:
        """Advances to the start of ``date``; the ledger then."""
        self._last = self._step(advance_to=date)
        return self._last

    def _step(self, **kw: Any) -> LedgerPost:
        return arrears_ledger_post(self._last.case, checkpoint=self._last.checkpoint,
                                   rules=self._rules, **kw)

    @property
    def as_of(self) -> datetime.date:
        """The ledger is as of the start of this day."""
        return self._last.as_of

    @property
    def totals(self) -> LedgerTotals:
        """What is owed as of :attr:`as_of`."""
        return self._last.totals

    @property
    def case(self) -> dict[str, Any]:
        """The case with every event posted (store it with :attr:`checkpoint`)."""
        return self._last.case

    @property
    def checkpoint(self) -> LedgerSavedState | None:
        """The checkpoint as of :attr:`as_of`."""
        return self._last.checkpoint

