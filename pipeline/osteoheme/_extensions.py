"""All custom attributes osteoheme puts on spaCy objects, registered once.

Registering in one module (rather than in each component's ``__init__`` with
``force=True``) means two pipelines in one process never overwrite each
other's defaults, and a reader can see the whole data model on one page.
"""

from spacy.tokens import Doc, Span

_DOC_EXTENSIONS = {
    # str: the document's id (file stem), carried into every output record.
    "doc_id": None,
    # List[EntityRecord]: entity rows of the output contract, set by osteoheme_triples.
    "entity_records": None,
    # List[Relation]: relations between entity spans, see osteoheme.io.records.
    "relations": None,
    # List[Span]: type-naming anaphors ("these cytokines"), each with ._.antecedents.
    "anaphors": None,
    # List[TripleRecord]: the flattened output contract, set by osteoheme_triples.
    "triples": None,
}
_SPAN_EXTENSIONS = {
    "state": None,  # "Decreased" / "Increased" / None
    "concept_name": None,
    "antecedents": None,  # for anaphors: List[Span] of what they refer to
}


def register_extensions() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Span.has_extension("concept_id"):
        # The CURIE is spaCy's own kb_id, so entity-linking tools see it too.
        Span.set_extension("concept_id", getter=lambda span: span.kb_id_ or None)


register_extensions()
