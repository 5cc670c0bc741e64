"""Two engines' copies of one table, compared as a BI user would read them: same rows, values within float tolerance.

Engines differ in types that mean the same (DECIMAL against DOUBLE, INT against BIGINT, a date against a midnight
timestamp) and in row and column order; none of that is a difference, so both sides are normalised first.
"""

import datetime as dt

import pandas as pd
from pandas.api import types

# Sums of prices and averages agree to the last bits of a double only when both engines add in the same order.
RELATIVE_TOLERANCE = 1e-9


def _normalised_column(column: pd.Series) -> pd.Series:
    if types.is_bool_dtype(column):
        return column.astype("boolean")
    if types.is_numeric_dtype(column):
        return column.astype("float64")
    if types.is_datetime64_any_dtype(column):
        stamps = column.dt.tz_convert(None) if getattr(column.dt, "tz", None) else column
        return stamps.astype("datetime64[us]")
    values = column.dropna()
    if len(values) and all(isinstance(value, dt.date) for value in values):
        return pd.to_datetime(column).astype("datetime64[us]")
    if len(values) and all(isinstance(value, int | float) and not isinstance(value, bool) for value in values):
        return pd.to_numeric(column).astype("float64")
    return column.astype("string")


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns by name, engine-neutral types, rows sorted on every column (floats rounded for the sort only)."""
    frame = frame[sorted(frame.columns)].apply(_normalised_column)
    sort_keys = frame.apply(lambda column: column.round(6) if types.is_float_dtype(column) else column)
    order = sort_keys.sort_values(list(sort_keys.columns), na_position="first", kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def assert_same_table(name: str, expected: pd.DataFrame, actual: pd.DataFrame) -> None:
    """Fail with the table's name and the first differing column when two engines disagree."""
    assert sorted(expected.columns) == sorted(actual.columns), f"{name}: columns differ"
    assert len(expected) == len(actual), f"{name}: {len(expected)} rows against {len(actual)}"
    pd.testing.assert_frame_equal(
        normalised(expected),
        normalised(actual),
        check_dtype=False,
        check_exact=False,
        rtol=RELATIVE_TOLERANCE,
        atol=RELATIVE_TOLERANCE,
        obj=name,
    )
