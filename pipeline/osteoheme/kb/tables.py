"""KGX TSV (nodes.tsv, edges.tsv, Biolink) and Parquet (pyarrow) exports.

Parquet schema (`osteoheme export` writes three files):
* entities.parquet — one row per entity mention: the fields of entities.jsonl.
* triples.parquet — one row per relation mention: the columns of triples.csv
  (subject_* / object_* argument fields, predicate, negated, sentence_*,
  confidence, method) plus semmed_predicate and subject_id / object_id (the
  node ids of nodes.tsv, also for concepts without a CURIE).
* edges.parquet — one row per aggregated edge: id (as in edges.tsv), subject,
  predicate, negated, object (node ids), their names and entity types,
  semmed_predicate, biolink_predicate, evidence_count, documents (list).
"""

from pathlib import Path
from typing import Iterable, List

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .aggregate import node_table
from ..io.records import ENTITY_COLUMNS
from .stream import TRIPLE_SCHEMA, EdgeStore, write_in_batches
from .vocab import AGENT_TYPE, CATEGORIES, KNOWLEDGE_LEVELS, RO, document_curie, edge_mapping

PRIMARY_KNOWLEDGE_SOURCE = "infores:osteoheme"  # project-local, not a registered infores id
NODE_COLUMNS = ["id", "category", "name", "osteoheme_type"]
EDGE_COLUMNS = ["id", "subject", "predicate", "object", "qualified_predicate", "subject_aspect_qualifier",
                "subject_direction_qualifier", "object_aspect_qualifier", "object_direction_qualifier", "negated",
                "knowledge_level", "osteoheme_certainty", "agent_type",
                "primary_knowledge_source", "publications", "evidence_count", "osteoheme_predicate",
                "semmed_predicate", "ro_predicate"]

ENTITY_SCHEMA = pa.schema([("doc_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                           ("label", pa.string()), ("state", pa.string()), ("concept_id", pa.string()),
                           ("concept_name", pa.string())])
EDGE_SCHEMA = pa.schema([("id", pa.string()), ("subject", pa.string()), ("subject_name", pa.string()), ("subject_label", pa.string()),
                         ("predicate", pa.string()), ("negated", pa.bool_()), ("object", pa.string()),
                         ("object_name", pa.string()), ("object_label", pa.string()),
                         ("semmed_predicate", pa.string()), ("biolink_predicate", pa.string()),
                         ("subject_state", pa.string()), ("object_state", pa.string()), ("certainty", pa.string()),
                         ("evidence_count", pa.int64()), ("documents", pa.list_(pa.string()))])


def kgx_frames(entities: Iterable[dict], store: EdgeStore):
    """nodes.tsv and edges.tsv as data frames: one row per node and per edge, never per triple."""
    edges = store.edges()
    node_rows = [{"id": k, "category": CATEGORIES[label], "name": name or k, "osteoheme_type": label}
                 for k, (label, name) in node_table(entities, edges).items()]
    edge_rows = []
    for edge in edges:
        m = edge_mapping(edge)
        edge_rows.append({
            "id": edge["id"], "subject": edge["subject"], "predicate": m["predicate"],
            "object": edge["object"], "qualified_predicate": m["qualified_predicate"] or "",
            "subject_aspect_qualifier": m["subject_aspect_qualifier"] or "",
            "subject_direction_qualifier": m["subject_direction_qualifier"] or "",
            "object_aspect_qualifier": m["object_aspect_qualifier"] or "",
            "object_direction_qualifier": m["object_direction_qualifier"] or "",
            # "true" or empty, as KGX's own TSV sink writes it: KGX reads the column with bool(), so "false"
            # would load as negated.
            "negated": "true" if edge["negated"] else "", "knowledge_level": KNOWLEDGE_LEVELS[edge["certainty"]],
            "osteoheme_certainty": edge["certainty"],
            "agent_type": AGENT_TYPE, "primary_knowledge_source": PRIMARY_KNOWLEDGE_SOURCE,
            # Percent-encoded ids: a "|" in a doc_id must not split KGX's list.
            "publications": "|".join(document_curie(d) for d in edge["documents"]),
            "evidence_count": edge["evidence_count"], "osteoheme_predicate": edge["predicate"],
            "semmed_predicate": edge["semmed_predicate"], "ro_predicate": RO.get(edge["predicate"], "")})
    return pd.DataFrame(node_rows, columns=NODE_COLUMNS), pd.DataFrame(edge_rows, columns=EDGE_COLUMNS)


def write_kgx(entities: Iterable[dict], store: EdgeStore, out_dir: Path) -> List[Path]:
    nodes, edges = kgx_frames(entities, store)
    paths = [out_dir / "nodes.tsv", out_dir / "edges.tsv"]
    nodes.to_csv(paths[0], sep="\t", index=False, lineterminator="\n")
    edges.to_csv(paths[1], sep="\t", index=False, lineterminator="\n")
    return paths


def write_parquet(entities: Iterable[dict], store: EdgeStore, out_dir: Path) -> List[Path]:
    """entities.parquet and triples.parquet streamed a batch at a time; edges.parquet from the edge list."""
    out = [write_in_batches(({k: e[k] for k in ENTITY_COLUMNS} for e in entities), ENTITY_SCHEMA,
                             out_dir / "entities.parquet", size=50_000)]
    with pq.ParquetWriter(out_dir / "triples.parquet", TRIPLE_SCHEMA) as writer:
        for batch in store.triple_batches():
            writer.write_batch(batch)
    out.append(out_dir / "triples.parquet")
    edges = [{"id": e["id"], "subject": e["subject"], "subject_name": e["subject_name"],
              "subject_label": e["subject_label"], "predicate": e["predicate"], "negated": e["negated"],
              "object": e["object"], "object_name": e["object_name"], "object_label": e["object_label"],
              "semmed_predicate": e["semmed_predicate"],
              "biolink_predicate": edge_mapping(e)["predicate"], "subject_state": e["subject_state"],
              "object_state": e["object_state"], "certainty": e["certainty"],
              "evidence_count": e["evidence_count"], "documents": e["documents"]} for e in store.edges()]
    pq.write_table(pa.Table.from_pylist(edges, schema=EDGE_SCHEMA), out_dir / "edges.parquet")
    out.append(out_dir / "edges.parquet")
    return out


