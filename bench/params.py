"""Representative parameter values, taken from the warehouse itself (never from literals).

Every query file is timed with two bindings: ``all`` (each parameter its header documents as
nullable is null: the default views, which read the most rows) and ``one`` (every parameter set to
a real value: a deep link). Page deep links use the same values.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tracker import db
from tracker.warehouse import READER

WRITE = re.compile(r"^\s*(insert|update|delete|create|drop|alter|copy)\b", re.IGNORECASE | re.MULTILINE)


def header(name: str) -> str:
    lines = db.sql_text(name).lstrip().splitlines()
    return "\n".join(line for line in lines if line.startswith("--"))


def is_read_only(name: str) -> bool:
    """Writer statements (imports, rollback) run only inside a snapshot writer: not timed here."""
    body = "\n".join(line for line in db.sql_text(name).splitlines() if not line.strip().startswith("--"))
    return "-- writes" not in header(name) and not WRITE.search(body)


def nullable(name: str, param: str) -> bool:
    """The header says what null means for it: ``$year (null = latest)``."""
    return re.search(rf"\${param}\b\s*\([^()]*?\bnull\b", header(name)) is not None


def _one(cursor, sql: str, params: dict | None = None):
    row = cursor.execute(sql, params or {}).fetchone()
    return row[0] if row else None


def sample(path: Path) -> dict[str, Any]:
    """One real value per parameter name: the default plan, its latest year, a busy action, a
    district with data, an indicator with district figures, the newest batch."""
    cur = READER.cursor(path)
    try:
        plan = db.execute(cur, "plans").iloc[0]["plan_id"]
        p = {"p": plan}
        year = _one(cur, "select max(year) from status where plan_id = $p", p)
        action = _one(cur, "select action_no from indicators where plan_id = $p "
                           "group by action_no order by count(*) desc, action_no limit 1", p)
        districts = [r[0] for r in cur.execute(
            "select area_code from areas where kind = 'district' order by area_code").fetchall()]
        district = "330212" if "330212" in districts else (districts[0] if districts else None)
        indicator = _one(cur, """
            select s.indicator_id from status s join areas a using (area_code)
            where s.plan_id = $p and a.kind = 'district'
            group by s.indicator_id order by count(*) desc, s.indicator_id limit 1""", p) or \
            _one(cur, "select min(indicator_id) from indicators where plan_id = $p", p)
        batch = _one(cur, "select batch_id from batches order by created_at desc limit 1")
    finally:
        cur.close()
    return {
        "plan_id": plan, "year": year, "action_no": action, "action_nos": [action] if action else None,
        "area_code": district, "district": district, "area_codes": districts[:3] or None,
        "indicator_id": indicator, "indicator_ids": [indicator] if indicator else None,
        "batch_id": batch, "lang": "zh",
    }


def bindings(name: str, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"one": every parameter set, "all": nullable ones null}; one entry when nothing is nullable.
    A parameter with no sampled value is bound to null (and named by ``unknown``)."""
    wanted = db.parameters(name)
    one = {p: values.get(p) for p in wanted}
    everything = {p: (None if nullable(name, p) else one[p]) for p in wanted}
    return {"one": one} if everything == one else {"all": everything, "one": one}


def unknown(name: str, values: dict[str, Any]) -> list[str]:
    return [p for p in db.parameters(name) if p not in values]


def page_query(page_url: str, values: dict[str, Any]) -> dict[str, str]:
    """The deep link a leader would follow to each page (DESIGN §7)."""
    links = {
        "action": {"action": values.get("action_no")},
        "indicator": {"indicator": values.get("indicator_id")},
        "district": {"district": values.get("district")},
        "present": {"present": "1"},    # meeting mode: its only page, the default
    }
    return {k: str(v) for k, v in links.get(page_url, {}).items() if v is not None}
