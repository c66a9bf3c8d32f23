"""Article exports: JSON (one object or a list), JSON Lines and CSV, one Source per article.

A row becomes a Source named ``<path>#<n>`` (``n`` counts articles from 1 in file order; a
JSON file holding one object is named by its path alone). Known columns become Metadata
fields of origin "export"; other columns are ignored. A row without text is an error for that
row only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from rashomon.ingest.dates import iso_date
from rashomon.ingest.encoding import normalise_text
from rashomon.records import Field, InputError, Metadata, Source, SourceFormat

ExportKind = Literal["json", "jsonl", "csv"]

# Column names, in order of preference, matched after lower-casing and turning spaces and
# hyphens into underscores. "maintext" and "date_publish" are news-please's names; BASIL has
# "body-paragraphs". A text given as a list is paragraphs (a nested list: a paragraph's parts).
TEXT_COLUMNS = (
    "text", "body", "content", "maintext", "full_text", "article", "body_paragraphs", "paragraphs",
)
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "site_name", "source_domain")
AUTHOR_COLUMNS = ("author", "byline", "authors")
PUBLISHED_COLUMNS = ("published", "date", "publish_date", "published_at", "date_publish", "pubdate")

_HTML_DOCUMENT = re.compile(r"^\s*(<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(p|div|br|span|a|h[1-6]|article|section|ul|ol|li|strong|em|b|i|img|table|tr|td|body|head|"
    r"figure|blockquote|header|footer|nav|main)\b[^<>]*>",
    re.IGNORECASE,
)
_MIN_HTML_TAGS = 2  # one stray "<b>" in a text is a typo, not markup
_CSV_DELIMITERS = ",;\t|"
TOO_DEEP = "JSON nested too deeply to read"  # json.loads raises RecursionError, not JSONDecodeError


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    fields: Mapping[str, object]


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or a fragment with real markup."""
    if _HTML_DOCUMENT.match(text):
        return True
    tags = _HTML_TAG.finditer(text)
    return all(next(tags, None) is not None for _ in range(_MIN_HTML_TAGS))


def read_export(name: str, text: str, kind: ExportKind) -> tuple[list[Source], list[InputError]]:
    """The articles in an export file ``name`` whose decoded content is ``text``."""
    try:
        rows = list(_ROW_READERS[kind](name, text))
    except ValueError as exc:
        return [], [InputError(name, "ingest", str(exc))]
    if not rows:
        return [], [InputError(name, "ingest", f"no articles in this {kind.upper()} file")]
    sources: list[Source] = []
    errors: list[InputError] = []
    for row in rows:
        if isinstance(row, InputError):
            errors.append(row)
            continue
        try:
            sources.append(_source(row, path=name))
        except ValueError as exc:
            errors.append(InputError(row.name, "ingest", str(exc)))
        except RecursionError:  # paragraphs nested in lists deeper than Python can walk
            errors.append(InputError(row.name, "ingest", TOO_DEEP))
    return sources, errors


def _json_rows(name: str, text: str) -> Iterator[_Row | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise ValueError(TOO_DEEP) from exc
    if isinstance(data, dict):
        yield _Row(name, data)
    elif isinstance(data, list):
        for number, item in enumerate(data, start=1):
            row_name = f"{name}#{number}"
            if isinstance(item, dict):
                yield _Row(row_name, item)
            else:
                yield InputError(row_name, "ingest", f"item {number} is a {_json_type(item)}, not an object")
    else:
        raise ValueError(f"a JSON export holds an article object or a list of them, not a {_json_type(data)}")


def _jsonl_rows(name: str, text: str) -> Iterator[_Row | InputError]:
    number = 0
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        number += 1
        row_name = f"{name}#{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(row_name, "ingest", f"invalid JSON on line {line_number}: {exc.msg}")
            continue
        except RecursionError:
            yield InputError(row_name, "ingest", f"line {line_number}: {TOO_DEEP}")
            continue
        if isinstance(item, dict):
            yield _Row(row_name, item)
        else:
            yield InputError(row_name, "ingest", f"line {line_number} is a {_json_type(item)}, not an object")


def _csv_rows(name: str, text: str) -> Iterator[_Row | InputError]:
    # Articles are longer than the csv module's default field limit of 128 KiB.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    if not reader.fieldnames:
        raise ValueError("empty CSV file: no header row")
    if not set(_keys(reader.fieldnames)) & set(TEXT_COLUMNS):
        found = ", ".join(repr(f) for f in reader.fieldnames)
        raise ValueError(f"CSV has no text column (one of {', '.join(TEXT_COLUMNS)}); columns found: {found}")
    try:
        for number, record in enumerate(reader, start=1):
            yield _Row(f"{name}#{number}", {k: v for k, v in record.items() if isinstance(k, str)})
    except csv.Error as exc:
        raise ValueError(f"CSV unreadable near line {reader.line_num}: {exc}") from exc


def _csv_delimiter(text: str) -> str:
    """Sniff the delimiter from the header line only: article text would confuse the sniffer.

    Only the delimiter is taken: on a header without quotes the sniffer also guesses
    ``doublequote=False``, which would misread every ``""`` inside a quoted article.
    """
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


_ROW_READERS = {"json": _json_rows, "jsonl": _jsonl_rows, "csv": _csv_rows}


def _source(row: _Row, *, path: str) -> Source:
    fields = dict(zip(_keys(row.fields), row.fields.values(), strict=True))
    text = next((t for key in TEXT_COLUMNS if (t := _paragraphs(fields.get(key))) and t.strip()), None)
    if text is None:
        raise ValueError(f"no article text (looked for a column named {', '.join(TEXT_COLUMNS)})")
    url = _value(fields, URL_COLUMNS)
    metadata = Metadata(
        title=_field(_value(fields, TITLE_COLUMNS)),
        outlet=_field(_value(fields, OUTLET_COLUMNS)),
        author=_field(_value(fields, AUTHOR_COLUMNS)),
        url=_field(url),
        published=_field(iso_date(_value(fields, PUBLISHED_COLUMNS))),
    )
    source_format: SourceFormat = "html" if looks_like_html(text) else "text"
    return Source(name=row.name, content=text, format=source_format, path=path, url=url, metadata=metadata)


def _keys(names: Iterable[object]) -> list[str]:
    return [re.sub(r"[\s-]+", "_", str(n).strip().lower()) for n in names]


def _first(fields: Mapping[str, object], wanted: tuple[str, ...]) -> str | None:
    """The first known column with a non-blank value: exports often carry empty duplicates."""
    for key in wanted:
        if (value := _text_value(fields.get(key))) is not None and value.strip():
            return value
    return None


def _value(fields: Mapping[str, object], wanted: tuple[str, ...]) -> str | None:
    """A one-line metadata value, runs of white space collapsed."""
    value = _first(fields, wanted)
    return " ".join(value.split()) if value is not None else None


def _text_value(value: object) -> str | None:
    """Strings as they are; a list of names joined; a {"name": ...} object (NewsAPI's source)."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, Mapping):
        return _text_value(value.get("name"))
    if isinstance(value, list):
        parts = [part for item in value if (part := _text_value(item))]
        return ", ".join(parts) if parts else None
    return None


def _paragraphs(value: object) -> str | None:
    if isinstance(value, list):
        parts = [" ".join(p.split()) for item in value if (p := _paragraph(item))]
        return "\n\n".join(part for part in parts if part) or None
    return normalise_text(value) if isinstance(value, str) else None


def _paragraph(value: object) -> str | None:
    if isinstance(value, list):
        return " ".join(part for item in value if (part := _paragraph(item))) or None
    return normalise_text(value) if isinstance(value, str) else None


def _field(value: str | None) -> Field:
    return Field(value, "export") if value is not None else Field()


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
