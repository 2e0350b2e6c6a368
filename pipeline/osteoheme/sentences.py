"""A fast sentence splitter for biomedical prose.

Why not scispaCy's ``pysbd_sentencizer``: benchmarks/sentence_segmenters.py
measures it at a few tens of thousands of words/s, far below the pipeline's
budget, and pysbd backtracks for minutes on inputs such as ``..[111 111 …]``.
Why not spaCy's rule ``sentencizer``: it splits after every "." token, so it
breaks "et al. Smith" style abbreviations and ignores line breaks, which end
headings. This component runs in linear time over tokens: a sentence ends at
". ! ?" (plus closing brackets and quotes) when the next word does not start
in lower case, and at every line break.
"""

from typing import Iterable, List, Optional

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from scispacy.consts import ABBREVIATIONS

_ENDERS = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({")", "]", "}", '"', "'", "”", "’"})
# Tokens that keep their period yet never end a sentence here (scispaCy's
# tokenizer keeps "Fig." and "e.g." whole; these are split as "al" + ".").
DEFAULT_NON_FINAL = ("al", "vs", "approx", "ca", "cf", "Dr", "Fig", "Figs", "Eq", "no", "No", "St", "resp", "viz")


class Sentencizer(Pipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_sentencizer", *,
                 non_final: Iterable[str] = DEFAULT_NON_FINAL) -> None:
        self.name = name
        self.non_final = frozenset(non_final)
        self.abbreviations = frozenset(ABBREVIATIONS) | {w + "." for w in self.non_final}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        texts: List[str] = [t.text for t in doc]
        starts = [False] * n
        starts[0] = True
        for i in range(1, n):
            prev = texts[i - 1]
            if "\n" in prev and prev.isspace():
                starts[i] = not texts[i].isspace()
                continue
            j = i - 1
            while j > 0 and texts[j] in _CLOSERS:
                j -= 1
            last = texts[j]
            # "mg/dL." keeps its period inside the token; "e.g." and "Fig." are abbreviations.
            ends = last in _ENDERS or (
                last[-1] == "." and last.count(".") == 1 and last not in self.abbreviations)
            if ends and (j == 0 or texts[j - 1] not in self.non_final):
                first = texts[i][0]
                starts[i] = not (first.islower() or texts[i] in _ENDERS or texts[i] in _CLOSERS
                                 or first in ",;:" or texts[i].isspace())
        # One array write instead of a Python setter call per token: the setter
        # alone cost more than tokenization.
        doc.from_array([SENT_START], numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(n, 1))
        return doc

    def to_bytes(self, *, exclude=tuple()) -> bytes:  # settings live in the config
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "Sentencizer":
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, *, exclude=tuple()) -> "Sentencizer":
        return self


@Language.factory(
    "osteoheme_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"non_final": list(DEFAULT_NON_FINAL)},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentencizer(nlp: Language, name: str, non_final: List[str]) -> Sentencizer:
    return Sentencizer(nlp, name, non_final=non_final)
