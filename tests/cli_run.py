"""Running the command line in-process, as a test reads it: (exit code, standard output, standard error)."""
from __future__ import annotations

from tracker import cli


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err
