"""Words per second and peak memory of the default pipeline.

The shipped corpus is replicated until it holds at least --words words, then
run through nlp.pipe in one process, as `osteoheme extract` does.

    python benchmarks/throughput.py --words 1000000
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import osteoheme
from osteoheme.io.readers import find_texts, read_text

ROOT = Path(__file__).parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000, help="at least this many words (default 1M)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--config", default=None,
                        help="a config file or packaged pipeline: scorer, rules, parser, parser-scorer, parser-ner (default: default.cfg, i.e. scorer)")
    args = parser.parse_args()

    files, _ = find_texts([args.corpus])
    texts = [read_text(f) for f in files]
    per_copy = sum(len(t.split()) for t in texts)
    copies = -(-args.words // per_copy)
    docs = texts * copies
    words = per_copy * copies

    start = time.perf_counter()
    nlp = osteoheme.load(config=args.config)
    load_s = time.perf_counter() - start

    start = time.perf_counter()
    n_triples = n_ents = 0
    for doc in nlp.pipe(docs, batch_size=args.batch_size):
        n_triples += len(doc._.triples)
        n_ents += len(doc.ents)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(docs), "words": words, "seconds": round(elapsed, 2),
        "words_per_second": round(words / elapsed), "load_seconds": round(load_s, 2),
        "peak_rss_mb": round(peak_mb), "entities": n_ents, "triples": n_triples,
        "pipeline": args.config or "default", "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
