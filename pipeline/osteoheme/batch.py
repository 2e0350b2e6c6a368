"""Batch extraction: documents in, output-contract files out (``osteoheme extract``).

Documents stream from a reader through ``nlp.pipe`` to the output files, so
memory does not grow with the input. Each file is written under a ``.part``
name and renamed when the run ends, so a killed run never leaves a
half-written file under the final name. One document that fails (unreadable,
a component error) is recorded in the summary and ``errors.jsonl``; the
others are still extracted and written. Output is deterministic: documents in
input order, no timestamps.
"""

import csv
import functools
import hashlib
import json
import logging
import os
import threading
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from tqdm import tqdm

from .errors import Errors, OsteohemeError
from .io.outputs import CHECKED_FILES, check_outputs
from .io.readers import Document, ErrorList, iter_documents
from .components.triples import doc_records

log = logging.getLogger("osteoheme")
from .io.records import ENTITY_COLUMNS, TRIPLE_COLUMNS, flat_triple

def count_words(doc) -> int:
    """Tokens that are neither punctuation nor white space."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - flags.any(axis=1).sum()) if len(doc) else 0


class _Outputs:
    """The run's output files, written row by row and renamed into place at the end."""

    FILES = ("entities.jsonl", "triples.jsonl", "texts.jsonl", "entities.csv", "triples.csv")

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.handles = {name: (out_dir / (name + ".part")).open("w", encoding="utf-8", newline="")
                        for name in self.FILES}
        self.entity_csv = csv.DictWriter(self.handles["entities.csv"], ENTITY_COLUMNS, lineterminator="\n")
        self.triple_csv = csv.DictWriter(self.handles["triples.csv"], TRIPLE_COLUMNS, lineterminator="\n")
        self.entity_csv.writeheader()
        self.triple_csv.writeheader()
        # Digests of the JSONL files, kept in summary.json: readers check that the files belong together.
        self.digests = {name: hashlib.sha256() for name in CHECKED_FILES}

    def _line(self, name: str, row: dict) -> None:
        line = json.dumps(row, ensure_ascii=False) + "\n"
        self.handles[name].write(line)
        self.digests[name].update(line.encode("utf-8"))

    def write(self, document: Document, entities: List[dict], triples: List[dict]) -> None:
        for row in entities:
            self._line("entities.jsonl", row)
            self.entity_csv.writerow(row)
        for row in triples:
            self._line("triples.jsonl", row)
            self.triple_csv.writerow(flat_triple(row))
        # The exact text every offset indexes, whatever reader produced it.
        self._line("texts.jsonl", {"doc_id": document.doc_id, "text": document.text})

    def close(self, keep: bool) -> None:
        for name, handle in self.handles.items():
            handle.close()
            part = self.out_dir / (name + ".part")
            if keep:
                part.replace(self.out_dir / name)
            else:
                part.unlink(missing_ok=True)


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _unique(documents: Iterable[Document], errors: ErrorList, done: Dict[str, Optional[str]],
            skipped: Counter) -> Iterator[Document]:
    """Skip documents already extracted (``done``, counted in ``skipped``); report a second document with a
    doc_id already seen."""
    seen: Dict[str, str] = {}
    for d in documents:
        if d.doc_id in seen:
            errors.append((d.source, Errors.E006.format(path=d.source, doc_id=d.doc_id, other=seen[d.doc_id])))
            continue
        seen[d.doc_id] = d.source
        if d.doc_id in done:
            if done[d.doc_id] not in (None, _digest(d.text)):
                raise OsteohemeError(Errors.E007.format(doc_id=d.doc_id, source=d.source))
            skipped["resumed"] += 1
            log.debug("%s: already finished, skipped (--resume)", d.doc_id)
            continue
        yield d


def process_batch(nlp: Language, documents: List[Document], time_limit: Optional[float] = None) -> List[Dict]:
    """Extract one batch; one result per document: its rows, or the error that stopped it.

    Documents go through the pipeline one at a time, so an exception or the
    ``time_limit`` (seconds; see _DocumentTimer: every engine, any thread) stops
    that document alone and the others go on.
    """
    results = []
    timer = _DocumentTimer(time_limit)
    # Strings a batch adds to the vocabulary are dropped after it, so a long run does not grow.
    with nlp.memory_zone():
        for d in documents:
            results.append(_process_one(nlp, d, timer))
    return results


def _process_one(nlp: Language, d: Document, timer: "_DocumentTimer") -> Dict:
    try:
        with timer:
            doc = nlp.make_doc(d.text)
            doc._.doc_id = d.doc_id
            doc = nlp(doc)
            # osteoheme_triples already flattened the doc; a custom pipeline may lack it.
            if doc._.triples is not None and doc._.entity_records is not None:
                ents, trips = doc._.entity_records, doc._.triples
            else:
                ents, trips = doc_records(doc, d.doc_id)
            return {"doc_id": d.doc_id, "source": d.source, "text": d.text,
                    "entities": [e.to_dict() for e in ents], "triples": [t.to_dict() for t in trips],
                    "words": count_words(doc)}
    except Exception as e:  # one document's failure, whatever it is, must not stop the run
        log.debug("%s: failed (%s: %s)", d.doc_id, type(e).__name__, e)
        return {"doc_id": d.doc_id, "source": d.source, "error": f"extraction failed: {type(e).__name__}: {e}"}


class DocumentTimeout(TimeoutError):
    """A document ran past --time-limit (raised inside whatever was running it)."""

    def __str__(self) -> str:
        return self.args[0] if self.args else "took longer than --time-limit"


class _DocumentTimer:
    """Raises DocumentTimeout inside whatever runs longer than the limit; spaCy's error handler then records it
    against that document only. In a process's main thread (local engine, pool workers) a timer signal does it;
    in any other thread (dask workers run tasks in threads) a watchdog thread raises it asynchronously in the
    working thread. Both interrupt Python code, not a single long C call."""

    def __init__(self, limit: Optional[float]) -> None:
        import signal
        import threading
        self.limit = limit or None
        self.signal = signal
        self.main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        self._lock = threading.Lock()

    def _message(self) -> str:
        return f"took longer than {self.limit:g} s (--time-limit)"

    def _expired(self, signum, frame):
        raise DocumentTimeout(self._message())

    def _interrupt(self) -> None:
        import ctypes
        with self._lock:
            if self._active:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), ctypes.py_object(self._error))

    def __enter__(self):
        if not self.limit:
            return self
        if self.main:
            self._previous = self.signal.signal(self.signal.SIGALRM, self._expired)
            self.signal.setitimer(self.signal.ITIMER_REAL, self.limit)
        else:
            import threading
            # An exception class carries no message: one made for this limit says it.
            self._error = type("DocumentTimeout", (DocumentTimeout,), {"__str__": lambda e, m=self._message(): m})
            self._thread, self._active = threading.get_ident(), True
            self._watchdog = threading.Timer(self.limit, self._interrupt)
            self._watchdog.daemon = True
            self._watchdog.start()
        return self

    def __exit__(self, *exc):
        if not self.limit:
            return False
        if self.main:
            self.signal.setitimer(self.signal.ITIMER_REAL, 0)
            self.signal.signal(self.signal.SIGALRM, self._previous)
        else:
            import ctypes
            with self._lock:
                self._active = False
                self._watchdog.cancel()
                # Fired after the work ended but not delivered yet: withdraw it.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)
        return False


_WORKER_NLP: Optional[Language] = None


def _worker_init(config: Optional[str], model: Optional[str]) -> None:
    global _WORKER_NLP
    import signal
    import threading
    from . import load
    if threading.current_thread() is threading.main_thread():
        # A pool worker: Ctrl-C is the parent's to handle, and it terminates the pool.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_NLP = load(config=config, model=model)


_WORKER_LOCK = threading.Lock()


def _worker_batch(documents: List[Document], config: Optional[str] = None, model: Optional[str] = None,
                  time_limit: Optional[float] = None) -> List[Dict]:
    """One batch in a worker process; the pipeline is loaded once per process, on first use. A dask worker
    started with several threads runs batches one at a time: the pipeline and its memory zone are shared."""
    with _WORKER_LOCK:
        if _WORKER_NLP is None:
            _worker_init(config, model)
        return process_batch(_WORKER_NLP, documents, time_limit)


_LIVENESS_SECONDS = 1.0  # how often a wait for a batch checks that every worker is still alive


def _pool_results(pool, documents: Iterable[Document], batch_size: int, n_process: int,
                  time_limit: Optional[float]) -> Iterator[Dict]:
    """Batches on the local worker processes, a window in flight, results in input order."""
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    pending: List[Tuple[List[Document], object]] = []
    window = 4 * n_process

    def oldest() -> List[Dict]:
        future = pending[0][1]  # popped only once done: a lost batch stays first for the message
        while True:
            try:
                results = future.result(timeout=_LIVENESS_SECONDS)
                break
            except FutureTimeout:
                # A worker killed while sending its results leaves a partial message in the result pipe, and
                # the executor's own thread waits for the rest forever; so the workers are watched here too.
                if any(p.exitcode is not None for p in list(getattr(pool, "_processes", {}).values())):
                    raise BrokenProcessPool("a worker process died") from None
        pending.pop(0)
        return results

    try:
        for batch in _batches(documents, batch_size):
            pending.append((batch, pool.submit(_worker_batch, batch, time_limit=time_limit)))
            if len(pending) >= window:
                yield from oldest()
        while pending:
            yield from oldest()
    except BrokenProcessPool:
        # The pool breaks for every batch at once; the oldest unfinished one was in the dead worker or behind it.
        lost = pending[0][0] if pending else []
        raise OsteohemeError(Errors.E075.format(docs=", ".join(d.doc_id for d in lost[:5])
                                                + (" …" if len(lost) > 5 else ""))) from None


def _terminate(pool) -> None:
    """Stop the workers now (Ctrl-C, a dead sibling): cancel what waits, kill what runs."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


ENGINES = ("local", "dask")
SUMMARY_ERRORS = 100  # errors listed in summary.json; errors.jsonl keeps up to ErrorList's limit


def _check_options(engine: str, n_process: int, time_limit: Optional[float], shard_size: int, batch_size: int) -> None:
    """Refuse option values that would otherwise be ignored or crash later, each with what is allowed."""
    if engine not in ENGINES:
        raise OsteohemeError(Errors.E070.format(option="engine", value=engine, allowed=" or ".join(ENGINES)))
    for option, value in (("n-process", n_process), ("shard-size", shard_size), ("batch-size", batch_size)):
        if value < 1:
            raise OsteohemeError(Errors.E070.format(option=option, value=value, allowed="a whole number from 1"))
    if time_limit is not None and time_limit < 0:
        raise OsteohemeError(Errors.E070.format(option="time-limit", value=time_limit,
                                                allowed="seconds > 0, or 0 for no limit"))
    if engine == "dask":
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            raise OsteohemeError(Errors.E071) from None


def _check_pipeline(config, model: Optional[str]) -> None:
    """What workers would load, checked here first: a bad --config or --model is one clear error before any
    worker starts, not a dead pool."""
    import spacy.util
    from . import _read_config
    _read_config(config)
    if model and not (spacy.util.is_package(model) or Path(model).exists()):
        raise OsteohemeError(Errors.E050.format(model=model, reason="no such package or folder"))


def _dask_results(documents: Iterable[Document], scheduler: Optional[str], batch_size: int,
                  config: Optional[str], model: Optional[str], time_limit: Optional[float]) -> Iterator[Dict]:
    """Batches as tasks on a dask.distributed cluster, at most a window in flight, results in input order."""
    from dask.distributed import Client

    try:
        # A local cluster keeps its dashboard on this machine (dask's default listens on every interface).
        # One thread per worker process: a process's threads would share its pipeline and memory zones.
        client = Client(scheduler, timeout="10s") if scheduler else Client(processes=True, threads_per_worker=1,
                                                                            dashboard_address="127.0.0.1:0")
    except OSError as e:  # unreachable or refused scheduler: a clear line instead of dask's traceback
        raise OsteohemeError(Errors.E072.format(scheduler=scheduler, error=e)) from None
    window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    try:
        pending = []
        for batch in _batches(documents, batch_size):
            pending.append(client.submit(_worker_batch, batch, config, model, time_limit=time_limit, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()


def _batches(documents: Iterable[Document], size: int) -> Iterator[List[Document]]:
    batch: List[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Shards:
    """Finished work, in files renamed into place as each shard completes: what --resume trusts.

    A shard holds one JSON line per document (its rows, or its error). A run
    killed mid-shard loses only that shard's unfinished part.
    """

    def __init__(self, out_dir: Path, size: int) -> None:
        self.dir = out_dir / "shards"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.size = size
        self.paths = sorted(self.dir.glob("shard-*.jsonl"))
        # New shards are numbered after the highest existing one, never by counting: after a kill during
        # cleanup shard-000000 may be gone while shard-000001 remains, and a count would overwrite it.
        self._next = max((int(p.stem.split("-")[1]) for p in self.paths), default=-1) + 1
        for stale in self.dir.glob("*.part"):
            stale.unlink()
        self._current = None
        self._count = 0

    def done(self) -> Dict[str, Optional[str]]:
        """doc_id → text digest of every finished document (failed ones too: a run
        that was not interrupted would have reported them once, not retried them)."""
        return {r["doc_id"]: _digest(r["text"]) if "text" in r else None for r in self.rows()}

    def rows(self) -> Iterator[Dict]:
        for path in self.paths:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)

    def add(self, result: Dict) -> None:
        if self._current is None:
            self._name = self.dir / f"shard-{self._next:06d}.jsonl"
            self._next += 1
            self._current = (self.dir / (self._name.name + ".part")).open("w", encoding="utf-8")
        self._current.write(json.dumps(result, ensure_ascii=False) + "\n")
        self._count += 1
        if self._count == self.size:
            self.seal()

    def seal(self) -> None:
        if self._current is not None:
            self._current.close()
            (self.dir / (self._name.name + ".part")).replace(self._name)
            self.paths.append(self._name)
            log.debug("%s: %d document(s) saved", self._name, self._count)
            self._current, self._count = None, 0

    def remove(self) -> None:
        for path in self.paths + [self.dir / "pipeline.json"]:
            path.unlink(missing_ok=True)
        self.dir.rmdir()


def _finished(out_dir: Path) -> bool:
    """Whether out_dir holds the whole final output of one run (summary.json and the files it names)."""
    if not (out_dir / "summary.json").exists():
        return False
    try:
        check_outputs(out_dir)
    except OsteohemeError:
        return False
    return "files" in json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))


def _shard_existing_outputs(out_dir: Path, shards: "_Shards") -> None:
    """--resume after a finished run: the final files become the first shard."""
    texts = out_dir / "texts.jsonl"
    if shards.paths or not texts.exists():
        return
    rows: Dict[str, Dict] = {}
    with texts.open(encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            rows[t["doc_id"]] = {"doc_id": t["doc_id"], "source": "", "text": t["text"], "entities": [],
                                 "triples": [], "words": 0}
    for name in ("entities", "triples"):
        with (out_dir / f"{name}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                rows[row["doc_id"]][name].append(row)
    if not (out_dir / "summary.json").exists():
        raise OsteohemeError(Errors.E008.format(path=out_dir))
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    for d in summary["per_document"]:
        rows[d["doc_id"]]["words"] = d["words"]
    for row in rows.values():
        shards.add(row)
    shards.seal()


def extract(paths: Iterable[Union[str, Path]], out_dir: Union[str, Path], nlp: Optional[Language] = None,
            progress: bool = True, reader: str = "auto", id_field: str = "id", text_field: str = "text",
            n_process: int = 1, resume: bool = False, shard_size: int = 1000, batch_size: int = 32,
            config: Optional[Union[str, Path]] = None, model: Optional[str] = None, engine: str = "local",
            scheduler: Optional[str] = None, time_limit: Optional[float] = 60.0, overwrite: bool = False) -> Dict:
    """Extract entities and triples from documents into ``out_dir``.

    paths: .txt files, directories or globs, JSONL, PubMed XML (.xml/.xml.gz), BioC XML/JSON, PubTator
        files (see osteoheme.io.readers; ``reader`` forces one format, "auto" guesses per path).
    n_process: worker processes, each loading the pipeline once (from ``config``/``model``).
    resume: skip documents a previous, possibly killed, run into ``out_dir`` already finished;
        refused when that run named another ``config``/``model`` (recorded as summary.json's
        "pipeline"; an ``nlp`` passed without them counts as the default, "rules").
    engine: "local" (this machine, ``n_process`` workers) or "dask" (a dask.distributed cluster at
        ``scheduler``, e.g. "tcp://10.0.0.5:8786"; a local cluster when omitted).
    time_limit: seconds one document may take before it is stopped and reported (local engine).
    overwrite: replace the results of another run in ``out_dir`` (refused otherwise, unless ``resume``).
    RETURNS (dict): the run summary (also written to out_dir/summary.json).
    """
    _check_options(engine, n_process, time_limit, shard_size, batch_size)
    if nlp is not None and (n_process > 1 or engine == "dask"):
        raise OsteohemeError(Errors.E009)
    if nlp is None:
        _check_pipeline(config, model)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OsteohemeError(Errors.E019.format(path=out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    with _OutputLock(out_dir):
        if not resume and (out_dir / "summary.json").exists():
            if not overwrite:
                raise OsteohemeError(Errors.E018.format(path=out_dir))
            _remove_results(out_dir)
        return _extract(paths, out_dir, nlp, progress, reader, id_field, text_field, n_process, resume, shard_size,
                        batch_size, config, model, engine, scheduler, time_limit)


class _OutputLock:
    """One run per output folder: a second run into the same --out would interleave its shards and files
    with the first's. The run holds an exclusive flock on OUT/.osteoheme.lock (which also names its pid) for
    as long as it runs; the kernel releases it when the process ends, however it ends, so a killed run's
    lock is never in the way. The file itself stays: deleting it could let two runs lock two files."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".osteoheme.lock"
        self.fd: Optional[int] = None

    def __enter__(self) -> "_OutputLock":
        import fcntl
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OsteohemeError(Errors.E074.format(path=self.path.parent, pid=holder)) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None


def _extract(paths, out_dir: Path, nlp, progress, reader, id_field, text_field, n_process, resume, shard_size,
             batch_size, config, model, engine, scheduler, time_limit) -> Dict:
    pipeline = _pipeline_id(config, model)
    if resume:
        _check_same_pipeline(out_dir, pipeline)
    shards = _Shards(out_dir, shard_size)
    if resume and shards.paths and _finished(out_dir):
        # Killed while removing the shards of a run that had finished: its final files are whole, and they,
        # not the surviving shards, are what to resume from (in input order).
        shards.remove()
        shards = _Shards(out_dir, shard_size)
    if resume:
        _shard_existing_outputs(out_dir, shards)
    elif shards.paths:
        shards.remove()
        shards = _Shards(out_dir, shard_size)
    (shards.dir / "pipeline.json").write_text(json.dumps(pipeline) + "\n", encoding="utf-8")
    errors = ErrorList()
    skipped: Counter = Counter()
    documents = _unique(iter_documents(paths, errors, reader, id_field, text_field), errors, shards.done(), skipped)
    bar = tqdm(unit="doc", disable=not progress, desc="extract")
    words = 0
    pool = None
    try:
        if engine == "dask":
            results = _dask_results(documents, scheduler, batch_size, str(config) if config else None, model,
                                    time_limit)
        elif n_process > 1:
            from concurrent.futures import ProcessPoolExecutor
            import multiprocessing
            # concurrent.futures, not multiprocessing.Pool: a worker killed from outside (the OOM killer)
            # breaks the executor, where a Pool would wait for the lost batch forever.
            pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_worker_init, initargs=(str(config) if config else None, model))
            results = _pool_results(pool, documents, batch_size, n_process, time_limit)
        else:
            if nlp is None:
                from . import load
                nlp = load(config=config, model=model)
            results = (r for batch in _batches(documents, batch_size) for r in process_batch(nlp, batch, time_limit))
        for result in results:
            shards.add(result)
            words += result.get("words", 0)
            bar.update(1)
            bar.set_postfix(words=words, words_per_s=f"{words / max(bar.format_dict['elapsed'], 1e-9):,.0f}",
                            refresh=False)
        shards.seal()
    except BaseException:
        shards.seal()  # what finished stays finished, for --resume
        if pool is not None:
            _terminate(pool)
            pool = None
        raise
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown()
    summary = _assemble(out_dir, shards, errors, pipeline)
    shards.remove()
    # Not in summary.json (a resumed run's files equal an uninterrupted run's): for the caller to report.
    summary["skipped_by_resume"] = skipped["resumed"]
    return summary


# What a run leaves in its folder (extraction, evaluation, exports): replaced as a whole by --overwrite, so no
# evaluation of the earlier run stays beside the new results.
# (The real corpus's text-free score files are left alone: `osteoheme run` rewrites them itself when the real
# texts are there, and they must survive a run without them.)
_RESULT_PATTERNS = ("entities.*", "triples.*", "texts.jsonl", "errors.jsonl", "summary.json", "evaluation*.json",
                    "evaluation*.md", "stats.csv", "stats.md", "nodes.tsv", "edges.tsv", "edges.parquet")


def _remove_results(out_dir: Path) -> None:
    for pattern in _RESULT_PATTERNS:
        for path in out_dir.glob(pattern):
            if path.is_file():
                path.unlink()


def _pipeline_id(config, model: Optional[str]) -> str:
    """What made the output, as --resume compares it: the --config and --model given, the
    default config under one name however it was named."""
    from . import DEFAULT_CONFIG
    name = str(config) if config else "rules"
    if config and Path(config).is_file() and Path(config).resolve() == DEFAULT_CONFIG.resolve():
        name = "rules"
    return name + (f" with model {model}" if model else "")


def _check_same_pipeline(out_dir: Path, pipeline: str) -> None:
    recorded = out_dir / "shards" / "pipeline.json"
    if recorded.exists() and any((out_dir / "shards").glob("shard-*.jsonl")):
        before = json.loads(recorded.read_text(encoding="utf-8"))
    elif (out_dir / "summary.json").exists():
        before = json.loads((out_dir / "summary.json").read_text(encoding="utf-8")).get("pipeline")
    else:
        return
    if before is not None and before != pipeline:
        raise OsteohemeError(Errors.E017.format(path=out_dir, before=repr(before), now=repr(pipeline)))


def _assemble(out_dir: Path, shards: "_Shards", errors: ErrorList, pipeline: str) -> Dict:
    """The output-contract files from the shards, in input order; then errors.jsonl and summary.json."""
    outputs = _Outputs(out_dir)
    labels: Counter = Counter()
    predicates: Counter = Counter()
    per_doc: List[Dict] = []
    ok = False
    try:
        for row in shards.rows():
            if "error" in row:
                errors.append((row["source"], row["error"]))
                continue
            outputs.write(Document(row["doc_id"], row["text"], row["source"]), row["entities"], row["triples"])
            labels.update(e["label"] for e in row["entities"])
            predicates.update(t["predicate"] for t in row["triples"])
            per_doc.append({"doc_id": row["doc_id"], "words": row["words"], "entities": len(row["entities"]),
                            "triples": len(row["triples"])})
        ok = True
    finally:
        outputs.close(keep=ok)
    files = {name: outputs.digests[name].hexdigest() for name in CHECKED_FILES}
    listed = [{"path": p, "error": e} for p, e in errors]
    if errors.dropped:
        listed.append({"path": "", "error": f"… and {errors.dropped:,} more errors, not listed"})
    _write_jsonl(out_dir / "errors.jsonl", listed)
    summary = {
        "pipeline": pipeline,
        "documents": len(per_doc),
        "failed": errors.total,
        "words": sum(d["words"] for d in per_doc),
        "entities": sum(labels.values()),
        "triples": sum(predicates.values()),
        "entities_per_label": dict(sorted(labels.items())),
        "triples_per_predicate": dict(sorted(predicates.items())),
        "per_document": per_doc,
        "errors": listed[:SUMMARY_ERRORS] + ([{"path": "", "error": f"… {errors.total - SUMMARY_ERRORS:,} more in "
                                                                  "errors.jsonl (or not listed)"}]
                                             if errors.total > SUMMARY_ERRORS else []),
        "files": files,
    }
    part = out_dir / "summary.json.part"
    part.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    part.replace(out_dir / "summary.json")
    return summary
