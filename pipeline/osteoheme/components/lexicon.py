"""The compiled vocabulary at run time: a longest-match lookup over whole tokens.

Hundreds of thousands of names make spaCy's PhraseMatcher slow to build (each pattern is a Doc)
and heavy to hold, so the compiled names, stored already tokenized, go into one dictionary keyed
by lower-case token tuples. Short all-capital forms must match as written ("CAT" the gene, not
"cat"), as in the curated terminology.
"""

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from spacy.tokens import Doc

from ..errors import Errors, OsteohemeError
from .terminology import is_case_sensitive

# Names that are never a mention but stop the names inside them from being one ("zinc finger").
NO_MENTION = "NO_MENTION"
# "GATA-2", "IRF-1": papers hyphenate gene symbols that HGNC writes joined.
_HYPHENATED_SYMBOL = re.compile(r"^([a-z]{2,})-([0-9]{1,2}[a-z]?)$")


@dataclass(frozen=True)
class LexiconConcept:
    id: str
    name: str
    type: str


class Lexicon:
    def __init__(self) -> None:
        self.concepts: List[LexiconConcept] = []
        # lower-case token tuple -> (concept index, the tokens as written when case matters, else None)
        self._table: Dict[Tuple[str, ...], Tuple[int, Optional[Tuple[str, ...]]]] = {}
        self._longest: Dict[str, int] = {}
        self.path: Optional[Path] = None
        self.data: bytes = b""  # the compressed file, kept for serialization
        self._by_id: Dict[str, LexiconConcept] = {}

    @classmethod
    def from_file(cls, path: Union[str, Path]) -> "Lexicon":
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise OsteohemeError(Errors.E096.format(path=path, problem=e)) from None
        return cls.from_bytes(data, path)

    @classmethod
    def from_bytes(cls, data: bytes, path: Union[str, Path] = "<bytes>") -> "Lexicon":
        lexicon = cls()
        lexicon.path = Path(path)
        lexicon.data = data
        try:
            for line in gzip.decompress(data).decode("utf-8").splitlines():
                lexicon._add(json.loads(line))
        except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise OsteohemeError(Errors.E096.format(path=path, problem=e)) from None
        return lexicon

    def _add(self, data: dict) -> None:
        index = len(self.concepts)
        concept = LexiconConcept(data["id"], data["name"], data["type"])
        self.concepts.append(concept)
        self._by_id[concept.id] = concept
        table, longest = self._table, self._longest
        for form in data["forms"]:
            tokens = tuple(form.split(" "))
            key = tuple(t.lower() for t in tokens)
            # Joined by spaces, as the form was written: a multi-token form is never case-sensitive, as at build.
            exact = tokens if is_case_sensitive(" ".join(tokens)) else None
            if key in table:
                if table[key][0] == index and exact is None and len(form) > 4:
                    table[key] = (index, None)  # "STAT5" and "Stat5" of one concept: any case
                continue
            table[key] = (index, exact)
            if longest.get(key[0], 0) < len(key):
                longest[key[0]] = len(key)

    def _joined_symbol(self, low: str) -> Optional[LexiconConcept]:
        """The concept whose own name is the token without its hyphen; an alias is not enough, since
        cell lines read as aliases ("THP-1" is no GLI2, "PC-3" no BTG2)."""
        m = _HYPHENATED_SYMBOL.match(low)
        if m is None:
            return None
        concept = self.word(m.group(1) + m.group(2))
        return concept if concept is not None and concept.name.lower() == m.group(1) + m.group(2) else None

    def word(self, word: str) -> Optional[LexiconConcept]:
        """The concept one word names, as written (a case-sensitive form matches only its own case)."""
        hit = self._table.get((word.lower(),))
        if hit is None or (hit[1] is not None and hit[1] != (word,)):
            return None
        return self.concepts[hit[0]]

    def get(self, concept_id: str) -> Optional[LexiconConcept]:
        return self._by_id.get(concept_id)

    def __len__(self) -> int:
        return len(self.concepts)

    def match(self, doc: Doc) -> List[Tuple[int, int, LexiconConcept]]:
        """(start, end, concept) of the longest name starting at each token; overlaps are the caller's to resolve."""
        lowers = [t.lower_ for t in doc]
        table, longest, concepts = self._table, self._longest, self.concepts
        n = len(lowers)
        found = []
        for i, low in enumerate(lowers):
            for end in range(min(n, i + longest.get(low, 0)), i, -1):
                hit = table.get(tuple(lowers[i:end]))
                if hit is None:
                    continue
                index, exact = hit
                if exact is not None and tuple(t.text for t in doc[i:end]) != exact:
                    continue
                found.append((i, end, concepts[index]))
                break
            else:
                symbol = self._joined_symbol(low) if "-" in low else None
                if symbol is not None:
                    found.append((i, i + 1, symbol))
        return found
