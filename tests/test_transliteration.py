"""A Latin word of a target that transliterates a word of its source (pipeline/rules/translation/
transliteration.py), and how TR003 reports it in a bilingual unit."""
from __future__ import annotations

import pytest

from pipeline.rules.translation.transliteration import skeleton, source_word


@pytest.mark.parametrize("word,source,expected", [
    ("Tehran", "او در تهران زندگی می‌کند.", "تهران"),
    ("khakshir", "پزشک دانه خاکشیر تجویز کرد.", "خاکشیر"),
    ("Kathmandu", "म काठमाडौं बस्छु।", "काठमाडौं"),
    ("Balangoda", "බලංගොඩ ප්‍රදේශය", "බලංගොඩ"),
    ("glimbor", "عضلات اسکالن و ذوزنقه‌ای روی عصب‌ها فشار می‌آورند.", None),
    ("Tehran", "Tehran is big.", None),  # only non-Latin source words are romanised
])
def test_source_word(word, source, expected):
    assert source_word(word, source) == expected


def test_skeleton_drops_vowels_and_merges_sound_alikes():
    assert skeleton("Tehran") == skeleton("thrn") == "trn"
    assert skeleton("Mohammad") == skeleton("mhmd")


def test_tr003_names_the_source_word_it_transliterates():
    from tests.conftest import make_article, run_rules

    xlf = ('<xliff version="1.2"><file source-language="fa" target-language="en" original="a" '
           'datatype="plaintext"><body><trans-unit id="1"><source>پزشک برای یبوست دانه خاکشیر '
           'تجویز کرد.</source><target>The doctor prescribed khakshir seeds for constipation.'
           '</target></trans-unit></body></file></xliff>')
    (f,) = run_rules([make_article(xlf, "case.xlf")], ["TR003"])
    assert f.text == "khakshir" and f.evidence["source_word"] == "خاکشیر"
    assert 'transliterates the source\'s "خاکشیر"' in f.message
