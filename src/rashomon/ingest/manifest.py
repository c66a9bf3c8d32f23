"""Manifest: metadata the user supplies (CSV or TOML), overriding anything found in the articles.

CSV: a header with ``path``, ``url`` or ``name`` (at least one, to say which article a row is
about) and any of ``title``, ``outlet``, ``author``, ``published``; one row per article.
TOML: the same keys in ``[[article]]`` tables. Empty values override nothing.

An article matches an entry by, most specific first: its name (``data.csv#3``), its path as
given, the entry's path resolved from the manifest's folder or from the working folder, its
URL, or -- when the entry's path is a bare file name -- its file name. Every manifest mistake
raises ManifestError with the file and row: a manifest is configuration, so it is fixed, not
skipped.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from rashomon.ingest.dates import iso_date
from rashomon.ingest.encoding import DecodeError, decode
from rashomon.records import Field, Metadata

KEY_COLUMNS = ("path", "url", "name")
VALUE_COLUMNS = ("title", "outlet", "author", "published")
COLUMNS = (*KEY_COLUMNS, *VALUE_COLUMNS)


class ManifestError(ValueError):
    """A manifest that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row: which article it is about, and the metadata it sets."""

    where: str  # "row 3" or "article 2", for messages
    metadata: Metadata
    path: str | None = None
    url: str | None = None
    name: str | None = None
    resolved: tuple[str, ...] = ()  # the path resolved against the manifest's folder and the cwd


@dataclass(frozen=True, slots=True)
class Manifest:
    entries: tuple[Entry, ...] = field(default=())
    # Per kind of match, most specific first: key -> position of the first entry with it. A scan of
    # every entry for every article was quadratic (5,000 articles and rows: 100 s).
    _index: tuple[dict[str, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: tuple[dict[str, int], ...] = tuple({} for _ in range(_MATCH_KINDS))
        for position, entry in enumerate(self.entries):
            for kind, keys in enumerate(_entry_keys(entry)):
                for key in keys:
                    index[kind].setdefault(key, position)
        object.__setattr__(self, "_index", index)

    def metadata_for(self, name: str, path: str | None, url: str | None) -> Metadata:
        """The metadata of the most specific entry for this article (empty when none matches)."""
        article = _Article(
            name=name,
            path=path,
            resolved=_resolve(Path(path)) if path else None,
            file_name=Path(path).name if path else None,
            urls={_url_key(u) for u in (url, name) if u},
        )
        for kind, keys in enumerate(_article_keys(article)):
            found = [self._index[kind][key] for key in keys if key is not None and key in self._index[kind]]
            if found:
                return self.entries[min(found)].metadata  # the first entry of the most specific kind
        return Metadata()


def load_manifest(path: Path) -> Manifest:
    """Read a CSV or TOML manifest; raises ManifestError for anything wrong with it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".toml"):
        raise ManifestError(f"manifest {path}: must be a .csv or .toml file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"manifest {path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ManifestError(f"manifest {path}: {exc}") from exc
    rows = _csv_rows(path, text) if suffix == ".csv" else _toml_rows(path, text)
    entries = tuple(_entry(path, where, row) for where, row in rows)
    if not entries:
        raise ManifestError(f"manifest {path}: no entries")
    _check_unique(path, entries)
    return Manifest(entries)


def _csv_rows(path: Path, text: str) -> list[tuple[str, dict[str, object]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise ManifestError(f"manifest {path}: empty, no header row")
    columns = [c.strip().lower() for c in reader.fieldnames]
    _check_keys(path, "header", columns)
    rows: list[tuple[str, dict[str, object]]] = []
    try:
        for record in reader:
            extra = record.get(None)  # DictReader puts surplus cells under None
            if extra and any(str(cell).strip() for cell in extra):
                raise ManifestError(f"manifest {path}: line {reader.line_num} has more cells than the header")
            values = dict(zip(columns, (record[c] for c in reader.fieldnames), strict=True))
            rows.append((f"line {reader.line_num}", values))
    except csv.Error as exc:
        raise ManifestError(f"manifest {path}: CSV unreadable near line {reader.line_num}: {exc}") from exc
    return rows


def _toml_rows(path: Path, text: str) -> list[tuple[str, dict[str, object]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"manifest {path}: invalid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"article"})
    if unknown:
        raise ManifestError(
            f"manifest {path}: unknown top-level key(s) {', '.join(unknown)}; use [[article]] tables"
        )
    articles = data.get("article", [])
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        raise ManifestError(f"manifest {path}: 'article' must be [[article]] tables")
    rows: list[tuple[str, dict[str, object]]] = []
    for number, table in enumerate(articles, start=1):
        where = f"[[article]] number {number}"
        _check_keys(path, where, [str(k).lower() for k in table])
        rows.append((where, {str(k).lower(): v for k, v in table.items()}))
    return rows


def _check_keys(path: Path, where: str, keys: Iterable[str]) -> None:
    keys = list(keys)
    unknown = [k for k in keys if k not in COLUMNS]
    if unknown:
        raise ManifestError(
            f"manifest {path}: {where}: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(COLUMNS)}"
        )
    if where == "header" and not set(keys) & set(KEY_COLUMNS):
        raise ManifestError(f"manifest {path}: needs a path, url or name column to say which row is which")


def _entry(manifest: Path, where: str, row: Mapping[str, object]) -> Entry:
    values = {key: _string(manifest, where, key, value) for key, value in row.items()}
    if not any(values.get(k) for k in KEY_COLUMNS):
        raise ManifestError(f"manifest {manifest}: {where}: no path, url or name to match an article")
    published = values.get("published")
    if published is not None and (published := iso_date(published)) is None:
        raise ManifestError(
            f"manifest {manifest}: {where}: published {values['published']!r} is not a date "
            "(write it as YYYY-MM-DD)"
        )
    metadata = Metadata(
        title=_field(values.get("title")),
        outlet=_field(values.get("outlet")),
        author=_field(values.get("author")),
        url=_field(values.get("url")),
        published=_field(published),
    )
    entry_path = values.get("path")
    return Entry(
        where=where,
        metadata=metadata,
        path=entry_path,
        url=_url_key(url) if (url := values.get("url")) else None,
        name=values.get("name"),
        resolved=_resolved(manifest, entry_path) if entry_path else (),
    )


def _string(manifest: Path, where: str, key: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):  # TOML has native dates
        return value.isoformat()
    if not isinstance(value, str):
        raise ManifestError(f"manifest {manifest}: {where}: {key} must be text, not {type(value).__name__}")
    # Paths and names are matched as written; metadata values get their white space tidied.
    return (value.strip() if key in KEY_COLUMNS else " ".join(value.split())) or None


def _field(value: str | None) -> Field:
    return Field(value, "manifest") if value is not None else Field()


def _resolved(manifest: Path, entry_path: str) -> tuple[str, ...]:
    candidate = Path(entry_path).expanduser()
    if candidate.is_absolute():
        return (_resolve(candidate),)
    return tuple(dict.fromkeys((_resolve(manifest.parent / candidate), _resolve(candidate))))


def _resolve(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _url_key(url: str) -> str:
    """A URL compared loosely: scheme and host case, a trailing slash and the fragment do not count."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


@dataclass(frozen=True, slots=True)
class _Article:
    """What an article is known by, computed once per lookup."""

    name: str
    path: str | None
    resolved: str | None
    file_name: str | None
    urls: set[str]


_MATCH_KINDS = 5


def _entry_keys(entry: Entry) -> tuple[Iterable[str], ...]:
    """What an entry matches, by kind (most specific first): name, path as given, resolved path,
    URL, and the path again when it is a bare file name."""
    path = (entry.path,) if entry.path is not None else ()
    return (
        (entry.name,) if entry.name is not None else (),
        path,
        entry.resolved,
        (entry.url,) if entry.url is not None else (),
        path if entry.path is not None and Path(entry.path).name == entry.path else (),
    )


def _article_keys(article: _Article) -> tuple[Iterable[str | None], ...]:
    """What an article is known by, in the kinds of ``_entry_keys``."""
    return ((article.name,), (article.name, article.path), (article.resolved,), article.urls,
            (article.file_name,))


def _check_unique(manifest: Path, entries: tuple[Entry, ...]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for entry in entries:
        for key in (("name", entry.name), ("path", entry.path), ("url", entry.url)):
            if key[1] is None:
                continue
            if key in seen:
                raise ManifestError(
                    f"manifest {manifest}: {entry.where} and {seen[key]} are both about {key[0]} {key[1]!r}"
                )
            seen[(key[0], key[1])] = entry.where
