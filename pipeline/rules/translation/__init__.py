"""Translation rules (TR): garbled machine translation."""
from pipeline.rules.translation.doubled_word import DoubledWordOrPhrase
from pipeline.rules.translation.source_script import SourceScriptLeft

RULES = [SourceScriptLeft, DoubledWordOrPhrase]
