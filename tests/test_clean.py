"""The clean stage on the five real pasted articles, and on HTML, Markdown and near-duplicates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.clean import NO_TEXT, clean_all, document_id
from rashomon.clean.blocks import raw_lines, squash
from rashomon.records import Document, Field, Metadata, Source

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"

# Raw line numbers (0-based) that are page furniture, read off the files by hand; every other
# non-blank line is article text and must stay. Line numbers only: no article text in the repo.
FURNITURE = {
    "000": {0, 4, 5, 7, 55},  # title, caption with credit, translation notice, "follow" prompt, dateline
    "001": {0, 2, 4, 6, 8, 22, 23, 41, 43},  # skip link, title, alt text, language switches, caption, bio
    "002": {0, 3, 5, 59},  # job ad, title, byline, mailing list
    "003": {0, 1, 2, 3, 5, 7, 9, 11, 15, 34, 37, 40, 42},  # amounts, title, support, repeated title ...
    "004": {0, 2, 40, 42},  # title, dateline, comment form, captcha
}
TITLE_LINE = {"000": 0, "001": 2, "002": 3, "003": 5, "004": 0}
PUBLISHED = {"000": "2021-08-19", "001": None, "002": "2021-08-23", "003": None, "004": "2021-08-24"}
WITH_AUTHOR = {"002", "003"}
DATELINES = {
    "000": {55: "dateline"},
    "001": {},
    "002": {5: "byline"},
    "003": {15: "byline"},
    "004": {2: "dateline"},
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Source, Document]]:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    sources = [
        Source(name=p.name, content=p.read_text(encoding="utf-8"), format="text", path=str(p))
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    documents, errors = clean_all(sources)
    assert errors == []
    return {s.name[:3]: (s, d) for s, d in zip(sources, documents, strict=True)}


def test_five_documents_with_titles(seeds: dict[str, tuple[Source, Document]]) -> None:
    assert sorted(seeds) == sorted(FURNITURE)
    for source, document in seeds.values():
        title = document.metadata.title
        assert title.origin == "inferred"
        key = source.name[:3]
        assert title.value == squash(raw_lines(source.content)[TITLE_LINE[key]])
        assert [r.line for r in document.boilerplate if r.reason == "title"] == [TITLE_LINE[key]]
        assert title.value is not None
        assert title.value in [squash(line) for line in raw_lines(source.content)]
        assert document.language == "en"
        assert document.duplicate_of is None


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_published_dates_that_the_text_states(seeds: dict[str, tuple[Source, Document]], key: str) -> None:
    published = seeds[key][1].metadata.published
    assert published.value == PUBLISHED[key]
    assert published.origin == ("text-dateline" if PUBLISHED[key] else None)


@pytest.mark.parametrize("key", sorted(FURNITURE))
def test_author_only_where_a_byline_says_so(seeds: dict[str, tuple[Source, Document]], key: str) -> None:
    source, document = seeds[key]
    author = document.metadata.author
    assert (author.value is not None) == (key in WITH_AUTHOR)
    if author.value:
        assert author.origin == "text-dateline"
        assert any(
            re.match(r"^(?:By|Written by)\s+" + re.escape(author.value), line)
            for line in raw_lines(source.content)
        )
    assert document.metadata.outlet == Field()  # nothing in the text names the outlet: stays unknown


@pytest.mark.parametrize("key", sorted(FURNITURE))
def test_furniture_removed_and_prose_kept(seeds: dict[str, tuple[Source, Document]], key: str) -> None:
    source, document = seeds[key]
    removed = {r.line for r in document.boilerplate}
    assert removed == FURNITURE[key]
    reasons = {r.line: r.reason for r in document.boilerplate if r.reason in ("dateline", "byline")}
    assert reasons == DATELINES[key]
    lines = raw_lines(source.content)
    for number, line in enumerate(lines):
        if line.strip() and number not in removed:
            assert squash(line) in document.text


@pytest.mark.parametrize("key", sorted(FURNITURE))
def test_nothing_lost(seeds: dict[str, tuple[Source, Document]], key: str) -> None:
    source, document = seeds[key]
    lines = raw_lines(source.content)
    for removed in document.boilerplate:
        assert lines[removed.line].strip() == removed.text
        assert removed.reason
    removed_lines = {r.line for r in document.boilerplate}
    for number, line in enumerate(lines):
        if line.strip():
            assert number in removed_lines or squash(line) in document.text
    assert document.raw_chars == len(source.content)


def test_paragraphs_separated_by_blank_lines(seeds: dict[str, tuple[Source, Document]]) -> None:
    for _, document in seeds.values():
        paragraphs = document.text.split("\n\n")
        assert len(paragraphs) >= 5
        assert all(p.strip() == p and p and "\n" not in p for p in paragraphs)


def test_ids_are_stable_content_hashes(seeds: dict[str, tuple[Source, Document]]) -> None:
    sources = [s for s, _ in seeds.values()]
    again, _ = clean_all(sources)
    assert [d.id for d in again] == [d.id for _, d in seeds.values()]
    for source, document in seeds.values():
        assert document.id == document_id(source, document.text)
    assert len({d.id for _, d in seeds.values()}) == 5


# --------------------------------------------------------------------------- synthetic inputs

PROSE = [
    "The harbour authority said on Monday that the northern pier would stay closed until the storm "
    "damage had been assessed by engineers from the regional office.",
    "Fishermen who depend on the pier told reporters that they had lost a week of work and that the "
    "compensation offered by the council was far too small to cover it.",
    "A spokesman for the council said the figure was provisional and would be reviewed once the "
    "insurers had finished their survey of the harbour wall.",
    "Local traders, who have been waiting for the repairs since the spring, said they were worried that "
    "the closure would keep visitors away for the rest of the season.",
]


def test_near_duplicate_marked_and_both_kept() -> None:
    original = "Harbour pier stays shut\n\n" + "\n\n".join(PROSE)
    copy = "Storm closes northern pier\n\n" + "\n\n".join([*PROSE[:3], PROSE[3].replace("spring", "summer")])
    other = "Council vote delayed\n\n" + "\n\n".join(
        reversed([p.replace("pier", "bridge") for p in PROSE[:2]])
    )
    documents, errors = clean_all(
        [
            Source(name="a.txt", content=original, format="text"),
            Source(name="b.txt", content=copy, format="text"),
            Source(name="c.txt", content=other, format="text"),
        ]
    )
    assert errors == []
    assert [d.duplicate_of for d in documents] == [None, documents[0].id, None]


def test_repetition_across_documents_is_furniture_but_shared_prose_is_not() -> None:
    furniture = "Tap here to see the gallery"
    texts = [f"Headline number {i}\n\n{PROSE[i]}\n\n{furniture}\n\n{PROSE[(i + 1) % 4]}" for i in range(3)]
    documents, _ = clean_all([Source(name=f"{i}.txt", content=t, format="text") for i, t in enumerate(texts)])
    for document in documents:
        assert furniture not in document.text
        assert PROSE[1] in document.text or PROSE[2] in document.text


def test_html_main_text_paragraphs_and_metadata() -> None:
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    html = (
        "<html><head><title>Pier closed | Harbour Gazette</title>"
        '<meta property="og:title" content="Pier closed after storm">'
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2023-03-14T09:00:00Z">'
        "</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>Pier closed after storm</h1>{body}</article>"
        "<footer>Copyright 2023 Harbour Gazette. All rights reserved.</footer></body></html>"
    )
    documents, errors = clean_all(
        [Source(name="p.html", content=html, format="html", url="https://example.org/a")]
    )
    assert errors == []
    document = documents[0]
    assert document.text.split("\n\n") == PROSE
    meta = document.metadata
    assert (meta.title.value, meta.title.origin) == ("Pier closed after storm", "html-meta")
    assert meta.outlet.value == "Harbour Gazette"
    assert meta.author.value == "Jane Roe"
    assert meta.published == Field("2023-03-14", "html-meta")


def test_html_without_article_text_is_an_input_error() -> None:
    page = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    documents, errors = clean_all(
        [
            Source(name="empty.html", content=page, format="html"),
            Source(name="fine.txt", content="\n\n".join(PROSE), format="text"),
        ]
    )
    assert [d.name for d in documents] == ["fine.txt"]
    assert [(e.path, e.stage, e.message) for e in errors] == [("empty.html", "clean", NO_TEXT)]


def test_text_of_only_furniture_is_an_input_error() -> None:
    _, errors = clean_all([Source(name="menu.txt", content="Home\nNews\nSubscribe\nLog in", format="text")])
    assert [e.message for e in errors] == [NO_TEXT]


def test_source_metadata_wins_over_the_text() -> None:
    text = "A headline of some length\n\nBy Jane Roe\n\n" + "\n\n".join(PROSE)
    given = Metadata(author=Field("John Doe", "export"))
    document = clean_all([Source(name="x", content=text, format="text", metadata=given)])[0][0]
    assert document.metadata.author == Field("John Doe", "export")
    assert document.metadata.title.value == "A headline of some length"


def test_markdown_stripped_title_from_first_heading() -> None:
    markdown = (
        "# Pier *closed* after storm\n\n"
        "The harbour authority said on **Monday** that the [northern pier](https://example.org/pier) would\n"
        "stay closed until the storm damage had been assessed by engineers from the regional office.\n\n"
        "---\n\n"
        "## What happens next\n\n"
        f"{PROSE[1]}\n\n{PROSE[2]}\n"
    )
    document = clean_all([Source(name="m.md", content=markdown, format="markdown")])[0][0]
    assert document.metadata.title == Field("Pier closed after storm", "inferred")
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == PROSE[0]
    assert "What happens next" in paragraphs
    assert not set("*[#") & set(document.text)
    assert {r.reason for r in document.boilerplate} == {"title", "markup"}


def test_hard_wrapped_text_joined_into_paragraphs() -> None:
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in PROSE)
    document = clean_all(
        [Source(name="w.txt", content="Harbour pier stays shut\n\n" + wrapped, format="text")]
    )[0][0]
    assert document.text.split("\n\n") == PROSE


def test_not_english_when_clearly_another_language() -> None:
    spanish = (
        "El ayuntamiento dijo el lunes que el muelle del norte seguirá cerrado hasta que los ingenieros "
        "de la oficina regional hayan evaluado los daños de la tormenta. Los pescadores que dependen "
        "del muelle dijeron a los periodistas que habían perdido una semana de trabajo y que la "
        "compensación era muy pequeña para cubrir las pérdidas de la temporada."
    )
    document = clean_all([Source(name="es.txt", content=spanish, format="text")])[0][0]
    assert document.language == "es"


def test_markdown_title_is_the_first_heading_even_after_a_short_line() -> None:
    markdown = f"Harbour news\n\n# Pier closed after storm\n\n{PROSE[0]}\n\n{PROSE[1]}\n"
    document = clean_all([Source(name="m.md", content=markdown, format="markdown")])[0][0]
    assert document.metadata.title.value == "Pier closed after storm"
    assert document.text.split("\n\n") == PROSE[:2]


def test_a_syndicated_copy_keeps_its_subheadings() -> None:
    article = "\n\n".join(
        [PROSE[0], "Anger on the quay", PROSE[1], PROSE[2], "Tap to see the gallery", PROSE[3]]
    )
    copy = article.replace("spring", "summer")
    other = "\n\n".join(
        ["A different story", *(p.replace("pier", "bridge") for p in PROSE[:2]), "Tap to see the gallery"]
    )
    documents, _ = clean_all(
        [
            Source(name=n, content=f"A headline for {n}\n\n{t}", format="text")
            for n, t in [("a", article), ("b", copy), ("c", other)]
        ]
    )
    assert documents[1].duplicate_of == documents[0].id
    for document in documents[:2]:
        assert "Anger on the quay" in document.text.split("\n\n")
        assert "Tap to see the gallery" not in document.text
