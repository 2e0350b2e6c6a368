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
from .grammar import SentenceIndex

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
# Words that open another clause, or report a finding: a cue before them does not reach a trigger after them.
DEFAULT_BREAKS = [";", ":", "but", "whereas", "however", "although", "though", "while", "yet", "found", "find",
                  "finds", "showed", "shown", "show", "shows", "demonstrated", "demonstrate", "observed", "revealed",
                  "confirmed"]
# A sentence opening with one of these starts with a subordinate or purpose clause, which ends at its first
# comma: "To test whether X, we found …", "Although X may …, Y causes Z".
DEFAULT_OPENERS = ["to", "although", "though", "because", "since", "while", "whereas", "if", "when", "as",
                   "whether"]
# Constructions whose relation is presupposed by a noun phrase, not predicated by a clause.
PRESUPPOSED = ("affix", "event", "modifier")


class CertaintyTagger(ConfigOnlyPipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_certainty", *,
                 cues: Optional[Dict[str, List[str]]] = None, breaks: Optional[Iterable[str]] = None,
                 openers: Optional[Iterable[str]] = None) -> None:
        self.name = name
        self.cues = dict(cues or DEFAULT_CUES)
        self.breaks = frozenset(b.lower() for b in (breaks or DEFAULT_BREAKS))
        self.openers = frozenset(o.lower() for o in (openers or DEFAULT_OPENERS))
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
            if doc[start].text == "May" and start + 1 < len(doc) and doc[start + 1].like_num:
                continue  # the month ("In May 2010")
            certainty = doc.vocab.strings[match_id]
            if cues.get(start) != "hypothesis":
                cues[start] = certainty
        sents = SentenceIndex(doc)
        doc._.relations = [self._tag(doc, r, cues, sents) for r in relations]
        return doc

    def _tag(self, doc: Doc, relation, cues: Dict[int, str], sents: SentenceIndex):
        if relation.method.split(":", 1)[0] in PRESUPPOSED:
            return relation
        trigger = relation.trigger[0]
        sentence = sents.of(trigger)
        # A fronted subordinate or purpose clause ends at the sentence's first comma.
        opener_open = doc[sentence.start].lower_ in self.openers if len(sentence) else False
        certainty = ASSERTED
        for i in range(sentence.start, trigger):
            word = doc[i].lower_
            if word in self.breaks or (word == "," and opener_open):
                certainty = ASSERTED
                opener_open = opener_open and word != ","
            elif i in cues and not (certainty == "hypothesis" and cues[i] == "hedged"):
                certainty = cues[i]
        if certainty == ASSERTED and sentence.text.rstrip().endswith("?"):
            certainty = "hypothesis"
        return relation if certainty == ASSERTED else replace(relation, certainty=certainty)


@Language.factory(
    "osteoheme_certainty",
    assigns=["doc._.relations"],
    requires=["doc._.relations"],
    default_config={"cues": DEFAULT_CUES, "breaks": DEFAULT_BREAKS, "openers": DEFAULT_OPENERS},
)
def make_certainty_tagger(nlp: Language, name: str, cues: Dict[str, List[str]], breaks: List[str],
                          openers: List[str]) -> CertaintyTagger:
    return CertaintyTagger(nlp, name, cues=cues, breaks=breaks, openers=openers)
