"""``osteoheme_triples``: flattens a processed Doc into output-contract rows.

Extraction and serialization stay apart: writers (JSONL, CSV, …) only read
``doc._.triples`` and ``doc._.entity_records``, never spans.
"""

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .. import _extensions  # noqa: F401
from ..records import doc_records


def flatten(doc: Doc) -> Doc:
    doc._.entity_records, doc._.triples = doc_records(doc)
    return doc


@Language.factory(
    "osteoheme_triples",
    assigns=["doc._.triples", "doc._.entity_records"],
    requires=["doc.ents", "doc._.relations"],
)
def make_triples(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return flatten
