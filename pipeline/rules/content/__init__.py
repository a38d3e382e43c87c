"""Content rules (CO): page structure, markup and boilerplate in the article body."""
from pipeline.rules.content.markup_left import MarkupLeftInText

RULES = [MarkupLeftInText]
