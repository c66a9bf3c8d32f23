"""Self-contained HTML report (stub; replaced by the story-view issue)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_html(report: dict[str, Any], path: Path) -> Path:
    raise NotImplementedError("HTML output arrives with the story-view issue")
