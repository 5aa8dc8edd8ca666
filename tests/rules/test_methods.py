"""Progress methods as a registry (tracker/methods/): every reader of a method goes through it, so a
new method is one module, its words and its test. The test below adds one and finds it everywhere."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from components.screens import method as method_screen
from tracker import build, catalog, methodology, methods, paths
from tracker.importer import catalog_import
from tracker.methods.base import Method, Pace, Point, Step
from tracker.progress import compute_status

BASE = dict(indicator_id="X", plan_id="P", action_no=12, comparator=">=", target_value=100.0, target_high=None,
            target_year=2025, baseline_year=2020, direction="up", measure="level", method="linear")


def _status(spec: dict, series: dict[int, float]) -> pd.DataFrame:
    rows = [dict(indicator_id="X", area_code="330200", year=y, value=v) for y, v in series.items()]
    return compute_status(pd.DataFrame([dict(BASE, **spec)]), pd.DataFrame(rows)).set_index("year")


def test_every_method_of_the_catalogue_is_registered_and_accepted_by_the_import():
    used = set(catalog.load()["indicators"]["method"])
    assert used <= set(methods.NAMES)
    assert set(catalog_import.CHOICES["method"]) == set(methods.NAMES)
    for method in methods.REGISTRY.values():
        for lang in ("zh", "en"):
            assert method.words("label", lang) and method.words("final_label", lang) and method.words("text", lang)
            assert method.name not in method.words("label", lang)   # words, not the code


def test_the_sql_reads_the_registry_for_what_is_summed():
    con = duckdb.connect()
    con.execute((paths.SCHEMA / "01b_progress_methods.sql").read_text("utf-8"))
    build.write_methods(con)
    con.execute((paths.SCHEMA / "05_macros.sql").read_text("utf-8"))
    got = {m: con.execute("select compared_as('level', $m)", {"m": m}).fetchone()[0] for m in methods.NAMES}
    assert got == {m: "sum" if methods.get(m).measures_as == "sum" else "latest" for m in methods.NAMES}
    assert con.execute("select compared_as('count_new', 'linear')").fetchone()[0] == "sum"


def test_a_summed_quantity_does_not_compound():
    spec = dict(BASE, measure="count_new", method="cagr")
    target = type("T", (), spec)
    assert methods.measuring(target) is methods.REGISTRY["linear"]
    assert methods.measuring(type("T", (), BASE)) is methods.REGISTRY["linear"]
    assert methods.measuring(type("T", (), dict(BASE, method="cagr"))) is methods.REGISTRY["cagr"]


def test_the_worked_example_prints_the_engines_own_intermediate_values(monkeypatch):
    """The explanation is built from the pace the engine returns, not from sums of its own."""
    row = _status({"method": "cagr"}, {2020: 50.0, 2023: 70.0}).loc[2023]
    seen = []
    real = methods.REGISTRY["cagr"].pace

    def spy(point):
        out = real(point)
        seen.append(out)
        return out

    monkeypatch.setitem(methods.REGISTRY, "cagr", Method(**{**methods.REGISTRY["cagr"].__dict__, "pace": spy}))
    example = methodology.explain(dict(row, year=2023), dict(BASE, method="cagr"), "en")
    assert len(seen) == 1 and example.ratio == pytest.approx(row["ratio"])
    g_o = seen[0].parts["g_o"]
    assert any(f"g_o = (70/50)^(1/3) − 1 = {g_o:,.6g}" in line for line in example.lines)


# ---- adding a method ------------------------------------------------------------------------------
def _halfway_pace(p: Point) -> Pace:
    """A made-up method for the test: R = 2 × 完成进度 / 100 (the target counts as on track at half way)."""
    return Pace(ratio=2 * p.progress / 100.0, kind="halfway", parts=dict(progress=p.progress),
                projected_value=p.v, achieved_annual_change=0.0)


def _halfway_explain(p: Point, out: Pace, lang: str) -> Step:
    return Step(f"halfway R = 2 × {out.parts['progress']:.1f}% = {out.ratio:.3f}")


HALFWAY = Method(
    name="halfway", label={"zh": "半程法", "en": "Half-way"}, final_label={"zh": "半程法（终期）", "en": "Half-way (final)"},
    text={"zh": "- **半程法**：R = 2 × 完成进度。", "en": "- **Half-way**: R = 2 × progress."},
    formula_title={"zh": "半程法", "en": "Half-way"}, formulas=lambda words: (r"R = 2 \cdot p",),
    pace=_halfway_pace, explain=_halfway_explain)


@pytest.fixture()
def halfway(monkeypatch):
    monkeypatch.setitem(methods.REGISTRY, "halfway", HALFWAY)
    monkeypatch.setattr(methods, "NAMES", tuple(methods.REGISTRY))
    return HALFWAY


def test_a_new_method_is_one_registry_entry_and_every_reader_finds_it(halfway):
    row = _status({"method": "halfway"}, {2020: 0.0, 2022: 30.0}).loc[2022]
    assert row["ratio"] == pytest.approx(0.6) and row["status"] == "accelerate"        # the engine ran its pace
    example = methodology.explain(dict(row, year=2022), dict(BASE, method="halfway"), "en")
    assert "halfway R = 2 × 30.0% = 0.600" in example.lines and example.ratio == pytest.approx(0.6)
    assert "method: Half-way" in example.lines[0]                                        # its words, not its code
    for lang, bullet in (("zh", "半程法"), ("en", "Half-way")):
        assert bullet in methodology.method_text(lang, 2020, 2025)
        assert bullet in method_screen.formulas(lang)


def test_an_unknown_method_is_refused_when_the_catalogue_loads(tmp_path):
    import shutil

    shutil.copytree(paths.CATALOG, tmp_path / "catalog")
    file = tmp_path / "catalog" / "indicators.csv"
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    frame.loc[0, "method"] = "guesswork"
    frame.to_csv(file, index=False)
    with pytest.raises(ValueError, match="unknown progress method.*guesswork"):
        catalog.load(tmp_path / "catalog")
