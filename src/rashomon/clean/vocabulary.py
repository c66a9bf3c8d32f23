"""Small word lists the line classifier uses as features.

These are *kinds* of words (the vocabulary of web-page interfaces, of photo credits, of author
bios), not lines from any page: a page never seen before still says "subscribe", "share" or
"leave a reply" when it wants something from the reader. Stopword lists come from jusText
(a trafilatura dependency), which ships frequency-derived lists for 100 languages.
"""

from __future__ import annotations

from functools import cache

import justext  # no stubs: see the mypy overrides in pyproject.toml

# Languages whose stopword lists we test when guessing a document's language (ISO 639-1 -> jusText name).
LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "tr": "Turkish",
    "id": "Indonesian",
    "ko": "Korean",
    "ar": "Arabic",
    "fa": "Persian",
    "sv": "Swedish",
    "cs": "Czech",
}


@cache
def stopwords(language: str | None = "en") -> frozenset[str]:
    """jusText's stoplist for an ISO code; empty for a language we have no list for (None)."""
    if language is None:
        return frozenset()
    return frozenset(justext.get_stoplist(LANGUAGES.get(language, "English")))


# Interface vocabulary -> the reason a line made of it is removed. One hit decides only for short lines;
# longer lines need several hits (prose says "support" and "join" too).
INTERFACE_WORDS: dict[str, str] = {
    # navigation
    "skip": "navigation", "menu": "navigation", "homepage": "navigation", "navigation": "navigation",
    "breadcrumb": "navigation", "previous": "navigation", "more": "navigation",
    "trending": "navigation", "popular": "navigation", "tags": "navigation", "topics": "navigation",
    "related": "navigation", "sections": "navigation", "search": "navigation", "latest": "navigation",
    "updates": "navigation", "click": "navigation", "tap": "navigation",
    "read": "navigation", "continue": "navigation", "top": "navigation",
    "content": "navigation", "page": "navigation", "listen": "navigation", "watch": "navigation",
    "video": "navigation", "podcast": "navigation", "loading": "navigation",
    # calls to action
    "support": "call-to-action", "donate": "call-to-action", "donation": "call-to-action",
    "contribute": "call-to-action", "subscribe": "call-to-action", "subscription": "call-to-action",
    "subscribers": "call-to-action", "join": "call-to-action",
    "membership": "call-to-action", "member": "call-to-action", "premium": "call-to-action",
    "jobs": "call-to-action", "career": "call-to-action", "careers": "call-to-action",
    "download": "call-to-action", "app": "call-to-action", "advertisement": "call-to-action",
    "advertise": "call-to-action", "sponsored": "call-to-action", "ad": "call-to-action",
    "helping": "call-to-action", "help": "call-to-action", "consider": "call-to-action",
    "offer": "call-to-action", "free": "call-to-action", "trial": "call-to-action", "buy": "call-to-action",
    "shop": "call-to-action", "deals": "call-to-action", "register": "call-to-action",
    "sign": "call-to-action", "login": "call-to-action", "log": "call-to-action", "account": "call-to-action",
    # comment forms and captchas
    "comment": "comment-form", "comments": "comment-form", "reply": "comment-form",
    "replies": "comment-form", "email": "comment-form", "required": "comment-form", "fields": "comment-form",
    "website": "comment-form", "cancel": "comment-form", "submit": "comment-form", "post": "comment-form",
    "discussion": "comment-form", "captcha": "captcha", "robot": "captcha",
    # newsletters
    "newsletter": "newsletter", "newsletters": "newsletter", "mailing": "newsletter", "inbox": "newsletter",
    "unsubscribe": "newsletter", "alerts": "newsletter",
    # social
    "share": "social", "shares": "social", "tweet": "social", "facebook": "social", "twitter": "social",
    "whatsapp": "social", "linkedin": "social", "telegram": "social", "instagram": "social",
    "pinterest": "social", "reddit": "social", "youtube": "social", "tiktok": "social", "follow": "social",
    "print": "social", "copy": "social", "link": "social", "rss": "social",
    # captions and credits
    "image": "caption", "images": "caption", "photo": "caption", "photos": "caption",
    "photograph": "caption", "picture": "caption", "pictures": "caption", "illustration": "caption",
    "illustrative": "caption", "caption": "caption", "credit": "caption", "credits": "caption",
    "gallery": "caption", "file": "caption", "getty": "caption", "pictured": "caption",
    # translation notices
    "translation": "translation-notice", "translated": "translation-notice",
    "automated": "translation-notice", "automatically": "translation-notice", "powered": "translation-notice",
    # legal furniture
    "copyright": "legal", "rights": "legal", "reserved": "legal", "privacy": "legal", "cookies": "legal",
    "cookie": "legal", "terms": "legal", "policy": "legal", "accept": "legal", "consent": "legal",
}

# Words that address the reader: news prose reports, interfaces ask.
READER_WORDS = frozenset({"you", "your", "yours", "you're", "you’re", "us"})

# Roles an author bio names ("X is a reporter covering ...", "Economist, writer and ...").
ROLE_WORDS = frozenset({
    "journalist", "reporter", "correspondent", "editor", "writer", "author", "columnist", "contributor",
    "analyst", "economist", "fellow", "professor", "researcher", "student", "graduate", "photographer",
    "producer", "anchor", "freelance", "freelancer", "blogger", "commentator", "scholar", "lecturer",
    "liberal", "conservative", "activist", "expert", "specialist", "intern",
})

# Endonyms of languages: a short line naming one is a language switch ("Leer en Español").
LANGUAGE_NAMES = frozenset({
    "english", "español", "espanol", "français", "francais", "deutsch", "português", "portugues",
    "italiano", "nederlands", "русский", "العربية", "عربي", "中文", "日本語", "한국어", "türkçe",
    "polski", "فارسی", "اردو", "हिन्दी", "dari", "pashto", "پښتو", "ukrainian", "українська",
})

# Auxiliaries, modals and frequent verbs; with the -ed/-ing suffix test this finds "a verb" well enough
# to tell a sentence from a label without a tagger (clean runs before the one spaCy pass).
VERB_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "isn't", "aren't",
    "wasn't", "weren't", "hasn't", "haven't", "hadn't", "don't", "doesn't", "didn't", "won't",
    "wouldn't", "can't", "couldn't", "say", "says", "said", "tell", "tells", "told", "make", "makes",
    "made", "take", "takes", "took", "give", "gives", "gave", "get", "gets", "got", "go", "goes", "went",
    "come", "comes", "came", "see", "sees", "saw", "know", "knows", "knew", "think", "thinks", "thought",
    "want", "wants", "seem", "seems", "become", "becomes", "became", "remain", "remains", "hold", "holds",
    "held", "keep", "keeps", "kept", "lead", "leads", "led", "leave", "leaves", "left", "put", "puts",
    "run", "runs", "ran", "set", "sets", "show", "shows", "find", "finds", "found", "begin", "began",
    "begins", "meet", "met", "lose", "lost", "win", "won", "fight", "fights", "fought", "seek", "seeks",
    "sought", "send", "sent", "bring", "brought", "build", "built", "buy", "bought", "pay", "paid",
    "mean", "means", "meant", "need", "needs", "believe", "believes", "hope", "hopes", "fear", "fears",
    "insists", "claims", "warns", "adds", "notes", "argues", "vows", "denies", "agrees", "plans",
})
