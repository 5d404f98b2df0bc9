"""``compute`` and ``compute_many``: any request kind, through the engine's JSON interface."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, TypeVar

from . import _native
from ._convert import from_json
from ._encode import dumps, to_json_value
from ._errors import ChildSupportError, error_from_body
from ._native import Rules

__all__ = ["compute", "compute_many", "KINDS"]

T = TypeVar("T")

#: The request kinds this build answers.
KINDS: tuple[str, ...] = tuple(_native.KINDS)


def _loads(text: str) -> Any:
    # Amounts arrive as JSON strings and stay strings here; parse_float only guards against a
    # float ever appearing (none does), and integers (counts, bands) stay int.
    return json.loads(text, parse_float=Decimal)


def _request(request: Mapping[str, Any], path: str) -> Any:
    if not isinstance(request, Mapping):
        raise TypeError(f"{path or 'request'}: a request is a mapping "
                        f"{{'kind': ..., 'input': {{...}}}}, got {type(request).__name__}")
    return to_json_value(request, path)


def compute(request: Mapping[str, Any], rules: Rules | None = None) -> dict[str, Any]:
    """Answers one request of any kind (``childsupport.KINDS``).

    ``request`` is ``{"kind": KIND, "input": {...}}`` as in the JSON interface; values may be
    ``Decimal``, ``int``, ``str``, ``datetime.date`` (or dataclasses and lists of them). A
    ``float`` anywhere raises ``TypeError`` naming the field's path (``input.time_share.fraction``).

    Returns the engine's response as parsed JSON: ``{"kind": KIND, "result": {...}}``. Every
    amount in it is a **string** holding the exact decimal (``"954.21"``), just as the JSON
    interface writes it (``Decimal(r["result"]["amount"])`` for arithmetic); counts are ``int``;
    dates are ``"YYYY-MM-DD"`` strings. For typed results with ``Decimal`` and ``date`` fields use
    the typed functions (:func:`california_guideline`).

    Raises :class:`ChildSupportError` (a subclass per error code) when the engine reports an error.
    """
    text = json.dumps(_request(request, ""), separators=(",", ":"), ensure_ascii=False)
    response: dict[str, Any] = _loads(_native.respond(text, rules))
    if "error" in response:
        raise error_from_body(response["error"])
    return response


def compute_many(
    requests: Iterable[Mapping[str, Any]],
    rules: Rules | None = None,
    *,
    errors: Literal["return", "raise"] = "return",
) -> list[dict[str, Any]]:
    """Answers a batch of requests in one call into the engine, which runs without the GIL.

    Returns one response per request, in order, each as :func:`compute` returns it, except that
    an engine error is, by default (``errors="return"``), returned in place as
    ``{"error": {"code", "message", "field", ...}}`` so one bad row does not stop a batch; with
    ``errors="raise"`` the first error is raised instead (after the whole batch ran).

    A ``float`` anywhere raises ``TypeError`` naming ``requests[i]`` and the field's path, before
    anything is computed.
    """
    if errors not in ("return", "raise"):
        raise ValueError("errors must be 'return' or 'raise'")
    if isinstance(requests, Mapping):
        raise TypeError("compute_many takes an iterable of requests; use compute for one request")
    # Each request is encoded on its own: one that cannot be (not a mapping, a float, a NaN, a
    # type the engine does not take) is answered in place with its error, like an engine error.
    encoded: list[str | None] = []
    refused: dict[int, dict[str, Any]] = {}
    for i, r in enumerate(requests):
        try:
            encoded.append(json.dumps(_request(r, ""), separators=(",", ":"), ensure_ascii=False))
        except (TypeError, ValueError) as e:
            encoded.append(None)
            refused[i] = {"error": _refusal(e)}
    text = "[" + ",".join(t for t in encoded if t is not None) + "]"
    answered = iter(_loads(_native.respond_many(text, rules)))
    responses: list[dict[str, Any]] = [refused[i] if t is None else next(answered)
                                       for i, t in enumerate(encoded)]
    if errors == "raise":
        for response in responses:
            if "error" in response:
                raise error_from_body(response["error"])
    return responses


def _refusal(e: Exception) -> dict[str, Any]:
    """The error body for a request the package could not encode (see :func:`compute_many`)."""
    if isinstance(e, ChildSupportError):
        body = dict(e.error)
        if str(body.get("field", "")).startswith("input."):
            body["field"] = str(body["field"])[len("input."):]
        return body
    message = str(e)
    field, _, _ = message.partition(": ")
    if " " in field or not field or field == "request":
        return {"code": "request", "message": message}
    if field.startswith("input."):
        field = field[len("input."):]
    return {"code": "invalid_input", "message": message, "field": field}


def compute_typed(kind: str, input: Mapping[str, Any], result_type: type[T],
                  rules: Rules | None = None) -> T:
    """Answers a request of ``kind`` and converts its result to ``result_type`` (a dataclass).

    Field paths in errors are relative to the input (``parent_a_net_income``), as the engine
    names them.
    """
    text = '{"kind":' + json.dumps(kind) + ',"input":' + dumps(input) + "}"
    response = _loads(_native.respond(text, rules))
    if "error" in response:
        raise error_from_body(response["error"])
    return from_json(result_type, response["result"])  # type: ignore[no-any-return]
