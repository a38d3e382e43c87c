"""Ingest: encodings, formats, block structure, metadata, and one bad file never losing the rest."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import IngestError, discover, read_article
from pipeline.stages.ingest import ingest

# Legacy Persian text: Windows-1256 has Arabic yeh and kaf (U+064A, U+0643), not the Persian ones.
PERSIAN = "\u0643\u0644\u064a\u0646\u064a\u0643 \u0641\u064a\u0632\u064a\u0648\u062a\u0631\u0627\u067e\u064a"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_empty_file_is_an_article_with_a_warning_not_an_error(tmp_path):
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "ok.txt", "Heat relaxes muscles.\n")
    articles, errors, warnings = ingest([tmp_path])
    assert errors == []
    assert [a.source for a in articles] == ["empty.txt", "ok.txt"]
    assert articles[0].blocks == []
    assert warnings == [{"source": "empty.txt", "problem": "is empty: no text to audit"}]


def test_binary_file_is_an_error_naming_it_and_others_are_still_read(tmp_path):
    write(tmp_path, "a.txt", "First article.\n")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path, "b.txt", "Second article.\n")
    articles, errors, _ = ingest([tmp_path])
    assert [a.source for a in articles] == ["a.txt", "b.txt"]
    assert len(errors) == 1 and errors[0]["source"] == "image.txt"
    assert "binary" in errors[0]["problem"]


def test_windows_1256_is_detected_and_decoded(tmp_path):
    text = f"The clinic ({PERSIAN}) is in Tehran.\nOpen daily.\n"
    p = write(tmp_path, "legacy.txt", text.encode("cp1256"))
    a = read_article(p, tmp_path)
    assert a.encoding == "cp1256"
    assert PERSIAN in a.file_text and a.text == text


def test_utf8_bom_kept_in_file_text_dropped_in_view(tmp_path):
    p = write(tmp_path, "bom.txt", "\ufeffTitle line\nBody text here.\n".encode("utf-8"))
    a = read_article(p, tmp_path)
    assert a.encoding == "utf-8-sig"
    assert a.file_text.startswith("\ufeff") and a.text.startswith("Title")
    b = a.blocks[0]
    s, e = a.file_span(b.start, b.end)
    assert a.file_text[s:e] == "Title line"


def test_crlf_lines_make_blocks_and_map_back(tmp_path):
    p = write(tmp_path, "crlf.txt", "My title\r\nFirst heading\r\nA paragraph here.\r\n- item one\r\n")
    a = read_article(p, tmp_path)
    assert "\r" not in a.text
    assert [b.kind for b in a.blocks] == ["title", "heading", "paragraph", "list_item"]
    for b in a.blocks:
        s, e = a.file_span(b.start, b.end)
        assert a.file_text[s:e] == b.text
    assert a.line_col(a.file_span(a.blocks[3].start, a.blocks[3].end)[0]) == (4, 3)


def test_block_structure_of_scraped_text(tmp_path):
    text = ("Knee pain - City Clinic\n"
            "- Publication date: May 2, 2024\n"
            "Study time: 5 minutes\n"
            "What causes knee pain?\n"
            "Knee pain has many causes. The main ones are:\n"
            "- Injury: a fall or a twist.\n"
            "1- Overuse: running too much.\n"
            "2. Arthritis: wear of the joint.\n"
            "-\n")
    a = read_article(write(tmp_path, "k.txt", text), tmp_path)
    kinds = [(b.kind, b.marker) for b in a.blocks]
    assert kinds == [("title", ""), ("furniture", "-"), ("furniture", ""), ("heading", ""),
                     ("paragraph", ""), ("list_item", "-"), ("list_item", "1-"),
                     ("list_item", "2."), ("list_item", "-")]
    assert a.blocks[-1].text == ""
    assert a.metadata["title"] == "Knee pain - City Clinic"


HTML_PAGE = """<!doctype html><html lang="en"><head><title>Back pain &amp; posture</title>
<script>var tracking = "do not extract";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
<header>Site header text</header>
<article><h1>Back pain &amp; posture</h1>
<p>Sitting   for hours
strains the <b>lower back</b>.</p>
<ul><li>Stand up every hour</li><li>Stretch&nbsp;gently</li></ul>
<script>alert("nope")</script>
</article>
<footer>Copyright footer</footer></body></html>"""


def test_html_main_content_without_navigation_or_scripts(tmp_path):
    a = read_article(write(tmp_path, "page.html", HTML_PAGE), tmp_path)
    assert a.format == "html"
    for junk in ("Home", "Blog", "Site header", "tracking", "alert", "Copyright", "color:red"):
        assert junk not in a.text
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("title", "Back pain & posture"),
        ("paragraph", "Sitting for hours strains the lower back."),
        ("list_item", "Stand up every hour"),
        ("list_item", "Stretch gently"),  # &nbsp; is read as a space (offsets.py)
    ]
    assert a.metadata == {"title": "Back pain & posture", "language": "en"}


def test_html_offsets_map_back_to_the_page_source(tmp_path):
    a = read_article(write(tmp_path, "page.html", HTML_PAGE), tmp_path)
    i = a.text.index("lower back")
    s, e = a.file_span(i, i + len("lower back"))
    assert a.file_text[s:e] == "lower back"
    i = a.text.index("&")
    s, e = a.file_span(i, i + 1)
    assert a.file_text[s:e] == "&amp;"
    i = a.text.index("for hours")
    s, e = a.file_span(i, i + len("for hours strains"))
    assert a.file_text[s:e] == "for hours\nstrains"


def test_front_matter_and_sidecar_metadata(tmp_path):
    p = write(tmp_path, "fm.md", "---\ntitle: Neck pain\nurl: https://example.org/neck\n"
                                  "published: 2024-06-01\n---\n# Neck pain\n\nRest helps.\n\n- Ice\n")
    a = read_article(p, tmp_path)
    assert a.metadata["title"] == "Neck pain" and a.metadata["url"] == "https://example.org/neck"
    assert a.metadata["published"] == "2024-06-01"
    assert [(b.kind, b.text) for b in a.blocks] == [("title", "Neck pain"),
                                                     ("paragraph", "Rest helps."),
                                                     ("list_item", "Ice")]
    t = write(tmp_path, "side.txt", "Side title\nText.\n")
    write(tmp_path, "side.meta.yaml", "title: From sidecar\nlanguage: en\nid: custom-id\n")
    b = read_article(t, tmp_path)
    assert b.metadata["title"] == "From sidecar" and b.article_id == "custom-id"


def test_invalid_front_matter_names_the_file(tmp_path):
    p = write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(IngestError) as e:
        read_article(p, tmp_path)
    assert e.value.source == "bad.md" and "front matter" in e.value.problem


def test_discover_reports_missing_and_unsupported_paths(tmp_path):
    write(tmp_path, "notes.docx", b"PK")
    found, errors = discover([tmp_path / "nope", tmp_path / "notes.docx"])
    assert found == []
    assert [e.source for e in errors] == [str(tmp_path / "nope"), str(tmp_path / "notes.docx")]


def test_article_ids_are_stable_and_hash_tracks_content(tmp_path):
    (tmp_path / "sub").mkdir()
    p = write(tmp_path, "sub/My Article.txt", "One.\n")
    a1 = read_article(p, tmp_path)
    p.write_text("Two.\n")
    a2 = read_article(p, tmp_path)
    assert a1.article_id == a2.article_id == "sub-My-Article"
    assert a1.content_hash != a2.content_hash
