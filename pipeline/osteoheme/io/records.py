"""Plain records that leave spaCy: the output contract of ``osteoheme extract``.

Field names are a public contract (other tools read entities.jsonl and
triples.jsonl): add fields, never rename them.
"""

from dataclasses import dataclass
from typing import Dict, Optional


# Column order of the flat (CSV) output-contract rows.
ENTITY_COLUMNS = ["doc_id", "start", "end", "text", "label", "state", "concept_id", "concept_name"]
_ARGUMENT = ["start", "end", "text", "label", "concept_id", "concept_name", "state", "anaphor_start", "anaphor_end",
             "anaphor_text"]
TRIPLE_COLUMNS = (["doc_id"] + [f"subject_{k}" for k in _ARGUMENT] + ["predicate", "negated"]
                  + [f"object_{k}" for k in _ARGUMENT]
                  + ["sentence_start", "sentence_end", "sentence_text", "confidence", "method", "certainty"])


@dataclass
class EntityRecord:
    doc_id: str
    start: int
    end: int
    text: str
    label: str
    state: Optional[str]
    concept_id: Optional[str]
    concept_name: Optional[str]

    def to_dict(self) -> dict:
        # Spelled out: dataclasses.asdict deep-copies recursively and cost more than extraction.
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "state": self.state, "concept_id": self.concept_id, "concept_name": self.concept_name}


@dataclass
class Argument:
    start: int
    end: int
    text: str
    label: str
    concept_id: Optional[str]
    concept_name: Optional[str]
    state: Optional[str]
    # For an argument reached through an anaphor ("these molecules"), the
    # anaphor's own span; start/end/text above are its antecedent's.
    anaphor: Optional[Dict[str, object]] = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "concept_id": self.concept_id, "concept_name": self.concept_name, "state": self.state,
                "anaphor": dict(self.anaphor) if self.anaphor else None}


@dataclass
class SentenceRef:
    start: int
    end: int
    text: str


@dataclass
class TripleRecord:
    doc_id: str
    subject: Argument
    predicate: str
    negated: bool
    object: Argument
    sentence: SentenceRef
    confidence: float
    method: str
    certainty: str = "asserted"  # guidelines 8.3: "asserted", "hedged" or "hypothesis"

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "subject": self.subject.to_dict(), "predicate": self.predicate,
                "negated": self.negated, "object": self.object.to_dict(),
                "sentence": {"start": self.sentence.start, "end": self.sentence.end, "text": self.sentence.text},
                "confidence": self.confidence, "method": self.method, "certainty": self.certainty}


def flat_triple(t: dict) -> dict:
    """One CSV row per triple: nested arguments become prefixed columns."""
    row = {"doc_id": t["doc_id"]}
    for side in ("subject", "object"):
        for k, v in t[side].items():
            if k == "anaphor":
                v = v or {}
                for kk in ("start", "end", "text"):
                    row[f"{side}_anaphor_{kk}"] = v.get(kk)
            else:
                row[f"{side}_{k}"] = v
        if side == "subject":
            row["predicate"], row["negated"] = t["predicate"], t["negated"]
    row.update({"sentence_start": t["sentence"]["start"], "sentence_end": t["sentence"]["end"],
                "sentence_text": t["sentence"]["text"], "confidence": t["confidence"], "method": t["method"],
                "certainty": t.get("certainty", "asserted")})
    return row
