"""Translation rules (TR): garbled machine translation."""
from pipeline.rules.translation.adverb_after_verb import FrequencyAdverbAfterVerb
from pipeline.rules.translation.announced_list_missing import AnnouncedListMissing
from pipeline.rules.translation.broken_list_label import BrokenListLabel
from pipeline.rules.translation.circular_naming import CircularNaming
from pipeline.rules.translation.clause_fragment import SubordinateClauseAlone
from pipeline.rules.translation.doubled_connective import DoubledConnective
from pipeline.rules.translation.doubled_word import DoubledWordOrPhrase
from pipeline.rules.translation.false_friend import FalseFriend
from pipeline.rules.translation.grammar import GrammarError
from pipeline.rules.translation.lost_subject import SubjectLost
from pipeline.rules.translation.question_word_in_place import QuestionWordInPlace
from pipeline.rules.translation.repeated_rendering import RepeatedRendering
from pipeline.rules.translation.source_ellipsis import SourceEllipsis
from pipeline.rules.translation.source_order_number import SourceOrderNumber
from pipeline.rules.translation.source_script import SourceScriptLeft
from pipeline.rules.translation.source_word_order import SourceWordOrder
from pipeline.rules.translation.stray_capital import StrayCapital
from pipeline.rules.translation.transliterated_name import TransliteratedName
from pipeline.rules.translation.unknown_word import UnknownWord
from pipeline.rules.translation.verb_final import VerbAtClauseEnd
from pipeline.rules.translation.verbless_sentence import VerblessSentence

RULES = [SourceScriptLeft, DoubledWordOrPhrase, UnknownWord, TransliteratedName, SourceWordOrder,
         StrayCapital, BrokenListLabel, VerblessSentence, SourceEllipsis, FalseFriend,
         AnnouncedListMissing, GrammarError, CircularNaming,
         QuestionWordInPlace, VerbAtClauseEnd, DoubledConnective, SourceOrderNumber,
         FrequencyAdverbAfterVerb, SubjectLost, SubordinateClauseAlone,
         RepeatedRendering]
