"""`make bench`, or `.venv/bin/python -m bench --help`."""

import argparse
import gzip
import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import defaultdict
from contextlib import contextmanager

from bench import report
from bench.database import bench_database_url, manage, prepare, server_version
from bench.load import ACCEPT_ENCODING, run_wrk, wrk_version
from bench.measure import count_queries, fetch, first_visit, signed_in_cookie
from bench.pages import FIRST_VISIT, HEALTHZ, PAGES
from bench.server import BASE_DIR, Caddy, Gunicorn, memory_kib

RESULTS_DIR = BASE_DIR / "bench" / ".results"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Load the portal's pages as production serves them.",
    )
    parser.add_argument("--duration", type=int, help="seconds per page (10)")
    parser.add_argument("--warmup", type=int, help="seconds of warm-up per page (2)")
    parser.add_argument(
        "--connections", type=int, default=8, help="wrk connections (8)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--pages",
        help="comma-separated page names (or parts of them) or exact paths"
        " to load; /healthz is always loaded",
    )
    parser.add_argument(
        "--quick", action="store_true", help="3 s per page, 1 s warm-up"
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="load the pages through Caddy (deploy/Caddyfile) in front of gunicorn,"
        " as production serves them",
    )
    parser.add_argument(
        "--write-results",
        action="store_true",
        help="also add this run to bench/RESULTS.md",
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search timing at 100,000 records (python -m bench.search)",
    )
    parser.add_argument(
        "--rebuild-data",
        action="store_true",
        help="drop and rebuild the benchmark database",
    )
    args = parser.parse_args(argv)
    args.duration = args.duration or (3 if args.quick else 10)
    args.warmup = args.warmup if args.warmup is not None else (1 if args.quick else 2)
    return args


def select_pages(spec):
    if not spec:
        return PAGES
    wanted = [word.strip().lower() for word in spec.split(",") if word.strip()]
    pages = [
        page
        for page in PAGES
        if any(w in page.name.lower() or w == page.path for w in wanted)
    ]
    if not pages:
        names = ", ".join(page.name for page in PAGES)
        raise SystemExit(f"No page matches {spec!r}. Pages: {names}")
    return pages


def production_env(database_url):
    """Production settings as the Dockerfile runs them, on this machine."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.prod",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SMTP_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
    }


def measure_page(server, page, cookie, args, notes):
    cookie = cookie if page.signed_in else None
    served = fetch(server.url + page.path, cookie)
    local_status, queries, cold_ms, warm_ms = count_queries(page.path, cookie)
    row = {
        "page": page.name,
        "path": page.path,
        "status": served.status,
        "queries": queries,
        "cold_ms": cold_ms,
        "warm_ms": warm_ms,
        "bytes": served.size,
        "encoding": served.encoding,
        "served": served,
        "rps": None,
        "p50": None,
        "p99": None,
        "ratio": None,
    }
    if isinstance(queries, str):
        notes.append(f"- {page.path}: {queries}")
        row["queries"] = None
    elif local_status != served.status:
        notes.append(
            f"- {page.path}: {served.status} from gunicorn but {local_status}"
            " in-process; its query count may not be the served page's."
        )
    if served.status != 200:
        notes.append(f"- {page.path}: answered {served.status}, not loaded.")
        return row
    url = server.url + page.path
    load = {"connections": args.connections, "threads": args.threads, "cookie": cookie}
    run_wrk(url, duration=args.warmup, **load)
    result = run_wrk(url, duration=args.duration, **load)
    row.update(rps=result.requests_per_s, p50=result.p50_ms, p99=result.p99_ms)
    if result.bad_status or result.errors:
        notes.append(
            f"- {page.path}: {result.bad_status} non-2xx/3xx responses and"
            f" {result.errors} socket errors in {result.requests} requests."
        )
    return row


def print_row(row):
    print(
        f"  {row['path']:<20} {report._n(row['rps']):>8} req/s"
        f"  p50 {report._n(row['p50'], 1):>6} ms"
        f"  p99 {report._n(row['p99'], 1):>6} ms"
        f"  {report._n(row['queries'])} queries"
        f" (uncached: {report._n(row.get('cold_ms'), 1)} ms cold,"
        f" {report._n(row.get('warm_ms'), 1)} ms warm)"
        f"  {row['bytes']:,} bytes",
        flush=True,
    )


def healthz_note(before, after):
    note = (
        f"- /healthz: {before:,.0f} req/s before the pages, {after:,.0f} after;"
        " the table shows their mean, and the ratios are to it."
    )
    if abs(after - before) > 0.15 * max(before, after):
        note += (
            " **They differ by more than 15 %: the machine's load changed during"
            " the run, so the ratios are unreliable. Run again on a quiet machine.**"
        )
    return note


def compression_notes(rows):
    plain = [r for r in rows if r["status"] == 200 and r["encoding"] == "identity"]
    plain = [r for r in plain if r["served"].content_type.startswith("text/html")]
    if not plain:
        return []
    sizes = ", ".join(
        f"{r['path']} {r['bytes']:,} → {len(gzip.compress(r['served'].body)):,}"
        for r in plain
    )
    return [
        "- HTML is served uncompressed (whitenoise compresses static files"
        f" only). With gzip it would be: {sizes} bytes."
    ]


def first_visit_section(base_url, cookie):
    kinds = ["html", "css", "js", "font", "image"]
    lines = [
        f"### First visit (empty cache, Accept-Encoding: {ACCEPT_ENCODING})",
        "",
        "Bytes as served (compressed where the server compresses). Fonts: every"
        " font the CSS references, an upper bound.",
        "",
        "| page | " + " | ".join(kinds) + " | total |",
        "| --- |" + " ---: |" * (len(kinds) + 1),
    ]
    details = {}
    for path in FIRST_VISIT:
        assets, external = first_visit(base_url, path, cookie=None)
        sums = defaultdict(lambda: [0, 0])
        for asset in assets:
            sums[asset.kind][0] += 1
            sums[asset.kind][1] += asset.served.size
            short = asset.url.removeprefix(base_url)
            details[short] = (
                f"- `{short}` {asset.kind}, {asset.served.encoding},"
                f" {asset.served.size:,} bytes"
                + ("" if asset.served.status == 200 else f" ⚠ {asset.served.status}")
            )
        cells = [f"{sums[k][1]:,} ({sums[k][0]})" if sums[k][0] else "-" for k in kinds]
        total = sum(size for _, size in sums.values())
        count = sum(n for n, _ in sums.values())
        lines.append(f"| `{path}` | " + " | ".join(cells) + f" | {total:,} ({count}) |")
        details.update({url: f"- {url} external, not counted" for url in external})
    return "\n".join([*lines, "", "Files (bytes as served):", *details.values()])


def memory_section(server):
    lines = [
        "### gunicorn memory after the run",
        "",
        "| process | RSS MiB | PSS MiB |",
        "| --- | ---: | ---: |",
    ]
    processes = [("master", server.process.pid)]
    processes += [(f"worker {pid}", pid) for pid in server.worker_pids()]
    for label, pid in processes:
        rss, pss = memory_kib(pid)
        lines.append(
            f"| {label} | {report._n(rss and rss / 1024, 1)}"
            f" | {report._n(pss and pss / 1024, 1)} |"
        )
    lines.append(
        "\nRSS counts pages shared with the master (preload_app) in every"
        " process; PSS shares them out, so PSS adds up to the real total."
    )
    return "\n".join(lines)


def search_section():
    """`python -m bench.search` in its own process (its own database, built
    once): the median search time at 100,000 records and the indexes used."""
    print("Search at 100,000 records (python -m bench.search)...", flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.search"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    verdict = "" if done.returncode == 0 else " ⚠ a target or a plan check failed"
    return "\n".join(
        [f"### Search at 100,000 records{verdict}", "", "```", *lines, "```"]
    )


def run(args):
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    pages = select_pages(args.pages)
    RESULTS_DIR.mkdir(exist_ok=True)
    database_url = bench_database_url()
    env = production_env(database_url)
    # Django in this process too (queries per page, the session cookie): the
    # server's settings and database, without a log line per request.
    os.environ.update(env, REQUEST_LOG_LEVEL="WARNING")
    import django

    django.setup()
    # A broken page is reported in one line below; its traceback is in the
    # server's log.
    logging.getLogger("django.request").disabled = True

    print(prepare(database_url, env, rebuild=args.rebuild_data), flush=True)
    step = time.monotonic()
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    print(f"collectstatic: {time.monotonic() - step:.1f} s", flush=True)
    cookie = signed_in_cookie() if any(page.signed_in for page in pages) else None

    notes = []
    rows = []
    log_path = RESULTS_DIR / "gunicorn.log"
    with (
        Gunicorn(env, workers=args.workers, log_path=log_path) as server,
        proxy_in_front(server, args) as front,
    ):
        print(
            f"gunicorn: {args.workers} sync workers on {server.url}"
            f" (log: {log_path.relative_to(BASE_DIR)})",
            flush=True,
        )
        if front is not server:
            print(f"Caddy (deploy/Caddyfile) in front: {front.url}", flush=True)
        for page in [HEALTHZ, *pages]:
            row = measure_page(front, page, cookie, args, notes)
            rows.append(row)
            print_row(row)
        # /healthz again at the end: the ratios are only as good as the
        # baseline, and a machine shared with other work drifts.
        before = rows[0]["rps"]
        after = measure_page(front, HEALTHZ, cookie, args, notes)["rps"]
        print_row({**rows[0], "rps": after})
        memory = memory_section(server)
        first = first_visit_section(front.url, cookie)

    healthz = rows[0]["rps"] = (before + after) / 2
    notes.insert(0, healthz_note(before, after))
    for row in rows:
        if row["rps"]:
            row["ratio"] = row["rps"] / healthz
    notes += compression_notes(rows)
    search = None if args.no_search else search_section()
    options = (
        f"{args.duration} s per page after {args.warmup} s warm-up,"
        f" {args.connections} connections, {args.threads} wrk threads,"
        f" {args.workers} gunicorn sync workers{' behind Caddy' if args.proxy else ''},"
        " wrk on the same machine;"
        f" load average {load_before:.1f} before the run"
    )
    section = report.run_section(
        results=report.table(rows),
        first_visit=first,
        memory=memory,
        search=search,
        notes=notes,
        options=options,
        machine=report.machine(),
        versions=report.versions(
            postgres=server_version(database_url), wrk=wrk_version()
        ),
    )
    print("\n" + section + "\n")
    print(f"Written to {report.write_latest(section).relative_to(BASE_DIR)}")
    if args.write_results:
        print(f"Added to {report.write_results(section).relative_to(BASE_DIR)}")
    print(f"Benchmark took {time.monotonic() - started:.0f} s.")


@contextmanager
def proxy_in_front(server, args):
    """Caddy in front of `server` with --proxy, else `server` itself."""
    if not args.proxy:
        yield server
        return
    with Caddy(
        [server.url.removeprefix("http://")],
        folder=RESULTS_DIR,
        static_dir=BASE_DIR / "staticfiles",
        media_dir=BASE_DIR / "media",
        private_dir=BASE_DIR / "private-media",
    ) as proxy:
        yield proxy


def main(argv=None):
    args = parse_args(argv)
    # SIGTERM ends the run like Ctrl-C does: through the `with`, which stops
    # gunicorn before the benchmark exits.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run(args)
    except KeyboardInterrupt:
        print("Interrupted; gunicorn stopped.", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
