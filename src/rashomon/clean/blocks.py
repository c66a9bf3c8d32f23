"""Blocks: the units the cleaner classifies (a line, or a paragraph joined from hard-wrapped lines)."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

_NEWLINE = re.compile(r"\r\n|\r|\n")
_TERMINAL = re.compile(r"[.!?…。！？]['\"”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Block:
    lines: tuple[int, ...]  # 0-based raw line numbers the block was made from
    text: str  # whitespace collapsed
    raw: tuple[str, ...] = ()  # the raw lines, stripped, for RemovedLine
    heading: bool = False  # a markup heading (Markdown "#")


def raw_lines(raw: str) -> list[str]:
    return _NEWLINE.split(raw)


def squash(line: str) -> str:
    return " ".join(line.split())


def split_blocks(raw: str) -> list[Block]:
    """One block per non-blank line; hard-wrapped paragraphs are joined first."""
    lines = raw_lines(raw)
    width = wrap_width(lines)
    blocks: list[Block] = []
    run: list[int] = []
    for number, line in enumerate(lines):
        if not line.strip():
            blocks += _flush(run, lines, width)
            run = []
            continue
        run.append(number)
    blocks += _flush(run, lines, width)
    return blocks


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was broken at, or None when lines run to paragraph length.

    A text is taken as hard-wrapped when most of its long lines end within a narrow band of lengths
    (the wrap column minus one word) and none is much longer than that.
    """
    lengths = [len(line.rstrip()) for line in lines if len(line.strip()) >= 30]
    if len(lengths) < 4:
        return None
    top = max(lengths)
    if top > 100 or top < 40:
        return None
    near_top = sum(1 for n in lengths if n >= top - 15)
    return top if near_top >= 0.6 * len(lengths) else None


def _flush(run: list[int], lines: list[str], width: int | None) -> list[Block]:
    """Blocks from one run of consecutive non-blank lines."""
    if not run:
        return []
    if width is None:
        return [Block((n,), squash(lines[n]), (lines[n].strip(),)) for n in run]
    blocks: list[Block] = []
    current: list[int] = []
    for n in run:
        current.append(n)
        if not _wrapped(lines[n], width):
            blocks.append(_joined(current, lines))
            current = []
    if current:
        blocks.append(_joined(current, lines))
    return blocks


def _wrapped(line: str, width: int) -> bool:
    """The line was broken by the wrap column, not by the end of a paragraph."""
    return len(line.rstrip()) >= width - 20 and not line.rstrip().endswith(":")


def _joined(numbers: list[int], lines: list[str]) -> Block:
    text = ""
    for n in numbers:
        part = squash(lines[n])
        if not text:
            text = part
        elif text.endswith("-") and part[:1].islower():
            text += part  # a word hyphenated at the wrap ("peace-\nkeeping") keeps its hyphen, no space
        else:
            text += " " + part
    return Block(tuple(numbers), text, tuple(lines[n].strip() for n in numbers))


def is_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def median_length(blocks: list[Block]) -> float:
    return statistics.median(len(b.text) for b in blocks) if blocks else 0.0
