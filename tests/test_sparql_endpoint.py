"""The RDF export in a real SPARQL endpoint, as the README tells a user to load it: the Oxigraph server
(the `oxigraph` package), loaded with `oxigraph load` and asked over HTTP on the loopback address."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def oxigraph_cli() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    path = str(found) if found.exists() else shutil.which("oxigraph")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server is not installed (it comes with the test extra)")
        pytest.skip("the oxigraph server is not installed: pip install -e '.[test]'")
    return path


def readme_query_and_table():
    """The README's hepcidin query and the table it shows as the answer."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("What increases hepcidin in the shipped corpus"):]
    query = re.search(r"```sparql\n(.*?)```", after, re.S).group(1)
    table = re.search(r"\| what \| direction \| evidence \|\n\|---\|---\|---\|\n((?:\|.*\|\n)+)", after).group(1)
    rows = [tuple(cell.strip() for cell in line.strip("|").split("|")) for line in table.splitlines()]
    return query, [(what, direction, int(n)) for what, direction, n in rows]


@pytest.fixture
def endpoint(tmp_path):
    cli = oxigraph_cli()
    db = tmp_path / "kb.db"
    subprocess.run([cli, "load", "--location", str(db), "--file", str(ROOT / "outputs" / "triples.nt")],
                   check=True, capture_output=True)
    with socket.socket() as s:  # a free loopback port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([cli, "serve-read-only", "--location", str(db), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):  # until it answers, a bounded number of tries
            if server.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {server.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def ask(url, query):
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def test_sparql_endpoint_answers_the_readme_query(endpoint):
    query, table = readme_query_and_table()
    answer = [(b["what"]["value"], b["direction"]["value"], int(b["evidence"]["value"])) for b in ask(endpoint, query)]
    assert answer == table
    # The server holds the whole export: as many statements as edges.tsv has rows.
    (count,) = ask(endpoint, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }")
    edges = (ROOT / "outputs" / "edges.tsv").read_text(encoding="utf-8").splitlines()
    assert int(count["n"]["value"]) == len(edges) - 1
