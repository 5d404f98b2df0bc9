"""The engine's result JSON to typed, frozen dataclasses.

One converter for every result kind: it reads a dataclass's annotations and converts each field
of the JSON by its type. Amounts arrive as JSON strings and become ``Decimal`` exactly; dates
arrive as ``"YYYY-MM-DD"``; exact values (``Fraction``) arrive as a decimal where they terminate and
as ``"numerator/denominator"`` where they do not, and become ``fractions.Fraction`` exactly; dates arrive as ``"YYYY-MM-DD"`` and become ``datetime.date``; lists become tuples. Adding a typed
result for a new kind is declaring its dataclasses, nothing more.

Keys the dataclass does not declare are ignored (a newer engine may add fields); a declared
field missing from the JSON takes the field's default, or is an error if it has none.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, Union, get_args, get_origin

__all__ = ["from_json"]

T = TypeVar("T")


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fail(path: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"result {path or '(root)'}: expected {expected}, got {value!r}")


def from_json(tp: Any, value: Any, path: str = "") -> Any:
    """``value`` (parsed JSON) converted to the type ``tp``."""
    if tp is Any:
        return value
    origin = get_origin(tp)
    if origin is Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        args = get_args(tp)
        if value is None:
            if type(None) in args:
                return None
            raise _fail(path, str(tp), value)
        others = [a for a in args if a is not type(None)]
        if len(others) == 1:
            return from_json(others[0], value, path)
        for a in others:  # first type that converts
            try:
                return from_json(a, value, path)
            except (TypeError, ValueError):
                continue
        raise _fail(path, str(tp), value)
    if origin is typing.Literal:
        if value not in get_args(tp):
            raise _fail(path, f"one of {get_args(tp)}", value)
        return value
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, list):
            raise _fail(path, "a list", value)
        item = args[0] if args else Any
        return tuple(from_json(item, v, f"{path}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(path, "an object", value)
        _, vt = get_args(tp) or (str, Any)
        return {k: from_json(vt, v, f"{path}.{k}") for k, v in value.items()}
    if tp is Decimal:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise _fail(path, "a decimal string", value)
        try:
            return Decimal(value)
        except ArithmeticError as e:  # decimal.InvalidOperation
            raise _fail(path, "a decimal string", value) from e
    if tp is Fraction:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise _fail(path, "an exact number (a decimal or a fraction string)", value)
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError) as e:
            raise _fail(path, "an exact number (a decimal or a fraction string)", value) from e
    if tp is datetime.date:
        if not isinstance(value, str):
            raise _fail(path, "a date string", value)
        return datetime.date.fromisoformat(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise _fail(path, "a boolean", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(path, "an integer", value)
        return value
    if tp is str:
        if not isinstance(value, str):
            raise _fail(path, "a string", value)
        return value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if not isinstance(value, Mapping):
            raise _fail(path, f"an object ({tp.__name__})", value)
        hints = _hints(tp)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(tp):
            if not f.init:
                continue
            sub = f"{path}.{f.name}" if path else f.name
            if f.name in value:
                kwargs[f.name] = from_json(hints[f.name], value[f.name], sub)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise TypeError(f"result {sub}: missing from the engine's answer")
        return tp(**kwargs)
    raise TypeError(f"result {path}: no conversion to {tp!r}")
