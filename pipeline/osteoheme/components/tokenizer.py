"""scispaCy's tokenizer, with affixes split off so entity names stand alone.

scispaCy's ``combined_rule_tokenizer`` keeps "IL-6-mediated" and "B12-deficient"
as one token, and "D." at the end of "vitamin D." Our entity matcher works on
whole tokens, so we split such affixes ("-mediated", "-deficient", …) and
that period off as suffix tokens; everything else is scispaCy's rule set
unchanged.
"""

import re
import warnings
from types import SimpleNamespace
from typing import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

# Affixes after a hyphen that make a name into a modifier ("IL-6-induced").
AFFIXES = (
    "mediated", "induced", "dependent", "driven", "stimulated", "deficient", "related",
    "associated", "derived", "producing", "secreting", "treated", "replete", "depleted",
    "independent", "specific", "positive", "negative", "responsive", "resistant", "rich",
    "dependent", "regulated", "activated", "inhibited", "deficiency", "lowering", "binding",
    "like", "type",
)


# A run of this many characters without white space is no word: spaCy's affix loop strips one character at a
# time from it and copies the rest, which is quadratic (32 KB of nested brackets took 115 s).
_LONG_RUN = re.compile(r"\S{1000,}")
_PIECES = re.compile(r"\w+|[^\w\s]")


class LinearTimeTokenizer(Tokenizer):
    """The rule tokenizer, except on runs of 1,000+ characters without white space, which are cut into word
    and punctuation pieces by one regex pass: the same text, in linear time."""

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return super().__call__(text)
        docs, pos = [], 0
        for match in _LONG_RUN.finditer(text):
            if match.start() > pos:
                docs.append(super().__call__(text[pos:match.start()]))
            pieces = _PIECES.findall(match.group())
            docs.append(Doc(self.vocab, words=pieces, spaces=[False] * len(pieces)))
            pos = match.end()
        if pos < len(text):
            docs.append(super().__call__(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


def scispacy_tokenizer(nlp: Language) -> Tokenizer:
    with warnings.catch_warnings():
        # spaCy's char classes trip a FutureWarning in Python's re; harmless.
        warnings.simplefilter("ignore", FutureWarning)
        from scispacy.custom_tokenizer import combined_rule_tokenizer

        # scispaCy builds on the language's default tokenizer, which does not
        # exist yet while spaCy constructs the Language from a config.
        default = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        tokenizer = combined_rule_tokenizer(SimpleNamespace(vocab=nlp.vocab, Defaults=nlp.Defaults, tokenizer=default))
        affix = r"(?<=[0-9A-Za-zα-ωΑ-Ω\)])[-–](?:{})".format("|".join(sorted(set(AFFIXES))))
        # "vitamin D." ends a sentence: the period is not part of the name.
        initial = r"(?<=\b[A-Z])\."
        suffix_re = re.compile(r"(?:{})$|(?:{})$|{}".format(affix, initial, tokenizer.suffix_search.__self__.pattern))
    return LinearTimeTokenizer(nlp.vocab, rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
                               suffix_search=suffix_re.search, infix_finditer=tokenizer.infix_finditer,
                               token_match=tokenizer.token_match, url_match=tokenizer.url_match)


@registry.tokenizers("osteoheme.scispacy_tokenizer.v1")
def create_scispacy_tokenizer() -> Callable[[Language], Tokenizer]:
    """scispaCy's combined rule tokenizer, plus the affix split above."""
    return scispacy_tokenizer
