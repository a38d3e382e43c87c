"""Whether a singular noun may stand without an article, learned from correct English: counts of
each noun bare and with a determiner (and per governing preposition or verb), read from spaCy's
tags by the same phrase finder in training (training/train_article_model.py) and in TR070."""
from pipeline.article_need.model import ArticleModel, load
from pipeline.article_need.phrases import NounPhrase, noun_phrases

__all__ = ["ArticleModel", "NounPhrase", "load", "noun_phrases"]
