"""The KGX export checked and loaded by KGX itself (the `kgx` package, the `kgx` extra), offline.

KGX and bmt fetch the Biolink Model from GitHub by default: `kgx` even builds a
bmt Toolkit when it is imported, and its validator reads Biolink's JSON-LD
context (the known CURIE prefixes) from a URL. Here both come from the
`biolink-model` package instead: the model YAML it ships, and its prefix map,
the file Biolink's JSON-LD context is generated from. bmt's predicate mapping
file (SemMedDB/RO → qualified Biolink predicates) is not in that package; the
validator does not use it, so an empty mapping stands in for it.

The validation is KGX's own (`kgx.cli.cli_utils.validate`, what `kgx validate`
runs); the graph is KGX's transform into its NetworkX store, and into Neo4j
through KGX's Neo4j sink (what `kgx neo4j-upload` runs).
"""

import io
import sys
from importlib.resources import files
from pathlib import Path
from typing import Dict, List, Tuple, Union

from ..errors import Errors, OsteohemeError

# CURIE prefixes Biolink's context does not list: our own (concepts without a terminology id), and FamPlex
# (protein families and complexes, "FPLX:RAS"; registered at identifiers.org, used by INDRA).
UNLISTED_PREFIXES = ("osteoheme", "FPLX")


def biolink_paths() -> Tuple[Path, Path]:
    """(model YAML, prefix map JSON) as the `biolink-model` package installs them."""
    try:
        root = files("biolink_model")
    except ModuleNotFoundError:
        raise OsteohemeError(Errors.E090.format(missing="biolink-model")) from None
    return Path(str(root / "schema" / "biolink_model.yaml")), Path(str(root / "prefixmaps" / "biolink_model_prefix_map.json"))


def _kgx():
    """Import kgx with the packaged Biolink Model as its default; returns the kgx modules the checks use."""
    schema, prefix_map = biolink_paths()
    try:
        import bmt
        import bmt.toolkit
    except ModuleNotFoundError:
        raise OsteohemeError(Errors.E090.format(missing="bmt")) from None
    if not getattr(bmt.Toolkit, "_osteoheme_offline", False):
        if "kgx.utils.kgx_utils" in sys.modules:
            # kgx built its Toolkit at import, from the network or not at all; ours would come too late.
            raise OsteohemeError(Errors.E091)

        class PackagedToolkit(bmt.toolkit.Toolkit):
            """bmt's Toolkit whose defaults are the packaged model, so kgx's own `Toolkit()` calls stay offline."""
            _osteoheme_offline = True

            def __init__(self, schema=str(schema), predicate_map=None, **kwargs):
                super().__init__(schema, io.StringIO("predicate mappings: []") if predicate_map is None
                                 else predicate_map, **kwargs)

        # kgx does `from bmt import Toolkit`, so the name must be replaced before kgx is first imported.
        bmt.Toolkit = bmt.toolkit.Toolkit = PackagedToolkit
    try:
        from kgx import config
        from kgx.cli import cli_utils
        from kgx.transformer import Transformer
    except ModuleNotFoundError:
        raise OsteohemeError(Errors.E090.format(missing="kgx")) from None
    # A local path, which kgx reads instead of downloading (kgx/config.yml names the GitHub URL).
    config.get_config()["jsonld-context"]["biolink"] = str(prefix_map)
    return cli_utils, Transformer


def _kgx_files(kgx_dir: Union[str, Path]) -> List[str]:
    paths = [Path(kgx_dir) / "nodes.tsv", Path(kgx_dir) / "edges.tsv"]
    for path in paths:
        if not path.exists():
            raise OsteohemeError(Errors.E032.format(path=path))
    return [str(p) for p in paths]


def validate_kgx(kgx_dir: Union[str, Path], report: Union[str, Path, None] = None) -> Dict:
    """KGX's validator over ``kgx_dir``'s nodes.tsv and edges.tsv, against the packaged Biolink Model.

    report: where KGX writes its JSON report (default: a null device, not stdout).
    RETURNS (dict): KGX's errors, by level, error type and message → the node ids or "subject->object" pairs.
    """
    import os
    cli_utils, _ = _kgx()
    return cli_utils.validate(_kgx_files(kgx_dir), "tsv", None, str(report) if report else os.devnull)


def without_unlisted_prefixes(errors: Dict, prefixes: Tuple[str, ...] = UNLISTED_PREFIXES) -> Dict:
    """``errors`` without the one kind that is by design: an id under a prefix the Biolink Model's context
    does not list (``UNLISTED_PREFIXES``)."""
    quoted = tuple(f"prefix '{prefix}'" for prefix in prefixes)
    out: Dict = {}
    for level, kinds in errors.items():
        for kind, messages in kinds.items():
            for message, where in messages.items():
                if not any(q in message for q in quoted):
                    out.setdefault(level, {}).setdefault(kind, {})[message] = where
    return out


def load_kgx_graph(kgx_dir: Union[str, Path]):
    """nodes.tsv and edges.tsv read by KGX's TSV source into its in-memory graph store.

    RETURNS (networkx.MultiDiGraph): KGX's NetworkX graph: nodes by id, edges keyed by their id, each with its
    properties as KGX parsed them (lists for multivalued slots, booleans for `negated`).
    """
    _, Transformer = _kgx()
    transformer = Transformer(stream=False)
    transformer.transform(input_args={"filename": _kgx_files(kgx_dir), "format": "tsv"})
    return transformer.store.graph.graph


def write_neo4j(kgx_dir: Union[str, Path], uri: str, username: str, password: str) -> None:
    """nodes.tsv and edges.tsv into a running Neo4j through KGX's Neo4j sink (Bolt, e.g. bolt://localhost:7687).

    KGX 2.2 makes one node label per Biolink category (and `biolink:NamedThing` on every node) and one
    relationship type per predicate (`biolink:affects`), with every column as a property. Its unique
    constraints use Neo4j 4 syntax: on Neo4j 5 KGX logs them as errors and loads the graph without them.
    """
    _, Transformer = _kgx()
    transformer = Transformer()
    transformer.transform(input_args={"filename": _kgx_files(kgx_dir), "format": "tsv"},
                          output_args={"format": "neo4j", "uri": uri, "username": username, "password": password})
