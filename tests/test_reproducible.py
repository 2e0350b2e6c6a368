"""The committed outputs/ are what a fresh run produces, byte for byte."""

from pathlib import Path

import pytest

from osteoheme.cli import run_job
from osteoheme.batch import extract

ROOT = Path(__file__).parent.parent
def result_files(folder: Path):
    # The run's lock file (.osteoheme.lock) is not a result.
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


COMMITTED = result_files(ROOT / "outputs")
# Written only when the real corpus's texts have been fetched (from ../shared/ by conftest.py).
REAL_FILES = {"scores-real.json", "scores-real.md", "stats-real.csv", "stats-real.md"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, default_nlp, real_corpus):
    out = tmp_path_factory.mktemp("outputs")
    run_job(ROOT / "corpus", ROOT / "annotations", out, default_nlp)
    return out


def test_reproducible_same_files(fresh, real_corpus):
    # outputs/real/ quotes third-party texts and is never committed; the text-free scores are.
    assert result_files(fresh) == [n for n in COMMITTED if real_corpus or n not in REAL_FILES]


@pytest.mark.parametrize("name", COMMITTED)
def test_reproducible_outputs_match_committed(fresh, name, request):
    if name in REAL_FILES:
        request.getfixturevalue("needs_real_texts")
    committed = (ROOT / "outputs" / name).read_bytes()
    assert (fresh / name).read_bytes() == committed, (
        f"outputs/{name} is stale: run `osteoheme run` and commit outputs/")


def test_reproducible_two_runs_identical(nlp, tmp_path):
    for run in ("a", "b"):
        extract([ROOT / "corpus"], tmp_path / run, nlp=nlp, progress=False)
    for name in ("entities.jsonl", "triples.jsonl", "entities.csv", "triples.csv", "summary.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
