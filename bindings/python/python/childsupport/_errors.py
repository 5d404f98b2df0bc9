"""The package's exceptions, one class per core error code.

The engine reports every error as ``{"error": {"code", "message", "field", ...}}``; this module
turns that into an exception whose class is chosen by ``code`` and whose attributes carry the
rest, so a data team can catch :class:`InvalidInputError` and read ``err.field``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = [
    "ChildSupportError",
    "InvalidInputError",
    "NoRuleError",
    "RulesError",
    "RequestError",
    "CalculationError",
    "error_from_body",
    "error_from_json",
]


class ChildSupportError(ValueError):
    """Any error the engine reports.

    Attributes:
        code: the stable error code (``invalid_input``, ``no_rule``, ``rules``, ``request``,
            ``arithmetic``).
        message: the engine's message, naming the field and what is allowed.
        field: the field (a path such as ``birth_dates[1]``), rule or rules location the error
            is about, or ``None``.
        error: the error object exactly as the JSON interface returns it.
    """

    code: str = ""

    def __init__(self, message: str, *, field: str | None = None, error: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.error: dict[str, Any] = dict(error) if error is not None else {
            "code": self.code,
            "message": message,
            **({"field": field} if field is not None else {}),
        }

    def __reduce__(self) -> tuple[Any, ...]:
        return (error_from_body, (self.error,))


class InvalidInputError(ChildSupportError):
    """A field of the input is outside what the law or the engine allows.

    Attributes:
        value: the value given, as text.
        allowed: what is allowed instead.
    """

    code = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None, value: str | None = None,
                 allowed: str | None = None, error: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, field=field, error=error)
        self.value = value
        self.allowed = allowed


class NoRuleError(ChildSupportError):
    """No rule in the rule set covers the date asked for.

    Attributes:
        rule: the rule series (``california.k_tables``); also in ``field``.
        date: the date asked for, ``YYYY-MM-DD``.
        covered: the ranges the rules cover, as text.
    """

    code = "no_rule"

    def __init__(self, message: str, *, field: str | None = None, date: str | None = None,
                 covered: str | None = None, error: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, field=field, error=error)
        self.rule = field
        self.date = date
        self.covered = covered


class RulesError(ChildSupportError):
    """The rules data (an override TOML or file) could not be read or fails validation."""

    code = "rules"


class RequestError(ChildSupportError):
    """The request's envelope could not be read: bad JSON, an unknown kind, a missing ``input``.

    A field inside the input that is missing, unknown or of the wrong form is an
    :class:`InvalidInputError` naming the field's path.
    """

    code = "request"


class CalculationError(ChildSupportError):
    """A value cannot be computed: an amount beyond the largest the library holds, or a defect
    (a zero divisor reached a result). Never a guessed number."""

    code = "arithmetic"


_BY_CODE: dict[str, type[ChildSupportError]] = {
    cls.code: cls
    for cls in (InvalidInputError, NoRuleError, RulesError, RequestError, CalculationError)
}


for _cls in (ChildSupportError, InvalidInputError, NoRuleError, RulesError, RequestError,
             CalculationError):
    _cls.__module__ = "childsupport"  # shown as childsupport.InvalidInputError


def error_from_body(body: Mapping[str, Any]) -> ChildSupportError:
    """The exception for an ``error`` object of a response (not raised)."""
    code = str(body.get("code", ""))
    message = str(body.get("message", code or "unknown error"))
    field = body.get("field")
    field = None if field is None else str(field)
    if code == "invalid_input":
        return InvalidInputError(message, field=field, value=body.get("value"),
                                 allowed=body.get("allowed"), error=body)
    if code == "no_rule":
        return NoRuleError(message, field=field, date=body.get("date"),
                           covered=body.get("covered"), error=body)
    cls = _BY_CODE.get(code, ChildSupportError)
    exc = cls(message, field=field, error=body)
    if cls is ChildSupportError:
        exc.code = code
    return exc


def error_from_json(text: str) -> ChildSupportError:
    """The exception for an error response's JSON (called by the native module)."""
    doc = json.loads(text)
    body = doc.get("error", doc) if isinstance(doc, dict) else {}
    return error_from_body(body)
