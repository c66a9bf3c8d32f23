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
    heading = False
    for token in _PARSER.parse(raw):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.map:
            _add(blocks, _block(token.map, lines, _inline_text(token), heading))
        elif token.type in ("fence", "code_block", "html_block") and token.map:
            for n in range(token.map[0], token.map[1]):
                if lines[n].strip() and not lines[n].lstrip().startswith(("```", "~~~")):
                    _add(blocks, _block([n, n + 1], lines, squash(lines[n]), False))
    # A block with no text (an image without alt text) leaves its lines to the markup list.
    blocks = [b for b in blocks if b.text]
    covered = {n for b in blocks for n in b.lines}
    markup = [n for n, line in enumerate(lines) if line.strip() and n not in covered]
    blocks.sort(key=lambda b: b.lines[0])
    return blocks, markup


def _add(blocks: list[Block], block: Block) -> None:
    """Append ``block``; the cells of one table row (inline tokens on the same lines) make one block,
    so that no raw line is both kept and removed."""
    if block.text and blocks and blocks[-1].lines == block.lines and blocks[-1].text:
        last = blocks[-1]
        blocks[-1] = Block(last.lines, f"{last.text} | {block.text}", last.raw, last.heading)
    else:
        blocks.append(block)


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
