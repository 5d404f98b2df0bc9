"""Type stubs for the extension module ``childsupport._native`` (bindings/python/src/lib.rs)."""

from __future__ import annotations

import os
from typing import Any, final

__all__ = ["__version__", "KINDS", "Rules", "batch", "respond", "respond_many"]

__version__: str
KINDS: list[str]

@final
class Rules:
    """A rule set: the rules embedded in this build, or those with series replaced from TOML."""

    @staticmethod
    def default() -> Rules: ...
    @staticmethod
    def from_toml(text: str) -> Rules: ...
    @staticmethod
    def from_path(path: str | os.PathLike[str]) -> Rules: ...
    @staticmethod
    def embedded_toml() -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def replaced(self) -> list[str]: ...
    @property
    def is_default(self) -> bool: ...

def respond(request: str, rules: Rules | None = None) -> str: ...
def respond_many(requests: str, rules: Rules | None = None) -> str: ...
def batch(kind: str, data: Any, keep: list[str] = ..., rules: Rules | None = None,
          chunk_rows: int = 65536) -> Any: ...
