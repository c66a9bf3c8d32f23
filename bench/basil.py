"""Read the BASIL articles (../shared/benchmarks/basil): 100 stories x 3 outlets, JSON per article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "basil"


@dataclass(frozen=True)
class BasilArticle:
    uuid: str
    story: str  # triplet-uuid: the gold story
    outlet: str
    title: str
    published: str
    text: str  # paragraphs separated by a blank line


def read_basil(root: Path = DEFAULT) -> list[BasilArticle]:
    articles = []
    for path in sorted((root / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in data.get("body-paragraphs", []) if p]
        articles.append(
            BasilArticle(
                uuid=data["uuid"],
                story=data["triplet-uuid"],
                outlet=data.get("source", ""),
                title=data.get("title", ""),
                published=data.get("date", ""),
                text="\n\n".join(paragraphs),
            )
        )
    if not articles:
        raise SystemExit(f"no BASIL articles under {root / 'articles'}")
    return articles


def write_jsonl(articles: list[BasilArticle], path: Path) -> Path:
    """The articles as a Rashomon JSONL export (text, title, outlet, published)."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"text": a.text, "title": a.title, "outlet": a.outlet, "published": a.published}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
