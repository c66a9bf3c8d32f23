"""What every report view (terminal, HTML) shows and in which order, computed from ``Report.to_dict()``.

Pure functions over the JSON contract, so the terminal summary and the HTML page agree on labels,
orderings and groupings. Nothing here invents: an empty list stays empty and the views say so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import PurePath
from typing import Any

Item = dict[str, Any]

# Conflicts and disputes first, then agreement; within a kind, the order the analyst reads them in.
VERDICT_ORDER: dict[str, tuple[str, ...]] = {
    "quantity": ("conflict", "compatible", "agree", "single_source"),
    "statement": ("disputed", "corroborated", "single_source"),
    "quote": ("speaker_differs", "wording_differs", "same_words"),
}
CONTESTED = {("quantity", "conflict"), ("statement", "disputed"), ("quote", "speaker_differs")}


def doc_label(doc: Item) -> str:
    """What a reader calls a document: its outlet, else its title, else its file name."""
    for key in ("outlet", "title"):
        if doc.get(key):
            return str(doc[key])
    return PurePath(str(doc.get("name") or doc.get("id") or "?")).name


def doc_title(doc: Item) -> str:
    return str(doc.get("title") or PurePath(str(doc.get("name") or doc.get("id") or "?")).name)


def doc_date(doc: Item) -> str | None:
    """Publication date, or the inferred lower bound marked as such."""
    if doc.get("published"):
        inferred = (doc.get("metadata_origin") or {}).get("published") == "inferred"
        return str(doc["published"]) + (" (inferred)" if inferred else "")
    if doc.get("published_not_before"):
        return f"not before {doc['published_not_before']}"
    return None


def documents_by_id(report: Item) -> dict[str, Item]:
    return {str(d["id"]): d for d in report.get("documents", [])}


def outlet_of(doc_id: str, docs: dict[str, Item]) -> str:
    """Outlet key of a document: unnamed outlets count as one each, never merged with each other."""
    doc = docs.get(doc_id)
    if doc is None:
        return doc_id
    return str(doc.get("outlet") or f"doc:{doc_id}")


def outlet_labels(doc_ids: list[str] | tuple[str, ...], docs: dict[str, Item]) -> list[str]:
    """Distinct reader-facing labels of the documents' outlets, in first-seen order."""
    labels = [doc_label(docs[d]) if d in docs else d for d in doc_ids]
    return list(dict.fromkeys(labels))


def outlet_name(profile: Item, report: Item, labels: dict[str, str] | None = None) -> str:
    """A profile's outlet; when the outlet is unknown the profile names a document: show its label.

    ``labels``: :func:`unnamed_outlet_labels` of the report, computed once by a caller that names
    every profile (one scan of the documents per profile would be quadratic)."""
    name = str(profile.get("outlet") or "")
    label = (unnamed_outlet_labels(report) if labels is None else labels).get(name)
    return label or name or "unknown"


def unnamed_outlet_labels(report: Item) -> dict[str, str]:
    """Each document with no outlet, by every key a profile may name it by (name, path, id): its label."""
    labels: dict[str, str] = {}
    for doc in report.get("documents", []):
        if not doc.get("outlet"):
            for key in (doc.get("name"), doc.get("path"), doc.get("id")):
                if key is not None:
                    labels.setdefault(str(key), doc_label(doc))
    return labels


def story_dates(report: Item) -> tuple[str | None, str | None]:
    """Earliest and latest known publication dates (ISO strings sort chronologically)."""
    dates = sorted(str(d["published"])[:10] for d in report.get("documents", []) if d.get("published"))
    return (dates[0], dates[-1]) if dates else (None, None)


def main_entities(report: Item) -> list[tuple[Item, int]]:
    """Entities with the number of distinct outlets mentioning them, most widely mentioned first."""
    docs = documents_by_id(report)
    scored = []
    for entity in report.get("entities", []):
        doc_ids = {m["doc"] for m in entity.get("mentions", [])} | set(entity.get("documents", []))
        outlets = len({outlet_of(d, docs) for d in doc_ids})
        scored.append((entity, outlets))
    scored.sort(key=lambda pair: (-pair[1], -len(pair[0].get("mentions", [])), str(pair[0].get("name"))))
    return scored


def comparisons_in_order(report: Item, kind: str) -> list[Item]:
    """Comparisons of one kind, contested first, then by how many documents they span."""
    order = VERDICT_ORDER.get(kind, ())
    chosen = [c for c in report.get("comparisons", []) if c.get("kind") == kind]

    def rank(comparison: Item) -> tuple[int, int, str]:
        verdict = str(comparison.get("verdict"))
        position = order.index(verdict) if verdict in order else len(order)
        return (position, -len(comparison.get("documents", [])), str(comparison.get("subject")))

    return sorted(chosen, key=rank)


def split_by_verdict(comparisons: list[Item], verdicts: tuple[str, ...]) -> tuple[list[Item], list[Item]]:
    """(those with one of ``verdicts``, the rest), each keeping its order."""
    inside = [c for c in comparisons if c.get("verdict") in verdicts]
    return inside, [c for c in comparisons if c.get("verdict") not in verdicts]


def is_contested(comparison: Item) -> bool:
    return (comparison.get("kind"), comparison.get("verdict")) in CONTESTED


def mark_kind(comparison: Item) -> str:
    """How a compared item is highlighted: contested, single-sourced, or shared with other outlets."""
    if is_contested(comparison):
        return "contested"
    return "single" if comparison.get("verdict") == "single_source" else "compared"


def quotes_by_speaker(report: Item) -> list[tuple[str, list[Item]]]:
    """Quotes grouped by resolved speaker (entity, else surface name), most quoted first."""
    names = {e["id"]: e["name"] for e in report.get("entities", [])}
    groups: dict[str, list[Item]] = defaultdict(list)
    for quote in report.get("quotes", []):
        entity = quote.get("speaker_entity")
        speaker = names.get(entity) if entity else None
        speaker = speaker or quote.get("speaker") or quote.get("speaker_description") or "unattributed"
        groups[str(speaker)].append(quote)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "unattributed", -len(kv[1]), kv[0]))
    for _, quotes in ordered:
        quotes.sort(key=lambda q: (str(q.get("doc")), int(q.get("start") or 0)))
    return ordered


def events_in_order(report: Item) -> list[Item]:
    """Timeline events in calendar order of where their period starts; unreadable values last."""

    def key(event: Item) -> tuple[date, str, str]:
        start = timex_start(event.get("value"))
        return (start or date.max, str(event.get("value")), str(event.get("id")))

    return sorted(report.get("events", []), key=key)


# TIMEX3-like values the time stage emits (docs/report-format.md): day (+time), week (+weekend),
# month, quarter, season, year, decade ("198"), century ("19").
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(T[\d:]+)?")
WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
MONTH = re.compile(r"(\d{4})-(\d{2})")
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")
SEASONS = {
    "SP": ("spring", 3),
    "SU": ("summer", 6),
    "FA": ("autumn", 9),
    "AU": ("autumn", 9),
    "WI": ("winter", 12),
}


def timex_start(value: object) -> date | None:
    """First day of the period a TIMEX value names, or None when it is not one we read."""
    text = str(value or "")
    try:
        if match := DAY.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := WEEK.fullmatch(text):
            return date.fromisocalendar(int(match[1]), int(match[2]), 6 if match[3] else 1)
        if match := MONTH.fullmatch(text):
            return date(int(match[1]), int(match[2]), 1)
        if match := QUARTER.fullmatch(text):
            return date(int(match[1]), 3 * int(match[2]) - 2, 1)
        if match := SEASON.fullmatch(text):
            return date(int(match[1]), SEASONS[match[2]][1], 1)
        if re.fullmatch(r"\d{2,4}", text):
            return date(max(int(text.ljust(4, "0")), 1), 1, 1)
    except ValueError:  # month 13, week 54: not a date
        return None
    return None


def timex_label(value: object) -> str:
    """A TIMEX value in words: 'Mon 16 Aug 2021', 'week of 16 Aug 2021', 'the 1980s'; else as given."""
    text = str(value or "?")
    start = timex_start(text)
    if start is None:
        return text
    if match := DAY.fullmatch(text):
        return start.strftime("%a %d %b %Y") + (f" {match[4][1:]}" if match[4] else "")
    if match := WEEK.fullmatch(text):
        return ("weekend of " if match[3] else "week of ") + start.strftime("%d %b %Y")
    if MONTH.fullmatch(text):
        return start.strftime("%B %Y")
    if match := QUARTER.fullmatch(text):
        return f"Q{match[2]} {match[1]}"
    if match := SEASON.fullmatch(text):
        return f"{SEASONS[match[2]][0]} {match[1]}"
    if len(text) == 3:
        return f"the {text}0s"
    if len(text) == 2:
        return f"the {text}00s"
    return text


def clip(text: str | None, limit: int) -> str:
    """One line of at most ``limit`` characters, an ellipsis when cut."""
    line = " ".join(str(text or "").split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"
