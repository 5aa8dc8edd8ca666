"""The benchmark: `python -m bench` prints one table of every metric beside its target (bench/README.md)."""
