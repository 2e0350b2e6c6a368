import pytest

import osteoheme


@pytest.fixture(scope="session")
def nlp():
    return osteoheme.load()


def triples_of(nlp, text):
    """(subject, predicate or NEG_predicate, object) texts of a text's triples."""
    doc = nlp(text)
    return {(t.subject.text, ("NEG_" if t.negated else "") + t.predicate, t.object.text) for t in doc._.triples}
