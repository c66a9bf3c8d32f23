"""Extractor stub: replaced by the issue that builds it."""

from __future__ import annotations

from rashomon.records import Extraction, Parsed, Statement


def extract_statements(parsed: Parsed, found: Extraction) -> tuple[Statement, ...]:
    return ()
