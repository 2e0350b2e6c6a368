"""HGNC genes as typed concepts: protein-coding genes by symbol, name, aliases and previous symbols.

HGNC's gene groups are not in the table we compile from, so cytokines and hormones are picked by
the symbol families of guidelines 8.1 item 3; every other protein-coding gene is a ``PROTEIN``.
Receptors of a cytokine family ("IL6R", "TNFRSF11A") are proteins, hence the negative look-ahead.
"""

import re
from typing import Iterator

from .forms import Entry
from .sources import HGNC, Source

CYTOKINE_SYMBOL = re.compile(
    r"^(IL\d+[A-Z]?(?!R)|IL1RN|CXCL\d+|CCL\d+[A-Z]?|CX3CL1|XCL\d|IFN[ABGKLW]\d*|TNF(SF\d+[A-Z]?)?|CSF[123]|"
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
    for row in source.rows(HGNC, header=True):
        hgnc_id, symbol, name, status = row[0], row[1], row[2], row[3]
        if status != "Approved" or row[11] != "gene with protein product":
            continue
        aliases = [a.strip() for a in (row[4] + "," + row[9]).split(",") if a.strip()]
        type_ = hgnc_type(symbol)
        yield Entry(id=hgnc_id, name=symbol, type=type_, terms=[symbol, name] + aliases, source="HGNC",
                    short_names=[symbol] if type_ != "PROTEIN" else [])
