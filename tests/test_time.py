"""Time expressions with the parse (tense, event clause) and the merged timeline: seeds and synthetic text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rashomon.extract.time import extract_times, infer_not_before
from rashomon.nlp import load, parse
from rashomon.reconcile.entities import EntityIndex
from rashomon.reconcile.timeline import merge_timeline
from rashomon.records import Document, Extraction, Field, Metadata, TimeExpression, TimelineEvent

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"
# Publication dates the articles print (000: "Updated: August 19, 2021", 002: "August 23, 2021",
# 004: "August 24, 2021"); set here so these tests do not depend on the clean stage finding them.
PUBLISHED = {"000": "2021-08-19", "002": "2021-08-23", "004": "2021-08-24"}


def document(doc_id: str, text: str, published: str | None = None) -> Document:
    metadata = Metadata(published=Field(published, "text-dateline" if published else None))
    return Document(
        id=doc_id, name=f"{doc_id}.txt", path=None, url=None, metadata=metadata, language="en", text=text
    )


def times_of(documents: Sequence[Document]) -> list[TimeExpression]:
    load()
    return [t for p in parse(documents) for t in extract_times(p, Extraction(doc=p.document.id))]


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        prefix = path.name[:3]
        docs.append(
            replace(document(prefix, path.read_text(encoding="utf-8"), PUBLISHED.get(prefix)), name=path.name)
        )
    return docs


@pytest.fixture(scope="module")
def seed_times(seeds: list[Document]) -> list[TimeExpression]:
    return times_of(seeds)


@pytest.fixture(scope="module")
def seed_timeline(
    seeds: list[Document], seed_times: list[TimeExpression]
) -> tuple[list[TimeExpression], list[TimelineEvent]]:
    return merge_timeline(seeds, seed_times, EntityIndex([], {}))


def find(times: Sequence[TimeExpression], doc: str, expression: str) -> list[TimeExpression]:
    return [t for t in times if t.doc == doc and t.expression == expression]


# --------------------------------------------------------------------------- seeds


def test_on_tuesday_in_the_19_august_article(seed_times: list[TimeExpression]) -> None:
    (tuesday,) = find(seed_times, "000", "Tuesday")
    assert (tuesday.value, tuesday.granularity, tuesday.anchor) == ("2021-08-17", "day", "publication")
    assert tuesday.event == "Saleh invoked the Afghan constitution to declare himself President"
    assert "On Tuesday" in tuesday.sentence


def test_sunday_in_the_23_august_article(seed_times: list[TimeExpression]) -> None:
    sundays = find(seed_times, "002", "Sunday")
    assert [t.value for t in sundays] == ["2021-08-22", "2021-08-22"]
    assert {t.event for t in sundays} == {
        "The Taliban gave Massoud four hours to surrender the Panjshir Valley",
        "Massoud told Reuters that he did not want war",
    }


def test_monday_in_a_monday_article_is_that_day(seed_times: list[TimeExpression]) -> None:
    (monday,) = find(seed_times, "002", "Monday")
    assert monday.value == "2021-08-23"


def test_last_year_and_other_relative_expressions(seed_times: list[TimeExpression]) -> None:
    got = {t.expression: t.value for t in seed_times if t.doc == "002"}
    assert got["Last year"] == "2020"
    assert got["20 years ago"] == "2001"
    assert got["midweek"] == "2021-W33"
    assert got["the past two years"] == "P2Y"
    assert got["wintertime"] == "2021-WI"
    assert got["1995"] == "1995"
    assert got["the 1980s"] == "198"
    (day_after,) = find(seed_times, "002", "a day after")
    assert (day_after.anchor, day_after.value) == ("event", None)


def test_nine_eleven_is_a_name_not_a_date(seed_times: list[TimeExpression]) -> None:
    assert not [t for t in seed_times if "9/11" in t.expression or t.expression == "11"]


def test_undated_articles_resolve_absolute_dates_only(seed_times: list[TimeExpression]) -> None:
    undated = [t for t in seed_times if t.doc in {"001", "003"}]
    assert {t.expression: t.value for t in undated if t.doc == "001"}["2001"] == "2001"
    assert find(seed_times, "003", "Tuesday")[0].value is None  # no anchor: never pretended
    assert find(seed_times, "001", "Today")[0].value is None
    assert not [t for t in undated if t.anchor_inferred]


def test_on_august_25_takes_the_year_of_the_story(
    seed_timeline: tuple[list[TimeExpression], list[TimelineEvent]],
) -> None:
    times, _ = seed_timeline
    (august,) = find(times, "001", "August 25")
    assert august.value == "2021-08-25"
    assert august.anchor_inferred
    assert august.note is not None
    assert "2021-08-24" in august.note


def test_an_event_reported_by_two_outlets_is_one_entry(
    seed_timeline: tuple[list[TimeExpression], list[TimelineEvent]],
) -> None:
    _, events = seed_timeline
    seizure = [e for e in events if {s.expression for s in e.sources} == {"a week ago"}]
    assert len(seizure) == 1
    assert seizure[0].documents == ("002", "004")
    assert seizure[0].value == "2021-W33"
    assert seizure[0].event is not None
    assert "seized power in Kabul" in seizure[0].event


def test_different_happenings_on_the_same_day_stay_apart(
    seed_timeline: tuple[list[TimeExpression], list[TimelineEvent]],
) -> None:
    _, events = seed_timeline
    sundays = [e for e in events if e.value == "2021-08-22"]
    assert len(sundays) == 3  # the ultimatum, the Reuters interview, "the fall of Kabul on Sunday"


def test_a_weekday_that_clashes_with_the_story_is_flagged(
    seed_timeline: tuple[list[TimeExpression], list[TimelineEvent]],
) -> None:
    _, events = seed_timeline
    (fall,) = [e for e in events if e.event == "the fall of Kabul"]
    assert fall.value == "2021-08-22"
    assert fall.clash is not None
    assert "a week ago" in fall.clash
    assert "002_" in fall.clash
    assert "004_" in fall.clash
    assert [e for e in events if e.clash] == [fall]


def test_timeline_is_in_calendar_order(
    seed_timeline: tuple[list[TimeExpression], list[TimelineEvent]],
) -> None:
    _, events = seed_timeline
    days = [e.value for e in events if len(e.value) == 10]
    assert days == sorted(days)


# --------------------------------------------------------------------------- synthetic


def test_future_tense_takes_the_next_weekday() -> None:
    (friday,) = times_of([document("x", "On Friday he will meet the envoy.", "2021-08-19")])
    assert friday.value == "2021-08-20"


def test_march_the_verb_and_may_the_modal_are_not_dates() -> None:
    found = times_of(
        [document("x", "They March on Kabul. May God help them. In May they met.", "2021-08-19")]
    )
    assert [(t.expression, t.value) for t in found] == [("May", "2021-05")]


def test_noun_event_for_an_expression_on_a_noun() -> None:
    (sunday,) = times_of(
        [document("x", "Since the fall of Kabul on Sunday, fighters have regrouped.", "2021-08-24")]
    )
    assert sunday.event == "the fall of Kabul"


def test_relative_clause_event_names_its_noun() -> None:
    text = "He hopes to talk with the movement that seized power in Kabul a week ago."
    (ago,) = times_of([document("x", text, "2021-08-24")])
    assert ago.event == "the movement seized power in Kabul"


def test_undated_article_resolves_against_its_latest_date_marked_inferred() -> None:
    text = "The talks opened on August 16, 2021. On Tuesday the envoy left."
    doc = document("x", text)
    assert infer_not_before(doc) == "2021-08-16"
    found = {t.expression: t for t in times_of([doc])}
    assert found["Tuesday"].value == "2021-08-10"  # the Tuesday on or before the not-before
    assert found["Tuesday"].anchor_inferred
    assert not found["August 16, 2021"].anchor_inferred


def test_timeline_merges_by_value_and_wording_only() -> None:
    a = document("a", "On Monday, rebels captured the town of Zaranj.", "2021-08-10")
    b = document("b", "Rebels captured Zaranj on Monday, officials said.", "2021-08-11")
    c = document("c", "On Monday, the president addressed parliament.", "2021-08-10")
    times = times_of([a, b, c])
    _, events = merge_timeline([a, b, c], times, EntityIndex([], {}))
    by_docs = sorted(e.documents for e in events)
    assert by_docs == [("a", "b"), ("c",)]


def test_timeline_has_no_entry_without_a_date() -> None:
    a = document("a", "On Tuesday, the envoy left.")  # no anchor: value None
    times = times_of([a])
    _, events = merge_timeline([a], times, EntityIndex([], {}))
    assert events == []


# --------------------------------------------------------------------------- tense from the parse


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # a reduced participle reports what happened: 15 January 2000 is a Saturday
        ("They would appeal the decision, announced Wednesday by INS.", "Wednesday", "2000-01-12"),
        ("He asked the court to suspend the injunction issued Thursday.", "Thursday", "2000-01-13"),
        # a weekday's event ("Wednesday's ruling") is reported after it
        ("They will look for ways to get around Wednesday's ruling.", "Wednesday", "2000-01-12"),
        ("The move follows Tuesday's declaration by Ford.", "Tuesday", "2000-01-11"),
        # what was planned lies ahead of the planning; a day named before the planning verb does not
        ("The team planned to leave Nairobi on Thursday for Dar es Salaam.", "Thursday", "2000-01-20"),
        ("On Friday, the government planned to pay the families.", "Friday", "2000-01-14"),
        ("The talks, set to resume Monday in Belfast, were delayed.", "Monday", "2000-01-17"),
        # "until" looks ahead unless the clause is in the past perfect
        ("The relatives have until Tuesday to sign the paper.", "Tuesday", "2000-01-18"),
        ("Until Thursday, they had not called him a suspect.", "Thursday", "2000-01-13"),
    ],
)
def test_weekday_tense_from_the_parse(sentence: str, expression: str, value: str) -> None:
    (timex,) = [t for t in times_of([document("t", sentence, "2000-01-15")]) if t.expression == expression]
    assert timex.value == value


def test_clash_check_works_out_each_items_allowed_days_once(
    seeds: list[Document], seed_times: list[TimeExpression], monkeypatch: pytest.MonkeyPatch
) -> None:
    # it was worked out per (weekday reading, other item) pair: quadratic in a story's dated items
    import rashomon.reconcile.timeline as timeline

    calls: list[str] = []
    real = timeline._allowed_days

    def counted(t: TimeExpression, by_id: dict[str, Document]) -> tuple[date, date] | None:
        calls.append(t.id)
        return real(t, by_id)

    monkeypatch.setattr(timeline, "_allowed_days", counted)
    _, events = merge_timeline(seeds, seed_times, EntityIndex([], {}))
    assert any(e.clash for e in events)
    assert calls
    assert len(calls) == len(set(calls))
