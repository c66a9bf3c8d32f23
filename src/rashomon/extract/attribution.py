"""Attribution: the cue words of reported speech, and who the source of a cue is.

Shared by the quotes, statements and quantities extractors. Everything here reads the one spaCy
parse; nothing re-parses. spaCy has no attribution component and the open extractors (textacy's
``direct_quotations``, the Gender Gap Tracker) cover direct quotes only or hard-code their own
pipelines, so the journalism conventions below are written by hand.

The conventions, in short:

* a cue is a speech verb ("said", "told", "tweeted", "warned"), a belief verb with a clausal
  complement ("believes that ..."), "according to", or a speech noun ("a statement", "his words");
* its source is the verb's subject (nsubj, the agent of a passive, the pobj of "according to",
  the noun a relative clause or participle hangs on, the subject of the verb a participle or
  conjunct depends on);
* a source whose head is a name is named; a pronoun is resolved later against the document's
  earlier speakers and person subjects; a common noun ("a former CIA officer", "one of his
  advisers") is an unnamed source: kept as a description with ``anonymous`` set;
* an apposition gives the other half: "Ali Nazari, Massoud's spokesman" and "Massoud's
  spokesman, Ali Nazari" both give the name Ali Nazari and the description "Massoud's spokesman";
* misparses handled: a name glued to its verb ("“...,” Trump barked"), a speech verb tagged as a
  noun ("Bozell answers") or fronted ("Continued Stone:"), a dateline or a time taken for the
  subject ("CLEVELAND, July 19 (UPI) — X told ...");
* resolution keeps he/she to the gender the text gives a name (a title, a gendered role noun, an
  earlier "he"), never takes a place for "he", and joins a bare role ("the spokesman") to the
  person named earlier with that role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rashomon.records import Mention

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
Doc = Any

# Verbs that report speech or writing. Lemmas, as en_core_web_sm lemmatises them.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "claim", "warn", "insist", "concede", "suggest", "indicate", "state",
        "write", "tweet", "post", "note", "explain", "argue", "announce", "report", "confirm", "deny",
        "acknowledge", "admit", "ask", "reply", "respond", "answer", "declare", "assert", "contend",
        "maintain", "predict", "promise", "vow", "pledge", "urge", "emphasise", "emphasize", "stress",
        "reveal", "disclose", "allege", "complain", "charge", "recall", "remark", "comment",
        "continue", "mention", "observe", "point", "agree", "caution", "threaten", "boast", "joke",
        "lament", "demand", "propose", "recommend", "estimate", "tout", "quip", "testify", "concur",
        "counter", "retort", "assure", "inform", "notify", "advise", "signal",
        "proclaim", "vote", "call", "describe", "criticize", "criticise", "accuse", "blame",
        "praise", "question", "wonder", "reiterate", "underline", "highlight", "conclude", "brief",
        "forecast", "project", "hint", "imply", "dismiss", "reject", "repeat", "rule",
        "confess", "recount", "scoff", "snap", "shout", "yell", "exclaim", "whisper", "mutter", "sigh",
        "gush", "chime", "interject", "summarize", "summarise", "relate", "opine", "posit", "theorize",
        "speculate", "muse", "reason", "affirm", "swear", "guarantee", "plead", "beg", "implore", "inquire",
        "enquire", "challenge", "protest", "object", "grumble", "bemoan", "decry", "condemn", "denounce",
        "slam", "blast", "mock", "ridicule", "tease", "hail", "laud", "applaud", "commend", "thank",
        "apologize", "apologise", "dispute", "refute", "rebut", "clarify", "elaborate", "underscore",
        "echo", "characterize", "characterise", "text", "email", "blog", "telegraph", "cable", "recite",
        "read", "begin", "go", "scream", "cry", "bark", "fire", "shoot", "growl", "thunder", "rage",
        "marvel", "counsel", "start", "press", "cut", "boom", "beam", "cheer", "roar", "chant", "preach",
        "rant", "rail", "fume",
    }
)
# Forms of speech verbs spaCy sometimes tags as proper nouns ("Murphy ... Tweeted on Friday").
SPEECH_FORMS = frozenset(form for verb in SPEECH_VERBS for form in (verb + "ed", verb + "d")) | {
    "said", "says", "told", "wrote", "writes", "tweets", "adds"}
# Speech acts whose object noun phrase is what was said ("denied the allegations").
OBJECT_CUES = frozenset(
    {"announce", "deny", "confirm", "report", "admit", "acknowledge", "claim", "criticize", "criticise",
     "praise", "mock", "condemn", "denounce", "blast", "slam", "reject", "dismiss", "propose", "predict",
     "reveal", "disclose", "allege", "decry", "ridicule", "hail", "applaud", "dispute", "refute", "recount",
     "describe", "mention", "repeat", "reiterate", "echo", "tout"}
)
# Verbs that are cues only before or after a quote, never for an indirect clause ("began", "went on").
QUOTE_ONLY = frozenset({"begin", "go", "read", "cry", "scream", "thank", "text", "start", "press", "cut"})
# Verbs that attribute a belief; cues only with a clause as complement ("he believes that ...").
BELIEF_VERBS = frozenset(
    {"believe", "think", "hope", "fear", "expect", "feel", "doubt", "suspect", "worry", "wish", "know",
     "want", "assume", "guess", "reckon", "understand", "realize", "realise", "agree"}
)
# Verbs whose infinitive complement is the content ("claimed to have recaptured ...").
INFINITIVE_CUES = frozenset({"claim", "vow", "promise", "pledge", "threaten", "deny", "refuse", "offer"})
# Phrasal cues: the particle that makes the verb a speech verb ("pointed out", "ruled out").
PHRASAL_ONLY = {"point": "out", "rule": "out"}
# Verbs listed above that only report speech with a clause or a quote ("called for" is not).
NEEDS_CLAUSE = frozenset({"call", "describe", "question", "vote", "continue", "agree", "project", "rule",
                          "dismiss", "reject", "praise", "criticize", "criticise", "accuse", "blame"})

# Nouns that carry words and name their author ("a statement by X", "his words", "X's tweet").
SPEECH_NOUNS = frozenset(
    {"statement", "word", "remark", "comment", "message", "tweet", "post", "column", "letter",
     "interview", "video", "release", "announcement", "communique", "communiqué", "speech", "op", "ed"}
)

# Where the words were said, when the text says so; first match in this order wins.
MEDIUM_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("statement", frozenset({"statement", "communique", "communiqué", "release"})),
    ("tweet", frozenset({"tweet", "twitter", "retweet"})),
    ("column", frozenset({"column", "op", "ed", "article", "essay", "editorial"})),
    ("interview", frozenset({"interview"})),
    ("phone call", frozenset({"telephone", "phone"})),
    ("social media", frozenset({"facebook", "telegram", "instagram", "whatsapp", "media", "video"})),
    ("press conference", frozenset({"conference", "briefing"})),
    ("letter", frozenset({"letter", "email", "e-mail"})),
    ("speech", frozenset({"speech", "address"})),
)

WRITTEN_LOOKBACK = 4  # sentences before "writes X" that may name the column it is quoted from
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
# Parts of a noun phrase that do not name the source: "X, who knows the valley well," ...
DROP_FROM_NP = frozenset({"relcl", "appos", "parataxis", "advcl"})
NP_BREAKS = frozenset({",", ";", ":", "(", ")", "\"", "“", "”", "—", "–"})  # hyphens inside words stay
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "dep", "appos", "oprd"})


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """The source of one cue as the text gives it, before and after pronoun resolution."""

    start: int  # the words naming the source at the cue ("he", "a former CIA officer")
    end: int
    text: str
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None
    description: str | None = None
    anonymous: bool = False
    pronoun: str | None = None  # set while a pronoun waits for resolution
    plural: bool = False
    organisation: bool = False
    medium: str | None = None


def name_spans(doc: Doc, mentions: Sequence[Mention]) -> list[NameSpan]:
    """Names in the document: the entities helper's mentions, else spaCy's own entities."""
    if mentions:
        wanted = NAME_LABELS | {"LOC"}
        spans = [NameSpan(m.start, m.end, m.text, m.label) for m in mentions if m.label in wanted]
    else:
        spans = [NameSpan(e.start_char, e.end_char, _strip_possessive(e.text), e.label_) for e in doc.ents]
    return sorted(spans, key=lambda s: (s.start, -s.end))


def is_cue(token: Token) -> bool:
    """A verb (or "according") that can introduce reported speech or belief."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.pos_ == "PROPN" and token.lower_ in SPEECH_FORMS and not token.is_sent_start:
        return True  # a capitalised "Tweeted" in running text
    if _fronted_speech_verb(token) or _glued_speech_verb(token):
        return True
    if token.pos_ not in ("VERB", "AUX") or (token.tag_ == "VBN" and token.dep_ == "amod"):
        return False
    if lemma in PHRASAL_ONLY:
        return any(c.dep_ == "prt" and c.lower_ == PHRASAL_ONLY[lemma] for c in token.children)
    if lemma in SPEECH_VERBS:
        return True
    return lemma in BELIEF_VERBS and any(c.dep_ == "ccomp" for c in token.children)


def _fronted_speech_verb(token: Token) -> bool:
    """ "Continued Stone: ..." / "Added Smith, ...": a sentence-initial speech verb the parser read as
    an adjective on the name after it."""
    if not (token.is_sent_start and token.dep_ == "amod" and token.lemma_.lower() in SPEECH_VERBS):
        return False
    name = token.head
    after = name.i + 1
    return bool(name.pos_ == "PROPN" and 0 < name.i - token.i <= 3 and after < len(token.doc)
                and token.doc[after].text in (":", ","))


THIRD_PERSON_FORMS = frozenset(verb + "s" for verb in SPEECH_VERBS) | {"says"}


def _glued_speech_verb(token: Token) -> bool:
    """ "“...,” Bozell answers.": a speech verb after a name the parser took for a plural noun."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ not in THIRD_PERSON_FORMS or token.i < 2:
        return False
    name = token.doc[token.i - 1]
    before = token.doc[token.i - 2]
    return bool(name.pos_ == "PROPN" and name.head.i == token.i and before.text in "\"”’,")


def needs_clause(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return bool(lemma in NEEDS_CLAUSE or lemma in BELIEF_VERBS or lemma in QUOTE_ONLY)


def is_speech_noun(token: Token) -> bool:
    return bool(token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in SPEECH_NOUNS)


def is_authored_speech_noun(token: Token) -> bool:
    """A speech noun that names its author ("his words:", "Massoud's column", "a statement by X")."""
    if not is_speech_noun(token):
        return False
    if any(c.dep_ == "poss" for c in token.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("by", "from") for c in token.children)


def source_head(cue: Token, depth: int = 0) -> Token | None:
    """The token heading the cue's source: its subject, agent, or the pobj of "according to"."""
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    # The subject nearest the verb: "Refugees, Mr Housaini says, have ..." can give "says" two.
    subjects = sorted(
        (c for c in cue.children
         if (c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and cue.lemma_ == "quote"))
         and (c.pos_ != "ADJ" or c.i > cue.i)),  # "said the 46-year-old", not "Aware of ..., X said"
        # Before the verb first: in "said hundreds of fighters were ..." the later subject is content.
        key=lambda c: (c.i > cue.i, abs(c.i - cue.i)),
    )
    if subjects:
        if subjects[0].lower_ in RELATIVE_PRONOUNS:
            return _relative_antecedent(cue)
        return _nearer_person(_past_dateline(subjects[0], cue), cue)
    if _fronted_speech_verb(cue):
        return cue.head  # "Continued Stone:"
    glued = _glued_name(cue)
    if glued is not None:
        return glued
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    inverted = _inverted_subject(cue)
    if inverted is not None:  # "..., said Mahdi Housaini, an aide ..." parsed as another verb's subject
        return inverted
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
        if is_speech_noun(cue.head) or cue.head.dep_ in SUBJECT_DEPS:  # "a statement saying ..."
            return cue.head
        if cue.head.dep_ == "pobj":  # "ends with a voice-over saying ...": the voice speaks
            return cue.head
        if cue.head.dep_ == "dobj" and depth < 3 and cue.head.head.pos_ in ("VERB", "AUX"):
            return source_head(cue.head.head, depth + 1)  # "emailed supporters saying ..."
        return None
    if cue.tag_ in ("VBD", "VBZ", "VBP", "VBN") and cue.dep_ not in ("advcl", "xcomp", "relcl", "amod"):
        preceding = _phrase_ending_before(cue)
        if preceding is not None:  # a finite "said" the parser left without its subject
            return preceding
    by_verb = cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and cue.head.head.pos_ in ("VERB", "AUX")
    if depth < 3 and by_verb:
        return source_head(cue.head.head, depth + 1)  # "Obama punctuated his list by saying ..."
    trailing = cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ","
    if depth == 0 and trailing and cue.head.i > cue.i:  # hung on a verb after it: inside the quote
        return _main_subject_before(cue)
    if depth < 3 and cue.dep_ in ("conj", "advcl", "dep") and cue.head.pos_ in ("VERB", "AUX"):
        found = source_head(cue.head, depth + 1)  # "..., saying ...", "He added ... and said ..."
        if found is not None:
            return found
    if depth == 0 and trailing:
        return _main_subject_before(cue)
    return None


def _main_subject_before(cue: Token) -> Token | None:
    """ "Clinton seemed ready to riff on it, telling the crowd, “...”": a participle after a comma
    speaks for the subject of its sentence, even when the parser hangs it inside the quote."""
    root = cue.sent.root
    if root.i >= cue.i or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    if subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return subject


def _glued_name(cue: Token) -> Token | None:
    """ "“...,” Trump barked": the parser hung the name on the verb as a compound, not its subject."""
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.head.i == cue.i and before.dep_ == "compound" and before.pos_ == "PROPN":
        return before
    return None


def _nearer_person(subject: Token, cue: Token) -> Token:
    """ "Saturday at the convention Sen. Warren (D-MA) said ...", "Thursday in Washington, Sen. Graham
    called ...": the parser took a time or a place for the subject; a person named right before the
    verb is the speaker."""
    if cue.i < subject.i or subject.ent_type_ == "PERSON" or subject.pos_ == "PRON":
        return subject
    if subject.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC"):
        return subject
    end = cue.i - 1
    if end > subject.i and cue.doc[end].text == ")":  # "Sen. Lindsey Graham (R-SC) called"
        opening = next((t.i for t in reversed(cue.doc[subject.i : end]) if t.text == "("), None)
        end = opening - 1 if opening is not None else end
    person = cue.doc[end]
    if end > subject.i and person.ent_type_ == "PERSON" and person.pos_ == "PROPN":
        return person
    return subject


def _past_dateline(subject: Token, cue: Token) -> Token:
    """ "CLEVELAND, July 19 (UPI) — Michael Mukasey told ...": the dateline is no speaker; the parser
    makes the place the subject and the person its apposition after the dash."""
    dash = next((t.i for t in subject.doc[subject.i + 1 : cue.i] if t.text in ("—", "–", "--")), None)
    if dash is None or subject.pos_ != "PROPN" or not subject.is_sent_start:
        return subject
    later = [c for c in subject.children if c.dep_ == "appos" and dash < c.i < cue.i]
    return later[-1] if later else subject


def _phrase_ending_before(cue: Token) -> Token | None:
    """The largest noun phrase that ends right before the verb (its subject, misparsed)."""
    end = cue.i - 1
    while end >= 0 and cue.doc[end].is_punct and cue.doc[end].text not in "\"“”":
        end -= 1  # "Brent Bozell III, founder of the Center, tells ...": the comma closes the phrase
    if end < 0:
        return None
    token = cue.doc[end]
    chain = []
    same_sentence = cue.sent.start
    while token.right_edge.i in (end, cue.i - 1) and token.i != token.head.i\
            and token.sent.start == same_sentence:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            chain.append(token)
        # A conjunct without "and" is an introductory phrase misparsed: "In a sign of X, Y says".
        bare_conj = token.dep_ == "conj" and not any(c.dep_ == "cc" for c in token.head.children)
        if token.head.i > cue.i or bare_conj:
            break
        if token.head.i == cue.i and token.dep_ in ("prep", "advmod", "npadvmod"):
            # "In a statement to the Observer, her adviser, Jake Sullivan, said": the phrase is an
            # adverbial; only an apposition in it names the speaker.
            appositions = [t for t in chain if t.dep_ == "appos"]
            return appositions[0] if appositions else None  # the one nearest the verb
        token = token.head
    # Highest name or speech noun ("Ahmed Massoud, the leader of ... soldiers says"), else a non-object noun.
    named = [t for t in chain if t.pos_ == "PROPN" or is_speech_noun(t)]
    plain = [t for t in chain if t.dep_ not in ("pobj", "dobj", "attr")]
    return (named or plain or [None])[-1]


def relative_subject(cue: Token) -> Token | None:
    """The relative pronoun ("who") that is the cue's written subject, when it is one."""
    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(
        c.dep_ in SUBJECT_DEPS for c in verb.children
    ):
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS), None)


def _relative_antecedent(cue: Token) -> Token | None:
    """ "Salleh, who vowed ..." -> Salleh: climb conjuncts to the relative clause, then its noun."""
    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":  # "X, Afghanistan's former vice president, who"
        noun = noun.head
    return noun


def _inverted_subject(cue: Token) -> Token | None:
    """The name right after the verb in "..., said X": spaCy often hangs it on a later verb."""
    doc = cue.doc
    for j in range(cue.i + 1, min(cue.i + 5, len(doc))):
        token = doc[j]
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN") and token.head.i != cue.i:
            between = doc[cue.i + 1 : j]
            ends = j + 1 >= len(doc) or doc[j + 1].is_punct or doc[j + 1].lower_ in RELATIVE_PRONOUNS
            if ends and all(t.dep_ in ("compound", "det", "amod", "nmod") for t in between):
                return token  # not "said hundreds of fighters were heading ...": that is content
            return None
        if token.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT") or token.text in ",;:.\"“”":
            break
    # "“...,” said the 46-year-old." / "Stated Stone:": the parser made the name the verb's object.
    after_quote = cue.i > 0 and (doc[cue.i - 1].text in "\"”’" or cue.is_sent_start)
    if not after_quote:
        return None
    for child in cue.children:
        if child.i > cue.i and child.dep_ in INVERTED_DEPS and child.pos_ in ("PROPN", "NOUN", "NUM") and all(
            t.pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM", "PUNCT") for t in doc[cue.i + 1 : child.i]
        ):
            return child
    return None


def describe_source(head: Token, names: Sequence[NameSpan], excluded: bytearray | None = None) -> Speaker:
    """Name, description and kind of the source phrase headed by ``head``."""
    doc = head.doc
    np = noun_phrase(head, excluded)
    start, end = np[0].idx, np[-1].idx + len(np[-1])
    text = doc.text[start:end]
    plural = head.tag_ in ("NNS", "NNPS")
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | FIRST_PERSON:
        return Speaker(start, end, text, pronoun=lower, plural=lower in GROUP_PRONOUNS)
    if is_speech_noun(head):
        return _speech_noun_source(head, np, names, start, end, text)
    name = _name_of(head, np, names)
    if name is not None:
        description = _description_around(head, np, name)
        return Speaker(start, end, text, name.text, name.start, name.end, description, plural=plural,
                       organisation=_is_organisation(head, name))
    # "Massoud's spokesman, Ali Nazari": the apposition names him (spaCy may hang it on a later noun).
    for appos in (t for t in head.subtree if t.dep_ == "appos" and t.i > head.i):
        if excluded is not None and excluded[appos.idx]:
            continue
        appos_np = noun_phrase(appos, excluded)
        named = _name_of(appos, appos_np, names)
        if named is not None and appos.pos_ == "PROPN":
            stop = appos_np[-1].idx + len(appos_np[-1])
            description = _clean(doc.text[start : appos_np[0].idx])
            return Speaker(start, stop, doc.text[start:stop], named.text, named.start, named.end, description,
                           plural=plural, organisation=_is_organisation(appos, named))
    # A common noun: an unnamed source ("a former CIA officer", "one of his advisers").
    return Speaker(start, end, text, description=_clean(text), anonymous=True, plural=plural)


def noun_phrase(head: Token, excluded: bytearray | None = None) -> list[Token]:
    """The contiguous tokens of ``head``'s phrase, without relative clauses, appositions or quotes."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in DROP_FROM_NP or (child.dep_ == "acl" and child.i < head.i):
                continue
            if _fronted_speech_verb(child):  # "Continued Stone:": the verb is no part of the name
                continue
            if child.dep_ == "punct" and child.text in NP_BREAKS:
                continue
            if excluded is not None and excluded[child.idx]:
                continue
            keep.add(child.i)
            stack.append(child)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    tokens = [head.doc[i] for i in range(lo, hi + 1)]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    return tokens


def resolve_pronouns(speakers: Sequence[tuple[int, Speaker]], doc: Doc, names: Sequence[NameSpan],
                     reported: Sequence[tuple[int, int]] = ()) -> list[Speaker]:
    """Replace pronoun sources with their antecedent: the latest earlier compatible speaker or person subject.

    Journalism attributes a run of quotes to the last person introduced, so the candidates are
    the sources already found (named or not) and the PERSON names that are a clause's subject.
    A name inside reported words (``reported`` spans: "he said Massoud had opened ...") is not a
    candidate. ``speakers`` are (position, speaker) pairs; the result keeps their order.
    """
    subjects = [n for n in person_subjects(doc, names) if not any(s <= n.start < e for s, e in reported)]
    candidates = sorted([(n.start, _named(n)) for n in subjects], key=lambda c: c[0])
    order = sorted(range(len(speakers)), key=lambda i: speakers[i][0])
    resolved: list[Speaker | None] = [None] * len(speakers)
    genders = _known_genders(speakers, doc)
    places = {n.text for n in names if n.label in PLACE_LABELS - {"NORP"}} - {
        n.text for n in names if n.label == "PERSON"}
    for i in order:
        position, speaker = speakers[i]
        if speaker.pronoun is not None:
            antecedent = _antecedent(speaker.pronoun, position, candidates, genders, places)
            if antecedent is not None and antecedent.name and speaker.pronoun in GENDERED:
                genders.setdefault(antecedent.name, GENDERED[speaker.pronoun])  # "he" once, "he" after
            speaker = _adopt(speaker, antecedent) if antecedent else speaker
        elif (role := _bare_role(speaker)) is not None:
            named = _role_holder(role, position, candidates)
            speaker = _adopt(speaker, named) if named else speaker
        resolved[i] = speaker
        if speaker.pronoun is None and (speaker.name or speaker.description):
            candidates.append((position, speaker))
            candidates.sort(key=lambda c: c[0])
    return [s for s in resolved if s is not None]


def person_subjects(doc: Doc, names: Iterable[NameSpan]) -> list[NameSpan]:
    """PERSON names that are (part of) a clause's subject: the people a later "he" can mean."""
    found = []
    for name in names:
        if name.label not in ("PERSON", "ORG", "GPE"):
            continue
        span = doc.char_span(name.start, name.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if name.label != "PERSON" and (root.pos_ != "PROPN" or any(c.dep_ == "det" for c in root.children)):
            continue
        while root.dep_ in ("appos", "conj") and root.head.i != root.i:
            root = root.head
        if root.dep_ in SUBJECT_DEPS:
            found.append(name)
    return found


def medium_of(cue: Token, excluded: bytearray | None = None) -> str | None:
    """The medium the sentence names around the cue: tweet, interview, column, statement, phone call ..."""
    sent = cue.sent
    words = {t.lemma_.lower() for t in sent if excluded is None or not excluded[t.idx]}
    words |= {t.lower_ for t in sent if excluded is None or not excluded[t.idx]}
    if cue.lemma_.lower() == "tweet":
        return "tweet"
    for medium, cues in MEDIUM_WORDS:
        if medium == "social media" and "media" in words and "social" not in words:
            continue
        if words & cues:
            return medium
    if cue.lemma_.lower() == "write":  # "In a recent column ..., X admits. [quote] writes X."
        start = sent.start
        for _ in range(WRITTEN_LOOKBACK):
            if start <= 0:
                break
            previous = cue.doc[start - 1].sent
            if {t.lemma_.lower() for t in previous} & MEDIUM_WORDS[2][1]:
                return "column"
            start = previous.start
    return None


def _speech_noun_source(head: Token, np: Sequence[Token], names: Sequence[NameSpan], start: int, end: int,
                        text: str) -> Speaker:
    """ "a statement on the Taliban's social media accounts" -> the Taliban, medium statement."""
    medium = next((m for m, cues in MEDIUM_WORDS if head.lemma_.lower() in cues), None)
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
            return Speaker(child.idx, child.idx + len(child), child.text, pronoun=child.lower_,
                           plural=child.lower_ in GROUP_PRONOUNS, medium=medium)
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            words = noun_phrase(child)
            lo, hi = words[0].idx, words[-1].idx + len(words[-1])
            return Speaker(lo, hi, head.doc.text[lo:hi], head.doc.text[lo:hi], lo, hi, medium=medium,
                           organisation=any(c.dep_ == "det" for c in child.children))
    lo, hi = np[0].idx, np[-1].idx + len(np[-1])
    inside = [n for n in names if lo <= n.start and n.end <= hi and n.label in NAME_LABELS]
    if inside:
        name = inside[0]
        return Speaker(start, end, text, name.text, name.start, name.end, organisation=name.label != "PERSON",
                       medium=medium)
    if head.dep_ == "dobj" and head.head.pos_ == "VERB":  # "Trump and Ryan issued a statement ..."
        author = source_head(head.head)
        if author is not None and author.i != head.i:
            return replace(describe_source(author, names), medium=medium)
    return Speaker(start, end, text, description=_clean(text), medium=medium)


def _is_organisation(head: Token, name: NameSpan) -> bool:
    """An organisation ("the Taliban", NORP groups); spaCy's ORG/GPE labels on rare person names are
    too often wrong ("Fahim Dashty" ORG, "Nazari" GPE) to keep "he" from them."""
    return name.label == "NORP" or any(c.dep_ == "det" for c in head.children)


def _name_of(head: Token, np: Sequence[Token], names: Sequence[NameSpan]) -> NameSpan | None:
    """The name the phrase gives its head: an entity containing it, or its run of proper nouns."""
    at = head.idx
    for name in names:
        if name.start <= at < name.end and name.label in NAME_LABELS:
            return name
    if head.pos_ != "PROPN":
        return None
    lo, hi = np[0].idx, np[-1].idx + len(np[-1])
    people = [n for n in names if lo <= n.start and n.end <= hi and n.label == "PERSON"]
    if people:
        return people[-1]
    # No entity: the last run of proper nouns that is not a place ("Ambassador to Kabul Dmitry Zhirnov").
    places = [(n.start, n.end) for n in names if n.label in PLACE_LABELS]
    runs: list[list[Token]] = [[]]
    for token in np:
        in_place = any(s <= token.idx < e for s, e in places)
        if token.pos_ == "PROPN" and not in_place and token.tag_ != "POS":
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    runs = [r for r in runs if r]
    if not runs:
        return None
    run = next((r for r in runs if head in r), runs[-1]) if len(runs[-1]) < 2 else runs[-1]
    start, end = run[0].idx, run[-1].idx + len(run[-1])
    return NameSpan(start, end, head.doc.text[start:end], "PERSON")


def _description_around(head: Token, np: Sequence[Token], name: NameSpan) -> str | None:
    """What the phrase says of the named source besides the name: an apposition or a title."""
    for appos in (c for c in head.children if c.dep_ == "appos"):
        if appos.pos_ in ("NOUN", "PROPN") and appos.lower_ not in PERSON_PRONOUNS | {"himself", "herself"}:
            words = noun_phrase(appos)
            return _clean(head.doc.text[words[0].idx:words[-1].idx + len(words[-1])])
    rest = [t for t in np if not (name.start <= t.idx < name.end) and t.tag_ != "POS"]
    if any(t.pos_ == "NOUN" for t in rest) or sum(t.is_alpha for t in rest) >= 2:  # not a bare "Mr"
        pieces = [head.doc.text[t.idx:t.idx + len(t)] for t in rest]
        return _clean(" ".join(pieces))
    return None


GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
            "herself": "f"}
# Words in a source phrase that give a person's gender: titles and gendered role nouns.
GENDER_WORDS = {
    "mr": "m", "mr.": "m", "sir": "m", "spokesman": "m", "congressman": "m", "chairman": "m",
    "businessman": "m", "father": "m", "son": "m", "husband": "m", "brother": "m", "king": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "spokeswoman": "f",
    "congresswoman": "f", "chairwoman": "f", "businesswoman": "f", "mother": "f", "daughter": "f",
    "wife": "f", "sister": "f", "queen": "f",
}
ROLE_DETERMINERS = frozenset({"the", "this", "that"})


def _known_genders(speakers: Sequence[tuple[int, Speaker]], doc: Doc) -> dict[str, str]:
    """Names whose gender the text states: "Mr Brown", "Jane Doe, a spokeswoman for ...".

    A small consistency rule, not a name list: it keeps a "she" from resolving to a man the text
    has called "Mr" or "spokesman", and (through the caller) to a man an earlier "he" stood for.
    """
    genders: dict[str, str] = {}
    for _, speaker in speakers:
        if not speaker.name:
            continue
        words = (speaker.text + " " + (speaker.description or "")).lower().replace(",", " ").split()
        found = {GENDER_WORDS[w] for w in words if w in GENDER_WORDS}
        if len(found) == 1:
            genders.setdefault(speaker.name, found.pop())
    return genders


def _bare_role(speaker: Speaker) -> str | None:
    """The role noun of an unnamed source written as a bare definite role: "the spokesman" -> spokesman."""
    if not speaker.anonymous or speaker.plural or not speaker.description:
        return None
    words = speaker.description.lower().split()
    if len(words) < 2 or len(words) > 3 or words[0] not in ROLE_DETERMINERS or not words[-1].isalpha():
        return None
    return words[-1]


def _role_holder(role: str, position: int, candidates: Sequence[tuple[int, Speaker]]) -> Speaker | None:
    """The latest earlier named source the story gave that role: "Jane Doe, a spokeswoman for the
    ministry, said ..." then "the spokeswoman added ..." (the journalism convention of naming once)."""
    for at, candidate in reversed(candidates):
        if at >= position or not candidate.name:
            continue
        described = (candidate.text + " " + (candidate.description or "")).lower()
        if role in described.replace(",", " ").split():
            return candidate
    return None


def _antecedent(pronoun: str, position: int, candidates: Sequence[tuple[int, Speaker]],
                genders: dict[str, str] | None = None, places: frozenset[str] | set[str] = frozenset(),
                ) -> Speaker | None:
    if pronoun in FIRST_PERSON:
        return None
    wanted = GENDERED.get(pronoun)
    for at, candidate in reversed(candidates):
        if at >= position:
            continue
        if pronoun in PERSON_PRONOUNS and not candidate.plural and not candidate.organisation:
            if candidate.name in places:
                continue  # "he" is not "Washington"
            known = (genders or {}).get(candidate.name or "")
            if wanted and known and known != wanted:
                continue  # "she" is not the man called "he" or "Mr" before
            return candidate
        if pronoun in GROUP_PRONOUNS and (candidate.plural or candidate.organisation):
            return candidate
        if pronoun in THING_PRONOUNS and candidate.organisation:
            return candidate
    return None


def _adopt(speaker: Speaker, antecedent: Speaker) -> Speaker:
    return replace(
        speaker,
        name=antecedent.name,
        name_start=antecedent.name_start,
        name_end=antecedent.name_end,
        description=antecedent.description,
        anonymous=antecedent.anonymous,
        plural=antecedent.plural,
        organisation=antecedent.organisation,
        pronoun=None,
    )


def _named(name: NameSpan) -> Speaker:
    return Speaker(name.start, name.end, name.text, name.text, name.start, name.end)


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


TRAILING_FUNCTION_WORDS = ("of", "to", "for", "in", "on", "at", "by", "with", "from", "and", "the", "a", "an")


def _clean(text: str) -> str | None:
    text = " ".join(text.split()).strip(" ,;:—–-\"“”‘’")
    words = text.split()
    while words and words[-1].lower() in TRAILING_FUNCTION_WORDS:  # a phrase cut at a quoted title
        words.pop()
    return " ".join(words) or None
