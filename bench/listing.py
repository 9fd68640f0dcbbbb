"""Benchmark: listing a sessions folder, cold and warm, against the raw TOML parser.

    python bench/listing.py FOLDER [--repeat R] [--make N]

Times in one run, on the session files of FOLDER (with --make N, N synthetic ones are made
there first by make_sessions.py):

- floor: reading and parsing every `*.toml` with `tomllib` alone, in one process: what any
  listing that looks inside the files must at least do on one core;
- cold: `dtworkshop.index.load_index` with no cache (deleted first), and when its first rows
  were handed over; once more from a thread, as the TUI's browser runs it (its worker
  processes then start from a fork server, which costs a little more);
- warm: the same again, nothing changed;
- touched / changed: after `touch`ing one file, and after changing one file's title, with how
  many files were parsed again (the budget: exactly one).

Floor and cold are each run R times (default 3) in turns, so both see the same load of the
machine, and the best of each is compared. The budget (issue 5): warm under 0.3 s, cold at
most 1.2 x the floor, one file parsed after one file changed. Exit status 1 when over budget.
The changed file is put back byte for byte at the end.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dtworkshop.index import CACHE_NAME, load_index  # noqa: E402

WARM_BUDGET = 0.3  # seconds
COLD_BUDGET = 1.2  # x the floor


def floor(folder: Path) -> float:
    """Seconds to read and tomllib-parse every *.toml of `folder` in this process."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    start = time.perf_counter()
    for name in names:
        with open(folder / name, "rb") as handle:
            data = handle.read()
        try:
            tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            pass
    return time.perf_counter() - start


def timed_load(folder: Path) -> tuple[float, float | None, int, int]:
    """(seconds, seconds to the first batch or None, entries, files parsed) of one load."""
    first: list[float] = []
    start = time.perf_counter()

    def on_batch(_entries: list) -> None:
        if not first:
            first.append(time.perf_counter() - start)

    index = load_index(folder, on_batch=on_batch)
    return time.perf_counter() - start, (first or [None])[0], len(index.entries), len(index.parsed)


def threaded_load(folder: Path) -> tuple[float, float | None, int, int]:
    """`timed_load` run in a thread, as the TUI runs it."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(timed_load(folder)))
    worker.start()
    worker.join()
    return result[0]


def forget_cache(folder: Path) -> None:
    try:
        os.unlink(folder / CACHE_NAME)
    except FileNotFoundError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", metavar="FOLDER", type=Path)
    parser.add_argument("--repeat", type=int, default=3, metavar="R",
                        help="runs of the floor and of the cold listing (default 3)")
    parser.add_argument("--make", type=int, metavar="N",
                        help="first make N synthetic sessions in FOLDER")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    if args.make:
        from make_sessions import make

        make(args.make, folder)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    if not names:
        print(f"{folder}: no session files; make some with bench/make_sessions.py N {folder}")
        return 2
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(names)} session files in {folder}, {cores} cores")
    floor(folder)  # warm the operating system's file cache: every run below reads from memory

    floors, colds = [], []
    for _ in range(max(1, args.repeat)):
        floors.append(floor(folder))
        forget_cache(folder)
        gc.collect()
        colds.append(timed_load(folder))
    best_floor = min(floors)
    cold, first, entries, parsed = min(colds)
    forget_cache(folder)
    gc.collect()
    in_thread, thread_first, _, _ = threaded_load(folder)
    gc.collect()
    warm, _, _, warm_parsed = timed_load(folder)

    victim = folder / names[len(names) // 2]
    original, times = victim.read_bytes(), victim.stat()
    try:
        os.utime(victim)  # touch: a new modification time, the same bytes
        touched, _, _, touched_parsed = timed_load(folder)
        text = original.decode("utf-8", "replace")
        victim.write_bytes(text.replace('title = "', 'title = "Ændret: ', 1).encode("utf-8"))
        changed, _, _, changed_parsed = timed_load(folder)
    finally:
        victim.write_bytes(original)
        os.utime(victim, ns=(times.st_atime_ns, times.st_mtime_ns))

    ratio = cold / best_floor
    rows = [
        ("floor: tomllib alone", best_floor, "", floors),
        ("cold listing (no cache)", cold, f"{entries} entries, {parsed} parsed, first rows "
         f"after {first:.2f} s" if first is not None else "", [c[0] for c in colds]),
        ("cold listing from a thread", in_thread,
         f"first rows after {thread_first:.2f} s" if thread_first is not None else "", []),
        ("warm listing (nothing changed)", warm, f"{warm_parsed} parsed", []),
        ("after touching one file", touched, f"{touched_parsed} parsed", []),
        ("after changing one file", changed, f"{changed_parsed} parsed", []),
    ]
    for label, seconds, note, runs in rows:
        extra = f"  (runs: {', '.join(f'{r:.2f}' for r in runs)})" if len(runs) > 1 else ""
        print(f"{label:32} {seconds:7.3f} s  {note}{extra}")
    cache = folder / CACHE_NAME
    if cache.exists():
        print(f"{'cache file':32} {cache.stat().st_size / 1e6:7.1f} MB")

    verdicts = [
        (f"cold / floor = {ratio:.2f} (budget <= {COLD_BUDGET})", ratio <= COLD_BUDGET),
        (f"cold from a thread / floor = {in_thread / best_floor:.2f} (budget <= {COLD_BUDGET})",
         in_thread / best_floor <= COLD_BUDGET),
        (f"warm = {warm:.3f} s (budget < {WARM_BUDGET} s)", warm < WARM_BUDGET),
        (f"warm parsed {warm_parsed} (budget 0)", warm_parsed == 0),
        (f"touched: parsed {touched_parsed} (budget 1)", touched_parsed == 1),
        (f"changed: parsed {changed_parsed} (budget 1)", changed_parsed == 1),
    ]
    for text, ok in verdicts:
        print(f"{'ok  ' if ok else 'OVER'} {text}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
