"""report.html in a real headless Chromium (Debian's ``chromium``; skipped with a reason when absent).

What is checked, without a DevTools client (no websocket library in the venv):
- ``--dump-dom`` gives the DOM after our script ran: the script sets ``data-report-ready`` on <html>,
  so its presence proves the inline script matched its CSP hash and ran without throwing;
  the key sections are in that DOM.
- ``--enable-logging=stderr --v=0`` makes Chromium log every console message, CSP violations
  included, as ``CONSOLE`` lines on stderr: there must be none. A deliberately broken page shows
  the check does catch a violation.
- ``--screenshot`` writes a PNG (desktop 1280x2000 and phone 390x844 viewports). Set
  RASHOMON_UPDATE_SCREENSHOT=1 to refresh docs/report-screenshot.png from the seed report.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from story_samples import sample_dict

from rashomon.render.html import render_html, write_html

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--enable-logging=stderr",
    "--v=0",
    "--hide-scrollbars",
)
CONSOLE = re.compile(r":CONSOLE[:(\]].*")
SECTIONS = ("glance", "conflicts", "single", "timeline", "quotes", "entities", "outlets", "articles")
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Run:
    stdout: str
    console: list[str]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("Debian's chromium is not installed (./run-tests installs it when run as root)")
    return path


def browse(chromium: str, page: Path, profile: Path, *extra: str) -> Run:
    """Open ``page`` once in a fresh profile; the DOM (when dumped) and the console messages."""
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return Run(result.stdout, [m.group(0) for m in CONSOLE.finditer(result.stderr)])


def assert_page_works(chromium: str, page: Path, tmp_path: Path) -> str:
    run = browse(chromium, page, tmp_path / "profile-dom", "--dump-dom")
    assert run.console == []
    assert 'data-report-ready="yes"' in run.stdout  # our script ran: its CSP hash is right
    for section in SECTIONS:
        assert f'id="{section}"' in run.stdout, section
    return run.stdout


def screenshot(chromium: str, page: Path, tmp_path: Path, size: str = "1280,2000", *extra: str) -> Path:
    shot = tmp_path / f"report-{len(list(tmp_path.glob('report-*.png')))}.png"
    run = browse(
        chromium,
        page,
        tmp_path / f"profile-{shot.stem}",
        f"--screenshot={shot}",
        f"--window-size={size}",
        *extra,
    )
    assert run.console == []
    assert shot.read_bytes()[:8] == PNG
    return shot


def test_hostile_sample_loads_cleanly_and_runs_no_article_script(chromium: str, tmp_path: Path) -> None:
    page = write_html(sample_dict(), tmp_path / "report.html")
    dom = assert_page_works(chromium, page, tmp_path)
    assert "pwned" in dom  # the article's <script> is there, as text...
    assert "<script>alert" not in dom  # ...never as an element
    assert dom.count("<script>") == 1
    assert "Numbers conflict" in dom
    assert "Disputed" in dom
    assert "Single-sourced claims" in dom
    screenshot(chromium, page, tmp_path, size="390,844")  # a phone-sized viewport renders too


def test_the_console_check_catches_a_csp_violation(chromium: str, tmp_path: Path) -> None:
    html = render_html(sample_dict()).replace('"use strict";', '"use strict"; var tampered = 1;', 1)
    page = tmp_path / "tampered.html"
    page.write_text(html, encoding="utf-8")
    run = browse(chromium, page, tmp_path / "profile", "--dump-dom")
    assert any("Content Security Policy" in line for line in run.console)
    assert 'data-report-ready="yes"' not in run.stdout


class SectionText(HTMLParser):
    """The visible text of each top-level <section id=...> of a dumped DOM."""

    def __init__(self, dom: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, str] = {}
        self._current: str | None = None
        self._depth = 0
        self._raw = False
        self.feed(dom)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._raw = tag in ("script", "style")
        if tag == "section":
            if self._current is None:
                self._current = dict(attrs).get("id") or "?"
                self.sections[self._current] = ""
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        self._raw = False
        if tag == "section":
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._raw:
            self.sections[self._current] += data


def squash(text: str) -> str:
    return " ".join(text.split())


def test_seed_report_in_chromium_with_screenshot(
    chromium: str, seed_report: dict[str, Any], tmp_path: Path
) -> None:
    page = write_html(seed_report, tmp_path / "report.html")
    dom = assert_page_works(chromium, page, tmp_path)
    assert dom.count('class="document"') == len(seed_report["documents"])
    # Whatever the stages found on the real articles is on the page, in its section.
    sections = {name: squash(text) for name, text in SectionText(dom).sections.items()}
    for comparison in seed_report["comparisons"]:
        contested = (comparison["kind"], comparison["verdict"]) in (
            ("quantity", "conflict"),
            ("statement", "disputed"),
        )
        if contested:
            assert squash(comparison["subject"]) in sections["conflicts"]
            for side in comparison["items"]:
                assert squash(side["text"]) in sections["conflicts"]
        elif comparison["kind"] == "statement" and comparison["verdict"] == "single_source":
            assert squash(comparison["items"][0]["text"]) in sections["single"]
    for event in seed_report["events"]:
        for source in event["sources"]:
            assert squash(source["expression"]) in sections["timeline"]
    for quote in seed_report["quotes"]:
        assert squash(quote["text"]) in sections["quotes"]
    screenshot(chromium, page, tmp_path)
    if os.environ.get("RASHOMON_UPDATE_SCREENSHOT"):  # the docs copy: same layout, 0.8 scale to stay small
        small = screenshot(chromium, page, tmp_path, "1280,2000", "--force-device-scale-factor=0.8")
        shutil.copyfile(small, REPO / "docs" / "report-screenshot.png")


def test_docs_screenshot_is_a_small_png() -> None:
    shot = REPO / "docs" / "report-screenshot.png"
    assert shot.read_bytes()[:8] == PNG
    assert shot.stat().st_size < 400_000


def test_a_malformed_link_fragment_does_not_stop_the_script(chromium: str, tmp_path: Path) -> None:
    """A hand-edited or truncated link (``#%E0%A4``) must not throw in decodeURIComponent."""
    page = write_html(sample_dict(), tmp_path / "report.html")
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--dump-dom", page.as_uri() + "#%E0%A4"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'data-report-ready="yes"' in result.stdout
