"""Markdown: markup stripped to text with markdown-it (headings, emphasis and link text kept).

Each rendered block remembers its raw lines, so the text cleaner can treat it like a pasted line and
the lines that were only markup ("---", code fences, link definitions) are accounted for.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from rashomon.clean.blocks import Block, raw_lines, squash

_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def markdown_blocks(raw: str) -> tuple[list[Block], list[int]]:
    """Text blocks in order, and the raw line numbers that carried only markup."""
    lines = raw_lines(raw)
    blocks: list[Block] = []
    covered: set[int] = set()
    heading = False
    for token in _PARSER.parse(raw):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.map:
            blocks.append(_block(token.map, lines, _inline_text(token), heading))
            covered.update(range(*token.map))
        elif token.type in ("fence", "code_block", "html_block") and token.map:
            for n in range(token.map[0], token.map[1]):
                if lines[n].strip() and not lines[n].lstrip().startswith(("```", "~~~")):
                    blocks.append(_block([n, n + 1], lines, squash(lines[n]), False))
                    covered.add(n)
    markup = [n for n, line in enumerate(lines) if line.strip() and n not in covered]
    blocks.sort(key=lambda b: b.lines[0])
    return [b for b in blocks if b.text], markup


def _block(span: list[int], lines: list[str], text: str, heading: bool) -> Block:
    numbers = tuple(n for n in range(span[0], span[1]) if lines[n].strip())
    return Block(numbers, text, tuple(lines[n].strip() for n in numbers), heading)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return squash("".join(parts))
