"""Hostile uploads, timed: seconds and peak memory to read (and refuse) each one, in a fresh process.

Run ``python -m bench.hostile``. Each case is built in this process, written to a temporary file, and
read by a child process that reports the wall time of ``read_upload`` and its peak RSS
(``resource.getrusage(...).ru_maxrss``, which includes the interpreter, the imports and the file's
bytes: the figure before reading is printed too). The
cases: the 2,000,000-row bomb (over the unzipped cap), a bomb just under the cap (read until the
row after MAX_ROWS), a shared-strings bomb over the element budget, a valid 50,000-row template-shaped
workbook with a 40-character Chinese note on every row (the file that sized MAX_UNZIPPED_BYTES), a
CSV with a 200,000-character note, and a CSV with a quote never closed. The promise checked: every
hostile file is refused within 5 s and 300 MB.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys, time
from tracker.importer.reading import read_upload
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
sheet = read_upload(sys.argv[2], data)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "base_mb": base, "rows": len(sheet.rows), "codes": [f.code for f in sheet.findings]}))
"""


def template_workbook(rows: int = 50_000, note_chars: int = 40) -> bytes:
    """A filled template: nine columns, one target per row, a note of random plan words on each."""
    import io

    from openpyxl import Workbook

    from tracker.importer.findings import FIELDS, INFO_FIELDS
    from tracker.importer.templates import COLUMNS

    rnd = random.Random(1)
    words = "宁波市统计局年度监测数据说明口径调整按新标准核算较上年增长百分点完成情况良好"
    book = Workbook(write_only=True)
    ws = book.create_sheet("数据")
    ws.append([{**FIELDS, **INFO_FIELDS}[c][0] for c in COLUMNS])
    for i in range(rows):
        ws.append([f"A{rnd.randint(1, 12):02d}-{rnd.randint(1, 9):02d}", "规划指标名称示例文字二十字左右的长度", "亿元",
                   str(330200 + rnd.randint(0, 30)), 2021 + i % 5, round(rnd.random() * 1000, 2), None,
                   "宁波市统计局年度统计公报", "".join(rnd.choice(words) for _ in range(note_chars))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cases() -> list[tuple[str, str, bytes]]:
    from tests import bad_files as bf
    from tracker.importer.xlsx_parts import MAX_ELEMENTS, MAX_UNZIPPED_BYTES

    return [
        ("bomb: 2,000,000 rows", "bomb.xlsx", bf.bomb_xlsx(2_000_000)),
        ("bomb: just under the unzipped cap", "under.xlsx", bf.bomb_xlsx(MAX_UNZIPPED_BYTES // 200)),
        ("bomb: shared strings over the element budget", "strings.xlsx", bf.bomb_xlsx(3, shared_strings=MAX_ELEMENTS)),
        ("valid: 50,000-row template workbook", "valid.xlsx", template_workbook()),
        ("csv: a 200,000-character note", "long.csv", bf.long_field_csv(200_000)),
        ("csv: a quote never closed", "quote.csv", bf.unclosed_quote_csv(30_000)),
    ]


def measure(name: str, data: bytes) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), name], cwd=ROOT, capture_output=True,
                              text=True, timeout=600, check=True)
    return json.loads(done.stdout)


def main() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for label, name, data in cases():
        got = measure(name, data)
        print(f"{label:48s} {len(data) / 1e6:6.2f} MB  {got['seconds']:6.2f} s  "
              f"{got['peak_mb']:6.0f} MB peak ({got['base_mb']:.0f} before)  "
              f"rows {got['rows']:>6,}  {', '.join(got['codes']) or 'accepted'}")


if __name__ == "__main__":
    main()
