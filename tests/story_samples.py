"""Hand-made reports for the renderer tests (HTML, SQLite, terminal), built from the real records.

Built with ``Report(...).to_dict()`` so the shapes are exactly ``dataclasses.asdict`` of each record;
every list is filled so every section renders, whatever the extraction stages deliver today.
The article text is invented here, with hostile markup in it, never copied from the corpus.
"""

from __future__ import annotations

from typing import Any

from rashomon.ids import item_id
from rashomon.records import (
    Comparison,
    ComparisonItem,
    Document,
    Entity,
    EventSource,
    Field,
    InputError,
    MentionRef,
    Metadata,
    OutletProfile,
    Quantity,
    Quote,
    RemovedLine,
    Statement,
    TimeExpression,
    TimelineEvent,
)
from rashomon.report import Report

HOSTILE = (
    "<script>alert('pwned')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">click</a>',
    '<svg onload="alert(3)"></svg>',
    '</mark></div><iframe src="javascript:alert(4)"></iframe>',
    '"><body onpageshow=alert(5)>',
)

TEXT_A = (
    "Rebels hold the valley. The Taliban have 75,000 fighters, said General Ahmad Khan on Monday.\n"
    "Ahmad Khan said: \"We will never surrender <script>alert('pwned')</script> to anyone.\"\n"
    'The front is a militia with ties to a neighbour <img src=x onerror="alert(1)"> critics say.\n'
    'Read more <a href="javascript:alert(2)">click</a> [bold red]not markup[/bold red] \x1b[31mred\x1b[0m.\n'
)
TEXT_B = (
    "The Taliban number between 50,000 and 60,000 men, officials estimate.\n"
    "Forces aligned with the front clashed in the district on Monday.\n"
    '<svg onload="alert(3)"></svg> "><body onpageshow=alert(5)> </mark></div>'
    '<iframe src="javascript:alert(4)"></iframe>\n'
)
TEXT_C = "Khan insists he was not involved in any operation in the district.\n"


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentence(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start : line_end if line_end >= 0 else len(text)].strip()


def _document(
    doc_id: str, text: str, outlet: str | None, title: str, published: str | None, url: str | None = None
) -> Document:
    return Document(
        id=doc_id,
        name=f"/tmp/{doc_id}.txt",
        path=f"/tmp/{doc_id}.txt",
        url=url,
        metadata=Metadata(
            title=Field(title, "html-meta"),
            outlet=Field(outlet, "html-meta" if outlet else None),
            published=Field(published, "text-dateline" if published else None),
            url=Field(url, "html-meta" if url else None),
        ),
        language="en",
        text=text,
        raw_chars=len(text) + 40,
        boilerplate=(RemovedLine(0, "Subscribe <script>alert(6)</script>", "call-to-action"),),
    )


def _item(prefix: str, doc: str, text: str, needle: str) -> dict[str, Any]:
    start, end = _span(text, needle)
    return {
        "id": item_id(prefix, doc, start, end),
        "doc": doc,
        "start": start,
        "end": end,
        "sentence": _sentence(text, start),
    }


def _side(record: Quantity | Statement, holder: str | None = None) -> ComparisonItem:
    return ComparisonItem(
        record.doc, record.id, record.start, record.end, record.sentence, record.text, holder
    )


def sample_report() -> Report:
    """A report with every list filled: three documents, conflicts, a dispute, quotes, a timeline."""
    docs = (
        _document(
            "doca",
            TEXT_A,
            "Daily <b>Planet</b>",
            "Valley <script>alert(7)</script> holds",
            "2021-08-23",
            url="javascript:alert(8)",
        ),
        _document(
            "docb",
            TEXT_B,
            "Wire & Co",
            "Fighting reported",
            "2021-08-24",
            url="https://example.org/b?x=1&y=2",
        ),
        _document("docc", TEXT_C, None, "Denial", None),
    )
    a, b, c = (d.id for d in docs)
    khan_spans = [_span(TEXT_A, "General Ahmad Khan"), _span(TEXT_A, "Ahmad Khan said")]
    khan = Entity(
        id=item_id("e", "Ahmad Khan"),
        name="Ahmad Khan",
        type="PERSON",
        aliases=("Ahmad Khan", "Khan", "General <Khan>"),
        documents=(a, c),
        mentions=(
            MentionRef(a, *khan_spans[0], "General Ahmad Khan"),
            MentionRef(a, khan_spans[1][0], khan_spans[1][0] + 10, "Ahmad Khan"),
            MentionRef(c, *_span(TEXT_C, "Khan"), "Khan"),
        ),
        description="a commander <i>of the front</i>",
    )
    taliban = Entity(
        id=item_id("e", "Taliban"),
        name="Taliban",
        type="ORG",
        aliases=("Taliban",),
        documents=(a, b),
        mentions=(
            MentionRef(a, *_span(TEXT_A, "Taliban"), "Taliban"),
            MentionRef(b, *_span(TEXT_B, "Taliban"), "Taliban"),
        ),
    )
    q_a = Quantity(
        **_item("n", a, TEXT_A, "75,000 fighters"),
        text="75,000 fighters",
        value=75000,
        low=75000,
        high=75000,
        qualifier="exact",
        counted="fighter",
        about="Taliban",
        about_entity=taliban.id,
        attributed_to="Ahmad Khan",
        attributed_entity=khan.id,
    )
    q_b = Quantity(
        **_item("n", b, TEXT_B, "between 50,000 and 60,000 men"),
        text="between 50,000 and 60,000 men",
        value=55000,
        low=50000,
        high=60000,
        qualifier="range",
        counted="man",
        about="Taliban",
        about_entity=taliban.id,
    )
    quote_start, quote_end = _span(
        TEXT_A, "We will never surrender <script>alert('pwned')</script> to anyone."
    )
    quote = Quote(
        id=item_id("q", a, quote_start, quote_end),
        doc=a,
        start=quote_start,
        end=quote_end,
        sentence=_sentence(TEXT_A, quote_start),
        text=TEXT_A[quote_start:quote_end],
        kind="direct",
        speaker="Ahmad Khan",
        speaker_entity=khan.id,
        speaker_description="a <b>commander</b>",
        cue="said",
        speaker_start=khan_spans[1][0],
        speaker_end=khan_spans[1][0] + 10,
    )
    anonymous = Quote(
        **_item("q", b, TEXT_B, "between 50,000 and 60,000 men, officials estimate"),
        text="the Taliban number 50,000 to 60,000",
        kind="indirect",
        speaker=None,
        speaker_description="officials",
        anonymous=True,
        cue="estimate",
    )
    # A statement overlapping the quote and crossing a quantity's edge: exercises mark splitting.
    s_claim = Statement(
        **_item(
            "s", a, TEXT_A, 'The front is a militia with ties to a neighbour <img src=x onerror="alert(1)">'
        ),
        text='The front is a militia with ties to a neighbour <img src=x onerror="alert(1)">',
        holder="critics",
        entities=(),
    )
    s_cross = Statement(**_item("s", a, TEXT_A, "fighters, said General"), text="fighters, said General")
    s_clash = Statement(
        **_item("s", b, TEXT_B, "Forces aligned with the front clashed in the district on Monday."),
        text="Forces aligned with the front clashed in the district on Monday.",
    )
    s_deny = Statement(
        **_item("s", c, TEXT_C, "he was not involved in any operation in the district"),
        text="he was not involved in any operation in the district",
        holder="Khan",
        holder_entity=khan.id,
        negated=True,
        entities=(khan.id,),
    )
    t_a = TimeExpression(
        **_item("t", a, TEXT_A, "on Monday"),
        expression="on Monday",
        value="2021-08-23",
        granularity="day",
        anchor="publication",
        event="said General Ahmad Khan",
    )
    t_b = TimeExpression(
        **_item("t", b, TEXT_B, "on Monday"),
        expression="on Monday",
        value="2021-08-23",
        granularity="day",
        anchor="publication",
        event="clashed in the district",
    )
    comparisons = (
        Comparison(
            id=item_id("c", "quantity", "taliban"),
            kind="quantity",
            verdict="conflict",
            subject="Taliban fighters <script>x</script>",
            items=(_side(q_a, "Ahmad Khan"), _side(q_b)),
            documents=(a, b),
            note="75,000 is outside 50,000-60,000",
        ),
        Comparison(
            id=item_id("c", "statement", "clash"),
            kind="statement",
            verdict="disputed",
            subject="clashes in the district",
            items=(_side(s_clash), _side(s_deny, "Khan")),
            documents=(b, c),
            note="negation by a holder involved",
        ),
        Comparison(
            id=item_id("c", "statement", "militia"),
            kind="statement",
            verdict="single_source",
            subject=s_claim.text,
            items=(_side(s_claim, "critics"),),
            documents=(a,),
        ),
        Comparison(
            id=item_id("c", "statement", "cross"),
            kind="statement",
            verdict="corroborated",
            subject="fighters",
            items=(_side(s_cross), _side(s_clash)),
            documents=(a, b),
        ),
        Comparison(
            id=item_id("c", "quote", "q"),
            kind="quote",
            verdict="wording_differs",
            subject="We will never surrender",
            items=(
                ComparisonItem(a, quote.id, quote.start, quote.end, quote.sentence, quote.text, "Ahmad Khan"),
            ),
            documents=(a,),
        ),
    )
    event = TimelineEvent(
        id=item_id("ev", "2021-08-23"),
        value="2021-08-23",
        granularity="day",
        event="clashes <b>reported</b>",
        sources=(
            EventSource(a, t_a.id, t_a.start, t_a.end, t_a.sentence, t_a.expression),
            EventSource(b, t_b.id, t_b.start, t_b.end, t_b.sentence, t_b.expression),
        ),
        documents=(a, b),
        clash="Monday was 2021-08-23 <script>y</script>",
    )
    early = TimelineEvent(
        id=item_id("ev", "1996"),
        value="1996",
        granularity="year",
        event=None,
        sources=(EventSource(b, t_b.id, t_b.start, t_b.end, t_b.sentence, "in 1996"),),
        documents=(b,),
    )
    outlets = (
        OutletProfile("Daily <b>Planet</b>", (a,), 60, 1, 1, 0, 1.0, 0.5, 1, 2, ("militia", "<script>"), 0.1),
        OutletProfile("Wire & Co", (b,), 30, 1, 0, 1, 0.0, None, 1, 0, (), None),
    )
    return Report(
        rashomon_version="0.1.0",
        created="2021-09-01T00:00:00+00:00",
        documents=docs,
        entities=(khan, taliban),
        quotes=(quote, anonymous),
        quantities=(q_a, q_b),
        timeline=(t_a, t_b),
        events=(event, early),
        statements=(s_claim, s_cross, s_clash, s_deny),
        comparisons=comparisons,
        outlets=outlets,
        errors=(InputError("/tmp/bad <script>.txt", "ingest", "cannot decode <b>bytes</b>"),),
        published_not_before={},
    )


def sample_dict() -> dict[str, Any]:
    return sample_report().to_dict()


def empty_dict() -> dict[str, Any]:
    """Documents only, every other list empty: what the spine delivers before extraction lands."""
    full = sample_report()
    return Report(
        rashomon_version="0.1.0", created="2021-09-01T00:00:00+00:00", documents=full.documents
    ).to_dict()
