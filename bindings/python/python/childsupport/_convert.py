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
from collections.abc import Callable, Mapping
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
    """``value`` (parsed JSON) converted to the type ``tp``.

    Runs a converter built once per type (:func:`_converter`); when it fails, the conversion is
    repeated step by step (:func:`_convert`) to name the path of the value that does not fit.
    """
    try:
        convert = _converter(tp)
    except TypeError:  # an unhashable type: convert step by step
        return _convert(tp, value, path)
    try:
        return convert(value)
    except (TypeError, ValueError, ArithmeticError, KeyError):
        return _convert(tp, value, path)


Converter = Callable[[Any], Any]


def _fails(value: Any) -> Any:
    raise TypeError("does not convert")


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise TypeError("not a decimal")
    return Decimal(value)


def _fraction(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError("not an exact number")
    return Fraction(value)


def _date(value: Any) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError("not a date")
    return datetime.date.fromisoformat(value)


def _of(kind: type, exclude: type | None = None) -> Converter:
    def check(value: Any) -> Any:
        if not isinstance(value, kind) or (exclude is not None and isinstance(value, exclude)):
            raise TypeError("wrong type")
        return value
    return check


@functools.lru_cache(maxsize=None)
def _converter(tp: Any) -> Converter:
    """A function converting parsed JSON to ``tp`` (raising on a value that does not fit), built
    once per type: a result has a few hundred values, and reading the annotations for each one
    cost most of a typed call."""
    if tp is Any:
        return lambda v: v
    origin = get_origin(tp)
    if origin is Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        args = get_args(tp)
        optional = type(None) in args
        others = [_converter(a) for a in args if a is not type(None)]
        if len(others) == 1:
            only = others[0]
            if optional:
                return lambda v: None if v is None else only(v)
            return lambda v: _fails(v) if v is None else only(v)

        def first(v: Any) -> Any:
            if v is None:
                if optional:
                    return None
                raise TypeError("None")
            for c in others:
                try:
                    return c(v)
                except (TypeError, ValueError):
                    continue
            raise TypeError("no alternative converts")
        return first
    if origin is typing.Literal:
        allowed = get_args(tp)

        def literal(v: Any) -> Any:
            if v not in allowed:
                raise TypeError("not allowed")
            return v
        return literal
    if origin is tuple:
        args = get_args(tp)
        item = _converter(args[0] if args else Any)

        def seq(v: Any) -> Any:
            if not isinstance(v, list):
                raise TypeError("not a list")
            return tuple(item(x) for x in v)
        return seq
    if origin is dict:
        _, vt = get_args(tp) or (str, Any)
        val = _converter(vt)

        def mapping(v: Any) -> Any:
            if not isinstance(v, dict):
                raise TypeError("not an object")
            return {k: val(x) for k, x in v.items()}
        return mapping
    if tp is Decimal:
        return _decimal
    if tp is Fraction:
        return _fraction
    if tp is datetime.date:
        return _date
    if tp is bool:
        return _of(bool)
    if tp is int:
        return _of(int, bool)
    if tp is str:
        return _of(str)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        cls = tp
        fields = [(f.name, _converter(hints[f.name]),
                   f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
                  for f in dataclasses.fields(tp) if f.init]

        def record(v: Any) -> Any:
            if not isinstance(v, Mapping):
                raise TypeError("not an object")
            kwargs: dict[str, Any] = {}
            for name, conv, required in fields:
                if name in v:
                    kwargs[name] = conv(v[name])
                elif required:
                    raise KeyError(name)
            return cls(**kwargs)
        return record
    return _fails


def _convert(tp: Any, value: Any, path: str = "") -> Any:
    """``value`` converted to ``tp`` step by step, naming the path of a value that does not fit."""
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
            return _convert(others[0], value, path)
        for a in others:  # first type that converts
            try:
                return _convert(a, value, path)
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
        return tuple(_convert(item, v, f"{path}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(path, "an object", value)
        _, vt = get_args(tp) or (str, Any)
        return {k: _convert(vt, v, f"{path}.{k}") for k, v in value.items()}
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
                kwargs[f.name] = _convert(hints[f.name], value[f.name], sub)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise TypeError(f"result {sub}: missing from the engine's answer")
        return tp(**kwargs)
    raise TypeError(f"result {path}: no conversion to {tp!r}")
