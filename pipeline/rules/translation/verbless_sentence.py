from __future__ import annotations

from pipeline.rules.base import Match, Rule

_CONTENT = ("NOUN", "PROPN", "ADJ")


class VerblessSentence(Rule):
    """A sentence with no verb in running text: a fragment split off, or a leaked alternative.

    What it does
    Finds sentences that end with a full stop yet contain no verb, in paragraphs and after the
    first sentence of a list item (headings, titles, list labels and the first sentence of a list
    item may be verbless). When the fragment starts in lower case and repeats a word of the
    sentence before it ("... can cause muscle spasms. muscle cramps."), it is reported as an
    alternative translation that leaked into the text.

    Why is this bad?
    Machine translation breaks long source sentences at the wrong place, leaving a list of nouns
    as a "sentence" whose verb sits in the next one, or it emits two candidate translations of a
    term one after the other. Either way the reader meets a sentence that says nothing.

    Example
    Some conditions such as diabetes, thyroid disease and kidney failure. They can also cause
    cramps. Stretching eases leg cramps. calf cramps.

    Use instead
    Some conditions, such as diabetes, thyroid disease and kidney failure, can also cause
    cramps. Stretching eases calf cramps.

    Severity
    Minor: the meaning can be recovered from the neighbouring sentence (MQM Fluency/Grammar).

    References
    MQM core typology, Fluency/Grammar and Accuracy/Addition: https://themqm.org/error-types-2/typology/
    """

    code = "TR008"
    name = "verbless-sentence"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"
    options = {"min_words": 2}

    def check(self, ctx):
        previous = None
        for seg in ctx.segments:
            first_in_block = previous is None or previous.block != seg.block
            before, previous = previous, seg
            if not verbless_fragment(seg, first_in_block, ctx.options["min_words"]):
                continue
            text = seg.text.rstrip()
            repeated = _repeats(seg, before) if not first_in_block and text[0].islower() else None
            if repeated:
                message = (f'"{text}" is a verbless fragment that repeats "{repeated}" from the '
                           "sentence before: an alternative translation leaked into the text.")
            else:
                message = (f'"{_short(text)}" has no verb: it was probably split from the '
                           "sentence that completes it.")
            yield Match(seg.start, seg.start + len(text), message,
                        evidence={"leaked_alternative": bool(repeated)}, confidence=0.7)


def verbless_fragment(seg, first_in_block: bool, min_words: int = 2) -> bool:
    """Whether TR008 reports this segment: a verbless sentence ending in a full stop in running
    text (TR017 leaves such splits to it)."""
    if seg.block_kind not in ("paragraph", "list_item") or \
            (seg.block_kind == "list_item" and first_in_block):
        return False
    text = seg.text.rstrip()
    if not text.endswith(".") or text.endswith("..") or ":" in text:
        return False
    words = [t for t in seg.tokens if t.text.isalpha()]
    return len(words) >= min_words and not any(t.pos in ("VERB", "AUX") for t in seg.tokens)


def _repeats(seg, before) -> str | None:
    """A content word of the fragment that the previous sentence also has."""
    earlier = {t.lemma.lower() for t in before.tokens if t.pos in _CONTENT}
    return next((t.text for t in seg.tokens if t.pos in _CONTENT and t.lemma.lower() in earlier),
                None)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."
