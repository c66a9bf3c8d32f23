"""Name normalisation shared by the entity extractor and resolver: keys, titles, kin words, acronyms.

Keys are written by hand: jellyfish's metaphone is English-centric and is only a bench dependency,
while news transliterations vary in exactly the places a consonant skeleton ignores (vowels, doubled
letters, q/k, ph/f): Ahmad/Ahmed, Saleh/Salleh, Qaeda/Qaida all share a skeleton.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

# Words in front of a name that say what the person is, not who: recorded as cues, not name.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "mister",
        "president",
        "vice",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "ambassador",
        "envoy",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "gen",
        "general",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "cmdr",
        "commander",
        "sgt",
        "sergeant",
        "adm",
        "admiral",
        "marshal",
        "field",
        "chief",
        "commissioner",
        "inspector",
        "officer",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "mayor",
        "judge",
        "justice",
        "attorney",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sheik",
        "shaikh",
        "mullah",
        "maulvi",
        "imam",
        "ayatollah",
        "pope",
        "cardinal",
        "bishop",
        "rev",
        "reverend",
        "father",
        "saint",
        "st",
        "former",
        "ex",
        "late",
        "deputy",
        "acting",
        "interim",
    ]
)
# Titles that show the bearer is a person (a "former" or "acting" alone does not).
PERSON_TITLES = TITLES - {"former", "ex", "late", "deputy", "acting", "interim", "vice", "field", "st"}

# Words after a surname that mark the older or younger of two namesakes, in the languages
# news is translated from: "Massoud Sr.", "Massoud Padre", "Massoud junior", "Bush fils".
SENIOR_WORDS = frozenset({"sr", "senior", "padre", "pere", "père", "vater", "elder"})
JUNIOR_WORDS = frozenset({"jr", "junior", "hijo", "fils", "sohn", "younger"})

KIN_NOUNS = frozenset(
    [
        "father",
        "mother",
        "son",
        "daughter",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "nephew",
        "niece",
        "cousin",
        "grandfather",
        "grandmother",
        "grandson",
        "granddaughter",
        "wife",
        "husband",
        "widow",
        "widower",
        "stepfather",
        "stepmother",
        "stepson",
        "stepdaughter",
    ]
)
# The reverse of each parent/child relation, to turn "X is the son of Y" into "Y is X's father".
KIN_INVERSE = {
    "son": "father",
    "daughter": "father",
    "father": "son",
    "mother": "son",
    "grandson": "grandfather",
    "grandfather": "grandson",
}

PARTICLES = frozenset(
    {"al", "el", "ul", "bin", "ibn", "bint", "van", "von", "de", "der", "da", "di", "du", "le"}
)
ARTICLES = frozenset({"the"})
TYPO_SCORE = 88.0  # rapidfuzz ratio above which two long name words are one word misspelt
# Words after which a longer name goes on about the same thing ("Gulf of Aden between ...").
CONTINUATIONS = frozenset({"of", "between", "in", "on", "off", "near", "for", "de", "del"})
# Small words skipped when taking a long form's initials ("Islamic State of Iraq" -> ISI).
ACRONYM_SKIP = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "del", "la", "el", "des", "du", "y", "et"}
)

_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "z": "s", "v": "f", "w": "u", "y": "i", "j": "j"})
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Casefolded text without accents, apostrophes or dots ("al-Qaïda" -> "al-qaida")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("’", "").replace("'", "").replace(".", "")


def name_tokens(text: str) -> list[str]:
    """Folded word tokens of a name, hyphens and spaces alike ("Al-Qaeda" -> ["al", "qaeda"])."""
    return _TOKEN_RE.findall(fold(text))


_NICKNAME_RE = re.compile(r"""(?:^|\s)(?:'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”|\([^)]*\))(?=\s|$)""")


def key(text: str) -> str:
    """The matching key of a name: folded tokens without a leading article ("The Taliban" -> "taliban")
    or a nickname in quotes or brackets ("Vincent 'The Chin' Gigante" -> "vincent gigante")."""
    tokens = name_tokens(_NICKNAME_RE.sub(" ", text))
    while tokens and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def skeleton(token: str) -> str:
    """Consonant skeleton of one folded token: first letter kept, vowels and doubled letters dropped.

    "ahmad"/"ahmed" -> "ahmd", "saleh"/"salleh" -> "slh", "qaeda"/"qaida" -> "kd".
    """
    if not token:
        return ""
    mapped = token.replace("ph", "f").replace("kh", "k").replace("gh", "g").translate(_SKELETON_MAP)
    mapped = mapped.replace("ou", "u").replace("oo", "u")
    head, tail = mapped[0], mapped[1:]
    consonants = [c for c in tail if c not in "aeiouh"]
    out = [head]
    for c in consonants:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def skeleton_key(text: str) -> str:
    """Skeleton of every token of a name, particles folded in ("al-Qaida" -> "al kd")."""
    return " ".join(skeleton(t) for t in key(text).split())


def initials(text: str) -> str:
    """Initials of a long form's content words ("National Resistance Front" -> "NRF")."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    letters = [w[0] for w in words if w.casefold() not in ACRONYM_SKIP and w[:1].isalpha()]
    return "".join(letters).upper()


def is_acronym(text: str) -> bool:
    """An all-capitals word of 2-6 letters, dots allowed ("NRF", "U.S.", "ISIS")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def acronym_matches(acronym: str, long_form: str, *, any_order: bool = False) -> bool:
    """Whether ``acronym`` abbreviates ``long_form``; ``any_order`` accepts another language's word
    order (FNR for "National Resistance Front", translated from "Frente Nacional de Resistencia")."""
    short = acronym.replace(".", "").upper()
    full = initials(long_form)
    if len(full) < 2:
        return False
    if short == full or (len(full) == len(short) + 1 and full.startswith(short)):
        return True  # "NRF" for "National Resistance Front of Afghanistan" (NRFA) too
    return any_order and len(short) >= 3 and sorted(short) == sorted(full)


def is_title(word: str) -> bool:
    return fold(word) in TITLES


def kin_suffix(word: str) -> str | None:
    """ "senior" or "junior" when ``word`` marks one of two namesakes."""
    folded = fold(word)
    if folded in SENIOR_WORDS:
        return "senior"
    if folded in JUNIOR_WORDS:
        return "junior"
    return None


DEMONYM_SUFFIXES = ("i", "is", "s", "es", "an", "ans", "ese", "ist", "ists", "ite", "ites")


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: same skeleton, and not a place and its people ("Panjshir"/"Panjshiris")."""
    key_a, key_b = key(a), key(b)
    if key_a == key_b:
        return True
    if skeleton_key(a) != skeleton_key(b):
        return False
    short, long = sorted((key_a, key_b), key=len)
    return not (long.startswith(short) and long[len(short) :] in DEMONYM_SUFFIXES)


def same_token(a: str, b: str) -> bool:
    """Two folded name words that are one word spelt two ways (or an initial and its word)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]  # an initial matches a full name ("W." / "Walker")
    if a[0] != b[0]:
        return False
    return same_name(a, b) or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= TYPO_SCORE)


def compatible(a: list[str], b: list[str], *, person: bool) -> bool:
    """Whether two multi-word names (folded tokens) can name one thing.

    Same length: word by word the same (spelling variants and typos allowed). Different lengths:
    a person's shorter name drops only initials ("Mark Felt" / "W. Mark Felt"): with a whole word more
    it is someone else ("Ahmad Massoud" / "Ahmad Shah Massoud", "Omar Haddad" / "Rashid Omar Haddad",
    as sons are named after fathers). Other names may drop leading words ("Red Sox" / "Boston Red
    Sox") or go on with "of ..." ("National Resistance Front of Afghanistan").
    """
    if len(a) == len(b):
        return all(same_token(x, y) for x, y in zip(a, b, strict=True))
    short, long = sorted((a, b), key=len)
    if len(short) < 2:
        return False  # a surname alone is resolved against its document first
    tail = long[len(long) - len(short) :]
    if not person and all(same_token(x, y) for x, y in zip(short, tail, strict=True)):
        return True
    if person:
        rest = iter(long)
        in_order = all(any(same_token(s, t) for t in rest) for s in short)
        return in_order and sum(len(t) > 1 for t in long) == sum(len(t) > 1 for t in short)
    head = long[: len(short)]
    return (
        all(same_token(x, y) for x, y in zip(short, head, strict=True)) and long[len(short)] in CONTINUATIONS
    )
