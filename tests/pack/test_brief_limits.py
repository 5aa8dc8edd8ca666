"""The meeting pack with hostile stored text: a catalogue name of thousands of characters, control
characters and a formula in it. The report wraps or cuts instead of failing, no control character
reaches either file, and the deck's chart workbooks hold no formula."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches

from tracker import brief, build, warehouse
from tracker.brief import slide_parts

TARGET = "A09-04"
LONG_NAME = "长" * 2500
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|_x00[01][0-9A-F]_")


def rename(name: str) -> None:
    """Store ``name`` as the target's names, as a catalogue written before the import's limits could."""
    def change(con):
        con.execute(f"update indicators set name_zh = $n, name_en = $n where indicator_id = '{TARGET}'", {"n": name})
        build.refresh_status(con, cause=None)
    warehouse.write_snapshot(change, check=build.check_snapshot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_very_long_stored_name_does_not_stop_the_report(private, lang, tmp_path):
    rename(LONG_NAME)
    data = brief.make("pdf", lang=lang)
    assert data.startswith(b"%PDF")
    file = tmp_path / "r.pdf"
    file.write_bytes(data)
    text = subprocess.run(["pdftotext", str(file), "-"], capture_output=True, text=True, check=True).stdout
    assert "长" * 200 in text.replace("\n", "")      # the name is there, wrapped over lines


def test_control_characters_in_stored_text_reach_neither_the_deck_nor_the_report(private, tmp_path):
    rename("收入\x01比\x1b[31m =HYPERLINK(\"x\")")
    deck = brief.make("pptx", lang="zh")
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        slides = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("ppt/slides/slide")]
    assert any("收入比[31m" in s for s in slides)
    assert not any(CONTROLS.search(s) for s in slides)
    report = tmp_path / "r.pdf"
    report.write_bytes(brief.make("pdf", lang="zh"))
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert "收入比[31m" in text and not CONTROLS.search(text.replace("\x0c", ""))   # pdftotext ends pages with \f


def test_chart_workbooks_in_the_deck_hold_no_formula():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide_parts.bar_chart(slide, ["=1+1", "@SUM(A1)", "A09-04"], [1, 2, 3], ["#009E73"] * 3, Inches(1), Inches(1),
                          Inches(5), Inches(4), title="t", series="=cmd|' /C calc'!A0")
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(out) as deck:
        (name,) = [n for n in deck.namelist() if n.startswith("ppt/embeddings/")]
        with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
            strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    assert "'=1+1" in strings and "'@SUM(A1)" in strings and "'=cmd" in strings
