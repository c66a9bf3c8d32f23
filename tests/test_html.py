"""report.html: every section renders, article text is escaped, every link lands on its mark."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from story_samples import HOSTILE, empty_dict, sample_dict

from rashomon.render import story
from rashomon.render.html import Mark, mark_tokens, render_html, safe_url, write_html

SECTIONS = ("glance", "conflicts", "single", "timeline", "quotes", "entities", "outlets", "articles")


class Page(HTMLParser):
    """Elements, attributes, ids and the text inside each <mark>, from the page as a browser parses it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self.mark_text: dict[str, list[str]] = {}
        self._open_marks: list[str] = []
        self._raw: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in ("script", "style"):
            self._raw = tag
        if tag == "mark":
            self._open_marks.append(str(attributes.get("data-part-of")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._raw = None
        if tag == "mark" and self._open_marks:
            self._open_marks.pop()

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        else:
            self.text.append(data)
            for anchor in self._open_marks:
                self.mark_text.setdefault(anchor, []).append(data)

    def ids(self) -> set[str]:
        return {str(a["id"]) for _, a in self.elements if a.get("id")}

    def attribute_values(self, name: str) -> list[str]:
        return [str(a[name]) for _, a in self.elements if a.get(name) is not None]

    def csp(self) -> str:
        for tag, attributes in self.elements:
            if tag == "meta" and str(attributes.get("http-equiv", "")).lower() == "content-security-policy":
                return str(attributes["content"])
        raise AssertionError("no Content-Security-Policy meta tag")


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@pytest.fixture(scope="module")
def sample_page() -> tuple[dict[str, Any], str, Page]:
    report = sample_dict()
    html = render_html(report)
    return report, html, Page(html)


# --------------------------------------------------------------------------- safety


def test_only_our_script_runs_and_the_csp_allows_nothing_else(
    sample_page: tuple[dict[str, Any], str, Page],
) -> None:
    _, _, page = sample_page
    scripts = [a for tag, a in page.elements if tag == "script"]
    assert len(scripts) == 1
    assert "src" not in scripts[0]
    csp = page.csp()
    assert "default-src 'none'" in csp
    assert f"script-src '{sha256(page.scripts[0])}'" in csp
    assert f"style-src '{sha256(page.styles[0])}'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_no_event_handler_attribute_anywhere(sample_page: tuple[dict[str, Any], str, Page]) -> None:
    _, _, page = sample_page
    handlers = [
        (tag, name) for tag, attrs in page.elements for name in attrs if name.lower().startswith("on")
    ]
    assert handlers == []
    assert not any(
        tag in ("iframe", "img", "svg", "body", "a") and "onerror" in a for tag, a in page.elements
    )


def test_no_javascript_or_external_link(sample_page: tuple[dict[str, Any], str, Page]) -> None:
    _, _, page = sample_page
    links = page.attribute_values("href") + page.attribute_values("src") + page.attribute_values("xlink:href")
    assert links, "the page links its items"
    for link in links:
        assert link.startswith("#") or re.match(r"https?://", link), link
    assert not any(tag in ("iframe", "img", "link", "object", "embed", "base") for tag, _ in page.elements)
    # The one external URL is the document's own http(s) address; a javascript: one is shown as text only.
    assert page.attribute_values("href").count("https://example.org/b?x=1&y=2") == 1
    assert "javascript:alert(8)" in "".join(page.text)


def test_hostile_article_text_is_shown_as_text(sample_page: tuple[dict[str, Any], str, Page]) -> None:
    _, html, page = sample_page
    text = "".join(page.text)
    for snippet in HOSTILE:
        assert snippet in text, snippet  # visible as written...
        assert snippet not in html  # ...because it is escaped in the source
    assert "<b>Planet</b>" in text
    assert "<script>alert(7)</script>" in text
    assert "\x1b" not in html  # terminal escapes pasted into an article are neutralised


def test_safe_url_keeps_only_http() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "/relative",
        "http://a b",
        None,
    ):
        assert safe_url(bad) is None


# --------------------------------------------------------------------------- content


def test_every_section_renders_from_a_full_report(sample_page: tuple[dict[str, Any], str, Page]) -> None:
    _report, html, page = sample_page
    assert set(SECTIONS) <= page.ids()
    text = "".join(page.text)
    for needle in (
        "Numbers conflict",
        "Disputed",
        "Corroborated",
        "Ahmad Khan",
        "Also: Khan",
        "Wire & Co",
        "100%",
        "Monday was 2021-08-23",
        "cannot decode <b>bytes</b>",
        "anonymous",
    ):
        assert needle in text, needle
    assert "No quotes found" not in text
    # Contested first, then agreement, then single-sourced claims.
    assert text.index("Numbers conflict") < text.index("Disputed") < text.index("Corroborated")
    assert (
        text.index("Corroborated") < text.index("Single-sourced claims") < text.index("a militia with ties")
    )
    assert "<svg" in html
    assert html.count("<circle") == 3


def test_an_empty_report_says_so_and_invents_nothing() -> None:
    page = Page(render_html(empty_dict()))
    text = " ".join(" ".join(page.text).split())
    for message in (
        "No numbers or claims compared yet.",
        "No single-sourced claims found.",
        "No timeline events found.",
        "No quotes found.",
        "No entities found.",
        "No outlet profiles yet.",
    ):
        assert message in text
    assert [tag for tag, _ in page.elements if tag == "mark" and _.get("id")] == []
    assert "Fighting reported" in text  # documents still listed


def test_every_link_lands_on_an_element_and_every_mark_holds_its_span(
    sample_page: tuple[dict[str, Any], str, Page],
) -> None:
    report, _, page = sample_page
    ids = page.ids()
    for href in page.attribute_values("href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
    texts = {d["id"]: d["text"] for d in report["documents"]}
    items = [*report["quotes"], *report["quantities"], *report["statements"], *report["timeline"]]
    for item in items:
        assert item["id"] in page.mark_text, item["id"]
        assert "".join(page.mark_text[item["id"]]) == texts[item["doc"]][item["start"] : item["end"]]


def test_spans_outside_the_text_are_skipped_not_fatal() -> None:
    report = sample_dict()
    report["quotes"][0] = {**report["quotes"][0], "start": 10_000, "end": 10_010}
    report["quantities"][0] = {**report["quantities"][0], "doc": "no-such-doc"}
    report["comparisons"] = []  # they would mark the quote's true span
    page = Page(render_html(report))
    assert report["quotes"][0]["id"] not in page.ids()
    assert "We will never surrender" in "".join(page.text)  # still listed, only without a link


def test_seed_report_renders_every_document(seed_report: dict[str, Any]) -> None:
    page = Page(render_html(seed_report))
    assert set(SECTIONS) <= page.ids()
    assert len(
        [tag for tag, a in page.elements if tag == "article" and "document" in str(a.get("class"))]
    ) == len(seed_report["documents"])
    text = "".join(page.text)
    for doc in seed_report["documents"]:
        assert doc["text"][:200] in text
    ids = page.ids()
    assert all(h[1:] in ids for h in page.attribute_values("href") if h.startswith("#"))


def test_write_html_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    assert write_html(sample_dict(), target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


# --------------------------------------------------------------------------- marks


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12)


@given(text=st.text(alphabet="ab <>&\n", min_size=0, max_size=40), pairs=spans)
def test_marks_nest_properly_and_keep_every_character(text: str, pairs: list[tuple[int, int]]) -> None:
    marks = [Mark(s, e, f"m{i}", {"quote"}) for i, (s, e) in enumerate(pairs)]
    tokens = mark_tokens(text, marks)
    assert "".join(t.text for t in tokens if t.kind == "text") == text
    depth, pieces, open_marks = 0, {}, []
    for token in tokens:
        if token.kind == "open":
            depth += 1
            open_marks.append(token.part_of)
        elif token.kind == "close":
            depth -= 1
            open_marks.pop()
            assert depth >= 0
        else:
            for anchor in open_marks:
                pieces[anchor] = pieces.get(anchor, "") + token.text
    assert depth == 0
    for mark in marks:
        valid = 0 <= mark.start < mark.end <= len(text)
        assert pieces.get(mark.anchor, "") == (text[mark.start : mark.end] if valid else "")
        ids = [t for t in tokens if t.kind == "open" and t.anchor == mark.anchor]
        assert len(ids) == (1 if valid else 0)  # the id sits on the first fragment only


# --------------------------------------------------------------------------- timeline values


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2021-08-16", "Mon 16 Aug 2021"),
        ("2021-08-16T14:30", "Mon 16 Aug 2021 14:30"),
        ("2021-W33", "week of 16 Aug 2021"),
        ("2021-W32-WE", "weekend of 14 Aug 2021"),
        ("2021-08", "August 2021"),
        ("2021-Q3", "Q3 2021"),
        ("2021-SU", "summer 2021"),
        ("2001", "2001"),
        ("198", "the 1980s"),
        ("19", "the 1900s"),
        ("2021-13", "2021-13"),
        ("PRESENT_REF", "PRESENT_REF"),
        (None, "?"),
    ],
)
def test_timex_values_read_as_words(value: str | None, label: str) -> None:
    assert story.timex_label(value) == label


def test_events_sort_by_calendar_not_by_text() -> None:
    values = ["2021-08-22", "2021-W33", "198", "2021-W32-WE", "nonsense", "2021-08-17", "2001"]
    report = {"events": [{"id": str(n), "value": v} for n, v in enumerate(values)]}
    ordered = [e["value"] for e in story.events_in_order(report)]
    assert ordered == ["198", "2001", "2021-W32-WE", "2021-W33", "2021-08-17", "2021-08-22", "nonsense"]


def test_a_profile_named_after_a_document_shows_the_document_label() -> None:
    report = empty_dict()
    untitled = {"outlet": report["documents"][2]["name"]}
    assert story.outlet_name(untitled, report) == "Denial"  # its title, the outlet being unknown
    assert story.outlet_name({"outlet": "Wire & Co"}, report) == "Wire & Co"
    labels = story.unnamed_outlet_labels(report)  # computed once for every profile of a large report
    assert story.outlet_name(untitled, report, labels) == "Denial"
    assert story.outlet_name({"outlet": "Wire & Co"}, report, labels) == "Wire & Co"
    assert story.outlet_name({}, report, labels) == "unknown"


def test_the_timeline_chart_stays_readable_for_a_large_corpus() -> None:
    report = empty_dict()
    template = report["documents"][0]
    report["documents"] = [{**template, "id": f"d{n}", "title": f"Article {n}"} for n in range(20)]
    report["events"] = [
        {
            "id": f"ev{n}",
            "value": f"2021-08-{n % 28 + 1:02d}",
            "granularity": "day",
            "event": f"event {n}",
            "documents": [f"d{k}" for k in range(n % 5 + 1)],
            "clash": None,
            "sources": [
                {
                    "doc": f"d{k}",
                    "item": f"t{n}-{k}",
                    "start": 0,
                    "end": 4,
                    "sentence": "s",
                    "expression": "then",
                }
                for k in range(n % 5 + 1)
            ],
        }
        for n in range(120)
    ]
    html = render_html(report)
    assert html.count("<circle") <= 80 * 5
    assert "the 80 events reported by the most articles; the list below has all 120" in " ".join(html.split())
    assert "5 other articles" in html  # 15 article columns and one for the rest
    page = Page(html)
    assert {f"event-{n}" for n in range(120)} <= page.ids()
