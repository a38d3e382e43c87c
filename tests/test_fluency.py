from __future__ import annotations

from pipeline.detect import detect
from pipeline.fluency import MIN_WORDS, score_segments
from pipeline.model import Finding
from pipeline.resources import Resources
from tests.conftest import make_article, settings_for


class Vocab:
    def __init__(self, unknown=()):
        self.unknown = set(unknown)

    def known(self, word):
        return word.lower() not in self.unknown


def _finding(severity, category="translation"):
    return Finding(source="x", article_id="x", start=0, end=0, line=1, column=1, text="",
                   rule_id="TR999", rule_name="x", category=category, mqm_type="x",
                   severity=severity, message="x")


def test_clean_segment_scores_one():
    article = make_article("Stretch the calf gently every morning before you walk.")
    score_segments(article, [], Vocab())
    assert [s.fluency for s in article.segments] == [1.0]


def test_findings_lower_the_score_by_mqm_weight_per_word():
    article = make_article("Stretch the calf gently every morning before you walk today.\n"
                           "Rest.")
    first, second = article.segments
    major = (_finding("major"), first.start, first.start + 7)
    score_segments(article, [major], Vocab())
    assert first.fluency == 1 - 5 / 10  # ten words, one major error
    assert second.fluency == 1.0


def test_short_segments_use_the_minimum_word_count_and_floor_at_zero():
    article = make_article("Rest now.")
    seg = article.segments[0]
    score_segments(article, [(_finding("minor"), seg.start, seg.start + 4)], Vocab())
    assert seg.fluency == 1 - 1 / MIN_WORDS
    score_segments(article, [(_finding("critical"), seg.start, seg.start + 4)], Vocab())
    assert seg.fluency == 0.0


def test_other_categories_do_not_count_and_non_words_do():
    article = make_article("Massage the glimbor muscle slowly with warm oil every evening.")
    seg = article.segments[0]
    fact = (_finding("critical", category="fact"), seg.start, seg.end)
    score_segments(article, [fact], Vocab(unknown={"glimbor"}))
    assert seg.fluency == 0.9


def test_a_non_word_already_flagged_is_not_counted_twice():
    article = make_article("Massage the glimbor muscle slowly with warm oil every evening.")
    seg = article.segments[0]
    start = article.text.index("glimbor")
    score_segments(article, [(_finding("major"), start, start + 7)], Vocab(unknown={"glimbor"}))
    assert seg.fluency == 0.5


def test_detect_fills_fluency_for_every_segment():
    settings = settings_for(["TR"])
    article = make_article("Rest the leg for a day or A nurse can show you stretches.\n"
                           "Walking helps.")
    detect([article], settings, Resources(settings))
    spliced, clean = article.segments
    assert clean.fluency == 1.0
    assert 0 <= spliced.fluency < 1.0
