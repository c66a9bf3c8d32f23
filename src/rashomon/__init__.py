"""Rashomon: what many news articles about one story agree on, who says so, and where they differ."""

from __future__ import annotations

__version__ = "0.1.0"

from rashomon.pipeline import analyze
from rashomon.report import Report

__all__ = ["Report", "__version__", "analyze"]
