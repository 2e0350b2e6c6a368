"""Small helpers over token sequences shared by the rule components."""

from bisect import bisect_right
from typing import List, Sequence

from spacy.tokens import Span

from .words import DETERMINERS, PREPOSITIONS, SEPARATORS


# Level adjectives may stand before the second conjunct ("bone degradation and impaired red cell production"),
# level nouns after the first ("vitamin B12 deficiency and folate deficiency").
_GLUE_MODIFIERS = frozenset({"impaired", "reduced", "increased", "decreased", "low", "high", "elevated", "poor",
                             "excess", "excessive", "insufficient", "deficient", "deficiency", "deficiencies",
                             "insufficiency", "depletion", "overload"})


def is_separator_run(tokens: Sequence) -> bool:
    """True for the glue between coordinated mentions: ", ", "and", "or", "as well as", "(".

    An empty run (two mentions side by side) does not count, nor a lone comma
    before a level word.
    """
    if not 0 < len(tokens) <= 4:
        return False
    words = [t.lower_ for t in tokens]
    if not any(w in SEPARATORS for w in words):
        return False
    return all((w in SEPARATORS or w in DETERMINERS or w in _GLUE_MODIFIERS) and w != "such" for w in words)


def coordinated(ents: List[Span], index: int, direction: int) -> List[Span]:
    """The mention ``ents[index]`` and those coordinated with it, in text order.

    ``direction`` is +1 to extend to the right ("A and B" from A), -1 to the
    left (from B), 0 for both. A separator run never holds a full stop, so a
    group never crosses a sentence boundary.
    """
    doc = ents[index].doc
    group = [ents[index]]

    def joined(left: Span, right: Span) -> bool:
        glue = doc[left.end:right.start]
        if not is_separator_run(glue) or right._.antecedents or left._.antecedents:
            return False
        # "In osteoporosis, IL-6 …": a lone comma after a fronted phrase joins nothing.
        if len(glue) == 1 and glue[0].text == ",":
            before = doc[left.start - 1].lower_ if left.start > 0 else ""
            return before not in PREPOSITIONS
        return True

    if ents[index]._.antecedents:
        # "cause anemia, these two conditions …": an anaphor is never a conjunct.
        return group
    if direction >= 0:
        i = index
        while i + 1 < len(ents) and joined(ents[i], ents[i + 1]):
            i += 1
            group.append(ents[i])
    if direction <= 0:
        i = index
        while i - 1 >= 0 and joined(ents[i - 1], ents[i]):
            i -= 1
            group.insert(0, ents[i])
    return group


class SentenceIndex:
    """The sentence of a token in O(log n), without building ``Span.sent`` each time."""

    def __init__(self, doc) -> None:
        self.spans = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.starts = [s.start for s in self.spans]
        self._text = None

    @property
    def text(self) -> str:
        """The document's text, built once (Doc.text joins every token on each call)."""
        if self._text is None:
            self._text = self.spans[0].doc.text if self.spans else ""
        return self._text

    def of(self, i: int):
        return self.spans[bisect_right(self.starts, i) - 1]


def concept_key(span: Span) -> str:
    """What counts as "the same concept" for two mentions of one document."""
    return span.kb_id_ or f"{span.label_}:{span._.concept_name or span.text.lower()}"


def one_per_concept(group: List[Span], keep: str) -> List[Span]:
    """"Interleukin-6 (IL-6)" names one concept twice: keep the "first" or "last" mention."""
    chosen = {}
    for e in (group if keep == "last" else reversed(group)):
        chosen[concept_key(e)] = e
    return sorted(chosen.values(), key=lambda s: s.start)
