"""Ingest: turn the user's arguments (files, folders, URLs) into decoded Source records.

Stub: plain-text files only; replaced by the spine issue's ingest work.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rashomon.records import InputError, Source


def read_inputs(
    inputs: Sequence[str], *, allow_private: bool = False
) -> tuple[list[Source], list[InputError]]:
    sources: list[Source] = []
    errors: list[InputError] = []
    for arg in inputs:
        path = Path(arg)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(InputError(str(file), "ingest", str(exc)))
                continue
            sources.append(Source(name=str(file), content=text, format="text", path=str(file)))
    return sources, errors
