"""Quotes: the mark scanner, direct/partial/indirect extraction with speakers, and cross-outlet groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.quotes import extract_quotes, scan_quotes
from rashomon.ids import content_hash
from rashomon.nlp import load
from rashomon.reconcile.entities import EntityIndex
from rashomon.reconcile.quotes import BLOCK_CAP, reconcile_quotes
from rashomon.records import Document, Extraction, Metadata, Parsed, Quote

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load()


def parse_text(nlp: Any, text: str, name: str = "synthetic") -> Parsed:
    document = Document(content_hash(name, text), name, None, None, Metadata(), "en", text)
    return Parsed(document, nlp(text))


def quotes_in(nlp: Any, text: str) -> tuple[Quote, ...]:
    parsed = parse_text(nlp, text)
    return extract_quotes(parsed, Extraction(doc=parsed.document.id))


def only(quotes: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


# --------------------------------------------------------------------------- the mark scanner


def test_scanner_reads_straight_curly_and_mixed_marks() -> None:
    text = 'He said "one two," then “three four” and "five six”.'
    assert [text[s.start : s.end] for s in scan_quotes(text)] == ["one two,", "three four", "five six"]


def test_scanner_keeps_nested_quotes_inside_the_outer_one() -> None:
    text = "“Nobody can answer the question ‘how long?’ Too many variables,” an officer said."
    spans = scan_quotes(text)
    assert len(spans) == 1
    expected = "Nobody can answer the question ‘how long?’ Too many variables,"
    assert text[spans[0].start : spans[0].end] == expected


def test_scanner_tells_apostrophes_from_single_quotes() -> None:
    text = "Massoud's men say it’s the valley’s ‘last stand’ now."
    assert [text[s.start : s.end] for s in scan_quotes(text)] == ["last stand"]


def test_scanner_continues_a_quote_into_the_next_paragraph() -> None:
    text = "She said: “The first part goes on\n\n“and the second part ends here.”"
    spans = scan_quotes(text)
    assert [s.continued for s in spans] == [True, False]
    assert text[spans[0].start : spans[0].end] == "The first part goes on"


def test_scanner_drops_a_quote_never_closed() -> None:
    assert scan_quotes("He said “this never closes.\n\nNext paragraph without marks.") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n'\"“”‘’[]:")), max_size=80))
def test_scanner_spans_are_inside_the_text_and_never_overlap(text: str) -> None:
    spans = scan_quotes(text)
    previous_end = -1
    for span in spans:
        assert 0 < span.start <= span.end <= len(text)
        assert span.start - span.open_at in (1, 2)  # one mark, or the paired singles of wire text
        assert text[span.open_at] in "\"“”‘’'«„‹"
        assert span.close_at is None or (span.close_at == span.end and text[span.close_at] in "\"”’'»›")
        assert "\n" not in text[span.start : span.end]
        assert span.open_at > previous_end
        previous_end = span.close_at if span.close_at is not None else span.end


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab said He “”\"'‘’,.:\n")), max_size=60))
def test_extraction_never_crashes_and_spans_hold(nlp: Any, text: str) -> None:
    for quote in quotes_in(nlp, text):
        assert 0 <= quote.start <= quote.end <= len(text)
        if quote.kind != "indirect":
            assert quote.text == text[quote.start : quote.end]


# --------------------------------------------------------------------------- direct and partial quotes


def test_direct_quote_with_named_speaker_and_apposition(nlp: Any) -> None:
    [quote] = quotes_in(nlp, '"There has been no progress," Ali Nazari, the group\'s spokesman, said.')
    assert (quote.kind, quote.text, quote.cue) == ("direct", "There has been no progress,", "said")
    assert quote.speaker == "Ali Nazari"
    assert quote.speaker_description == "the group's spokesman"
    assert not quote.anonymous
    text = '"There has been no progress," Ali Nazari, the group\'s spokesman, said.'
    assert quote.speaker_start is not None
    assert text[quote.speaker_start : quote.speaker_end] == "Ali Nazari"


def test_pronoun_speaker_is_the_person_introduced_before(nlp: Any) -> None:
    text = "John Smith works closely with the governor.\n\n“Peace is a priority for us,” he told reporters."
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker == "John Smith"
    assert text[quote.source_start : quote.source_end] == "he"  # type: ignore[index]


def test_run_on_quote_takes_the_previous_speaker(nlp: Any) -> None:
    text = "“We are serious,” John Smith told reporters. “We have sent this message to the rebels.”"
    quotes = only(quotes_in(nlp, text), "direct")
    assert [q.speaker for q in quotes] == ["John Smith", "John Smith"]


def test_quote_continued_across_paragraphs_has_one_speaker(nlp: Any) -> None:
    text = "Maria Lopez said: “The first part of what she said goes on\n\n“and here the quote ends for good.”"
    quotes = only(quotes_in(nlp, text), "direct")
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Maria Lopez"}


def test_mixed_marks_and_added(nlp: Any) -> None:
    text = 'Maria Lopez spoke at the border. She added, "there are many other people who stand with us”.'
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.text == "there are many other people who stand with us"
    assert quote.speaker == "Maria Lopez"


def test_written_source_after_the_quote(nlp: Any) -> None:
    text = "“I write from the valley today, ready to follow my father.” writes Peter Brown."
    [quote] = only(quotes_in(nlp, text), "direct")
    assert (quote.speaker, quote.cue) == ("Peter Brown", "writes")


def test_tweeted_gives_the_medium(nlp: Any) -> None:
    text = '"Forces have massed near the valley," tweeted Amrullah Saleh, the former vice president.'
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker == "Amrullah Saleh"
    assert quote.medium == "tweet"
    assert quote.speaker_description == "the former vice president"


def test_bracketed_insertion_stays_in_the_text_and_a_role_speaks_anonymously(nlp: Any) -> None:
    text = "“I think they [the rebels] could take the town in a day,” a Western diplomat said."
    [quote] = only(quotes_in(nlp, text), "direct")
    assert "[the rebels]" in quote.text
    assert quote.anonymous
    assert quote.speaker is None
    assert quote.speaker_description == "a Western diplomat"


def test_partial_quote_inside_the_writers_sentence(nlp: Any) -> None:
    text = "The claim may be a “possible negotiating tactic” designed to win time, Mr Brown suggests."
    [partial] = only(quotes_in(nlp, text), "partial")
    assert partial.text == "possible negotiating tactic"
    assert partial.speaker == "Brown"


def test_scare_quotes_and_nicknames_are_not_quotes(nlp: Any) -> None:
    text = (
        'His father, nicknamed the "lion of the valley," fought for years. '
        "The son is the “lion” of the north. He was “abandoned” by the powers."
    )
    assert [q for q in quotes_in(nlp, text) if q.kind != "indirect"] == []


def test_two_word_partial_quote_needs_a_cue(nlp: Any) -> None:
    cued = quotes_in(nlp, "Mr Brown said a “totalitarian regime” should not be recognised.")
    assert [q.text for q in only(cued, "partial")] == ["totalitarian regime"]
    uncued = quotes_in(nlp, "The valley hosts more than 20 small “military bases” near the road.")
    assert only(uncued, "partial") == []


def test_titles_in_marks_are_not_quotes(nlp: Any) -> None:
    text = 'The author of "First Casualty: The Untold Story of the Battle" spoke on Monday.'
    assert [q for q in quotes_in(nlp, text) if q.kind != "indirect"] == []


def test_unbalanced_marks_do_not_crash(nlp: Any) -> None:
    text = "He said “this never closes.\n\n”Stray closing mark” and \" lone straight mark."
    quotes_in(nlp, text)


# --------------------------------------------------------------------------- indirect speech


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("John Smith said that the talks had stalled.", "the talks had stalled", "said"),
        ("John Smith said the talks had stalled completely.", "the talks had stalled completely", "said"),
        ("According to John Smith, the talks had stalled.", "the talks had stalled", "according to"),
        ("John Smith told Reuters that he did not want war.", "he did not want war", "told"),
        ("John Smith warned that fighting would resume.", "fighting would resume", "warned"),
        ("John Smith insists he was not involved in it.", "he was not involved in it", "insists"),
        ("John Smith conceded the window could shut soon.", "the window could shut soon", "conceded"),
    ],
)
def test_indirect_speech(nlp: Any, text: str, content: str, cue: str) -> None:
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert (quote.text, quote.cue, quote.speaker) == (content, cue, "John Smith")


def test_parenthetical_says(nlp: Any) -> None:
    [quote] = only(quotes_in(nlp, "Refugees, Mr Brown says, have already arrived by road."), "indirect")
    assert quote.speaker == "Brown"
    assert "have already arrived by road" in quote.text


def test_in_a_statement_gives_the_medium(nlp: Any) -> None:
    text = "In a statement, the Taliban said they would not hold elections."
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert quote.speaker == "Taliban"
    assert quote.medium == "statement"


def test_unnamed_sources_are_anonymous_descriptions(nlp: Any) -> None:
    text = (
        "An aide to the governor says there were no signs of fighting. "
        "One of his advisers told VOA that the talks were stalled."
    )
    quotes = only(quotes_in(nlp, text), "indirect")
    assert [(q.speaker, q.speaker_description, q.anonymous) for q in quotes] == [
        (None, "An aide to the governor", True),
        (None, "One of his advisers", True),
    ]


def test_says_he_hopes(nlp: Any) -> None:
    quotes = only(quotes_in(nlp, "Peter Brown says he hopes to hold peace talks next week."), "indirect")
    assert quotes[0].text == "he hopes to hold peace talks next week"
    assert quotes[0].speaker == "Peter Brown"


def test_it_is_not_known_reports_no_one(nlp: Any) -> None:
    assert quotes_in(nlp, "It is not known how long the situation will last.") == ()


# --------------------------------------------------------------------------- across outlets


def _quote(doc: str, text: str, speaker: str | None, start: int = 0) -> Quote:
    return Quote(f"q-{doc}-{start}", doc, start, start + len(text), text, text, "direct", speaker=speaker)


def _documents(*ids: str, duplicate: dict[str, str] | None = None) -> list[Document]:
    duplicate = duplicate or {}
    return [
        Document(i, f"{i}.txt", None, None, Metadata(), "en", "", duplicate_of=duplicate.get(i)) for i in ids
    ]


EMPTY_INDEX = EntityIndex([], {})


def test_same_words_in_two_outlets_form_one_group() -> None:
    quotes = [
        _quote("a", "We want to make them see that the only way forward is through talks,", "Massoud"),
        _quote("b", "we want to make them see that the only way forward is through talks", "Massoud"),
        _quote("b", "Something else entirely was said here by nobody at all", None, 200),
    ]
    _, groups = reconcile_quotes(_documents("a", "b"), quotes, EMPTY_INDEX)
    [group] = groups
    assert (group.kind, group.verdict, group.documents) == ("quote", "same_words", ("a", "b"))
    assert [item.holder for item in group.items] == ["Massoud", "Massoud"]


def test_trimmed_quote_with_a_word_dropped_is_the_same_quote_with_differing_wording() -> None:
    quotes = [
        _quote("a", "they want to defend, they want to fight, they want to resist against any regime", "M"),
        _quote("b", "They want to fight, they want to resist any regime,", "M"),
    ]
    [group] = reconcile_quotes(_documents("a", "b"), quotes, EMPTY_INDEX)[1]
    assert group.verdict == "wording_differs"
    assert "without 'against'" in (group.note or "")


def test_different_speakers_are_flagged_and_near_copies_noted() -> None:
    quotes = [
        _quote("a", "after local state officials refused to hand it over peacefully", "Taliban"),
        _quote("b", "after local state officials refused to hand it over peacefully.", "Ahmad Massoud"),
    ]
    documents = _documents("a", "b", duplicate={"b": "a"})
    [group] = reconcile_quotes(documents, quotes, EMPTY_INDEX)[1]
    assert group.verdict == "speaker_differs"
    assert "near-copy" in (group.note or "")


def test_quotes_within_one_document_or_unrelated_do_not_group() -> None:
    quotes = [
        _quote("a", "the valley will never fall to any invader from the south", "X"),
        _quote("a", "the valley will never fall to any invader from the south", "X", 100),
        _quote("b", "prices of bread have doubled in the capital since Sunday", "Y"),
    ]
    assert reconcile_quotes(_documents("a", "b"), quotes, EMPTY_INDEX)[1] == []


def test_a_quote_carried_by_more_outlets_than_the_block_cap_still_groups() -> None:
    # Regression: with every copy identical, every trigram was in more than BLOCK_CAP quotes and
    # blocked nothing, so the most widely carried quote formed no group at all.
    text = "the resistance will go on until the last drop of blood"
    ids = [f"d{n}" for n in range(BLOCK_CAP + 10)]
    quotes = [_quote(i, text, "Massoud") for i in ids]
    quotes.append(_quote(ids[0], text + ", he said to the crowd", "Massoud", 300))
    [group] = reconcile_quotes(_documents(*ids), quotes, EMPTY_INDEX)[1]
    assert len(group.items) == len(quotes)
    assert set(group.documents) == set(ids)


# --------------------------------------------------------------------------- the seed articles


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, Any]:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    from rashomon.clean import clean_all
    from rashomon.extract import extract
    from rashomon.ingest import read_inputs
    from rashomon.nlp import parse
    from rashomon.reconcile.entities import resolve_entities

    sources, _ = read_inputs([str(SEEDS)])
    documents, _ = clean_all(sources)
    extractions = [extract(p) for p in parse(documents)]
    index = resolve_entities(documents, extractions)
    quotes, groups = reconcile_quotes(documents, [q for x in extractions for q in x.quotes], index)
    return {"quotes": quotes, "groups": groups, "documents": documents}


def find(quotes: list[Quote], start: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(start)]
    assert hits, f"no quote starting {start!r}"
    return hits[0]


def test_seed_every_direct_quote_has_a_speaker(seed_quotes: dict[str, Any]) -> None:
    direct = [q for q in seed_quotes["quotes"] if q.kind == "direct"]
    assert len(direct) >= 25
    assert [q.text[:40] for q in direct if not (q.speaker or q.speaker_description)] == []
    assert not [q for q in direct if q.speaker in ("he", "He", "she", "they")]


@pytest.mark.parametrize(
    ("start", "speaker"),
    [
        ("Peace and negotiations are a priority", "Dashty"),  # "he told VOA" after "Fahim Dashty is in ..."
        ("The Taliban will be less mobile in winter", "Nazari"),  # "he said" after "Nazari told VOA ..."
        ("They have a shortage of men", "Nazari"),
        ("There has been no progress", "Nazari"),
        ("He is willing to forgive", "Housaini"),
        ("I write from the Panjshir Valley", "Massoud"),
        ("Talibs have massed forces", "Saleh"),
        ("I think they [the Taliban]", "Zhirnov"),
        ("If the Taliban are willing to share power", "Massoud"),  # "These were his words:"
        ("This all has eerie but perhaps heartening", "Harnden"),
    ],
)
def test_seed_direct_quote_speakers(seed_quotes: dict[str, Any], start: str, speaker: str) -> None:
    quote = find(seed_quotes["quotes"], start)
    assert speaker in (quote.speaker or ""), quote


@pytest.mark.parametrize(
    ("start", "description"),
    [
        ("Nobody can answer the question", "a former CIA officer"),
        ("The Soviets never really got in", "a former CIA officer"),  # "he said" after the officer
        ("A key risk for the Taliban", "another Western intelligence officer"),
        ("there were no signs that the column", "an aide to Massoud"),
        ("an offensive had been launched", "A Taliban official"),
        ("the talks were stalled", "one of his advisers"),
    ],
)
def test_seed_unnamed_sources_are_anonymous(
    seed_quotes: dict[str, Any], start: str, description: str
) -> None:
    quote = find(seed_quotes["quotes"], start)
    assert quote.anonymous
    assert quote.speaker is None
    assert quote.speaker_description == description


def test_seed_media(seed_quotes: dict[str, Any]) -> None:
    quotes = seed_quotes["quotes"]
    assert find(quotes, "Talibs have massed forces").medium == "tweet"
    assert find(quotes, "I write from the Panjshir Valley").medium == "column"  # named two paragraphs up
    taliban = [q for q in quotes if q.text.startswith("after local state") and q.medium == "statement"]
    assert taliban
    assert taliban[0].speaker is not None
    assert "Taliban" in taliban[0].speaker


def test_seed_scare_quotes_are_not_quotes(seed_quotes: dict[str, Any]) -> None:
    texts = {q.text for q in seed_quotes["quotes"] if q.kind != "indirect"}
    assert not texts & {"lion", "abandoned", "military bases", "brutality"}


def test_seed_shared_quotes_are_grouped(seed_quotes: dict[str, Any]) -> None:
    groups = seed_quotes["groups"]
    shared = [g for g in groups if "refused to hand it over peacefully" in g.subject]
    assert len(shared) == 1
    assert len(shared[0].documents) == 2
    assert shared[0].verdict == "same_words"
    negotiation = [g for g in groups if any("only way forward is through" in i.text for i in g.items)]
    assert negotiation
    assert all(len(g.documents) >= 2 for g in groups)


# --------------------------------------------------------------------------- regressions from the benchmark


def test_inverted_attribution_after_the_quote(nlp: Any) -> None:
    [quote] = only(quotes_in(nlp, "“Donald is an amazing leader,” said the 46-year-old."), "direct")
    assert quote.anonymous
    assert quote.speaker_description == "the 46-year-old"


def test_participle_takes_the_subject_of_its_verb_not_its_object(nlp: Any) -> None:
    text = "Peter Brown returned the compliment, telling Reuters, “He is an amazing man and a friend.”"
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker == "Peter Brown"


def test_relative_clause_source_is_its_antecedent(nlp: Any) -> None:
    text = "Peter Brown, who said he would never surrender, joined the talks."
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert quote.speaker == "Peter Brown"
    assert text[quote.source_start : quote.source_end] == "who"  # type: ignore[index]


def test_comma_before_the_verb_still_finds_the_subject(nlp: Any) -> None:
    text = "“Yes, I support him,” Peter Brown, founder of the Research Center, tells Breitbart News."
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker == "Peter Brown"
    assert quote.speaker_description == "founder of the Research Center"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Peter Brown has called for a fair and inclusive government.", "a fair and inclusive government"),
        ("Peter Brown called the plan an absolute disgrace.", "the plan an absolute disgrace"),
        ("Peter Brown asked whether the talks would resume soon.", "the talks would resume soon"),
    ],
)
def test_what_a_speaker_calls_for_calls_or_asks(nlp: Any, text: str, content: str) -> None:
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert (quote.text, quote.speaker) == (content, "Peter Brown")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“Get out of my office,” Brown barked and a guard showed the man out.", "Brown"),  # name glued on
        ("“We will never sell the farm,” read one.", "one"),  # inverted, a number word as subject
        ("“The first point is simple. The second is not,” Brown answers.", "Brown"),  # verb taken for a noun
        ("Continued Brown: “So I think it is a very real problem.”", "Brown"),  # fronted speech verb
        ("Brown seemed ready to joke about the delay, telling the crowd, “Some people get carried away.”",
         "Brown"),  # participle the parser hangs inside the quote
        ("Brown has taken the line common among local farmers: “I grow what the soil lets me grow.”",
         "Brown"),  # a clause ended by a colon introduces the quote
    ],
)
def test_direct_quote_source_conventions(nlp: Any, text: str, source: str) -> None:
    [quote] = only(quotes_in(nlp, text), "direct")
    assert text[quote.source_start : quote.source_end] == source  # type: ignore[index]


def test_dateline_is_not_the_speaker(nlp: Any) -> None:
    text = ("LONDON, May 2 (Reuters) — Former Attorney General Peter Brown told the committee that the "
            "inquiry should be reopened at once.")
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert quote.speaker == "Peter Brown"


def test_words_quoted_inside_a_reported_clause_are_the_reporters_speakers(nlp: Any) -> None:
    text = "Peter Brown says he goes “back to the talks tomorrow.”"
    quotes = quotes_in(nlp, text)
    marked = [q for q in quotes if q.text.startswith("back to")]
    assert marked
    assert all(q.speaker == "Peter Brown" for q in marked)


def test_a_time_taken_for_the_subject_gives_way_to_the_person_before_the_verb(nlp: Any) -> None:
    text = "Saturday at the party convention Sen. Mary Brown (D-MA) said the plan was a failure in business."
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert quote.speaker == "Mary Brown"


def test_she_does_not_resolve_to_a_man_called_mr_or_he_before(nlp: Any) -> None:
    text = "Mr Peter Brown spoke first. He said the talks had failed. She said the talks would go on."
    quotes = only(quotes_in(nlp, text), "indirect")
    assert [q.speaker for q in quotes] == ["Peter Brown", None]


def test_a_bare_role_joins_the_person_named_with_it_before(nlp: Any) -> None:
    text = ("Peter Brown, a spokesman for the ministry, said the border was closed. Mary Jones said it was "
            "open. The spokesman added that the army was ready.")
    quotes = only(quotes_in(nlp, text), "indirect")
    assert [q.speaker for q in quotes] == ["Peter Brown", "Mary Jones", "Peter Brown"]
    assert not quotes[-1].anonymous


def test_he_does_not_resolve_to_a_place(nlp: Any) -> None:
    text = "Peter Brown spoke in Paris. Paris said it would not sign the deal. He said the deal was bad."
    quotes = only(quotes_in(nlp, text), "indirect")
    assert quotes[-1].speaker == "Peter Brown"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("STATES LEAN RIGHT - Peter M. Brown: “Our analysis finds that twenty states lean one way.”",
         "Peter M. Brown"),
        ("From the report: “In general, larger samples produced more accurate results.”", "the report"),
    ],
)
def test_a_label_before_a_colon_speaks(nlp: Any, text: str, source: str) -> None:
    [quote] = only(quotes_in(nlp, text), "direct")
    assert text[quote.source_start : quote.source_end] == source  # type: ignore[index]


def test_a_clause_before_a_colon_is_no_label(nlp: Any) -> None:
    [quote] = only(quotes_in(nlp, "The result was clear: “Nobody wins this time.”"), "direct")
    assert quote.source_start is None


def test_paired_single_marks_are_a_double_quote(nlp: Any) -> None:
    text = "''That would be a very big story,'' the economist said. He won't say more, it's late."
    assert [text[s.start : s.end] for s in scan_quotes(text)] == ["That would be a very big story,"]
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker_description == "the economist"


def test_a_partial_quote_without_a_verb_is_the_named_subjects(nlp: Any) -> None:
    text = "Mary Brown has positioned her plan as a way to “build on the progress” of the last decade."
    [quote] = only(quotes_in(nlp, text), "partial")
    assert quote.speaker == "Mary Brown"


def test_a_partial_quote_takes_no_subject_from_inside_its_marks(nlp: Any) -> None:
    text = "On Monday, Peter Brown complained to a crowd that the paper “doesn’t treat me properly” at all."
    [quote] = only(quotes_in(nlp, text), "partial")
    assert quote.speaker == "Peter Brown"


def test_a_stray_straight_mark_before_a_curly_one_is_ignored(nlp: Any) -> None:
    text = "\"“You don’t win the race by how many states you win,” Brown responded."
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.text == "You don’t win the race by how many states you win,"
    assert quote.speaker == "Brown"


def test_a_label_before_a_colon_outranks_the_verb_before_it(nlp: Any) -> None:
    text = "Pollsters agree - Peter Brown: “One of the biggest lessons was a simple one.”"
    [quote] = only(quotes_in(nlp, text), "direct")
    assert quote.speaker == "Peter Brown"


def test_an_adverbial_before_the_verb_gives_its_nearest_apposition(nlp: Any) -> None:
    text = ("In an interview with the hosts Peter Brown and Mary Jones, the senior candidate stated that "
            "the comments did not fit.")
    [quote] = only(quotes_in(nlp, text), "indirect")
    assert quote.speaker_description == "the senior candidate"
