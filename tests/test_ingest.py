"""Ingest of files and folders: formats, encodings, bad input, folder walking, the seed corpus."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from rashomon.ingest import files as ingest_files
from rashomon.ingest import read_inputs
from rashomon.ingest.encoding import DecodeError, decode, normalise_text
from rashomon.ingest.exports import ExportKind, looks_like_html, read_export
from rashomon.records import InputError, Source

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"
ARTICLE = "Fighters held the valley on Monday, a spokesman said.\n\nTalks went on in the capital."
PAGE = ("<!DOCTYPE html><html><head><title>T</title></head>"
        "<body><p>Fighters held the valley.</p></body></html>")


def read_one(path: Path) -> tuple[list[Source], list[InputError]]:
    return read_inputs([str(path)])


def only_error(path: Path) -> str:
    sources, errors = read_one(path)
    assert sources == []
    assert len(errors) == 1
    assert errors[0].path == str(path)
    assert errors[0].stage == "ingest"
    message: str = errors[0].message
    return message


# ----------------------------------------------------------------------------- the real seed folder


def test_seed_folder_gives_five_text_sources() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    sources, errors = read_inputs([str(SEEDS)])
    assert errors == []
    assert len(sources) == 5
    assert {s.format for s in sources} == {"text"}
    assert [s.name for s in sources] == sorted(s.name for s in sources)
    for source in sources:
        assert source.path == source.name
        assert "\r" not in source.content
        assert len(source.content) > 1000
        raw = Path(source.path).read_text(encoding="utf-8")
        assert source.content == raw.replace("\r\n", "\n")


# ----------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", ARTICLE, "text"),
        ("a.TXT", ARTICLE, "text"),
        ("a.md", "# Title\n\n" + ARTICLE, "markdown"),
        ("a.markdown", "# Title\n\n" + ARTICLE, "markdown"),
        ("a.html", PAGE, "html"),
        ("a.htm", PAGE, "html"),
        ("a.html.txt", PAGE, "text"),  # the last suffix says what the user saved it as
        ("article", PAGE, "html"),  # unknown suffix: sniffed
        ("article.page", ARTICLE, "text"),
    ],
)
def test_file_formats(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    sources, errors = read_one(path)
    assert errors == []
    assert [(s.format, s.content, s.path, s.url) for s in sources] == [(expected, content, str(path), None)]


@pytest.mark.parametrize("name", ["a.html.gz", "a.htm.gz"])
def test_gzipped_html(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    sources, errors = read_one(path)
    assert errors == []
    assert [(s.format, s.content) for s in sources] == [("html", PAGE)]


def test_gzipped_text_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    assert [s.format for s in read_one(path)[0]] == ["text"]


def test_truncated_gzip_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.html.gz"
    path.write_bytes(gzip.compress((PAGE * 50).encode("utf-8"))[:60])
    assert "gzip" in only_error(path)


def test_gz_name_without_gzip_data(tmp_path: Path) -> None:
    path = tmp_path / "a.html.gz"
    path.write_text(PAGE, encoding="utf-8")
    assert "not gzip" in only_error(path)


def test_gzip_bomb_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_files, "MAX_BYTES", 10_000)
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"a " * 20_000))
    assert "decompresses to more than" in only_error(path)


# ----------------------------------------------------------------------------- encodings


def test_cp1252_file_decodes(tmp_path: Path) -> None:
    text = "The minister’s “final offer” — rejected. Café owners said so. " * 5
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_one(path)[0][0].content == text


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert read_one(path)[0][0].content == ARTICLE


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert read_one(path)[0][0].content == ARTICLE


def test_html_meta_charset_is_used_when_not_utf8() -> None:
    # Cyrillic in KOI8-R: a declared charset the detector might not guess on such a short text.
    body = "Боевики удерживали долину"
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{body}</p></body></html>'
    assert body in decode(page.encode("koi8-r"), sniff_html=True)


def test_declared_latin1_means_windows_1252() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' \
           "</head><body><p>“Quoted” words</p></body></html>"
    assert "“Quoted”" in decode(page.encode("cp1252"), sniff_html=True)


# Sentences written for this test, each in a legacy encoding its language used on the web.
LEGACY = [
    ("The minister’s “final offer” — rejected by the fighters in the valley on Monday, a €5 million deal.",
     "cp1252"),
    ("It’s “over”, he said.", "cp1252"),
    ("Officials said the road would stay closed, at a cost of £20 million. Neither claim was verified.",
     "cp1252"),
    ("Les combattants ont déclaré lundi que la vallée résisterait à l’offensive, selon un porte-parole.",
     "cp1252"),
    ("Die Kämpfer im Tal erklärten am Montag, sie würden der Offensive widerstehen, sagte ein Sprecher.",
     "cp1252"),
    ("El portavoz dijo que los combatientes resistirían la ofensiva en el valle según informó la agencia.",
     "latin-1"),
    ("Боевики заявили в понедельник, что долина будет сопротивляться наступлению, сообщил представитель.",
     "cp1251"),
    ("Боевики заявили в понедельник, что долина будет сопротивляться наступлению, сообщил представитель.",
     "koi8-r"),
    pytest.param("Bojownicy oświadczyli w poniedziałek, że dolina będzie stawiać opór ofensywie, powiedział "
                 "rzecznik. Mieszkańcy doliny opisywali długie kolejki po paliwo i chleb.", "cp1250",
                 marks=pytest.mark.xfail(strict=True, reason="charset-normalizer 3.5 ranks cp1252 first")),
    ("Οι μαχητές δήλωσαν τη Δευτέρα ότι η κοιλάδα θα αντισταθεί στην επίθεση, είπε εκπρόσωπος.", "cp1253"),
    ("Savaşçılar pazartesi günü vadinin saldırıya direneceğini açıkladı, dedi bir sözcü. Vadide yaşayanlar "
     "yakıt ve ekmek için uzun kuyruklar oluştuğunu anlattı.", "cp1254"),
    ("قال المتحدث إن المقاتلين سيقاومون الهجوم في الوادي يوم الاثنين.", "cp1256"),
    pytest.param("戦闘員らは月曜日、渓谷は攻勢に抵抗すると述べた。住民は燃料とパンを求める長い行列について語った。",
                 "shift_jis",
                 marks=pytest.mark.xfail(strict=True, reason="charset-normalizer 3.5 reads cp949")),
    ("战斗人员周一表示，山谷将抵抗进攻，一位发言人说。", "gb2312"),
    ("戰鬥人員週一表示，山谷將抵抗進攻，一位發言人說。", "big5"),
]


@pytest.mark.parametrize(("text", "codec"), LEGACY)
def test_undeclared_legacy_encodings_are_detected(text: str, codec: str) -> None:
    # Bare charset-normalizer (its best()) gets the first and the German one wrong: mac_iceland, cp775.
    assert decode(text.encode(codec)) == text


def test_newlines_and_nfc_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Cafe\u0301 one\r\ntwo\rthree\n".encode())
    assert read_one(path)[0][0].content == "Café one\ntwo\nthree\n"


def test_decode_refuses_nul_bytes() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(b"abc\x00def")


def test_decode_refuses_control_characters() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(1, 9)) * 20 + b"text")


def test_a_stray_escape_sequence_does_not_reach_the_text() -> None:
    # Regression: a few control characters (under the binary share) stayed, and ESC reached the terminal.
    prose = b"Fighters held the valley on Monday, a spokesman said. " * 3
    assert decode(prose + b"\x1b]0;title\x07 Talks\x0cstalled.") == (
        prose.decode() + "]0;title Talks\nstalled."
    )
    assert normalise_text("one\x00two\x9bthree") == "onetwothree"


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kind", "text"),
    [("json", "[" * 100_000 + "]" * 100_000), ("jsonl", "[" * 100_000 + "]" * 100_000),
     ("json", '{"text": ' + "[" * 950 + '"a"' + "]" * 950 + "}")],
)
def test_deeply_nested_json_is_an_input_error(kind: ExportKind, text: str) -> None:
    # Regression: json.loads (and walking nested paragraphs) raised RecursionError and stopped the batch.
    sources, errors = read_export("deep.json", text, kind)
    assert sources == []
    assert [e.message for e in errors] == [errors[0].message]
    assert "nested too deeply" in errors[0].message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"")
    assert "empty" in only_error(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    assert "empty" in only_error(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200))
    assert "binary" in only_error(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in only_error(tmp_path / "nope.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in only_error(path)
    finally:
        path.chmod(0o600)


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as test_unreadable_file, for runs as root (where chmod 0 does not stop reads).
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert "permission denied" in only_error(path)


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: no 20 MiB written to disk
        handle.truncate(ingest_files.MAX_BYTES + 1)
    assert "too large" in only_error(path)


def test_cap_is_20_mib() -> None:
    assert ingest_files.MAX_BYTES == 20 * 1024 * 1024


def test_undecodable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.ingest import encoding

    monkeypatch.setattr(encoding, "from_bytes", lambda data: [])  # the detector finds no reading
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9 \xff\xfe\xfd")
    assert "undecodable" in only_error(path)


def test_unsupported_document_type_named_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    assert "not supported" in only_error(path)


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources, errors = read_inputs([str(empty), str(tmp_path / "missing.md"), str(good)])
    assert [s.name for s in sources] == [str(good)]
    assert [e.path for e in errors] == [str(empty), str(tmp_path / "missing.md")]


# ----------------------------------------------------------------------------- folders


def test_folder_is_recursive_sorted_and_skips_hidden_and_non_articles(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.md", "a/b/c.html", "A.txt", ".hidden.txt", ".git/x.txt", "a/.cache/y.txt",
                "img/photo.jpg", "page_files/style.css", "page_files/app.js", "notes"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE if rel.endswith("html") else ARTICLE, encoding="utf-8")
    sources, errors = read_one(tmp_path)
    assert errors == []
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["A.txt", "a/b/c.html", "a/z.md", "b.txt", "notes"]
    assert read_one(tmp_path)[0] == sources  # same order every time


def test_folder_reports_bad_files_by_name(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    sources, errors = read_one(tmp_path)
    assert [Path(s.name).name for s in sources] == ["good.txt"]
    assert sorted(Path(e.path).name for e in errors) == ["empty.txt", "scan.pdf"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    assert "no article" in only_error(tmp_path)


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sources, errors = read_inputs([str(tmp_path), str(path), str(tmp_path / "." / "a.txt")])
    assert errors == []
    assert len(sources) == 1


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlink_loop_in_folder_terminates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    sources, _ = read_one(tmp_path)
    assert [Path(s.name).name for s in sources] == ["a.txt"]


# ----------------------------------------------------------------------------- exports


def test_json_object_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "T", "text": ARTICLE, "url": "https://example.org/a",
                                "published": "2021-08-20T10:00:00+00:00", "author": ["A One", "B Two"],
                                "source": {"id": None, "name": "Example News"}}), encoding="utf-8")
    sources, errors = read_one(path)
    assert errors == []
    [source] = sources
    assert (source.name, source.path, source.url, source.format) == (str(path), str(path),
                                                                     "https://example.org/a", "text")
    meta = source.metadata
    assert (meta.title.value, meta.author.value, meta.outlet.value) == ("T", "A One, B Two", "Example News")
    assert meta.published.value == "2021-08-20T10:00:00+00:00"
    assert {f.origin for f in meta.fields()} == {"export"}


def test_json_list_rows_are_numbered_and_bad_rows_reported(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    rows = [{"body": ARTICLE}, 3, {"title": "no text"}, {"content": PAGE}]
    path.write_text(json.dumps(rows), encoding="utf-8")
    sources, errors = read_one(path)
    assert [(s.name, s.format) for s in sources] == [(f"{path}#1", "text"), (f"{path}#4", "html")]
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#3"]
    assert "not an object" in errors[0].message
    assert "no article text" in errors[1].message
    assert sources[0].metadata.title.value is None
    assert sources[0].metadata.title.origin is None


def test_json_body_as_paragraph_lists(tmp_path: Path) -> None:
    # BASIL's shape: "body-paragraphs" is a list of paragraphs, each a list of parts.
    path = tmp_path / "basil.json"
    body = [["First part.", "Second  part."], [], ["Next paragraph."]]
    article = {"title": "T", "source": "nyt", "date": "2010-07-02", "body-paragraphs": body}
    path.write_text(json.dumps(article), encoding="utf-8")
    [source] = read_one(path)[0]
    assert source.content == "First part. Second part.\n\nNext paragraph."
    assert (source.metadata.outlet.value, source.metadata.published.value) == ("nyt", "2010-07-02")


def test_invalid_json_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"', encoding="utf-8")
    assert "invalid JSON at line 1" in only_error(path)


def test_json_of_wrong_shape(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('"just a string"', encoding="utf-8")
    assert "not a string" in only_error(path)


def test_empty_json_list(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]", encoding="utf-8")
    assert "no articles" in only_error(path)


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": ARTICLE}) + "\n\n{oops\n" + json.dumps({"text": "Second."}) + "\n",
                    encoding="utf-8")
    sources, errors = read_one(path)
    assert [s.name for s in sources] == [f"{path}#1", f"{path}#3"]
    assert [(e.path, "line 3" in e.message) for e in errors] == [(f"{path}#2", True)]


def test_csv_export_with_metadata_columns(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    long_text = "A long article. " * 20_000  # beyond the csv module's default 128 KiB field limit
    path.write_text(
        "Title,Body,Publisher,Byline,Publish Date,URL,extra\n"
        f'"One, with comma","{ARTICLE}",Outlet A,Ann Author,2021-08-17,https://a.example/1,x\n'
        f'Two,"{long_text}",,,"17 August 2021",,\n'
        "Three,,,,,,\n",
        encoding="utf-8",
    )
    sources, errors = read_one(path)
    assert [s.name for s in sources] == [f"{path}#1", f"{path}#2"]
    first, second = sources
    assert first.content == ARTICLE
    assert (first.metadata.title.value, first.metadata.outlet.value, first.metadata.author.value) == (
        "One, with comma", "Outlet A", "Ann Author")
    assert (first.metadata.published.value, first.url) == ("2021-08-17", "https://a.example/1")
    assert second.metadata.published.value == "2021-08-17"
    assert second.metadata.outlet.value is None
    assert second.url is None
    assert [e.path for e in errors] == [f"{path}#3"]


def test_csv_semicolon_delimited(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("title;text\nOne;Some text, with a comma.\n", encoding="utf-8")
    [source] = read_one(path)[0]
    assert (source.metadata.title.value, source.content) == ("One", "Some text, with a comma.")


def test_csv_doubled_quotes_inside_a_quoted_field(tmp_path: Path) -> None:
    # Regression: the delimiter sniffer, fed a header without quotes, also guessed doublequote=False.
    path = tmp_path / "rows.csv"
    path.write_text('title,text\nA,"He said ""no deal"", then left."\n', encoding="utf-8")
    [source] = read_one(path)[0]
    assert source.content == 'He said "no deal", then left.'


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("title,summary\nOne,Short\n", encoding="utf-8")
    message = only_error(path)
    assert "no text column" in message
    assert "'summary'" in message


def test_ambiguous_numeric_date_stays_unknown(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f"text,date\n{ARTICLE.splitlines()[0]},03/04/2021\n", encoding="utf-8")
    [source] = read_one(path)[0]
    assert source.metadata.published.value is None
    assert source.metadata.published.origin is None


def test_cp1252_csv_export(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes("title,text\n“Quoted” title,Café owners said the minister’s offer was final.\n"
                     .encode("cp1252"))
    [source] = read_one(path)[0]
    assert source.metadata.title.value == "“Quoted” title"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PAGE, True),
        ("<p>One.</p><p>Two.</p>", True),
        ("<div>x<br/>y</div>", True),
        ("Plain text that mentions a <b> tag once.", False),
        ("5 < 6 and 7 > 3, a > b.", False),
        (ARTICLE, False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
