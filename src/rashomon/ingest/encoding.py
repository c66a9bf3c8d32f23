"""Bytes -> text: detect the encoding, refuse binary data, normalise Unicode and newlines.

Order of evidence, strongest first: a byte-order mark; strict UTF-8 (most of the web, and
charset-normalizer sometimes prefers a legacy code page for short UTF-8 texts); a charset the
input declares (HTTP header or HTML ``<meta>``); charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096  # browsers look for <meta charset> in the first 1024 bytes; be a little lenient
# Labels that browsers decode as windows-1252 (WHATWG Encoding Standard): pages that say
# "iso-8859-1" routinely contain cp1252 curly quotes.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii"}
# Legacy encodings of web pages (the WHATWG Encoding Standard's list, in Python's codec names,
# without its rare DOS and Mac entries). UTF-8 and the UTFs with a byte-order mark come earlier.
_WEB_ENCODINGS = {
    *(f"cp{n}" for n in range(1250, 1259)),
    *(f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    "koi8_r", "koi8_u", "cp874", "tis_620", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp950",
    "shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949", "utf_16", "utf_16_le", "utf_16_be",
    "latin_1",
}
_SPARSE_NON_ASCII = 0.08  # English under 1% of letters, French 3-4%, Polish about 9%
_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")
_MAX_CONTROL_SHARE = 0.02  # more control characters than this and it is not prose
# C0 and C1 control characters other than whitespace (tab, newlines, form feed, vertical tab).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_BREAK = re.compile("[\x0b\x0c\x85]")  # vertical tab, form feed and NEL end a line


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, in words for the user."""


def decode(data: bytes, *, declared: str | None = None, sniff_html: bool = False) -> str:
    """Decode ``data`` to NFC text with ``\\n`` newlines, or raise DecodeError.

    ``declared`` is a charset named outside the bytes (an HTTP Content-Type); with
    ``sniff_html`` a ``<meta charset>`` near the start of the bytes counts as declared too.
    """
    text = _decode_raw(data, declared=declared, sniff_html=sniff_html)
    if _looks_binary(text):
        raise DecodeError("binary data (too many control characters), not text")
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` newlines, no stray byte-order mark and no control characters: the form every
    later offset refers to. Control characters go because article text reaches a terminal: an
    ESC in a pasted page would otherwise be an escape sequence the report prints."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    text = _PAGE_BREAK.sub("\n", text)
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page names in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_raw(data: bytes, *, declared: str | None, sniff_html: bool) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                message = f"starts with a {codec.upper()} byte-order mark but is not {codec}"
                raise DecodeError(message) from exc
    if b"\x00" in data:
        raise DecodeError("binary data (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (declared, declared_charset(data) if sniff_html else None):
        if charset and (text := _try_codec(data, charset)) is not None:
            return text
    return _detected(data)


def _detected(data: bytes) -> str:
    """charset-normalizer's reading, restricted to encodings web pages are written in.

    Left to itself it readily prefers a DOS, Mac or EBCDIC code page that happens to decode a
    short text "cleanly": English in windows-1252 came out as mac_iceland, German as cp775,
    curly quotes and umlauts garbled. Articles come from web pages, so we keep its ranking but
    only among encodings browsers actually meet (``_WEB_ENCODINGS``). When non-ASCII bytes are
    sparse (English with the odd curly quote, "£" or "naïve"), its scores cannot tell "£20"
    from "Ł20" or "naïve" from "naďve" (its language guess for such text was Dutch), so
    windows-1252's reading wins among those as clean as the best: the legacy encoding of
    English pages, and the HTML standard's default guess. Dense non-ASCII text (Polish,
    Turkish) carries enough evidence for the detector's own choice.
    """
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("undecodable: not UTF-8 and no known encoding fits the bytes")
    web = [m for m in matches if _WEB_ENCODINGS & set(m.could_be_from_charset)] or matches
    cleanest = min(m.chaos for m in web)
    tied = [m for m in web if m.chaos == cleanest]
    if _non_ascii_share(data) > _SPARSE_NON_ASCII:
        return str(tied[0])  # Polish in windows-1250, Turkish in -1254: enough evidence to go on
    return str(next((m for m in tied if "cp1252" in m.could_be_from_charset), tied[0]))


def _non_ascii_share(data: bytes) -> float:
    """Share of non-ASCII bytes among letter-like bytes (ASCII letters and all non-ASCII)."""
    non_ascii = len(_NON_ASCII_BYTE.findall(data))
    letters = non_ascii + len(_ASCII_LETTER.findall(data))
    return non_ascii / letters if letters else 0.0


def _try_codec(data: bytes, charset: str) -> str | None:
    charset = charset.strip().lower()
    if charset in _WINDOWS_1252_LABELS:
        charset = "cp1252"
    try:
        codecs.lookup(charset)
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None  # a wrong or unknown declaration is common; fall back to detection


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE
