"""Reading and checking brat standoff gold (annotations/GUIDELINES.md).

``read_brat`` raises on the first problem; ``check_brat`` lists them all, each
as "file:line: problem", so a curator can fix a file in one pass.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from ..errors import Errors, OsteohemeError
from ..io.readers import read_text
from ..schema import ARGUMENT_TYPES, ASSERTED, CERTAINTY_VALUES, ENTITY_TYPES, STATE_VALUES


@dataclass
class BratEntity:
    id: str
    label: str
    start: int
    end: int
    text: str
    state: Optional[str] = None
    line: int = 0


@dataclass
class BratRelation:
    id: str
    label: str  # "INCREASES", "NEG_CAUSES", "Coref", …
    arg1: str
    arg2: str
    line: int = 0
    certainty: str = ASSERTED  # "hedged" / "hypothesis" from a Certainty attribute (guidelines 8.3)

    @property
    def negated(self) -> bool:
        return self.label.startswith("NEG_")

    @property
    def predicate(self) -> str:
        return self.label[4:] if self.negated else self.label


@dataclass
class BratDocument:
    doc_id: str
    text: str
    entities: Dict[str, BratEntity] = field(default_factory=dict)
    relations: List[BratRelation] = field(default_factory=list)

    def antecedents(self, entity_id: str, _depth: int = 0) -> List[BratEntity]:
        """The non-anaphor mentions an entity stands for, following Coref chains."""
        links = [r.arg2 for r in self.relations if r.label == "Coref" and r.arg1 == entity_id]
        if not links or _depth > 5:
            return [self.entities[entity_id]]
        out: List[BratEntity] = []
        for target in links:
            out += self.antecedents(target, _depth + 1)
        return out

    @property
    def facts(self) -> List[BratRelation]:
        return [r for r in self.relations if r.label != "Coref"]


def _parse(ann_path: Path, text: str) -> Tuple[BratDocument, List[str]]:
    """Parse leniently, collecting every problem as "path:line: message"."""
    doc = BratDocument(ann_path.stem, text)
    problems: List[str] = []
    pending_attrs = []

    def problem(line: int, message: str) -> None:
        problems.append(Errors.E010.format(path=ann_path, line=line, problem=message))

    try:
        content = ann_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise OsteohemeError(Errors.E003.format(path=ann_path, pos=e.start, reason=e.reason)) from None
    for n, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        ident = parts[0]
        if ident.startswith("T"):
            if len(parts) != 3:
                problem(n, "a T line needs 3 tab-separated fields: id, 'TYPE start end', text")
                continue
            fields = parts[1].split(" ")
            if len(fields) != 3 or ";" in parts[1]:
                problem(n, f"'{parts[1]}' is not 'TYPE start end' (discontinuous spans are not allowed)")
                continue
            label, start, end = fields
            if not (start.isdigit() and end.isdigit()):
                problem(n, f"offsets '{start} {end}' are not whole numbers")
                continue
            s, e = int(start), int(end)
            if label not in ENTITY_TYPES:
                problem(n, f"unknown entity type {label!r}; use one of {', '.join(ENTITY_TYPES)}")
            if not 0 <= s < e <= len(text):
                problem(n, f"offsets {s}-{e} fall outside the text (length {len(text)})")
                continue
            if text[s:e] != parts[2]:
                problem(n, f"span {s}-{e} is {text[s:e]!r} in the text, but the line says {parts[2]!r}")
            if ident in doc.entities:
                problem(n, f"duplicate id {ident}")
            doc.entities[ident] = BratEntity(ident, label, s, e, text[s:e], line=n)
        elif ident.startswith("R"):
            fields = parts[1].split() if len(parts) > 1 else []
            if len(fields) != 3 or not fields[1].startswith("Arg1:") or not fields[2].startswith("Arg2:"):
                problem(n, "an R line reads 'R1<TAB>TYPE Arg1:T1 Arg2:T2'")
                continue
            doc.relations.append(BratRelation(ident, fields[0], fields[1][5:], fields[2][5:], line=n))
        elif ident.startswith("A") or ident.startswith("M"):
            fields = parts[1].split() if len(parts) > 1 else []
            if len(fields) != 3:
                problem(n, "an A line reads 'A1<TAB>State T1 Decreased' or 'A2<TAB>Certainty R1 hedged'")
                continue
            pending_attrs.append((n, fields))
        elif ident.startswith(("N", "#")):
            continue  # normalizations and notes are allowed and ignored
        else:
            problem(n, f"unknown annotation kind {ident!r} (expected T, R or A lines)")
    relations = {r.id: r for r in doc.relations}
    for n, (name, target, value) in pending_attrs:
        if name == "Certainty":
            if value not in CERTAINTY_VALUES:
                problem(n, f"Certainty value {value!r} is not {' or '.join(CERTAINTY_VALUES)} (asserted: no attribute)")
            elif target not in relations or relations[target].label == "Coref":
                problem(n, f"Certainty points at {target}, which is not a relation of this file (Coref takes none)")
            else:
                relations[target].certainty = value
        elif name != "State":
            problem(n, f"unknown attribute {name!r}; the guidelines define State (entities) and Certainty (relations)")
        elif value not in STATE_VALUES:
            problem(n, f"State value {value!r} is not Decreased or Increased")
        elif target not in doc.entities:
            problem(n, f"State points at {target}, which is not an entity of this file")
        else:
            doc.entities[target].state = value
    _check_relations(doc, problem)
    _check_overlaps(doc, problem)
    return doc, problems


def _check_relations(doc: BratDocument, problem) -> None:
    seen = set()
    for r in doc.relations:
        for arg in (r.arg1, r.arg2):
            if arg not in doc.entities:
                problem(r.line, f"{r.id} points at {arg}, which is not an entity of this file")
        if r.arg1 not in doc.entities or r.arg2 not in doc.entities:
            continue
        a, b = doc.entities[r.arg1], doc.entities[r.arg2]
        if r.label == "Coref":
            if a.label != b.label:
                problem(r.line, f"Coref links a {a.label} to a {b.label}; both must have the same type")
            continue
        if r.predicate not in ARGUMENT_TYPES:
            problem(r.line, f"unknown relation type {r.label!r}")
            continue
        subject_types, object_types = ARGUMENT_TYPES[r.predicate]
        if a.label not in subject_types or b.label not in object_types:
            problem(r.line, f"{r.label} does not take {a.label} → {b.label} "
                            f"(subject: {'/'.join(subject_types)}; object: {'/'.join(object_types)})")
        key = (r.label, r.arg1, r.arg2)
        if key in seen:
            problem(r.line, f"{r.id} repeats an earlier relation")
        seen.add(key)


def _check_overlaps(doc: BratDocument, problem) -> None:
    ents = sorted(doc.entities.values(), key=lambda e: (e.start, e.end))
    for a, b in zip(ents, ents[1:]):
        if b.start < a.end:
            problem(b.line, f"{b.id} ({b.text!r}) overlaps {a.id} ({a.text!r}); keep the longer span (rule 5)")


def _text_for(ann_path: Path) -> str:
    txt = ann_path.with_suffix(".txt")
    if not txt.exists():
        raise OsteohemeError(Errors.E011.format(path=ann_path, txt=txt.name))
    return read_text(txt)


def read_brat(ann_path: Union[str, Path]) -> BratDocument:
    """Read one gold document; raise OsteohemeError listing every problem."""
    ann_path = Path(ann_path)
    if not ann_path.exists():
        raise OsteohemeError(Errors.E001.format(path=ann_path))
    doc, problems = _parse(ann_path, _text_for(ann_path))
    if problems:
        raise OsteohemeError("\n".join(problems))
    return doc


def check_brat(ann_path: Union[str, Path]) -> List[str]:
    """Every problem in one gold document (empty when it is valid)."""
    try:
        _, problems = _parse(Path(ann_path), _text_for(Path(ann_path)))
    except OsteohemeError as e:
        return [str(e)]
    return problems


def read_brat_dir(path: Union[str, Path]) -> Dict[str, BratDocument]:
    path = Path(path)
    if not path.is_dir():
        raise OsteohemeError(Errors.E013.format(path=path))
    anns = sorted(path.glob("*.ann"))
    if not anns:
        raise OsteohemeError(Errors.E012.format(path=path))
    return {a.stem: read_brat(a) for a in anns}
