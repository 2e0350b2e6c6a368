"""spaCy components, registered by importing this package (or via entry points)."""

from .sentences import Sentencizer, make_sentencizer
from ..tokenizer import create_scispacy_tokenizer
from .relations import RelationExtractor, make_relation_extractor
from .state import StateTagger, make_state_tagger
from .terms import TermRecognizer, make_term_recognizer
from .triples import make_triples

import warnings  # noqa: E402

import scispacy.abbreviation  # noqa: F401,E402  (registers "abbreviation_detector")

# scispaCy's abbreviation detector runs an empty Matcher on texts without
# abbreviations, and spaCy warns (W036) every time: expected, not a problem.
warnings.filterwarnings("ignore", message=r".*\[W036\]")

__all__ = ["Sentencizer", "make_sentencizer", "create_scispacy_tokenizer", "RelationExtractor",
           "make_relation_extractor", "StateTagger", "make_state_tagger", "TermRecognizer",
           "make_term_recognizer", "make_triples"]
