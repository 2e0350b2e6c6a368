"""``osteoheme_state``: the ``State`` attribute (guideline section 3).

A mention spoken of at a low or high level gets ``span._.state`` =
"Decreased" or "Increased". The level words stay outside the span (rule 2);
this component reads them around it: before ("elevated hepcidin",
"deficiency in either B12 or folate"), after ("iron deficiency",
"B12-deficient"), and shares them across coordinated mentions.
"""

from typing import Dict, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import _extensions  # noqa: F401
from ._base import ConfigOnlyPipe
from .grammar import SentenceIndex, coordinated
from .words import LEVEL_NOUNS

DEFAULT_MODIFIERS = {
    "Decreased": ["low", "lower", "reduced", "decreased", "deficient", "insufficient", "inadequate", "poor",
                  "diminished", "depleted", "suboptimal", "subnormal", "declining", "impaired", "less", "fewer"],
    "Increased": ["elevated", "high", "higher", "increased", "excess", "excessive", "raised", "enhanced",
                  "heightened", "overabundant"],
}
DEFAULT_HEADS = {
    "Decreased": ["deficiency", "deficiencies", "lack", "insufficiency", "depletion", "shortage", "loss"],
    "Increased": ["overproduction", "excess", "overload", "surplus", "elevation", "overexpression"],
}
DEFAULT_POSTFIXES = {
    "Decreased": ["deficiency", "deficiencies", "insufficiency", "depletion", "-deficient", "–deficient",
                  "deficient"],
    "Increased": ["overload", "excess", "overproduction", "overexpression"],
}
# Words allowed between a level word and its mention: "low serum iron", "levels of".
_FILLERS = frozenset({"serum", "plasma", "circulating", "blood", "dietary", "functional", "systemic", "tissue",
                      "levels", "level", "either", "both", "the", "a", "an", "intake", "concentrations",
                      "specific", "chronic", "marrow", "body"})
# A preposition is crossed only right after a level noun: "deficiency in B12",
# "levels of IL-6", never "elevated in rheumatoid arthritis".
_LINKS = frozenset({"of", "in"})


class StateTagger(ConfigOnlyPipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_state", *,
                 modifiers: Optional[Dict[str, List[str]]] = None, heads: Optional[Dict[str, List[str]]] = None,
                 postfixes: Optional[Dict[str, List[str]]] = None) -> None:
        self.name = name
        self.modifiers = _invert(modifiers or DEFAULT_MODIFIERS)
        self.heads = _invert(heads or DEFAULT_HEADS)
        self.after = _invert(postfixes or DEFAULT_POSTFIXES)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        self._sents = SentenceIndex(doc)
        for i, ent in enumerate(ents):
            if ent._.state is None:
                state, spreads = self._state_before(ent)
                if state:
                    # "deficiency in either B12 or folate" covers both; "reduced bone
                    # mass and structural deterioration" only the first.
                    for e in (coordinated(ents, i, +1) if spreads else [ent]):
                        e._.state = e._.state or state
                    continue
                state = self._state_after(ent)
                if state:
                    for e in coordinated(ents, i, -1):
                        e._.state = e._.state or state
        return doc

    def _state_before(self, ent: Span) -> Tuple[Optional[str], bool]:
        """(state, whether it spreads to coordinated mentions)."""
        doc, i = ent.doc, ent.start - 1
        stop = max(self._sents.of(ent.start).start, ent.start - 4)
        while i >= stop:
            word = doc[i].lower_
            if word in self.heads:
                return self.heads[word], True
            if word in self.modifiers:
                return self.modifiers[word], False
            if word in _LINKS and i > 0:
                before = doc[i - 1].lower_
                if before not in self.heads and before not in LEVEL_NOUNS:
                    break
            elif word not in _FILLERS or doc[i].ent_iob_ != "O":
                break
            i -= 1
        return None, False

    def _state_after(self, ent: Span) -> Optional[str]:
        doc = ent.doc
        for i in range(ent.end, min(ent.end + 2, self._sents.of(ent.start).end)):
            word = doc[i].lower_
            if word in self.after:
                return self.after[word]
            if word not in {"levels", "level", "concentrations", "status", "stores", "intake"}:
                return None
        return None


def _invert(table: Dict[str, List[str]]) -> Dict[str, str]:
    return {word.lower(): state for state, words in table.items() for word in words}


@Language.factory(
    "osteoheme_state",
    assigns=["span._.state"],
    requires=["doc.ents"],
    default_config={"modifiers": DEFAULT_MODIFIERS, "heads": DEFAULT_HEADS, "postfixes": DEFAULT_POSTFIXES},
    default_score_weights={"state_acc": 1.0},
)
def make_state_tagger(nlp: Language, name: str, modifiers: Dict[str, List[str]], heads: Dict[str, List[str]],
                      postfixes: Dict[str, List[str]]) -> StateTagger:
    return StateTagger(nlp, name, modifiers=modifiers, heads=heads, postfixes=postfixes)
