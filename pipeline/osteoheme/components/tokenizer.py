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


# Guidelines 8.1 item 9: names joined by a slash ("IL-6/IL-10", "rickets/osteomalacia") or by a hyphen
# to a word ("GH-dose", "EPO-treated") are mentions of their own, so the join is a token boundary.
# A hyphen before a Greek letter, a short letter run or a capital stays inside the name ("TNF-alpha",
# "IFN-g", "NF-kappaB").
_SLASH = r"(?<=[0-9A-Za-zα-ωΑ-Ω\)])/(?=[A-Za-zα-ωΑ-Ω(])"
# A name ending in a Greek letter word joins a participle or adjective the same way ("TNF-alpha-inducible",
# "IFN-gamma-primed"), but not a noun ("TNF-alpha-converting enzyme", "5-alpha-reductase" are names) nor a
# word that starts with one ("beta-catenin").
_GREEK_END = "|".join(r"(?<=[A-Za-z0-9-]{})".format(w) for w in ("alpha", "beta", "gamma", "delta", "kappa"))
_NAME_HYPHEN = (r"(?:(?:(?<=[A-Z])|(?<=[A-Z][0-9]))-(?=(?!(?:alpha|beta|gamma|delta|kappa|epsilon|omega)\b)[a-z]{{3,}}\b)"
                r"|(?:{})-(?=[a-z]{{3,}}(?:ed|ible|able|ive)\b))").format(_GREEK_END)
# "factor(GM-CSF)": an abbreviation in brackets glued to a lower-case word is a token of its own (the
# brackets of "CD34(+)" or "Ca(2+)" stay, and so do chemical names: "tris(hydroxymethyl)").
# The closing bracket may already be split off as a suffix when the infixes are searched.
_GLUED_BRACKET = r"(?<=[a-z]{3})\((?=[A-Z][A-Za-z0-9-]{0,8}(?:\)|$))"
# "(IFN-gamma)/TNF-alpha": a bracketed name before a slash is a name of its own (scispaCy keeps a bracket
# closed inside its token, as in "CD34(+)").
_BRACKET_BEFORE_SLASH_OPEN = r"\((?=[^()\s]+\)/)"
_BRACKET_BEFORE_SLASH_CLOSE = r"(?<![+\-])\)(?=/)"
# "Ras(G12V)", "EpoR(R129C)": a point mutation in brackets after a name (the name is the mention).
_MUTATION_BRACKET = r"(?<=[A-Za-z0-9])\((?=[A-Z][0-9]{1,4}[A-Z*](?:\)|$))"

# spaCy's affix loop strips one character at a time from a run without white space and matches the affix
# patterns against the rest, so its cost grows with the square of the run (32 KB of nested brackets took 115 s,
# and 100 KB of 999-character bracket runs 17 s). Runs that are no word — very long, or long and full of
# brackets — are cut by one regex pass instead. Long words with few brackets (URLs, chemical names) stay.
_CANDIDATE = re.compile(r"\S{24,}")
_LONG = 1000
_BRACKETS = re.compile(r"[()\[\]{}<>]")
_MAX_BRACKETS = 6
_PIECES = re.compile(r"\w+|[^\w\s]")


def _no_word(run: str) -> bool:
    return len(run) >= _LONG or len(_BRACKETS.findall(run)) >= _MAX_BRACKETS


class LinearTimeTokenizer(Tokenizer):
    """The rule tokenizer, except on runs without white space that are no word (see ``_no_word``), which are
    cut into word and punctuation pieces by one regex pass: the same text, in linear time."""

    def __call__(self, text: str) -> Doc:
        runs = [m for m in _CANDIDATE.finditer(text) if _no_word(m.group())]
        if not runs:
            return super().__call__(text)
        docs, pos = [], 0
        for match in runs:
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
        # "vitamin D." and "NF-kappaB." end a sentence: the period is not part of the name.
        initial = r"(?<=\b[A-Z])\.|(?<=[a-z][A-Z])\."
        infix_re = re.compile(r"{}|{}|{}|{}|{}|{}".format(_SLASH, _NAME_HYPHEN, _GLUED_BRACKET, _BRACKET_BEFORE_SLASH_CLOSE,
                                                          _MUTATION_BRACKET, tokenizer.infix_finditer.__self__.pattern))
        suffix_re = re.compile(r"(?:{})$|(?:{})$|{}".format(affix, initial, tokenizer.suffix_search.__self__.pattern))
        prefix_re = re.compile(r"^{}|{}".format(_BRACKET_BEFORE_SLASH_OPEN, tokenizer.prefix_search.__self__.pattern))
    return LinearTimeTokenizer(nlp.vocab, rules=tokenizer.rules, prefix_search=prefix_re.search,
                               suffix_search=suffix_re.search, infix_finditer=infix_re.finditer,
                               token_match=tokenizer.token_match, url_match=tokenizer.url_match)


@registry.tokenizers("osteoheme.scispacy_tokenizer.v1")
def create_scispacy_tokenizer() -> Callable[[Language], Tokenizer]:
    """scispaCy's combined rule tokenizer, plus the affix split above."""
    return scispacy_tokenizer
