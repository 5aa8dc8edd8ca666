"""Percentiles and a process's resident memory, without extra dependencies."""
from __future__ import annotations

import math
from pathlib import Path


def pct(samples: list[float], q: float) -> float:
    """The q-th percentile by linear interpolation (numpy's default); NaN for no samples."""
    if not samples:
        return float("nan")
    xs = sorted(samples)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def rss_mb(pid: int) -> float:
    """Resident set size of a process from /proc, in MB (NaN when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and its children (nginx workers, app processes behind it)."""
    total = rss_mb(pid)
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(tree_rss_mb(int(c)) for c in children)
