"""Manifest (CSV or TOML): loading, matching rules, errors, and overriding metadata."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rashomon.ingest.manifest import Manifest, ManifestError, load_manifest
from rashomon.records import Field, Metadata

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_manifest_fields_have_origin_manifest(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv",
                                   "path,title,outlet,author,url,published\n"
                                   "a.txt,  A  title ,Outlet A,Ann,https://a.example/1,2021-08-17\n"))
    meta = manifest.metadata_for("a.txt", "a.txt", None)
    values = [f.value for f in meta.fields()]
    assert values == ["A title", "Outlet A", "Ann", "https://a.example/1", "2021-08-17"]
    assert {f.origin for f in meta.fields()} == {"manifest"}


def test_toml_manifest(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.toml", """
[[article]]
path = "a.txt"
title = "First"
published = 2021-08-17

[[article]]
url = "https://b.example/story/"
outlet = "B News"
published = "2021-08-18T09:30:00+04:30"
"""))
    first = manifest.metadata_for("a.txt", "a.txt", None)
    assert (first.title.value, first.published.value) == ("First", "2021-08-17")
    second = manifest.metadata_for("https://B.example/story", None, "https://B.example/story#top")
    assert (second.outlet, second.url.value) == (Field("B News", "manifest"), "https://b.example/story/")
    assert second.published.value == "2021-08-18T09:30:00+04:30"


def test_empty_cells_override_nothing(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv", "path,title,outlet\na.txt,,Outlet A\n"))
    found = Metadata(title=Field("Found title", "html-meta"), outlet=Field("Found", "html-meta"))
    merged = found.merged(manifest.metadata_for("a.txt", "a.txt", None))
    assert merged.title == Field("Found title", "html-meta")
    assert merged.outlet == Field("Outlet A", "manifest")


def test_unmatched_article_gets_empty_metadata(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv", "path,title\na.txt,A\n"))
    assert manifest.metadata_for("b.txt", "b.txt", None) == Metadata()


def test_match_by_path_resolved_from_the_manifest_folder(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    article = tmp_path / "corpus" / "a.txt"
    article.write_text("x", encoding="utf-8")
    manifest = load_manifest(write(tmp_path / "m.csv", "path,title\ncorpus/a.txt,A\n"))
    assert manifest.metadata_for(str(article), str(article), None).title.value == "A"
    elsewhere = tmp_path / "other" / "a.txt"
    assert manifest.metadata_for(str(elsewhere), str(elsewhere), None) == Metadata()  # a path is not a name


def test_match_by_path_resolved_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    manifest = load_manifest(write(tmp_path / "conf" / "m.csv", "path,title\ndata/a.txt,A\n"))
    absolute = str(tmp_path / "data" / "a.txt")
    assert manifest.metadata_for(absolute, absolute, None).title.value == "A"


def test_match_by_bare_file_name(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv", "path,title\na.txt,A\n"))
    assert manifest.metadata_for("/some/where/a.txt", "/some/where/a.txt", None).title.value == "A"


def test_match_by_name_for_export_rows(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv",
                                   "name,path,outlet\nrows.csv#2,,Row two\n,rows.csv,Whole file\n"))
    assert manifest.metadata_for("rows.csv#2", "rows.csv", None).outlet.value == "Row two"
    assert manifest.metadata_for("rows.csv#1", "rows.csv", None).outlet.value == "Whole file"


def test_most_specific_entry_wins(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path / "m.csv",
                                   "path,url,title\n"
                                   "a.txt,,by file name\n"
                                   ",https://x.example/a,by url\n"
                                   "dir/a.txt,,by path\n"))
    assert manifest.metadata_for("dir/a.txt", "dir/a.txt", "https://x.example/a").title.value == "by path"
    assert manifest.metadata_for("x/a.txt", "x/a.txt", "https://x.example/a").title.value == "by url"
    assert manifest.metadata_for("x/a.txt", "x/a.txt", None).title.value == "by file name"


def test_excel_csv_with_bom_and_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", "\ufeffPath,Title\na.txt,“Quoted” café\n", "utf-8")
    assert load_manifest(path).metadata_for("a.txt", "a.txt", None).title.value == "“Quoted” café"
    path = write(tmp_path / "n.csv", "path,title\na.txt,“Quoted” café and the minister’s offer\n", "cp1252")
    assert str(load_manifest(path).metadata_for("a.txt", "a.txt", None).title.value).startswith("“Quoted”")


def test_seed_corpus_manifest(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    from rashomon.ingest import read_inputs

    sources, _ = read_inputs([str(SEEDS)])
    first = Path(sources[0].name)
    relative = os.path.relpath(first, tmp_path)
    manifest = load_manifest(write(tmp_path / "m.csv", f"path,outlet\n{relative},Outlet One\n"))
    outlets = [manifest.metadata_for(s.name, s.path, s.url).outlet.value for s in sources]
    assert outlets == ["Outlet One", None, None, None, None]


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.json", "{}", "must be a .csv or .toml"),
        ("m.csv", "", "empty"),
        ("m.csv", "title,outlet\nA,B\n", "needs a path, url or name column"),
        ("m.csv", "path,autor\na.txt,Ann\n", "unknown column(s) 'autor'"),
        ("m.csv", "path,title\n,Nothing to match\n", "line 2: no path, url or name"),
        ("m.csv", "path,published\na.txt,last Tuesday\n", "line 2: published 'last Tuesday' is not a date"),
        ("m.csv", "path,title\na.txt,A,surplus\n", "line 2 has more cells than the header"),
        ("m.csv", "path,title\na.txt,A\na.txt,B\n", "both about path 'a.txt'"),
        ("m.csv", "path,title\n", "no entries"),
        ("m.toml", "[[article]\npath = 1", "invalid TOML"),
        ("m.toml", "title = 'x'\n", "unknown top-level key(s) title"),
        ("m.toml", "[[article]]\npath = 'a.txt'\nheadline = 'x'\n", "unknown column(s) 'headline'"),
        ("m.toml", "[[article]]\npath = 'a.txt'\ntitle = 3\n", "title must be text, not int"),
        ("m.toml", "article = 'a.txt'\n", "must be [[article]] tables"),
    ],
)
def test_bad_manifests_raise_a_clear_error(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read"):
        load_manifest(tmp_path / "absent.csv")


def test_binary_manifest(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"path\x00title\n")
    with pytest.raises(ManifestError, match="binary"):
        load_manifest(path)


def test_manifest_error_is_a_value_error() -> None:
    assert issubclass(ManifestError, ValueError)


def _scan(manifest: Manifest, name: str, path: str | None, url: str | None) -> str | None:
    """The matching rules as a scan of every entry (the old, quadratic lookup), for comparison."""
    resolved = str(Path(path).resolve()) if path else None
    urls = {u.rstrip("/") for u in (url, name) if u}
    best: tuple[int, str | None] | None = None
    for entry in manifest.entries:
        checks = (
            entry.name is not None and entry.name == name,
            entry.path is not None and entry.path in (name, path),
            resolved is not None and resolved in entry.resolved,
            entry.url is not None and entry.url in urls,
            entry.path is not None and Path(entry.path).name == entry.path == Path(path or "").name,
        )
        rank = next((r for r, matched in enumerate(checks) if matched), None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, entry.metadata.title.value)
    return best[1] if best else None


def test_indexed_lookup_matches_a_scan_of_every_entry(tmp_path: Path) -> None:
    # The lookup became a dict per kind of match; it must pick what a scan picks, first entry on ties.
    rows = ["name,path,url,title", "rows.csv#2,,,n1", ",rows.csv,,p1", ",a.txt,,f1", ",dir/a.txt,,p2",
            ",,https://x.example/a,u1", ",b.txt,https://x.example/b,f2", "c.csv#1,c.csv,,n2"]
    manifest = load_manifest(write(tmp_path / "m.csv", "\n".join(rows) + "\n"))
    names = ["rows.csv#2", "rows.csv#1", "c.csv#1", "a.txt", "dir/a.txt", "x/a.txt", "b.txt",
             "https://x.example/a", "https://x.example/b/", str(tmp_path / "a.txt"), "none.txt"]
    paths = [None, "rows.csv", "c.csv", "dir/a.txt", "x/a.txt", str(tmp_path / "a.txt"), "b.txt"]
    urls = [None, "https://x.example/a", "https://x.example/b"]
    for name in names:
        for path in paths:
            for url in urls:
                got = manifest.metadata_for(name, path, url).title.value
                assert got == _scan(manifest, name, path, url), (name, path, url)
