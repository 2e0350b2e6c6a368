"""The review site in a real browser: headless Chromium opens the pages from the file system.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them)
and selenium (the ``test`` extra). Set OSTEOHEME_SCREENSHOT_DIR to keep the
screenshots this test takes; the README's pictures are made that way:

    OSTEOHEME_SCREENSHOT_DIR=docs/img .venv/bin/python -m pytest tests/test_site_browser.py
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from osteoheme.review.site import _slug, build_site

ROOT = Path(__file__).parent.parent
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
DOC_ID = "bone-blood-crosstalk"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _require_browser():
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not path]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        reason = (f"browser test needs {', '.join(missing)}: on Debian/Ubuntu "
                  "`apt-get install chromium chromium-driver` (.ci/run does this)")
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs them, so a missing browser there is a broken set-up
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _require_browser()
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "outputs", out, ROOT / "annotations")
    return out


@pytest.fixture(scope="module")
def browser(site):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # The machine has no network: without these Chromium keeps trying to reach Google's hosts.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--window-size=1280,1000",
                 f"--user-data-dir={site.parent / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


def _save(png: bytes, name: str, tmp_dir: Path) -> Path:
    assert png.startswith(PNG_MAGIC) and len(png) > 5_000, f"{name}: not a real screenshot"
    path = tmp_dir / name
    path.write_bytes(png)
    keep = os.environ.get("OSTEOHEME_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def _in_view(driver, element) -> bool:
    """The element is on screen: the link scrolled the page to it."""
    return driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                 "return r.top > -2 && r.top < window.innerHeight", element)  # sub-pixel offsets


def _image_loaded(driver, element) -> bool:
    return driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", element)


def test_document_page_shows_highlights_and_relations(site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((site / f"doc-{_slug(DOC_ID)}.html").as_uri())
    entities = [json.loads(x) for x in (ROOT / "outputs" / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    marks = browser.find_elements(By.CSS_SELECTOR, "div.entities mark.entity")
    assert len(marks) == sum(e["doc_id"] == DOC_ID for e in entities)
    # displaCy's label and the hover text name the type and the concept
    first = next(e for e in entities if e["doc_id"] == DOC_ID)
    assert first["label"] in marks[0].text and first["concept_name"] in marks[0].get_attribute("title")
    assert marks[0].is_displayed() and marks[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert browser.find_elements(By.CSS_SELECTOR, "tr.fn") and browser.find_elements(By.CSS_SELECTOR, "tr.triple")
    # a triple's sentence link scrolls to its sentence
    link = browser.find_element(By.CSS_SELECTOR, "tr.triple a.sentence")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    assert _in_view(browser, browser.find_element(By.ID, target))
    graph = browser.find_element(By.CSS_SELECTOR, "img.graph")
    assert _image_loaded(browser, graph)
    browser.execute_script("window.scrollTo(0, 0)")
    _save(browser.get_screenshot_as_png(), "report-document.png", tmp_path)


def test_corpus_page_shows_graph_and_links_triples_to_sentences(site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    graph = browser.find_element(By.CSS_SELECTOR, "img.graph")
    assert _image_loaded(browser, graph) and graph.size["width"] > 400
    assert all(_image_loaded(browser, img) for img in browser.find_elements(By.CSS_SELECTOR, "img.chart"))
    # The triples table is paged: every relation is on one of its pages, with its count of mentions and a
    # link to the sentence of each (up to the link limit).
    from osteoheme.review.site import EVIDENCE_LINKS
    pages = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav.triples a.page")]
    counted, linked = 0, 0
    for page in pages + [(site / "index.html").as_uri()]:
        browser.get(page)
        rows = browser.find_elements(By.CSS_SELECTOR, "table.edges tr.edge")
        for row in rows:
            n = int(row.get_attribute("data-evidence"))
            assert len(row.find_elements(By.CSS_SELECTOR, "a.evidence")) == min(n, EVIDENCE_LINKS)
            counted, linked = counted + n, linked + min(n, EVIDENCE_LINKS)
    n_triples = len((ROOT / "outputs" / "triples.jsonl").read_text(encoding="utf-8").splitlines())
    assert counted == n_triples and linked > 0  # every triple is counted under its relation
    evidence = browser.find_elements(By.CSS_SELECTOR, "table.edges a.evidence")
    href = evidence[0].get_attribute("href")
    evidence[0].click()
    anchor = browser.find_element(By.ID, href.split("#")[1])  # the document page has that sentence
    assert browser.execute_script("return window.scrollY") > 0 and _in_view(browser, anchor)
    browser.back()
    graph = browser.find_element(By.CSS_SELECTOR, "img.graph")
    browser.execute_script("arguments[0].scrollIntoView()", graph)
    _save(graph.screenshot_as_png, "report-graph.png", tmp_path)
