"""spaCy components, registered by importing this package (or via entry points)."""

from ..sentences import Sentencizer, make_sentencizer
from ..tokenizer import create_scispacy_tokenizer
from .relations import RelationExtractor, make_relation_extractor
from .state import StateTagger, make_state_tagger
from .terms import TermRecognizer, make_term_recognizer
from .triples import make_triples

import scispacy.abbreviation  # noqa: F401,E402  (registers "abbreviation_detector")

__all__ = ["Sentencizer", "make_sentencizer", "create_scispacy_tokenizer", "RelationExtractor",
           "make_relation_extractor", "StateTagger", "make_state_tagger", "TermRecognizer",
           "make_term_recognizer", "make_triples"]
