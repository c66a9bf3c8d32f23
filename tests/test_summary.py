"""Terminal summary: conflicts first, capped lists, empty sections say so, article text cannot restyle it."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from story_samples import empty_dict, sample_dict

from rashomon.summary import print_summary

HEADINGS = (
    "Main entities",
    "Conflicts and disputes",
    "Single-sourced claims",
    "Quotes by speaker",
    "Timeline",
    "Outlet profiles",
)


def render(report: dict[str, Any], *, width: int = 120, color: bool = False, **kwargs: Any) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard" if color else None)
    print_summary(report, console, **kwargs)
    return out.getvalue()


def test_sections_in_order_conflicts_first() -> None:
    text = render(sample_dict())
    positions = [text.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert text.index("conflict [quantity]") < text.index("disputed [statement]") < text.index("corroborated")
    for needle in (
        "Ahmad Khan",
        "2/3",
        "75,000 fighters",
        "Khan): he was not involved",
        "Mon 23 Aug 2021",
        "Monday was 2021-08-23",
        "Errors (1)",
        "cannot decode",
    ):
        assert needle in text, needle


def test_an_empty_report_says_so_and_invents_nothing() -> None:
    text = render(empty_dict())
    for message in (
        "no entities found",
        "no numbers or claims compared across outlets yet",
        "no single-sourced claims found",
        "no quotes found",
        "no timeline events found",
        "no outlet profiles yet",
    ):
        assert message in text
    assert "Errors" not in text
    assert "Fighting reported" in text


def test_long_lists_are_capped_with_a_count_of_the_rest() -> None:
    report = sample_dict()
    quote = report["quotes"][0]
    report["quotes"] = [
        {**quote, "id": f"q-{n}", "speaker": f"Speaker {n}", "speaker_entity": None} for n in range(12)
    ]
    text = render(report, limit=5)
    assert "+7 more speakers" in text
    assert "Speaker 9" not in text  # names sort as text: 0, 1, 10, 11, 2 are shown


def test_article_text_is_never_console_markup_nor_escape_codes() -> None:
    report = sample_dict()
    report["quotes"][0]["text"] = (
        "[bold red]loud[/bold red] [link=https://evil.example]x[/link] \x1b[2J\x1b]0;t\x07"
    )
    plain_text = render(report)
    assert "[bold red]loud[/bold red]" in plain_text
    assert "[link=https://evil.example]x[/link]" in plain_text
    assert "\x1b" not in plain_text
    assert "\x07" not in plain_text
    colored = render(report, color=True)
    assert "\x1b[2J" not in colored
    assert "\x1b]0;" not in colored
    assert "\x1b]8;" not in colored


def test_lines_are_cropped_to_the_terminal_width() -> None:
    text = render(sample_dict(), width=60)
    assert max(len(line) for line in text.splitlines()) <= 60


def test_seed_report_summary(seed_report: dict[str, Any]) -> None:
    text = render(seed_report)
    for doc in seed_report["documents"]:
        assert (doc["title"] or "")[:40] in text
    for heading in HEADINGS:
        assert heading in text
    assert len(text.splitlines()) < 200  # readable at a glance, whatever the corpus size


def test_an_inferred_publication_date_says_so() -> None:
    report = sample_dict()
    report["documents"][0]["metadata_origin"]["published"] = "inferred"
    report["documents"][2]["published_not_before"] = "2021-08-20"
    text = render(report)
    assert "2021-08-23 (inferred)" in text
    assert "not before 2021-08-20" in text


def test_a_long_timeline_keeps_its_latest_events() -> None:
    report = sample_dict()
    event = report["events"][0]
    report["events"] = [
        {**event, "id": f"ev-{year}", "value": str(year), "granularity": "year", "event": f"happening {year}"}
        for year in range(1990, 2010)
    ]
    text = render(report, limit=3)
    assert "+14 earlier events" in text
    assert "happening 2009" in text
    assert "happening 2004" in text
    assert "happening 2003" not in text


def test_a_corpus_of_many_unnamed_outlets_lists_the_busiest_and_counts_the_rest() -> None:
    report = sample_dict()
    profile = report["outlets"][0]
    report["outlets"] = [
        {**profile, "outlet": f"file-{n}.txt", "documents": [f"d{m}" for m in range(1 + (n == 30))]}
        for n in range(40)
    ]
    text = render(report, limit=5)
    assert "+30 more outlets" in text
    assert "file-30.txt" in text  # two articles: among the ten shown
    assert "file-0.txt" in text
    assert "file-39.txt" not in text
