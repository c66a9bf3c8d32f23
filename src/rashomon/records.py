"""Typed records passed between pipeline stages.

Every stage is a pure function from records to records; only ``store`` writes.
Records are frozen dataclasses holding plain JSON-friendly values (str, int,
float, bool, None, tuples of those or of other records), so that they pickle
to worker processes or a Ray cluster and serialise with ``dataclasses.asdict``.

Character offsets (``start``/``end``) always index into ``Document.text``,
the cleaned text of the document named by ``doc``.

Flow::

    ingest  -> Source          (raw decoded input + metadata found outside the text)
    clean   -> Document        (clean text, metadata with origins, removed lines)
    nlp     -> Parsed          (Document + its one spaCy Doc)
    extract -> Mention, Quote, Quantity, TimeExpression, Statement   (per document)
    reconcile -> Entity, Comparison, TimelineEvent, OutletProfile    (across documents)
    report  -> Report          (the public JSON contract, docs/report-format.md)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

Origin = Literal["html-meta", "text-dateline", "export", "manifest", "inferred", "url"]
SourceFormat = Literal["html", "text", "markdown"]


# --------------------------------------------------------------------------- ingest / clean


@dataclass(frozen=True, slots=True)
class Field:
    """One metadata value with where it came from; ``value`` None means unknown."""

    value: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: Field = Field()
    outlet: Field = Field()
    author: Field = Field()
    url: Field = Field()
    published: Field = Field()  # ISO date "YYYY-MM-DD" (or full ISO datetime) when known

    def merged(self, override: Metadata) -> Metadata:
        """Fields of ``override`` that are known replace ours."""
        return Metadata(
            *(
                theirs if theirs.value is not None else ours
                for ours, theirs in zip(self.fields(), override.fields(), strict=True)
            )
        )

    def fields(self) -> tuple[Field, Field, Field, Field, Field]:
        return (self.title, self.outlet, self.author, self.url, self.published)


@dataclass(frozen=True, slots=True)
class Source:
    """One input article as read from disk, an export row or a URL, decoded to str (NFC)."""

    name: str  # what a user recognises in an error: the path, "path#row 3", or the URL
    content: str
    format: SourceFormat
    path: str | None = None
    url: str | None = None
    metadata: Metadata = Metadata()  # from export columns / HTTP; the manifest is applied later


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner took out of the text: nothing is lost."""

    line: int  # 0-based line number in the raw text
    text: str
    reason: str  # e.g. "navigation", "call-to-action", "caption", "repeated", "byline"


@dataclass(frozen=True, slots=True)
class Document:
    id: str  # stable content hash of the clean text (+ source name), see clean.document_id
    name: str
    path: str | None
    url: str | None
    metadata: Metadata
    language: str | None
    text: str  # the clean text: every span in the report indexes into it
    boilerplate: tuple[RemovedLine, ...] = ()
    duplicate_of: str | None = None  # id of the document this one is a near-copy of
    raw_chars: int = 0  # length of the raw text, for the furniture share


@dataclass(frozen=True, slots=True)
class InputError:
    """An input or stage that failed; the rest of the batch goes on."""

    path: str
    stage: str  # "ingest", "clean", "nlp", "extract", ...
    message: str


@dataclass(slots=True)
class Parsed:
    """A Document with its single spaCy pass. Not frozen: spaCy Docs are mutable objects."""

    document: Document
    doc: Doc

    def sentence_at(self, start: int, end: int | None = None) -> str:
        """Text of the sentence containing character ``start`` (clean-text offsets)."""
        span = self.doc.char_span(start, end or start + 1, alignment_mode="expand")
        if span is None:
            return ""
        return str(span.sent.text).strip()


# --------------------------------------------------------------------------- extract (per document)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name mention in one document, with the evidence the extractor saw around it."""

    id: str
    doc: str
    start: int
    end: int
    text: str  # surface form as written ("Mr Massoud's" trimmed to "Mr Massoud")
    label: str  # spaCy label or the extractor's refined guess: PERSON, ORG, GPE, LOC, NORP, ...
    sentence: str
    key: str = ""  # normalised form used for matching ("massoud")
    cues: tuple[str, ...] = ()  # evidence for the type: "said", "title:Mr", "prep:in", ...
    description: str | None = None  # apposition or role in the text ("an aide to Mr Massoud")
    refers_to: str | None = None  # within-document antecedent mention id (short form -> full)
    kin_of: str | None = None  # mention id this one is the father/son/... of ("Massoud Sr.")
    kin: str | None = None  # "father", "son", "uncle", ...
    kind: str = "name"  # name | acronym | kin ("his father") | nominal | pronoun
    head: str = ""  # lemma of the head word, casefolded ("massoud", "actress")


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    doc: str
    start: int
    end: int
    sentence: str
    text: str  # the content, without quote marks
    kind: Literal["direct", "indirect", "partial"]
    speaker: str | None = None  # canonical name once resolved, else the surface form
    speaker_entity: str | None = None  # Entity.id once resolved
    speaker_description: str | None = None  # "a former CIA officer", "Massoud's spokesman"
    anonymous: bool = False
    cue: str | None = None  # the verb or phrase: "said", "tweeted", "according to"
    medium: str | None = None  # tweet, interview, column, statement
    speaker_start: int | None = None  # span of the speaker's words in the text
    speaker_end: int | None = None
    source_start: int | None = None  # the source as written at the cue ("he", "a former CIA officer")
    source_end: int | None = None


Qualifier = Literal["exact", "approx", "at_least", "at_most", "range", "vague"]


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    doc: str
    start: int
    end: int
    sentence: str
    text: str
    value: float | None
    low: float | None
    high: float | None  # None when unbounded ("more than 100,000")
    qualifier: Qualifier
    unit: str | None = None  # normalised: km, USD, %, hour ...
    counted: str | None = None  # lemma of the noun counted: fighter, man, helicopter
    about: str | None = None  # whose / of what ("Taliban", "Panjshir")
    about_entity: str | None = None  # Entity.id once resolved
    attributed_to: str | None = None  # who gives the number when the text says
    attributed_entity: str | None = None
    dimension: str | None = None  # currency, length, duration, age, percentage, ratio, count ...
    about_start: int | None = None  # span of the words ``about`` was read from (or their antecedent)
    about_end: int | None = None
    attributed_start: int | None = None  # span of the words ``attributed_to`` was read from
    attributed_end: int | None = None
    first: float | None = None  # a range's figures in the order written ("from 4.8 to 4.7")
    second: float | None = None
    predicate: str | None = None  # what it is the figure of: "have", "dispatch", "influx", "force"
    counted_phrase: str | None = None  # the counted noun with its modifiers, lemmatised: "european country"


Granularity = Literal["time", "day", "week", "month", "quarter", "season", "year", "decade", "century"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    id: str
    doc: str
    start: int
    end: int
    sentence: str
    expression: str
    value: str | None  # TIMEX3-like: "2021-08-17", "2021-W33", "2021-08", "2020", "198"
    granularity: Granularity | None
    anchor: Literal["publication", "absolute", "event"]
    event: str | None = None  # the clause the expression governs
    anchor_inferred: bool = False  # resolved against an inferred publication date
    kind: Literal["date", "time", "duration", "set"] = "date"  # the TIMEX3 type
    event_start: int | None = None  # span of the governing clause (or noun phrase) in the text
    event_end: int | None = None
    weekday: bool = False  # read from a bare weekday name ("on Sunday"): a story may contradict it
    note: str | None = None  # how the value was reached when it was inferred


@dataclass(frozen=True, slots=True)
class Statement:
    """An atomic claim (sentence or clause) with its attribution lifted into a holder."""

    id: str
    doc: str
    start: int
    end: int
    sentence: str
    text: str
    holder: str | None = None  # who asserts it: a speaker, or None for the outlet's own voice
    holder_entity: str | None = None
    negated: bool = False
    entities: tuple[str, ...] = ()  # surface names (entity ids once resolved)
    cue: str | None = None  # the attribution cue lifted out: "insists", "according to"
    holder_start: int | None = None  # span of the holder's words in the text
    holder_end: int | None = None
    lemmas: tuple[str, ...] = ()  # content lemmas of the claim, for alignment across outlets
    numbers: tuple[str, ...] = ()  # numbers the claim states, as written
    context: tuple[str, ...] = ()  # lemmas of the sentence before, when this one answers it ("But ...")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractors found in one document."""

    doc: str
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    statements: tuple[Statement, ...] = ()


# --------------------------------------------------------------------------- reconcile (across documents)


@dataclass(frozen=True, slots=True)
class MentionRef:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    documents: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ComparisonItem:
    """One document's side of a comparison."""

    doc: str
    item: str | None  # id of the Quote / Quantity / Statement
    start: int
    end: int
    sentence: str
    text: str
    holder: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    id: str
    kind: Literal["quote", "quantity", "statement"]
    verdict: str  # quote: same_words | wording_differs | speaker_differs;
    # quantity: agree | compatible | conflict | single_source;
    # statement: corroborated | disputed | single_source
    subject: str  # what is compared, in words: "Taliban fighters", the quote's first words
    items: tuple[ComparisonItem, ...]
    documents: tuple[str, ...]
    note: str | None = None  # why the verdict: "intervals 50,000-60,000 and 75,000 are disjoint"


@dataclass(frozen=True, slots=True)
class EventSource:
    doc: str
    item: str  # TimeExpression.id
    start: int
    end: int
    sentence: str
    expression: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One happening on the merged timeline, with every outlet that reports it."""

    id: str
    value: str
    granularity: str | None
    event: str | None
    sources: tuple[EventSource, ...]
    documents: tuple[str, ...]
    clash: str | None = None  # a weekday reading that contradicts a date the story establishes


@dataclass(frozen=True, slots=True)
class OutletProfile:
    outlet: str
    documents: tuple[str, ...]
    words: int
    quotes: int
    named_sources: int
    anonymous_sources: int
    named_share: float | None
    unique_statement_share: float | None
    conflicting_numbers: int
    hedges: int
    loaded_terms: tuple[str, ...]
    furniture_share: float | None
    outlet_known: bool = True  # False: ``outlet`` is the document's name, the outlet is not known


@dataclass(frozen=True, slots=True)
class Reconciled:
    """What reconciliation adds, and the extracted items it updated (speakers, abouts)."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    timeline: tuple[TimeExpression, ...] = ()
    statements: tuple[Statement, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    events: tuple[TimelineEvent, ...] = ()
    outlets: tuple[OutletProfile, ...] = ()
    notes: tuple[str, ...] = field(default=())
