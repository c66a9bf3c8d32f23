"""Extractor stub: replaced by the issue that builds it."""

from __future__ import annotations

from rashomon.records import Extraction, Parsed, Quote


def extract_quotes(parsed: Parsed, found: Extraction) -> tuple[Quote, ...]:
    return ()
