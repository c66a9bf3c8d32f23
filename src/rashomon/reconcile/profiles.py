"""Outlet profiles (stub; replaced by the story-view issue)."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.records import Document, OutletProfile, Reconciled


def profile_outlets(documents: Sequence[Document], reconciled: Reconciled) -> list[OutletProfile]:
    return []
