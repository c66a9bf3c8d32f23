"""Property tests (hypothesis): export parsing and encoding detection round trips."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from rashomon.ingest.encoding import decode, normalise_text
from rashomon.ingest.exports import read_export

# Text as articles have it: any letters, marks, punctuation, symbols and white space, but no
# control characters (those make "binary"), no surrogates, and no leading byte-order mark.
PROSE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), whitelist_characters="\n\t\r"),
    max_size=300,
).filter(lambda t: not t.startswith("\ufeff"))
CP1252 = st.text(st.sampled_from(
    [chr(c) for c in range(0x20, 0x7F)] + list("\n’‘“”—–…€éèêàçöüßñÉÀ£©°½"),
), max_size=300)
SENTENCES = (
    "The minister offered the fighters a deal on Monday, a spokesman said",
    "Talks between the two sides were reported to have stalled after a week",
    "Their leader has not confirmed the account given by the government",
    "Forces moved into the city before the deadline passed, witnesses said",
    "A statement released late in the evening denied any agreement was signed",
    "Residents of the valley described long queues for fuel and bread",
    "Officials said the road would stay closed until further notice",
    "Neither claim could be independently verified by reporters",
)
MARKED = ("“quoted”", "it’s", "—", "café", "€5", "…", "naïve", "Zürich", "rôle", "don’t", "‘so-called’",
          "£20", "résumé", "Müller", "30°")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(PROSE)
def test_utf8_round_trip(text: str) -> None:
    assert decode(text.encode("utf-8")) == normalise_text(text)


@FAST
@given(PROSE, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_byte_order_mark_round_trip(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == normalise_text(text)


@FAST
@given(CP1252)
def test_cp1252_round_trip_when_declared(text: str) -> None:
    data = text.encode("cp1252")
    assume(not _valid_utf8(data))  # strict UTF-8 is tried first, by design: such bytes read as UTF-8
    assert decode(data, declared="windows-1252") == normalise_text(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(MARKED)), min_size=2, max_size=8))
# regression: dense marks (3.5% of letters) once tipped "£20" into windows-1250's "Ł20"
@example([(SENTENCES[0], "“quoted”"), (SENTENCES[0], "résumé"), (SENTENCES[0], "£20"),
          (SENTENCES[7], "“quoted”")])
def test_cp1252_detected_without_declaration(parts: list[tuple[str, str]]) -> None:
    # Undeclared legacy text: English prose carrying the marks that make a file not UTF-8.
    text = " ".join(f"{sentence} {mark}." for sentence, mark in parts)
    assert decode(text.encode("cp1252")) == text


@FAST
@given(PROSE)
def test_decoded_text_is_normalised(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert "\r" not in decoded
    assert normalise_text(decoded) == decoded


ROW = st.fixed_dictionaries({
    "title": PROSE, "text": PROSE, "outlet": PROSE, "author": PROSE,
})


def _collapsed(value: str) -> str | None:
    return " ".join(value.split()) or None


@FAST
@given(st.lists(ROW, min_size=1, max_size=8))
@example([{"title": "A", "text": 'He said ""hi"" and "left"', "outlet": "", "author": ""}])
def test_csv_export_round_trip(rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "text", "outlet", "author"])
    writer.writeheader()
    writer.writerows(rows)
    content = decode(buffer.getvalue().encode("utf-8"))
    sources, errors = read_export("x.csv", content, "csv")
    _check_rows(rows, sources, errors)


@FAST
@given(st.lists(ROW, min_size=1, max_size=8), st.booleans())
def test_json_export_round_trip(rows: list[dict[str, str]], ensure_ascii: bool) -> None:
    content = decode(json.dumps(rows, ensure_ascii=ensure_ascii).encode("utf-8"))
    _check_rows(rows, *read_export("x.json", content, "json"))


@FAST
@given(st.lists(ROW, min_size=1, max_size=8))
def test_jsonl_export_round_trip(rows: list[dict[str, str]]) -> None:
    content = decode("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8"))
    _check_rows(rows, *read_export("x.jsonl", content, "jsonl"))


def _check_rows(rows: list[dict[str, str]], sources: list, errors: list) -> None:  # type: ignore[type-arg]
    expected_names = [f"x#{n}" for n, row in enumerate(rows, start=1) if row["text"].strip()]
    suffix = {"x.csv", "x.json", "x.jsonl"}
    names = [s.name.split("#")[1] for s in sources]
    assert names == [n.split("#")[1] for n in expected_names]
    assert len(sources) + len(errors) == len(rows)
    kept = [row for row in rows if row["text"].strip()]
    for source, row in zip(sources, kept, strict=True):
        assert source.path in suffix
        assert source.content == normalise_text(row["text"])
        assert source.metadata.title.value == _collapsed(normalise_text(row["title"]))
        assert source.metadata.outlet.value == _collapsed(normalise_text(row["outlet"]))
        assert source.metadata.author.value == _collapsed(normalise_text(row["author"]))
        assert source.format in ("html", "text")
    assert all(e.stage == "ingest" and "no article text" in e.message for e in errors)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
