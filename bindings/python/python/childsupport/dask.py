"""The batch functions over a Dask DataFrame, partition by partition.

Each partition goes through pyarrow to :mod:`childsupport.batch` on the worker that holds it
(``map_partitions``), so a caseload spread over a cluster is computed where it lies, with the
same figures as on one machine. Needs ``dask[dataframe]`` and ``pyarrow`` on every worker, and
``childsupport`` installed there.

>>> import dask.dataframe as dd, pandas as pd                       # doctest: +SKIP
>>> from dask.distributed import Client, LocalCluster               # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=2))                      # doctest: +SKIP
>>> cases = dd.from_pandas(pd.read_csv("cases.csv", dtype=str), npartitions=8)  # doctest: +SKIP
>>> result = childsupport.dask.california_guideline(cases, keep=["case_id"])    # doctest: +SKIP
>>> result.compute()                                                # doctest: +SKIP

Rules other than the embedded ones travel to the workers as TOML text (``rules_toml``, as
:meth:`Rules.from_toml` takes it), since a loaded rule set is not picklable.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from . import batch as _batch
from ._native import Rules

__all__ = ["california_guideline", "texas_guideline", "compute"]


def _partition(frame: Any, kind: str, keep: list[str], rules_toml: str | None) -> Any:
    pa = importlib.import_module("pyarrow")
    pd = importlib.import_module("pandas")
    rules = Rules.from_toml(rules_toml) if rules_toml is not None else None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # Arrow-backed columns (pandas.ArrowDtype): money stays decimal128 instead of becoming a
    # Python Decimal object per cell, which cost more than computing the rows.
    return _batch.compute(kind, table, keep=keep, rules=rules).to_pandas(
        types_mapper=pd.ArrowDtype)


def compute(kind: str, ddf: Any, *, keep: Sequence[str] = (), rules_toml: str | None = None) -> Any:
    """A Dask DataFrame of key figures, one row per row of ``ddf`` (columns as
    :mod:`childsupport.batch` reads them); lazy, like every Dask operation. Its columns are
    Arrow-backed (``pandas.ArrowDtype``: money is ``decimal128(20, 2)[pyarrow]``). Partitions
    with Arrow-backed columns (``dd.read_parquet``, ``to_pandas(types_mapper=pd.ArrowDtype)``)
    are read without converting any cell."""
    keep = [keep] if isinstance(keep, str) else list(keep)
    meta = _partition(ddf._meta, kind, keep, rules_toml)
    return ddf.map_partitions(_partition, kind, keep, rules_toml, meta=meta)


def california_guideline(ddf: Any, *, keep: Sequence[str] = (),
                         rules_toml: str | None = None) -> Any:
    """:func:`childsupport.batch.california_guideline` over every partition of ``ddf``."""
    return compute("california_guideline", ddf, keep=keep, rules_toml=rules_toml)


def texas_guideline(ddf: Any, *, keep: Sequence[str] = (), rules_toml: str | None = None) -> Any:
    """:func:`childsupport.batch.texas_guideline` over every partition of ``ddf``."""
    return compute("texas_guideline", ddf, keep=keep, rules_toml=rules_toml)
