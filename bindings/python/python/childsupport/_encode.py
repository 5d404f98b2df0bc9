"""Python values to the engine's JSON, exactly.

Amounts go to the engine as JSON strings (``Decimal`` -> ``"1234.56"``), dates as
``"YYYY-MM-DD"``. A ``float`` is refused wherever it appears, with the path of the field: a float
cannot hold most cent amounts exactly (``0.1 + 0.2 != 0.3``), and the law's arithmetic is exact.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import numbers
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ._errors import InvalidInputError

__all__ = ["to_json_value", "dumps"]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def to_json_value(value: Any, path: str = "") -> Any:
    """``value`` as plain JSON data (dict, list, str, int, bool, None), amounts as strings.

    Accepted: ``Decimal``, ``int``, ``str``, ``bool``, ``None``, ``datetime.date``, mappings with
    string keys, lists and tuples, dataclass instances (their fields, leaving out those that are
    ``None``) and ``Enum`` members (their
    values). Raises ``TypeError`` naming ``path`` for a float or any other type, and
    :class:`InvalidInputError` for a non-finite ``Decimal``.
    """
    if value is None or isinstance(value, (bool, str)):
        # A string is text the caller wrote: it goes to the engine unchanged, which reads an
        # amount only in plain notation ("3000", "-0.5") and refuses "1e3", "+3000", " 3000 ",
        # "3_000" and digits beyond 28, naming the field.
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, numbers.Integral):
        # numpy's integers (numpy.int64 from a pandas column) are whole numbers: read exactly.
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, Decimal):
        # float, numpy.float64, numpy.float32: never money.
        raise TypeError(
            f"{path or 'value'}: got the float {value!r}; floats are never money. Pass a "
            f"decimal.Decimal, an int or a string such as \"{value}\" so the amount is read exactly"
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError(
                f"invalid {path or 'value'}: {str(value)!r}; allowed: a finite decimal number",
                field=path or None, value=str(value), allowed="a finite decimal number",
            )
        # Plain notation keeps every digit and no exponent: Decimal("1E+3") -> "1000". The
        # exponent is Python's way of storing the value, not text the caller wrote, so it is
        # written out; a value with more digits than the engine holds is still refused there.
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        # A datetime (pandas.Timestamp is one) at midnight without a time zone is a date, as
        # pandas writes a column of dates; a time of day or a time zone is refused.
        if value.tzinfo is None and value.time() == datetime.time(0):
            return value.date().isoformat()
        raise TypeError(f"{path or 'value'}: got a datetime with a time of day or a time zone "
                        f"{value!r}; pass a datetime.date (value.date())")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_json_value(value.value, path)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A field left at None is one the caller did not give: it is left out, so the engine's
        # own default applies (the engine reads a missing optional field as absent).
        return {f.name: to_json_value(getattr(value, f.name), _join(path, f.name))
                for f in dataclasses.fields(value) if getattr(value, f.name) is not None}
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{path or 'value'}: keys must be strings, got {k!r}")
            out[k] = to_json_value(v, _join(path, k))
        return out
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, f"{path}[{i}]") for i, v in enumerate(value)]
    raise TypeError(
        f"{path or 'value'}: {type(value).__name__} is not accepted; use Decimal, int, str, "
        "datetime.date, bool, None, a mapping or a list"
    )


def dumps(value: Any, path: str = "") -> str:
    """:func:`to_json_value`, as compact JSON text."""
    return json.dumps(to_json_value(value, path), separators=(",", ":"), ensure_ascii=False)
