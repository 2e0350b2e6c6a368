"""Batch extraction at 1×, 10× and 100× the shipped corpus, with 1 and 2 processes.

Each run is `osteoheme.batch.extract` in a fresh child process over a JSONL
file of the corpus replicated N times (unique doc_ids), so peak memory is that
run's alone (the child's own and its workers').

    python benchmarks/scale.py --factors 1 10 100 --processes 1 2 --engines local dask

(the dask engine here is a local cluster of this machine's cores, started by the run and timed with it)
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
CHILD = """
import json, resource, sys, time
from osteoheme.batch import extract
start = time.perf_counter()
summary = extract([sys.argv[1]], sys.argv[2], progress=False, n_process=int(sys.argv[3]), engine=sys.argv[4])
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"documents": summary["documents"], "words": summary["words"], "seconds": round(elapsed, 2),
                  "peak_rss_mb": round(own), "peak_worker_rss_mb": round(workers)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local"], help="local and/or dask (a local dask cluster)")
    args = parser.parse_args()
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in args.factors:
            corpus = Path(tmp) / f"corpus-{factor}.jsonl"
            with corpus.open("w", encoding="utf-8") as f:
                for k in range(factor):
                    for doc_id, text in texts:
                        f.write(json.dumps({"id": f"{doc_id}-{k}", "text": text}) + "\n")
            runs = [("local", n) for n in args.processes if "local" in args.engines]
            runs += [("dask", 2)] if "dask" in args.engines else []
            for engine, n in runs:
                out = Path(tmp) / f"out-{factor}-{engine}-{n}"
                result = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(n), engine],
                                        capture_output=True, text=True, check=True)
                row = json.loads(result.stdout.strip().splitlines()[-1])
                row.update({"factor": factor, "engine": engine, "processes": n,
                            "words_per_second": round(row["words"] / row["seconds"])})
                rows.append(row)
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
