"""Extractor stub: replaced by the issue that builds it."""

from __future__ import annotations

from rashomon.records import Document, Extraction, Parsed, TimeExpression


def extract_times(parsed: Parsed, found: Extraction) -> tuple[TimeExpression, ...]:
    return ()


def infer_not_before(document: Document) -> str | None:
    """Latest absolute date the text mentions: a not-before for an undated article."""
    return None
