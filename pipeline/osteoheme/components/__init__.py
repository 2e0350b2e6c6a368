"""spaCy components, registered by importing this package (or via entry points)."""

import warnings

from .tokenizer import create_scispacy_tokenizer
from .abbreviations import LinearAbbreviationDetector, make_abbreviation_detector
from .certainty import CertaintyTagger, make_certainty_tagger
from .relations import RelationExtractor, make_relation_extractor
from .relation_scorer import RelationScorer, make_relation_scorer
from .sentences import Sentencizer, make_sentencizer
from .state import StateTagger, make_state_tagger
from .terms import TermRecognizer, make_term_recognizer
from .triples import make_triples

# scispaCy's abbreviation detector runs an empty Matcher on texts without
# abbreviations, and spaCy warns (W036) every time: expected, not a problem.
warnings.filterwarnings("ignore", message=r".*\[W036\]")

__all__ = ["create_scispacy_tokenizer", "LinearAbbreviationDetector", "make_abbreviation_detector",
           "CertaintyTagger", "make_certainty_tagger",
           "RelationExtractor", "make_relation_extractor", "RelationScorer", "make_relation_scorer", "Sentencizer", "make_sentencizer", "StateTagger",
           "make_state_tagger", "TermRecognizer", "make_term_recognizer", "make_triples"]
