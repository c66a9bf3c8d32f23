"""Terminal summary (rich) of a report dict (stub: counts; the story-view issue builds the sections)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_summary(report: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Rashomon: {len(report['documents'])} documents")
    for column in ("title", "outlet", "published"):
        table.add_column(column)
    for doc in report["documents"]:
        table.add_row(doc["title"] or "(untitled)", doc["outlet"] or "-", doc["published"] or "-")
    console.print(table)
