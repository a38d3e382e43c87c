"""`check` starts fast (issue 11: one article in under 3 s, warm; benchmarks/bench_check.py
measures it): it imports none of the stage tables' or training's heavy modules, a warm run
unpickles what a cold run built from data files (pipeline/derived_cache.py) and finds the same,
and Harper's linter can be built in the background."""
from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import warnings

import pytest

from pipeline import derived_cache, io
from tests.conftest import ROOT

# never imported by `check`: the stage tables (pandas, pyarrow), validation, the quality model's
# training, a LanguageTool client when no server is configured
NEVER = ("pandas", "pyarrow", "great_expectations", "pipeline.quality.train",
         "language_tool_python")
# built from data files by a cold run, unpickled by a warm one
WARM_NEVER = ("wordfreq", "spellchecker")

_SCRIPT = """import sys
from pipeline.cli import main
try:
    main(['--params', sys.argv[1], 'check', 'knee.txt', '--output-format', 'jsonl'])
except SystemExit as e:
    code = e.code
watched = sorted(m for m in sys.modules if m in set(sys.argv[2].split(',')))
print(code, ','.join(watched), file=sys.stderr)
"""


def _check(tmp_path, cache):
    env = {**os.environ, "CLINIC_AUDIT_CACHE_DIR": str(cache)}
    r = subprocess.run([sys.executable, "-c", _SCRIPT, str(ROOT / "params.yaml"),
                        ",".join(NEVER + WARM_NEVER)], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=600)
    code, watched = r.stderr.splitlines()[-1].split(" ", 1)
    return int(code), set(filter(None, watched.split(","))), r.stdout


def test_check_imports_no_heavy_module_and_a_warm_run_rebuilds_nothing(tmp_path):
    (tmp_path / "knee.txt").write_text(
        "Knee pain\n\nThe doctor may prescribe metacarbamol for the the knee. Its important to "
        "refer to a doctor.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cold_code, cold_modules, cold_out = _check(tmp_path, cache)
    assert cold_code == 1
    assert cold_modules == set()  # the vocabulary is built once from the shipped word lists ...
    assert {p.name.split("-")[0] for p in cache.glob("*.pickle")} >= \
        {"vocabulary", "syntax", "lexicon", "harperwords", "kbwords", "kb"}
    warm_code, warm_modules, warm_out = _check(tmp_path, cache)
    assert (warm_code, warm_modules) == (1, set())  # ... and unpickled afterwards
    assert warm_out == cold_out
    rules = [line.split('"rule_id": "')[1][:5] for line in warm_out.splitlines()]
    assert rules == ["FA005", "TR002", "TR016", "TR010"]


def test_vocabulary_zipf_is_wordfreqs_on_every_ascii_word():
    from wordfreq import zipf_frequency

    from pipeline.rules.vocabulary import Vocabulary

    vocabulary = Vocabulary.load()
    words = [w for w in vocabulary.frequencies if re.fullmatch(r"[a-z]+", w)]
    words += ["metacarbamol", "zzyzzyvaxq", "Paracetamol", "IBUPROFEN"]
    assert len(words) > 200_000
    assert [w for w in words if vocabulary.zipf(w) != zipf_frequency(w, "en")] == []
    with pytest.raises(ValueError, match="ASCII letters"):
        vocabulary.zipf("naïve")


def test_derived_cache_rebuilds_when_an_input_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "words.txt"
    data.write_text("one\ntwo\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"words": data.read_text(encoding="utf-8").split()}

    first = derived_cache.cached("demo", build, dict, files=[data])
    again = derived_cache.cached("demo", build, dict, files=[data])
    assert first == again == {"words": ["one", "two"]} and len(builds) == 1
    data.write_text("one\ntwo\nthree\n", encoding="utf-8")
    assert derived_cache.cached("demo", build, dict, files=[data]) == \
        {"words": ["one", "two", "three"]} and len(builds) == 2
    assert derived_cache.cached("demo", build, dict, files=[data], packages=["pyyaml"]) and \
        len(builds) == 3  # another package version (here: another key) is another build
    (path,) = [p for p in (tmp_path / "cache").glob("demo-*.pickle")
               if derived_cache.key("demo", [data]) in p.name]
    path.write_bytes(b"not a pickle")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert derived_cache.cached("demo", build, dict, files=[data])["words"][-1] == "three"
    assert len(builds) == 4 and "unreadable" in str(caught[0].message)
    path.write_bytes(pickle.dumps(["a list, not the dict expected"]))
    assert derived_cache.cached("demo", build, dict, files=[data]) == \
        {"words": ["one", "two", "three"]} and len(builds) == 5
    assert isinstance(io.read_checked_pickle(path), dict)  # rewritten
    with pytest.raises(ValueError, match="letters only"):
        derived_cache.cached("de-mo", build, dict, files=[data])


def test_derived_cache_without_a_knowledge_key_builds_every_time():
    class Uncached:  # a knowledge base built with cache=False has no cache key
        pass

    builds = []
    for _ in range(2):
        assert derived_cache.from_knowledge("demo", lambda: builds.append(1) or ["x"], frozenset,
                                            Uncached()) == frozenset({"x"})
    assert len(builds) == 2


def test_lexicon_from_the_cache_equals_the_validated_file(tmp_path, monkeypatch):
    from pipeline.rules.translation import lexicon

    monkeypatch.setenv("CLINIC_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    path = lexicon.DATA / "translation_false_friends.yaml"
    lexicon.load_lexicon.cache_clear()
    cold = lexicon.load_lexicon(path)
    lexicon.load_lexicon.cache_clear()
    warm = lexicon.load_lexicon(path)  # unpickled
    lexicon.load_lexicon.cache_clear()
    assert warm == cold == tuple(lexicon.LexiconEntry(**e) for e in lexicon._validated(path))
    entry = warm[0]
    assert "pattern" not in vars(entry)  # compiled on first use ...
    assert entry.pattern.pattern == dict(entry.regexes)["pattern"]
    assert entry.pattern.flags & re.IGNORECASE and entry.pattern.search(entry.wrong)
    assert vars(entry)["pattern"] is entry.pattern  # ... once
    assert entry.not_context is None or "not_context" in dict(entry.regexes)


def test_harper_linter_built_in_the_background_is_used(monkeypatch):
    from pipeline.grammar import harper

    text = "Rest the knee; this is an very good idea."
    plain = harper.HarperEngine({}).lint_blocks("a", text, [(0, len(text))])
    harper.prebuild("american")
    assert "american" in harper._pending
    engine = harper.HarperEngine({})
    assert "american" not in harper._pending  # taken, never shared with a second engine
    assert engine.lint_blocks("a", text, [(0, len(text))]) == plain
    assert [g.harper_rule for g in plain] == ["AnA"]


def test_harper_background_failure_is_raised_to_the_caller(monkeypatch):
    from pipeline.grammar import harper

    def broken(dialect):
        raise RuntimeError(f"no dictionary for {dialect}")

    monkeypatch.setattr(harper, "_new_linter", broken)
    harper.prebuild("british")
    with pytest.raises(RuntimeError, match="no dictionary for british"):
        harper.HarperEngine({"dialect": "british"})
    assert "british" not in harper._pending
