"""Tables of cases: an Arrow table in, an Arrow table of key figures out.

For caseload studies. Each function takes anything that speaks the Arrow PyCapsule interface
(a ``pyarrow.Table`` or ``RecordBatch``, a polars ``DataFrame``, a ``RecordBatchReader`` for a
stream larger than memory) or a pandas ``DataFrame`` (converted through pyarrow), and returns a
``pyarrow.Table`` with one row per input row, in order:

- the columns named in ``keep`` (a case id), unchanged;
- the kind's key figures, money as ``decimal128(20, 2)``;
- ``error_code``, ``error_field``, ``error_message``: null for a computed row; for a bad row the
  error the scalar API would raise (its figures are null). A bad row never stops the batch.

**Columns** are the JSON input's field names; nested fields are flattened by their path as
error messages write it: ``time_share.parent``, ``time_share.fraction``, ``birth_dates[0]``,
``add_ons[0].kind``, ``obligor.incomes[0].amount``. A name ending in ``_cents`` holds whole cents
(``parent_a_net_income_cents = 300000`` is 3,000.00). A null cell is an absent field, and an
object or list item whose cells are all null is absent (``birth_dates[2]`` may be null where a
case has two children). Any other column is an error in every row, naming it: carry ids with
``keep``.

**Types**: money and fractions as ``decimal128``, strings (``"3000.50"``) or integer cents;
counts as integers of any width (or strings); dates as ``date32``, ``date64``, timestamps at
midnight, or ``YYYY-MM-DD`` strings; words (``parent_a``) as strings or dictionary (categorical)
columns. A float column is refused in every row: floats cannot hold most cent amounts exactly.

**Nested inputs** (an arrears ledger's orders and payments, lists of any length): a table whose
only column read is ``input`` holds each row's whole input as JSON text, as
``childsupport.compute`` takes it; :func:`inputs_table` builds one from Python values.

The rows are computed by the lean engine (no worksheet) on all cores without the GIL, chunk by
chunk (``chunk_rows``), and give exactly the figures of the scalar functions.

>>> import pyarrow as pa
>>> from childsupport.batch import california_guideline
>>> cases = pa.table({"calculation_date": ["2025-03-01"], "parent_a_net_income": ["3000"],
...     "parent_b_net_income": ["1000"], "time_share.parent": ["parent_a"],
...     "time_share.fraction": ["0.2"], "children": [2]})
>>> california_guideline(cases).column("amount").to_pylist()
[Decimal('954.21')]
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import _native
from ._encode import dumps
from ._native import Rules

__all__ = [
    "california_guideline", "california_guideline_from_gross", "texas_guideline",
    "texas_net_resources", "arrears_ledger", "arrears_payoff", "texas_withholding",
    "iv_d_enforcement_thresholds", "collection_allocation", "withholding_amounts",
    "withholding_order_arrears", "iv_d_distribution", "compute", "inputs_table", "KINDS",
    "to_arrow",
]

#: The kinds a table of cases can hold (every kind that computes from one input).
KINDS: tuple[str, ...] = (
    "california_guideline", "california_guideline_from_gross", "texas_guideline",
    "texas_net_resources", "arrears_ledger", "arrears_payoff", "texas_withholding",
    "iv_d_enforcement_thresholds", "collection_allocation", "withholding_amounts",
    "withholding_order_arrears", "iv_d_distribution",
)


def to_arrow(data: Any) -> Any:
    """``data`` as an object the engine reads through the Arrow PyCapsule interface.

    Objects with ``__arrow_c_stream__`` or ``__arrow_c_array__`` (pyarrow, polars, DuckDB
    relations, ...) are passed as they are; a pandas ``DataFrame`` goes through
    ``pyarrow.Table.from_pandas`` (without its index).
    """
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        return data
    pd = sys.modules.get("pandas")  # a pandas frame implies pandas is imported
    if pd is not None and isinstance(data, pd.DataFrame):
        pa = importlib.import_module("pyarrow")
        return pa.Table.from_pandas(data, preserve_index=False)
    raise TypeError(
        f"a table of cases is an Arrow table or stream (pyarrow, polars) or a pandas DataFrame, "
        f"got {type(data).__name__}"
    )


def compute(kind: str, data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
            chunk_rows: int = 65_536) -> Any:
    """Computes a table of cases of ``kind`` (one of :data:`KINDS`); see the module's text.

    Raises :class:`RequestError` for an unknown kind, :class:`InvalidInputError` (field
    ``columns``) for a malformed column name or two columns for one field, ``KeyError`` for a
    ``keep`` column the table lacks, and ``TypeError`` for data that is not a table.
    """
    if isinstance(keep, str):
        keep = [keep]
    return _native.batch(kind, to_arrow(data), list(keep), rules, chunk_rows)


def california_guideline(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                         chunk_rows: int = 65_536) -> Any:
    """California guideline support (Fam. Code §4055) for every row of ``data``.

    Columns: ``calculation_date``, ``parent_a_net_income`` and ``parent_b_net_income`` (or
    ``..._cents``), ``time_share.parent`` and ``time_share.fraction`` (or
    ``child_time_shares[i].parent``/``.fraction``), ``children``; optionally ``birth_dates[i]``,
    ``add_ons[i].kind``/``.amount``, ``spousal_support.paid_by``/``.amount``, ``add_on_split``,
    ``ordered_basic_support``, ``low_income_adjustment`` (``presumptive``/``none``) or
    ``low_income_adjustment.amount``.

    Figures: ``payer``, ``amount``, ``unadjusted_amount``, ``high_earner``, ``band``,
    ``low_income_applied``, ``low_income_lowest_amount``, ``add_ons_parent_a``,
    ``add_ons_parent_b``, ``hardship_cap_per_child``, ``law``, ``missing_rules``.
    """
    return compute("california_guideline", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def texas_guideline(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                    chunk_rows: int = 65_536) -> Any:
    """Texas guideline support (Tex. Fam. Code ch. 154) for every row of ``data``.

    From net resources: ``order_date``, ``obligor.net_resources``, ``children``. From gross
    income: ``obligor.incomes[i].amount``, ``obligor.incomes[i].frequency`` (weekly, biweekly,
    semimonthly, monthly, annual), ``obligor.incomes[i].kind`` (wages, self_employment, other)
    instead of ``obligor.net_resources``. Optionally ``other_children``,
    ``obligor.deductions.union_dues`` and the other fields of the JSON input, flattened.

    Figures: ``net_resources``, ``net_resources_method``, ``amount``, ``total_child_support``,
    ``total_monthly``, ``method``, ``schedule``, ``above_cap``, ``is_floor``, ``flags``,
    ``missing_rules``.
    """
    return compute("texas_guideline", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def inputs_table(inputs: Iterable[Any], *, keep: Mapping[str, Sequence[Any]] | None = None) -> Any:
    """A ``pyarrow.Table`` with one ``input`` column: each of ``inputs`` (a mapping or one of the
    package's input dataclasses, as ``childsupport.compute`` takes it) as JSON text, plus the
    ``keep`` columns given (name to values, one per input) to pass as ``keep``.

    Raises ``TypeError`` naming the row and field for a float, as the scalar functions do.
    """
    pa = importlib.import_module("pyarrow")
    texts = [dumps(value, f"[{i}]") for i, value in enumerate(inputs)]
    columns: dict[str, Any] = {name: list(values) for name, values in (keep or {}).items()}
    for name, values in columns.items():
        if len(values) != len(texts):
            raise ValueError(
                f"keep column {name!r} has {len(values)} values for {len(texts)} inputs")
    columns["input"] = texts
    return pa.table(columns)




def california_guideline_from_gross(data: Any, *, keep: Sequence[str] = (),
                                    rules: Rules | None = None, chunk_rows: int = 65_536) -> Any:
    """California net disposable income from gross (Fam. Code §§4058-4059), then the
    guideline (§4055), for every row of ``data``.

    Columns: the ``california_guideline_from_gross`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``tax_year``; per parent (``parent_a_``, ``parent_b_``) ``annual_net_income``,
    ``monthly_net_income`` (both rounded to cents for the table; the guideline uses the exact
    figure), ``federal_tax``, ``california_tax``; then the :func:`california_guideline` figures.
    """
    return compute("california_guideline_from_gross", data, keep=keep, rules=rules,
                   chunk_rows=chunk_rows)


def texas_net_resources(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                        chunk_rows: int = 65_536) -> Any:
    """Texas net resources of one party (Tex. Fam. Code §154.062), for every row of ``data``.

    Columns: the ``texas_net_resources`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``net_resources``, ``method``, ``tax_year``, ``social_security``, ``medicare``,
    ``federal_income_tax``, ``below_zero``, ``flags``.
    """
    return compute("texas_net_resources", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def arrears_ledger(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                   chunk_rows: int = 65_536) -> Any:
    """An arrears ledger's totals as of its date (the lean ledger: the same numbers as
    ``childsupport.arrears_ledger``), for every row of ``data``.

    Columns: the ``arrears_ledger`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``as_of``, ``due``, ``paid``, ``applied_current``, ``applied_principal``,
    ``applied_interest``, ``principal``, ``interest``, ``fees``, ``credit``, ``total_owed``,
    ``owed_since`` (dates as ``date32``).
    """
    return compute("arrears_ledger", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def arrears_payoff(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                   chunk_rows: int = 65_536) -> Any:
    """A payoff projection, for every row of ``data``.

    Columns: the ``arrears_payoff`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``payment``, ``paid_off``, ``payments``, ``payoff_date``, ``last_payment``,
    ``interest_paid``, ``total_paid``: the projection at the payment given, else the one within
    the months given.
    """
    return compute("arrears_payoff", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def texas_withholding(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                      chunk_rows: int = 65_536) -> Any:
    """Texas additional withholding for arrears (Tex. Fam. Code §158.003), for every row of
    ``data``.

    Columns: the ``texas_withholding`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``two_year_amount``, ``twenty_percent_amount``, ``additional``, ``option``, ``total``,
    ``limit``, ``withheld``, ``arrears_payment``, ``months_without_interest``.
    """
    return compute("texas_withholding", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def iv_d_enforcement_thresholds(data: Any, *, keep: Sequence[str] = (),
                                rules: Rules | None = None, chunk_rows: int = 65_536) -> Any:
    """Passport denial and federal tax refund offset thresholds (42 U.S.C. 652(k);
    45 CFR 303.72(a)), for every row of ``data``.

    Columns: the ``iv_d_enforcement_thresholds`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``passport``, ``tax_offset_assigned``, ``tax_offset_non_assistance``.
    """
    return compute("iv_d_enforcement_thresholds", data, keep=keep, rules=rules,
                   chunk_rows=chunk_rows)


def collection_allocation(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                          chunk_rows: int = 65_536) -> Any:
    """One collection across an obligor's cases (45 CFR 303.100(a)(5)), for every row of ``data``.

    Columns: the ``collection_allocation`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``current``, ``arrears``, ``future``, ``refund``, ``case_amounts`` (each case's
    share in the order given, comma-separated).
    """
    return compute("collection_allocation", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def withholding_amounts(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                        chunk_rows: int = 65_536) -> Any:
    """Income withholding for a pay period (15 U.S.C. 1673(b)), for every row of ``data``.

    Columns: the ``withholding_amounts`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``disposable_federal``, ``disposable_state``, ``limit``, ``employer_fee``,
    ``requested``, ``withheld``, ``unwithheld``, ``multiple_orders``, ``order_amounts``
    (comma-separated).
    """
    return compute("withholding_amounts", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def withholding_order_arrears(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                              chunk_rows: int = 65_536) -> Any:
    """The arrears amount a withholding order may ask for (22 CCR §116100), for every row of
    ``data``.

    Columns: the ``withholding_order_arrears`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: ``current``, ``arrears``, ``total``.
    """
    return compute("withholding_order_arrears", data, keep=keep, rules=rules, chunk_rows=chunk_rows)


def iv_d_distribution(data: Any, *, keep: Sequence[str] = (), rules: Rules | None = None,
                      chunk_rows: int = 65_536) -> Any:
    """One case's collections distributed to the family, the State and the Federal
    Government (42 U.S.C. 657), for every row of ``data``.

    Columns: the ``iv_d_distribution`` input's fields, flattened, or one ``input``
    column of JSON text (:func:`inputs_table`).

    Figures: by payee ``family``, ``state``, ``federal``, ``fee``, ``recovered``, ``held``,
    ``refund``, ``medicaid``, ``iv_e_agency``; after the events ``ura``, ``arrears_assigned``,
    ``arrears_unassigned``, ``overpayment_receivable``.
    """
    return compute("iv_d_distribution", data, keep=keep, rules=rules, chunk_rows=chunk_rows)
