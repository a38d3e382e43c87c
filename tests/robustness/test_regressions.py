"""Regression tests, one per defect of the fault-injection run (issue 12), at the level of the
function that had it. Each failed (or hung, caught by a deadline) before the fix. The end-to-end
promises (a bad file never costs the others, a gate that fails closed) are in test_runs.py."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from pipeline import gate, nlp
from pipeline.ingest import IngestError, discover, read_article
from pipeline.model import Finding, Segment
from pipeline.report import files
from pipeline.stages.ingest import ingest
from tests.conftest import make_article, run_rules, settings_for
from tests.robustness import oracle

PERSIAN_45 = ("\u062f\u0631\u062f \u0632\u0627\u0646\u0648 \u0648 \u06a9\u0645\u0631 " * 4)[:45]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- spaCy: E088 and the quadratic tokenizer ----------------------------------------------------

def test_a_block_longer_than_spacys_max_length_is_parsed_in_chunks(monkeypatch):
    model = nlp.load(nlp.MODEL)  # the instance the segmenter uses
    monkeypatch.setattr(model, "max_length", 3_000)
    text = "Title\n" + " ".join(f"Sentence {i} tells the muscle to rest." for i in range(400)) + "\n"
    article = read_article(Path("long.txt"), data=text.encode())
    assert len(article.blocks[1].text) > 3 * model.max_length
    assert not nlp.segment([article])
    assert len(article.segments) > 300
    assert oracle.problems(article, []) == []


class _Recorder:
    """Wraps the tokenizer and records the longest run without white space it is handed."""

    def __init__(self, tokenizer):
        self.tokenizer, self.longest = tokenizer, 0

    def __call__(self, text):
        self.longest = max([self.longest, *map(len, re.findall(r"\S+", text))])
        return self.tokenizer(text)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def test_the_tokenizer_is_never_handed_a_pathological_run(monkeypatch):
    model = nlp.load(nlp.MODEL)  # the instance the segmenter uses
    recorder = _Recorder(model.tokenizer)
    monkeypatch.setattr(model, "tokenizer", recorder)
    text = "Title\n" + "(" * 3000 + " rest " + "!" * 2000 + " then " + "a" * 1500 + ".\n"
    article = read_article(Path("runs.txt"), data=text.encode())
    assert not nlp.segment([article])
    assert recorder.longest <= 200
    assert oracle.problems(article, []) == []


def test_fifteen_thousand_parentheses_are_segmented_in_seconds():
    article = read_article(Path("parens.txt"), data=b"Title\n" + b"(" * 15_000 + b"\n")
    with oracle.deadline(20):  # 36 s and more before the fix (quadratic in the run's length)
        assert not nlp.segment([article])
    assert oracle.problems(article, []) == []


# -- rules: super-linear patterns -----------------------------------------------------------------

@pytest.mark.parametrize("code,text", [
    ("CO002", "a" * 20_000), ("CO003", "a" * 20_000), ("CO005", "a" * 20_000),
    ("CO002", "a." * 10_000), ("TR002", "a'" * 10_000), ("CO001", "http://" * 6_000),
    ("CO009", ")" * 20_000),
])
def test_rules_are_linear_on_one_long_run(code, text):
    article = read_article(Path("run.txt"), data=f"Title\n{text}\n".encode())
    article.segments = []  # these rules read blocks; spaCy is not what is measured here
    with oracle.deadline(8):  # 12-40 s before the fix for the first five
        run_rules([article], [code])


def _quality_case(n):
    text = "".join(f"Word{i} the the.\n" for i in range(n))
    article = read_article(Path("table.txt"), data=text.encode())
    article.segments = [Segment(index=i, block=b.index, block_kind=b.kind, start=b.start,
                                end=b.end, text=b.text) for i, b in enumerate(article.blocks)]
    found = [(Finding(source="t", article_id="t", start=0, end=1, line=1, column=1, text="x",
                      rule_id="TR002", rule_name="x", category="translation", mqm_type="x",
                      severity="minor", message="x"), s.start + 6, s.end - 1)
             for s in article.segments]
    return article, found


class _Vocab:
    def known(self, word):
        return True

    def frequency(self, word):
        return 5.0


def test_quality_features_are_linear_in_segments_and_findings():
    from pipeline.quality.score import segment_rows

    article, found = _quality_case(20_000)
    with oracle.deadline(10):  # O(segments x findings) before: 4e8 steps
        rows = segment_rows(article, found, _Vocab(), None)
    assert len(rows) == 20_000
    assert {(r["findings"], r["rule_TR002"], r["severity_minor"]) for r in rows} == {(1.0, 1.0, 1.0)}


def test_quality_features_place_findings_as_the_quadratic_scan_did():
    import random

    from pipeline.quality.features import unit_features
    from pipeline.quality.score import segment_rows

    article, found = _quality_case(40)
    rng = random.Random(5)
    spans = [(f, s, s + rng.randint(0, 40)) for (f, _, _), s in
             zip(found, (rng.randint(0, len(article.text)) for _ in found))]
    rng.shuffle(article.segments)  # rows follow article.segments, whatever their order
    brute = [unit_features(g.tokens, [f for f, vs, ve in sorted(spans, key=lambda x: x[1:])
                                      if vs < g.end and g.start < max(ve, vs + 1)], _Vocab(), None)
             for g in article.segments]
    assert segment_rows(article, spans, _Vocab(), None) == brute
    assert sum(r["findings"] for r in brute) >= len(spans)


def test_findings_are_placed_on_the_segments_they_overlap():
    import random
    from types import SimpleNamespace

    from pipeline.overlap import per_segment

    rng = random.Random(3)
    for _ in range(300):
        cuts = sorted(rng.sample(range(200), 12))
        segs = [SimpleNamespace(start=a, end=b) for a, b in zip(cuts[::2], cuts[1::2])]
        spans = [(s, s + rng.randint(0, 30), k) for k, s in
                 enumerate(rng.randint(0, 200) for _ in range(rng.randint(0, 15)))]
        brute = [[x for x in spans if x[0] < g.end and g.start < max(x[1], x[0] + 1)]
                 for g in segs]
        assert per_segment(segs, spans) == brute


# -- HTML: the parser's quadratic end-of-page handling, and lone CRs --------------------------------

@pytest.mark.parametrize("page", ['<p>Text</p><a b="' * 10_000, "<p>Text</p> a <!--a\n" * 8_000,
                                  "<p>x</p>" + "</" * 60_000, "<p>x</p>" + "<?" * 60_000])
def test_html_with_unterminated_constructs_is_read_in_linear_time(page):
    with oracle.deadline(8):  # 120 KB took 36 s before
        article = read_article(Path("page.html"), data=page.encode())
    assert article.blocks[0].text == "Text" or article.blocks[0].text == "x"
    assert len(article.warnings) == 1 and "line 1" in article.warnings[0]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n", "\r\n\r"])
def test_html_offsets_are_exact_with_any_line_ending(newline):
    lines = ["<html><body>", "<p>First  paragraph here.</p>", "<p>Second &amp; <b>bold</b> one",
             "spans lines.</p>", "<ul><li>An item</li></ul>", "</body></html>"]
    page = newline.join(lines)
    article = read_article(Path("p.html"), data=page.encode())
    expected = {"First paragraph here.": "First  paragraph here.",
                "Second & bold one spans lines.": f"Second &amp; <b>bold</b> one{newline}spans lines.",
                "An item": "An item"}
    assert [b.text for b in article.blocks] == list(expected)
    for b in article.blocks:
        s, e = article.file_span(b.start, b.end)
        assert page[s:e] == expected[b.text]
        assert s == page.index(expected[b.text])
    nlp.segment([article])
    findings = run_rules([article])
    assert oracle.problems(article, findings) == []


@pytest.mark.parametrize("ref,rest", [("&U", ".S.A."), ("&amp", ".x;"), ("&mg", "-dose")])
def test_html_keeps_the_text_the_parser_reads_as_part_of_a_reference_name(ref, rest):
    """The standard parser takes "&U.S.A." as one reference name; the text after the real name
    was lost and the block's span covered characters the view did not have (found by fuzz.py)."""
    page = f"<p>Dose {ref}{rest} daily</p>"
    article = read_article(Path("p.html"), data=page.encode())
    (block,) = article.blocks
    assert rest in block.text
    s, e = article.file_span(block.start, block.end)
    assert page[s:e] == page[3:-4]
    nlp.segment([article])
    assert oracle.problems(article, run_rules([article])) == []


# -- YAML: aliases, sizes ---------------------------------------------------------------------------

def _laughs(levels: int = 6) -> str:
    lines = ["a: &a [\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\"]"]
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + f"\ntitle: *{chr(ord('a') + levels - 1)}\n"


def test_yaml_aliases_in_front_matter_are_refused_before_they_expand():
    text = f"---\n{_laughs()}---\n# Body\n\nText.\n"
    with oracle.deadline(5):
        with pytest.raises(IngestError) as e:
            read_article(Path("laughs.md"), data=text.encode())
    assert e.value.source == "laughs.md" and "aliases" in e.value.problem


def test_yaml_aliases_and_lone_surrogates_in_sidecars_name_the_sidecar(tmp_path):
    write(tmp_path / "a.txt", "Title\nBody text.\n")
    write(tmp_path / "a.meta.yaml", _laughs())
    write(tmp_path / "b.txt", "Title\nBody text.\n")
    write(tmp_path / "b.meta.json", '{"title": "Knee \\ud800 pain"}')
    write(tmp_path / "c.txt", "Title\nBody text.\n")
    write(tmp_path / "c.meta.yaml", "title: " + "x" * 70_000 + "\n")
    write(tmp_path / "ok.txt", "Title\nBody text.\n")
    articles, errors, _ = ingest([tmp_path])
    assert [a.source for a in articles] == ["ok.txt"]
    by = {Path(e["source"]).name: e["problem"] for e in errors}
    assert "aliases" in by["a.meta.yaml"]
    assert "U+D800" in by["b.meta.json"]
    assert "limits.max_metadata_bytes" in by["c.meta.yaml"]


# -- sizes ------------------------------------------------------------------------------------------

def test_a_50_mb_article_is_refused_at_once_naming_the_limit(tmp_path):
    line = ("Rest and stretch the muscle every day. " * 25 + "\n").encode()
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    with oracle.deadline(5):
        with pytest.raises(IngestError) as e:
            read_article(big, tmp_path)
    assert "limits.max_file_bytes" in e.value.problem and "5,000,000" in e.value.problem


def test_a_block_past_the_block_limit_is_refused_naming_line_and_limit():
    text = "Title\nShort.\n" + "word " * 25_000 + "\n"
    with pytest.raises(IngestError) as e:
        read_article(Path("long.txt"), data=text.encode())
    assert "line 3" in e.value.problem and "limits.max_block_chars" in e.value.problem


# -- findings.jsonl round trip ------------------------------------------------------------------------

def test_line_separators_in_findings_survive_the_jsonl_round_trip(tmp_path):
    article = make_article("Title\nRest the\u2028the muscle, and the\u2029the neck\u0085neck.\n")
    found = run_rules([article], ["TR002"])
    assert [f.text for f in found] == ["the\u2028the", "the\u2029the", "neck\u0085neck"]
    path = tmp_path / "findings.jsonl"
    files.write_jsonl(path, found)
    raw = path.read_text(encoding="utf-8")
    assert not set("\u2028\u2029\u0085") & set(raw) and raw.count("\n") == len(found)
    assert gate.read_findings(path) == found


# -- ids and file names ----------------------------------------------------------------------------------

def test_ids_are_short_safe_and_distinct_for_persian_and_long_names(tmp_path):
    names = [f"{PERSIAN_45}.txt", f"{PERSIAN_45[:20]}.txt", "\u0645\u0642\u0627\u0644\u0647.txt",
             "x" * 237 + ".txt", "x" * 236 + "y.txt", "Knee pain.txt", "knee-pain.txt"]
    for n in names:
        write(tmp_path / n, "Title\nText.\n")
    articles, errors, warnings = ingest([tmp_path])
    assert errors == [] and len(articles) == len(names)
    ids = [a.article_id for a in articles]
    assert len({i.casefold() for i in ids}) == len(ids)
    for i in ids:
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}", i), i
    assert sum("already used" in w["problem"] for w in warnings) == 1  # Knee pain / knee-pain


def test_a_metadata_id_is_made_safe_and_the_title_keeps_its_unicode(tmp_path):
    p = write(tmp_path / "a.md", f"---\nid: \"{PERSIAN_45}\"\ntitle: \"{PERSIAN_45}\"\n---\nText.\n")
    a = read_article(p, tmp_path)
    assert re.fullmatch(r"[A-Za-z0-9_.-]{1,80}", a.article_id)
    assert a.metadata["title"] == PERSIAN_45 and a.warnings


# -- discovery: nothing skipped silently, no escape from the input folder -----------------------------

def test_special_files_and_broken_links_are_reported_by_name(tmp_path):
    src = tmp_path / "src"
    write(src / "good.txt", "Title\nText.\n")
    os.symlink("loop-b.txt", src / "loop-a.txt")
    os.symlink("loop-a.txt", src / "loop-b.txt")
    os.symlink("missing.txt", src / "dangling.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "folder.md").mkdir()
    write(src / "folder.md" / "inner.txt", "Title\nInner text.\n")
    write(tmp_path / "outside.txt", "root:x:0:0:secret\n")
    os.symlink(tmp_path / "outside.txt", src / "passwd.txt")
    with oracle.deadline(10):  # a FIFO must never be opened
        found, problems = discover([src])
    assert [p.name for p, _ in found] == ["inner.txt", "good.txt"]  # folder.md/ sorts first
    by = {Path(e.source).name: e for e in problems}
    assert "symlink loop" in by["loop-a.txt"].problem and not by["loop-a.txt"].warning
    assert "dangling symlink" in by["dangling.txt"].problem
    assert "FIFO" in by["pipe.txt"].problem and not by["pipe.txt"].warning
    assert "folder named like an article" in by["folder.md"].problem and by["folder.md"].warning
    assert "outside the input folder" in by["passwd.txt"].problem and not by["passwd.txt"].warning
    found, problems = discover([src], follow_symlinks=True)
    assert "passwd.txt" in [p.name for p, _ in found]


@pytest.mark.parametrize("data", [
    "Knee pain\nRest helps \u2014 most of the time.\n".encode("utf-8").replace(b"\xe2\x80\x94", b"\xe2\x80"),
    "Caf\u00e9 exercises for the knee and the back.\n".encode("latin-1"),
    "\u0645\u0642\u0627\u0644\u0647 \u062f\u0631\u062f \u0632\u0627\u0646\u0648\n".encode("utf-8")[:-3] + b"\xff\n",
])
def test_invalid_utf8_that_is_not_windows_1256_is_an_ingest_error(data):
    with pytest.raises(IngestError) as e:
        read_article(Path("bad.txt"), data=data)
    assert "not valid UTF-8" in e.value.problem and "offset" in e.value.problem


@pytest.mark.parametrize("text,line", [
    ("# T\n\nIntro.\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(14)), 14),
    ("# T\n\nIntro.\n\n" + "> " * 22 + "deep quote\n", 5),
])
def test_markdown_deeper_than_the_nesting_limit_is_a_warning_naming_the_line(text, line):
    article = read_article(Path("deep.md"), data=text.encode())
    assert len(article.warnings) == 1 and f"line {line}:" in article.warnings[0]
    assert read_article(Path("flat.md"), data=b"# T\n\n- a\n  - b\n\n> q\n").warnings == []


# -- per-article isolation inside a step -----------------------------------------------------------

def test_a_failure_inside_spacy_costs_only_its_article(monkeypatch):
    model = nlp.load(nlp.MODEL)  # the instance the segmenter uses
    real = type(model).pipe

    def pipe(self, texts, **kw):
        for doc in real(self, texts, **kw):
            if "EXPLODE" in doc.text:
                raise RuntimeError("simulated spaCy failure")
            yield doc

    monkeypatch.setattr(type(model), "pipe", pipe)
    good = read_article(Path("good.txt"), data=b"Title\nRest helps.\n")
    bad = read_article(Path("bad.txt"), data=b"Title\nEXPLODE here.\n")
    errors = nlp.segment([bad, good])
    assert [(e["source"], e["step"]) for e in errors] == [("bad.txt", "segment")]
    assert "simulated spaCy failure" in errors[0]["problem"]
    assert [s.text for s in good.segments] == ["Title", "Rest helps."] and bad.segments == []


def test_an_article_that_runs_out_of_time_in_detect_costs_only_itself(monkeypatch):
    from pipeline.detect import detect
    from pipeline.resources import Resources
    from pipeline.rules.translation.doubled_word import DoubledWordOrPhrase

    real = DoubledWordOrPhrase.check

    def slow(self, ctx):
        while "SLOW" in ctx.text:
            pass
        yield from real(self, ctx)

    monkeypatch.setattr(DoubledWordOrPhrase, "check", slow)
    settings = settings_for(["TR002"])
    resources = Resources(settings)
    # load the models first (the quality model's first load can take over a second on a busy
    # machine), so that only the slow rule meets the 1 s budget below
    detect([make_article("Title\nWarm up.\n", "w.txt")], settings, resources)
    settings["limits"] = {**settings["limits"], "article_seconds": 1.0}
    a = make_article("Title\nThe the knee.\n", "a.txt")
    b = make_article("Title\nSLOW the the knee.\n", "b.txt")
    with oracle.deadline(20):
        findings, errors, _ = detect([a, b], settings, resources)
    assert [f.source for f in findings] == ["a.txt"]
    assert [(e["source"], e["step"]) for e in errors] == [("b.txt", "detect")]
    assert "longer than 1 s" in errors[0]["problem"]


def test_limits_are_validated():
    from pipeline import config

    with pytest.raises(config.ConfigError, match="limits.max_file_bytes"):
        config.load(overrides={"limits": {"max_file_bytes": -1}})
    with pytest.raises(config.ConfigError, match="follow_symlinks"):
        config.load(overrides={"ingest": {"follow_symlinks": "yes"}})
    assert json.loads(json.dumps(config.load()["limits"]))["article_seconds"] > 0
