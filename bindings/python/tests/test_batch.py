"""Arrow batch functions: tables in, key figures out, the same as the scalar API."""

from __future__ import annotations

import datetime
import random
import re
from decimal import Decimal
from typing import Any

import pytest

import childsupport
from childsupport import batch
from conftest import REPO

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

N2: dict[str, list[Any]] = {  # spec/california.md §5.2 N2: CS = 954.21, paid by parent A
    "calculation_date": ["2025-03-01"],
    "parent_a_net_income": ["3000"],
    "parent_b_net_income": ["1000"],
    "time_share.parent": ["parent_a"],
    "time_share.fraction": ["0.20"],
    "children": [2],
}


def test_n2_from_strings() -> None:
    out = batch.california_guideline(pa.table(N2))
    assert out.schema.field("amount").type == pa.decimal128(20, 2)
    row = out.to_pylist()[0]
    assert row["amount"] == Decimal("954.21")
    assert row["payer"] == "parent_a"
    assert row["hardship_cap_per_child"] == Decimal("477.10")  # 954.21 / 2 toward zero
    assert row["error_code"] is None and row["error_message"] is None


def test_typed_columns_cents_dates_and_any_integer_width() -> None:
    table = pa.table({
        "case_id": pa.array(["c1", "c2"]),
        "calculation_date": pa.array([datetime.date(2025, 3, 1)] * 2, pa.date32()),
        "parent_a_net_income_cents": pa.array([300000, 300000], pa.int32()),
        "parent_b_net_income": pa.array([Decimal("1000.00")] * 2, pa.decimal128(12, 2)),
        "time_share.parent": pa.array(["parent_a"] * 2).dictionary_encode(),
        "time_share.fraction": pa.array([Decimal("0.2")] * 2, pa.decimal128(5, 4)),
        "children": pa.array([2, 2], pa.uint8()),
    })
    out = batch.california_guideline(table, keep=["case_id"])
    assert out.column_names[0] == "case_id"
    assert out.column("case_id").to_pylist() == ["c1", "c2"]
    assert out.column("amount").to_pylist() == [Decimal("954.21")] * 2
    # Timestamps at midnight are dates; polars and pandas frames are read as they are.
    ts = table.set_column(1, "calculation_date",
                          pa.array([datetime.datetime(2025, 3, 1)] * 2, pa.timestamp("ns")))
    assert batch.california_guideline(ts, keep="case_id").column("amount").to_pylist() == \
        [Decimal("954.21")] * 2
    frame = pd.DataFrame({k: v * 2 for k, v in N2.items()})
    frame["calculation_date"] = pd.to_datetime(frame["calculation_date"])
    assert batch.california_guideline(frame).column("amount").to_pylist() == [Decimal("954.21")] * 2
    assert batch.california_guideline(pl.DataFrame(N2)).column("amount").to_pylist() == \
        [Decimal("954.21")]


def test_bad_rows_are_reported_in_place() -> None:
    table = pa.table({
        "calculation_date": ["2025-03-01", "2025-03-01", "2025-13-01", "2025-03-01"],
        "parent_a_net_income": ["3000", "1e3", "3000", None],
        "parent_b_net_income": ["1000"] * 4,
        "time_share.parent": ["parent_a"] * 4,
        "time_share.fraction": ["0.2"] * 4,
        "children": [2, 2, 2, 2],
    })
    rows = batch.california_guideline(table).to_pylist()
    assert rows[0]["amount"] == Decimal("954.21") and rows[0]["error_code"] is None
    assert [r["error_field"] for r in rows[1:]] == \
        ["parent_a_net_income", "calculation_date", "parent_a_net_income"]
    assert all(r["error_code"] == "invalid_input" and r["amount"] is None for r in rows[1:])
    assert "exponent" in rows[1]["error_message"]
    assert "required" in rows[3]["error_message"]
    # A float column is refused in every row, naming the field.
    floats = pa.table({**N2, "parent_a_net_income": pa.array([3000.0])})
    row = batch.california_guideline(floats).to_pylist()[0]
    assert row["error_field"] == "parent_a_net_income" and "float" not in (row["amount"] or "")
    assert "decimal128" in row["error_message"]
    # An unknown column is an error in each row; `keep` carries it instead.
    extra = pa.table({**N2, "case_id": ["x"]})
    assert batch.california_guideline(extra).to_pylist()[0]["error_field"] == "case_id"
    assert batch.california_guideline(extra, keep=["case_id"]).to_pylist()[0]["amount"] == \
        Decimal("954.21")


def test_table_level_errors_raise() -> None:
    with pytest.raises(childsupport.InvalidInputError) as e:
        batch.california_guideline(pa.table({**N2, "children_cents": [2]}))
    assert e.value.field == "columns"
    with pytest.raises(childsupport.RequestError):
        batch.compute("nope", pa.table(N2))
    with pytest.raises(KeyError):
        batch.california_guideline(pa.table(N2), keep=["case_id"])
    with pytest.raises(TypeError):
        batch.california_guideline([1, 2, 3])


def random_california(rng: random.Random, n: int) -> dict[str, list[Any]]:
    """Random cases, some of them bad (a count of 0 or 11, a negative income)."""
    cols: dict[str, list[Any]] = {k: [] for k in [
        "calculation_date", "parent_a_net_income", "parent_b_net_income", "time_share.parent",
        "time_share.fraction", "children", "birth_dates[0]", "add_ons[0].kind",
        "add_ons[0].amount", "low_income_adjustment"]}
    for _ in range(n):
        cols["calculation_date"].append(rng.choice(
            [datetime.date(2024, 5, 1), datetime.date(2025, 3, 1), datetime.date(2026, 7, 15)]))
        cols["parent_a_net_income"].append(Decimal(rng.randint(-100, 2_000_000)) / 100)
        cols["parent_b_net_income"].append(Decimal(rng.randint(0, 1_500_000)) / 100)
        cols["time_share.parent"].append(rng.choice(["parent_a", "parent_b"]))
        cols["time_share.fraction"].append(Decimal(rng.randint(0, 100)) / 100)
        cols["children"].append(rng.randint(0, 11))
        cols["birth_dates[0]"].append(rng.choice([None, datetime.date(2015, 6, 1)]))
        has_add_on = rng.random() < 0.3
        cols["add_ons[0].kind"].append("childcare" if has_add_on else None)
        cols["add_ons[0].amount"].append(Decimal(rng.randint(0, 90000)) / 100 if has_add_on else None)
        cols["low_income_adjustment"].append(rng.choice([None, None, "none"]))
    return cols


def scalar_california(row: dict[str, Any]) -> dict[str, Any]:
    """The scalar API's answer for a row, as the batch's figures (or its error)."""
    try:
        r = childsupport.california_guideline(
            row["calculation_date"], row["parent_a_net_income"], row["parent_b_net_income"],
            childsupport.TimeShare(row["time_share.parent"], row["time_share.fraction"]),
            row["children"],
            birth_dates=[row["birth_dates[0]"]] if row["birth_dates[0]"] else [],
            add_ons=[childsupport.AddOn(row["add_ons[0].kind"], row["add_ons[0].amount"])]
            if row["add_ons[0].kind"] else [],
            low_income_adjustment=row["low_income_adjustment"],
        )
    except childsupport.ChildSupportError as e:
        return {"error_code": e.code, "error_field": e.field}
    low = r.low_income_adjustment
    applied = None if low is None else low.applied if isinstance(low.applied, str) else "amount"
    return {
        "payer": r.payer, "amount": r.amount, "unadjusted_amount": r.unadjusted_amount,
        "high_earner": r.high_earner, "band": r.band, "low_income_applied": applied,
        "low_income_lowest_amount": None if low is None else low.lowest_amount,
        "add_ons_parent_a": None if r.add_ons is None else r.add_ons.parent_a_total,
        "add_ons_parent_b": None if r.add_ons is None else r.add_ons.parent_b_total,
        "hardship_cap_per_child": r.hardship_cap_per_child, "law": r.law,
        "missing_rules": ",".join(m.rule for m in r.missing_rules) or None,
        "error_code": None, "error_field": None,
    }


def test_batch_matches_the_scalar_api_on_random_rows() -> None:
    cols = random_california(random.Random(11), 3000)
    table = pa.table(cols)
    # Small chunks and several record batches: the order must survive the parallel chunks.
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=700))
    got = batch.california_guideline(reader, chunk_rows=500).to_pylist()
    rows = table.to_pylist()
    assert len(got) == len(rows)
    errors = 0
    for row, out in zip(rows, got):
        want = scalar_california(row)
        errors += want["error_code"] is not None
        assert {k: out[k] for k in want} == want, row
    assert 500 < errors < len(rows) - 1000  # both kinds of row were exercised


def test_texas_from_net_resources_and_from_gross_match_the_scalar_api() -> None:
    rng = random.Random(5)
    n = 400
    net = pa.table({
        "order_date": ["2026-03-01"] * n,
        "obligor.net_resources": [str(Decimal(rng.randint(0, 2_000_000)) / 100) for _ in range(n)],
        "children": [rng.randint(1, 7) for _ in range(n)],
        "other_children": [rng.randint(0, 3) for _ in range(n)],
    })
    gross = pa.table({
        "order_date": ["2026-03-01"] * n,
        "obligor.incomes[0].amount": [str(rng.randint(0, 30000)) for _ in range(n)],
        "obligor.incomes[0].frequency": [rng.choice(["weekly", "monthly", "annual"]) for _ in range(n)],
        "obligor.incomes[0].kind": ["wages"] * n,
        "children": [rng.randint(0, 3) for _ in range(n)],
    })
    for table in (net, gross):
        got = batch.texas_guideline(table).to_pylist()
        for row, out in zip(table.to_pylist(), got):
            if "obligor.net_resources" in row:
                obligor = childsupport.Resources(net_resources=row["obligor.net_resources"])
            else:
                obligor = childsupport.Resources(incomes=[childsupport.IncomeItem(
                    row["obligor.incomes[0].amount"], row["obligor.incomes[0].frequency"], "wages")])
            try:
                r = childsupport.texas_guideline(row["order_date"], obligor, row["children"],
                                                 other_children=row.get("other_children", 0))
            except childsupport.ChildSupportError as e:
                assert (out["error_code"], out["error_field"]) == (e.code, e.field)
                continue
            assert out["error_code"] is None, out
            assert (out["net_resources"], out["amount"], out["total_monthly"], out["method"]) == \
                (r.net_resources.net_resources, r.amount, r.total_monthly, r.method)
    # TX-02 (spec/texas.md §6): 6,000 a month in wages, one child: 4,956.83 and 991.37.
    tx02 = batch.texas_guideline(pl.DataFrame({
        "order_date": ["2026-03-01"], "obligor.incomes[0].amount_cents": [600000],
        "obligor.incomes[0].frequency": ["monthly"], "obligor.incomes[0].kind": ["wages"],
        "children": [1]})).to_pylist()[0]
    assert (tx02["net_resources"], tx02["amount"]) == (Decimal("4956.83"), Decimal("991.37"))


def test_compute_many_answers_every_bad_item_in_place() -> None:
    good: dict[str, Any] = {"kind": "california_guideline", "input": {
        "calculation_date": "2025-03-01", "parent_a_net_income": "3000",
        "parent_b_net_income": "1000", "time_share": {"parent": "parent_a", "fraction": "0.2"},
        "children": 2}}
    nan = {**good, "input": {**good["input"], "parent_a_net_income": Decimal("NaN")}}
    flt = {**good, "input": {**good["input"], "parent_b_net_income": 1000.0}}
    items: list[Any] = [good, nan, flt, "not a request", None, good]
    out = childsupport.compute_many(items)
    assert [("error" in r) for r in out] == [False, True, True, True, True, False]
    assert out[1]["error"]["field"] == "parent_a_net_income"
    assert out[2]["error"]["field"] == "parent_b_net_income"
    assert out[3]["error"]["code"] == "request"
    assert out[5]["result"]["amount"] == "954.21"


def test_numpy_integers_and_pandas_dates_are_accepted() -> None:
    np = pytest.importorskip("numpy")
    r = childsupport.california_guideline(
        pd.Timestamp("2025-03-01"), np.int64(3000), np.int32(1000),
        childsupport.TimeShare("parent_a", Decimal("0.2")), np.int64(2))
    assert r.amount == Decimal("954.21")
    with pytest.raises(TypeError, match="time of day"):
        childsupport.california_guideline(
            pd.Timestamp("2025-03-01 12:00"), 3000, 1000,
            childsupport.TimeShare("parent_a", Decimal("0.2")), 2)
    with pytest.raises(TypeError, match="float"):
        childsupport.california_guideline("2025-03-01", np.float64(3000), 1000,
                                          childsupport.TimeShare("parent_a", Decimal("0.2")), 2)


def test_dask_on_a_two_worker_cluster_matches_one_machine() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    import childsupport.dask as csd

    cols = random_california(random.Random(3), 600)
    frame = pa.table(cols).to_pandas(types_mapper=pd.ArrowDtype)
    frame["case_id"] = range(len(frame))
    local = batch.california_guideline(frame, keep=["case_id"]).to_pandas(
        types_mapper=pd.ArrowDtype)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        ddf = dd.from_pandas(frame, npartitions=4)
        remote = csd.california_guideline(ddf, keep=["case_id"]).compute()
    remote = remote.sort_values("case_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(local, remote)
    assert local["amount"].notna().sum() > 100


def test_readme_example_runs_as_written() -> None:
    text = (REPO / "README.md").read_text()
    match = re.search(r"<!-- batch-example -->\s*```python\n(.*?)```", text, re.S)
    assert match, "README.md has no batch example"
    code = match.group(1)
    assert len(code.strip().splitlines()) <= 12
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["result"]["amount"].to_list()[0] == Decimal("954.21")


def test_result_conversion_names_the_path_of_a_value_that_does_not_fit() -> None:
    from childsupport._convert import from_json
    from childsupport.california import AddOnItem

    item = {"kind": "childcare", "amount": "10.00", "parent_a": "6.00", "parent_b": "4.00"}
    assert from_json(AddOnItem, item) == AddOnItem("childcare", Decimal("10.00"),
                                                   Decimal("6.00"), Decimal("4.00"))
    with pytest.raises(TypeError, match=r"result items\[1\]\.parent_b: expected a decimal string"):
        from_json(tuple[AddOnItem, ...], [item, {**item, "parent_b": 4.0}], "items")
    with pytest.raises(TypeError, match=r"result kind: expected one of"):
        from_json(AddOnItem, {**item, "kind": "rent"})


def test_polars_types_categorical_decimal_unsigned() -> None:
    frame = pl.DataFrame({
        "calculation_date": [datetime.date(2025, 3, 1)],
        "parent_a_net_income_cents": [300000],
        "parent_b_net_income": pl.Series(["1000"]).cast(pl.Decimal(10, 2)),
        "time_share.parent": pl.Series(["parent_a"], dtype=pl.Categorical),
        "time_share.fraction": pl.Series(["0.2"]).cast(pl.Decimal(5, 2)),
        "children": pl.Series([2], dtype=pl.UInt16),
    })
    row = batch.california_guideline(frame).to_pylist()[0]
    assert (row["amount"], row["error_code"]) == (Decimal("954.21"), None)


def _i1(day_count: str | None, iv_d: bool) -> dict[str, Any]:
    """spec/california.md §4 I1: $500 due 2025-01-01, unpaid, as of 2025-07-01 at 10%."""
    return {
        "state": "california", "as_of": "2025-07-01", "iv_d": iv_d,
        "options": {} if day_count is None else {"day_count": day_count},
        "orders": [{"type": "child", "frequency": "monthly", "amount": "500",
                    "start": "2025-01-01", "end": "2025-01-31", "due_day": 1}],
    }


def test_arrears_ledgers_as_json_inputs() -> None:
    # The I1 vectors: six months at 10% monthly = 25.00; actual/365 181 days = 24.79; the IV-D
    # start on the first of the next month leaves five months = 20.83 (Fam. Code §17433.5).
    inputs = [_i1(None, False), _i1("actual_365", False), _i1(None, True),
              {"state": "ohio", "as_of": "2025-07-01", "orders": []}]
    table = batch.inputs_table(inputs, keep={"case_id": ["a", "b", "c", "bad"]})
    out = batch.arrears_ledger(table, keep=["case_id"])
    assert out.schema.field("as_of").type == pa.date32()
    assert out.schema.field("interest").type == pa.decimal128(20, 2)
    rows = out.to_pylist()
    assert [r["case_id"] for r in rows] == ["a", "b", "c", "bad"]
    assert [r["interest"] for r in rows[:3]] == [Decimal("25.00"), Decimal("24.79"),
                                                 Decimal("20.83")]
    assert all(r["principal"] == Decimal("500.00") for r in rows[:3])
    assert all(r["owed_since"] == datetime.date(2025, 1, 1) for r in rows[:3])
    assert rows[0]["total_owed"] == Decimal("525.00")
    assert rows[3]["error_code"] == "invalid_input" and rows[3]["error_field"] == "state"
    assert rows[3]["interest"] is None
    # The same figures as the scalar API, for the same inputs.
    scalar = childsupport.compute({"kind": "arrears_ledger", "input": inputs[1]})["result"]
    assert str(rows[1]["total_owed"]) == scalar["totals"]["balances"]["total_owed"]


def test_every_row_kind_is_a_function_and_a_dask_kind() -> None:
    for kind in batch.KINDS:
        assert callable(getattr(batch, kind)), kind
    assert "iv_d_enforcement_thresholds" in childsupport.KINDS


def test_thresholds_from_flat_columns() -> None:
    # E16 boundaries: passport above $2,500.00; offset at $150.00 assigned, $500.00 otherwise.
    out = batch.iv_d_enforcement_thresholds(pa.table({
        "date": ["2025-06-01", "2025-06-01"],
        "assigned_arrears": ["150.00", "149.99"],
        "non_assistance_arrears": ["2350.01", "500.00"],
    })).to_pylist()
    assert [(r["passport"], r["tax_offset_assigned"], r["tax_offset_non_assistance"])
            for r in out] == [(True, True, True), (False, False, True)]


def test_a_json_cell_that_is_not_json_is_an_error_in_its_row() -> None:
    out = batch.arrears_ledger(pa.table({"input": ['{"state": ', None]})).to_pylist()
    assert [r["error_field"] for r in out] == ["input", "input"]


def test_iv_d_distribution_from_flat_columns_and_json_inputs() -> None:
    # E1 (spec federal.md §10): never assistance, $500 current due, NA $1,200; $650 collected:
    # current 500 and arrears 150 to the family; NA 1,050 after.
    e1 = pa.table({
        "case.id": ["E1"], "case.arrears.NA": ["1200.00"],
        "case.current_support[0].month": ["2025-03-01"],
        "case.current_support[0].due": ["500.00"],
        "policy[0].effective_from": ["2000-01-01"],
        "policy[0].former_assistance_order": ["prwora"],
        "policy[0].annual_fee": ["not_retained"],
        "fmap[0].ffy": [2025], "fmap[0].rate": ["0.60"],
        "events[0].type": ["collection"], "events[0].id": ["c1"],
        "events[0].amount": ["650.00"], "events[0].source": ["income_withholding"],
        "events[0].receipt_date": ["2025-03-10"],
    })
    row = batch.iv_d_distribution(e1).to_pylist()[0]
    assert row["error_code"] is None, row["error_message"]
    assert (row["family"], row["state"], row["federal"]) == (
        Decimal("650.00"), Decimal("0.00"), Decimal("0.00"))
    assert row["arrears_unassigned"] == Decimal("1050.00")
    # E3: current assistance, two children, $400 collected against $400 due: $200 passed
    # through; $200 retained, federal 60% = 120.00, State 80.00; URA 3,450 - 200 = 3,250.
    e3 = {
        "case": {"id": "E3", "children": 2, "assistance": [{"start": "2024-01-01"}],
                 "ura": "3450.00",
                 "current_support": [{"month": "2025-03-01", "due": "400.00"}]},
        "policy": [{"effective_from": "2008-10-01", "former_assistance_order": "prwora",
                    "annual_fee": "not_retained",
                    "pass_through": {"one_child": "100.00", "two_or_more_children": "200.00"}}],
        "fmap": [{"ffy": 2025, "rate": "0.60"}],
        "events": [{"type": "collection", "id": "c1", "amount": "400.00",
                    "source": "income_withholding", "receipt_date": "2025-03-10"}],
    }
    out = batch.iv_d_distribution(batch.inputs_table([e3])).to_pylist()[0]
    assert (out["family"], out["federal"], out["state"], out["ura"]) == (
        Decimal("200.00"), Decimal("120.00"), Decimal("80.00"), Decimal("3250.00"))
