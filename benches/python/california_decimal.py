"""A straightforward pure-Python California guideline (Fam. Code §4055) with ``decimal``.

The yardstick for the batch benchmark (``bench_batch.py``): what a data analyst would write in
an afternoon. It covers the cases the benchmark generates (one time share for all children, no
add-ons, dates from 2024-09-01, when the SB 343 table and the minimum-wage threshold apply), in
the default decimal context (28 significant digits), rounding half up. It reads the K table,
the child multipliers and the minimum wage from the library's embedded rules (TOML), so it
states no legal number of its own. It is not the library: where 28 digits cut a value that
ends in a half cent, it can differ by a cent (the benchmark counts such rows).
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


class California:
    """The rules of one calculation date, read once."""

    def __init__(self, rules_toml: str, date: datetime.date) -> None:
        ca = tomllib.loads(rules_toml)["california"]

        def in_force(entry: dict) -> bool:
            start = datetime.date.fromisoformat(entry["effective_from"])
            end = entry.get("effective_through")
            return start <= date and (end is None or date <= datetime.date.fromisoformat(end))

        table = next(t for t in ca["k_tables"] if in_force(t))
        self.bands = [(Decimal(b["up_to"]) if "up_to" in b else None, Decimal(b["constant"]),
                       Decimal(b["tn_divisor"]) if "tn_divisor" in b else None,
                       Decimal(b["numerator_over_tn"]) if "numerator_over_tn" in b else None)
                      for b in table["bands"]]
        self.multipliers = [Decimal(m) for m in
                            next(m for m in ca["child_multipliers"] if in_force(m))["multipliers"]]
        method = next(m for m in ca["low_income_method"] if in_force(m))
        wage = Decimal(next(w for w in ca["minimum_wage"] if in_force(w))["hourly"])
        self.threshold = (wage * Decimal(method["hours_per_week"])
                          * Decimal(method["weeks_per_year"]) / 12)

    def fraction(self, tn: Decimal) -> Decimal:
        for up_to, constant, divisor, numerator in self.bands:
            if up_to is None or tn <= up_to:
                if divisor is not None:
                    return constant + tn / divisor
                if numerator is not None:
                    return constant + numerator / tn
                return constant
        raise ValueError("no band")

    def guideline(self, a: Decimal, b: Decimal, share_parent: str, share: Decimal,
                  children: int) -> tuple[str | None, Decimal]:
        """(payer, monthly amount): §4055(a)-(b)(5), then the (b)(7) presumptive amount."""
        high_is_a = a >= b
        hn = a if high_is_a else b
        h = share if (share_parent == "parent_a") == high_is_a else 1 - share
        tn = a + b
        frac = self.fraction(tn)
        k = (1 + h) * frac if h <= Decimal("0.5") else (2 - h) * frac
        cs = k * (hn - h * tn) * self.multipliers[children - 1]
        if cs == 0:
            return None, Decimal("0.00")
        payer_is_a = high_is_a if cs > 0 else not high_is_a
        cs = abs(cs)
        obligor = a if payer_is_a else b
        if obligor < self.threshold:
            cs = max(cs * obligor / self.threshold, Decimal(0))
        return ("parent_a" if payer_is_a else "parent_b"), cs.quantize(CENT, ROUND_HALF_UP)
