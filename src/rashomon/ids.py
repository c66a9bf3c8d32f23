"""Stable identifiers: the same input always gives the same ids (sqlite-utils' hash_record idea)."""

from __future__ import annotations

import hashlib


def content_hash(*parts: object, length: int = 16) -> str:
    """Hex digest of the parts' text, joined by a separator no part contains."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def item_id(prefix: str, *parts: object) -> str:
    """Id of an extracted or reconciled item, e.g. ``item_id("q", doc, start, end)`` -> ``q-1a2b...``."""
    return f"{prefix}-{content_hash(*parts, length=12)}"
