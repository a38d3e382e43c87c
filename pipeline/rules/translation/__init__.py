"""Translation rules (TR): garbled machine translation."""
from pipeline.rules.translation.adverb_after_verb import FrequencyAdverbAfterVerb
from pipeline.rules.translation.announced_list_missing import AnnouncedListMissing
from pipeline.rules.translation.broken_list_label import BrokenListLabel
from pipeline.rules.translation.capital_after_semicolon import CapitalAfterSemicolon
from pipeline.rules.translation.circular_naming import CircularNaming
from pipeline.rules.translation.colon_after_verb import ColonAfterVerb
from pipeline.rules.translation.comma_before_verb import CommaBeforeVerb
from pipeline.rules.translation.comma_splice import CommaSplice
from pipeline.rules.translation.common_word_capital import CapitalisedCommonWord
from pipeline.rules.translation.conjunction_comma import CommaAfterConjunction
from pipeline.rules.translation.correlative import MismatchedCorrelative
from pipeline.rules.translation.confused_word import ConfusedWord
from pipeline.rules.translation.clause_fragment import SubordinateClauseAlone
from pipeline.rules.translation.doubled_connective import DoubledConnective
from pipeline.rules.translation.doubled_word import DoubledWordOrPhrase
from pipeline.rules.translation.empty_target import EmptyTarget
from pipeline.rules.translation.false_friend import FalseFriend
from pipeline.rules.translation.grammar import GrammarError
from pipeline.rules.translation.future_in_time_clause import FutureInTimeClause
from pipeline.rules.translation.glued_heading import HeadingGluedToSentence
from pipeline.rules.translation.grammar_mistake import GrammarMistake
from pipeline.rules.translation.improbable_syntax import ImprobableEnglishSyntax
from pipeline.rules.translation.instrument_by import InstrumentBy
from pipeline.rules.translation.its_for_it_is import ItsForItIs
from pipeline.rules.translation.length_ratio import TargetLengthOff
from pipeline.rules.translation.literal_rendering import LiteralRendering
from pipeline.rules.translation.lost_subject import SubjectLost
from pipeline.rules.translation.lower_case_start import LowerCaseStart
from pipeline.rules.translation.reversed_range import ReversedRange
from pipeline.rules.translation.definite_without_the import DefiniteWithoutThe
from pipeline.rules.translation.inverted_embedded_question import InvertedEmbeddedQuestion
from pipeline.rules.translation.latin_abbreviation import LatinAbbreviation
from pipeline.rules.translation.missing_article import MissingArticle
from pipeline.rules.translation.misspelled_word import MisspelledWord
from pipeline.rules.translation.missing_relative import MissingRelativePronoun
from pipeline.rules.translation.missing_determiner import MissingDeterminer
from pipeline.rules.translation.number_mismatch import NumberMismatch
from pipeline.rules.translation.ordinal_article import OrdinalWithoutArticle
from pipeline.rules.translation.organisation_article import OrganisationWithoutThe
from pipeline.rules.translation.past_with_since import PastWithSince
from pipeline.rules.translation.perfect_with_past_time import PerfectWithPastTime
from pipeline.rules.translation.plural_after_number import PluralAfterNumber
from pipeline.rules.translation.preposition_clause import PrepositionBeforeClause
from pipeline.rules.translation.plural_modifier import PluralModifier
from pipeline.rules.translation.missing_final_stop import MissingFinalStop
from pipeline.rules.translation.missing_possessive import MissingPossessive
from pipeline.rules.translation.name_in_lower_case import NameInLowerCase
from pipeline.rules.translation.negated_universal import NegatedUniversal
from pipeline.rules.translation.not_after_be import NotAfterBe
from pipeline.rules.translation.noun_number import NounNumber
from pipeline.rules.translation.double_negation import DoubleNegation
from pipeline.rules.translation.doubled_punctuation import DoubledPunctuation
from pipeline.rules.translation.doubled_space import DoubledSpace
from pipeline.rules.translation.between_to import BetweenTo
from pipeline.rules.translation.relative_agreement import RelativeClauseAgreement
from pipeline.rules.translation.number_agreement import SingularAfterNumber
from pipeline.rules.translation.poor_translation import PoorTranslation
from pipeline.rules.translation.quantifier_of import QuantifierWithoutOf
from pipeline.rules.translation.question_word_in_place import QuestionWordInPlace
from pipeline.rules.translation.repeated_rendering import RepeatedRendering
from pipeline.rules.translation.semicolon_after_phrase import SemicolonAfterPhrase
from pipeline.rules.translation.sentence_split_mid_clause import SentenceSplitMidClause
from pipeline.rules.translation.so_before_noun import SoBeforeNoun
from pipeline.rules.translation.source_ellipsis import SourceEllipsis
from pipeline.rules.translation.source_order_number import SourceOrderNumber
from pipeline.rules.translation.resumptive_possessive import ResumptivePossessive
from pipeline.rules.translation.resumptive_pronoun import ResumptivePronoun
from pipeline.rules.translation.source_reader_gloss import SourceReaderGloss
from pipeline.rules.translation.source_script import SourceScriptLeft
from pipeline.rules.translation.source_term_lost import SourceTermLost
from pipeline.rules.translation.source_word_order import SourceWordOrder
from pipeline.rules.translation.space_before_punctuation import SpaceBeforePunctuation
from pipeline.rules.translation.stray_capital import StrayCapital
from pipeline.rules.translation.subject_agreement import SubjectVerbAgreement
from pipeline.rules.translation.tag_mismatch import TagMismatch
from pipeline.rules.translation.term_deprecated import TermDeprecated
from pipeline.rules.translation.term_missing import TermMissing
from pipeline.rules.translation.time_preposition import TimePreposition
from pipeline.rules.translation.transliterated_name import TransliteratedName
from pipeline.rules.translation.uninverted_question import UninvertedQuestion
from pipeline.rules.translation.unit_mismatch import UnitMismatch
from pipeline.rules.translation.unknown_word import UnknownWord
from pipeline.rules.translation.untranslated_unit import UntranslatedUnit
from pipeline.rules.translation.verb_final import VerbAtClauseEnd
from pipeline.rules.translation.verb_pattern import VerbPattern
from pipeline.rules.translation.verbless_sentence import VerblessSentence
from pipeline.rules.translation.word_split import WordSplit
from pipeline.rules.translation.words_run_together import WordsRunTogether

RULES = [SourceScriptLeft, DoubledWordOrPhrase, UnknownWord, TransliteratedName, SourceWordOrder,
         StrayCapital, BrokenListLabel, VerblessSentence, SourceEllipsis, FalseFriend,
         AnnouncedListMissing, GrammarError, CircularNaming,
         QuestionWordInPlace, GrammarMistake, ItsForItIs, SentenceSplitMidClause,
         PluralAfterNumber, MissingDeterminer,
         LiteralRendering, SourceReaderGloss, WordsRunTogether, ImprobableEnglishSyntax,
         # source-aware checks of bilingual files (XLIFF, TMX, paired text)
         UntranslatedUnit, NumberMismatch, UnitMismatch, TagMismatch, EmptyTarget,
         TargetLengthOff, TermMissing, TermDeprecated, SourceTermLost,
         # Persian word order, broken sentence boundaries, repeated renderings
         VerbAtClauseEnd, DoubledConnective, SourceOrderNumber, FrequencyAdverbAfterVerb,
         SubjectLost, SubordinateClauseAlone, RepeatedRendering, PoorTranslation,
         HeadingGluedToSentence, VerbPattern, NounNumber,
         MismatchedCorrelative, CommaBeforeVerb, MissingPossessive, PluralModifier, InstrumentBy,
         CommaSplice,
         SingularAfterNumber,
         DoubleNegation, BetweenTo, RelativeClauseAgreement, CapitalAfterSemicolon,
         # articles dropped (Persian has none): a model learned from correct English
         MissingArticle, OrdinalWithoutArticle,
         # general English grammar and punctuation (issue 9)
         SubjectVerbAgreement, CommaAfterConjunction, MisspelledWord, SpaceBeforePunctuation,
         TimePreposition, ResumptivePossessive, ResumptivePronoun, UninvertedQuestion, CapitalisedCommonWord, SemicolonAfterPhrase,
         DoubledSpace, ColonAfterVerb, NameInLowerCase, SoBeforeNoun,
         FutureInTimeClause, LowerCaseStart, NegatedUniversal, DoubledPunctuation,
         QuantifierWithoutOf, PastWithSince, NotAfterBe, MissingRelativePronoun,
         WordSplit, OrganisationWithoutThe, PrepositionBeforeClause,
         PerfectWithPastTime, MissingFinalStop, ConfusedWord, LatinAbbreviation,
         ReversedRange, DefiniteWithoutThe, InvertedEmbeddedQuestion]
