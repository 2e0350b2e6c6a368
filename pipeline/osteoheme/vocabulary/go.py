"""GO biological processes as ``EFFECT`` concepts (guidelines: a process that can go up or down).

Only processes named in a few words are kept: "positive regulation of …" and "cellular response
to …" are statements about processes, not names a text uses for one.
"""

import re
from typing import Iterator

from .forms import Entry
from .sources import GO, Source

_STATEMENT = re.compile(r"\b(regulation|response|involved|via|by|during|using|in|to|from|into|of .* of)\b")
_MAX_WORDS = 4
# One-word process names are mostly too general to be a mention ("secretion", "signaling", "growth",
# "memory" were wrong in all or most of their matches on the real train split); those of the
# -esis/-osis kind name one process ("erythropoiesis", "apoptosis", "angiogenesis").
_ONE_WORD_PROCESS = re.compile(r"(esis|osis)$")
# "IL-12 production", "TSH secretion": the molecule is the mention (guidelines section 7, item 2).
_WRAPPER = re.compile(r" (production|secretion|biosynthetic process|biosynthesis)$")


def _is_name(term: str) -> bool:
    words = term.split()
    if len(words) == 1 and not _ONE_WORD_PROCESS.search(term):
        return False
    return len(words) <= _MAX_WORDS and not _STATEMENT.search(term) and not _WRAPPER.search(term)


def go_entries(source: Source) -> Iterator[Entry]:
    for term in source.json(GO):
        if term.get("namespace") != "biological_process" or term.get("is_obsolete"):
            continue
        names = [n for n in [term["name"]] + term.get("synonyms", []) if _is_name(n)]
        if names and _is_name(term["name"]):
            yield Entry(id=term["id"], name=term["name"], type="EFFECT", terms=names, source="GO")
