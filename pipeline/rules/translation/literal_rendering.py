from __future__ import annotations

from pipeline.rules.translation.lexicon import DATA, LexiconRule

LITERAL_RENDERINGS = DATA / "translation_literal_renderings.yaml"


class LiteralRendering(LexiconRule):
    """A Persian medical term or idiom translated word by word ("disc exit", "pearl water").

    What it does
    Matches the entries of pipeline/rules/data/translation_literal_renderings.yaml: Persian
    compound terms and web-page idioms whose word-by-word English rendering names something else
    or nothing ("birun-zadegi-ye disk" -> "disc exit", "ab-e morvarid" -> "pearl water",
    "dar edame" -> "in the continuation"). Each entry names the Persian source (script and
    transliteration), the wrong rendering, the right term, the context it needs and its
    references (MeSH, dictionaries). The list is data: add an entry, not code.

    Why is this bad?
    Persian builds medical terms from everyday words ("water" + "pearl" = cataract, "bone" +
    "hollowness" = osteoporosis). Machine translation keeps the everyday words, so the reader
    gets a phrase that is not the term, or that is a different English term ("knee abrasion" is
    a scraped knee, not osteoarthritis; a "breast prosthesis" is worn after a mastectomy).

    Example
    Pearl water makes the vision cloudy. In the continuation of this article we explain how
    knee abrasion is treated.

    Use instead
    A cataract makes the vision cloudy. Later in this article we explain how knee
    osteoarthritis is treated.

    Severity
    Major: the term is wrong, and a reader may look up or act on the wrong condition
    (MQM Terminology/Wrong term). Idioms are reported with lower confidence.

    References
    MQM core typology, Terminology: https://themqm.org/error-types-2/typology/
    Each entry of the data file cites its MeSH descriptor or dictionary entry.
    """

    code = "TR035"
    name = "literal-rendering"
    category = "translation"
    severity = "major"
    mqm_type = "Terminology/Wrong term"
    options = {"data": str(LITERAL_RENDERINGS)}
