"""The real corpus: manifest, `osteoheme corpus fetch` from files and from PubMed E-utilities, no text shipped."""

import hashlib
import http.server
import re
import subprocess
import tarfile
import threading
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import ROOT, SHARED
from osteoheme.cli import app
from osteoheme.io.corpus import missing_real_texts, read_manifest, real_dir
from osteoheme.io.fetch import fetch_corpus
from osteoheme.io.sources import article_text, iter_articles

runner = CliRunner()
COLUMNS = "doc_id,title,origin,license,split,source,chars,sha256\n"


def manifest_row(doc_id: str, text: str, split: str = "test") -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{doc_id},A title,real,publisher,{split},PMID:{doc_id},{len(text)},{digest}\n"


def write_pubtator(path: Path, articles) -> None:
    path.write_text("".join(f"{pmid}|t|{title}\n{pmid}|a|{abstract}\n\n" for pmid, title, abstract in articles),
                    encoding="utf-8")


# "BACKGROUND: … RESULTS: …": how PubTator files write a structured abstract, one labelled AbstractText each in PubMed.
_SECTION = re.compile(r"(?:^|(?<=\s))([A-Z][A-Z ,/&-]+[A-Z]): ")


def sections(abstract: str):
    """(label, text) parts of an abstract, as PubMed would hold them."""
    starts = list(_SECTION.finditer(abstract))
    if not starts or starts[0].start() != 0:
        return [(None, abstract)]
    return [(m.group(1), abstract[m.end():nxt.start() if nxt else len(abstract)].strip())
            for m, nxt in zip(starts, starts[1:] + [None])]


def pubmed_xml(articles) -> bytes:
    root = etree.Element("PubmedArticleSet")
    for pmid, title, abstract in articles:
        citation = etree.SubElement(etree.SubElement(root, "PubmedArticle"), "MedlineCitation")
        etree.SubElement(citation, "PMID").text = pmid
        article = etree.SubElement(citation, "Article")
        etree.SubElement(article, "ArticleTitle").text = title
        container = etree.SubElement(article, "Abstract")
        for label, text in sections(abstract):
            node = etree.SubElement(container, "AbstractText")
            node.text = text
            if label:
                node.set("Label", label)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def test_corpus_manifest_lists_real_documents_with_provenance():
    frame = read_manifest(ROOT / "corpus")
    real = frame[frame["origin"] == "real"]
    assert len(real) >= 60 and real["words"].astype(int).sum() >= 15000
    assert real["doc_id"].str.fullmatch(r"\d{6,9}").all()  # named by PMID
    assert real["source"].str.startswith("PMID:").all() and (real["license"] != "").all()
    test = real[real["split"] == "test"]
    assert len(test) >= 20 and test["words"].astype(int).sum() >= 5000


def test_corpus_no_third_party_text_is_committed():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    real = set(read_manifest(ROOT / "corpus").query("origin == 'real'")["doc_id"])
    assert not [p for p in tracked if Path(p).suffix == ".txt" and Path(p).stem in real]
    assert not [p for p in tracked if p.startswith("training/assets/genia") or p.endswith((".conllu.gz", ".PubTator"))]


def test_corpus_fetch_rebuilds_every_real_text_from_shared_data(needs_real_texts):
    frame = read_manifest(ROOT / "corpus").query("origin == 'real'")
    for row in frame.itertuples():
        text = (real_dir(ROOT / "corpus") / f"{row.doc_id}.txt").read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == row.sha256 and len(text) == int(row.chars)
        for ann in (ROOT / "annotations").rglob(f"{row.doc_id}.ann"):
            assert ann.with_suffix(".txt").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("title,abstract,text", [
    ("Hepcidin and iron.", "IL-6 raises hepcidin.", "Hepcidin and iron.\nIL-6 raises hepcidin."),
    ("  A title ", "An abstract.   Second part. ", "A title\nAn abstract.   Second part."),
    ("Only a title.", "", "Only a title."),
])
def test_corpus_article_text(title, abstract, text):
    assert article_text(title, abstract) == text


def test_corpus_fetch_writes_matching_texts_and_reports_the_rest(tmp_path):
    good, other = "Hepcidin and iron.\nIL-6 raises hepcidin.", "Vitamin D.\nCalcitriol raises calcium."
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text(COLUMNS + manifest_row("111", good) + manifest_row("222", other)
                                         + manifest_row("333", "Never seen."), encoding="utf-8")
    gold = tmp_path / "gold" / "real"
    gold.mkdir(parents=True)
    (gold / "111.ann").write_text("", encoding="utf-8")
    source = tmp_path / "b.pubtator"
    write_pubtator(source, [("111", "Hepcidin and iron.", "IL-6 raises hepcidin."),
                            ("222", "Vitamin D.", "Calcitriol raises calcium, in another version.")])
    report = fetch_corpus(corpus, [source], tmp_path / "gold")
    assert report.written == ["111"] and report.missing == ["333"]
    assert "PMID 222 differs from the one annotated" in report.mismatched["222"] and str(source) in report.mismatched["222"]
    assert (corpus / "real" / "111.txt").read_text(encoding="utf-8") == good == (gold / "111.txt").read_text()
    assert not (corpus / "real" / "222.txt").exists()
    assert missing_real_texts(corpus) == ["222", "333"]
    again = fetch_corpus(corpus, [source], tmp_path / "gold")
    assert again.unchanged == ["111"] and not again.written
    result = runner.invoke(app, ["corpus", "fetch", str(source), "--corpus", str(corpus), "--gold", str(tmp_path / "gold")])
    assert result.exit_code == 1
    assert "1 with another text, 1 not found" in result.output and "333" in result.output


def test_corpus_fetch_reads_genia_treebank_files(tmp_path):
    xml = ('<Annotation><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>444</PMID><Article><ArticleTitle>'
           '<sentence id="S1"><tok cat="NN">Estrogen</tok> <tok cat="VBZ">blocks</tok> <tok cat="NN">TNF</tok>'
           '<tok cat="PERIOD">.</tok></sentence></ArticleTitle><Abstract><AbstractText><sentence id="S2">'
           '<tok cat="NN">E2</tok> <tok cat="VBZ">acts</tok><tok cat="PERIOD">.</tok></sentence>\n<sentence id="S3">'
           '<tok cat="PRP">It</tok> <tok cat="VBZ">works</tok><tok cat="PERIOD">.</tok></sentence></AbstractText>'
           '</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet></Annotation>')
    folder = tmp_path / "GENIA_treebank_v1"
    folder.mkdir()
    (folder / "444.xml").write_text(xml, encoding="utf-8")
    with tarfile.open(tmp_path / "genia.tar.gz", "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    for source in (tmp_path / "genia.tar.gz", folder):
        [article] = iter_articles([source])
        assert article_text(article.title, article.abstract) == "Estrogen blocks TNF.\nE2 acts. It works."


class _EUtilities(http.server.BaseHTTPRequestHandler):
    """efetch.fcgi, answering PubMed XML for the requested ids from an in-memory table."""
    articles: dict = {}
    requests: list = []

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        type(self).requests.append((url.path, query))
        if not url.path.endswith("/efetch.fcgi") or query.get("db") != ["pubmed"]:
            self.send_error(400)
            return
        ids = query["id"][0].split(",")
        body = pubmed_xml([self.articles[i] for i in ids if i in self.articles])
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def eutils_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EUtilities)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils"
    server.shutdown()


def test_corpus_fetch_from_pubmed_eutils(tmp_path, eutils_server, needs_real_texts):
    """The --pubmed path against a local E-utilities server built from the shared BioRED file."""
    frame = read_manifest(ROOT / "corpus").query("origin == 'real'")
    biored = frame[frame["source"].str.contains("BioRED")]
    shared = {a.pmid: (a.pmid, a.title, a.abstract) for a in iter_articles([SHARED / "biored-train" / "Train.PubTator"])}
    _EUtilities.articles = {pmid: shared[pmid] for pmid in biored["doc_id"]}
    _EUtilities.requests = []
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    biored.to_csv(corpus / "manifest.csv", index=False)
    result = runner.invoke(app, ["corpus", "fetch", "--pubmed", "--eutils-url", eutils_server, "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"{len(biored)} written" in result.output
    for row in biored.itertuples():
        text = (corpus / "real" / f"{row.doc_id}.txt").read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == row.sha256
    assert all(q["retmode"] == ["xml"] for _, q in _EUtilities.requests)
    # structured abstracts were served as labelled parts, as PubMed has them
    assert b"Label=" in pubmed_xml(_EUtilities.articles.values())


def test_corpus_fetch_pubmed_unreachable_names_the_url(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text(COLUMNS + manifest_row("111", "x"), encoding="utf-8")
    result = runner.invoke(app, ["corpus", "fetch", "--pubmed", "--eutils-url", "http://127.0.0.1:9/eutils",
                                 "--corpus", str(corpus)])
    assert result.exit_code == 2 and "http://127.0.0.1:9/eutils could not be read" in result.output


def test_corpus_run_says_how_to_fetch_real_texts(nlp, tmp_path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    text = "Hepcidin blocks iron absorption."
    (corpus / "d.txt").write_text(text, encoding="utf-8")
    (gold / "d.txt").write_text(text, encoding="utf-8")
    (gold / "d.ann").write_text("T1\tHORMONE 0 8\tHepcidin\n", encoding="utf-8")
    pd.DataFrame([{"doc_id": "d", "title": "t", "origin": "synthetic", "license": "l", "split": "test", "source": "",
                   "chars": str(len(text)), "sha256": ""}]).to_csv(corpus / "manifest.csv", index=False)
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as f:
        f.write(manifest_row("555", "An abstract.").replace(",test,", ",dev,"))
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--gold", str(gold), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "== synthetic documents ==" in result.output and "== real documents ==" not in result.output
    assert "osteoheme corpus fetch" in result.output and "555" in result.output
