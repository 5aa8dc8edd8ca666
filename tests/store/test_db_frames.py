"""The frames tracker.db.run hands to the screens: the dtypes they rely on, for each kind of column,
with and without NULLs, through both routes (a plain query file and a ``-- bulk:`` one)."""
from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

from tracker import db, paths

# Two rows: the first has every value, the second a NULL in each "_null" column.
SELECT = """select * from (values
    ('a', 'b', null::varchar, 1::int, 2::int, 1.5::double, 2.5::double, true, false,
     date '2026-01-02', date '2026-01-03', $marker::int),
    ('c', null, null, 3, null, 3.5, null, false, null, date '2026-01-04', null, $marker)
) t(text, text_null, text_all_null, int, int_null, float, float_null, bool, bool_null, day, day_null, marker)
"""
HEADERS = {"plain": "-- grain: test rows\n", "bulk": "-- grain: test rows\n-- bulk: test rows through Arrow\n"}


@pytest.fixture(params=sorted(HEADERS))
def query(request, tmp_path, monkeypatch):
    """A query file of the given kind in a private queries/ folder; db's per-name caches are emptied
    before and after, so the real files are read again afterwards."""
    name = f"frames_{request.param}"
    (tmp_path / f"{name}.sql").write_text(HEADERS[request.param] + SELECT, encoding="utf-8")
    monkeypatch.setattr(paths, "QUERIES", tmp_path)
    caches = (db.sql_text, db.is_bulk, db.parameters)
    for cache in caches:
        cache.cache_clear()
    yield name
    for cache in caches:
        cache.cache_clear()


def test_the_bulk_header_is_recognised(query):
    assert db.is_bulk(query) == query.endswith("bulk")


def test_each_column_kind_has_the_dtype_the_screens_expect(query, fixture_warehouse):
    frame = db.run(query, path=fixture_warehouse, marker=7)
    dtypes = frame.dtypes.astype(str).to_dict()
    # text: pandas' str dtype, a missing value reads as missing; no value at all: an object column of None
    assert pd.api.types.is_string_dtype(frame["text"]) and dtypes["text"] == "str"
    assert dtypes["text_null"] == "str" and frame["text_null"].isna().tolist() == [False, True]
    assert dtypes["text_all_null"] == "object" and frame["text_all_null"].tolist() == [None, None]
    # integers: NumPy without a NULL, pandas' nullable type with one
    assert dtypes["int"] == "int32" and dtypes["marker"] == "int32"
    assert dtypes["int_null"] == "Int32" and frame["int_null"].tolist() == [2, pd.NA]
    # floats: NaN for a NULL
    assert dtypes["float"] == dtypes["float_null"] == "float64"
    assert frame["float_null"].iloc[0] == 2.5 and np.isnan(frame["float_null"].iloc[1])
    # booleans: NumPy without a NULL, pandas' nullable boolean with one
    assert dtypes["bool"] == "bool" and dtypes["bool_null"] == "boolean"
    assert frame["bool_null"].tolist() == [False, pd.NA]
    # dates: datetime64 either way, NaT for a NULL
    assert pd.api.types.is_datetime64_dtype(frame["day"]) and pd.api.types.is_datetime64_dtype(frame["day_null"])
    assert frame["day"].iloc[0] == pd.Timestamp(datetime.date(2026, 1, 2))
    assert pd.isna(frame["day_null"].iloc[1])


@pytest.mark.parametrize("columns", [
    "text, int, float, bool",                  # nothing missing: the Arrow route for a bulk file
    "text_null, float_null",                   # NULLs that Arrow and .df() turn into the same thing
    "int_null, bool_null, text_all_null, day",  # columns only .df() converts as the screens expect
])
def test_either_route_gives_what_duckdb_df_gives(query, fixture_warehouse, columns, tmp_path):
    sql = f"select {columns} from ({SELECT})"
    (tmp_path / f"{query}.sql").write_text(HEADERS["bulk" if query.endswith("bulk") else "plain"] + sql,
                                           encoding="utf-8")
    db.sql_text.cache_clear()
    got = db.run(query, path=fixture_warehouse, marker=1)
    cursor = db.READER.cursor(fixture_warehouse)
    try:
        expected = cursor.execute(sql, {"marker": 1}).df()
    finally:
        cursor.close()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_a_null_parameter_gives_a_nullable_integer_column(query, fixture_warehouse):
    frame = db.run(query, path=fixture_warehouse, marker=None)
    assert len(frame) == 2 and frame["marker"].isna().all() and str(frame["marker"].dtype) == "Int32"
