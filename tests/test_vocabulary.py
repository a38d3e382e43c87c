from __future__ import annotations

import pytest

from pipeline.resources import Resources
from pipeline.rules.vocabulary import Vocabulary, read_word_list, MEDICAL_LIST
from tests.conftest import settings_for


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Resources(settings_for()).vocabulary


def test_english_and_medical_words_are_known(vocab):
    for word in ("muscle", "Stretching", "myokymia", "fasciculation", "methocarbamol",
                 "trapezius", "tenosynovitis", "chlorzoxazone", "semi-floating", "Parkinson's"):
        assert vocab.known(word), word


def test_garbled_words_are_unknown(vocab):
    for word in ("trabus", "acupointer", "metacarbamol", "glimbor"):
        assert not vocab.known(word), word


def test_suggestion_prefers_the_close_medical_term(vocab):
    assert vocab.suggest("metacarbamol") == "methocarbamol"
    assert vocab.suggest("tizanidyne") == "tizanidine"
    assert vocab.suggest("glimbor") is None  # nothing close enough to be the intended word


def test_medical_list_is_lower_case_and_commented(tmp_path):
    words = read_word_list(MEDICAL_LIST)
    assert "myokymia" in words and all(w == w.lower() and " " not in w for w in words)
    extra = tmp_path / "extra.txt"
    extra.write_text("# a comment\nZorbitol  # inline comment\n\n", encoding="utf-8")
    assert read_word_list(extra) == {"zorbitol"}
    assert Vocabulary.load(extra).known("zorbitol")


def test_resources_load_the_vocabulary_once():
    res = Resources(settings_for())
    assert res.vocabulary is res.vocabulary
