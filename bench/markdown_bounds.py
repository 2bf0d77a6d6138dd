"""Time of the Markdown pipeline (board/markdown.py) on pathological input of the maximum size.

Usage: .venv/bin/python bench/markdown_bounds.py [--repeat N] [--top K] [--baseline]

Renders every input of tests/board/markdown_corpus.py (each ``MAX_BODY_LENGTH`` characters) with
``render_markdown`` and prints the best of N runs per input (CPU time of this process), slowest
first: the total, the part markdown-it's parse takes, the rest (rendering and sanitising) and the
number of tokens.
``--baseline`` times the same inputs with the pipeline as it was before its work was bounded
(``pipeline_before_the_bounds`` of the corpus module) side by side. Exits with 1 if an input
takes more than ``--limit`` seconds of CPU (default 0.5).
"""

import argparse
import os
import sys
import time
from pathlib import Path

# This file is named like the `markdown` package (which rest_framework imports): the project root
# takes the place of this script's directory on the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from board import markdown  # noqa: E402
from tests.board.markdown_corpus import CASES, pipeline_before_the_bounds  # noqa: E402

#: CPU time of this process: other work on a shared machine does not count (wall time did, by a
#: factor of five at a load of 12 on two cores).
CLOCK = time.process_time


def best_of(repeat, text):
    """(total, markdown-it parse, rest, tokens) of ``render_markdown``, best of ``repeat``."""
    best = None
    for _ in range(repeat):
        started = CLOCK()
        markdown.render_markdown(text)
        total = CLOCK() - started
        started = CLOCK()
        tokens = markdown._PARSER.parse(text)
        parse = CLOCK() - started
        run = (total, parse, max(total - parse, 0.0), markdown.token_count(tokens))
        best = run if best is None or run[0] < best[0] else best
    return best


def baseline(text):
    render = pipeline_before_the_bounds()
    started = CLOCK()
    render(text)
    return CLOCK() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="print only the K slowest inputs")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--limit", type=float, default=0.5)
    args = parser.parse_args()

    rows = []
    for name, text in CASES.items():
        now = best_of(args.repeat, text)
        before = baseline(text) if args.baseline else None
        rows.append((name, len(text), now, before))
    rows.sort(key=lambda row: row[2][0], reverse=True)
    shown = rows[: args.top] if args.top else rows
    header = f"{'input':<28} {'chars':>6} {'total ms':>9} {'parse':>9} {'rest':>9} {'tokens':>7}"
    print(header + (f" {'before ms':>10}" if args.baseline else ""))
    for name, size, (total, parse, rest, tokens), before in shown:
        line = (
            f"{name:<28} {size:>6} {total * 1000:>9.1f} {parse * 1000:>9.1f} "
            f"{rest * 1000:>9.1f} {tokens:>7}"
        )
        if before is not None:
            line += f" {before * 1000:>10.1f}"
        print(line)
    worst = rows[0]
    print(f"worst: {worst[0]!r} {worst[2][0] * 1000:.1f} ms (best of {args.repeat})")
    if args.baseline:
        old = max(rows, key=lambda row: row[3])
        print(f"worst before the bounds: {old[0]!r} {old[3] * 1000:.1f} ms")
    return 1 if worst[2][0] > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
