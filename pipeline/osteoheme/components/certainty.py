"""``osteoheme_certainty``: whether the text asserts a relation (guidelines 8.3 and 8.5).

A relation is ``hedged`` when a hedge cue ("may", "suggest", "likely", …) and ``hypothesis``
when an aim or question cue ("whether", "we hypothesized", a sentence ending in "?") stands
before its trigger in the same clause: a cue governs the predicates that follow it up to a
clause break, never what came before it ("X increased Y, which may lead to Z" hedges only Z).
Relations presupposed inside a noun phrase ("X-induced Y", "induction of Y by X") stay
asserted wherever they stand (8.5, rule 1).
"""

from dataclasses import replace
from typing import Dict, Iterable, List, Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import _extensions  # noqa: F401
from ..schema import ASSERTED
from ._base import ConfigOnlyPipe

DEFAULT_CUES: Dict[str, List[str]] = {
    "hedged": ["may", "might", "could", "possibly", "probably", "likely", "potentially", "putative",
               "putatively", "presumably", "conceivably", "perhaps", "suggest", "suggests", "suggested",
               "suggesting", "propose", "proposed", "speculate", "speculated", "appear to", "appears to",
               "seem to", "seems to", "thought to", "is conceivable", "support the hypothesis",
               "supports the hypothesis", "support the notion", "supports the notion"],
    "hypothesis": ["whether", "hypothesized that", "hypothesised that", "hypothesize that", "hypothesise that",
                   "the hypothesis that", "remains to be", "remain to be", "is not known", "is unknown",
                   "has not been established", "have not been established"],
}
# Words that open another clause: a cue before them does not reach a trigger after them.
DEFAULT_BREAKS = [";", ":", "but", "whereas", "however", "although", "though", "while", "yet"]
# Constructions whose relation is presupposed by a noun phrase, not predicated by a clause.
PRESUPPOSED = ("affix", "event")


class CertaintyTagger(ConfigOnlyPipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_certainty", *,
                 cues: Optional[Dict[str, List[str]]] = None, breaks: Optional[Iterable[str]] = None) -> None:
        self.name = name
        self.cues = dict(cues or DEFAULT_CUES)
        self.breaks = frozenset(b.lower() for b in (breaks or DEFAULT_BREAKS))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for certainty, phrases in self.cues.items():
            self.matcher.add(certainty, list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        relations = doc._.relations or []
        if not relations:
            return doc
        # cue start token → certainty; "hypothesis" wins where both kinds start at one token
        cues: Dict[int, str] = {}
        for match_id, start, _ in self.matcher(doc):
            certainty = doc.vocab.strings[match_id]
            if cues.get(start) != "hypothesis":
                cues[start] = certainty
        doc._.relations = [self._tag(doc, r, cues) for r in relations]
        return doc

    def _tag(self, doc: Doc, relation, cues: Dict[int, str]):
        if relation.method.split(":", 1)[0] in PRESUPPOSED:
            return relation
        trigger = relation.trigger[0]
        sentence = doc[trigger].sent if doc.has_annotation("SENT_START") else doc[:]
        certainty = ASSERTED
        for i in range(sentence.start, trigger):
            if doc[i].lower_ in self.breaks:
                certainty = ASSERTED
            elif i in cues and not (certainty == "hypothesis" and cues[i] == "hedged"):
                certainty = cues[i]
        if certainty == ASSERTED and sentence.text.rstrip().endswith("?"):
            certainty = "hypothesis"
        return relation if certainty == ASSERTED else replace(relation, certainty=certainty)


@Language.factory(
    "osteoheme_certainty",
    assigns=["doc._.relations"],
    requires=["doc._.relations"],
    default_config={"cues": DEFAULT_CUES, "breaks": DEFAULT_BREAKS},
)
def make_certainty_tagger(nlp: Language, name: str, cues: Dict[str, List[str]], breaks: List[str]) -> CertaintyTagger:
    return CertaintyTagger(nlp, name, cues=cues, breaks=breaks)
