"""Ingest: turn the user's arguments (files, folders, URLs) into decoded Source records.

Never raises for one bad input: whatever cannot be read becomes an InputError with a message
naming the problem, and the rest of the batch goes on. Modules: ``files`` (files and folders),
``exports`` (JSON, JSON Lines and CSV exports), ``fetch`` (http(s), the only network code),
``encoding`` (bytes to NFC text), ``manifest`` (metadata the user supplies).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rashomon.ingest.fetch import FetchError, fetch_url, is_url
from rashomon.ingest.files import MAX_BYTES, expand_folder, read_file
from rashomon.records import InputError, Source

__all__ = ["MAX_BYTES", "read_inputs"]


def read_inputs(
    inputs: Sequence[str], *, allow_private: bool = False
) -> tuple[list[Source], list[InputError]]:
    """Sources for every article in ``inputs`` (in argument order, folders in sorted order)."""
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()  # a file named twice (or also inside a named folder) is read once
    for argument in inputs:
        if is_url(argument):
            _read_url(argument, allow_private, sources, errors)
            continue
        for path in _files_for(Path(argument), errors):
            key = _identity(path)
            if key in seen:
                continue
            seen.add(key)
            found, failed = read_file(path)
            sources += found
            errors += failed
    return sources, errors


def _read_url(url: str, allow_private: bool, sources: list[Source], errors: list[InputError]) -> None:
    try:
        sources.append(fetch_url(url, allow_private=allow_private))
    except FetchError as exc:
        errors.append(InputError(url, "ingest", str(exc)))


def _files_for(path: Path, errors: list[InputError]) -> list[Path]:
    try:
        if path.is_dir():
            problems: list[InputError] = []
            files = expand_folder(path, problems)
            errors += problems
            if not files and not problems:
                errors.append(InputError(str(path), "ingest", "folder holds no article files"))
            return files
        if not path.exists() and not path.is_symlink():
            errors.append(InputError(str(path), "ingest", "no such file or folder"))
            return []
    except OSError as exc:
        errors.append(InputError(str(path), "ingest", f"cannot read: {exc.strerror or exc}"))
        return []
    return [path]


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())
