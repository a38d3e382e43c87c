"""The LanguageTool adapter against a local fake server: offsets, timeouts, run notes."""
from __future__ import annotations

import socket
import time

import pytest

from pipeline.detect import detect
from pipeline.grammar.languagetool import (LanguageToolUnavailable, client_from_settings,
                                   utf16_offsets)
from pipeline.resources import Resources
from tests.conftest import make_article, settings_for
from tests.fake_languagetool import FakeLanguageTool, lt_match


def test_no_url_means_no_client():
    assert client_from_settings({"url": None, "language": "en-US", "timeout": 1}) is None


def test_utf16_offsets_map_surrogate_pairs():
    to16, from16 = utf16_offsets("a😀b")
    assert to16 == [0, 1, 3, 4]
    assert from16[3] == 2 and from16[4] == 3


def test_offsets_after_a_non_bmp_character_are_python_indices():
    text = "Smile 😀 then 𝔸 the muscles becomes stiff."
    word = "becomes"
    start = text.index(word)
    # LanguageTool counts the two astral characters before the match as two units each.
    start16 = start + 2
    with FakeLanguageTool(lambda t: [lt_match(start16, len(word))]) as lt:
        client = client_from_settings({"url": lt.url, "language": "en-US", "timeout": 5})
        [issue] = client.check(text)
    assert text[issue.start:issue.end] == word
    assert issue.rule_id == "AGREEMENT" and issue.category == "GRAMMAR"
    assert issue.replacements == ["x"]


def test_match_spanning_a_non_bmp_character():
    text = "Rest 😀😀 now."
    with FakeLanguageTool(lambda t: [lt_match(5, 4)]) as lt:  # both emoji: 4 UTF-16 units
        [issue] = client_from_settings({"url": lt.url, "timeout": 5}).check(text)
    assert text[issue.start:issue.end] == "😀😀"


def test_slow_server_times_out_and_stays_unavailable():
    with FakeLanguageTool(lambda t: [], delay=3.0) as lt:
        client = client_from_settings({"url": lt.url, "language": "en-US", "timeout": 0.5})
        t0 = time.monotonic()
        with pytest.raises(LanguageToolUnavailable):
            client.check("Some text.")
        assert time.monotonic() - t0 < 2.5
        t1 = time.monotonic()
        with pytest.raises(LanguageToolUnavailable):
            client.check("More text.")  # no second wait: the failure is remembered
        assert time.monotonic() - t1 < 0.1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_tr012(url):
    settings = settings_for(["TR012"], languagetool={"url": url, "language": "en-US",
                                                     "timeout": 1.0})
    article = make_article("The muscles becomes stiff.")
    return detect([article], settings, Resources(settings))


def test_unreachable_server_skips_grammar_with_a_note():
    findings, errors, notes = _run_tr012(f"http://127.0.0.1:{_free_port()}")
    assert findings == [] and errors == []
    assert "skipped" in notes["languagetool"]


def test_no_server_configured_leaves_a_note():
    findings, errors, notes = _run_tr012(None)
    assert findings == [] and errors == []
    assert "no LanguageTool server" in notes["languagetool"]


def test_findings_carry_file_offsets_and_the_suggestion():
    text = "The muscles becomes stiff."
    with FakeLanguageTool(lambda t: [lt_match(t.index("becomes"), 7, replacement="become")]) as lt:
        findings, errors, notes = _run_tr012(lt.url)
    [f] = findings
    assert (f.text, f.suggestion, f.rule_id) == ("becomes", "become", "TR012")
    assert text[f.start:f.end] == "becomes" and "languagetool" not in notes
