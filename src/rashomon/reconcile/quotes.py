"""Reconciler stub: passes items through; replaced by the issue that builds it."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Comparison, Document, Quote


def reconcile_quotes(
    documents: Sequence[Document], items: Sequence[Quote], index: EntityIndex
) -> tuple[list[Quote], list[Comparison]]:
    return list(items), []
