"""Aggregation that does not hold the triples in memory, for exports of any size.

One pass over the triples stages them as Parquet, each row with its edge key
(computed by the same functions as ``aggregate``: vocab.edge_key/edge_sides, so
both agree on what an edge is); DuckDB then groups the edges and sorts the
evidence out of core, within a fixed memory limit. Writers get the edges in key
order, each with its evidence, one edge at a time.
"""

import json
import tempfile
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

import pyarrow as pa
import pyarrow.parquet as pq

from ..io.records import TRIPLE_COLUMNS, flat_triple
from .aggregate import statement_id
from .vocab import concept_curie, edge_key, edge_sides, semmed_predicate

_INT = {"subject_start", "subject_end", "object_start", "object_end", "subject_anaphor_start", "subject_anaphor_end",
        "object_anaphor_start", "object_anaphor_end", "sentence_start", "sentence_end"}
# triples.parquet: one row per relation mention (see tables.py).
TRIPLE_SCHEMA = pa.schema([(c, pa.int64() if c in _INT else pa.bool_() if c == "negated"
                            else pa.float64() if c == "confidence" else pa.string()) for c in TRIPLE_COLUMNS]
                          + [("semmed_predicate", pa.string()), ("subject_id", pa.string()), ("object_id", pa.string()),
                             ("edge_id", pa.string())])
# The staged rows add the edge as aggregation sees it (arguments in edge order, first seen names) and the row
# itself as JSON, so evidence reaches the writers exactly as it was read.
_EDGE_COLUMNS = [("e_subject", pa.string()), ("e_subject_name", pa.string()), ("e_subject_label", pa.string()),
                 ("e_object", pa.string()), ("e_object_name", pa.string()), ("e_object_label", pa.string()),
                 ("e_subject_state", pa.string()), ("e_object_state", pa.string()), ("e_certainty", pa.string())]
_STAGE_SCHEMA = pa.schema(list(TRIPLE_SCHEMA) + _EDGE_COLUMNS + [("rownum", pa.int64()), ("raw", pa.string())])
# aggregate()'s orders: edges by key (None as ""), evidence by document, sentence, subject, object, then as read.
_EDGE_ORDER = ("e_subject, predicate, negated, e_object, coalesce(e_subject_state, ''), coalesce(e_object_state, ''), "
               "e_certainty")
_EVIDENCE_ORDER = "doc_id, sentence_start, subject_start, object_start, rownum"
MEMORY_LIMIT = "128MB"  # DuckDB spills sorts and groups to disk beyond this
BATCH = 5_000  # rows per Parquet batch: small batches keep the staging pass flat


class EdgeStore:
    """The triples of one export, staged; use as a context manager (the staging folder is removed on exit).

    store = EdgeStore(rows)  # rows: triple dicts as in triples.jsonl, read once
    store.edges()            # edge dicts as aggregate() makes them, without "evidence"
    store.with_evidence()    # (edge, evidence rows), in key order, one edge in memory at a time
    store.triple_batches()   # triples.parquet rows in input order
    """

    def __init__(self, rows: Iterable[dict]):
        import duckdb
        self._tmp = tempfile.TemporaryDirectory(prefix="osteoheme-export-")
        self.path = Path(self._tmp.name) / "triples.parquet"
        try:
            self.count = _stage(rows, self.path)
        except BaseException:
            self._tmp.cleanup()
            raise
        # One thread: each DuckDB thread has its own sort buffers, and the writers are single-threaded anyway.
        self._con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": 1,
                                           "temp_directory": str(Path(self._tmp.name) / "spill")})
        self._edges: Optional[List[Dict]] = None

    def __enter__(self) -> "EdgeStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()
        self._tmp.cleanup()

    def _query(self, sql: str) -> Iterator[dict]:
        reader = self._con.sql(sql.format(stage=f"read_parquet('{self.path}')")).fetch_arrow_reader(BATCH)
        for batch in reader:
            yield from batch.to_pylist()

    def edges(self) -> List[Dict]:
        """Every edge with its evidence count and documents (O(edges) memory, never O(triples))."""
        if self._edges is None:
            first = ", ".join(f"arg_min({c}, rownum) AS {c}" for c in ("e_subject_name", "e_subject_label",
                                                                      "e_object_name", "e_object_label"))
            key = "edge_id, e_subject, predicate, negated, e_object, e_subject_state, e_object_state, e_certainty"
            rows = self._query(f"""SELECT {key}, {first}, count(*) AS evidence_count,
                                          list_sort(list_distinct(list(doc_id))) AS documents
                                   FROM {{stage}} GROUP BY {key} ORDER BY {_EDGE_ORDER}""")
            self._edges = [{
                "id": r["edge_id"], "subject": r["e_subject"], "subject_name": r["e_subject_name"],
                "subject_label": r["e_subject_label"], "predicate": r["predicate"], "negated": r["negated"],
                "object": r["e_object"], "object_name": r["e_object_name"], "object_label": r["e_object_label"],
                "semmed_predicate": semmed_predicate(r["predicate"], r["e_object_label"]),
                "subject_state": r["e_subject_state"], "object_state": r["e_object_state"],
                "certainty": r["e_certainty"], "evidence_count": r["evidence_count"], "documents": r["documents"],
            } for r in rows]
        return self._edges

    def with_evidence(self) -> Iterator[Tuple[Dict, List[dict]]]:
        """(edge, its triple rows in aggregate()'s order) for every edge, in key order."""
        edges = iter(self.edges())
        edge, evidence = None, []
        for row in self._query(f"SELECT edge_id, raw FROM {{stage}} ORDER BY {_EDGE_ORDER}, {_EVIDENCE_ORDER}"):
            if edge is None or row["edge_id"] != edge["id"]:
                if edge is not None:
                    yield edge, evidence
                edge, evidence = next(edges), []
                assert edge["id"] == row["edge_id"], "edges and evidence out of step"
            evidence.append(json.loads(row["raw"]))
        if edge is not None:
            yield edge, evidence

    def triple_batches(self) -> Iterator[pa.RecordBatch]:
        """The rows of triples.parquet, in the order they were read."""
        yield from pq.ParquetFile(self.path).iter_batches(batch_size=BATCH, columns=TRIPLE_SCHEMA.names)


def write_in_batches(rows: Iterable[dict], schema: pa.Schema, path: Path, size: int = BATCH) -> Path:
    """A Parquet file from a stream of rows, a batch at a time, so no table is ever whole in memory."""
    with pq.ParquetWriter(path, schema) as writer:
        batch: List[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return path


def _stage(rows: Iterable[dict], path: Path) -> int:
    """Write the staged rows a batch at a time; RETURNS how many."""
    count = [0]

    def staged() -> Iterator[dict]:
        ids: Dict[tuple, str] = {}  # statement ids by edge key: one hash per edge, not per row
        for n, t in enumerate(rows, start=1):
            count[0] = n
            key = edge_key(t)
            s, o = edge_sides(t)
            edge_id = ids.get(key)
            if edge_id is None:
                edge_id = ids[key] = "osteoheme:statement/" + statement_id(
                    {"subject": key[0], "predicate": key[1], "negated": key[2], "object": key[3],
                     "subject_state": key[4], "object_state": key[5], "certainty": key[6]})
            row = flat_triple(t)
            ts, to = t["subject"], t["object"]
            row.update(semmed_predicate=semmed_predicate(t["predicate"], to["label"]),
                       subject_id=concept_curie(ts["concept_id"], ts["label"], ts["concept_name"]),
                       object_id=concept_curie(to["concept_id"], to["label"], to["concept_name"]), edge_id=edge_id,
                       e_subject=key[0], e_subject_name=s["concept_name"], e_subject_label=s["label"],
                       e_object=key[3], e_object_name=o["concept_name"], e_object_label=o["label"],
                       e_subject_state=key[4], e_object_state=key[5], e_certainty=key[6], rownum=n,
                       raw=json.dumps(t, ensure_ascii=False))
            yield row

    write_in_batches(staged(), _STAGE_SCHEMA, path)
    return count[0]
