import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from osteoheme.cli import app, evaluate_dirs
from osteoheme.batch import extract

ROOT = Path(__file__).parent.parent
runner = CliRunner()


@pytest.fixture
def texts(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("IL-6 stimulates hepcidin. Hepcidin blocks iron absorption.", encoding="utf-8")
    (d / "empty.txt").write_text("  \n", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Anämie".encode("latin-1"))
    (d / "binary.txt").write_bytes(b"\x00\x01\x02")
    return d


def test_cli_help_lists_commands_with_examples():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "evaluate", "run", "validate"):
        assert command in result.output
    assert "osteoheme extract" in result.output


def test_cli_extract_keeps_good_documents_and_reports_bad_ones(nlp, texts, tmp_path):
    out = tmp_path / "out"
    summary = extract([texts, tmp_path / "missing.txt"], out, nlp=nlp, progress=False)
    assert summary["documents"] == 1 and summary["failed"] == 4
    errors = {Path(e["path"]).name: e["error"] for e in summary["errors"]}
    assert "empty" in errors["empty.txt"]
    assert "UTF-8" in errors["latin1.txt"]
    assert "binary" in errors["binary.txt"]
    assert "no such file" in errors["missing.txt"]
    triples = [json.loads(line) for line in (out / "triples.jsonl").read_text().splitlines()]
    assert {(t["subject"]["text"], t["predicate"], t["object"]["text"]) for t in triples} == {
        ("IL-6", "INCREASES", "hepcidin"), ("Hepcidin", "DECREASES", "iron absorption")}
    assert len((out / "errors.jsonl").read_text().splitlines()) == 4
    for name in ("entities.jsonl", "entities.csv", "triples.csv", "summary.json"):
        assert (out / name).exists()


def test_cli_extract_exit_status_nonzero_on_failure(texts, tmp_path):
    result = runner.invoke(app, ["extract", str(texts), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1
    assert "good" in (tmp_path / "o" / "entities.jsonl").read_text()


def test_cli_extract_output_fields(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Elevated hepcidin blocks iron absorption.", encoding="utf-8")
    extract([tmp_path / "a.txt"], tmp_path / "o", nlp=nlp, progress=False)
    entity = json.loads((tmp_path / "o" / "entities.jsonl").read_text().splitlines()[0])
    assert list(entity) == ["doc_id", "start", "end", "text", "label", "state", "concept_id", "concept_name"]
    assert entity["state"] == "Increased"
    t = json.loads((tmp_path / "o" / "triples.jsonl").read_text().splitlines()[0])
    assert set(t) == {"doc_id", "subject", "predicate", "negated", "object", "sentence", "confidence", "method", "certainty"}
    assert set(t["subject"]) >= {"start", "end", "text", "label", "concept_id", "concept_name", "state", "anaphor"}


def test_cli_evaluate_errors_clearly_without_predictions(tmp_path):
    result = runner.invoke(app, ["evaluate", str(tmp_path), str(ROOT / "annotations"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "entities.jsonl: no such file" in result.output


def test_cli_validate_shipped_gold(needs_real_texts):  # annotations/real/ needs its fetched texts
    result = runner.invoke(app, ["validate", str(ROOT / "annotations")])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_cli_validate_reports_problems(tmp_path):
    (tmp_path / "d.txt").write_text("iron", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tMETAL 0 4\tiron\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "d.ann:1: unknown entity type 'METAL'" in result.output


def test_cli_evaluate_scores_shipped_outputs(tmp_path):
    result = evaluate_dirs(ROOT / "outputs", ROOT / "annotations", tmp_path)
    assert result["entities"]["lenient"]["ALL"]["f"] > 0.5
    assert (tmp_path / "evaluation.md").read_text().startswith("# osteoheme evaluation")


def test_cli_extract_long_document(nlp, tmp_path):
    (tmp_path / "long.txt").write_text("The weather was mild and calm today. " * 28000, encoding="utf-8")  # 1.04M chars
    (tmp_path / "small.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    summary = extract([tmp_path], tmp_path / "o", nlp=nlp, progress=False)
    assert summary["failed"] == 0 and summary["documents"] == 2


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc):
    if "boom" in doc.text:
        raise RuntimeError("boom")
    return doc


def test_cli_extract_component_failure_is_per_document_and_temporary(tmp_path):
    import osteoheme
    nlp = osteoheme.load()  # its own pipeline: a component is added
    nlp.add_pipe("test_fails_on_boom", first=True)
    (tmp_path / "a.txt").write_text("boom goes the hepcidin.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    summary = extract([tmp_path], tmp_path / "o", nlp=nlp, progress=False)
    assert [d["doc_id"] for d in summary["per_document"]] == ["b"]
    assert "RuntimeError: boom" in summary["errors"][0]["error"]
    # Outside extract() the pipeline raises as spaCy pipelines do.
    with pytest.raises(RuntimeError, match="boom"):
        nlp("boom")


def test_cli_evaluate_accepts_document_without_entities(nlp, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d.txt").write_text("The weather was pleasant.", encoding="utf-8")
    (gold / "d.ann").write_text("", encoding="utf-8")
    extract([gold / "d.txt"], tmp_path / "pred", nlp=nlp, progress=False)
    result = evaluate_dirs(tmp_path / "pred", gold)
    assert result["entities"]["strict"]["ALL"]["tp"] == 0
    import pandas as pd
    assert list(pd.read_csv(tmp_path / "pred" / "triples.csv").columns)[:3] == ["doc_id", "subject_start", "subject_end"]


def test_cli_agreement_counts_disagreements(tmp_path):
    import shutil
    first, second = tmp_path / "first", tmp_path / "second"
    for d in (first, second):
        d.mkdir()
        for ext in ("txt", "ann"):
            shutil.copyfile(ROOT / "annotations" / f"bone-blood-crosstalk.{ext}", d / f"bone-blood-crosstalk.{ext}")
    ann = second / "bone-blood-crosstalk.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    # the second annotator missed one relation and relabelled another
    facts = [i for i, line in enumerate(lines) if line.startswith("R") and "Coref" not in line]
    dropped, relabelled = facts[0], facts[1]
    lines[relabelled] = lines[relabelled].replace("ASSOCIATED_WITH", "NEG_ASSOCIATED_WITH", 1)
    del lines[dropped]
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from osteoheme.evaluation.agreement import agreement
    from osteoheme.evaluation.brat import read_brat_dir
    result = agreement(read_brat_dir(first), read_brat_dir(second))
    assert result["entities"]["strict"]["ALL"]["f"] == 1.0
    rel = result["relations"]["strict"]["ALL"]
    n = len(facts)
    assert (rel["tp"], rel["fp"], rel["fn"]) == (n - 2, 1, 2)
    cli = runner.invoke(app, ["agreement", str(first), str(second)])
    assert cli.exit_code == 0 and "relations, mentions (strict)" in cli.output


def test_cli_stats_counts_a_small_corpus(tmp_path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    for doc_id, split in (("a", "train"), ("b", "test")):
        text = "IL-6 raises hepcidin."
        (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (gold / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (gold / "a.ann").write_text("T1\tCYTOKINE 0 4\tIL-6\nT2\tHORMONE 12 20\thepcidin\n"
                                "R1\tINCREASES Arg1:T1 Arg2:T2\nA1\tState T2 Increased\n", encoding="utf-8")
    (gold / "b.ann").write_text("T1\tCYTOKINE 0 4\tIL-6\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("doc_id,title,origin,license,split\na,A,o,l,train\nb,B,o,l,test\n",
                                         encoding="utf-8")
    from osteoheme.evaluation.stats import corpus_stats
    table = corpus_stats(gold, corpus).set_index("split")
    assert table.loc["train", ["documents", "words", "CYTOKINE", "HORMONE", "INCREASES", "State"]].tolist() == [1, 3, 1, 1, 1, 1]
    assert table.loc["all", ["documents", "CYTOKINE", "INCREASES"]].tolist() == [2, 2, 1]
    result = runner.invoke(app, ["stats", str(gold), "--corpus", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and (tmp_path / "o" / "stats.md").exists()


def test_cli_agreement_refuses_different_texts(tmp_path):
    from osteoheme.evaluation.agreement import agreement
    from osteoheme.evaluation.brat import read_brat_dir
    from osteoheme.errors import OsteohemeError
    for name, text in (("a", "IL-6 rises."), ("b", "X IL-6 rises.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "d.txt").write_text(text, encoding="utf-8")
        start = text.index("IL-6")
        (tmp_path / name / "d.ann").write_text(f"T1\tCYTOKINE {start} {start + 4}\tIL-6\n", encoding="utf-8")
    with pytest.raises(OsteohemeError, match="different texts"):
        agreement(read_brat_dir(tmp_path / "a"), read_brat_dir(tmp_path / "b"))


def test_cli_run_with_another_pipeline_scores_it_per_split(tmp_path):
    out = tmp_path / "parser-run"
    result = runner.invoke(app, ["run", "--config", "parser", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Per split" in result.output and "test" in result.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["pipeline"] == "parser"
    # the parser's relations are in its output, so its scores are its own
    assert any(t["method"].startswith("dependency:")
               for t in map(json.loads, (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("args,message", [
    (["--engine", "spark"], "--engine 'spark' is not allowed"),
    (["--n-process", "0"], "--n-process 0 is not allowed"),
    (["--n-process", "-2"], "--n-process -2 is not allowed"),
    (["--time-limit", "-5"], "--time-limit -5.0 is not allowed"),
])
def test_cli_extract_refuses_bad_option_values(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q", *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "o" / "summary.json").exists()


def test_cli_extract_needs_out_and_never_overwrites_another_run(tmp_path):
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    missing = runner.invoke(app, ["extract", str(tmp_path / "a.txt")])
    assert missing.exit_code == 2 and "--out" in missing.output
    out = tmp_path / "o"
    assert runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(out), "-q"]).exit_code == 0
    (out / "evaluation.md").write_text("an earlier run's scores", encoding="utf-8")
    (out / "scores-real.md").write_text("scores of the real corpus, from a run with its texts", encoding="utf-8")
    again = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(out), "-q"])
    assert again.exit_code == 2 and "holds another run's results" in again.output
    assert (out / "evaluation.md").exists()
    replaced = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(out), "-q", "--overwrite"])
    assert replaced.exit_code == 0 and not (out / "evaluation.md").exists()
    assert (out / "scores-real.md").exists()  # `run` without the real texts must not lose them
    not_a_folder = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "a.txt"), "-q"])
    assert not_a_folder.exit_code == 2 and "is a file, not a folder" in not_a_folder.output


def test_cli_version():
    from osteoheme import __version__
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"osteoheme {__version__}"


@pytest.mark.parametrize("stdin,ids", [
    ('{"id": "a", "text": "Hepcidin blocks iron absorption."}\n{"id": "b", "text": "IL-6 raises hepcidin."}\n', ["a", "b"]),
    ("Hepcidin blocks iron absorption.\n", ["stdin"]),
])
def test_cli_extract_reads_standard_input(tmp_path, stdin, ids):
    result = runner.invoke(app, ["extract", "-", "--out", str(tmp_path / "o"), "-q"], input=stdin)
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["doc_id"] for line in (tmp_path / "o" / "texts.jsonl").read_text().splitlines()]
    assert texts == ids


def test_cli_extract_unwritable_output_is_one_clear_line(tmp_path, monkeypatch):
    import errno
    import osteoheme.batch as batch

    def full_disk(self, out_dir):
        raise OSError(errno.ENOSPC, "No space left on device", str(out_dir / "entities.jsonl.part"))

    monkeypatch.setattr(batch._Outputs, "__init__", full_disk)
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 2 and "entities.jsonl.part: cannot be written (No space left on device)" in result.output
    assert "Traceback" not in result.output


def test_cli_resume_says_how_many_documents_it_skipped(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    assert runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q"]).exit_code == 0
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out",
                                 str(tmp_path / "o"), "-q", "--resume"])
    assert result.exit_code == 0 and "1 document(s) already finished were skipped" in result.output


def test_cli_verbose_says_what_happens(tmp_path, caplog):
    import logging
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="osteoheme"):
        result = runner.invoke(app, ["--verbose", "extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                     "-q"])
    logging.getLogger("osteoheme").setLevel(logging.NOTSET)
    assert result.exit_code == 0, result.output
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.endswith("a.txt: read as txt") for m in messages)
    assert any("1 document(s) saved" in m for m in messages)
