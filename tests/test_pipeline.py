"""The library API end to end; worker processes give the same report as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon import analyze


def _comparable(report: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in report.items() if k != "created"}


@pytest.mark.slow
def test_workers_give_the_same_report(seed_dir: Path, tmp_path: Path) -> None:
    # copies of the seeds make enough batches for two workers to share
    for copy in range(3):
        for article in sorted(seed_dir.iterdir()):
            text = article.read_text(encoding="utf-8")
            (tmp_path / f"{copy}-{article.name}").write_text(text, encoding="utf-8")
    one = analyze([tmp_path], workers=1).to_dict()
    two = analyze([tmp_path], workers=2).to_dict()
    assert len(one["documents"]) == 15
    assert _comparable(one) == _comparable(two)


def test_same_input_same_ids(seed_dir: Path, seed_report: dict) -> None:  # type: ignore[type-arg]
    again = analyze([seed_dir]).to_dict()
    assert _comparable(again) == _comparable(seed_report)


def test_no_readable_input_gives_an_empty_report_with_errors(tmp_path: Path) -> None:
    report = analyze([tmp_path / "nothing-here.txt"])
    assert report.documents == ()
    assert [e.stage for e in report.errors] == ["ingest"]


@pytest.mark.slow
def test_a_worker_that_dies_loses_nothing(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import os

    from rashomon import pipeline

    real_extract = pipeline.extract

    def dies_in_workers(parsed):  # type: ignore[no-untyped-def]
        if multiprocessing.current_process().name != "MainProcess":
            os._exit(1)  # as a worker killed by the kernel would
        return real_extract(parsed)

    for copy in range(2):
        for article in sorted(seed_dir.iterdir()):
            text = article.read_text(encoding="utf-8")
            (tmp_path / f"{copy}-{article.name}").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract", dies_in_workers)  # forked workers inherit it
    report = analyze([tmp_path], workers=2)
    assert len(report.documents) == 10
    assert report.errors == ()
