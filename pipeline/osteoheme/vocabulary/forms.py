"""Which of a vocabulary's strings become surface forms, and why the others do not.

Every string a source offers is either kept or dropped with a reason; the dropped ones that a
reader could expect to match (short forms, common words, names shared by concepts of different
types) are written to ``dropped.tsv`` beside the compiled vocabulary, so the policy is visible.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from ..errors import Errors, OsteohemeError

MAX_WORDS = 6
MAX_CHARS = 60

# Function words ("AND", "FOR" are gene aliases) and what the guidelines say is never a mention:
# generic words (rule 8), generic protein words (8.1 item 1), organisms and viruses (8.1 item 7).
COMMON_WORDS = frozenset("""
a an and as at be but by can do for from has have if in is it its may no not of on or our than that the their
then there these they this those to was we were which with who how all any per via
bone blood health body condition conditions disorder disorders disease diseases molecule molecules
protein proteins gene genes receptor receptors enzyme enzymes kinase kinases protease proteases
isozyme isozymes peptide peptides hormone hormones cytokine cytokines cell cells tissue tissues
mice mouse rat rats patient patients human humans men women hiv hiv-1 hiv-2 virus viruses
""".split()) | {"transcription factor", "transcription factors", "protein kinase", "protein kinases",
               "cell line", "cell lines", "gene expression", "steroid receptor", "steroid receptors"}


@dataclass
class Entry:
    """A concept as a source offers it: its id, preferred name, type and every string naming it."""
    id: str
    name: str
    type: str
    terms: List[str] = field(default_factory=list)
    source: str = ""
    # Strings that stay even as short acronyms (see drop_reason).
    short_names: List[str] = field(default_factory=list)


_INVERTED_OR_CHEMICAL = re.compile(r"[,;\[\]{}()]")
_ACRONYM = re.compile(r"^[A-Z0-9-]+$")
# "Iron Deficiencies", "Vitamin B 12 Deficiency": iron and B12 with State Decreased, not a disease name.
_LEVEL_WORD = re.compile(r"\s(deficiency|deficiencies)$", re.I)
# "induction of apoptosis", "inhibition of serotonin uptake": in text, "induction of X by Y" states a relation
# (an event trigger of the relation rules), so a name of this shape would swallow it.
_EVENT_NAME = re.compile(r"^(induction|inhibition|activation|stimulation|suppression|prevention|reduction|"
                         r"regulation|modulation|promotion|enhancement|blockade|attenuation|repression) of ", re.I)


def read_excluded(path: Path) -> Dict[str, str]:
    """``excluded.tsv``: forms (lower case) left out of the compiled vocabulary by hand or by measurement."""
    excluded = {}
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip() and not line.startswith("#"):
                if "\t" not in line:
                    raise OsteohemeError(Errors.E020.format(path=path, line=number,
                                                            problem="expected a form, a tab and a reason"))
                form, reason = line.rstrip("\n").split("\t", 1)
                excluded[form.lower()] = reason
    return excluded


def drop_reason(term: str, short_name: bool = False) -> Optional[str]:
    """Why a source's string is not a surface form, or None to keep it.

    short_name: the string is a name whose three letters are the usual way to write it ("EGF", "HGF",
    "LIF": HGNC symbols of the guidelines' cytokine and hormone families).
    """
    words = term.split()
    if _INVERTED_OR_CHEMICAL.search(term):
        return "inverted or chemical-syntax name (comma, semicolon or bracket)"
    if len(words) > MAX_WORDS or len(term) > MAX_CHARS:
        return f"longer than {MAX_WORDS} words or {MAX_CHARS} characters"
    if len(term) <= 2:
        return "two characters or fewer"
    if not short_name and _ACRONYM.match(term) and sum(ch.isalpha() for ch in term) <= 3 and not any(ch.isdigit() for ch in term):
        return "all-letter acronym of three letters or fewer: matched only where the text defines it"
    if short_name and len(term) <= 4 and term[:1].isupper() and term[1:].isalpha() and term[1:].islower():
        # FamPlex's "Bad", "Bid", "Ras": a capitalized short name matches in any case, so it would be a word.
        return "capitalized name of four letters or fewer: in any case it is an English word ('bad', 'bid')"
    if _EVENT_NAME.match(term):
        return "begins with an event noun ('induction of'): the text's phrase is a relation (guidelines 8.4)"
    if _LEVEL_WORD.search(term):
        return "ends in a level word: the guidelines annotate the entity with a State (rule 2)"
    if term.lower() in COMMON_WORDS:
        return "a common or generic word (guidelines rule 8, 8.1 items 1 and 7)"
    return None
