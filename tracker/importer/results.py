"""What an import produces: a preview of its changes, its outcome, or its refusal."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tracker.importer.findings import Finding


class Rejected(Exception):
    """The import was refused; nothing was written. ``findings`` says why, row by row."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(f"{len(findings)} finding(s): " + "; ".join(f.message_en for f in findings[:3]))


class Unconfirmed(Rejected):
    """The import has plausibility warnings nobody accepted; nothing was written. ``findings`` holds
    the warnings; the same import with ``accept_warnings`` writes them."""


@dataclass
class Preview:
    """What an import would do. ``changes`` has one row per row of the file (or per catalogue or
    commentary row) with ``change`` new / revised / unchanged; only new and revised rows are written."""
    kind: str                                  # "observations", "catalog" or "commentary"
    file_name: str
    sha256: str
    findings: list[Finding] = field(default_factory=list)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    skipped: int = 0                           # rows with neither a value nor a milestone
    encoding: str | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # catalogue rows to write, by table
    rollup: pd.DataFrame = field(default_factory=pd.DataFrame)       # district and city figures set by township rows
    warnings: list[Finding] = field(default_factory=list)             # plausibility warnings (importer/plausible.py)

    @property
    def ok(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        found = self.changes["change"].value_counts() if len(self.changes) else {}
        return {kind: int(found.get(kind, 0)) for kind in ("new", "revised", "unchanged")}

    def to_write(self) -> pd.DataFrame:
        return self.changes[self.changes["change"] != "unchanged"] if len(self.changes) else self.changes


@dataclass
class Outcome:
    batch_id: str | None                       # None: nothing needed writing
    preview: Preview | None = None
    rows: int = 0
