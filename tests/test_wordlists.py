"""The vendored English word list (pipeline/wordlists.py, scripts/vendor_wordfreq.py) gives what
wordfreq gives: the same frequency dictionary, and the same Zipf values for the words the rules ask
about. wordfreq itself is a test dependency only (requirements-test.lock)."""
import random
import re
import string

import pytest

from pipeline import wordlists



def test_the_same_frequency_dictionary_as_wordfreq():
    wordfreq = pytest.importorskip("wordfreq")
    ours, theirs = wordlists.english(), wordfreq.get_frequency_dict("en", wordlist="large")
    assert len(ours) == len(theirs) == 321180
    assert ours == theirs
    assert list(ours)[:50] == list(theirs)[:50]  # the same order, too
    assert theirs == wordfreq.get_frequency_dict("en")  # "best" for English is "large"


def test_zipf_equals_wordfreq_on_words_of_letters():
    wordfreq = pytest.importorskip("wordfreq")
    letters = [w for w in wordlists.english() if re.fullmatch(r"[a-z]+", w)]
    rng = random.Random(11)
    sample = rng.sample(letters, 20000)
    sample += ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 12)))
               for _ in range(3000)]  # mostly unseen strings
    sample += [w.capitalize() for w in sample[:2000]] + ["paracetomol", "cetirizin", "the"]
    english = wordlists.english()

    def zipf(word: str) -> float:
        return wordlists.zipf(english.get(word.casefold(), 0.0))

    mismatches = [w for w in sample if zipf(w) != wordfreq.zipf_frequency(w, "en")]
    assert mismatches == []
    assert zipf("the") > 7 and zipf("qzxvjkw") == 0.0


def test_the_same_words_as_pyspellchecker():
    spellchecker = pytest.importorskip("spellchecker")
    theirs = spellchecker.SpellChecker(language="en").word_frequency.dictionary
    ours = wordlists.dictionary()
    assert len(ours) == len(theirs) == 160572 and ours == set(theirs)
