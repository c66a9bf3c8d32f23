"""Files and folders: find the articles, read them within the size cap, decode, dispatch by format.

Folders are walked recursively in a fixed order (sorted path parts), without following
symbolic links to folders (no loops), skipping hidden files and folders and files whose
suffix is never an article (images, fonts, a saved page's scripts...). Anything else found is
read, so that a file we cannot use is reported rather than dropped without a word.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from pathlib import Path

from rashomon.ingest.encoding import DecodeError, decode
from rashomon.ingest.exports import ExportKind, looks_like_html, read_export
from rashomon.records import InputError, Source, SourceFormat

MAX_BYTES = 20 * 1024 * 1024  # per file, before and after gzip decompression

ARTICLE_SUFFIXES: dict[str, SourceFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
EXPORT_SUFFIXES: dict[str, ExportKind] = {
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
}
# Documents people do save articles as, that we cannot read: an error says so, even in folders.
UNSUPPORTED_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages", ".xls", ".xlsx", ".mht",
                        ".mhtml", ".webarchive"}
# Never an article: skipped without a word inside folders.
SKIPPED_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico", ".tif", ".tiff", ".avif", ".heic",
    ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".oga", ".webm", ".mov", ".avi", ".mkv", ".flac",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".css", ".js", ".mjs", ".map", ".wasm",
    ".zip", ".tar", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".zst",
    ".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".pyc", ".class", ".jar",
    ".db", ".sqlite", ".sqlite3", ".parquet", ".pkl", ".npy",
}
_GZIP_MAGIC = b"\x1f\x8b"


class _Unreadable(Exception):
    """A file we cannot use; the message is for the user."""


def expand_folder(folder: Path, errors: list[InputError] | None = None) -> list[Path]:
    """The candidate article files under ``folder``, in a stable order.

    Sub-folders that cannot be listed are reported in ``errors``.
    """

    def report(exc: OSError) -> None:
        if errors is not None:
            where = str(exc.filename or folder)
            errors.append(InputError(where, "ingest", f"cannot list folder: {exc.strerror}"))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=report, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files if not f.startswith(".") and not _skipped(f))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_file(path: Path) -> tuple[list[Source], list[InputError]]:
    """The article(s) in one file: one Source, or one per row of an export."""
    name = str(path)
    try:
        data = _read_capped(path)
        suffix, data = _unwrap_gzip(path, data)
        if not data.strip():
            raise _Unreadable("empty file")
        if suffix in EXPORT_SUFFIXES:
            return read_export(name, _decode(data), EXPORT_SUFFIXES[suffix])
        source_format = ARTICLE_SUFFIXES.get(suffix)
        text = _decode(data, sniff_html=source_format in ("html", None))
        if not text.strip():
            raise _Unreadable("empty file (only white space)")
        if source_format is None:  # unknown suffix: sniffed, as a browser would
            source_format = "html" if looks_like_html(text) else "text"
    except _Unreadable as exc:
        return [], [InputError(name, "ingest", str(exc))]
    return [Source(name=name, content=text, format=source_format, path=name)], []


def _skipped(file_name: str) -> bool:
    suffixes = [s.lower() for s in Path(file_name).suffixes]
    return bool(suffixes) and (suffixes[-1] in SKIPPED_SUFFIXES or suffixes[-2:] == [".tar", ".gz"])


def _read_capped(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise _Unreadable(f"{suffix} files are not supported: save the article as text or HTML")
    if suffix in SKIPPED_SUFFIXES:
        raise _Unreadable(f"{suffix} files are not articles")
    try:
        if not path.is_file():
            raise _Unreadable("not a regular file")
        if (size := path.stat().st_size) > MAX_BYTES:
            raise _Unreadable(_too_large(size))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError as exc:
        raise _Unreadable("permission denied") from exc
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:  # the file grew, or is not what stat said
        raise _Unreadable(_too_large(len(data)))
    if not data:
        raise _Unreadable("empty file (0 bytes)")
    return data


def _unwrap_gzip(path: Path, data: bytes) -> tuple[str, bytes]:
    """The suffix that says what the content is, and the content, decompressed if gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    is_gz_name = bool(suffixes) and suffixes[-1] == ".gz"
    if not is_gz_name and not data.startswith(_GZIP_MAGIC):
        return (suffixes[-1] if suffixes else ""), data
    if not data.startswith(_GZIP_MAGIC):
        raise _Unreadable("named .gz but not gzip data")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
            content = archive.read(MAX_BYTES + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise _Unreadable(f"broken gzip data ({exc or 'truncated'})") from exc
    if len(content) > MAX_BYTES:
        raise _Unreadable(f"decompresses to more than {MAX_BYTES:,} bytes (the limit)")
    inner = suffixes[:-1] if is_gz_name else suffixes
    return (inner[-1] if inner else ""), content


def _decode(data: bytes, *, sniff_html: bool = False) -> str:
    try:
        return decode(data, sniff_html=sniff_html)
    except DecodeError as exc:
        raise _Unreadable(str(exc)) from exc


def _too_large(size: int) -> str:
    return f"too large: {size:,} bytes (the limit is {MAX_BYTES:,})"
