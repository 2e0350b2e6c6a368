"""Arguments of a trigger read off the dependency parse (UD labels, as the
GENIA-trained parser and scispaCy's models produce them).

The surface rules in components/relations.py look for arguments by word
order within a window of a few words; these paths reach arguments by
structure, and components/relations.py adds those the rules did not find:
the subject of a coordinated or raising verb ("X binds and activates Y", "X
appears to increase Y"), the agent and patient of a passive or reduced
relative ("Y, produced in the liver by X"), a relative clause's antecedent,
an object behind a long modifier ("increases, in patients with anemia, the
levels of Y"). They stay as cautious as the rules where meaning would
change: a verb with a subject of its own never borrows another's, a noun is
read through only when it names an amount of its complement ("levels of Y",
never "inhibition of Y"), and a causative's causee is no object ("X
stimulates osteoblasts to secrete Y").
"""

from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span, Token

from .words import LEVEL_NOUNS, RELATIVE_PRONOUNS

_SUBJECT = ("nsubj", "csubj")
_PASSIVE_SUBJECT = ("nsubjpass", "csubjpass")
# Head nouns that stand for what follows them: "levels of Y", "the production of Y", "Y expression".
_THROUGH_NOUNS = LEVEL_NOUNS | {"activity", "production", "expression", "secretion", "synthesis", "release",
                                "number", "numbers", "availability", "content"}
_MAX_DEPTH = 2


def trigger_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a multi-word trigger whose head lies outside it ("leads" in "leads to")."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[start]


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in _PASSIVE_SUBJECT or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"  # "hepcidin produced by the liver"


class DependencyArguments:
    """Finds mentions (entity spans of one sentence) by dependency arcs."""

    def __init__(self, doc: Doc, ents: Sequence[Span], ent_index: Dict[int, int], sent: Span) -> None:
        self.doc = doc
        self.ents = ents
        self.ent_index = ent_index
        self.sent = sent

    def of_verb(self, start: int, end: int, passive: bool = True) -> Tuple[List[Span], List[Span]]:
        """(logical subjects, logical objects) of the trigger doc[start:end]: a verb, or the
        predicate noun or adjective of a copula ("X is a cofactor for Y", "X is essential for Y")."""
        verb = trigger_head(self.doc, start, end)
        if passive and is_passive(verb):
            patients = self._child_mentions(verb, _PASSIVE_SUBJECT)
            if not patients and verb.dep_ in ("acl", "acl:relcl"):
                patients = self.mentions(verb.head)
            return self._agent(verb), patients
        if any(c.dep_ == "xcomp" for c in verb.children):
            objects = []  # "X stimulates osteoblasts to secrete Y": osteoblasts are no object of X
        else:
            objects = self._child_mentions(verb, ("dobj",))
        if not objects:
            # An object behind a preposition of the trigger itself: "leads to Y", "contributes to Y".
            for child in verb.children:
                if child.dep_ == "nmod" and any(c.dep_ == "case" and start <= c.i < end for c in child.children):
                    objects = self.mentions(child)
                    break
        return self._subject(verb, 0), objects

    def mentions(self, token: Token) -> List[Span]:
        """The mention a token stands for, with the mentions coordinated with it."""
        found = self._mention_at(token, 0)
        if not found:
            return []
        out = [found]
        for conj in self._conjuncts(token):
            m = self._mention_at(conj, 0)
            if m is not None and all(m is not o for o in out):
                out.append(m)
        return out

    def _mention_at(self, token: Token, depth: int) -> Optional[Span]:
        if not self.sent.start <= token.i < self.sent.end:
            return None
        k = self.ent_index.get(token.i)
        if k is not None:
            return self.ents[k]
        if depth >= _MAX_DEPTH:
            return None
        if token.dep_ == "appos" and depth == 0:
            # "EPO, a hormone produced by the kidney": the hormone is EPO
            m = self._mention_at(token.head, _MAX_DEPTH)
            if m is not None:
                return m
        through = token.lower_ in _THROUGH_NOUNS
        for child in sorted(token.children, key=lambda c: abs(c.i - token.i)):
            if child.dep_ == "appos" or (through and (child.dep_ in ("compound", "amod") or (
                    child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ == "of" for c in child.children)))):
                m = self._mention_at(child, depth + 1)
                if m is not None:
                    return m
        return None

    @staticmethod
    def _conjuncts(token: Token) -> List[Token]:
        """Coordinated tokens, without an excluded one ("by IL-6 but not by TNF-α")."""
        out, stack = [], [token]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ == "conj" and not any(x.dep_ == "neg" or x.lower_ in ("not", "nor") for x in c.children):
                    out.append(c)
                    stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def _child_mentions(self, verb: Token, deps: Sequence[str]) -> List[Span]:
        for child in verb.children:
            if child.dep_ in deps:
                return self.mentions(child)
        return []

    def _subject(self, verb: Token, depth: int) -> List[Span]:
        own = [c for c in verb.children if c.dep_ in _SUBJECT + _PASSIVE_SUBJECT]
        if own:
            subject = own[0]
            if verb.dep_ == "acl:relcl" and subject.lower_ in RELATIVE_PRONOUNS:
                return self.mentions(verb.head)  # "hepcidin, which blocks Y": the antecedent
            # A subject of its own that is no mention ("…, and it increases Y",
            # "the deficiency reduces Y") is never replaced by another verb's.
            return self.mentions(subject)
        if depth > 3:
            return []
        head = verb.head
        shares_subject = (verb.dep_ in ("conj", "xcomp")
                          or (verb.dep_ == "advcl" and verb.tag_ == "VBG"))  # ", thereby increasing Y"
        if shares_subject and head.i != verb.i and head.tag_.startswith("VB"):
            return self._subject(head, depth + 1)
        return []

    def _agent(self, verb: Token) -> List[Span]:
        # A by-phrase the parser hung on a modifier of the verb ("induced in hepatocytes
        # by IL-6") is the agent all the same: passives rarely have any other.
        frontier = [verb]
        for _ in range(2):
            nmods = [c for t in frontier for c in t.children if c.dep_ in ("nmod", "nmod:agent")]
            for child in nmods:
                if any(c.dep_ == "case" and c.lower_ == "by" for c in child.children):
                    return self.mentions(child)
            frontier = nmods
        return []
