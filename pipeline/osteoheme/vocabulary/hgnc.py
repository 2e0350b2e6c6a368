"""HGNC genes as typed concepts: protein-coding genes by symbol, name, aliases and previous symbols, and
the strings FamPlex's grounding map gives them ("c-Rel", "HER2").

HGNC's gene groups are not in the table we compile from, so cytokines and hormones are picked by
the symbol families of guidelines 8.1 item 3; every other protein-coding gene is a ``PROTEIN``.
Receptors of a cytokine family ("IL6R", "TNFRSF11A") are proteins, hence no "R" after the number.
"""

import re
from collections import defaultdict
from typing import Dict, Iterator, List

from .forms import Entry
from .sources import FAMPLEX_GROUNDING, HGNC, Source

CYTOKINE_SYMBOL = re.compile(
    r"^(IL\d+[A-QS-Z]?|IL1RN|CXCL\d+|CCL\d+[A-Z]?|CX3CL1|XCL\d|IFN[ABGKLW]\d*|TNF(SF\d+[A-Z]?)?|CSF[123]|"
    r"LIF|OSM|TGFB[123]|BMP\d+|VEGF[ABCD]|EGF|HGF|FGF(?!23)\d+|PDGF[ABCD]|KITLG|CNTF|SPP1)$")
HORMONE_SYMBOL = re.compile(
    r"^(EPO|THPO|GH[12]|IGF[12]|INS|LEP|FGF23|HAMP|PTH|PTH2|CALCA|GCG|GHRL|ADIPOQ|PRL|POMC|CGA|[FL]HB|TSHB|AVP|OXT|"
    r"STC[12]|SST|GAST|CCK|TRH|CRH|GNRH[12]|GHRH)$")


def hgnc_type(symbol: str) -> str:
    if CYTOKINE_SYMBOL.match(symbol):
        return "CYTOKINE"
    if HORMONE_SYMBOL.match(symbol):
        return "HORMONE"
    return "PROTEIN"


def hgnc_entries(source: Source) -> Iterator[Entry]:
    curated = famplex_gene_names(source)
    for row in source.rows(HGNC, header=True):
        hgnc_id, symbol, name, status = row[0], row[1], row[2], row[3]
        if status != "Approved" or row[11] != "gene with protein product":
            continue
        aliases = [a.strip() for a in (row[4] + "," + row[9]).split(",") if a.strip()]
        # FamPlex's strings were seen in papers: kept even when short, like the symbols of cytokines.
        seen_in_text = curated.get(symbol, []) + [n for u in row[6].split(",") for n in curated.get(u.strip(), [])]
        type_ = hgnc_type(symbol)
        yield Entry(id=hgnc_id, name=symbol, type=type_, terms=[symbol, name] + aliases + seen_in_text, source="HGNC",
                    short_names=([symbol] if type_ != "PROTEIN" else []) + seen_in_text)


def famplex_gene_names(source: Source) -> Dict[str, List[str]]:
    """HGNC symbol or UniProt accession -> the strings FamPlex's grounding map gives that gene."""
    out: Dict[str, List[str]] = defaultdict(list)
    for row in source.csv_rows(FAMPLEX_GROUNDING):
        if len(row) >= 3 and row[1] in ("HGNC", "UP") and row[0].strip():
            out[row[2]].append(row[0].strip())
    return out
