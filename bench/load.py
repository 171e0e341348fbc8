"""Load one URL with wrk and read its summary."""

import re
import shutil
import subprocess
from dataclasses import dataclass

ACCEPT_ENCODING = "br, gzip"
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class LoadResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors (connect, read, write, timeout)
    bad_status: int  # responses outside 2xx/3xx


def wrk_path():
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk is not installed: run `scripts/apt.sh wrk` (or make bench)"
        )
    return path


def wrk_version():
    # `wrk -v` prints "wrk 4.1.0 [epoll] Copyright ..." and exits 1.
    done = subprocess.run([wrk_path(), "-v"], capture_output=True, text=True)
    found = re.match(r"wrk (\S+)", done.stdout + done.stderr)
    return found.group(1) if found else "unknown"


def run_wrk(url, *, duration, connections, threads, cookie=None):
    command = [
        wrk_path(),
        "-t",
        str(min(threads, connections)),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*command, url], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    return parse_wrk(done.stdout)


def _ms(value, unit):
    return float(value) * _UNITS_MS[unit]


def parse_wrk(output):
    percentiles = {
        int(p): _ms(value, unit)
        for p, value, unit in re.findall(
            r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE
        )
    }
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    if not (rate and total and {50, 99} <= percentiles.keys()):
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    socket_errors = re.search(
        r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return LoadResult(
        requests_per_s=float(rate.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(total.group(1)),
        errors=sum(map(int, socket_errors.groups())) if socket_errors else 0,
        bad_status=int(bad_status.group(1)) if bad_status else 0,
    )
