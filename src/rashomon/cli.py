"""Command line: a thin shell over ``rashomon.analyze``.

Exit status: 0 when every input was analysed, 1 when some failed, 2 for usage errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rashomon import __version__
from rashomon.ingest.manifest import ManifestError
from rashomon.pipeline import analyze as run_analysis
from rashomon.summary import print_summary

FORMATS = ("json", "html", "sqlite", "text")
PROGRESS_THRESHOLD = 10  # a bar only when there are enough inputs to wait for


@click.group()
@click.version_option(__version__, prog_name="rashomon")
def main() -> None:
    """Read many articles about one story: who says what, and where accounts differ."""


def _parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (got {value!r})")
    return chosen


@main.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("rashomon-out"), show_default=True, help="Folder for the report files.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV or TOML file whose metadata overrides what is found in the articles.")
@click.option("-f", "--format", "formats", default=",".join(FORMATS), show_default=True,
              callback=_parse_formats, help="Outputs to write, comma-separated.")
@click.option("--allow-private", is_flag=True,
              help="Allow URLs on private, loopback and link-local addresses.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="Processes for parsing and extraction [default: one per core for large batches].")
@click.option("-q", "--quiet", is_flag=True, help="No terminal summary.")
def analyze(articles: tuple[str, ...], out_dir: Path, manifest: Path | None,
            formats: tuple[str, ...], allow_private: bool, workers: int | None, quiet: bool) -> None:
    """Analyse ARTICLES: files, folders (recursive) or http(s) URLs."""
    console = Console(stderr=False)
    errors_console = Console(stderr=True, soft_wrap=True)  # a wrapped path is hard to copy
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=errors_console, transient=True,
                  disable=quiet or (len(articles) < PROGRESS_THRESHOLD and not _has_folder(articles))) as bar:
        task = bar.add_task("analysing", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        try:
            report = run_analysis(articles, manifest=manifest, allow_private=allow_private,
                                  progress=progress, workers=workers)
        except ManifestError as exc:
            raise click.UsageError(str(exc)) from exc
    for error in report.errors:
        errors_console.print(f"[red]error[/red] {error.path} ({error.stage}): {error.message}",
                             markup=True, highlight=False)
    written = _write_outputs(report, out_dir, formats)
    if not quiet and "text" in formats:
        print_summary(report.to_dict(), console)
    for path in written:
        console.print(f"wrote {path}", highlight=False)
    if not report.documents:
        errors_console.print("no article could be analysed")
    sys.exit(1 if report.errors else 0)


def _has_folder(articles: tuple[str, ...]) -> bool:
    return any(Path(a).is_dir() for a in articles)


def _write_outputs(report: object, out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    from rashomon.report import Report

    assert isinstance(report, Report)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create output folder {out_dir}: {exc}") from exc
    written = []
    if "json" in formats:
        report.to_json(out_dir / "report.json")
        written.append(out_dir / "report.json")
    if "html" in formats:
        written.append(report.to_html(out_dir / "report.html"))
    if "sqlite" in formats:
        written.append(report.to_sqlite(out_dir / "report.sqlite"))
    return written
