"""Reconciler stub: passes items through; replaced by the issue that builds it."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Document, TimeExpression, TimelineEvent


def merge_timeline(
    documents: Sequence[Document], items: Sequence[TimeExpression], index: EntityIndex
) -> tuple[list[TimeExpression], list[TimelineEvent]]:
    return list(items), []
