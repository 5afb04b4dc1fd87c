"""The pathological articles of issue 19, each through ``quotes ingest`` in a fresh process:
wall time, peak RSS (the largest of the process and its extraction worker) and what
became of the article (stored, refused when read, failed over its budget).

Used by ``scripts/bench`` (its ``--only-hostile`` runs these rows alone). The files are
written here, at the sizes the issue found or, where that is now over the article
limit, at the limit (the most an input may hold).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotes.limits import MAX_ARTICLE_CHARS  # noqa: E402

TARGET_MB, TARGET_S = 1000, 5.0  # the aim for these files (start-up included)


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def hostile_files(folder: Path) -> list[tuple[str, Path]]:
    """Write the pathological articles into ``folder``; (row name, path) of each."""
    limit = MAX_ARTICLE_CHARS
    texts = {
        "a-quoted.txt: '\"a\" ' to 996 KB": _repeat('"a" ', 996_000),
        f"a-quoted-limit.txt: '\"a\" ' to {limit:,} chars": _repeat('"a" ', limit),
        "marks.html: 100k quote marks in 200 KB of HTML": (
            "<html><body><article><h1>Marks</h1><p>" + _repeat('" ', 199_900) + "</p>"
            "</article></body></html>"
        ),
        "run-40k.txt: 40,000 '\"' in a row": '"' * 40_000,
        **{
            f"run-{n}.txt: {limit:,} {char!r} in a row": char * limit
            for n, char in enumerate(['"', "(", "'", "*", "!", "—"])
        },
        f'apostrophe-s.txt: "\'s" to {limit:,} chars': _repeat("'s", limit),
        "hana-8000.txt: '\"Yes,\" said Hana Brook. ' x 8,000": '"Yes," said Hana Brook. ' * 8_000,
        "hana-25000.txt: the same x 25,000": '"Yes," said Hana Brook. ' * 25_000,
    }
    found = []
    for label, text in texts.items():
        name, description = label.split(": ", 1)
        path = folder / name
        path.write_text(text, "utf-8")
        found.append((description, path))
    return found


def hostile_row(name: str, path: Path, work: Path, timeout: float = 600) -> dict:
    """``quotes ingest PATH`` into a fresh database in ``work``: seconds, peak RSS, outcome."""
    db = work / f"{path.stem}.db"
    db.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "quotes", "ingest", str(path), "--db", str(db)]
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        deadline = started + timeout
        while (done := os.wait4(child.pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                child.kill()
                done = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        _, status, usage = done
        seconds = time.monotonic() - started
        err.seek(0)
        errors = [
            line.split(": ", 2)[-1]
            for line in err.read().decode(errors="replace").splitlines()
            if line.startswith("error: ")
        ]
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        with sqlite3.connect(db) as conn:
            quotes = conn.execute("select count(*) from quotes").fetchone()[0]
        outcome = f"stored, {quotes:,} quotes"
    elif errors:
        outcome = "failed: " + "; ".join(errors)
    else:
        outcome = f"exit {code}" + (f" (killed after {timeout:g} s)" if seconds > timeout else "")
    peak = round(usage.ru_maxrss / 1024)
    return {
        "name": name,
        "chars": len(path.read_text("utf-8")),
        "seconds": round(seconds, 1),
        "peak_rss_mb": peak,
        "outcome": outcome,
        "within_target": peak < TARGET_MB and seconds < TARGET_S,
    }


def hostile_rows(work: Path) -> list[dict]:
    """Every pathological article, one fresh ``quotes ingest`` each."""
    folder = work / "hostile"
    folder.mkdir(exist_ok=True)
    return [hostile_row(name, path, work) for name, path in hostile_files(folder)]


def print_rows(rows: list[dict]) -> None:
    print(
        f"\nPathological articles (issue 19), one fresh `quotes ingest` each, default budget;"
        f" target under {TARGET_MB} MB and {TARGET_S:g} s including start-up:"
    )
    print(f"{'file':44} {'chars':>9} {'seconds':>8} {'RSS MB':>7}  target  outcome")
    for row in rows:
        mark = "yes" if row["within_target"] else "NO"
        print(
            f"{row['name']:44} {row['chars']:>9,} {row['seconds']:>8} {row['peak_rss_mb']:>7}"
            f"  {mark:6}  {row['outcome']}"
        )
