"""Every shared conformance vector (tests/vectors/*.json) through ``childsupport.compute``.

The comparison rule is the one documented in tests/src/lib.rs: each expectation is a JSON pointer
into the response and a string; a JSON string in the response is compared by its content,
anything else by its compact JSON text as serde_json writes it (``null``, ``2``, ``true``,
objects with sorted keys and no spaces). Error responses are ``{"error": exc.error}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from childsupport import ChildSupportError, Rules, compute

from conftest import REPO

VECTORS = REPO / "tests" / "vectors"


def _cases() -> list[Any]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(pytest.param(case, id=f"{path.name}:{case['id']}"))
    return out


CASES = _cases()


def _compact(value: Any) -> str:
    # serde_json's compact form: no spaces, keys sorted (its Map is a BTreeMap), UTF-8 as is.
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def value_at(document: Any, pointer: str) -> str | None:
    """RFC 6901 pointer lookup with the vectors' comparison rule; None when absent."""
    if pointer == "":
        node = document
    else:
        if not pointer.startswith("/"):
            return None
        node = document
        for raw in pointer[1:].split("/"):
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict):
                if token not in node:
                    return None
                node = node[token]
            elif isinstance(node, list):
                if not token.isdigit() or (len(token) > 1 and token[0] == "0") or int(token) >= len(node):
                    return None
                node = node[int(token)]
            else:
                return None
    return node if isinstance(node, str) else _compact(node)


def test_the_comparison_rule_matches_serde_json() -> None:
    doc = {"a": None, "b": 2, "c": True, "d": [1, "x"], "e": {"z": 1, "y": False}, "f": "é", "g/h": "s"}
    assert value_at(doc, "/a") == "null"
    assert value_at(doc, "/b") == "2"
    assert value_at(doc, "/c") == "true"
    assert value_at(doc, "/d") == '[1,"x"]'
    assert value_at(doc, "/d/1") == "x"
    assert value_at(doc, "/e") == '{"y":false,"z":1}'
    assert value_at(doc, "/f") == "é"
    assert value_at(doc, "/g~1h") == "s"
    assert value_at(doc, "/missing") is None
    assert value_at(doc, "/d/7") is None


def test_there_are_vectors() -> None:
    assert CASES, f"no vectors in {VECTORS}"


@pytest.mark.parametrize("case", CASES)
def test_vector(case: dict[str, Any]) -> None:
    rules = Rules.from_toml(case["rules"]) if case.get("rules") else None
    try:
        response: Any = compute(case["request"], rules)
    except ChildSupportError as e:
        response = {"error": e.error}
    problems = []
    for pointer, expected in case["expect"]:
        actual = value_at(response, pointer)
        if actual != expected:
            problems.append(f"{pointer}: expected {expected!r}, got {actual!r}")
    assert not problems, "\n".join(problems) + f"\nresponse: {json.dumps(response)[:600]}"
