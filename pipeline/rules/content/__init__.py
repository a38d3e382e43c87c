"""Content rules (CO): page structure, markup and boilerplate in the article body."""
from pipeline.rules.content.empty_list_entry import EmptyListEntry
from pipeline.rules.content.glued_sentence import SentenceGluedToPrevious
from pipeline.rules.content.leading_punctuation import PunctuationAtLineStart
from pipeline.rules.content.symbol_font_bullet import SymbolFontBullet
from pipeline.rules.content.list_glued_to_intro import ListItemGluedToIntro
from pipeline.rules.content.list_flattened import ListFlattened
from pipeline.rules.content.list_items_merged import ListItemsMerged
from pipeline.rules.content.list_numbering import ListNumberingBroken
from pipeline.rules.content.markup_left import MarkupLeftInText
from pipeline.rules.content.misplaced_metadata import MisplacedPageMetadata
from pipeline.rules.content.navigation_text import NavigationTextInBody
from pipeline.rules.content.repeated_link_labels import RepeatedLinkLabels
from pipeline.rules.content.stray_label_line import StrayLabelLine
from pipeline.rules.content.unbalanced_brackets import UnbalancedBrackets

RULES = [MarkupLeftInText, SentenceGluedToPrevious, ListItemGluedToIntro, ListItemsMerged,
         EmptyListEntry, NavigationTextInBody, RepeatedLinkLabels, MisplacedPageMetadata,
         UnbalancedBrackets, ListFlattened, StrayLabelLine, PunctuationAtLineStart,
         SymbolFontBullet, ListNumberingBroken]
