"""The committed outputs/ are what a fresh run produces, byte for byte."""

from pathlib import Path

import pytest

from osteoheme.cli import evaluate_dirs
from osteoheme.extract import extract

ROOT = Path(__file__).parent.parent
FILES = ["entities.jsonl", "triples.jsonl", "entities.csv", "triples.csv", "summary.json", "errors.jsonl",
         "evaluation.json", "evaluation.md"]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("outputs")
    extract([ROOT / "corpus"], out, nlp=nlp, progress=False)
    evaluate_dirs(out, ROOT / "annotations", out)
    return out


@pytest.mark.parametrize("name", FILES)
def test_reproducible_outputs_match_committed(fresh, name):
    committed = (ROOT / "outputs" / name).read_text(encoding="utf-8")
    assert (fresh / name).read_text(encoding="utf-8") == committed, (
        f"outputs/{name} is stale: run `osteoheme run` and commit outputs/")


def test_reproducible_two_runs_identical(nlp, tmp_path):
    for run in ("a", "b"):
        extract([ROOT / "corpus"], tmp_path / run, nlp=nlp, progress=False)
    for name in FILES[:5]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
