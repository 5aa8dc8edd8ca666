"""What a file of township rows would do to the district and city figures, for the dry run.

The warehouse rolls township rows up at every write (queries/schema/02b_township_rollup.sql): a
district's figure is 100 × covered / townships over its counted townships (one not reported counts
as not covered), the city's the same over all of them, and these replace any district or city
figure imported for that target and year. This module works the same sum out before anything is
written, from the townships' values in force with the file's rows laid over them, so the preview
can say which figures the file replaces and with what.
"""
from __future__ import annotations

import pandas as pd

KEYS = ["indicator_id", "area_code", "year"]
COLUMNS = ["indicator_id", "area_code", "year", "covered", "reported", "townships", "value_before", "value_after"]


def replaced(rows: pd.DataFrame, current: pd.DataFrame, townships: pd.DataFrame, city: str) -> pd.DataFrame:
    """One row per figure the file's township rows set (each district it has rows for, and the city):
    the counts, the figure in force now (value_before, NaN when none) and the roll-up after the
    import (value_after)."""
    counted = townships[townships["counted"].astype(bool)].set_index("township_code")["district_code"]
    mine = rows[rows["area_code"].isin(counted.index)]
    if mine.empty:
        return pd.DataFrame(columns=COLUMNS)
    wanted = mine[["indicator_id", "year"]].drop_duplicates()
    now = current[current["area_code"].isin(counted.index)].merge(wanted, on=["indicator_id", "year"])
    merged = pd.concat([now[KEYS + ["value"]], mine[KEYS + ["value"]]]).drop_duplicates(KEYS, keep="last")
    merged = merged[merged["value"].notna()].assign(district=lambda f: f["area_code"].map(counted))
    sizes = counted.value_counts()
    parts = []
    touched = set(mine["area_code"].map(counted))          # the districts the file has rows for
    for area, group in [*((d, g) for d, g in merged.groupby("district") if d in touched), (city, merged)]:
        by = group.groupby(["indicator_id", "year"])["value"]
        part = pd.DataFrame({"covered": by.apply(lambda v: int((v >= 1).sum())), "reported": by.size()}).reset_index()
        part["area_code"] = area
        part["townships"] = int(sizes.sum() if area == city else sizes.get(area, 0))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["value_after"] = 100.0 * out["covered"] / out["townships"]
    before = current[~current["area_code"].isin(counted.index)][KEYS + ["value"]].rename(columns={"value": "value_before"})
    out = out.merge(before, on=KEYS, how="left")
    order = out["area_code"].ne(city)
    return out.assign(_o=order).sort_values(["indicator_id", "year", "_o", "area_code"])[COLUMNS].reset_index(drop=True)
