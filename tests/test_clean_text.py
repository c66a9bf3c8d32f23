"""The pasted-text line classifier on lines written for these tests (none comes from the seed files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.clean import block_offsets, clean_text
from rashomon.clean.blocks import raw_lines, split_blocks, squash, wrap_width
from rashomon.clean.dateline import read_dateline
from rashomon.clean.text import features, furniture_reason, prose_class, revise_by_context

PROSE = [
    "The regional water board said on Thursday that two reservoirs had fallen below a third of their "
    "capacity after the driest summer in forty years.",
    "Farmers in the valley, who draw most of their water from the smaller reservoir, told the board that "
    "rationing would ruin this year's harvest of maize and beans.",
    "According to the board's own figures, consumption in the towns rose by nine percent while rainfall "
    "fell to less than half of the long-term average.",
    "An engineer who worked on the dam in the 1980s said the valves were never designed to release so "
    "little water for so long, and that repairs could take months.",
    "Officials in the capital have promised an emergency fund, but they have not said how large it will "
    "be or when the first payments might reach the farms.",
]

# Page furniture of many kinds, in words no seed page uses.
FURNITURE = {
    "Subscribe to our weekly newsletter": "newsletter",
    "Share on WhatsApp": "social",
    "Log in to comment": "comment-form",
    "Accept all cookies": "legal",
    "Photo: Maria Lopez/Getty Images": "caption",
    "Farmers inspect a dry canal near the village on Tuesday. (Photo: Water Board)": "caption",
    "A dry canal near the village on Tuesday, July 4, 2023. Reuters": "caption",
    "Read in Français": "language-switch",
    "Translated automatically from the Portuguese": "translation-notice",
    "€ 50": "amount",
    "$10 / $25 / $100": "amount",
    "7 x 3 = ?": "captcha",
    "Are you a robot? Please complete the captcha": "captcha",
    "Got a story for us? Tell us about it": "call-to-action",
    "Copyright 2023 Valley Media. All rights reserved.": "legal",
    "* * *": "symbols",
}


@pytest.mark.parametrize(("line", "reason"), sorted(FURNITURE.items()))
def test_furniture_rules(line: str, reason: str) -> None:
    assert furniture_reason(line, features(line)) == reason


@pytest.mark.parametrize("line", [*PROSE, "Water levels", "What the board decided"])
def test_prose_and_subheadings_are_not_furniture(line: str) -> None:
    assert furniture_reason(line, features(line)) is None


def test_interface_words_in_prose_do_not_make_it_furniture() -> None:
    line = (
        "The mayor said she would support the farmers and join their protest if the board did not share "
        "the water."
    )
    assert furniture_reason(line, features(line)) is None
    assert prose_class(features(line)) == "good"


def page(*middle: str, head: tuple[str, ...] = (), tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, "Reservoirs fall to a third as drought bites", *middle, *tail])


def test_furniture_around_the_article_goes_and_prose_stays() -> None:
    head = ("Skip to main content", "Menu", "Search")
    tail = ("Share on WhatsApp", "Subscribe to our weekly newsletter", "Leave a comment", "Name *", "Email *")
    text, cleaned = clean_text(page(*PROSE, head=head, tail=tail))
    assert text.split("\n\n") == PROSE
    assert cleaned.title == "Reservoirs fall to a third as drought bites"
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Skip to main content"] == "navigation"
    assert reasons["Leave a comment"] == "comment-form"
    assert reasons["Reservoirs fall to a third as drought bites"] == "title"


def test_subheading_between_paragraphs_stays_but_a_label_among_furniture_goes() -> None:
    text, _ = clean_text(page(PROSE[0], "Rationing ahead", PROSE[1], PROSE[2], tail=("Water levels", "Menu")))
    assert "Rationing ahead" in text.split("\n\n")
    assert "Water levels" not in text


def test_caption_alt_text_next_to_a_caption_goes() -> None:
    middle = (
        PROSE[0],
        PROSE[1],
        "dry canal",
        "A dry canal near the village. (Photo: Water Board)",
        PROSE[2],
        PROSE[3],
    )
    text, _ = clean_text(page(*middle))
    assert text.split("\n\n") == PROSE[:4]


def test_standfirst_after_the_title_stays() -> None:
    standfirst = "Farmers fear for the harvest as the board weighs rationing for the whole valley"
    text, _ = clean_text(page(standfirst, "Photo: Maria Lopez/Getty Images", *PROSE))
    assert text.split("\n\n") == [standfirst, *PROSE]


def test_author_bio_at_the_end_goes() -> None:
    bio = "Maria Lopez is a correspondent covering agriculture and climate for the paper."
    text, cleaned = clean_text(page(*PROSE, bio))
    assert bio not in text
    assert {r.text: r.reason for r in cleaned.removed}[bio] == "author-bio"


def test_reader_comments_after_a_comment_heading_go() -> None:
    comments = (
        "12 Comments",
        "farmerjoe",
        "This is what happens when nobody plans ahead for a dry year, honestly.",
    )
    text, _ = clean_text(page(*PROSE, *comments))
    assert text.split("\n\n") == PROSE


def test_teasers_away_from_the_article_go() -> None:
    teasers = []
    for n in range(6):
        teasers += [
            f"Story number {n} headline here",
            f"A one-line summary of story {n} that is a whole sentence.",
            "2h ago",
        ]
    text, _ = clean_text(page(*PROSE, "More from the region", *teasers))
    assert text.split("\n\n") == PROSE


def test_repeated_lines_within_a_document() -> None:
    text, cleaned = clean_text(page("Support the Valley Post", *PROSE, "Support the Valley Post"))
    assert text.split("\n\n") == PROSE
    pull_quote = PROSE[1]
    text, cleaned = clean_text(page(*PROSE[:3], pull_quote, *PROSE[3:]))
    assert text.split("\n\n") == PROSE  # the later copy of a paragraph is a pull quote
    assert [r.reason for r in cleaned.removed if r.text == pull_quote] == ["repeated"]


def test_lines_shared_with_other_documents() -> None:
    shared = frozenset(
        {"tap to see the gallery", " ".join(PROSE[2].lower().replace(",", "").replace(".", "").split())}
    )
    text, _ = clean_text(page(*PROSE[:2], "Tap to see the gallery", *PROSE[2:]), shared=shared)
    assert text.split("\n\n") == PROSE  # shared furniture goes; a shared (syndicated) paragraph stays


def test_datelines_and_bylines_set_metadata_and_leave_the_text() -> None:
    text, cleaned = clean_text(
        page("By Maria Lopez and Tom Reed | March 3, 2023", *PROSE, "Last updated 4 March 2023 at 10:15 GMT")
    )
    assert (cleaned.author, cleaned.published) == ("Maria Lopez and Tom Reed", "2023-03-03")
    assert text.split("\n\n") == PROSE


def test_a_date_inside_prose_is_not_a_dateline() -> None:
    line = "On March 3, 2023 the board met for six hours and agreed to cut the supply to the towns."
    assert read_dateline(line) is None
    text, cleaned = clean_text(page(line, *PROSE))
    assert cleaned.published is None
    assert line in text


def test_language_independent_mode_keeps_long_sentences() -> None:
    chinese = (
        "水务局周四表示，经过四十年来最干旱的夏季，两座水库的蓄水量已降至不足三分之一，农民担心今年的收成。"
    )
    text, cleaned = clean_text(
        "\n\n".join(["首页", "水库告急", chinese, chinese.replace("周四", "周五"), "分享"])
    )
    assert cleaned.language is None
    assert chinese in text


def test_revise_by_context_follows_justext() -> None:
    assert revise_by_context(["good", "short", "good"]) == ["good", "good", "good"]
    assert revise_by_context(["bad", "short", "bad"]) == ["bad", "bad", "bad"]
    assert revise_by_context(["short", "good"]) == ["bad", "good"]  # the edge counts as bad
    assert revise_by_context(["bad", "neargood", "bad"]) == ["bad", "bad", "bad"]
    assert revise_by_context(["good", "neargood", "bad"]) == ["good", "good", "bad"]


def _revise_by_walking(classes: list[str]) -> list[str]:
    """jusText's context step written the slow, obvious way: walk out from each block."""

    def neighbour(i: int, step: int, skip_neargood: bool) -> str:
        skipped = ("short", "neargood") if skip_neargood else ("short",)
        i += step
        while 0 <= i < len(classes) and classes[i] in skipped:
            i += step
        return classes[i] if 0 <= i < len(classes) else "bad"

    revised = list(classes)
    for i in (i for i, c in enumerate(classes) if c == "short"):
        before, after = neighbour(i, -1, True), neighbour(i, 1, True)
        near = (before == "bad" and neighbour(i, -1, False) == "neargood") or (
            after == "bad" and neighbour(i, 1, False) == "neargood"
        )
        revised[i] = before if before == after else "good" if near else "bad"
    classes, revised = revised, list(revised)
    for i in (i for i, c in enumerate(classes) if c == "neargood"):
        revised[i] = "bad" if neighbour(i, -1, True) == neighbour(i, 1, True) == "bad" else "good"
    return revised


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["good", "neargood", "short", "bad"]), max_size=30))
def test_revise_by_context_matches_walking_out_from_each_block(classes: list[str]) -> None:
    # The one-pass neighbour lists replaced a walk per block (quadratic on a long list of short lines).
    assert revise_by_context(classes) == _revise_by_walking(classes)


def test_hard_wrap_detection() -> None:
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 76) for p in PROSE).split("\n")
    assert wrap_width(wrapped) is not None
    assert wrap_width(PROSE) is None
    blocks = split_blocks("\n\n".join(textwrap.fill(p, 76) for p in PROSE))
    assert [b.text for b in blocks] == PROSE
    assert [len(b.lines) for b in blocks] == [len(textwrap.wrap(p, 76)) for p in PROSE]


# --------------------------------------------------------------------------- properties

LINES = st.sampled_from(
    [*PROSE, *FURNITURE, "Rationing ahead", "", "", "By Tom Reed", "June 5, 2022 - 08:30"]
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(LINES, st.text(max_size=60)), min_size=1, max_size=25))
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return separator.join(lines)


@settings(max_examples=150, deadline=None)
@given(pages())
def test_nothing_is_lost(raw: str) -> None:
    text, cleaned = clean_text(raw)
    lines = raw_lines(raw)
    removed = {r.line for r in cleaned.removed}
    for r in cleaned.removed:
        assert lines[r.line].strip() == r.text
    for number, line in enumerate(lines):
        if line.strip():
            assert number in removed or squash(line) in text
    assert all(number not in removed for block in cleaned.kept for number in block.lines)


@settings(max_examples=150, deadline=None)
@given(pages())
def test_offsets_index_the_clean_text(raw: str) -> None:
    text, cleaned = clean_text(raw)
    spans = block_offsets(cleaned)
    assert [text[start:end] for start, end in spans] == [b.text for b in cleaned.kept]
    assert all(text[start:end].strip() == text[start:end] for start, end in spans)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*PROSE, *FURNITURE, "Rationing ahead"]), min_size=1, max_size=15))
def test_cleaning_clean_text_changes_nothing(lines: list[str]) -> None:
    text, cleaned = clean_text(page(*lines))
    if not text:
        return
    again, _ = clean_text("\n\n".join([cleaned.title or "", text]))
    assert again == text


@pytest.mark.parametrize(
    "line",
    [
        # "US" is a country, not the reader addressed as "us"
        "The engineer, who was born abroad, faces a charge of fraud in the US.",
        # a sentence that ends on a name is not a photo credit
        "Shortly before the vote, the board released a letter from its consultant Dr. Helen Marsh.",
        # a long paragraph signed by its author is not a caption
        " ".join(PROSE[:3]) + " Helen Marsh",
    ],
)
def test_regressions_prose_that_looked_like_furniture(line: str) -> None:
    assert furniture_reason(line, features(line)) is None


def test_a_short_last_sentence_stays() -> None:
    text, _ = clean_text(page(*PROSE, "Nobody knew why it stopped.", "Share on WhatsApp"))
    assert text.split("\n\n") == [*PROSE, "Nobody knew why it stopped."]


def _lines_kept_or_removed(raw: str, markdown: bool) -> tuple[list[int], list[int], list[int]]:
    _, cleaned = clean_text(raw, markdown=markdown)
    kept = [n for block in cleaned.kept for n in block.lines]
    removed = [r.line for r in cleaned.removed]
    return [n for n, line in enumerate(raw_lines(raw)) if line.strip()], kept, removed


def test_markdown_image_without_alt_text_is_accounted_for() -> None:
    # Regression: its block had no text and was dropped, and its line was in neither list.
    lines, kept, removed = _lines_kept_or_removed(f"# Reservoirs low\n\n![](dam.jpg)\n\n{PROSE[0]}\n", True)
    assert sorted(kept + removed) == lines


def test_markdown_table_row_is_one_block() -> None:
    # Regression: each cell was a block of the same line, so a line could be kept twice (or kept and removed).
    table = "| Reservoir | Level |\n|---|---|\n| North | 31% |"
    raw = f"# Reservoirs low\n\n{PROSE[0]}\n\n{table}\n\n{PROSE[1]}\n"
    lines, kept, removed = _lines_kept_or_removed(raw, True)
    assert sorted(kept + removed) == lines
    text, _ = clean_text(raw, markdown=True)
    assert "Reservoir | Level" in text


def test_a_page_of_a_thousand_separated_comments_does_not_exhaust_recursion() -> None:
    # Regression: the maximum-sum runs were found recursively, one level per separated run of prose.
    comments = [f"Reader {n}\n\n3 hours ago\n\n{PROSE[n % 5]} Reader {n} agrees." for n in range(1200)]
    text, _ = clean_text(page(*comments))
    assert text.count("agrees.") == 1200
