"""FamPlex: the names papers give protein families and complexes ("RAS", "PKC", "MAPK", "RXR"), and
the curated text strings of single genes ("c-Rel", "HER2").

FamPlex's grounding map was written for text mining: each row is a string as papers write it and the
entity it names. Strings that name a family or complex become ``FPLX:`` concepts; strings that name one
gene (by HGNC symbol or UniProt accession) become more names of that HGNC gene. The strings are kept
even when short ("PKC"), since a curator saw them used in text, and short all-capital ones match only as
written, as every such form does; capitalized ones of four letters or fewer ("Bad", "Bid", "Ras") would
match English words in any case and are dropped (``forms.drop_reason``). A family's type is its members'
(HGNC genes, through FamPlex's ``isa`` / ``partof`` relations): the type of more than half of them
("growth factor", "chemokine" and "IFNA" are cytokines), otherwise ``PROTEIN``.
"""

from collections import Counter, defaultdict
from typing import Dict, Iterator, List, Set

from .forms import Entry
from .hgnc import hgnc_type
from .sources import FAMPLEX_GROUNDING, FAMPLEX_RELATIONS, Source


def famplex_entries(source: Source) -> Iterator[Entry]:
    names: Dict[str, List[str]] = defaultdict(list)
    for row in source.csv_rows(FAMPLEX_GROUNDING):
        if len(row) >= 3 and row[1] == "FPLX" and row[0].strip():
            names[row[2]].append(row[0].strip())
    members = _member_genes(source)
    for family in sorted(names):
        types = Counter(hgnc_type(symbol) for symbol in sorted(members.get(family, ())))
        top, count = types.most_common(1)[0] if types else ("PROTEIN", 0)
        type_ = top if 2 * count > sum(types.values()) else "PROTEIN"
        terms = list(dict.fromkeys(names[family]))
        yield Entry(id=f"FPLX:{family}", name=family.replace("_", " "), type=type_, terms=terms, source="FamPlex",
                    short_names=terms)


def _member_genes(source: Source) -> Dict[str, Set[str]]:
    """FamPlex family -> the HGNC symbols below it, through nested families."""
    genes: Dict[str, Set[str]] = defaultdict(set)
    children: Dict[str, Set[str]] = defaultdict(set)
    for row in source.csv_rows(FAMPLEX_RELATIONS):
        if len(row) < 5 or row[2] not in ("isa", "partof") or row[3] != "FPLX":
            continue
        if row[0] == "HGNC":
            genes[row[4]].add(row[1])
        elif row[0] == "FPLX":
            children[row[4]].add(row[1])

    def below(family: str, seen: Set[str]) -> Set[str]:
        out = set(genes.get(family, ()))
        for child in children.get(family, ()):
            if child not in seen:
                out |= below(child, seen | {child})
        return out

    return {family: below(family, {family}) for family in set(genes) | set(children)}
