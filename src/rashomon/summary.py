"""Terminal summary (rich) of a report dict: the story at a glance, conflicts first.

Article-derived strings are always wrapped in ``rich.text.Text`` (never parsed as console markup)
and stripped of control characters, so a pasted article cannot restyle or hijack the terminal.
Each list is capped, with "+N more" saying what was left out; an empty section says so.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rashomon.render import story

Item = dict[str, Any]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LIMIT = 8  # items per list before "+N more"
VERDICT_STYLE = {
    "conflict": "bold red",
    "disputed": "bold red",
    "speaker_differs": "bold red",
    "compatible": "green",
    "agree": "green",
    "corroborated": "green",
    "single_source": "yellow",
}


def plain(value: Any, limit: int | None = None, style: str = "") -> Text:
    """Untrusted text as a rich Text: no markup, no control characters, one line when clipped."""
    text = CONTROL.sub("", "" if value is None else str(value))
    return Text(story.clip(text, limit) if limit else text, style=style)


def print_summary(report: Item, console: Console, *, limit: int = LIMIT) -> None:
    for section in (_glance, _entities, _conflicts, _single_sourced, _quotes, _timeline, _outlets, _errors):
        section(report, console, limit)


def _line(console: Console, text: Text, style: str = "") -> None:
    """One line, cropped to the terminal's width (long article sentences never wrap the summary)."""
    console.print(text, style=style, no_wrap=True, overflow="ellipsis")


def _heading(console: Console, title: str) -> None:
    console.print()
    console.rule(Text(title, style="bold"), align="left")


def _more(console: Console, total: int, shown: int, what: str) -> None:
    if total > shown:
        console.print(Text(f"  +{total - shown} more {what}", style="dim"))


def _empty(console: Console, message: str) -> None:
    console.print(Text(f"  {message}", style="dim italic"))


def _glance(report: Item, console: Console, limit: int) -> None:
    docs = report.get("documents", [])
    first, last = story.story_dates(report)
    span = f", published {first}" + (f" to {last}" if last != first else "") if first else ""
    _heading(console, f"Rashomon: {len(docs)} article{'s' if len(docs) != 1 else ''}{span}")
    if not docs:
        _empty(console, "no article could be analysed")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("#", "title", "outlet", "published", "words"):
        table.add_column(column, justify="right" if column in ("#", "words") else "left")
    by_id = story.documents_by_id(report)
    for number, doc in enumerate(docs, start=1):
        title = plain(story.doc_title(doc), 70)
        if doc.get("duplicate_of"):
            title.append(
                f" (copy of {story.doc_label(by_id.get(doc['duplicate_of'], {'id': doc['duplicate_of']}))})",
                style="dim",
            )
        table.add_row(
            str(number),
            title,
            plain(doc.get("outlet") or "unknown", 30),
            plain(story.doc_date(doc) or "unknown"),
            str(len(str(doc.get("text") or "").split())),
        )
    console.print(table)


def _entities(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Main entities")
    ranked = story.main_entities(report)
    if not ranked:
        _empty(console, "no entities found")
        return
    docs = story.documents_by_id(report)
    outlets = len({story.outlet_of(d["id"], docs) for d in report.get("documents", [])})
    table = Table(show_edge=False, pad_edge=False)
    for column in ("entity", "type", "outlets", "mentions", "also called"):
        table.add_column(column, justify="right" if column in ("outlets", "mentions") else "left")
    shown = ranked[: limit * 2]
    for entity, count in shown:
        aliases = [a for a in entity.get("aliases", []) if a != entity.get("name")]
        table.add_row(
            plain(entity.get("name"), 40),
            plain(entity.get("type")),
            f"{count}/{outlets}",
            str(len(entity.get("mentions", []))),
            plain(", ".join(aliases[:4]), 50),
        )
    console.print(table)
    _more(console, len(ranked), len(shown), "entities")


def _comparison_lines(report: Item, console: Console, comparisons: list[Item], limit: int) -> None:
    by_id = story.documents_by_id(report)
    for comparison in comparisons[:limit]:
        verdict = str(comparison.get("verdict"))
        line = Text("  ")
        line.append(verdict.replace("_", " "), style=VERDICT_STYLE.get(verdict, "bold"))
        line.append(f" [{comparison.get('kind')}] ", style="dim")
        line.append_text(plain(comparison.get("subject"), 80))
        _line(console, line)
        if comparison.get("note"):
            _line(console, Text("      ").append_text(plain(comparison["note"], 100)), style="italic")
        for side in comparison.get("items", [])[:4]:
            source = Text("      ")
            label = story.doc_label(by_id[side["doc"]]) if side.get("doc") in by_id else str(side.get("doc"))
            source.append_text(plain(label, 30, "bold"))
            if side.get("holder"):
                source.append(" (").append_text(plain(side["holder"], 30)).append(")")
            source.append(": ").append_text(plain(side.get("text"), 90))
            _line(console, source)
        _more(console, len(comparison.get("items", [])), 4, "sides")


def _conflicts(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Conflicts and disputes")
    quantities = story.comparisons_in_order(report, "quantity")
    statements = story.comparisons_in_order(report, "statement")
    compared = [c for c in (*quantities, *statements) if c.get("verdict") != "single_source"]
    contested = [c for c in compared if story.is_contested(c)]
    agreed = [c for c in compared if not story.is_contested(c)]
    if not compared:
        _empty(console, "no numbers or claims compared across outlets yet")
        return
    if not contested:
        _empty(console, "no conflicting numbers or disputed claims found")
    _comparison_lines(report, console, contested, limit)
    _more(console, len(contested), limit, "conflicts or disputes")
    if agreed:
        console.print(Text("  where outlets agree:", style="dim"))
        _comparison_lines(report, console, agreed, max(limit // 2, 1))
        _more(console, len(agreed), max(limit // 2, 1), "agreements")


def _single_sourced(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Single-sourced claims")
    single = [
        c for c in story.comparisons_in_order(report, "statement") if c.get("verdict") == "single_source"
    ]
    single += [
        c for c in story.comparisons_in_order(report, "quantity") if c.get("verdict") == "single_source"
    ]
    if not single:
        _empty(console, "no single-sourced claims found")
        return
    by_id = story.documents_by_id(report)
    for comparison in single[:limit]:
        side = (comparison.get("items") or [{}])[0]
        line = Text("  ")
        label = story.doc_label(by_id[side["doc"]]) if side.get("doc") in by_id else str(side.get("doc"))
        line.append_text(plain(label, 30, "bold"))
        if side.get("holder"):
            line.append(" (").append_text(plain(side["holder"], 30)).append(")")
        line.append(": ").append_text(plain(side.get("text") or comparison.get("subject"), 100))
        _line(console, line)
    _more(console, len(single), limit, "single-sourced claims")


def _quotes(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Quotes by speaker")
    speakers = story.quotes_by_speaker(report)
    if not speakers:
        _empty(console, "no quotes found")
        return
    by_id = story.documents_by_id(report)
    for speaker, quotes in speakers[:limit]:
        outlets = story.outlet_labels([q["doc"] for q in quotes], by_id)
        line = Text("  ").append_text(plain(speaker, 40, "bold"))
        line.append(f"  {len(quotes)} quote{'s' if len(quotes) != 1 else ''}  ").append_text(
            plain(", ".join(outlets), 60)
        )
        _line(console, line)
        for quote in quotes[:2]:
            _line(console, Text("      “").append_text(plain(quote.get("text"), 100)).append("”"))
        _more(console, len(quotes), 2, "quotes")
    _more(console, len(speakers), limit, "speakers")


def _timeline(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Timeline")
    events = story.events_in_order(report)
    if not events:
        _empty(console, "no timeline events found")
        return
    by_id = story.documents_by_id(report)
    # a crisis is read from its latest days: when the list is capped, the earliest (background) go
    shown = events[-limit * 2 :]
    if len(events) > len(shown):
        console.print(Text(f"  +{len(events) - len(shown)} earlier events (see report.html)", style="dim"))
    for event in shown:
        line = Text("  ").append_text(plain(story.timex_label(event.get("value")), 26, "bold"))
        what = event.get("event") or (event.get("sources") or [{}])[0].get("sentence")
        line.append("  ").append_text(plain(what, 80))
        line.append("  (").append_text(
            plain(", ".join(story.outlet_labels(event.get("documents", []), by_id)), 50)
        )
        line.append(")")
        _line(console, line)
        if event.get("clash"):
            _line(console, Text("      ").append_text(plain(event["clash"], 100)), style="red")


def _outlets(report: Item, console: Console, limit: int) -> None:
    _heading(console, "Outlet profiles")
    profiles = report.get("outlets", [])
    if not profiles:
        _empty(console, "no outlet profiles yet")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=max(10, console.width - 70))
    for column in ("words", "quotes", "named", "unique", "confl.", "hedges", "loaded", "furn."):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    unnamed = story.unnamed_outlet_labels(report)
    shown = profiles
    if len(profiles) > limit * 2:  # thousands of unnamed outlets: the ones with the most articles
        busiest = sorted(range(len(profiles)), key=lambda i: -len(profiles[i].get("documents", [])))
        shown = [profiles[i] for i in sorted(busiest[: limit * 2])]
    for profile in shown:
        table.add_row(
            plain(story.outlet_name(profile, report, unnamed), 40),
            str(profile.get("words")),
            str(profile.get("quotes")),
            story.percent(profile.get("named_share")),
            story.percent(profile.get("unique_statement_share")),
            str(profile.get("conflicting_numbers")),
            str(profile.get("hedges")),
            str(len(profile.get("loaded_terms", []))),  # the terms themselves are in the HTML report
            story.percent(profile.get("furniture_share")),
        )
    console.print(table)
    _more(console, len(profiles), len(shown), "outlets (all in report.html)")
    console.print(
        Text(
            "  named: share of quoted sources that are named; unique: share of its claims no other "
            "outlet makes; confl.: numbers in conflict with other outlets; loaded: loaded terms; "
            "furn.: share of page furniture removed",
            style="dim",
        )
    )


def _errors(report: Item, console: Console, limit: int) -> None:
    errors = report.get("errors", [])
    if not errors:
        return
    _heading(console, f"Errors ({len(errors)})")
    for error in errors[:limit]:
        line = Text("  ").append_text(plain(error.get("path"), 60)).append(f" ({error.get('stage')}): ")
        console.print(line.append_text(plain(error.get("message"), 100)), style="red")
    _more(console, len(errors), limit, "errors")
