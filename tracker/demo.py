"""Deterministic demo observations for every target in the catalogue (DESIGN.md sections 4 and 6).

`generate(indicators, areas, seed)` returns a long frame: indicator_id, area_code, year, value,
milestone, source ("demo"), note. Each indicator draws from its own generator, seeded by `seed` and
the CRC-32 of its id, so adding or editing one indicator never changes another's data.
The mix of outcomes, the rounding rules and the path shapes live in tracker/demo_paths.py.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker import demo_paths as dp

# Resident population by district at the 2020 (seventh) census, in 万人.
# Approximate, demo weighting only: used to weight district rates into a city figure.
POPULATION_WAN: dict[str, float] = {
    "330203": 105.0,  # 海曙区
    "330205": 49.0,   # 江北区
    "330206": 83.0,   # 北仑区
    "330211": 51.0,   # 镇海区
    "330212": 162.0,  # 鄞州区
    "330213": 58.0,   # 奉化区
    "330225": 57.0,   # 象山县
    "330226": 70.0,   # 宁海县
    "330281": 126.0,  # 余姚市
    "330282": 183.0,  # 慈溪市
}
CITY = "330200"
REGION = "R-WEAK"
SOURCE = "demo"
COLUMNS = ["indicator_id", "area_code", "year", "value", "milestone", "source", "note"]


@dataclass(frozen=True)
class Geo:
    city: str
    region: str
    districts: tuple[str, ...]
    townships: np.ndarray                  # townships counted in shares, per district
    population: np.ndarray
    township_codes: tuple[tuple[str, ...], ...] = ()   # per district, when the registry is given


def generate(indicators: pd.DataFrame, areas: pd.DataFrame, seed: int = 2021,
             townships: pd.DataFrame | None = None) -> pd.DataFrame:
    """Demo observations for every indicator, baseline year to target year, in catalogue order.
    With the township registry (``townships``), township-scoped coverage targets get one row per
    township (1 covered, 0 not), as an import of real figures would; the district and city figures
    are then the warehouse's roll-up of those rows."""
    geo = _geo(areas, townships)
    rows = []
    for record in indicators.to_dict("records"):
        spec = dp.Spec.from_record(record)
        rng = np.random.default_rng([int(seed), zlib.crc32(spec.indicator_id.encode("utf-8"))])
        for code, values, milestones, notes in _series(spec, geo, rng):
            for i, year in enumerate(spec.years):
                rows.append((spec.indicator_id, code, int(year),
                             float(values[i]) if values is not None else math.nan,
                             milestones[i] if milestones is not None else None, SOURCE,
                             notes[i] if notes is not None else None))
    columns = list(zip(*rows)) if rows else [()] * len(COLUMNS)
    dtypes = ("str", "str", "int64", "float64", object, "str", object)
    return pd.DataFrame({name: pd.Series(list(col), dtype=dtype)
                         for name, col, dtype in zip(COLUMNS, columns, dtypes)})


def _geo(areas: pd.DataFrame, registry: pd.DataFrame | None = None) -> Geo:
    codes = areas["area_code"].astype(str).str.strip()
    kinds = areas["kind"].astype(str).str.strip()
    cities, regions = codes[kinds == "city"].tolist(), codes[kinds == "region"].tolist()
    districts = tuple(sorted(codes[kinds == "district"])) or tuple(POPULATION_WAN)
    townships = pd.to_numeric(areas.get("townships"), errors="coerce") if "townships" in areas else None
    by_code = dict(zip(codes, townships)) if townships is not None else {}
    mean_pop = float(np.mean(list(POPULATION_WAN.values())))
    codes_by_district: tuple[tuple[str, ...], ...] = ()
    if registry is not None and len(registry):
        counted = registry[registry["counted"].astype(bool)]
        codes_by_district = tuple(tuple(sorted(counted.loc[counted["district_code"] == d, "township_code"].astype(str)))
                                  for d in districts)
        by_code = {d: len(c) for d, c in zip(districts, codes_by_district)}
    return Geo(
        city=cities[0] if cities else CITY,
        region=regions[0] if regions else REGION,
        districts=districts,
        townships=np.array([int(by_code[c]) if pd.notna(by_code.get(c)) and by_code[c] > 0 else 10
                            for c in districts], dtype=np.int64),
        population=np.array([POPULATION_WAN.get(c, mean_pop) for c in districts]),
        township_codes=codes_by_district,
    )


def _series(spec: dp.Spec, geo: Geo, rng: np.random.Generator):
    """[(area_code, values, milestones, notes)] for one indicator."""
    if spec.comparator == "qualitative" or spec.measure == "qualitative":
        return _qualitative(spec, geo, rng)
    if spec.scope == "township_share":
        return _township_share(spec, geo, rng)
    if spec.scope == "each_district" and spec.measure == "share" and spec.target >= 100 \
            and not spec.lower_is_better:
        return _each_district_binary(spec, geo, rng)
    if spec.scope == "region":
        mode, single = "single", geo.region
    elif spec.aggregation == "none" and spec.scope != "each_district":
        mode, single = "single", geo.city
    elif spec.measure == "count_new":
        mode, single = "sum", None  # new additions always add up, whatever the label says
    elif spec.measure == "growth_rate":
        mode, single = "weighted", None  # growth rates never add up
    else:
        mode, single = ("sum" if spec.aggregation == "sum" else "weighted"), None
    if spec.measure == "count_new":
        return _counts(spec, geo, rng, mode, single)
    if spec.measure == "growth_rate":
        return _growth(spec, geo, rng, mode, single)
    return _levels(spec, geo, rng, mode, single)


def _clip(spec: dp.Spec, values):
    return np.clip(values, 0.0, 100.0 if spec.measure == "share" else None)


def _levels(spec: dp.Spec, geo: Geo, rng, mode: str, single: str | None):
    outcome, fraction = dp.draw_outcome(rng)
    T = spec.target
    if spec.lower_is_better:
        base = T * rng.uniform(1.1, 1.5) if T > 0 else rng.uniform(1.0, 5.0)
    elif spec.measure == "share":
        base = T - min(rng.uniform(5.0, 25.0), 0.4 * T)
    else:
        base = T * rng.uniform(0.6, 0.9)
    base = float(_clip(spec, math.floor(base) if spec.dec == 0 and not spec.lower_is_better else base))
    if spec.comparator == "range" and outcome == "achieved" and spec.high > T:
        final = T + rng.uniform(0.1, 0.9) * (spec.high - T)
    else:
        final = base + fraction * (T - base)
    final = float(_clip(spec, final))
    geometric = spec.method == "cagr"
    if mode == "single":
        grid = dp.rounded(_clip(spec, dp.path(rng, base, final, spec.taus, geometric)), spec.dec)[None, :]
        share, city_of = np.ones(1), lambda v: dp.rounded(v.sum(axis=0), spec.dec)
    elif mode == "weighted":
        city = dp.path(rng, base, final, spec.taus, geometric)
        if spec.measure == "share":
            mid = (base + final) / 2
            scale = rng.uniform(0.08, 0.2) * max(min(mid, 100.0 - mid, 30.0), 2.0)
            grid = city[None, :] + dp.deviations(rng, geo.population, spec.taus, scale)
        else:
            gaps = dp.deviations(rng, geo.population, spec.taus, rng.uniform(0.06, 0.15), limit=0.35)
            grid = city[None, :] * (1.0 + gaps)  # relative gaps for levels
        grid = dp.rounded(_clip(spec, grid), spec.dec)
        share = np.ones(len(geo.districts))
        def city_of(v):
            return dp.rounded(np.average(v, axis=0, weights=geo.population), spec.dec)
    else:  # sum: each district holds a share of the city's baseline and target
        share = geo.population * rng.uniform(0.6, 1.4, len(geo.districts))
        share = share / share.sum()
        fractions = fraction + dp.centered(rng.normal(0.0, 0.25, len(share)), share)
        finals = share * base + fractions * share * (T - base)
        if spec.comparator == "range" and outcome == "achieved":
            finals = share * final
        grid = np.vstack([dp.path(rng, share[i] * base, finals[i], spec.taus, geometric)
                          for i in range(len(share))])
        grid = dp.rounded(_clip(spec, grid), spec.dec)
        def city_of(v):
            return dp.rounded(v.sum(axis=0), spec.dec)
    grid[:, -1] = _settle(spec, grid[:, -1], share, city_of, outcome == "achieved")
    city = city_of(grid)
    if mode == "single":
        return [(single, city, None, None)]
    return [(geo.city, city, None, None)] + [(c, grid[i], None, None) for i, c in enumerate(geo.districts)]


def _settle(spec: dp.Spec, finals: np.ndarray, share: np.ndarray, city_of, achieved: bool) -> np.ndarray:
    """Nudge final-year values so the city figure, after rounding and clipping, matches the outcome."""
    step = 10.0 ** -spec.dec
    for _ in range(6):
        city = float(city_of(finals))
        if spec.meets(city) == achieved:
            return finals
        if achieved:
            gap = abs(spec.target - city) + step
            finals = finals + (-gap if spec.lower_is_better else gap) * share
        else:
            gap = abs(city - spec.target) + step
            finals = finals + (gap if spec.lower_is_better else -gap) * share
        finals = dp.rounded(_clip(spec, finals), spec.dec)
    if achieved:  # clipping got in the way: bring every area to the target
        finals = dp.make_meet(finals, spec.comparator, spec.target * share, spec.high * share)
        finals = dp.rounded(finals, spec.dec)
    return finals


def _growth(spec: dp.Spec, geo: Geo, rng, mode: str, single: str | None):
    outcome, fraction = dp.draw_outcome(rng)
    T, sign = spec.target, (-1.0 if spec.lower_is_better else 1.0)
    scale = max(abs(T), 4.0)
    mean = T + sign * scale * (fraction - 1.0)
    first = T + sign * scale * (rng.uniform(0.4, 1.1) - 1.0)
    later = rng.normal(0.0, 0.15 * scale, len(spec.years) - 1)
    later = mean + later - later.mean()
    if spec.meets(later[-1]) != (outcome == "achieved"):  # the latest year agrees with the mean
        pick = int(np.argmax(sign * later)) if outcome == "achieved" else int(np.argmin(sign * later))
        later[[pick, -1]] = later[[-1, pick]]
    city = np.concatenate([[first], later])
    if mode == "single":
        return [(single, dp.rounded(city, spec.dec), None, None)]
    dev = dp.deviations(rng, geo.population, spec.taus, 0.25 * scale * rng.uniform(0.6, 1.4))
    grid = dp.rounded(city[None, :] + dev, spec.dec)
    city = dp.rounded(np.average(grid, axis=0, weights=geo.population), spec.dec)
    return [(geo.city, city, None, None)] + [(c, grid[i], None, None) for i, c in enumerate(geo.districts)]


def _counts(spec: dp.Spec, geo: Geo, rng, mode: str, single: str | None):
    """New additions per year (0 in the baseline year), whole units of the rounding step."""
    outcome, fraction = dp.draw_outcome(rng)
    step = 10.0 ** -spec.dec
    need = math.ceil(spec.target / step - 1e-9)
    if outcome == "achieved" and spec.comparator == "range" and spec.high > spec.target:
        total = int(rng.integers(need, math.floor(spec.high / step + 1e-9) + 1))
    elif outcome == "backwards":  # additions cannot be negative: the target has stalled
        total = int(round(spec.target / step * rng.uniform(0.0, 0.08)))
    else:
        total = int(round(spec.target / step * fraction))
    total = max(total, need) if outcome == "achieved" else max(min(total, need - 1), 0)
    year_weights = rng.uniform(0.4, 1.4, len(spec.years) - 1)
    if mode == "single":
        units = np.concatenate([[0], dp.split_int(total, year_weights)])
        return [(single, dp.rounded(units * step, spec.dec), None, None)]
    by_district = dp.split_int(total, geo.population * rng.uniform(0.5, 1.5, len(geo.districts)))
    grid = np.vstack([
        np.concatenate([[0], dp.split_int(int(n), year_weights * rng.uniform(0.6, 1.4, len(year_weights)))])
        for n in by_district
    ])
    grid = dp.rounded(grid * step, spec.dec)
    city = dp.rounded(grid.sum(axis=0), spec.dec)
    return [(geo.city, city, None, None)] + [(c, grid[i], None, None) for i, c in enumerate(geo.districts)]


def _township_share(spec: dp.Spec, geo: Geo, rng):
    """Townships covered in each district, year by year. With the registry: one row per township
    (1 covered, 0 not; each district's townships are covered in a drawn order, so a township once
    covered stays covered while the count grows). Without it: district and city percentages."""
    outcome, fraction = dp.draw_outcome(rng)
    T, n = spec.target, geo.townships
    base = float(np.clip(T - min(rng.uniform(5.0, 25.0), 0.4 * T), 0.0, 100.0))
    final = float(np.clip(base + fraction * (T - base), 0.0, 100.0))
    city = dp.path(rng, base, final, spec.taus, noise=0.0)
    scale = rng.uniform(8.0, 15.0)
    shares = np.clip(city[None, :] + dp.deviations(rng, n, spec.taus, scale), 0.0, 100.0)
    covered = np.rint(shares / 100.0 * n[:, None]).astype(np.int64)
    monotone = outcome != "backwards"
    if monotone:
        covered = np.maximum.accumulate(covered, axis=1)
    want = outcome == "achieved"
    for _ in range(int(n.sum()) + 1):  # settle the final year, one township at a time
        if spec.meets(float(dp.rounded(covered[:, -1].sum() / n.sum() * 100.0, 1))) == want:
            break
        i = int(np.argmax(n - covered[:, -1])) if want else int(np.argmax(covered[:, -1]))
        covered[i, -1] += 1 if want else -1
    if monotone:
        covered = np.minimum(covered, covered[:, -1:])
    if geo.township_codes:
        rows = []
        for i, codes in enumerate(geo.township_codes):
            order = rng.permutation(len(codes))          # the order this district's townships are covered in
            rank = np.empty(len(codes), dtype=np.int64)
            rank[order] = np.arange(len(codes))
            for k, code in enumerate(codes):
                rows.append((code, (rank[k] < covered[i]).astype(float), None, None))
        return rows
    total = covered.sum(axis=0)
    rows = [(geo.city, dp.rounded(total / n.sum() * 100.0, 1), None, None)]
    return rows + [(code, dp.rounded(covered[i] / n[i] * 100.0, 1), None, None) for i, code in enumerate(geo.districts)]


def _each_district_binary(spec: dp.Spec, geo: Geo, rng):
    """Every district either has it (100) or not (0); the city value is the share of districts that do."""
    outcome, _ = dp.draw_outcome(rng)
    grid = dp.binary_grid(rng, outcome, len(geo.districts), spec.years)
    city = dp.rounded(grid.mean(axis=0), 1)  # grid holds 0 or 100
    return [(geo.city, city, None, None)] + [(c, grid[i], None, None) for i, c in enumerate(geo.districts)]


def _qualitative(spec: dp.Spec, geo: Geo, rng):
    """Milestones: city only, or each district plus a city that is done when every district is."""
    outcome, _ = dp.draw_outcome(rng)
    years = spec.years
    if spec.scope != "each_district":
        code = geo.region if spec.scope == "region" else geo.city
        return [(code, None, dp.milestones(years, *dp.milestone_plan(rng, outcome, years)), None)]
    done_share = {"achieved": 1.0, "close": 0.7, "behind": 0.3, "backwards": 0.0}[outcome]
    laggard = "backwards" if outcome == "backwards" else "behind"
    plans = [dp.milestone_plan(rng, "achieved" if rng.random() < done_share else laggard, years, district=True)
             for _ in geo.districts]
    last = int(rng.integers(0, len(plans)))
    if outcome == "achieved":  # the last district finishes in one of the final two years
        plans[last] = dp.milestone_plan(rng, "achieved", years)
    elif all(np.isfinite(done) for _, done in plans):  # at least one district is not done
        plans[last] = dp.milestone_plan(rng, "behind", years)
    city = (min(s for s, _ in plans), max(d for _, d in plans))
    rows = [(geo.city, None, dp.milestones(years, *city), None)]
    return rows + [(c, None, dp.milestones(years, *plans[i]), None) for i, c in enumerate(geo.districts)]
