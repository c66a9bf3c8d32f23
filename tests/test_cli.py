"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council approved a new bridge over the river on Monday, officials said.\n\n"
    "The mayor said the work would start next spring and take two years.\n"
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rashomon", *map(str, args)],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.slow
def test_analyze_seed_folder_writes_report(seed_dir: Path, tmp_path: Path) -> None:
    result = run("analyze", seed_dir, "-o", tmp_path, "-f", "json,text")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert len(report["documents"]) == 5
    assert report["errors"] == []
    assert "report.json" in result.stdout


def test_bad_inputs_are_named_and_the_rest_runs(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = run("analyze", good, tmp_path / "empty.txt", tmp_path / "binary.txt", missing,
                 "-o", out, "-f", "json")
    assert result.returncode == 1
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert name in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in report["documents"]] == [str(good)]
    assert {Path(e["path"]).name for e in report["errors"]} == {"empty.txt", "binary.txt", "missing.txt"}


@pytest.mark.parametrize("args", [("analyze",), ("analyze", "x.txt", "--format", "pdf"), ("frobnicate",)])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("analyze", article, "-o", blocker / "out", "-f", "json")
    assert result.returncode != 0
    assert "cannot create output folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_manifest_overrides_and_a_bad_manifest_is_a_usage_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"path,outlet,published\n{article},City Gazette,2021-05-03\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("analyze", article, "--manifest", manifest, "-o", out, "-f", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"][0]
    assert (doc["outlet"], doc["published"]) == ("City Gazette", "2021-05-03")
    assert doc["metadata_origin"]["outlet"] == "manifest"

    manifest.write_text("path,colour\na.txt,blue\n", encoding="utf-8")
    result = run("analyze", article, "--manifest", manifest, "-o", out, "-f", "json")
    assert result.returncode == 2
    assert "manifest.csv" in result.stderr
    assert "Traceback" not in result.stderr


def test_reports_are_ordinary_readable_files(tmp_path: Path) -> None:
    from rashomon.store import write_text_atomic

    path = write_text_atomic(tmp_path / "report.json", "{}\n")
    plain = tmp_path / "plain.json"
    plain.write_text("{}\n", encoding="utf-8")
    assert path.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777  # the mode open() gives
