"""Batch runs: many processes, and a killed run resumed, give the same files as one plain run."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from osteoheme import OsteohemeError
from osteoheme.batch import extract

SENTENCES = ["IL-6 stimulates hepcidin.", "Hepcidin blocks iron absorption.", "Vitamin D regulates calcium absorption.",
             "Estrogen deficiency increases bone resorption.", "Glucocorticoids inhibit osteoblasts.",
             "TNF-α suppresses erythropoiesis."]
OUTPUT_FILES = ["entities.jsonl", "triples.jsonl", "texts.jsonl", "entities.csv", "triples.csv", "summary.json",
                "errors.jsonl"]



@pytest.fixture(scope="module")
def nlp(default_nlp):
    """Batch runs load the default pipeline in their workers: in-process runs here use it too."""
    return default_nlp

def write_corpus(path: Path, n: int = 12) -> Path:
    rows = [{"id": f"doc{i:02d}", "text": f"Title {i}\n{SENTENCES[i % 6]} {SENTENCES[(i + 1) % 6]}"} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_batch_two_processes_equal_one(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "docs.jsonl")
    extract([corpus], tmp_path / "one", nlp=nlp, progress=False)
    extract([corpus], tmp_path / "two", progress=False, n_process=2, batch_size=4)
    same_outputs(tmp_path / "one", tmp_path / "two")


KILLED_RUN = """
import sys, time, json
from osteoheme.batch import extract
import osteoheme.io.readers as readers
real = readers.iter_jsonl
def slow(paths, errors, **kw):
    for i, d in enumerate(real(paths, errors, **kw)):
        if i == 7:
            time.sleep(120)  # the parent kills us here
        yield d
readers.READERS["jsonl"] = slow
extract([sys.argv[1]], sys.argv[2], progress=False, shard_size=2, batch_size=1)
"""


def test_batch_killed_run_resumes_to_the_same_output(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "docs.jsonl")
    extract([corpus], tmp_path / "plain", nlp=nlp, progress=False)
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(corpus), str(out)])
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "shards").glob("shard-*.jsonl"))) < 3:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    shards = sorted((out / "shards").glob("shard-*.jsonl"))
    assert len(shards) == 3 and not (out / "entities.jsonl").exists()  # killed mid-run: nothing final yet
    summary = extract([corpus], out, nlp=nlp, progress=False, resume=True)
    assert summary["documents"] == 12
    same_outputs(tmp_path / "plain", out)
    assert not (out / "shards").exists()


def test_batch_resume_after_finished_run_adds_only_new_documents(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "docs.jsonl", n=6)
    extract([corpus], tmp_path / "out", nlp=nlp, progress=False)
    bigger = write_corpus(tmp_path / "more.jsonl", n=12)
    extract([bigger], tmp_path / "out", nlp=nlp, progress=False, resume=True)
    extract([bigger], tmp_path / "plain", nlp=nlp, progress=False)
    same_outputs(tmp_path / "plain", tmp_path / "out")


def test_batch_dask_local_cluster_equals_local_engine(nlp, tmp_path):
    distributed = __import__("pytest").importorskip("dask.distributed")
    corpus = write_corpus(tmp_path / "docs.jsonl")
    extract([corpus], tmp_path / "local", nlp=nlp, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        extract([corpus], tmp_path / "dask", progress=False, engine="dask", scheduler=cluster.scheduler_address,
                batch_size=3)
    same_outputs(tmp_path / "local", tmp_path / "dask")


def test_batch_time_limit_stops_one_document(tmp_path):
    import spacy.language
    import osteoheme

    @spacy.language.Language.component("test_slow_on_stall")
    def slow(doc):
        if "stall" in doc.text:
            time.sleep(3)
        return doc

    nlp = osteoheme.load()
    nlp.add_pipe("test_slow_on_stall", first=True)
    (tmp_path / "a.txt").write_text("IL-6 stimulates hepcidin.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("This one would stall the run.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    start = time.time()
    summary = extract([tmp_path], tmp_path / "o", nlp=nlp, progress=False, time_limit=0.5)
    assert time.time() - start < 2.5
    assert [d["doc_id"] for d in summary["per_document"]] == ["a", "c"]
    assert "took longer than 0.5 s" in summary["errors"][0]["error"]


def test_batch_resume_reports_a_failed_document_once_and_refuses_changed_input(tmp_path):
    import pytest
    import osteoheme
    from osteoheme.errors import OsteohemeError
    nlp = osteoheme.load()

    @__import__("spacy").language.Language.component("test_boom_once")
    def boom(doc):
        if "boom" in doc.text:
            raise RuntimeError("boom")
        return doc

    nlp.add_pipe("test_boom_once", first=True)
    corpus = tmp_path / "docs.jsonl"
    rows = [{"id": "a", "text": "IL-6 rises."}, {"id": "b", "text": "boom"}, {"id": "c", "text": "Iron falls."}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    plain = extract([corpus], tmp_path / "plain", nlp=nlp, progress=False)
    extract([corpus], tmp_path / "out", nlp=nlp, progress=False)
    resumed = extract([corpus], tmp_path / "out", nlp=nlp, progress=False, resume=True)
    assert resumed["failed"] == plain["failed"] == 1
    same_outputs(tmp_path / "plain", tmp_path / "out")
    rows[0]["text"] = "IL-6 falls."
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(OsteohemeError, match="has changed since the run being resumed"):
        extract([corpus], tmp_path / "out", nlp=nlp, progress=False, resume=True)


def test_resume_refuses_another_pipeline(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    out = tmp_path / "out"
    extract([docs], out, progress=False)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["pipeline"] == "rules"
    with pytest.raises(OsteohemeError, match="extracted with pipeline 'rules'.*'parser'"):
        extract([docs], out, progress=False, config="parser", resume=True)
    assert not (out / "shards").exists()  # a refused resume leaves nothing behind
    extract([docs], out, progress=False, config="rules", resume=True)  # the default, by its name


def test_batch_resume_after_kill_during_shard_cleanup_loses_nothing(nlp, tmp_path, monkeypatch):
    """Killed after the final files were written, while removing shards (shard-000000 gone, later ones left):
    the resumed run numbers new shards after the survivors instead of overwriting one."""
    import osteoheme.batch as batch
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Hepcidin {i} blocks iron absorption."}) + "\n"
                           for i in range(6)), encoding="utf-8")
    real_remove = batch._Shards.remove

    def killed_during_cleanup(self):
        self.paths[0].unlink()
        raise KeyboardInterrupt

    monkeypatch.setattr(batch._Shards, "remove", killed_during_cleanup)
    with pytest.raises(KeyboardInterrupt):
        extract([src], tmp_path / "out", nlp=nlp, progress=False, shard_size=2)
    monkeypatch.setattr(batch._Shards, "remove", real_remove)
    extract([src], tmp_path / "out", nlp=nlp, progress=False, shard_size=2, resume=True)
    extract([src], tmp_path / "plain", nlp=nlp, progress=False, shard_size=2)
    same_outputs(tmp_path / "plain", tmp_path / "out")  # byte for byte, input order included


def test_batch_outputs_of_two_runs_in_one_folder_are_refused(nlp, tmp_path):
    from osteoheme.kb.export import export
    for run, text in (("a", "Hepcidin blocks iron absorption."), ("b", "IL-6 raises hepcidin in the liver today.")):
        (tmp_path / f"{run}.txt").write_text(text, encoding="utf-8")
        extract([tmp_path / f"{run}.txt"], tmp_path / run, nlp=nlp, progress=False)
    export(tmp_path / "a")
    (tmp_path / "b" / "entities.jsonl").replace(tmp_path / "a" / "entities.jsonl")
    with pytest.raises(OsteohemeError, match="does not belong to the run"):
        export(tmp_path / "a")


def test_batch_one_run_per_output_folder(nlp, tmp_path):
    import fcntl
    src = tmp_path / "a.txt"
    src.write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".osteoheme.lock", "w") as held:  # another run holds the folder
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(OsteohemeError, match="being written by another osteoheme run"):
            extract([src], out, nlp=nlp, progress=False)
    # released (the holder ended, however it ended): the next run goes ahead
    (out / ".osteoheme.lock").write_text("12345", encoding="utf-8")
    assert extract([src], out, nlp=nlp, progress=False)["documents"] == 1


DEAD_WORKER_RUN = """
import multiprocessing, os, signal, sys, threading, time
from pathlib import Path
from osteoheme import OsteohemeError
from osteoheme.batch import extract

def kill_one_worker():
    while not list(Path(sys.argv[2], "shards").glob("*.part")):  # workers are extracting
        time.sleep(0.05)
    os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)  # as the OOM killer would

threading.Thread(target=kill_one_worker, daemon=True).start()
try:
    extract([sys.argv[1]], sys.argv[2], progress=False, n_process=2, batch_size=4)
except OsteohemeError as e:
    print(e)
    sys.exit(3)
"""


def test_batch_dead_worker_stops_the_run_with_a_message(tmp_path):
    rows = [{"id": f"d{i}", "text": " ".join(SENTENCES * 20)} for i in range(3000)]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", DEAD_WORKER_RUN, str(tmp_path / "docs.jsonl"), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 3, run.stderr[-2000:]
    assert "A worker process died" in run.stdout and "--resume" in run.stdout


def test_batch_time_limit_applies_outside_the_main_thread(nlp):
    """Dask workers run tasks in threads, where no timer signal can reach: a watchdog stops the document."""
    import threading
    import spacy.language
    from osteoheme.batch import process_batch
    from osteoheme.io.readers import Document

    @spacy.language.Language.component("test_busy_on_stall")
    def busy(doc):
        if "stall" in doc.text:
            end = time.time() + 5
            while time.time() < end:  # Python work, as the rule components do
                pass
        return doc

    import osteoheme
    slow = osteoheme.load()
    slow.add_pipe("test_busy_on_stall", first=True)
    docs = [Document("a", "IL-6 stimulates hepcidin.", "a"), Document("b", "This one would stall.", "b"),
            Document("c", "Hepcidin blocks iron absorption.", "c")]
    results = []
    worker = threading.Thread(target=lambda: results.extend(process_batch(slow, docs, time_limit=0.5)))
    worker.start()
    worker.join()
    assert [r["doc_id"] for r in results if "error" not in r] == ["a", "c"]
    assert "took longer than 0.5 s (--time-limit)" in [r for r in results if "error" in r][0]["error"]


@pytest.mark.parametrize("scheduler", [None, "tcp://127.0.0.1:9"])
def test_batch_dask_client_settings(tmp_path, monkeypatch, scheduler):
    """A local cluster's dashboard stays on this machine; an unreachable scheduler is one clear error."""
    import dask.distributed
    seen = {}

    class Refused:
        def __init__(self, *args, **kwargs):
            seen.update(kwargs, args=args)
            raise OSError("Timed out trying to connect")

    monkeypatch.setattr(dask.distributed, "Client", Refused)
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    with pytest.raises(OsteohemeError, match="could not be reached"):
        extract([tmp_path / "a.txt"], tmp_path / "o", progress=False, engine="dask", scheduler=scheduler)
    if scheduler is None:
        assert seen["dashboard_address"].startswith("127.0.0.1:") and seen["threads_per_worker"] == 1
    else:
        assert seen["args"] == (scheduler,)


@pytest.mark.parametrize("options,message", [({"model": "en_core_sci_nonexistent"}, "is not installed"),
                                             ({"config": "parsr"}, "Unknown pipeline 'parsr'")])
def test_batch_worker_pipeline_is_checked_before_workers_start(tmp_path, options, message):
    (tmp_path / "a.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    with pytest.raises(OsteohemeError, match=message):
        extract([tmp_path / "a.txt"], tmp_path / "o", progress=False, n_process=2, **options)
    assert not (tmp_path / "o" / "shards").exists()
