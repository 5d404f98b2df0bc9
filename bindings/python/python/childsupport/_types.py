"""Types shared by every typed result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

__all__ = ["Parent", "Step", "MissingRule"]

#: One of the two parents of a guideline calculation, as the request names them.
Parent = Literal["parent_a", "parent_b"]


@dataclass(frozen=True, slots=True)
class Step:
    """One worksheet step: what was computed, its value and the law behind it.

    ``value`` is text: an exact decimal with all its digits, a count, a date or a word, exactly
    as the engine wrote it (``Decimal(step.value)`` where it is a number).
    """

    key: str
    label: str
    value: str
    citation: str


@dataclass(frozen=True, slots=True)
class MissingRule:
    """A secondary rule the rule set lacks for a date, and what the result lacks because of it."""

    rule: str
    date: datetime.date
    covered: str
    effect: str
