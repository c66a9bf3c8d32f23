"""URL ingest against a real HTTP server on 127.0.0.1 (http.server in a thread)."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from rashomon import ingest
from rashomon.ingest import fetch as fetch_module
from rashomon.ingest import read_inputs
from rashomon.ingest.fetch import FetchError, RefusedAddress, fetch_url, refusal_reason

PAGE = "<html><head><title>Valley</title></head><body><p>Fighters held the valley.</p></body></html>"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: int = 0  # send the body this many times, one write each, without Content-Length
    delay: float = 0.0  # before answering, or between chunks


class Server:
    """Serves the routes a test writes; records every request path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up on purpose
                    self.answer()

            def answer(self) -> None:
                server.requests.append((self.path, self.headers.get("Host")))
                route = server.routes.get(self.path, Route(b"not found", 404, {"Content-Type": "text/plain"}))
                if route.delay and not route.chunks:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.chunks:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for _ in range(route.chunks):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(route.body), route.body))
                        self.wfile.flush()
                        time.sleep(route.delay)
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.port = self.httpd.server_address[1]
        # A short poll interval: shutdown() waits for one, and each test starts its own server.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             **kwargs: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(kwargs.pop("headers_extra", {}))
        self.routes[path] = Route(data, headers=headers, **kwargs)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", status, {"Location": location})
        return self.url(path)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    running.thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection attempted, by address (refusal must come before any of these)."""
    attempted: list[tuple[str, int]] = []
    real = socket.create_connection

    def spy(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        attempted.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    return attempted


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]]) -> None:
    real = socket.getaddrinfo

    def lookup(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in table:
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in table[host]]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


def treat_loopback_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lets the test server stand in for a public host while every other rule stays on."""
    real: Callable[[Any], str | None] = refusal_reason
    monkeypatch.setattr(fetch_module, "refusal_reason",
                        lambda a: None if str(a) == "127.0.0.1" else real(a))


# ----------------------------------------------------------------------------- fetching


def test_html_page(server: Server) -> None:
    url = server.page("/a.html", PAGE)
    source = fetch_url(url, allow_private=True)
    assert (source.name, source.url, source.path) == (url, url, None)
    assert (source.format, source.content) == ("html", PAGE)
    assert (source.metadata.url.value, source.metadata.url.origin) == (url, "url")
    assert source.metadata.title.value is None  # the cleaner reads the page's own metadata


def test_read_inputs_mixes_urls_and_files(server: Server, tmp_path: Any) -> None:
    url = server.page("/a.html", PAGE)
    path = tmp_path / "b.txt"
    path.write_text("Some article text.", encoding="utf-8")
    sources, errors = read_inputs([url, str(path), server.url("/missing")], allow_private=True)
    assert [s.name for s in sources] == [url, str(path)]
    assert [(e.path, e.stage) for e in errors] == [(server.url("/missing"), "ingest")]
    assert "HTTP 404" in errors[0].message


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [("text/plain", "text"), ("text/markdown; charset=utf-8", "markdown"), ("application/xhtml+xml", "html"),
     ("TEXT/HTML", "html")],
)
def test_accepted_content_types(server: Server, content_type: str, expected: str) -> None:
    assert fetch_url(server.page("/p", "Words.", content_type), allow_private=True).format == expected


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", ""])
def test_other_content_types_are_refused(server: Server, content_type: str) -> None:
    with pytest.raises(FetchError, match=r"content type .* is not an article"):
        fetch_url(server.page("/p", "%PDF", content_type), allow_private=True)


def test_charset_from_the_header(server: Server) -> None:
    text = "The minister’s “final offer” — rejected."
    url = server.page("/p", text.encode("cp1252"), "text/plain; charset=windows-1252")
    assert fetch_url(url, allow_private=True).content == text


def test_charset_from_html_meta(server: Server) -> None:
    body = '<html><head><meta charset="koi8-r"></head><body><p>Боевики удерживали долину</p></body></html>'
    url = server.page("/p", body.encode("koi8-r"), "text/html")
    assert "Боевики" in fetch_url(url, allow_private=True).content


def test_binary_body_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="binary"):
        fetch_url(server.page("/p", b"\x00\x01\x02PNG" * 10, "text/html"), allow_private=True)


def test_empty_body(server: Server) -> None:
    with pytest.raises(FetchError, match="empty"):
        fetch_url(server.page("/p", b""), allow_private=True)


def test_http_error_status(server: Server) -> None:
    server.routes["/gone"] = Route(b"gone", 410, {"Content-Type": "text/html"})
    with pytest.raises(FetchError, match="HTTP 410"):
        fetch_url(server.url("/gone"), allow_private=True)


def test_connection_refused_is_an_error(server: Server) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch_url(f"http://127.0.0.1:{port}/", allow_private=True)


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match=r"cannot resolve host 'no-such-host\.invalid'"):
        fetch_url("http://no-such-host.invalid/")


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_refused(url: str) -> None:
    sources, errors = read_inputs([url])
    assert sources == []
    assert len(errors) == 1
    assert "only http and https" in errors[0].message


# ----------------------------------------------------------------------------- size and time


def test_too_large_by_content_length(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rashomon.ingest.fetch.MAX_BYTES", 1000)
    with pytest.raises(FetchError, match="too large: 1,001 bytes"):
        fetch_url(server.page("/big", b"x" * 1001), allow_private=True)


def test_too_large_while_streaming(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rashomon.ingest.fetch.MAX_BYTES", 1000)
    url = server.page("/stream", b"y" * 300, chunks=10)  # no Content-Length: only counting can tell
    with pytest.raises(FetchError, match="too large: more than 1,000 bytes"):
        fetch_url(url, allow_private=True)


def test_gzip_body_is_decoded(server: Server) -> None:
    body = gzip.compress(b"Fighters held the valley on Monday.")
    source = fetch_url(server.page("/gz", body, "text/plain", headers_extra={"Content-Encoding": "gzip"}),
                       allow_private=True)
    assert source.content == "Fighters held the valley on Monday."


def test_stacked_content_encodings_are_refused(server: Server) -> None:
    # Regression: httpx decodes "gzip, gzip" a chunk at a time: a decompression bomb the cap saw too late.
    body = gzip.compress(gzip.compress(b"Fighters held the valley on Monday."))
    url = server.page("/gzgz", body, "text/plain", headers_extra={"Content-Encoding": "gzip, gzip"})
    with pytest.raises(FetchError, match="stacked content encodings"):
        fetch_url(url, allow_private=True)


def test_cap_is_20_mib() -> None:
    assert ingest.MAX_BYTES == 20 * 1024 * 1024
    assert fetch_module.TIMEOUT_SECONDS == 20
    assert fetch_module.MAX_REDIRECTS == 5


def test_slow_server_times_out(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "TIMEOUT_SECONDS", 0.3)
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.page("/slow", PAGE, delay=1.0), allow_private=True)


def test_dripping_server_hits_the_total_deadline(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "TIMEOUT_SECONDS", 0.4)
    url = server.page("/drip", b"<p>x</p>", chunks=12, delay=0.1)  # each read is quick, the whole is not
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(url, allow_private=True)
    assert time.monotonic() - started < 1.0


# ----------------------------------------------------------------------------- redirects


def test_redirects_are_followed(server: Server) -> None:
    final = server.page("/final", PAGE)
    server.redirect("/r2", "/final", 301)
    start = server.redirect("/r1", server.url("/r2"), 307)
    source = fetch_url(start, allow_private=True)
    assert (source.name, source.url, source.metadata.url.value) == (start, final, final)


def test_five_redirects_pass_six_do_not(server: Server) -> None:
    server.page("/r0", PAGE)
    for hop in range(1, 7):
        server.redirect(f"/r{hop}", f"/r{hop - 1}")
    assert fetch_url(server.url("/r5"), allow_private=True).content == PAGE
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(server.url("/r6"), allow_private=True)
    assert server.requests[-1][0] == "/r1"  # the sixth redirect was not followed


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(server.redirect("/r", "file:///etc/passwd"), allow_private=True)


def test_redirect_without_location(server: Server) -> None:
    server.routes["/r"] = Route(b"", 302, {})
    with pytest.raises(FetchError, match="without a Location"):
        fetch_url(server.url("/r"), allow_private=True)


@pytest.mark.parametrize("target", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]/", "http://localhost/"])
def test_redirect_to_a_private_address_is_refused(
    server: Server, connections: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    treat_loopback_as_public(monkeypatch)
    fake_dns(monkeypatch, {"localhost": ["::1"]})  # 127.0.0.1 stands in for a public host here
    with pytest.raises(RefusedAddress, match="refused to connect"):
        fetch_url(server.redirect("/r", target))
    assert server.requests == [("/r", f"127.0.0.1:{server.port}")]
    assert connections == [("127.0.0.1", server.port)]


# ----------------------------------------------------------------------------- address checks


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "169.254.169.254",
                                  "192.168.0.1", "[::ffff:127.0.0.1]", "0.0.0.0", "224.0.0.1", "[fe80::1]"])
def test_private_hosts_are_refused_before_connecting(
    server: Server, connections: list[tuple[str, int]], host: str
) -> None:
    url = server.url("/a.html", host=host)
    server.page("/a.html", PAGE)
    sources, errors = read_inputs([url])
    assert sources == []
    assert [(e.path, e.stage) for e in errors] == [(url, "ingest")]
    assert "refused to connect" in errors[0].message
    assert "--allow-private" in errors[0].message
    assert connections == []
    assert server.requests == []


def test_loopback_is_allowed_with_the_flag(server: Server) -> None:
    url = server.page("/a.html", PAGE, )
    sources, errors = read_inputs([url, server.url("/a.html", host="localhost")], allow_private=True)
    assert errors == []
    assert len(sources) == 2


def test_every_resolved_address_is_checked(connections: list[tuple[str, int]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(RefusedAddress, match=r"mixed\.example \(10\.0\.0\.7\): private"):
        fetch_url("http://mixed.example/")
    assert connections == []


def test_connects_to_the_address_it_checked(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # "site.test" exists only in our resolver: the request can only work if the socket goes to the
    # address that was checked, not to a second lookup made elsewhere (DNS rebinding).
    fake_dns(monkeypatch, {"site.test": ["127.0.0.1"]})
    server.page("/a.html", PAGE)
    source = fetch_url(server.url("/a.html", host="site.test"), allow_private=True)
    assert source.content == PAGE
    assert server.requests == [("/a.html", f"site.test:{server.port}")]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("172.16.5.4", "private"),
        ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("::1", "loopback"),
        ("fe80::1", "link-local"), ("fc00::1", "private"), ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"), ("::ffff:127.0.0.1", "IPv4-mapped IPv6 (loopback)"),
        ("::ffff:8.8.8.8", "IPv4-mapped IPv6"),
        ("2002:7f00:1::", "IPv4-embedding IPv6 (6to4 or Teredo) (loopback)"),
        ("8.8.8.8", None), ("93.184.216.34", None), ("2001:4860:4860::8888", None),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) == reason
