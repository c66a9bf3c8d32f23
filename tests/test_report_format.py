"""The JSON report is a public contract: every key it emits is documented, every top key present."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rashomon.report import Report

DOC = Path(__file__).resolve().parents[1] / "docs" / "report-format.md"
TOP_KEYS = {"rashomon_version", "format_version", "created", "documents", "entities", "quotes",
            "quantities", "timeline", "events", "statements", "comparisons", "outlets", "errors"}


def documented_keys() -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", DOC.read_text(encoding="utf-8")))


def emitted_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        keys = set(value)
        for item in value.values():
            keys |= emitted_keys(item)
        return keys
    if isinstance(value, list):
        return set().union(*(emitted_keys(v) for v in value)) if value else set()
    return set()


def test_empty_report_has_every_top_level_key() -> None:
    report = Report(rashomon_version="0", created="2021-01-01T00:00:00+00:00").to_dict()
    assert set(report) == TOP_KEYS
    assert all(report[k] == [] for k in TOP_KEYS - {"rashomon_version", "format_version", "created"})


def test_every_key_of_the_seed_report_is_documented(seed_report: dict[str, Any]) -> None:
    # metadata_origin's keys are the metadata field names, documented in its row
    undocumented = emitted_keys(seed_report) - documented_keys()
    assert not undocumented, f"document these keys in {DOC.name}: {sorted(undocumented)}"


def test_seed_report_is_json_and_spans_index_the_clean_text(seed_report: dict[str, Any]) -> None:
    json.dumps(seed_report)
    texts = {d["id"]: d["text"] for d in seed_report["documents"]}
    for key in ("quotes", "quantities", "timeline", "statements"):
        for item in seed_report[key]:
            text = texts[item["doc"]]
            assert 0 <= item["start"] < item["end"] <= len(text), (key, item["id"])
            assert item["sentence"], (key, item["id"])
    for entity in seed_report["entities"]:
        for m in entity["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"], (entity["name"], m)
