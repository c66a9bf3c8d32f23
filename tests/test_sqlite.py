"""report.sqlite: every item of the JSON report, with keys, foreign keys and indexes; written atomically."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from story_samples import sample_dict

from rashomon import records
from rashomon.store import write_sqlite

# JSON list -> (table, key of an item); the child lists -> (table, parent key column)
TABLES = {
    "documents": "documents",
    "entities": "entities",
    "quotes": "quotes",
    "quantities": "quantities",
    "timeline": "timeline",
    "events": "events",
    "statements": "statements",
    "comparisons": "comparisons",
}
CHILDREN = {
    ("documents", "boilerplate"): ("boilerplate", "doc"),
    ("entities", "mentions"): ("mentions", "entity"),
    ("events", "sources"): ("event_sources", "event"),
    ("comparisons", "items"): ("comparison_items", "comparison"),
}


def as_json(item: Any) -> Any:
    return json.loads(json.dumps(item))


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[dict[str, Any], sqlite3.Connection]]:
    report = sample_dict()
    connection = sqlite3.connect(write_sqlite(report, tmp_path / "report.sqlite"))
    yield report, connection
    connection.close()


def assert_holds_every_item(report: dict[str, Any], db: sqlite3.Connection) -> None:
    for key, table in TABLES.items():
        rows = {r[0]: json.loads(r[1]) for r in db.execute(f'SELECT id, data FROM "{table}"')}
        assert rows == {item["id"]: as_json(item) for item in report[key]}, table
    for (parent, field), (table, column) in CHILDREN.items():
        for item in report[parent]:
            rows = db.execute(f'SELECT data FROM "{table}" WHERE "{column}" = ? ORDER BY seq', (item["id"],))
            assert [json.loads(r[0]) for r in rows] == as_json(item[field]), (table, item["id"])
    for key in ("outlets", "errors"):
        rows = [json.loads(r[0]) for r in db.execute(f'SELECT data FROM "{key}" ORDER BY id')]
        assert rows == as_json(report[key]), key
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    for key in ("rashomon_version", "format_version", "created"):
        assert meta[key] == report[key]


def test_every_item_of_the_report_is_in_the_database(
    database: tuple[dict[str, Any], sqlite3.Connection],
) -> None:
    report, db = database
    assert_holds_every_item(report, db)


def test_every_item_of_the_seed_report_is_in_the_database(
    seed_report: dict[str, Any], tmp_path: Path
) -> None:
    with sqlite3.connect(write_sqlite(seed_report, tmp_path / "seed.sqlite")) as db:
        assert_holds_every_item(seed_report, db)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_columns_follow_the_records_and_hold_plain_values(
    database: tuple[dict[str, Any], sqlite3.Connection],
) -> None:
    report, db = database
    for table, record in (
        ("quotes", records.Quote),
        ("quantities", records.Quantity),
        ("statements", records.Statement),
        ("timeline", records.TimeExpression),
    ):
        columns = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{table}")')}
        assert {f.name for f in dataclasses.fields(record)} <= set(columns), table
        assert set(columns.values()) <= {"TEXT", "INTEGER", "REAL"}
    quote = report["quotes"][0]
    row = db.execute(
        'SELECT doc, start, "end", anonymous, speaker_entity FROM quotes WHERE id = ?', (quote["id"],)
    ).fetchone()
    assert row == (quote["doc"], quote["start"], quote["end"], 0, quote["speaker_entity"])
    aliases = db.execute("SELECT aliases FROM entities WHERE name = 'Ahmad Khan'").fetchone()[0]
    assert json.loads(aliases) == ["Ahmad Khan", "Khan", "General <Khan>"]


def test_foreign_keys_hold_and_are_enforced(database: tuple[dict[str, Any], sqlite3.Connection]) -> None:
    _, db = database
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    references = {
        (table, row[3], row[2])
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        for row in db.execute(f'PRAGMA foreign_key_list("{table}")')
    }
    assert {
        ("quotes", "doc", "documents"),
        ("quotes", "speaker_entity", "entities"),
        ("mentions", "entity", "entities"),
        ("event_sources", "item", "timeline"),
        ("comparison_items", "comparison", "comparisons"),
    } <= references
    db.execute("INSERT INTO quotes (id, doc, data) VALUES ('q-x', 'no-such-doc', '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        db.commit()  # the keys are deferred: checked when the transaction commits


def test_doc_and_entity_columns_are_indexed(database: tuple[dict[str, Any], sqlite3.Connection]) -> None:
    _, db = database
    indexed = {
        (row[0], row[1])
        for row in db.execute(
            "SELECT m.name, ii.name FROM sqlite_master m, pragma_index_list(m.name) il, "
            "pragma_index_info(il.name) ii WHERE m.type = 'table'"
        )
    }
    for table, column in (
        ("quotes", "doc"),
        ("quotes", "speaker_entity"),
        ("mentions", "entity"),
        ("mentions", "doc"),
        ("statements", "holder_entity"),
        ("quantities", "about_entity"),
        ("timeline", "doc"),
        ("comparison_items", "doc"),
        ("event_sources", "doc"),
    ):
        assert (table, column) in indexed


def test_the_same_report_gives_the_same_database(tmp_path: Path) -> None:
    first = sqlite3.connect(write_sqlite(sample_dict(), tmp_path / "a.sqlite"))
    second = sqlite3.connect(write_sqlite(sample_dict(), tmp_path / "b.sqlite"))
    assert list(first.iterdump()) == list(second.iterdump())
    first.close()
    second.close()


def test_a_failure_midway_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = write_sqlite(sample_dict(), tmp_path / "report.sqlite")
    before = target.read_bytes()
    broken = sample_dict()
    broken["errors"].append({"path": "x", "stage": "clean", "message": object()})  # fails on the last table
    with pytest.raises((TypeError, sqlite3.Error)):
        write_sqlite(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.sqlite"]


def test_dangling_references_become_null_and_are_counted(tmp_path: Path) -> None:
    report = sample_dict()
    report["quotes"][0]["speaker_entity"] = "e-gone"
    with sqlite3.connect(write_sqlite(report, tmp_path / "r.sqlite")) as db:
        row = db.execute(
            "SELECT speaker_entity, data FROM quotes WHERE id = ?", (report["quotes"][0]["id"],)
        ).fetchone()
        assert row[0] is None
        assert json.loads(row[1])["speaker_entity"] == "e-gone"
        assert db.execute("SELECT value FROM meta WHERE key = 'dangling_references'").fetchone() == ("1",)
    db.close()


def test_duplicate_ids_the_same_item_once_different_items_refused(tmp_path: Path) -> None:
    report = sample_dict()
    report["quotes"].append(dict(report["quotes"][0]))
    with sqlite3.connect(write_sqlite(report, tmp_path / "same.sqlite")) as db:
        assert db.execute("SELECT count(*) FROM quotes").fetchone() == (len(report["quotes"]) - 1,)
    db.close()
    report["quotes"][-1] = {**report["quotes"][0], "text": "something else"}
    with pytest.raises(ValueError, match="share the key"):
        write_sqlite(report, tmp_path / "different.sqlite")
    assert not (tmp_path / "different.sqlite").exists()


def test_the_file_gets_the_mode_of_an_ordinary_new_file(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = write_sqlite(sample_dict(), tmp_path / "report.sqlite")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
