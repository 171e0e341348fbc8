"""Each checkout's commands touch only its own database and cluster.

Two throwaway checkouts (copies of scripts/) share a port that no one else
uses: the second may neither start on it nor stop the first's cluster. The
cluster the rest of the tests run on is never touched.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from hashlib import md5
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port():
    for port in range(54391, 54399):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port in 54391-54398")


def run(args, **env):
    # Our own scripts and interpreter, fixed arguments.
    return subprocess.run(  # noqa: S603
        args,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def checkouts():
    """Two checkouts (their scripts/ folders) that the postgres user can reach."""
    root = Path(tempfile.mkdtemp(prefix="cpdd-localdb-"))
    root.chmod(0o755)
    made = []
    for name in ("first", "second"):
        checkout = root / name
        shutil.copytree(BASE_DIR / "scripts", checkout / "scripts")
        checkout.chmod(0o755)
        made.append(checkout)
    yield made
    for checkout in made:  # stop whatever the test left running: ours only
        run([checkout / "scripts" / "localdb.sh", "stop"], CPDD_PGPORT="1")
        fallback = md5(f"{checkout}\n".encode()).hexdigest()[:8]  # noqa: S324
        shutil.rmtree(f"/var/tmp/cpdd-pgdata-{fallback}", ignore_errors=True)  # noqa: S108
    shutil.rmtree(root, ignore_errors=True)


def is_listening(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_a_checkout_starts_and_stops_only_its_own_cluster(checkouts):
    first, second = (checkout / "scripts" / "localdb.sh" for checkout in checkouts)
    port = str(free_port())

    started = run([first, "start"], CPDD_PGPORT=port)
    assert started.returncode == 0, started.stderr
    assert f"ready on 127.0.0.1:{port}" in started.stdout

    refused = run([second, "start"], CPDD_PGPORT=port)
    assert refused.returncode != 0
    assert "Another checkout's PostgreSQL" in refused.stderr
    assert "CPDD_PGPORT" in refused.stderr

    refused = run([second, "stop"], CPDD_PGPORT=port)
    assert refused.returncode != 0
    assert "is not this checkout's" in refused.stderr
    assert is_listening(int(port))

    stopped = run([first, "stop"], CPDD_PGPORT=port)
    assert stopped.returncode == 0, stopped.stderr
    assert "PostgreSQL stopped" in stopped.stdout
    assert not is_listening(int(port))


@pytest.mark.parametrize("settings_module", ["dev", "test"])
def test_settings_use_the_database_of_this_checkouts_port(settings_module):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings\n"
            "database = settings.DATABASES['default']\n"
            "print(database['PORT'], database['NAME'])\n",
        ],
        cwd=BASE_DIR,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": f"cpdd_portal.settings.{settings_module}",
            "CPDD_PGPORT": "54391",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["54391", "cpdd"]
