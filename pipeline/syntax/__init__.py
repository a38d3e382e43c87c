"""A model of English syntax: n-gram models over spaCy's fine part-of-speech tags, trained on
correct English (the human post-edits of MLQE-PE), shipped as package data."""
from pipeline.syntax.model import SyntaxModel, load

__all__ = ["SyntaxModel", "load"]
