"""Fetch articles over http(s): the only code in Rashomon that touches the network.

Guards, each a clear error rather than a surprise: a total time limit, a size cap (the body is
streamed and dropped past the cap), an allowed set of content types, at most ``MAX_REDIRECTS``
redirects each checked like the first URL, and no connection to private, loopback, link-local,
multicast or reserved addresses unless ``allow_private``. The address check runs inside the
connection itself (a custom httpcore network backend): the name is resolved once, every
address it resolves to is checked, and the socket goes to a checked address, so a DNS answer
that changes between check and connect (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable

import httpcore
import httpx

from rashomon import __version__
from rashomon.ingest.encoding import DecodeError, decode
from rashomon.ingest.files import MAX_BYTES  # one cap for files and downloads
from rashomon.records import Field, Metadata, Source, SourceFormat

TIMEOUT_SECONDS = 20.0  # for the whole fetch, redirects included
MAX_REDIRECTS = 5
CONTENT_TYPES: dict[str, SourceFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
}
USER_AGENT = f"rashomon/{__version__} (news analysis; one request per article)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A URL that could not be fetched; the message is meant for the user."""


class RefusedAddress(FetchError):
    """The host is, or resolves to, an address we do not connect to without ``allow_private``."""


def is_url(argument: str) -> bool:
    """True for arguments meant as URLs (any ``scheme://``), so that ``ftp://`` gets a clear error."""
    scheme, sep, _ = argument.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha() and len(scheme) > 1


def fetch_url(url: str, *, allow_private: bool = False) -> Source:
    """The article at ``url`` as a Source; raises FetchError with a message for the user."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    with _client(allow_private) as client:
        response = _get_following_redirects(client, _checked_url(url), deadline)
        try:
            return _source(url, response, deadline)
        finally:
            response.close()


def refusal_reason(address: IPAddress) -> str | None:
    """Why we do not connect to ``address`` (None when it is a public unicast address)."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        mapped = isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None
        kind = "IPv4-mapped IPv6" if mapped else "IPv4-embedding IPv6 (6to4 or Teredo)"
        inner = refusal_reason(embedded)
        return f"{kind}{f' ({inner})' if inner else ''}"
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not globally routable", not address.is_global),
    )
    return next((name for name, applies in checks if applies), None)


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Addresses of ``host``, after refusing it if ANY of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            reason = refusal_reason(ipaddress.ip_address(address.split("%", 1)[0]))
            if reason is not None:
                shown = host if host == address else f"{host} ({address})"
                raise RefusedAddress(
                    f"refused to connect to {shown}: {reason} address (use --allow-private to allow)"
                )
    return addresses


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to addresses that passed ``resolve_checked``."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for address in resolve_checked(host, port, allow_private=self.allow_private):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the next address, as create_connection does
                last_error = exc
        raise last_error or FetchError(f"no address to connect to for {host!r}")


def _client(allow_private: bool) -> httpx.Client:
    transport = httpx.HTTPTransport()
    # httpx does not take a network backend; its pool does (httpcore's documented extension point).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=_CheckedBackend(allow_private)
    )
    # trust_env=False: no proxy from the environment, so the checked address is the one connected to.
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(TIMEOUT_SECONDS),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept": ", ".join(CONTENT_TYPES)},
    )


def _checked_url(url: str | httpx.URL) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parsed.scheme or 'this'}://")
    if not parsed.host:
        raise FetchError("the URL names no host")
    return parsed


def _get_following_redirects(client: httpx.Client, url: httpx.URL, deadline: float) -> httpx.Response:
    for _ in range(MAX_REDIRECTS + 1):
        remaining = httpx.Timeout(max(deadline - time.monotonic(), 0.01))  # each step within the total
        response = _send(client, client.build_request("GET", url, timeout=remaining), deadline)
        if not response.is_redirect:
            return response
        response.close()
        location = response.headers.get("Location")
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
        url = _checked_url(response.url.join(location))
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _send(client: httpx.Client, request: httpx.Request, deadline: float) -> httpx.Response:
    _check_deadline(deadline)
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {TIMEOUT_SECONDS:g} s ({request.url.host})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {request.url}: {exc or type(exc).__name__}") from exc


def _source(name: str, response: httpx.Response, deadline: float) -> Source:
    if not response.is_success:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    media_type, charset = _content_type(response)
    source_format = CONTENT_TYPES.get(media_type)
    if source_format is None:
        shown = media_type or "none given"
        raise FetchError(f"content type {shown} is not an article (accepted: {', '.join(CONTENT_TYPES)})")
    body = _read_capped(response, deadline)
    if not body.strip():
        raise FetchError("empty response")
    try:
        text = decode(body, declared=charset, sniff_html=source_format == "html")
    except DecodeError as exc:
        raise FetchError(str(exc)) from exc
    final_url = str(response.url)
    return Source(
        name=name,
        content=text,
        format=source_format,
        url=final_url,
        metadata=Metadata(url=Field(final_url, "url")),
    )


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    media_type, _, params = response.headers.get("Content-Type", "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _read_capped(response: httpx.Response, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"too large: {int(declared):,} bytes (the limit is {MAX_BYTES:,})")
    _refuse_stacked_encodings(response)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():  # decoded bytes, as they arrive: a gzip bomb is capped too
            size += len(chunk)
            if size > MAX_BYTES:
                raise FetchError(f"too large: more than {MAX_BYTES:,} bytes")
            _check_deadline(deadline)
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {TIMEOUT_SECONDS:g} s while reading") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"download failed: {exc or type(exc).__name__}") from exc
    return b"".join(chunks)


def _refuse_stacked_encodings(response: httpx.Response) -> None:
    """httpx decodes a whole network chunk (up to 64 KiB) before we can count it. One gzip layer
    expands that at most about a thousandfold; "gzip, gzip" squares the ratio (a 64 KiB chunk could
    become gigabytes), and no real server stacks codings, so such a response is refused."""
    codings = [c.strip().lower() for c in response.headers.get_list("Content-Encoding", split_commas=True)]
    codings = [c for c in codings if c and c != "identity"]
    if len(codings) > 1:
        raise FetchError(f"refused: stacked content encodings ({', '.join(codings)})")


def _check_deadline(deadline: float) -> None:
    # httpx's timeout applies per read; a server dripping bytes would never trip it.
    if time.monotonic() > deadline:
        raise FetchError(f"timed out after {TIMEOUT_SECONDS:g} s")


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.teredo is not None:
        return address.teredo[1]
    return address.ipv4_mapped or address.sixtofour

