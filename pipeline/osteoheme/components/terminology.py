"""The terminology: concepts with a type, a CURIE and the strings that name them.

The data lives in ``resources/terminology.jsonl`` (one concept per line) so that
curators edit data, not code. Spelling variants that follow a rule (plurals,
Greek letters, British spellings) are generated here instead of being listed
by hand, so every entry gets them.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Union

from ..errors import Errors, OsteohemeError
from ..io.jsonl import iter_jsonl
from ..schema import ENTITY_TYPES

RESOURCES = Path(__file__).parents[1] / "resources"
DEFAULT_TERMINOLOGY = RESOURCES / "terminology.jsonl"
# Built by `osteoheme vocabulary build` from MeSH, HGNC and GO (resources/vocabulary/sources.json).
VOCABULARY_DIR = RESOURCES / "vocabulary"
DEFAULT_VOCABULARY = VOCABULARY_DIR / "compiled.jsonl.gz"

_KEYS = {"id", "name", "type", "aliases"}
_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*:\S+$")


@dataclass(frozen=True)
class Concept:
    id: Optional[str]
    name: str
    type: str
    aliases: List[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id or "", "name": self.name, "type": self.type, "aliases": list(self.aliases)}

    @property
    def key(self) -> str:
        """A stable identity even for concepts without a CURIE."""
        return self.id or f"osteoheme:{self.type}:{self.name}"


def concept_from_dict(data: dict, path: Union[str, Path] = "<memory>", line: int = 0) -> Concept:
    def fail(problem: str) -> OsteohemeError:
        return OsteohemeError(Errors.E020.format(path=path, line=line, problem=problem))

    if not isinstance(data, dict):
        raise fail("not a JSON object")
    unknown = set(data) - _KEYS
    missing = {"name", "type"} - set(data)
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}")
    if missing:
        raise fail(f"missing key(s) {sorted(missing)}")
    if data["type"] not in ENTITY_TYPES:
        raise fail(f"type {data['type']!r} is not one of {', '.join(ENTITY_TYPES)}")
    cid = data.get("id") or None
    if cid is not None and not _CURIE.match(cid):
        raise fail(f"id {cid!r} is not a CURIE such as MESH:D010024 (leave it empty if unknown)")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail("aliases must be a list of non-empty strings")
    if not isinstance(data["name"], str) or not data["name"].strip():
        raise fail("name must be a non-empty string")
    return Concept(id=cid, name=data["name"], type=data["type"], aliases=list(aliases))


def read_terminology(path: Union[str, Path] = DEFAULT_TERMINOLOGY) -> List[Concept]:
    return [concept_from_dict(data, path, i) for i, data in iter_jsonl(path)]


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa"}
# Only at the start of words or in known stems, so "them" never becomes "thaem".
_BRITISH = [
    (re.compile(r"\b(h)(em)", re.I), r"\1a\2"),
    (re.compile(r"(an)(emi)", re.I), r"\1a\2"),
    (re.compile(r"(leuk|glyc|kal|natr|calc|phosphat|magnes|lipid|ur|ox|thalass|vir|isch|sept|tox)(emi)", re.I), r"\1a\2"),
    (re.compile(r"(tumo)(r)", re.I), r"\1u\2"),
    (re.compile(r"\b(e)(str|soph|dem)", re.I), r"o\1\2"),
    (re.compile(r"(remodel)(ing)", re.I), r"\1l\2"),
]
_UNCOUNTABLE_END = ("osis", "itis", "emia", "aemia", "ia", "ism", "esis", "ion", "ity", "ness", "ance", "ence",
                    "iron", "calcium", "zinc", "copper", "magnesium", "folate", "marrow", "tissue", "bone",
                    "syndrome", "disease", "ing", "ium", "oxia")


_SINGULAR_TYPES = ("CELL", "ANATOMY", "DISEASE")
_UNICODE_HYPHENS = ("\u2010", "\u2011", "\u2212")


# PubTator and older abstracts write a Greek letter after a name as its Latin letter: "TNF-a",
# "IFN-g", "IL-1b", "NF-kB". Only there: a Latin letter elsewhere is too ambiguous.
_ASCII_GREEK = {"α": "a", "β": "b", "γ": "g", "κ": "k"}


# A Greek letter word or letter, a hyphen and a word of six letters or more.
_LEADING_GREEK = re.compile(r"^(?:[a-zα-ω]+)-[A-Za-z]{6,}$")


def _greek_variants(s: str) -> List[str]:
    out = []
    for letter, word in _GREEK.items():
        if letter in s:
            out.append(s.replace(letter, word))
            out.append(re.sub(r"-" + letter, letter, s))
            # "IL-1β" is also written "IL-1 beta", as "TNF-α" is "TNF alpha".
            out.append(re.sub(r"(?<=[0-9A-Za-z])" + letter, " " + word, s))
        # "TNF-alpha", "TGF-beta1", "IL-1beta" → "TNF-α", "TGF-β1", "IL-1β" (and so "TGF-b1", "IL-1b" below).
        if re.search(r"[-\s0-9]" + word + r"(?:\b|(?=[0-9]))", s, re.I):
            out.append(re.sub(r"([-\s0-9])" + word + r"(?:\b|(?=[0-9]))", r"\1" + letter, s, flags=re.I))
        if _LEADING_GREEK.match(s) and s.lower().startswith(word + "-"):
            out.append(letter + s[len(word):])  # "beta-thalassemia" → "β-thalassemia"
    for form in [s] + out:
        for letter, latin in _ASCII_GREEK.items():
            # After a hyphen, a digit or a capital: "TNF-a", "IL-1b", "TGF-b1", "TNFa", "IFNg" (PubTator's spellings).
            ascii_form = re.sub(r"(?<=[-0-9A-Z])" + letter + r"(?=[A-Z]?[0-9]?$)", latin, form)
            if ascii_form != form:
                out.append(ascii_form)
            # Before a hyphen and a long word: "b-thalassemia" (but no "b-cells" for beta cells: B cells).
            if form.startswith(letter + "-") and _LEADING_GREEK.match(latin + form[1:]):
                out.append(latin + form[1:])
    return out


def _plural(s: str) -> Optional[str]:
    words = s.split(" ")
    last = words[-1]
    low = last.lower()
    if not (last.isascii() and last.isalpha()) or len(last) < 3 or low.endswith(_UNCOUNTABLE_END) \
            or low.endswith("s") or last.isupper():
        return None
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif low.endswith(("ch", "sh", "x")):
        last += "es"
    else:
        last += "s"
    return " ".join(words[:-1] + [last])


def _singular(s: str) -> Optional[str]:
    words = s.split(" ")
    last = words[-1]
    low = last.lower()
    if not last.isalpha() or last[:-1].isupper() or not low.endswith("s") or low.endswith(("ss", "us", "is", "ics")):
        return None
    last = last[:-3] + "y" if low.endswith("ies") else last[:-1]
    return " ".join(words[:-1] + [last])


def variants(term: str, type_: str = "") -> List[str]:
    """Rule-generated spellings of one term, the term itself first.

    Singulars are made only for cells, tissues and diseases: the singular of a
    class mention ("a hormone", "a cytokine") is a generic word, not a mention.
    """
    forms = [term]
    forms += _greek_variants(term)
    for pattern, repl in _BRITISH:
        for f in list(forms):
            v = pattern.sub(repl, f)
            if v != f:
                forms.append(v)
    if "-" in term and not any(ch.isdigit() for ch in term):
        forms.append(term.replace("-", " "))
    # PubMed Central and PDF text write "TNF‐α" (U+2010), "IL‑6" (U+2011), "TNF−α" (U+2212).
    for f in list(forms):
        if "-" in f:
            forms += [f.replace("-", h) for h in _UNICODE_HYPHENS]
    for f in list(forms):
        for number in (_plural(f), _singular(f) if type_ in _SINGULAR_TYPES else None):
            if number:
                forms.append(number)
    seen: Dict[str, None] = {}
    for f in forms:
        seen.setdefault(f, None)
    return list(seen)


def is_case_sensitive(form: str) -> bool:
    """Short letter acronyms match only as written: "RANK", "RA" ("rank" is a word), and mixed-case ones
    whose case tells two names apart ("eGFR", the filtration rate, is not "EGFR", the receptor)."""
    if len(form) > 6 or not form.isalpha():  # first: most of the 264,000 forms, at every load
        return False
    return form.isupper() or sum(ch.isupper() for ch in form) >= 2


def iter_surface_forms(concepts: Iterable[Concept]) -> Iterator[tuple]:
    """(surface string, concept) pairs; a string claimed by two concepts goes to the first. A
    case-sensitive form claims only itself: "EPO" leaves "Epo" to be matched in any case."""
    claimed = set()
    for concept in concepts:
        for term in [concept.name] + list(concept.aliases):
            for form in variants(term, concept.type):
                key = form if is_case_sensitive(form) else form.lower()
                if key in claimed:
                    continue
                claimed.add(key)
                yield form, concept
