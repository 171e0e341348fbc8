"""The Markdown the benchmark prints and keeps."""

import os
import platform
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
LATEST = BENCH_DIR / ".results" / "latest.md"
RESULTS = BENCH_DIR / "RESULTS.md"
RESULTS_INTRO = """\
# Benchmark results

Written by `.venv/bin/python -m bench --write-results`, newest first. Numbers
only compare within one machine: read the ratio to `/healthz` (one database
round trip through the whole middleware stack) across machines, not req/s.
See `bench/__init__.py` for what a run does.

Columns: req/s, p50 and p99 as served under load (anonymous pages from the
page cache); queries and cold ms of one in-process request right after a change
to the content (nothing cached but the per-process caches); warm ms the same
request again, never from the page cache but with the cached counts, search
rankings and dashboard figures, as a signed-in visitor gets it.
"""


def _proc_value(path, prefix):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def machine():
    mem_kib = _proc_value("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(mem_kib) / 1024**2:.1f} GiB" if mem_kib.isdigit() else mem_kib
    return {
        "CPU": _proc_value("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "RAM": memory,
        "kernel": platform.release(),
    }


def versions(*, postgres, wrk):
    return {
        "Python": platform.python_version(),
        **{name: version(name) for name in ("Django", "gunicorn", "psycopg")},
        "whitenoise": version("whitenoise"),
        "PostgreSQL": postgres,
        "wrk": wrk,
    }


def _n(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def table(rows):
    """rows: dicts with page, path, status, rps, p50, p99, ratio, queries,
    cold_ms, warm_ms, bytes."""
    lines = [
        "| page | path | req/s | p50 ms | p99 ms | ratio to healthz | queries"
        " | cold ms | warm ms | bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        page = (
            row["page"] if row["status"] == 200 else f"{row['page']} ⚠ {row['status']}"
        )
        lines.append(
            f"| {page} | `{row['path']}` | {_n(row['rps'])} | {_n(row['p50'], 1)}"
            f" | {_n(row['p99'], 1)} | {_n(row['ratio'], 2)} | {_n(row['queries'])}"
            f" | {_n(row.get('cold_ms'), 1)} | {_n(row.get('warm_ms'), 1)}"
            f" | {_n(row['bytes'])} |"
        )
    return "\n".join(lines)


def run_section(
    *, results, first_visit, memory, notes, options, machine, versions, search=None
):
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    facts = ", ".join(f"{k} {v}" for k, v in machine.items())
    soft = ", ".join(f"{k} {v}" for k, v in versions.items())
    return "\n\n".join(
        part
        for part in [
            f"## {stamp}",
            f"Machine: {facts}.  \nVersions: {soft}.  \nRun: {options}.",
            results,
            "\n".join(notes),
            first_visit,
            memory,
            search,
        ]
        if part
    )


def write_latest(text):
    LATEST.parent.mkdir(exist_ok=True)
    LATEST.write_text(text + "\n")
    return LATEST


def write_results(section):
    """Put the run at the top of bench/RESULTS.md, below its introduction."""
    history = ""
    if RESULTS.exists():
        history = RESULTS.read_text().removeprefix(RESULTS_INTRO).strip()
    RESULTS.write_text(
        RESULTS_INTRO + "\n" + section + "\n" + (f"\n{history}\n" if history else "")
    )
    return RESULTS
