"""``report.html``: one self-contained page (no network) rendered from ``Report.to_dict()``.

Safety: every article-derived string goes through Jinja2 autoescaping (no ``|safe`` on it); the
only raw insertions are our own CSS and script, allowed by their sha256 hashes in a
Content-Security-Policy that forbids everything else (no network, no other script, no inline
handlers). Links taken from article metadata are kept only for http(s) URLs.

Each document's clean text is rendered with the items' spans wrapped in ``<mark id=...>`` so that
every listed item links to where it stands in the article.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from rashomon.ids import content_hash
from rashomon.render import story
from rashomon.store import write_text_atomic

Item = dict[str, Any]
SAFE_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,80}")
SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
# C0 controls but tab and newline (terminal escapes in pasted text): shown as U+FFFD, same length.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
ENTITY_CARDS = 24  # cards shown open; the rest, mentioned by fewer outlets, behind one click
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


# --------------------------------------------------------------------------- marks in the article text


@dataclass(slots=True)
class Mark:
    """One highlighted span of a document's text; several items with the same span share it."""

    start: int
    end: int
    anchor: str
    kinds: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "text", "open" or "close"
    text: str = ""
    anchor: str | None = None  # id attribute, on the first fragment of a mark only
    part_of: str | None = None  # the mark a fragment belongs to
    css: str = ""
    title: str = ""


def mark_tokens(text: str, marks: Iterable[Mark]) -> list[Token]:
    """Text split into properly nested open/text/close tokens, whatever the spans' overlaps.

    Written by hand because overlapping spans (a quote inside a statement that crosses a quantity)
    cannot nest as they are: a mark crossing the edge of an enclosing one is closed there and
    reopened as a continuation fragment (same ``part_of``, no ``id``), so the HTML stays valid.
    """
    spans = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(spans):
        starts[mark.start].append(index)
        ends[mark.end].append(index)
    bounds = sorted({0, len(text), *starts, *ends})
    tokens: list[Token] = []
    stack: list[int] = []
    active: set[int] = set()
    opened: set[int] = set()
    for position, following in itertools.pairwise(bounds):
        active -= set(ends.get(position, ()))
        active |= set(starts.get(position, ()))
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        tokens.extend(Token("close") for _ in stack[keep:])
        to_open = [i for i in active if i not in stack[:keep]]
        # Longer spans outside shorter ones, so that the fewest marks are split.
        to_open.sort(key=lambda i: (-spans[i].end, spans[i].start, spans[i].anchor))
        del stack[keep:]
        for index in to_open:
            tokens.append(_open_token(spans[index], first=index not in opened))
            opened.add(index)
            stack.append(index)
        tokens.append(Token("text", text[position:following]))
    tokens.extend(Token("close") for _ in stack)
    return tokens


def _open_token(mark: Mark, *, first: bool) -> Token:
    css = " ".join(f"k-{k}" for k in sorted(mark.kinds))
    title = "; ".join(dict.fromkeys(mark.labels))
    return Token("open", anchor=mark.anchor if first else None, part_of=mark.anchor, css=css, title=title)


class Anchors:
    """Marks per document, and the anchor every item id links to."""

    def __init__(self, documents: dict[str, Item]) -> None:
        self.documents = documents
        self.marks: dict[str, dict[tuple[int, int], Mark]] = defaultdict(dict)
        self.by_item: dict[str, str] = {}
        self.used: set[str] = set()

    def add(
        self, doc: str, start: Any, end: Any, kind: str, label: str, item: str | None = None
    ) -> str | None:
        """Register a span; returns its anchor, or None when the span is not in the document."""
        text = str(self.documents.get(doc, {}).get("text") or "")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return None
        mark = self.marks[doc].get((start, end))
        if mark is None:
            mark = Mark(start, end, self._new_anchor(item, doc, start, end))
            self.marks[doc][(start, end)] = mark
        mark.kinds.add(kind)
        mark.labels.append(label)
        if item:
            self.by_item.setdefault(item, mark.anchor)
        return mark.anchor

    def _new_anchor(self, item: str | None, doc: str, start: int, end: int) -> str:
        anchor = item if item and SAFE_ANCHOR.fullmatch(item) else f"s-{content_hash(doc, start, end)}"
        while anchor in self.used or anchor.startswith("doc-"):
            anchor = f"s-{content_hash(anchor, doc, start, end)}"
        self.used.add(anchor)
        return anchor

    def href(
        self, item: str | None, doc: str | None = None, start: Any = None, end: Any = None
    ) -> str | None:
        if item and item in self.by_item:
            return "#" + self.by_item[item]
        mark = self.marks.get(str(doc), {}).get((start, end)) if doc is not None else None
        return "#" + mark.anchor if mark else None


def collect_anchors(report: Item) -> Anchors:
    docs = story.documents_by_id(report)
    anchors = Anchors(docs)
    for quote in report.get("quotes", []):
        anchors.add(
            quote["doc"], quote["start"], quote["end"], "quote", f"{quote.get('kind')} quote", quote["id"]
        )
    for quantity in report.get("quantities", []):
        anchors.add(quantity["doc"], quantity["start"], quantity["end"], "quantity", "number", quantity["id"])
    for statement in report.get("statements", []):
        anchors.add(
            statement["doc"], statement["start"], statement["end"], "statement", "statement", statement["id"]
        )
    for time in report.get("timeline", []):
        anchors.add(time["doc"], time["start"], time["end"], "time", f"time: {time.get('value')}", time["id"])
    for comparison in report.get("comparisons", []):
        kind = story.mark_kind(comparison)
        for side in comparison.get("items", []):
            anchors.add(
                side["doc"],
                side["start"],
                side["end"],
                kind,
                f"{comparison.get('kind')}: {comparison.get('verdict')}",
                side.get("item"),
            )
    for event in report.get("events", []):
        for source in event.get("sources", []):
            anchors.add(source["doc"], source["start"], source["end"], "time", "timeline", source.get("item"))
    for entity in report.get("entities", []):
        for mention in entity.get("mentions", []):
            anchors.add(
                mention["doc"], mention["start"], mention["end"], "entity", f"entity: {entity['name']}"
            )
    return anchors


# --------------------------------------------------------------------------- timeline chart


ROW, TOP, LABEL_W, COL_W, TEXT_W = 22, 46, 170, 26, 430
MAX_ROWS, MAX_COLUMNS = 80, 16


def timeline_chart(events: list[Item], documents: list[Item], anchors: Anchors) -> dict[str, Any] | None:
    """Coordinates for the inline SVG: one row per event in date order, one column per document.

    Capped so that a large corpus still gives a chart one can read: the MAX_ROWS events reported by
    the most articles, the MAX_COLUMNS - 1 articles reporting the most events (the rest share one
    column). The list under the chart keeps every event.
    """
    if not events:
        return None
    columns = _chart_columns(events, documents)
    column_of = {doc: c for c in columns for doc in c["docs"]}
    labels = {d["id"]: story.doc_label(d) for d in documents}
    text_x = LABEL_W + COL_W * len(columns) + 10
    shown = sorted(range(len(events)), key=lambda i: -len(set(events[i].get("documents") or [])))[:MAX_ROWS]
    rows = []
    for row, number in enumerate(sorted(shown)):
        event = events[number]
        dots: dict[int, dict[str, Any]] = {}
        for source in event.get("sources", []):
            column = column_of.get(source["doc"])
            if column and column["x"] not in dots:
                href = anchors.href(source.get("item"), source["doc"], source["start"], source["end"])
                title = f"{labels.get(source['doc'], source['doc'])}: {source.get('expression')}"
                dots[column["x"]] = {"x": column["x"], "color": column["color"], "href": href, "title": title}
        rows.append(
            {
                "y": TOP + ROW * row + ROW // 2,
                "value": story.timex_label(event.get("value")),
                "dots": list(dots.values()),
                "text": story.clip(event.get("event") or _source_sentence(event), 64),
                "clash": bool(event.get("clash")),
                "anchor": f"event-{number}",
            }
        )
    return {
        "width": text_x + TEXT_W,
        "height": TOP + ROW * len(rows) + 8,
        "columns": columns,
        "rows": rows,
        "text_x": text_x,
        "grid_top": TOP - 6,
        "grid_bottom": TOP + ROW * len(rows),
        "label_x": LABEL_W - 8,
        "omitted": len(events) - len(rows),
    }


def _chart_columns(events: list[Item], documents: list[Item]) -> list[dict[str, Any]]:
    reported: dict[str, int] = defaultdict(int)
    for event in events:
        for doc in set(event.get("documents") or []):
            reported[doc] += 1
    chosen = documents
    if len(documents) > MAX_COLUMNS:
        busiest = sorted(documents, key=lambda d: -reported[d["id"]])[: MAX_COLUMNS - 1]
        chosen = [d for d in documents if d in busiest]  # keep the report's order
    columns: list[dict[str, Any]] = [
        {"key": _column_key(i), "label": story.doc_label(d), "docs": [d["id"]]} for i, d in enumerate(chosen)
    ]
    if len(chosen) < len(documents):
        ids = {d["id"] for d in chosen}
        rest = [d["id"] for d in documents if d["id"] not in ids]
        columns.append({"key": "+", "label": f"{len(rest)} other articles", "docs": rest})
    for i, column in enumerate(columns):
        column["x"] = LABEL_W + COL_W * i + COL_W // 2
        column["color"] = PALETTE[i % len(PALETTE)] if column["key"] != "+" else "#888888"
    return columns


def _column_key(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _source_sentence(event: Item) -> str:
    sources = event.get("sources") or [{}]
    return str(sources[0].get("sentence") or "")


# --------------------------------------------------------------------------- page


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rashomon.render", "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printable,
    )
    env.filters["clip"] = story.clip
    env.filters["percent"] = story.percent
    return env


def _printable(value: Any) -> Any:
    """Every printed value: control characters replaced (our own Markup passes unchanged)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return CONTROL.sub("\ufffd", value)
    return "" if value is None else value


def _asset(name: str) -> str:
    return (resources.files("rashomon.render") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(css: str, script: str) -> str:
    return (
        "default-src 'none'; "
        f"style-src '{_csp_hash(css)}'; "
        f"script-src '{_csp_hash(script)}'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(report: Item) -> str:
    """The whole page as text."""
    css, script = _asset("report.css"), _asset("report.js")
    docs = report.get("documents", [])
    by_id = story.documents_by_id(report)
    anchors = collect_anchors(report)
    quantity_comparisons = story.comparisons_in_order(report, "quantity")
    statement_comparisons = story.comparisons_in_order(report, "statement")
    single_statements, statement_comparisons = story.split_by_verdict(
        statement_comparisons, ("single_source",)
    )
    single_quantities, quantity_comparisons = story.split_by_verdict(quantity_comparisons, ("single_source",))
    contested = [c for c in (*quantity_comparisons, *statement_comparisons) if story.is_contested(c)]
    agreed = [c for c in (*quantity_comparisons, *statement_comparisons) if not story.is_contested(c)]
    events = story.events_in_order(report)
    first, last = story.story_dates(report)
    unnamed = story.unnamed_outlet_labels(report)
    context = {
        "report": report,
        "css": Markup(css),  # our own stylesheet and script, allowed by hash: never article text
        "script": Markup(script),
        "csp": content_security_policy(css, script),
        "documents": [_document_view(d, anchors) for d in docs],
        "doc_label": lambda doc_id: story.doc_label(by_id[doc_id]) if doc_id in by_id else str(doc_id),
        "outlet_labels": lambda ids: story.outlet_labels(list(ids), by_id),
        "href": anchors.href,
        "safe_url": safe_url,
        "in_sentence": in_sentence,
        "timex_label": story.timex_label,
        "outlet_name": lambda profile, report: story.outlet_name(profile, report, unnamed),
        "first_date": first,
        "last_date": last,
        "outlets_named": story.outlet_labels([d["id"] for d in docs], by_id),
        "contested": contested,
        "agreed": agreed,
        "single_by_doc": _group_by_doc(single_statements, docs),
        "single_quantities": single_quantities,
        "quote_comparisons": story.comparisons_in_order(report, "quote"),
        "speakers": story.quotes_by_speaker(report),
        "events": events,
        "chart": timeline_chart(events, docs, anchors),
        "entities": _entity_views(report, anchors),
        "entity_cards": ENTITY_CARDS,
        "has_statements": bool(report.get("statements")),
        "has_quantities": bool(report.get("quantities")),
    }
    return _environment().get_template("report.html.j2").render(context)


def write_html(report: Item, path: Path) -> Path:
    """Write ``report.html`` atomically (temp file + rename, through the store)."""
    return write_text_atomic(path, render_html(report))


def in_sentence(sentence: Any, text: Any) -> tuple[str, str, str] | None:
    """(before, text, after) when ``text`` stands in ``sentence``: shown once, the claim in bold."""
    whole, part = str(sentence or ""), str(text or "")
    at = whole.find(part) if part else -1
    return None if at < 0 else (whole[:at], part, whole[at + len(part) :])


def safe_url(url: Any) -> str | None:
    """The URL when it is plain http(s), else None: no javascript:, data: or relative links."""
    text = str(url or "").strip()
    return text if SAFE_URL.fullmatch(text) else None


def _document_view(doc: Item, anchors: Anchors) -> dict[str, Any]:
    text = str(doc.get("text") or "")
    return {
        "doc": doc,
        "anchor": f"doc-{content_hash(doc['id'])}",
        "label": story.doc_label(doc),
        "title": story.doc_title(doc),
        "date": story.doc_date(doc),
        "words": len(text.split()),
        "tokens": mark_tokens(text, anchors.marks.get(doc["id"], {}).values()),
        "url": safe_url(doc.get("url")),
    }


def _group_by_doc(comparisons: list[Item], documents: list[Item]) -> list[tuple[Item, list[Item]]]:
    grouped: dict[str, list[Item]] = defaultdict(list)
    for comparison in comparisons:
        first_doc = (comparison.get("documents") or [None])[0]
        grouped[str(first_doc)].append(comparison)
    ordered = [(d, grouped.pop(d["id"])) for d in documents if d["id"] in grouped]
    ordered += [({"id": k, "name": k}, v) for k, v in grouped.items()]  # documents the report lacks
    for _, items in ordered:
        items.sort(key=lambda c: min((i.get("start") or 0 for i in c.get("items", [])), default=0))
    return ordered


def _entity_views(report: Item, anchors: Anchors) -> list[dict[str, Any]]:
    by_id = story.documents_by_id(report)
    views = []
    for entity, outlets in story.main_entities(report):
        first_by_doc: dict[str, Item] = {}
        for mention in entity.get("mentions", []):
            first_by_doc.setdefault(mention["doc"], mention)
        links = [
            {
                "label": story.doc_label(by_id[doc]) if doc in by_id else doc,
                "href": anchors.href(None, doc, m["start"], m["end"]),
            }
            for doc, m in first_by_doc.items()
        ]
        aliases = [a for a in entity.get("aliases", []) if a != entity.get("name")]
        views.append(
            {
                "entity": entity,
                "outlets": outlets,
                "aliases": aliases,
                "links": links,
                "mentions": len(entity.get("mentions", [])),
            }
        )
    return views
