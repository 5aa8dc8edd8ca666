"""A full disk or a read-only data folder: the command line says so in one sentence and exits 2, and
every file it writes is written whole or not at all (tracker/files.py), the earlier file intact."""
from __future__ import annotations

import errno
import os
import shutil

import duckdb
import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tracker import files, warehouse

FULL = OSError(errno.ENOSPC, "No space left on device")
READ_ONLY = OSError(errno.EROFS, "Read-only file system")


def one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("failure,words", [(FULL, "the disk is full"), (READ_ONLY, "read-only")])
def test_an_import_on_a_full_disk_or_read_only_folder_is_one_sentence_and_exit_2(private, tmp_path, capsys,
                                                                                 monkeypatch, failure, words):
    file = tmp_path / "good.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "55", None, None, None]]))
    before = private.read_bytes()

    def copy_half(source, target, **_):
        with open(target, "wb") as handle:
            handle.write(b"\0" * 4096)
        raise OSError(failure.errno, failure.strerror, str(target))

    monkeypatch.setattr(warehouse.shutil, "copy2", copy_half)
    code, _, err = run(capsys, "import", file, "--by", "统计局")
    assert code == 2
    sentence = one_sentence(err)
    assert words in sentence and "Nothing was changed" in sentence and str(private.parent) in sentence
    assert private.read_bytes() == before
    assert not list(private.parent.glob(".*.tmp*"))


def test_duckdb_running_out_of_space_inside_the_write_is_the_same_sentence(private, tmp_path, capsys, monkeypatch):
    file = tmp_path / "good.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "55", None, None, None]]))
    before = private.read_bytes()
    real = duckdb.connect

    def connect(target, *args, **kwargs):
        if str(target).endswith(".tmp"):
            raise duckdb.IOException(f'IO Error: Could not write file "{target}": No space left on device')
        return real(target, *args, **kwargs)

    monkeypatch.setattr(warehouse.duckdb, "connect", connect)
    code, _, err = run(capsys, "import", file)
    assert code == 2 and "the disk is full" in one_sentence(err)
    assert private.read_bytes() == before


@pytest.mark.parametrize("command", [["export-observations"], ["brief", "--format", "pdf"]])
def test_a_file_written_on_a_full_disk_leaves_the_earlier_one_intact(private, tmp_path, capsys, monkeypatch,
                                                                     command):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "earlier.out"
    out.write_bytes(b"the earlier file")
    if command[0] == "brief":
        from tracker import brief
        monkeypatch.setattr(brief, "make", lambda *a, **k: b"%PDF-" + b"x" * 100_000)
    real_fsync = os.fsync

    def fsync(fd):
        raise FULL

    monkeypatch.setattr(files.os, "fsync", fsync)
    code, _, err = run(capsys, *command, "--out", out)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert code == 2 and "the disk is full" in one_sentence(err)
    assert out.read_bytes() == b"the earlier file"
    assert [p.name for p in out.parent.iterdir()] == ["earlier.out"]


def test_files_replacing_writes_whole_files(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    files.write_text(target, "one")
    files.write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    with pytest.raises(RuntimeError), files.replacing(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"two" and os.listdir(target.parent) == ["f.txt"]
    copy = tmp_path / "copy.txt"
    files.copy(target, copy)
    assert copy.read_bytes() == b"two"
    shutil.rmtree(tmp_path / "sub")
