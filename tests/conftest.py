"""Shared fixtures: the real articles and benchmarks live in ../shared, never in this repo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "panjshir-2021"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The five Panjshir articles; tests that need them skip when the shared copy is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_report(seed_dir: Path) -> dict[str, Any]:
    """The whole pipeline run once over the seed articles, as the JSON report dict."""
    from rashomon import analyze

    return analyze([seed_dir]).to_dict()
