"""The only module that writes: report files, atomically (temp file + rename).

``report.sqlite`` holds the JSON report as plain tables (TEXT, INTEGER, REAL; lists as JSON text)
that datasette and sqlite-utils browse as they are. Columns come from the record dataclasses, so a
field added to a record gets its column; every row also keeps the whole item as JSON in ``data``,
so nothing of the report is lost even where a column flattens it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sqlite3
import tempfile
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rashomon import records

SCHEMA_VERSION = "1"
DOCUMENT_COLUMNS = {
    "id": "TEXT",
    "name": "TEXT",
    "path": "TEXT",
    "url": "TEXT",
    "title": "TEXT",
    "outlet": "TEXT",
    "author": "TEXT",
    "published": "TEXT",
    "published_not_before": "TEXT",
    "metadata_origin": "TEXT",
    "language": "TEXT",
    "text": "TEXT",
    "duplicate_of": "TEXT",
    "raw_chars": "INTEGER",
}


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so a crash leaves either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(_default_mode())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --------------------------------------------------------------------------- SQLite schema


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    """One table: its columns, primary key, references (column -> table keyed by "id"), indexed columns."""

    name: str
    columns: dict[str, str]
    key: tuple[str, ...]
    references: dict[str, str] = dataclasses.field(default_factory=dict)
    index: tuple[str, ...] = ()

    def create_sql(self) -> list[str]:
        lines = [f'"{c}" {t}' + (" NOT NULL" if c in self.key else "") for c, t in self.columns.items()]
        lines.append('"data" TEXT NOT NULL')
        lines.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in self.key) + ")")
        lines += [
            f'FOREIGN KEY ("{column}") REFERENCES "{target}" ("id") DEFERRABLE INITIALLY DEFERRED'
            for column, target in self.references.items()
        ]
        statements = [f'CREATE TABLE "{self.name}" (\n  ' + ",\n  ".join(lines) + "\n)"]
        for column in dict.fromkeys((*self.references, *self.index)):
            statements.append(f'CREATE INDEX "ix_{self.name}_{column}" ON "{self.name}" ("{column}")')
        return statements


def _sql_type(hint: Any) -> str:
    """SQLite type of a record field: lists and tuples are stored as JSON text."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = {_sql_type(arg) for arg in typing.get_args(hint) if arg is not type(None)}
        return kinds.pop() if len(kinds) == 1 else "TEXT"
    if hint is bool or hint is int:
        return "INTEGER"
    return "REAL" if hint is float else "TEXT"


def _columns(record: type, *, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    hints = typing.get_type_hints(record, vars(records))
    return {f.name: _sql_type(hints[f.name]) for f in dataclasses.fields(record) if f.name not in leave_out}


def _tables() -> dict[str, Table]:
    doc = {"doc": "documents"}
    item_index = ("doc",)
    tables = [
        Table("documents", DOCUMENT_COLUMNS, ("id",), {"duplicate_of": "documents"}, ("outlet", "published")),
        Table(
            "boilerplate",
            {"doc": "TEXT", "seq": "INTEGER", **_columns(records.RemovedLine)},
            ("doc", "seq"),
            doc,
        ),
        Table("entities", _columns(records.Entity, leave_out=("mentions",)), ("id",), index=("name", "type")),
        Table(
            "mentions",
            {"entity": "TEXT", "seq": "INTEGER", **_columns(records.MentionRef)},
            ("entity", "seq"),
            {"entity": "entities", **doc},
        ),
        Table(
            "quotes", _columns(records.Quote), ("id",), {**doc, "speaker_entity": "entities"}, ("speaker",)
        ),
        Table(
            "quantities",
            _columns(records.Quantity),
            ("id",),
            {**doc, "about_entity": "entities", "attributed_entity": "entities"},
            ("counted",),
        ),
        Table("timeline", _columns(records.TimeExpression), ("id",), doc, ("value",)),
        Table("events", _columns(records.TimelineEvent, leave_out=("sources",)), ("id",), index=("value",)),
        Table(
            "event_sources",
            {"event": "TEXT", "seq": "INTEGER", **_columns(records.EventSource)},
            ("event", "seq"),
            {"event": "events", **doc, "item": "timeline"},
        ),
        Table(
            "statements",
            _columns(records.Statement),
            ("id",),
            {**doc, "holder_entity": "entities"},
            item_index,
        ),
        Table(
            "comparisons",
            _columns(records.Comparison, leave_out=("items",)),
            ("id",),
            index=("kind", "verdict"),
        ),
        Table(
            "comparison_items",
            {"comparison": "TEXT", "seq": "INTEGER", **_columns(records.ComparisonItem)},
            ("comparison", "seq"),
            {"comparison": "comparisons", **doc},
            ("item",),
        ),
        Table("outlets", {"id": "INTEGER", **_columns(records.OutletProfile)}, ("id",), index=("outlet",)),
        Table(
            "outlet_documents",
            {"outlet": "INTEGER", "doc": "TEXT"},
            ("outlet", "doc"),
            {"outlet": "outlets", **doc},
        ),
        Table("errors", {"id": "INTEGER", **_columns(records.InputError)}, ("id",), index=("path",)),
        Table("meta", {"key": "TEXT", "value": "TEXT"}, ("key",)),
    ]
    return {t.name: t for t in tables}


# --------------------------------------------------------------------------- rows


Row = tuple[str, dict[str, Any], Any]  # table, column values, the item for the data column


def _rows(report: dict[str, Any]) -> Iterator[Row]:
    """Every item of the report as (table, columns, item), parents before their children."""
    for doc in report.get("documents", []):
        yield "documents", doc, doc
        for seq, line in enumerate(doc.get("boilerplate", [])):
            yield "boilerplate", {"doc": doc["id"], "seq": seq, **line}, line
    for entity in report.get("entities", []):
        yield "entities", entity, entity
        for seq, mention in enumerate(entity.get("mentions", [])):
            yield "mentions", {"entity": entity["id"], "seq": seq, **mention}, mention
    for table in ("quotes", "quantities", "timeline", "statements"):
        for item in report.get(table, []):
            yield table, item, item
    for event in report.get("events", []):
        yield "events", event, event
        for seq, source in enumerate(event.get("sources", [])):
            yield "event_sources", {"event": event["id"], "seq": seq, **source}, source
    for comparison in report.get("comparisons", []):
        yield "comparisons", comparison, comparison
        for seq, side in enumerate(comparison.get("items", [])):
            yield "comparison_items", {"comparison": comparison["id"], "seq": seq, **side}, side
    for number, outlet in enumerate(report.get("outlets", []), start=1):
        yield "outlets", {"id": number, **outlet}, outlet
        for doc_id in dict.fromkeys(outlet.get("documents", [])):
            yield "outlet_documents", {"outlet": number, "doc": doc_id}, {"outlet": number, "doc": doc_id}
    for number, error in enumerate(report.get("errors", []), start=1):
        yield "errors", {"id": number, **error}, error


def _meta(report: dict[str, Any]) -> dict[str, Any]:
    """Versions, plus any top-level key the schema has no table for (kept, never dropped)."""
    known = {
        "documents",
        "entities",
        "quotes",
        "quantities",
        "timeline",
        "events",
        "statements",
        "comparisons",
        "outlets",
        "errors",
    }
    meta: dict[str, Any] = {
        "sqlite_schema_version": SCHEMA_VERSION,
        "sqlite_library_version": sqlite3.sqlite_version,
    }
    for key, value in report.items():
        if key not in known:
            meta[key] = value
    return meta


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _data(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- writing


def write_sqlite(report: dict[str, Any], path: Path) -> Path:
    """Write the report as ``report.sqlite``: one transaction into a temp file, then renamed into place.

    A crash or error midway leaves the previous file untouched and no temp file behind. References
    to ids the report does not hold are stored as NULL in their column (the ``data`` JSON keeps the
    original) and counted in ``meta.dangling_references``; the foreign keys then always hold.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        connection = sqlite3.connect(tmp, isolation_level=None)  # we issue BEGIN / COMMIT ourselves
        try:
            _fill(connection, report)
        finally:
            connection.close()
        tmp.chmod(_default_mode())  # mkstemp makes it owner-only; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return path


def _default_mode() -> int:
    """0o666 less the process umask: the mode ``open()`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fill(connection: sqlite3.Connection, report: dict[str, Any]) -> None:
    tables = _tables()
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN")
    for table in tables.values():
        for statement in table.create_sql():
            connection.execute(statement)
    known_ids = _known_ids(report)
    counts = {"dangling_references": 0, "duplicate_items": 0}
    for table_name, values, item in _rows(report):
        table = tables[table_name]
        row = {c: _cell(values.get(c)) for c in table.columns}
        for column, target in table.references.items():
            if row[column] is not None and target in known_ids and row[column] not in known_ids[target]:
                row[column] = None
                counts["dangling_references"] += 1
        _insert(connection, table, row, _data(item), counts)
    meta = {**_meta(report), **counts}
    for key, value in meta.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        _insert(connection, tables["meta"], {"key": key, "value": text}, _data({key: value}), counts)
    connection.execute("COMMIT")
    problems = connection.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # cannot happen after a successful COMMIT with deferred keys; kept as a guard
        raise RuntimeError(f"report.sqlite: foreign keys broken: {problems[:5]}")


def _known_ids(report: dict[str, Any]) -> dict[str, set[Any]]:
    return {
        "documents": {d.get("id") for d in report.get("documents", [])},
        "entities": {e.get("id") for e in report.get("entities", [])},
        "timeline": {t.get("id") for t in report.get("timeline", [])},
    }


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in (*columns, "data"))
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in range(len(columns) + 1))})'


def _insert(
    connection: sqlite3.Connection, table: Table, row: dict[str, Any], data: str, counts: dict[str, int]
) -> None:
    try:
        connection.execute(_insert_sql(table.name, tuple(row)), [*row.values(), data])
    except sqlite3.IntegrityError as exc:
        key = tuple(row[c] for c in table.key)
        stored = connection.execute(
            f'SELECT data FROM "{table.name}" WHERE ' + " AND ".join(f'"{c}" = ?' for c in table.key), key
        ).fetchone()
        if stored is not None and stored[0] == data:  # the very same item twice: keep one
            counts["duplicate_items"] += 1
            return
        raise ValueError(f"report.sqlite: two different items share the key {key} in {table.name}") from exc
