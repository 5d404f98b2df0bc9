"""Printouts for court: one self-contained HTML page per case, rendered by the engine.

:func:`html` computes a request (``california_guideline``, ``texas_guideline`` or
``arrears_ledger``) and returns the same page as ``childsupport guideline CASE --html FILE``: a
caption, the parties by role and name, money in dollars and cents, factors and percentages to a
stated number of places (a figure rounded for display is marked), the lines that apply with the
law behind each, and a sources appendix naming the rules used. Print it to PDF with a browser
(the README shows the headless Chromium command).

>>> page = html({"kind": "california_guideline", "input": {
...     "calculation_date": "2025-03-01", "parent_a_net_income": "3000",
...     "parent_b_net_income": "1000", "time_share": {"parent": "parent_a", "fraction": "0.2"},
...     "children": 2}}, caption={"county": "Sacramento"})
>>> "Parent A pays Parent B $954.21 per month" in page
True
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from . import _native
from ._encode import to_json_value
from ._native import Rules

__all__ = ["html", "KINDS"]

#: The request kinds that have a printout.
KINDS: tuple[str, ...] = ("california_guideline", "texas_guideline", "arrears_ledger")


def html(
    request: Mapping[str, Any],
    *,
    caption: Mapping[str, str | datetime.date] | None = None,
    parties: Mapping[str, Mapping[str, str]] | None = None,
    time_measure: Mapping[str, Any] | None = None,
    hardship_claimed: bool = False,
    rules: Rules | None = None,
) -> str:
    """The printout of ``request`` (``{"kind": KIND, "input": {...}}``) as one HTML page.

    - ``caption``: any of ``court``, ``county``, ``case_number``, ``hearing_date`` (a
      ``datetime.date`` or ``"YYYY-MM-DD"``).
    - ``parties``: ``parent_a``, ``parent_b`` (California) or ``obligor``, ``obligee`` (Texas,
      arrears), each ``{"name": ..., "role": "petitioner" | "respondent" | "other_party"}``.
    - ``time_measure`` (California): how the time share was measured, printed beside it:
      ``{"parent": "parent_b", "unit": "hours", "count": 1248, "of": 8760}``.
    - ``hardship_claimed`` (California): print the Fam. Code §4071(b) cap on a hardship
      deduction (it applies only to a hardship claim).

    Raises :class:`ChildSupportError` for the request's errors (with the input's field paths) and
    :class:`RequestError` for a kind without a printout; a ``float`` anywhere raises
    ``TypeError`` naming the field.
    """
    if not isinstance(request, Mapping):
        raise TypeError(f"request: a mapping {{'kind': ..., 'input': {{...}}}}, "
                        f"got {type(request).__name__}")
    options: dict[str, Any] = {"hardship_claimed": bool(hardship_claimed)}
    if caption is not None:
        options["caption"] = dict(caption)
    if parties is not None:
        options["parties"] = {k: dict(v) for k, v in parties.items()}
    if time_measure is not None:
        options["time_measure"] = dict(time_measure)
    text = json.dumps(to_json_value(request, ""), separators=(",", ":"), ensure_ascii=False)
    opts = json.dumps(to_json_value(options, "options"), separators=(",", ":"),
                      ensure_ascii=False)
    return _native.printout_html(text, opts, rules)

