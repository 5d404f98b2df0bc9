"""Types shared by every typed result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

__all__ = ["Parent", "Step", "MissingRule"]

#: One of the two parents of a guideline calculation, as the request names them.
Parent = Literal["parent_a", "parent_b"]


@dataclass(frozen=True, slots=True)
class Step:
    """One worksheet step: what was computed, its value and the law behind it.

    ``value`` is the text a person reads: money in cents, a count, a date or a word, and a value
    that does not terminate to ten places followed by "…". ``exact`` is the exact value of a
    number the step computed (``None`` for other steps).
    """

    key: str
    label: str
    value: str
    citation: str
    exact: Fraction | None = None


@dataclass(frozen=True, slots=True)
class MissingRule:
    """A secondary rule the rule set lacks for a date, and what the result lacks because of it."""

    rule: str
    date: datetime.date
    covered: str
    effect: str
