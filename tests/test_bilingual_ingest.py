"""Bilingual inputs: XLIFF 1.2 and 2.0, TMX 1.4b, paired text; exact offsets; the XML attacks."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, read_article
from pipeline.stages.ingest import ingest

DATA = Path(__file__).parent / "data" / "bilingual"
X12 = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fa" '
       'target-language="en" original="a" datatype="plaintext"><body>\n{units}</body></file>'
       '</xliff>\n')


def xliff12(*units: tuple[str, str]) -> str:
    return X12.format(units="".join(f'<trans-unit id="u{k}"><source>{s}</source><target>{t}'
                                    f'</target></trans-unit>\n'
                                    for k, (s, t) in enumerate(units, 1)))


def read(text: str, name: str = "a.xlf", encoding: str = "utf-8"):
    return read_article(Path(name), data=text.encode(encoding))


def spans(article):
    return [(b.align_id, b.text, article.file_text[slice(*article.file_span(b.start, b.end))],
             b.source_text) for b in article.blocks]


def test_xliff12_units_offsets_entities_codes_crlf_bom_and_rtl_marks():
    a = read_article(DATA / "knee-pain.xlf", DATA)
    assert a.format == "xliff" and a.encoding == "utf-8-sig"
    assert a.source_language == "fa-IR" and a.target_language == "en-US"
    got = spans(a)
    assert [u for u, *_ in got] == ["title", "u2", "u3", "u4", "u5"]  # translate="no" skipped
    assert got[0][1:3] == ("Knee pain and its treatment", "Knee pain and its treatment")
    # inline codes: one private-use character each, mapping back to the whole tag
    assert got[1][1] == "Take a 50 mg tablet \ue0003 times\ue001 a day.\ue002"
    assert got[1][2] == 'Take a 50 mg tablet <g id="1">3 times</g> a day.<x id="2"/>'
    assert got[1][3] == "روزی \ue000۳ بار\ue001 قرص ۵۰۰ میلی\u200cگرمی مصرف کنید.\ue002"
    # an entity reads as its character and maps back to the reference
    assert got[2][1].startswith("Physiotherapy & ") and got[2][2].startswith("Physiotherapy &amp; ")
    assert "\u200f" in got[2][3]  # RLM kept in the source
    assert got[4][1] == "\ufffc" and got[4][2] == "<target/>"  # empty target: its element
    assert a.metadata["codes"]["u2"]["\ue000"] == {"markup": '<g id="1">', "role": "open",
                                                   "id": "1"}
    assert "\r\n" in a.file_text  # CRLF kept in the file, offsets count it
    lines = a.file_text.splitlines()
    assert lines[10].lstrip().startswith("<target>Take a 50 mg")


def test_a_target_spanning_lines_maps_crlf_back():
    a = read(xliff12(("یک\nدو", "one\ntwo")).replace("\n", "\r\n"))
    (_, view, raw, src), = spans(a)
    assert view == "one\ntwo" and raw == "one\r\ntwo" and src == "یک\nدو"


def test_xliff2_segments_joined_notes_and_cp():
    text = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fa" '
            'trgLang="en"><file id="f1"><unit id="1"><segment><source>سلام.</source>'
            '<target>Hello.</target></segment><segment><source>خوبی؟</source>'
            '<target>How are you<cp hex="003F"/></target></segment></unit>'
            '<unit id="2"><segment><source><pc id="1">درد</pc> <ph id="2"/></source>'
            '<target><ph id="2"/> <pc id="1">Pain</pc></target></segment></unit>'
            '</file></xliff>')
    a = read(text, "b.xliff")
    got = spans(a)
    assert a.metadata["xliff_version"] == "2.0"
    assert got[0][1] == "Hello. How are you?" and got[0][3] == "سلام. خوبی؟"
    assert got[0][2].startswith("Hello.</target>")  # the joining space maps to no text
    assert got[1][2] == '<ph id="2"/> <pc id="1">Pain</pc>'
    assert sorted(got[1][1]) == sorted(got[1][3].replace("درد", "Pain"))


def test_tmx_units_languages_and_codes():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
            '<header srclang="fa" datatype="plaintext" segtype="sentence" adminlang="en" '
            'creationtool="t" creationtoolversion="1" o-tmf="x"/><body>'
            '<tu tuid="7"><tuv xml:lang="fa"><seg><bpt i="1" x="1">&lt;b&gt;</bpt>هشدار'
            '<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en-GB"><seg>'
            '<bpt i="1" x="1">&lt;b&gt;</bpt>Warning<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>'
            '<tu><tuv xml:lang="fa"><seg>سلام</seg></tuv><tuv xml:lang="en"><seg>Hello</seg>'
            '</tuv></tu></body></tmx>')
    a = read(text, "c.tmx")
    got = spans(a)
    assert a.format == "tmx" and a.target_language == "en-GB"
    assert [g[0] for g in got] == ["7", "tu2"]
    assert got[0][1] == "\ue000Warning\ue001" and got[0][3] == "\ue000هشدار\ue001"
    assert got[0][2] == '<bpt i="1" x="1">&lt;b&gt;</bpt>Warning<ept i="1">&lt;/b&gt;</ept>'


def test_format_by_content_not_extension():
    tmx = ('<tmx version="1.4"><header srclang="fa"/><body><tu><tuv xml:lang="fa"><seg>سلام</seg>'
           '</tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu></body></tmx>')
    assert read(tmx, "named-like-xliff.xlf").format == "tmx"
    with pytest.raises(IngestError, match=r"not an XLIFF or TMX file \(its root element is <html>"):
        read("<html><body>x</body></html>", "page.xlf")


def test_malformed_xml_names_the_line():
    with pytest.raises(IngestError, match=r"line 3: not well-formed XML: mismatched tag"):
        read('<xliff version="1.2">\n<file><body>\n<trans-unit id="1"></file></xliff>')


def test_paired_files(tmp_path):
    (tmp_path / "knee.fa.txt").write_text("درد زانو\n\nروزی ۳ بار ۵۰۰ میلی‌گرم مصرف کنید.\n",
                                         encoding="utf-8")
    (tmp_path / "knee.en.txt").write_text("\ufeffKnee pain\r\n\r\nTake 50 mg 3 times a day.\r\n",
                                          encoding="utf-8")
    (tmp_path / "other.en.txt").write_text("A monolingual article.\n", encoding="utf-8")
    (tmp_path / "lonely.fa.txt").write_text("تنها\n", encoding="utf-8")
    articles, problems, _ = ingest([tmp_path])
    by = {a.source: a for a in articles}
    assert sorted(by) == ["knee.en.txt", "other.en.txt"]
    a = by["knee.en.txt"]
    assert a.format == "paired" and a.metadata["source_file"] == "knee.fa.txt"
    assert [(b.align_id, b.text, b.source_text) for b in a.blocks] == [
        ("p1", "Knee pain", "درد زانو"),
        ("p2", "Take 50 mg 3 times a day.", "روزی ۳ بار ۵۰۰ میلی‌گرم مصرف کنید.")]
    assert by["other.en.txt"].blocks[0].source_text is None
    assert [p["problem"] for p in problems] == [
        "is a Persian source (.fa.txt) without its English partner lonely.en.txt; not audited"]


def test_paired_count_mismatch_is_an_error(tmp_path):
    (tmp_path / "x.fa.txt").write_text("یک\nدو\nسه\n", encoding="utf-8")
    (tmp_path / "x.en.txt").write_text("One\nTwo\n", encoding="utf-8")
    articles, problems, _ = ingest([tmp_path])
    assert articles == []
    assert problems == [{"source": "x.en.txt", "problem": (
        "has 2 paragraph(s) but its Persian source x.fa.txt has 3; paired files are aligned by "
        "paragraph (one per non-empty line), so the counts must match")}]


def test_a_thousand_unit_xliff_with_mixed_digits_is_read_exactly_and_fast():
    units = [(f"مصرف {'۰۱۲۳۴۵۶۷۸۹'[k % 10]}{'٠١٢٣٤٥٦٧٨٩'[k % 7]} میلی\u200cگرم <x id=\"{k}\"/>",
              f"Take {k % 10}{k % 7} mg <x id=\"{k}\"/> &amp; rest") for k in range(1000)]
    t0 = time.perf_counter()
    a = read(xliff12(*units), "big.xlf", "utf-16")
    elapsed = time.perf_counter() - t0
    assert len(a.blocks) == 1000 and a.encoding == "utf-16"
    for k, (unit, view, raw, _) in enumerate(spans(a)):
        assert unit == f"u{k + 1}"
        assert raw == f'Take {k % 10}{k % 7} mg <x id="{k}"/> &amp; rest'
        assert view == f"Take {k % 10}{k % 7} mg \ue000 & rest"
    assert elapsed < 5, elapsed


ATTACKS = {
    "xxe.xlf": ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY secret SYSTEM "file://{path}">'
                '\n]>\n<xliff version="1.2"><file source-language="fa" target-language="en">'
                '<body><trans-unit id="1"><source>x</source><target>&secret;</target>'
                '</trans-unit></body></file></xliff>\n'),
    "bomb.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n'
                 + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">\n'
                           for k in range(9))
                 + ']>\n<tmx version="1.4"><header srclang="fa"/><body><tu><tuv xml:lang="fa">'
                 '<seg>x</seg></tuv><tuv xml:lang="en"><seg>&j;</seg></tuv></tu></body></tmx>\n'),
    "dtd.xliff": ('<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
                  '<xliff version="1.2"><file source-language="fa" target-language="en"><body>'
                  '<trans-unit id="1"><source>x</source><target>y</target></trans-unit></body>'
                  '</file></xliff>\n'),
}


def test_xml_attacks_are_refused_fast_with_the_line_and_leave_other_results_intact(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ATTACKS.items():
        (src / name).write_text(text.replace("{path}", str(secret)), encoding="utf-8")
    shutil.copy(DATA / "knee-pain.xlf", src)
    out, data = tmp_path / "out", tmp_path / "data"
    t0 = time.perf_counter()
    articles, problems, _ = ingest([src])
    assert time.perf_counter() - t0 < 1.0
    assert [a.source for a in articles] == ["knee-pain.xlf"]
    assert {p["source"]: p["problem"] for p in problems} == {
        "xxe.xlf": "line 2: the DOCTYPE of <xliff> has an internal subset ([...]); DTD "
                   "declarations and entities are not allowed in bilingual files (refused, "
                   "nothing expanded)",
        "bomb.tmx": "line 2: the DOCTYPE of <tmx> has an internal subset ([...]); DTD "
                    "declarations and entities are not allowed in bilingual files (refused, "
                    "nothing expanded)",
        "dtd.xliff": "line 2: the DOCTYPE names an external DTD; external DTDs are never loaded, "
                     "and only the formats' standard DTD names (tmx14.dtd, xliff.dtd, ...) are "
                     "accepted"}
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()",
                           "--params", str(root / "params.yaml"), "run", str(src), "--out",
                           str(out), "--data-dir", str(data)], capture_output=True, text=True,
                          cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert "TOP-SECRET-CANARY" not in proc.stdout + proc.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] is False
    findings = [json.loads(x) for x in (out / "findings.jsonl").read_text().splitlines()]
    assert {f["rule_id"] for f in findings} >= {"TR050", "TR051", "TR054"}
    for f in out.rglob("*"):
        if f.is_file():
            body = f.read_bytes()
            assert b"TOP-SECRET-CANARY" not in body and b"aaaaaaaaaaaaaaaaaaaa" not in body, f
