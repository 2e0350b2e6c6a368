"""Time and peak memory of `osteoheme export` and `osteoheme report` as the output grows.

The committed corpus output (outputs/texts.jsonl) is replicated --factors times with new doc_ids, extracted once
per factor (two processes), then each command runs in its own process so its peak memory is its own.

    python benchmarks/export_scale.py --factors 1 10 100
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
OSTEOHEME = [sys.executable, "-m", "osteoheme.cli"]


# Runs one osteoheme command in this child process and reports the child's own peak memory on exit.
_WRAPPER = """
import atexit, resource, sys
atexit.register(lambda: print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))
from osteoheme.cli import main
sys.argv = ["osteoheme"] + sys.argv[1:]
main()
"""


def timed(args) -> tuple:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _WRAPPER, *args], check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_kb = int(run.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return elapsed, peak_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    texts = [json.loads(line) for line in (ROOT / "outputs" / "texts.jsonl").read_text(encoding="utf-8").splitlines()]
    print("| corpus × | documents | triples | export s | export peak MB | report s | report peak MB |")
    print("|---|---|---|---|---|---|---|")
    for factor in sorted(args.factors):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            with (tmp / "in.jsonl").open("w", encoding="utf-8") as f:
                for k in range(factor):
                    for t in texts:
                        f.write(json.dumps({"id": f"{t['doc_id']}-{k}", "text": t["text"]}) + "\n")
            subprocess.run(OSTEOHEME + ["extract", str(tmp / "in.jsonl"), "--out", str(tmp / "out"), "-q", "-n", "2"],
                           check=True, capture_output=True)
            triples = sum(1 for _ in (tmp / "out" / "triples.jsonl").open(encoding="utf-8"))
            export_s, export_kb = timed(["export", str(tmp / "out"), "--out", str(tmp / "kb")])
            report_s, report_kb = timed(["report", str(tmp / "out"), "--out", str(tmp / "site")])
            print(f"| {factor} | {factor * len(texts):,} | {triples:,} | {export_s:.1f} | {export_kb / 1024:,.0f} | "
                  f"{report_s:.1f} | {report_kb / 1024:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
