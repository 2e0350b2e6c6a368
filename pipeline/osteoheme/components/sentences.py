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

from typing import Iterable, List

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from scispacy.consts import ABBREVIATIONS

from ._base import ConfigOnlyPipe

# Sentence-final punctuation, closing brackets or quotes, then white space;
# or a line break (headings end without punctuation).
_BOUNDARY = re.compile(r"(?<=[.!?…])[)\]}\"'”’]*[ \t]+|(?P<newline>\n)\s*")
# Tokens that keep their period yet never end a sentence here (scispaCy's
# tokenizer keeps "Fig." and "e.g." whole; these are split as "al" + ".").
DEFAULT_NON_FINAL = ("al", "vs", "approx", "ca", "cf", "Dr", "Fig", "Figs", "Eq", "no", "No", "St", "resp", "viz")


class Sentencizer(ConfigOnlyPipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_sentencizer", *,
                 non_final: Iterable[str] = DEFAULT_NON_FINAL, max_tokens: int = 256) -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.non_final = frozenset(non_final)
        self.abbreviations = frozenset(ABBREVIATIONS) | {w + "." for w in self.non_final}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        text = doc.text
        # Candidates come from one regex pass over the text (C speed); only
        # they are looked at as tokens. A per-token Python loop cost more
        # than tokenization itself.
        # int64, not the uint64 to_array gives: searchsorted with a Python int would convert the whole
        # uint64 array on every call, which made long documents quadratic.
        token_starts = doc.to_array([IDX]).ravel().astype("int64")
        starts = numpy.full(n, -1, dtype="int64")
        starts[0] = 1
        for match in _BOUNDARY.finditer(text):
            pos = match.end()
            if pos >= len(text):
                continue
            if match.group("newline") is None:
                nxt = text[pos]
                if nxt.islower() or nxt in ",;:":
                    continue
                k = int(numpy.searchsorted(token_starts, match.start(), side="right")) - 1
                last = doc[k].text
                if last in self.abbreviations or (last == "." and k > 0 and doc[k - 1].text in self.non_final) \
                        or (last != "." and last.count(".") > 1):
                    continue
            t = int(numpy.searchsorted(token_starts, pos))
            if t < n and token_starts[t] == pos:
                starts[t] = 1
        self._cap_length(starts)
        doc.from_array([SENT_START], starts.astype("uint64").reshape(n, 1))
        return doc


    def _cap_length(self, starts: numpy.ndarray) -> None:
        """Text without sentence punctuation (tables, OCR, token lists) is cut
        every ``max_tokens`` tokens, so no "sentence" makes the rules slow or
        the output records huge."""
        bounds = numpy.flatnonzero(starts == 1).tolist() + [len(starts)]
        for a, b in zip(bounds, bounds[1:]):
            if b - a > self.max_tokens:
                starts[a + self.max_tokens:b:self.max_tokens] = 1


@Language.factory(
    "osteoheme_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"non_final": list(DEFAULT_NON_FINAL), "max_tokens": 256},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentencizer(nlp: Language, name: str, non_final: List[str], max_tokens: int) -> Sentencizer:
    return Sentencizer(nlp, name, non_final=non_final, max_tokens=max_tokens)
