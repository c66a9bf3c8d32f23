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
_MAX_CONTROL_SHARE = 0.02  # more control characters than this and it is not prose
# C0 and C1 control characters other than whitespace (tab, newlines, form feed, vertical tab).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


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
    """NFC, ``\\n`` newlines and no stray byte-order mark: the form every later offset refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return unicodedata.normalize("NFC", text)


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
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable: not UTF-8 and no known encoding fits the bytes")
    return str(best)


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
