"""``osteoheme_abbreviations``: scispaCy's abbreviation detector, made linear.

scispaCy's ``abbreviation_detector`` (Schwartz & Hearst) finds candidates with
the pattern ``( + )``, which pairs every "(" with every later ")": a document
with n parentheses yields on the order of n² matches (a 50,000-word text with
many "(ABBR)" exhausted 24 GB here). The algorithm only uses candidates of at
most 8 tokens inside one pair of brackets, so this component keeps scispaCy's
code and swaps in a pattern that cannot span a bracket.
"""

from spacy.language import Language
from spacy.matcher import Matcher
from scispacy.abbreviation import AbbreviationDetector

_INSIDE = {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "+"}


class LinearAbbreviationDetector(AbbreviationDetector):
    def __init__(self, nlp: Language, name: str = "osteoheme_abbreviations") -> None:
        super().__init__(nlp, name=name, make_serializable=False)
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("parenthesis", [[{"ORTH": "("}, _INSIDE, {"ORTH": ")"}]])


@Language.factory("osteoheme_abbreviations", assigns=["doc._.abbreviations"])
def make_abbreviation_detector(nlp: Language, name: str) -> LinearAbbreviationDetector:
    return LinearAbbreviationDetector(nlp, name)
