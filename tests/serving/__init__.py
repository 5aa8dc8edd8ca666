"""`make serve` behind nginx, a room of tablets, and the benchmarks' own checks."""
